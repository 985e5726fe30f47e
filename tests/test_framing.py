"""Framing flags on the seeds (real model) and on short articles written here."""
from __future__ import annotations

import pytest
from conftest import seed

from framediff.comparison import Comparison
from framediff.framing.rank import NOT_CONTAINERS, SAME_AT

WORD_TYPES = {"loaded", "intensifier", "hedge", "attribution"}
ALL_PAIRS = [("000", "001"), ("000", "002"), ("000", "003"), ("000", "004"), ("001", "002"), ("001", "003"),
             ("001", "004"), ("002", "003"), ("002", "004"), ("003", "004")]


def duplicate(f, kept) -> bool:
    """f points at the same places as kept (half the longer span shared) on every side f has evidence."""
    def same(s, t):
        return min(s.end, t.end) - max(s.start, t.start) >= SAME_AT * max(s.end - s.start, t.end - t.start, 1)
    sides = [s for s in ("a", "b") if getattr(f, s)]
    return bool(sides) and all(any(same(s, t) for s in getattr(f, side) for t in getattr(kept, side))
                               for side in sides)


def inside(f, kept) -> bool:
    """Every evidence span of f lies within an evidence span of a flag in `kept` of another type."""
    sides = [s for s in ("a", "b") if getattr(f, s)]
    others = [k for k in kept if k.type != f.type and k.type not in NOT_CONTAINERS]
    return bool(sides) and all(any(t.start <= s.start and s.end <= t.end for k in others for t in getattr(k, side))
                               for side in sides for s in getattr(f, side))


def flags_of(cmp: Comparison, kind: str):
    return [f for f in cmp.flags if f.type == kind]


def texts(spans) -> str:
    return " | ".join(s.text for s in spans)


@pytest.fixture(scope="module")
def moscow(compare_seeds):
    return compare_seeds("000", "002")


@pytest.fixture(scope="module")
def tokyo(compare_seeds):
    return compare_seeds("003", "004")


def test_naming_finds_kurils_against_northern_territories(moscow):
    kuril = [f for f in flags_of(moscow, "naming") if "Kuril" in texts(f.a) + texts(f.b)]
    assert kuril, [f.summary for f in moscow.flags]
    assert any("Kuril" in s.text for f in kuril for s in f.a)
    assert any("Kuril" in s.text for f in kuril for s in f.b)
    northern = [f for f in flags_of(moscow, "naming") if "Northern Territories" in texts(f.b)]
    assert northern and any("northern" in s.text.lower() or "Kuril" in s.text for f in northern for s in f.a)


def test_naming_ignores_names_both_outlets_use(moscow):
    for f in flags_of(moscow, "naming"):
        assert not {s.text.lower() for s in f.a} & {s.text.lower() for s in f.b}, f.summary
        assert "“Japan”" not in f.summary and "“Russia”" not in f.summary


def test_numbers_70_years_against_60_year_old_dispute(moscow):
    found = [f for f in flags_of(moscow, "numbers") if "70" in texts(f.a) and "60" in texts(f.b)]
    assert found, [f.summary for f in flags_of(moscow, "numbers")]
    assert "70 years" in found[0].summary and "60-year" in found[0].summary
    assert texts(found[0].a) == "more than 70 years" and texts(found[0].b) == "60-year-old"  # as each outlet wrote it


def test_omission_of_the_4_2_billion_sentence(moscow):
    found = [f for f in flags_of(moscow, "omission") if "4.2 billion" in texts(f.b)]
    assert found and not found[0].a
    assert found[0].summary.startswith("Only CGTN reports")


def test_omission_ranks_facts_above_colour(moscow):
    by_text = {texts(f.a + f.b): f.severity for f in flags_of(moscow, "omission")}
    billion = next(v for k, v in by_text.items() if "4.2 billion" in k)
    assert "The problem is disturbing both sides." not in by_text or by_text["The problem is disturbing both sides."] < billion


def test_headlines_fruitless_against_warming_ties(moscow):
    (f,) = flags_of(moscow, "headline")
    assert "fruitless" in texts(f.a) and "do not trust" in texts(f.a)
    assert "warming ties" in texts(f.b)


