"""Issue 21, kind by kind: flags a journalist can cite, on two short articles written here (real model).

Each test writes two reports of one event the way two outlets would, with the one difference (or the one
non-difference) the kind is about, and checks what the whole pipeline flags."""
from __future__ import annotations

from framediff.comparison import Comparison, Flag, Span
from framediff.review import FLOOR, SPEAKER_FLOOR, top_findings

WORD_TYPES = {"loaded", "intensifier", "hedge", "attribution"}


def compare(embedder, a: str, b: str) -> Comparison:
    from framediff.pipeline import compare_articles, text_article

    return compare_articles(text_article(a, "a"), text_article(b, "b"), embedder)


def of(cmp: Comparison, *kinds: str) -> list[Flag]:
    return [f for f in cmp.flags if f.type in kinds]


def words(cmp: Comparison) -> set[str]:
    return {s.text.lower() for f in of(cmp, *WORD_TYPES) for side in "ab" for s in getattr(f, side)
            if f.detail.get("side") == side}


HEAD = "Gunman kills three in shopping mall attack\n\n"


def test_numbers_of_different_things_are_no_conflict_and_the_same_count_is(embedder):
    """"killed 3 people" (the gunman's past crimes) against "two people briefed on the matter" (the sources)
    is no disagreement; the dead counted 3 against 5 in matching passages is one."""
    a = (HEAD + "A gunman killed 3 people at a shopping mall in Denver on Saturday, police said. "
         "The suspect had a long criminal record, officials said. "
         "Police arrested him two hours later at a nearby motel.")
    b = (HEAD + "A gunman killed 5 people at a shopping mall in Denver on Saturday, the police said. "
         "The suspect had planned the attack for weeks, according to two people briefed on the matter. "
         "Police arrested him two hours later at a nearby motel.")
    found = of(compare(embedder, a, b), "numbers")
    assert [(f.a[0].text, f.b[0].text) for f in found] == [("3 people", "5 people")], [f.summary for f in found]
    assert "kill" in found[0].detail["counts"] and "kill" in found[0].summary


def test_two_periods_of_one_couple_and_two_peoples_years_are_no_conflict(embedder):
    """"the six year span" of the returns against "the 12 years since they left" shares only the couple's name; "her
    rival ... released 20 years of returns" is another person's figure than "Lopez released her most recent six
    years": neither pair is a disagreement."""
    a = ("Senator releases tax returns\n\n"
         "Senator Maria Lopez released her tax returns on Monday, along with her medical records. "
         "According to the returns, the Lopezes earned $2,140,600 over the six year span, mostly from book royalties. "
         "A month earlier, her rival Governor Tom Hale released 20 years of tax returns.")
    b = ("Lopez discloses her income\n\n"
         "The campaign posted the documents online. Senator Maria Lopez on Monday released her most recent six years of tax returns, with her medical records. "
         "The Lopezes have grown far richer in the 12 years since they left the state capital, mostly through book "
         "deals and paid speeches.")
    assert not of(compare(embedder, a, b), "numbers"), [f.summary for f in of(compare(embedder, a, b), "numbers")]


def test_a_figure_under_no_verb_is_about_no_one():
    """A headline's "Six years of tax returns" has no verb above its figure: no one it is about, and an answer."""
    from framediff.framing.numbers import quantities
    from framediff.nlp import parse

    text = "Six years of tax returns"
    assert [(q[0], q[1], q[5]) for q in quantities(parse(text), 0, len(text))] == [("year", 6.0, "")]


def test_the_second_figures_scale_is_the_firsts():
    """"a net worth between $19 and $22 million" is 19 million dollars at least, not nineteen dollars."""
    from framediff.framing.numbers import quantities
    from framediff.nlp import parse

    text = "The returns show a net worth between $19 and $22 million, and 2 to 3 billion people watched."
    got = [(q[0], q[1]) for q in quantities(parse(text), 0, len(text))]
    assert ("dollar", 19e6) in got and ("dollar", 22e6) in got and ("dollar", 19.0) not in got, got


def test_a_number_inside_a_quote_is_not_set_against_the_narration(embedder):
    a = (HEAD + "A gunman killed 3 people at a shopping mall in Denver on Saturday, police said. "
         "Police arrested him two hours later at a nearby motel.")
    b = (HEAD + "\"He killed 4 people, maybe more,\" a witness at the shopping mall in Denver said on Saturday. "
         "Police arrested him two hours later at a nearby motel.")
    assert not of(compare(embedder, a, b), "numbers")


SUPREME = ("Court strikes down Texas abortion law\n\n"
           "The Supreme Court on Monday struck down a Texas abortion law, in a ruling that {verb} the state's "
           "claim that the rules protected women. The high court voted 5 to 3. "
           "The law had forced more than half of the state's clinics to close, and the ruling is the court's "
           "most important on abortion in two decades. Abortion rights groups celebrated outside the court.")