def test_a_headline_about_easing_tensions_is_not_negative(compare_seeds):
    """AVIONEWS's "Moscow-Tokyo easing of tensions in bilateral talks": tensions eased is good news, not a negative
    headline, and "tensions" is no evidence of a negative tone."""
    cmp = compare_seeds("003", "004")
    assert cmp.tone["b"]["headline"] > 0
    for f in flags_of(cmp, "headline"):
        assert "negative" not in f.summary.split("AVIONEWS")[1] and "“tensions”" not in f.summary


def test_a_word_in_typographic_quotes_keeps_its_tone():
    """NYT's headline "Obama Aide Calls Netanyahu Visit ‘Destructive’ to Ties": the word in curly quotes is as
    negative as without them, and a curly apostrophe negates as a straight one does."""
    from framediff.framing.tone import compound

    plain = compound("Obama Aide Calls Netanyahu Visit 'Destructive' to Ties")
    assert plain < -0.3 and compound("Obama Aide Calls Netanyahu Visit ‘Destructive’ to Ties") == plain
    assert compound("Voters don’t like the plan") == compound("Voters don't like the plan") < 0


def test_attribution_verbs_differ_between_tokyo_reports(tokyo):
    pairs = {(texts(f.a), texts(f.b)) for f in flags_of(tokyo, "attribution")}
    assert ("reaffirmed", "recalled") in pairs, pairs


def test_sourcing_names_voices_only_one_outlet_uses(moscow):
    brown = [f for f in flags_of(moscow, "sourcing") if "Brown" in f.summary]
    assert brown and brown[0].b and not brown[0].a
    assert all(moscow.article("b").text[s.start:s.end] == s.text for s in brown[0].b)


@pytest.mark.parametrize("pair", ALL_PAIRS)
def test_every_span_points_at_its_characters(compare_seeds, pair):
    cmp = compare_seeds(*pair)
    assert cmp.flags
    for f in cmp.flags:
        assert f.a or f.b, f.summary
        for side in ("a", "b"):
            text = cmp.article(side).text
            for s in getattr(f, side):
                assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text, (f.type, s)
                assert s.text.strip(), (f.type, s)


def test_first_screen_of_the_moscow_pair_holds_the_names_and_the_numbers(moscow):
    """The report's summary page and the window's first rows: the Kurils / Northern Territories naming and the
    70 years / 60-year conflict are among the top five."""
    top = moscow.flags[:5]
    assert any(f.type == "naming" and "Northern Territories" in texts(f.b) and "Kuril" in texts(f.a) for f in top), \
        [f.summary for f in top]
    assert any(f.type == "numbers" and "70" in texts(f.a) and "60" in texts(f.b) for f in top), [f.summary for f in top]


@pytest.mark.parametrize("pair", ALL_PAIRS)
def test_reading_down_the_list_never_shows_the_same_characters_under_another_name(compare_seeds, pair):
    """A flag whose evidence lies inside a flag above it of another type (a loaded word in an omitted passage,
    a voice whose only quote is that passage) is folded into that flag, not listed again."""
    flags = compare_seeds(*pair).flags
    for i, f in enumerate(flags):
        assert not inside(f, flags[:i]), f.summary
        assert not any(duplicate(f, k) for k in flags[:i]), f.summary


@pytest.mark.parametrize("pair", ALL_PAIRS)
def test_the_first_screen_holds_the_few_that_matter(compare_seeds, pair):
    """Everything stays in the list, but only a few flags are major or notable; the rest are minor (< 0.33),
    and no one type fills the first screen."""
    flags = compare_seeds(*pair).flags
    assert sum(f.severity >= 0.66 for f in flags) <= 5
    assert sum(f.severity >= 0.33 for f in flags) <= 15
    top = [f.type for f in flags[:5]]
    assert max(top.count(t) for t in top) <= 2, top