def test_function_words_parts_of_names_and_the_subject_are_never_loaded_words(embedder, tmp_path):
    """The judgement words are flagged ("flimsy", "demolished"); "of", "own", "including", "very", "Supreme" (of
    the Supreme Court), "high" (of the high court) and "abortion" (the story's subject) never."""
    from framediff.pipeline import analyse_file

    path = tmp_path / "court.txt"
    path.write_text("Court strikes down Texas abortion law\n\n"
                    "The Supreme Court on Monday struck down a Texas abortion law, in a stunning ruling that demolished "
                    "the state's flimsy claim that the rules protected women. The high court voted 5 to 3, including "
                    "the very own vote of its chief justice. The law had forced more than half of the state's clinics "
                    "to close, and the ruling is the court's most important on abortion in two decades. Abortion "
                    "rights groups celebrated outside the court.", encoding="utf-8")
    cmp = analyse_file(path, embedder=embedder)
    flagged = {s.text.lower() for f in of(cmp, *WORD_TYPES) for s in f.a}
    assert {"flimsy", "demolished"} <= flagged, flagged
    assert not flagged & {"supreme", "high", "court", "abortion", "law", "of", "own", "including", "very"}, flagged
    pair = compare(embedder, SUPREME.format(verb="rejected"), SUPREME.format(verb="demolished"))
    assert not words(pair) & {"supreme", "high", "court", "abortion", "law"}


def test_words_inside_a_quotation_are_the_speakers_not_the_outlets(embedder):
    """"I think it's highly inappropriate" is the senator's wording: no hedge, no attribution verb, no intensifier
    charged to the outlet that quotes it; the verb that introduces the quote is the outlet's."""
    text = ("Senator criticises the nomination\n\n"
            "Senator Mary Collins spoke about the nomination on Tuesday. "
            "\"I think it's highly inappropriate, and I believe the committee should wait,\" Collins {verb}. "
            "The committee will vote on Thursday.")
    cmp = compare(embedder, text.format(verb="said"), text.format(verb="claimed"))
    inside = cmp.article("a").text.index("\"I think")
    end = cmp.article("a").text.index("wait,\"")
    for f in of(cmp, *WORD_TYPES):
        side = f.detail["side"]
        spans = getattr(f, side)
        assert not any(inside <= s.start < end for s in spans), f.summary
    verbs = [f for f in of(cmp, "attribution") if f.detail["word"] == "claimed"]
    assert verbs and "“said”" in verbs[0].summary


def test_a_word_the_other_outlet_uses_elsewhere_is_not_only_in_one(embedder):
    """A calls the candidate "presumptive" where B's matching sentence does not, but B says "presumptive" further
    down: no "only in A" flag for it."""
    a = ("Trump meets party leaders\n\n"
         "The presumptive nominee met party leaders in Washington on Thursday. "
         "They discussed the platform and the convention in Cleveland. "
         "Several senators stayed away from the meeting.")
    b = ("Trump meets party leaders\n\n"
         "The businessman met party leaders in Washington on Thursday. "
         "They discussed the platform and the convention in Cleveland. "
         "Several senators stayed away from the meeting with the presumptive nominee.")
    assert "presumptive" not in words(compare(embedder, a, b))


def test_a_counterpart_plays_the_same_part_or_the_flag_says_there_is_none(embedder):
    story = ("Governor vetoes the budget\n\n"
             "The governor {verb} the budget that lawmakers passed on Friday, calling it reckless. "
             "Lawmakers will try to override the veto next week.")
    cmp = compare(embedder, story.format(verb="vetoed"), story.format(verb="callously vetoed"))
    for f in of(cmp, *WORD_TYPES):
        other = "a" if f.detail["side"] == "b" else "b"
        if getattr(f, other):  # a counterpart is one word of the same part of speech, never "the budget that"
            assert len(getattr(f, other)) == 1 and " " not in getattr(f, other)[0].text.strip(), f.summary
        else:
            assert "no counterpart" in f.summary or "does not have" in f.summary, f.summary
    a = ("Senator attacks the plan\n\n"
         "Senator Ted Cruz criticized the Supreme Court ruling on Monday at a rally in Houston. "
         "The ruling affects millions of voters.")
    b = ("Senator attacks the plan\n\n"
         "Senator Ted Cruz assailed the Supreme Court ruling on Monday at a rally in Houston. "
         "The ruling affects millions of voters.")
    found = [f for f in of(compare(embedder, a, b), *WORD_TYPES) if f.detail.get("word") == "assailed"]
    for f in found:
        assert [s.text for s in f.a] in ([], ["criticized"]), f.summary
        assert "Supreme" not in f.summary.split("where")[-1], f.summary


def test_naming_never_sets_a_group_against_a_part_of_it(embedder):
    a = ("Democrats press for hearings\n\n"
         "Democrats on Tuesday demanded public hearings on the new trade deal with China. "
         "The committee chairs said the deal hurts farmers.")
    b = ("Democrats press for hearings\n\n"
         "Democratic presidential candidates on Tuesday demanded public hearings on the new trade deal with China. "
         "The committee chairs said the deal hurts farmers.")
    naming = of(compare(embedder, a, b), "naming")
    assert not [f for f in naming if "candidates" in " ".join(s.text for s in f.b)], [f.summary for f in naming]


def test_a_body_is_no_other_name_for_people(embedder):
    """"the Republican National Committee" against "GOP Senators" / "Republican senators": they share a party, not a
    referent; no "same thing, different names"."""
    a = ("Steele under fire from his own party\n\n"
         "Michael Steele, the chairman of the Republican National Committee, said on Friday that the war in Afghanistan "
         "was a war of Obama's choosing. The Republican National Committee did not comment further. Steele later "
         "issued a statement.")
    b = ("GOP Senators want Steele out\n\n"
         "Michael Steele, the party chairman, said on Friday that the war in Afghanistan was a war of Obama's choosing, "
         "angering GOP senators. Republican senators did not comment further. Steele later issued a statement.")
    assert not of(compare(embedder, a, b), "naming"), [f.summary for f in of(compare(embedder, a, b), "naming")]


def test_equivalent_words_are_no_difference(embedder):
    """"vowed" / "promising" tell one thing; "disputing" / "disputed" are one word; "mistakenly believed" asserts
    the belief was wrong: no hedge (the outlet's "mistakenly" may be flagged as its judgement, not as a hedge)."""
    a = ("Mayor answers critics\n\n"
         "The mayor vowed to rebuild the bridge by next summer. "
         "She was disputing the council's figures on the cost. "
         "Residents mistakenly believed the bridge was safe.")
    b = ("Mayor answers critics\n\n"
         "The mayor spoke on Monday, promising to rebuild the bridge by next summer. "
         "She disputed the council's figures on the cost. "
         "Residents had thought for years that the bridge was safe.")
    cmp = compare(embedder, a, b)
    flagged = words(cmp)
    assert not flagged & {"vowed", "promising", "disputing", "disputed", "believed", "thought"}, flagged
    assert not [f.summary for f in of(cmp, "hedge", "attribution") if "mistakenly" in f.summary or "believed" in f.summary]


def test_one_speaker_under_two_spellings_is_no_sourcing_difference(embedder):
    a = ("Governor names interim senator\n\n"
         "Governor Deval Patrick named William Cowan to the Senate seat on Wednesday. "
         "\"I am honored to serve the people of Massachusetts,\" Cowan said at the State House. "
         "He will serve until a special election in June.")
    b = ("Governor names interim senator\n\n"
         "Governor Deval Patrick named William Cowen to the Senate seat on Wednesday. "
         "\"I am honored and humbled to serve,\" Cowen told reporters at the State House. "
         "He will serve until a special election in June.")
    sourcing = of(compare(embedder, a, b), "sourcing")
    assert not [f for f in sourcing if f.detail["name"].lower().startswith(("william cow", "cow"))], \
        [f.summary for f in sourcing]


def test_the_frame_profile_shows_only_supported_frames(embedder):
    cmp = compare(embedder, SUPREME.format(verb="rejected"), SUPREME.format(verb="dismissed"))
    for side in "ab":
        assert "Other" not in cmp.frames["profile"][side]
        units = cmp.frames["units"]
        for frame, share in cmp.frames["profile"][side].items():
            assert sum(f == frame for u, f in units.items() if u.startswith(side)) >= 2 or share == 0


def test_each_flag_has_a_confidence_and_the_top_findings_leave_out_the_unsure():
    from framediff.framing.rank import confidence, rank

    def flag(kind, sev, **detail):
        return Flag(kind, f"{kind} flag", sev, [Span(0, 4, "text")], [], None, detail)

    flags = [flag("omission", 0.6, closest=0.2), flag("loaded", 0.9), flag("sourcing", 0.7, speaker_confidence=0.4),
             flag("attribution", 0.8, contrast=True), flag("headline", 0.5)]
    flags[0].a = [Span(10, 30, "x" * 20)]
    flags[4].a = [Span(40, 60, "y" * 20)]
    flags[2].a = [Span(70, 90, "z" * 20)]
    for f in flags:
        f.confidence = confidence(f)
    ranked = rank(flags)
    assert ranked[0].type == "omission"  # most likely right first, though the loaded word is more severe
    top = top_findings(ranked, n=10)
    assert [f.type for f in top] == ["omission", "headline"]
    assert all(f.confidence >= FLOOR for f in top)
    assert next(f for f in ranked if f.type == "sourcing").detail["speaker_confidence"] < SPEAKER_FLOOR


def test_confidence_is_saved_and_old_files_open_sure(embedder, tmp_path):
    import json

    from framediff.schema import read_comparison

    a = (HEAD + "A gunman killed 3 people at a shopping mall in Denver on Saturday, police said. "
         "Police arrested him two hours later at a nearby motel.")
    b = (HEAD + "A gunman killed 5 people at a shopping mall in Denver on Saturday, the police said. "
         "Police arrested him two hours later at a nearby motel.")
    cmp = compare(embedder, a, b)
    assert cmp.flags and all(0 < f.confidence <= 1 for f in cmp.flags)
    d = cmp.to_dict()
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    assert [f.confidence for f in read_comparison(path).flags] == [f.confidence for f in cmp.flags]
    for f in d["flags"]:
        del f["confidence"]
    path.write_text(json.dumps(d), encoding="utf-8")
    assert all(f.confidence == 1.0 for f in read_comparison(path).flags)