@pytest.mark.parametrize("pair", ALL_PAIRS)
def test_no_trivial_flags(compare_seeds, pair):
    cmp = compare_seeds(*pair)
    kinds = {s["speaker"]: s["kind"] for v in cmp.voices["articles"].values() for s in v["speakers"]}
    for f in cmp.flags:
        if f.type == "tone":  # a neutral side is no opposite tone; the headlines have their own flag
            assert f.detail["a"] * f.detail["b"] < 0 and min(abs(f.detail["a"]), abs(f.detail["b"])) >= 0.25
            assert not any(s.start == 0 for s in f.a + f.b)
        if f.type == "sourcing":  # "the two sides", "the report" are no voice of their own
            assert kinds[f.detail["speaker"]] not in ("group", "generic"), f.summary
        if f.type == "naming":  # days are no names; a capital for its country is no rename
            assert not {"tuesday", "thursday", "friday", "pyongyang", "moscow", "tokyo"} & {
                s.text.lower() for s in f.a + f.b}, f.summary


def test_no_number_conflict_between_a_time_ago_and_a_duration(compare_seeds):
    """001's "6 years ago" is a point in time; 000's "three years after ..." is another story's figure."""
    cmp = compare_seeds("000", "001")
    assert not [f.summary for f in flags_of(cmp, "numbers") if "6 years" in texts(f.b)]


@pytest.mark.parametrize("pair", [("000", "002"), ("003", "004")])
def test_flags_ranked_and_each_difference_once(compare_seeds, pair):
    flags = compare_seeds(*pair).flags
    assert [f.severity for f in flags] == sorted((f.severity for f in flags), reverse=True)
    for i, f in enumerate(flags):
        assert not any(duplicate(f, k) for k in flags[:i]), f.summary
    top = {f.type for f in flags[:8]}
    assert top & {"naming", "numbers", "omission", "headline", "sourcing", "attribution"}


def test_tone_and_frames_cover_every_passage(moscow):
    assert set(moscow.tone) == {"a", "b", "groups"}
    assert set(moscow.tone["groups"]) == {g.id for g in moscow.alignment}
    assert moscow.tone["a"]["headline"] < 0  # "fruitless", "do not trust each other"
    units = moscow.frames["units"]
    for side in ("a", "b"):
        assert all(u.id in units for u in moscow.article(side).units)
        assert sum(moscow.frames["profile"][side].values()) <= 1.0001
        assert "Other" not in moscow.frames["profile"][side]  # "Other 88%" tells nothing
    assert "Security and defense" in moscow.frames["profile"]["a"]


def _compare(embedder, text_a: str, text_b: str) -> Comparison:
    from framediff.pipeline import compare_articles, text_article

    return compare_articles(text_article(text_a, "a"), text_article(text_b, "b"), embedder)


STORY = ("Ministers meet in Moscow for security talks\n\n"
         "The foreign ministers of Japan and Russia met in Moscow on Tuesday to discuss a peace treaty. "
         "The minister {verb} that the talks would continue next year. "
         "Both sides agreed to hold another meeting in Tokyo.")


def test_said_against_claimed_is_an_attribution_flag(embedder):
    cmp = _compare(embedder, STORY.format(verb="said"), STORY.format(verb="claimed"))
    found = flags_of(cmp, "attribution")
    assert found and texts(found[0].b) == "claimed" and texts(found[0].a) == "said"
    assert "claimed" in found[0].summary and "said" in found[0].summary
    assert not flags_of(cmp, "naming") and not flags_of(cmp, "omission")


def test_identical_articles_have_no_framing_flags(embedder):
    cmp = _compare(embedder, STORY.format(verb="said"), STORY.format(verb="said"))
    assert cmp.flags == []
    assert cmp.tone["groups"] and all(t["difference"] == 0 for t in cmp.tone["groups"].values())


def test_one_article_gets_only_single_article_flags(embedder):
    from framediff.pipeline import analyse_file

    cmp = analyse_file(seed("000"), embedder=embedder)
    kinds = {f.type for f in cmp.flags}
    assert kinds <= WORD_TYPES | {"headline"} and "headline" in kinds
    assert all(not f.b for f in cmp.flags)
    words = {s.text.lower() for f in cmp.flags if f.type in WORD_TYPES for s in f.a}
    assert {"cautioned", "disturbing"} <= words
    assert set(cmp.tone) == {"a", "groups"} and cmp.frames["profile"]["a"]


def test_single_article_word_flags_point_at_their_words(embedder):
    from framediff.pipeline import analyse_file

    cmp = analyse_file(seed("003"), embedder=embedder)
    text = cmp.article("a").text
    words = [f for f in cmp.flags if f.type in WORD_TYPES]
    assert words
    for f in words:
        (s,) = f.a
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and " " not in s.text
        assert f"“{s.text}”" in f.summary and f.summary.endswith(".")
        assert 0 <= f.detail["judgement"] <= 1


def test_quoted_mask_pairs_straight_and_curly_quotes():
    from framediff.framing.wordscore import quoted_mask

    text = 'He said "no deal" today.\n“Never,” she said. "Open\nclosed'
    mask = quoted_mask(text)
    inside = "".join(c for c, m in zip(text, mask) if m)
    assert "no deal" in inside and "Never," in inside
    assert "today" not in inside and "she said" not in inside and "closed" not in inside


WRITER = ("Senate passes the budget bill\n\n"
          "The Senate passed the budget bill on Tuesday after a long debate. "
          "Republican leaders {verb} to the demands of the White House after weeks of talks. "
          "The bill now goes to the House.")


def test_scorer_prefers_the_writers_judgement_words(embedder):
    """'caved' is in no lexicon; the scorer still flags it, and not a neutral verb in the same place."""
    from framediff.framing import wordscore
    from framediff.pipeline import text_article

    def p_of(verb):
        art = text_article(WRITER.format(verb=verb), "a")
        from framediff.nlp import parse

        rows = wordscore.article_rows(parse(art.text), art.text, art.units)
        scored = wordscore.score_rows(rows, "single", embedder.encode)
        return next(sc for sc in scored.values() if sc.tok.text == verb)

    caved, agreed = p_of("caved"), p_of("agreed")
    assert caved.chosen and not agreed.chosen and caved.p > 1.5 * agreed.p


def test_scorer_falls_back_without_the_fitted_model(embedder):
    """The Embedder's model is the one the contextual weights were fitted with; any other embedding gets none."""
    from framediff.framing import wordscore

    assert wordscore.mode_for("single", embedder.encode)[0] == "single+ctx"
    assert wordscore.mode_for("single", lambda texts: None)[0] == "single"
    assert wordscore.mode_for("pair", None)[0] == "pair"


def test_rank_folds_a_word_inside_an_omission_and_wears_a_repeated_type_thin():
    from framediff.comparison import Flag, Span
    from framediff.framing.rank import DECAY, rank

    passage = Span(0, 60, "x" * 60)
    omissions = [Flag("omission", f"Only A reports {k}", 0.5, [Span(100 * k, 100 * k + 60, "y" * 60)], [])
                 for k in range(1, 4)]
    flags = [Flag("loaded", "A uses “x”", 0.4, [Span(10, 15, "xxxxx")], []),
             Flag("omission", "Only A reports this", 0.5, [passage], []), *omissions,
             Flag("naming", "Same thing, different names", 0.45, [Span(200, 210, "z" * 10)], [Span(5, 9, "wwww")])]
    out = rank(flags)
    assert [f.type for f in out][:2] == ["omission", "naming"]  # the second omission counts 0.5 x 0.8 < 0.45
    assert "loaded" not in [f.type for f in out]
    assert out[0].detail["folded"] == [{"type": "loaded", "summary": "A uses “x”",
                                         "a": [{"start": 10, "end": 15, "text": "xxxxx"}], "b": []}]
    assert [f.severity for f in out if f.type == "omission"] == [round(0.5 * DECAY ** k, 3) for k in range(4)]
    assert all(f.detail["raw_severity"] == 0.5 for f in out if f.type == "omission")
    assert [f.severity for f in rank(flags)] == [f.severity for f in out]  # ranking again changes nothing
    assert len(out[0].detail["folded"]) == 1
    alone = Flag("omission", "Only A reports this", 0.5, [passage], [])
    assert [f.severity for f in rank([alone], same_event=False)] == [0.3]  # different events: 0.5 x 0.6


def test_a_word_in_an_omitted_passage_is_folded_even_when_the_omission_is_listed_later():
    from framediff.comparison import Flag, Span
    from framediff.framing.rank import rank

    omissions = [Flag("omission", f"Only A reports {k}", 0.5, [Span(100 * k, 100 * k + 60, "y" * 60)], [])
                 for k in range(4)]
    word = Flag("loaded", "A uses “radically”", 0.3, [Span(310, 319, "radically")], [])
    out = rank([*omissions, word])  # the fourth omission counts 0.5 x 0.8^3 = 0.256 < 0.3
    assert [f.type for f in out] == ["omission"] * 4
    assert out[3].detail["folded"][0]["summary"] == "A uses “radically”"