def test_a_group_or_a_party_is_no_voice_only_one_outlet_quotes(embedder):
    """"Some leading Democrats" and "the GOP" quoted by one outlet are no person the other failed to quote."""
    a = ("Mosque plan divides Democrats\n\n"
         "The plan for an Islamic center near ground zero split the party on Monday. "
         "Some leading Democrats said \"the center should move to another site.\" "
         "\"This is a matter of local zoning,\" the GOP said in a statement. "
         "The developer said the project would go ahead.")
    b = ("Mosque plan divides Democrats\n\n"
         "The plan for an Islamic center near ground zero split the party on Monday. "
         "Leading Democrats want the center to move to another site, according to their aides. "
         "Republicans called it a matter of local zoning in a statement. "
         "The developer said the project would go ahead.")
    cmp = compare(embedder, a, b)
    sourcing = of(cmp, "sourcing")
    assert [f for f in sourcing if f.detail["name"].lower() == "the gop"]  # still listed, one click away
    assert not [f for f in sourcing if f.detail["name"].split()[0].lower() in {"some", "other", "most"}], \
        [f.summary for f in sourcing]
    assert all(f.confidence < FLOOR for f in sourcing if f.detail["name"].lower() in ("the gop", "republicans"))
    assert not [f for f in top_findings(cmp.flags) if f.type == "sourcing" and "GOP" in f.summary]


def test_a_clause_about_a_winner_is_no_unnamed_source_but_sources_are(embedder):
    """"The winner ... will be a favorite, considering Massachusetts is ..." quotes no one; "multiple sources" is
    a voice only one outlet uses, judged true but seldom worth leading with (1 right, 4 marginal of 5)."""
    a = ("Governor names interim senator\n\n"
         "Governor Deval Patrick on Wednesday named his former chief of staff to the Senate seat. "
         "Both parties will hold special-election primaries in mid May. "
         "But the winner of the Democratic primary will be a likely favorite to win the June special election, "
         "considering Massachusetts is among the most liberal states in the country. "
         "Patrick also announced the general election date on Wednesday.")
    b = ("Governor names interim senator\n\n"
         "Governor Deval Patrick on Wednesday named his former chief of staff to the Senate seat. "
         "Both parties will hold special-election primaries in mid May. "
         "Patrick had considered several candidates, multiple sources said. "
         "Patrick also announced the general election date on Wednesday.")
    cmp = compare(embedder, a, b)
    names = [f.detail["name"].lower() for f in of(cmp, "sourcing")]
    assert not [n for n in names if "winner" in n], names
    assert [n for n in names if "sources" in n], names  # listed, one click away: unnamed sources are seldom a lead
    assert not [f for f in top_findings(cmp.flags) if f.type == "sourcing" and "sources" in f.summary]


def test_an_interviewers_question_is_no_sourcing_difference(embedder):
    """The host who asks the questions is not a source the other outlet left out; the one who answers is."""
    a = ("Santorum doubles down\n\n"
         "Rick Santorum defended his remarks on prenatal testing in a television interview on Sunday. "
         "\"What in the world were you talking about?\" host Bob Schieffer asked. Santorum did not back down. "
         "\"It is a fact,\" he said. "
         "He also repeated his criticism of public schools.")
    b = ("Santorum stands by remarks\n\n"
         "Rick Santorum appeared on a Sunday television program. "
         "Democrats called his remarks on prenatal testing divisive. "
         "He also repeated his criticism of public schools.")
    cmp = compare(embedder, a, b)
    names = [f.detail["name"] for f in of(cmp, "sourcing") if f.detail["side"] == "a"]
    assert not [n for n in names if "Schieffer" in n], names
    assert [n for n in names if "Santorum" in n], names


COVER = "Newsweek cover of Bachmann draws fire\n\n"


def test_prominence_rests_only_on_a_match_the_aligner_is_sure_of(embedder):
    """A lead told again at the end of the other report is promoted; a late sentence that only looks like the lead
    (another picture, another fact) makes no prominence flag the report leads with."""
    lead = "Newsweek put Michele Bachmann on its cover this week under the headline \"The Queen of Rage.\" "
    middle = ("Conservative bloggers called the photograph unflattering. The magazine said it had chosen the picture "
              "from dozens taken at a campaign stop in Iowa. Its editor defended the choice on Monday. "
              "The campaign declined to comment on the image. Other candidates were asked about it in Ames. ")
    a = COVER + lead + "The cover shows Bachmann against a stark blue background, looking into the camera with a wide-eyed expression. " + middle
    b = (COVER + "Conservative bloggers called the photograph unflattering. " + middle +
         "The outtakes show Ms. Bachmann shaking hands with voters and signing autographs, with the same wide-eyed "
         "intensity as in the cover shot. " + lead)
    cmp = compare(embedder, a, b)
    top = [f for f in top_findings(cmp.flags) if f.type == "prominence"]
    assert all(f.detail["sure_match"] and f.detail["match_score"] >= 0.95 for f in top), [f.summary for f in top]
    assert [f for f in top if "Queen of Rage" in f.summary], [f.summary for f in of(cmp, "prominence")]
    assert not [f for f in top if "wide-eyed" in f.summary or "outtakes" in f.summary], [f.summary for f in top]