# --- Naming: the articles' own naming statements ("which Russia calls ..."), and labels that stand in one place
# of matched passages with a low cosine ("military build-up" / "military and missile presence") ---------------

def naming_with(cmp: Comparison, words: str, side: str = "b"):
    return [f for f in flags_of(cmp, "naming") if words in texts(getattr(f, side))]


def spans_are_the_text(cmp: Comparison, f) -> None:
    for side in ("a", "b"):
        for s in getattr(f, side):
            assert cmp.article(side).text[s.start:s.end] == s.text, (side, s)


def test_naming_kurils_against_the_name_the_tokyo_government_gives(tokyo):
    """003 only ever says "Kuril Islands"; 004 says "the Kurils" too, but also "the four southern islands that the
    Tokyo government calls "the northern territories""."""
    (f,) = naming_with(tokyo, "the Tokyo government calls")
    assert f.summary == ("Pakistan Point News / Sputnik calls it “Kuril Islands”, “disputed Kuril Islands”; "
                         "AVIONEWS also gives the Japanese name, “northern territories”.")
    assert {s.text for s in f.a} == {"Kuril Islands", "disputed Kuril Islands"}
    assert texts(f.b) == 'the Tokyo government calls "the northern territories | the northern territories for Japan'
    assert f.severity >= 0.33 and f.detail["not_given"] == ["northern territories"]
    spans_are_the_text(tokyo, f)


def test_naming_an_outlet_adopting_the_name_the_other_attributes(compare_seeds):
    """001 writes "the northern territories" (and "the four northern islands") in its own words; 004 gives it as the
    Tokyo government's name for what 004 calls "the four southern islands": one difference, flagged once."""
    cmp = compare_seeds("001", "004")
    (f,) = flags_of(cmp, "naming")
    assert f.summary == ("guanchazhewang says “northern territories” in its own words; "
                         "AVIONEWS gives “northern territories” as the Tokyo government's name, "
                         "for what it calls “four southern islands” (guanchazhewang: “four northern islands”).")
    assert {s.text for s in f.a} == {"northern territories", "four northern islands"}
    assert "the Tokyo government calls" in texts(f.b) and "four southern islands" in texts(f.b)
    assert f.detail["adopted"] == ["northern territories"]
    spans_are_the_text(cmp, f)


def test_naming_statements_on_both_sides_are_no_attribution_difference(moscow, compare_seeds):
    """000 ("in Russia is known as ..., in Japan is known as ...") and 002 ("which Russia calls ... and Japan
    calls ...") both give both names: only the wording flag stays; 000 and 004 give the Japanese name in two
    wordings, one name worded two ways."""
    assert not [f for f in flags_of(moscow, "naming") if "statements" in f.detail]
    cmp = compare_seeds("000", "004")
    (f,) = flags_of(cmp, "naming")
    assert f.summary == ("Both give the Japanese name, worded differently: Waonews “four northern islands”; "
                         "AVIONEWS “northern territories”.")
    assert f.detail["raw_severity"] < 0.66


def test_naming_military_build_up_against_military_and_missile_presence(tokyo):
    """Cosine 0.4 only, but the two labels are what Tokyo "considers ... unacceptable" in the matched passage,
    set against each other by the word diff, and both are "military"."""
    (f,) = naming_with(tokyo, "military and missile presence")
    assert texts(f.a) == "military build-up" and texts(f.b) == "military and missile presence"
    assert "“military build-up”" in f.summary and "“military and missile presence”" in f.summary
    spans_are_the_text(tokyo, f)


def test_naming_militarization_joins_the_military_build_up(compare_seeds):
    """000's "military presence" and "military construction program" (two sentences matched with 003's one) meet
    003's "military build-up" (all "military"); 000's "militarization" (the noun made from that word) is 000's other
    name for the thing."""
    cmp = compare_seeds("000", "003")
    (f,) = naming_with(cmp, "military build-up")
    assert {s.text for s in f.a} == {"military presence", "military construction program", "militarization"}
    assert "“militarization”" in f.summary
    spans_are_the_text(cmp, f)


NAMED = ("Talks on the islands\n\n"
         "Four islands – which Russia calls the Southern Kurils and Japan calls the Northern Territories – are at "
         "the heart of the dispute. The archipelago, called the Kuril chain by Moscow, was seized in 1945. "
         "The islands known in Japan as the Hoppo Ryodo have about 20,000 residents. "
         "Russia holds what Tokyo refers to as its northern lands. "
         "Lavrov called the talks a waste of time. Kono called the meeting productive.")


def test_naming_statement_patterns_in_written_text():
    """Who calls the thing what, read from the parse; "called the talks a waste of time" is a characterisation
    and "called the meeting productive" no name."""
    from framediff.framing.context import Context
    from framediff.framing.naming_statements import statements
    from framediff.pipeline import text_article

    art = text_article(NAMED, "a")
    found = statements(Context(Comparison(articles=[art]), None), "a")
    got = {(st.text, st.who) for st in found}
    assert got == {("Southern Kurils", "Russian"), ("Northern Territories", "Japanese"), ("Kuril chain", "Russian"),
                   ("Hoppo Ryodo", "Japanese"), ("northern lands", "Japanese")}, got
    for st in found:
        assert art.text[st.start:st.end] == st.text
        assert st.text in art.text[st.cue[0]:st.cue[1]]
    named = {st.text: art.text[st.thing:].split()[0] for st in found if st.thing >= 0}
    assert named == {"Southern Kurils": "islands", "Northern Territories": "islands", "Hoppo Ryodo": "islands"}, named


ISLANDS = ("Ministers discuss the islands\n\n"
           "The foreign ministers of Japan and Russia met in Tokyo on Friday to discuss a peace treaty. "
           "{islands} remained the main obstacle to the treaty. "
           "Both sides agreed to hold another meeting in Moscow.")


def test_a_name_one_outlet_adopts_and_the_other_attributes_in_written_text(embedder):
    cmp = _compare(embedder, ISLANDS.format(islands="The dispute over the Northern Territories"),
                   ISLANDS.format(islands="The dispute over the islands, which Japan calls the Northern Territories,"))
    (f,) = flags_of(cmp, "naming")
    assert f.summary == ("Article A says “Northern Territories” in its own words; "
                         "Article B gives “Northern Territories” as Japan's name.")
    assert texts(f.a) == "Northern Territories" and texts(f.b) == "Japan calls the Northern Territories"
    spans_are_the_text(cmp, f)


def test_bisected_span_tests_match_checking_every_span():
    """SpanIndex and wordscore.places give what testing each span gives (issue 8)."""
    import random
    from types import SimpleNamespace as NS

    from framediff.framing import wordscore
    from framediff.spans import SpanIndex

    rng = random.Random(8)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 12)))]
        units = [(s, s + rng.randint(1, 60)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 6)))]
        index = SpanIndex(spans)
        ops = [NS(op=rng.choice(["equal", "replace"]), a=NS(start=s, end=e)) for s, e in spans]
        by_id = {str(k): NS(start=s, end=e) for k, (s, e) in enumerate(units)}
        cmp = NS(alignment=[NS(diff=ops)], unmatched={"a": list(by_id)},
                 article=lambda side: NS(unit=lambda u: by_id[u]))
        place_of = wordscore.places(cmp, "a")
        changed = [(o.a.start, o.a.end) for o in ops if o.op != "equal" and o.a.end > o.a.start]
        for _ in range(30):
            s = rng.randint(0, 260)
            e = s + rng.randint(1, 15)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            assert index.holds(s) == any(a <= s < b for a, b in spans)
            assert index.covers(s, e) == any(a <= s and e <= b for a, b in spans)
            p = place_of(NS(idx=s, text="x" * (e - s)))
            assert (p.changed, p.unmatched) == (any(a < e and s < b for a, b in changed),
                                                any(a <= s and e <= b for a, b in units))


# --- One difference once, within one type too ---------------------------------------------------------------------

def twin(f, kept) -> bool:
    """kept (of f's type) already shows all of f's evidence on one side of the two."""
    def same(s, t):
        return min(s.end, t.end) - max(s.start, t.start) >= SAME_AT * max(s.end - s.start, t.end - t.start, 1)
    return kept.type == f.type and any(
        getattr(f, side) and all(any(same(s, t) for t in getattr(kept, side)) for s in getattr(f, side))
        for side in ("a", "b"))