def test_a_pledge_to_appear_is_no_quote_and_the_same_words_are_the_same_voice(embedder):
    """"Santorum pledging to appear" quotes no one; a blogger both outlets quote word for word, named by one
    ("Freedom's Lighthouse") and not by the other, is no voice only one outlet quotes."""
    a = ("Trump pulls out of debate\n\n"
         "Donald Trump said on Tuesday he would not moderate the Newsmax debate. "
         "Only Newt Gingrich and Rick Santorum had agreed to attend, with Santorum pledging to appear. "
         "A blogger on the Web site Freedom's Lighthouse said, \"Can anyone really say with a straight face that "
         "the debate was ever going to happen?\" "
         "\"I must leave all of my options open,\" Trump said.")
    b = ("Trump pulls out of debate\n\n"
         "Donald Trump said on Tuesday he would not moderate the Newsmax debate. "
         "One blogger asked, \"Can anyone really say with a straight face that the debate was ever going to happen?\" "
         "\"I must leave all of my options open,\" Trump said.")
    names = [f.detail["name"] for f in of(compare(embedder, a, b), "sourcing")]
    assert not [n for n in names if "Santorum" in n or "Gingrich" in n or "Lighthouse" in n], names


def test_one_voice_left_out_is_one_finding(embedder):
    """An outlet that alone quotes a voice, in a quotation that runs over two sentences, gives one finding: not a
    sourcing flag and an omission for each of its sentences."""
    a = (COVER + "Newsweek put Michele Bachmann on its cover this week under the headline \"The Queen of Rage.\" "
         "\"Who has ever called a man the King of Rage? Basically what Newsweek magazine is saying of a serious "
         "contender for president is that she is unhinged. "
         "They are basically casting her as a nut job,\" Terry O'Neill, the president of the National Organization "
         "for Women, told The Daily Caller. "
         "\"Good women will not run for office if a magazine can do this to a prominent politician,\" O'Neill said. "
         "The magazine said it had chosen the picture from dozens taken in Iowa.")
    b = (COVER + "Newsweek put Michele Bachmann on its cover this week under the headline \"The Queen of Rage.\" "
         "Conservative bloggers called the photograph unflattering. "
         "The magazine said it had chosen the picture from dozens taken in Iowa.")
    cmp = compare(embedder, a, b)
    oneill = [f for f in top_findings(cmp.flags) if "O'Neill" in f.summary or "nut job" in f.summary
              or any("nut job" in s.text for s in f.a)]
    assert len(oneill) == 1, [f.summary for f in oneill]


def test_figures_both_outlets_give_or_of_two_periods_are_no_conflict(embedder):
    """"35.72, and a combined rate of 45.8 percent" against "35.7 percent ... 45.8 percent" tells both figures
    twice; a rate from 2007 through 2014 and the rate for 2014 are two periods."""
    head = "Clintons release tax returns\n\n"
    a = (head + "Hillary Clinton's tax return showed that her 2014 federal tax rate was 35.72, and, with city and "
         "state income taxes, was a combined rate of 45.8 percent. "
         "From 2007 through 2014 the couple paid $43.9 million in federal taxes, for an effective tax rate of "
         "31.55 percent. She also released a letter from her doctor.")
    b = (head + "The Clintons' effective federal tax rate for 2014 was 35.7 percent, while the effective tax rate "
         "for federal, state and local taxes was 45.8 percent. She also released a letter from her doctor.")
    found = of(compare(embedder, a, b), "numbers")
    assert not found, [f.summary for f in found]