@pytest.mark.parametrize("pair", ALL_PAIRS)
def test_one_type_never_shows_the_same_evidence_twice(compare_seeds, pair):
    """Reading down the list, a flag never shows again, on one side, what a flag of its own type above it shows."""
    flags = compare_seeds(*pair).flags
    for i, f in enumerate(flags):
        assert not any(twin(f, k) for k in flags[:i]), f.summary


def test_kuril_islands_of_003_are_flagged_once(tokyo):
    """003's "Kuril Islands" against 004's Japanese name is the flag; 004's "Kuril archipelago" (one name worded two
    ways) is never listed as a flag of its own."""
    kuril = [f for f in flags_of(tokyo, "naming") if "Kuril Islands" in texts(f.a)]
    assert len(kuril) == 1, [f.summary for f in kuril]
    assert kuril[0].detail["not_given"] == ["northern territories"]
    assert not [f.summary for f in flags_of(tokyo, "naming") if "Kuril archipelago" in texts(f.b)]


# --- Naming: general nouns head no name; a name both outlets use is set against no other ---------------------------

def test_issues_of_two_scopes_are_no_two_names(moscow, embedder):
    """000's "regional and global security issues" and 002's "international issues" are topics of different scope,
    not two names of one thing: a general noun ("issues", "matters", "questions") heads no name."""
    assert not [f.summary for f in flags_of(moscow, "naming") if "issues" in texts(f.a) + texts(f.b)]
    story = ("Ministers discuss the islands\n\n"
             "The foreign ministers of Japan and Russia met in Tokyo on Friday to discuss a peace treaty. "
             "The ministers said they were ready to solve {}. Both sides agreed to hold another meeting in Moscow.")
    cmp = _compare(embedder, story.format("regional and global security issues"), story.format("international issues"))
    assert not flags_of(cmp, "naming")


def test_a_name_both_outlets_use_is_not_set_against_another(compare_seeds):
    """001 says "northern territories" itself (and "four northern islands"); 002 gives "Northern Territories" as
    Japan's name: the one naming difference is that 001 adopts Japan's name, not "four northern islands" against
    "Northern Territories" (reports of different meetings: a notable flag, not the strongest of the list)."""
    cmp = compare_seeds("001", "002")
    assert not cmp.same_event.verdict
    (f,) = flags_of(cmp, "naming")
    assert f.summary == ("guanchazhewang says “northern territories” in its own words and never gives the Russian "
                         "name; CGTN gives “Southern Kurils” as Russia's name and “Northern Territories” as Japan's name.")
    assert texts(f.a) == "northern territories" and f.detail["raw_severity"] < 0.75


# --- Issue 8: naming embeds only the labels that can take part ----------------------------------------------------

@pytest.mark.parametrize("pair", [("000", "002"), ("000", "003"), ("003", "004")])
def test_naming_embeds_only_the_labels_that_can_take_part(compare_seeds, embedder, monkeypatch, pair):
    """Issue 8: naming embeds the labels in changed parts of matched passages and those sharing a stem with a seed,
    well under the one-sided labels, and finds what gathering from every label finds."""
    from framediff.framing import naming
    from framediff.framing.context import Context
    from framediff.framing.naming_statements import naming_flags

    cmp = compare_seeds(*pair)
    sent = []

    def embed(texts):
        sent.extend(texts)
        return embedder.encode(texts)

    def seen(flags):
        return [(f.summary, texts(f.a), texts(f.b), f.severity) for f in flags]

    found = seen(naming_flags(Context(cmp, embed)))
    ctx = Context(cmp, embedder.encode)
    la, lb = naming.labels(ctx, "a"), naming.labels(ctx, "b")
    keys_a, keys_b = {x.key for x in la}, {x.key for x in lb}
    one_sided = {x.text.lower() for x in la if x.key not in keys_b} | {x.text.lower() for x in lb if x.key not in keys_a}
    assert found and len(set(sent)) < 0.6 * len(one_sided), (len(set(sent)), len(one_sided))
    monkeypatch.setattr(naming, "_stem_mates", lambda labs, i: set(range(len(labs))))
    assert seen(naming_flags(Context(cmp, embedder.encode))) == found


def test_rank_folds_a_flag_of_one_type_that_repeats_one_side_of_another():
    """Within one type, a flag showing again all of a kept flag's spans on one side is folded into it; a flag of
    another type with the same spans on that side stays (its difference is another), and so does a flag of the
    same type that shares only part of that side."""
    from framediff.comparison import Flag, Span
    from framediff.framing.rank import rank

    kuril = [Span(10, 23, "Kuril Islands"), Span(90, 103, "Kuril Islands")]
    statement = Flag("naming", "A calls it Kuril Islands; B also gives the Japanese name", 0.6, kuril,
                     [Span(40, 60, "northern territories")])
    variant = Flag("naming", "One name worded two ways", 0.4, kuril, [Span(200, 217, "Kuril archipelago")])
    partly = Flag("naming", "Same thing, different names", 0.5, [kuril[0], Span(300, 310, "the chain")],
                  [Span(400, 410, "the Kurils")])
    numbers = Flag("numbers", "Different figures", 0.5, kuril, [Span(500, 510, "four isles")])
    out = rank([variant, statement, partly, numbers])
    assert [f.summary for f in out] == [statement.summary, numbers.summary, partly.summary]
    assert [x["summary"] for x in out[0].detail["folded"]] == ["One name worded two ways"]


@pytest.mark.parametrize("pair", [("000", "002"), ("000", "001")])
def test_omission_and_numbers_in_blocks_find_what_every_pair_finds(compare_seeds, embedder, pair, monkeypatch):
    """Long articles are compared in row blocks, never as one passages x passages matrix: one passage per block
    must give the flags the whole matrix gives, and each passage's quotes and nearest passage the brute-force ones."""
    import numpy as np

    from framediff.framing import numbers, omission
    from framediff.framing.context import Context

    cmp = compare_seeds(*pair)
    ctx = Context(cmp, embedder.encode)
    for side, other in (("a", "b"), ("b", "a")):
        units = ctx.article(side).units
        held = omission.quotes_by_unit(ctx, side)
        for u in units:
            brute = [q for q in cmp.quotes if q.article == side and q.start < u.end and u.start < q.end]
            assert held.get(u.id, []) == brute
        assert any(held.values())
        va, vb = ctx.vectors(side), ctx.vectors(other)
        best, where = omission.nearest(va, vb, block=3)
        assert np.allclose(best, (va @ vb.T).max(axis=1)) and (where == (va @ vb.T).argmax(axis=1)).all()
    whole = numbers.number_flags(ctx) + omission.omission_flags(ctx)
    monkeypatch.setattr(numbers, "BLOCK", 1)
    monkeypatch.setattr(omission, "BLOCK", 1)
    assert numbers.number_flags(ctx) + omission.omission_flags(ctx) == whole
    assert whole


@pytest.mark.parametrize("pair", [("003", "004"), ("000", "002"), ("001", "004")])
def test_naming_statement_lookups_read_only_the_labels_that_can_answer(compare_seeds, embedder, pair):
    """The indexed look-ups of the article's own labels give what a scan of every label gives."""
    from framediff.framing import naming_statements as ns
    from framediff.framing.context import Context
    from framediff.framing.naming import labels

    ctx = Context(compare_seeds(*pair), embedder.encode)
    stmts = {s: ns.statements(ctx, s) for s in ("a", "b")}
    assert stmts["a"] or stmts["b"]
    found = 0
    for side in ("a", "b"):
        own = ns.OwnLabels(ctx, side, stmts[side], labels(ctx, side))
        assert own.starts == sorted(own.starts)
        for st in stmts["a"] + stmts["b"]:
            assert own.same_name(st) == [x for x in own.labels if ns._same_name(x, st)]
            s, e = st.sentence
            assert own.between(s, e) == [x for x in own.labels if s <= x.start < e]
            names = set(st.names)
            assert own.proper_named(names) == [x for x in own.labels if x.proper and set(x.names) & names]
        found += sum(len(own.same_name(st)) + len(own.between(*st.sentence)) for st in stmts["a"] + stmts["b"])
    assert found  # the look-ups were asked something they could answer