def test_two_sums_for_one_purchase_disagree_and_rounded_or_bounded_sums_do_not(embedder):
    """"$5,687.75 on Martha's Vineyard Holistic Retreat" against "a $5,587.75 vacation at the Martha's Vineyard
    Holistic Retreat" (passages the aligner leaves apart) is a conflict a fact-checker wants; "over $10,000 at Best
    Buy" against "$10,977.74 ... at Best Buy", "a $43,000 Rolex watch" against "a $43,350 ... Rolex watch" and
    "$43 million in federal taxes" against "$43,885,310 in federal taxes" agree; sums for different things
    ("$313.89 on stuffed animals" / "$5,150 on fur capes") are no conflict."""
    head = "Former congressman pleads guilty to spending campaign money\n\n"
    a = (head + "Former Rep. Jesse Jackson Jr. pleaded guilty on Wednesday to spending $750,000 in campaign funds on "
         "personal items, including a $43,000 Rolex watch. Records disclosed Wednesday showed that the expenses "
         "included $4,272.78 on a cruise, over $10,000 at Best Buy, over $300 at Build-A-Bear, and $5,687.75 on "
         "Martha's Vineyard Holistic Retreat. His wife spent $5,150 on fur capes and parkas. Over the years the "
         "couple paid $43 million in federal taxes. The judge set the sentencing for June 28.")
    b = (head + "Jesse L. Jackson Jr. pleaded guilty on Wednesday in connection with his use of $750,000 in campaign "
         "money, which bought a $43,350 gold-plated men's Rolex watch. From 2007 to 2011, Mr. Jackson bought "
         "$10,977.74 worth of televisions at Best Buy, according to the documents. In 2008, he used the money for a "
         "$466.30 dinner in Washington and a $5,587.75 vacation at the Martha's Vineyard Holistic Retreat, the "
         "document said. The Jacksons spent $313.89 on stuffed animals from Build-A-Bear, according to the "
         "documents. The couple paid $43,885,310 in federal taxes. The judge is scheduled to sentence him on June 28.")
    found = of(compare(embedder, a, b), "numbers")
    assert [(f.a[0].text, f.b[0].text) for f in found] == [("$5,687.75", "$5,587.75")], [f.summary for f in found]
    assert "Retreat" in found[0].summary or "retreat" in found[0].summary


def test_a_quotation_the_other_outlet_quotes_in_part_is_no_omission(embedder):
    """HPO quotes Rice at length; FOX quotes "It's always been bipartisan. We need to keep it that way." The longer
    quotation is not reported as one only HPO tells: the flag says FOX quotes part of it, and it does not lead."""
    head = "Susan Rice calls Netanyahu speech destructive to relations\n\n"
    a = (head + "National security adviser Susan Rice said on Tuesday that Israeli Prime Minister Benjamin Netanyahu's "
         "planned speech to Congress will be destructive to U.S.-Israel relations. "
         "\"It's always been bipartisan,\" Rice added. \"We need to keep it that way. We want it that way. I think "
         "Israel wants it that way. The American people want it that way. When it becomes injected or infused with "
         "politics, that's a problem.\" "
         "Obama has said he will not meet with Netanyahu ahead of his speech in March.")
    b = (head + "National Security Adviser Susan Rice warned that Israeli Prime Minister Benjamin Netanyahu's upcoming "
         "address to Congress will be a destructive force in U.S.-Israel relations. "
         "\"It's destructive to the fabric of the relationship,\" Rice said Tuesday on PBS's Charlie Rose show. "
         "\"It's always been bipartisan. We need to keep it that way.\" "
         "Vice President Biden won't attend the Netanyahu speech.")
    cmp = compare(embedder, a, b)
    only_a = [f for f in of(cmp, "omission") if f.a and "want it that way" in " ".join(s.text for s in f.a)]
    assert only_a, [f.summary for f in of(cmp, "omission")]
    assert all("quotes part of it" in f.summary and "keep it that way" in f.detail["told_verbatim"] for f in only_a)
    assert not {f.summary for f in only_a} & {f.summary for f in top_findings(cmp.flags)}


def test_a_short_quotation_the_other_gives_whole_makes_the_passage_told_but_a_title_does_not():
    """HPO quotes Cowan: "Today marks a watershed moment in American politics"; NYT writes that his group called the
    position “a watershed moment”: NYT quotes part of it, three words, its whole quotation; two words do when both
    say something (“moral document”, not “said so”). A programme's name in quotation marks (“Fox News Sunday”) in both
    is no statement either one quotes."""
    from framediff.comparison import Unit
    from framediff.framing.omission import grams, quoted_words, told_verbatim

    a = ("\"Today marks a watershed moment in American politics,\" Jonathan Cowan, president of Third Way, said.\n"
         "Senator Bob Corker said on \"Fox News Sunday\" that a deal was within reach.")
    b = ("Third Way, a moderate Democratic group, called the position “a watershed moment” in the debate.\n"
         "On “Fox News Sunday,” a Democratic senator said lawmakers would not accept any cuts.")
    mine, theirs = quoted_words(a), grams(quoted_words(b), b)
    starts = [w[1] for w in mine]
    cowan, corker = a.split("\n")
    assert told_verbatim(a, mine, starts, Unit("u1", 0, len(cowan), cowan), theirs) == "a watershed moment"
    at = len(cowan) + 1
    assert told_verbatim(a, mine, starts, Unit("u2", at, at + len(corker), corker), theirs) == ""
    # two words are enough when both say something: the other quotes “moral document” of the senator's sentence
    a = "\"A budget is a moral document, and we have to read it closely,\" Senator Jane Doe said."
    b = "Doe called the plan a “moral document” in her speech, and “said so” twice."
    mine, theirs = quoted_words(a), grams(quoted_words(b), b)
    assert told_verbatim(a, mine, [w[1] for w in mine], Unit("u1", 0, len(a), a), theirs) == "moral document"
    a = "\"I said so before, and I said so again,\" Doe said."
    mine = quoted_words(a)
    assert told_verbatim(a, mine, [w[1] for w in mine], Unit("u1", 0, len(a), a), theirs) == ""


def test_a_fact_the_other_names_in_its_nearest_passage_leads_no_omission(embedder):
    """"In 2009 ... Sarah Palin in running shorts" against "its infamous Sarah Palin cover in 2009" (passages the
    aligner leaves apart): the other outlet tells it, in other words; the report does not lead with it as left out."""
    head = (COVER + "Newsweek put Michele Bachmann on its cover this week under the headline \"The Queen of Rage.\" "
            "Conservative bloggers called the photograph unflattering. ")
    end = "The magazine said it had chosen the picture from dozens taken in Iowa."
    a = (head + "In 2009, the editors selected a photo of Sarah Palin in running shorts, which the former governor "
         "— and many others — called \"sexist.\" " + end)
    b = (head + "It's not the first time Newsweek has faced conservative backlash for a cover. In June, the magazine "
         "portrayed Mitt Romney as a Broadway star. And, of course, it drew widespread criticism for its infamous "
         "Sarah Palin cover in 2009. " + end)
    cmp = compare(embedder, a, b)
    palin = [f for f in of(cmp, "omission") if "Palin" in f.summary]
    assert palin and all(f.confidence < FLOOR for f in palin), [(f.summary, f.detail) for f in palin]
    assert not [f for f in top_findings(cmp.flags) if "Palin" in f.summary]


def test_a_passage_the_other_may_tell_in_other_words_is_no_sure_omission(embedder):
    """The ad's towns and cost, which the other outlet tells at another level of detail ("shown in Portsmouth and
    nearby towns, at a cost the group would not disclose"): that passage, left unmatched, is the aligner's most
    probable partner for it, short of a match but not far, so the flag says the other may tell it in other words and
    names that passage; the clean omission (a court case only A gives) is the surer finding and comes first."""
    from framediff.framing.rank import confidence

    a = ("Group launches ad against harbour plan\n\n"
         "A citizens' group on Thursday launched a television ad attacking the harbour expansion plan backed by "
         "Governor Lena Ortiz.\n"
         "The ad, set to air in Portsmouth, Dover and Exeter, is costing the Coastal Future group $2 million, its "
         "director said.\n"
         "Last year a similar plan in Bristol was abandoned after a court ruled that it broke environmental law, "
         "costing the city $15 million.\n"
         "Ortiz's office said the plan would create 3,000 jobs.")
    b = ("Ad war over the harbour\n\n"
         "Coastal Future, a citizens' group, began running a television ad on Thursday against Governor Lena "
         "Ortiz's harbour expansion plan.\n"
         "The spot will be shown in Portsmouth and nearby towns, at a cost the group would not disclose.\n"
         "The governor's office said the expansion would bring 3,000 jobs to the region.")
    cmp = compare(embedder, a, b)
    flags = {("ad" if "costing the Coastal" in f.summary else "court" if "Bristol" in f.summary else "?"): f
             for f in of(cmp, "omission")}
    ad, court = flags.get("ad"), flags.get("court")
    assert ad and court, [f.summary for f in of(cmp, "omission")]
    partner = cmp.article("b").unit(ad.detail["maybe_told"]["unit"])
    assert ad.summary.startswith("Perhaps only Article A reports") and "may tell it in other words" in ad.summary
    assert partner.text[:40] in ad.summary and "nearby" in partner.text
    assert ad.detail["maybe_told"]["p"] >= 0.5 and "maybe_told" not in court.detail
    assert "may tell" not in court.summary and confidence(court) > confidence(ad)
    order = [f.summary for f in cmp.flags]
    assert order.index(court.summary) < order.index(ad.summary)


def test_a_request_that_quotes_the_speakers_own_words_is_his_voice(embedder):
    """FOX: "In the note, he asked members to join him “for a private conference call” Monday evening." quotes
    Steele's note; the report does not say that FOX does not quote Steele at all."""
    a = ("Steele to announce his intentions\n\n"
         "Republican National Committee Chairman Michael Steele will speak with members on Monday evening. "
         "\"Dear Members, please join me for a private conference call,\" Mr. Steele wrote in a message to "
         "Republicans on Saturday. He said he deserves credit for building the party in every state. "
         "Critics say he has not raised enough money.")
    b = ("Steele to announce his intentions\n\n"
         "Republican National Committee Chairman Michael Steele will speak with members on Monday evening. "
         "Steele sent an e-mail to committee members on Saturday night. In the note, he asked members to join him "
         "\"for a private conference call\" Monday evening. Critics say he has not raised enough money.")
    cmp = compare(embedder, a, b)
    assert not [f.summary for f in of(cmp, "sourcing") if "Steele" in f.summary and "not quote" in f.summary], \
        [f.summary for f in of(cmp, "sourcing")]


def test_an_agency_named_by_its_acronym_is_no_person(embedder):
    """"A former senior NSA official said ..." quotes no person named NSA: the report does not lead with "quotes NSA";
    the speaker whose words the article gives ("he said" after naming Rubio) still leads."""
    a = ("Rubio lays out foreign policy\n\n"
         "Marco Rubio gave his first foreign policy speech on Wednesday in New York. "
         "A former senior NSA official said the surveillance program \"is lawful and overseen by the courts.\" "
         "Rubio said Obama had weakened the military, and cast Hillary Clinton as the president's loyal deputy. "
         "\"She was the chief architect of a foreign policy that was a disaster,\" he said in an interview afterwards. "
         "The speech was held at the Council on Foreign Relations.")
    b = ("Rubio lays out foreign policy\n\n"
         "Marco Rubio gave his first foreign policy speech on Wednesday in New York. "
         "The speech was held at the Council on Foreign Relations.")
    cmp = compare(embedder, a, b)
    top = [f.detail["name"] for f in top_findings(cmp.flags) if f.type == "sourcing"]
    assert "NSA" not in top and "Marco Rubio" in top, top


def test_a_title_cased_headline_makes_no_proper_name(embedder):
    """"Gay Couples" in "Romney Reaffirms Opposition to Marriage, or Unions, for Gay Couples" is the article's "gay
    couples", no proper name: set against the other outlet's "gay marriage" it is no rename the report leads with."""
    a = ("Romney Reaffirms Opposition to Marriage, or Unions, for Gay Couples\n\n"
         "Like many conservative Republicans, Mitt Romney is opposed not only to same-sex marriage but also to civil "
         "unions for gay couples. Now that President Obama has embraced same-sex marriage, the rights of gay couples "
         "are an issue of the campaign. Romney said marriage should be restricted to heterosexual couples.")
    b = ("Romney maintains opposition to gay marriage\n\n"
         "Following President Obama's support for same-sex marriage, Mitt Romney said he maintains his opposition to "
         "gay marriage. Romney said marriage should be between a man and a woman.")
    cmp = compare(embedder, a, b)
    assert not [f for f in of(cmp, "naming") if f.detail.get("proper")], [f.summary for f in of(cmp, "naming")]
    assert not [f for f in top_findings(cmp.flags) if f.type == "naming"]


def test_a_quote_paragraph_that_goes_on_with_its_source_is_one_omission(embedder):
    """"According to Peter Keating ..., $1.1 million is the estimated cost" and the quote paragraph after it are one
    fact left out, not two."""
    a = ("House reads the Constitution\n\n"
         "The House read the Constitution aloud on Thursday, the second day of Republican control. "
         "According to Peter Keating at Vanity Fair, $1.1 million is the estimated cost of reading the document on "
         "the House floor.\n\n"
         "\"The amount I get is nearly $1.1 million, though this is more back-of-the-envelope than exact.\"\n\n"
         "Speaker John Boehner read the preamble.")
    b = ("House reads the Constitution\n\n"
         "The House read the Constitution aloud on Thursday, the second day of Republican control. "
         "Speaker John Boehner read the preamble.")
    cmp = compare(embedder, a, b)
    told = [f for f in cmp.flags if "1.1 million" in f.summary or any("1.1 million" in r["summary"] for r in
                                                                         f.detail.get("folded", []))]
    shown = [f for f in top_findings(cmp.flags) if f in told]
    assert len(shown) == 1, [f.summary for f in told]



def test_does_not_quote_at_all_is_less_sure_when_the_other_names_them_beside_a_quotation():
    """NYT's "Mr. Netanyahu is shown saying" before a quotation: the quotes step may give that quote to no one, so
    "NYT does not quote them at all" ranks as a less sure kind; an article that never names them beside a quotation
    leaves the flag as sure as any voice."""
    from framediff.framing.rank import confidence, kind_of
    from framediff.framing.sourcing import _named_with_quote, quoting_units
    from framediff.pipeline import text_article

    shown = text_article("Netanyahu appears in ad\n\nA new advertisement uses a news clip of the prime minister. "
                         "“The fact is that every day that passes, Iran gets closer to nuclear arms,” Mr. Netanyahu "
                         "is shown saying.", "b")
    named = text_article("Netanyahu appears in ad\n\nA new advertisement uses a news clip of Benjamin Netanyahu. "
                         "The group behind it called it “a wake-up call.”", "b")
    assert _named_with_quote(quoting_units(shown), "Bibi Netanyahu")
    assert not _named_with_quote(quoting_units(named), "Bibi Netanyahu")  # named, but not in the sentence with the quotation
    flag = Flag("sourcing", "HPO quotes Bibi Netanyahu", 0.6, [Span(0, 4, "text")], [], None,
                {"kind": "person", "speaker_confidence": 1.0, "named_by_other": True})
    assert kind_of(flag) == "sourcing_named" and confidence(flag) < 0.8
