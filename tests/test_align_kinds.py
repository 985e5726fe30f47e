"""The kinds of miss and false match a reader found (issue 24), on two reports the test writes."""
from __future__ import annotations

import pytest

from conftest import align_with
from framediff.pipeline import text_article

A = """Pipe bombs mailed to Democrats

Federal agents on Wednesday intercepted a series of crude explosive devices sent through the mail to prominent Democrats.
The packages were addressed to Barack Obama, Hillary Clinton and the billionaire donor George Soros.
The devices were found two weeks ahead of the midterm elections.
"This is an act of terror," Governor Andrew Cuomo said at a news conference in Manhattan.
Police chief James O'Neill said the footage of the evacuation was too disturbing to release.
The F.B.I. said it had opened an investigation and asked the public for tips."""

B = """Bombs sent to Obama, Clinton and Soros

Authorities said Wednesday that they had found a series of crude explosive devices mailed to leading Democratic figures.
In a sweep that stretched from New York to Washington, investigators said the envelopes, each with six stamps and a return address in Florida, were addressed to Barack Obama, Hillary Clinton and George Soros, among others.
The packages arrived in the days leading up to the midterm elections.
Mayor Bill de Blasio called the images from the evacuated newsroom very disturbing.
Andrew Cuomo, the governor of New York, called the bombs an act of terror at a news conference."""


@pytest.fixture(scope="module")
def aligned(embedder):
    a, b = text_article(A, "a"), text_article(B, "b")
    groups, unmatched = align_with(embedder, a, b)
    return a, b, groups, unmatched


def _together(aligned, text_a: str, text_b: str) -> bool:
    a, b, groups, _ = aligned
    ua = next(u for u in a.units if text_a in u.text)
    ub = next(u for u in b.units if text_b in u.text)
    return any(ua.id in g.a and ub.id in g.b for g in groups)


def test_same_fact_at_another_level_of_detail(aligned):
    """"two weeks ahead of the midterm elections" / "in the days leading up to the midterm elections"."""
    assert _together(aligned, "two weeks ahead", "in the days leading up")


def test_one_sentence_inside_a_longer_one(aligned):
    """A's list of addressees is told inside B's long sentence about the envelopes."""
    assert _together(aligned, "The packages were addressed to", "were addressed to Barack Obama")


def test_same_statement_told_another_way(aligned):
    assert _together(aligned, "act of terror", "act of terror")


def test_one_sentence_wire_brief_compares(embedder):
    """A one-sentence brief against a full report: its one fact is found, nothing else is forced."""
    a = text_article("Federal agents intercepted crude explosive devices mailed to Barack Obama and Hillary Clinton, "
                     "officials said on Wednesday.", "a")
    b = text_article(B, "b")
    groups, unmatched = align_with(embedder, a, b)
    assert len(groups) == 1 and len(groups[0].b) <= 3
    assert any("explosive devices" in b.unit(x).text or "addressed to" in b.unit(x).text for x in groups[0].b)
    assert any("evacuated newsroom" in b.unit(x).text for x in unmatched["b"])


def test_another_speakers_words_stay_apart(aligned):
    """O'Neill's footage "too disturbing to release" and de Blasio's images "very disturbing": one shared word, two
    people's statements."""
    assert not _together(aligned, "too disturbing", "very disturbing")


def test_one_statement_with_another_number_is_matched_and_its_number_flagged(embedder):
    """Other numbers rule a pair out as another fact, except in one statement told again with another
    number: that is the disagreement (or the quiet correction) an editor wants to see."""
    from framediff.pipeline import compare_articles

    first = ("Flood in the valley\n\nRescue teams searched the valley after the river burst its banks on Sunday.\n"
             "Officials said 12 people were killed when the flood swept through the village of Ardmore.\n"
             "The regional governor declared a state of emergency.")
    second = first.replace("12 people", "17 people")
    cmp = compare_articles(text_article(first, "a"), text_article(second, "b"), embedder)
    told = {u.id for u in cmp.article("a").units if "were killed" in u.text}
    assert any(told & set(g.a) for g in cmp.alignment)
    numbers = [f for f in cmp.flags if f.type == "numbers"]
    assert [(f.a[0].text, f.b[0].text) for f in numbers][:1] and "12" in numbers[0].a[0].text and "17" in numbers[0].b[0].text


C = """Host apologizes for remarks on costumes

Television host Megan Hale admitted Tuesday she "went too far" when she defended blackface costumes on her morning show.
Hale made the remarks during a panel discussion about Halloween costumes on Monday.
Her co-host, Daniel Price, told reporters he does not regret inviting the panel.
The network said it was reviewing the segment.
At a rally in Ohio, the president also mocked Chelsea Clinton, calling her answers in a recent interview "nasty."
Police in Tacoma, Washington, said the suspect was arrested without incident."""

D = """Megan Hale sorry for blackface comments

Hale went online on Tuesday night to express regret for her comments, telling viewers she had been wrong.
During Monday's broadcast, the host questioned why dressing up in blackface for Halloween was considered racist.
Several of the network's own anchors criticized the remarks on air.
Speaking in Ohio, the president also took aim at the daughter of the woman he beat in 2016, calling her interview answers "nasty."
The investigation, which stretched from Washington state to Florida, led agents to a suspect in Tacoma, where he was arrested on Friday."""


@pytest.fixture(scope="module")
def apology(embedder):
    a, b = text_article(C, "a"), text_article(D, "b")
    groups, unmatched = align_with(embedder, a, b)
    return a, b, groups, unmatched


@pytest.mark.xfail(strict=True, reason="not yet found: p 0.60 below JOIN_P, and D's headline takes C's lead first "
                   "(docs/alignment.md)")
def test_same_apology_in_other_words(apology):
    """"admitted Tuesday she 'went too far'" / "went online on Tuesday night to express regret"."""
    assert _together(apology, "went too far", "express regret")


def test_a_description_for_a_name(apology):
    """"Chelsea Clinton" / "the daughter of the woman he beat in 2016": one person, named in A, described in B."""
    assert _together(apology, "Chelsea Clinton", "the daughter of the woman")


def test_a_place_inside_a_sentence_about_the_investigation(apology):
    """A's arrest in Tacoma is told inside B's long sentence about the investigation."""
    assert _together(apology, "Police in Tacoma", "led agents to a suspect in Tacoma")


def test_another_persons_regret_stays_apart(apology):
    """The co-host "does not regret" inviting the panel; the host went online "to express regret": one shared word,
    two people and two statements."""
    assert not _together(apology, "does not regret", "express regret")


def test_a_quotation_split_in_two_is_one_statement(embedder):
    """A quotes the leader's odds in one sentence; B gives the odds of winning in one sentence and the odds of
    losing in the next (in figures). Both halves are told inside A's sentence: one group, not one of B's
    own facts."""
    a = text_article("Senate odds\n\nRepublicans are bracing for a close fight over the Senate in November.\n"
                     "\"I think there is a two-in-three chance we keep the Senate, but there is a one-in-three chance "
                     "we could lose it, and I'm not taking anything for granted,\" Majority Leader Tom Reyes said on "
                     "Tuesday.\nReyes spoke at a fund-raiser in Denver.", "a")
    b = text_article("Reyes gives his odds\n\nThe majority leader was asked about the midterm elections on Tuesday.\n"
                     "\"I think there is a 2 in 3 chance we keep the Senate,\" Reyes said.\n"
                     "But there is a 1 in 3 chance we could lose it.\n"
                     "Democrats need to gain four seats to take control.", "b")
    groups, _ = align_with(embedder, a, b)
    odds = next(u.id for u in a.units if "two-in-three" in u.text)
    halves = {u.id for u in b.units if "2 in 3" in u.text or "1 in 3" in u.text}
    assert any(odds in g.a and halves <= set(g.b) for g in groups)


def test_a_day_is_not_a_speaker(embedder):
    """"party officials said Sunday" names no speaker called Sunday: the sentence and another outlet's telling of
    the same fact, attributed to another source, are not two people's statements (they were ruled out as such)."""
    a = text_article("Alvarez weighs her future\n\nGovernor Rosa Alvarez has not decided whether to seek a third term.\n"
                     "Ms. Alvarez will not announce her plans before the end of the legislative session, party officials "
                     "said Sunday.\nThe filing deadline is in March.", "a")
    b = text_article("Alvarez keeps them guessing\n\nThe governor has yet to say whether she will run again.\n"
                     "Alvarez will keep her decision to herself until the legislative session ends, the Capitol Report "
                     "says.\nTwo Democrats have already entered the race.", "b")
    groups, _ = align_with(embedder, a, b)
    told = next(u.id for u in a.units if "party officials" in u.text)
    same = next(u.id for u in b.units if "Capitol Report" in u.text)
    assert any(told in g.a and same in g.b for g in groups)


E = """Subpoenas for the governor's campaign

Federal prosecutors have subpoenaed Governor Dana Whitfield's re-election campaign and the state Republican Party over the closure of two toll lanes on the Harbor Bridge.
"We can confirm that the Whitfield for Governor campaign and the state Republican Committee received subpoenas for documents from the U.S. Attorney's office, and we intend to cooperate fully," the campaign said in a statement.
Paul Greer, the lawyer for Ms. Whitfield's campaign, confirmed to reporters that the campaign and the party's committee had received subpoenas and would cooperate with federal prosecutors.
The documents are due on Feb. 18.
A legislative committee has also issued subpoenas to the two organizations."""

F = """Harbor Bridge inquiry widens

A federal investigation into the closing of toll lanes on the Harbor Bridge has reached Governor Dana Whitfield's political operation.
"We can confirm that the Whitfield for Governor campaign and the state Republican Committee received subpoenas for documents from the U.S. Attorney's office, and we intend to cooperate fully," the statement said.
The lanes were closed for four days in September, snarling traffic across the harbor.
Democrats in the legislature have called for hearings."""


@pytest.mark.xfail(strict=True, reason="not yet found: beside a verbatim pair nothing 'says more'; letting such a "
                   "joiner in found it but joined 7 wrong of 11 on 180 BASIL pairs (docs/alignment.md, round 5)")
def test_a_statement_retold_beside_the_verbatim_statement(embedder):
    """Both outlets give the campaign's statement word for word; E also retells it in its own words (the lawyer
    "confirmed ... had received subpoenas and would cooperate"). Beside a verbatim pair nothing can say more of
    the other side, so the retelling is left out, a false "only E reports" (BASIL's Christie subpoenas,
    p 0.94). It should join the statement's group; E's legislative committee stays E's own."""
    a, b = text_article(E, "a"), text_article(F, "b")
    groups, unmatched = align_with(embedder, a, b)
    retold = next(u.id for u in a.units if "Paul Greer" in u.text)
    statement = next(u.id for u in b.units if "We can confirm" in u.text)
    assert any(retold in g.a and statement in g.b for g in groups)
    assert next(u.id for u in a.units if "legislative committee" in u.text) in unmatched["a"]


def test_a_sentence_of_one_word_that_counts_is_not_told_inside_another_that_shares_it(embedder):
    """"It is both of them together." (the end of a speaker's quotation) is not a fact told inside an attendee's
    "People of every race ... came together for different reasons": one shared word is no shared statement."""
    a = text_article("Glenn Beck rips progressivism at CPAC\n\n"
                     "Fox News host Glenn Beck closed the Conservative Political Action Conference on Saturday. "
                     "\"People of every race, political affiliation, religion came together for different reasons,\" "
                     "said Cynthia Burgiss, a student who attended the rally. "
                     "She called him a relatable, everyday guy.", "a")
    b = text_article("Glenn Beck CPAC speech: Republicans don't need a big tent\n\n"
                     "Conservative talk show host Glenn Beck closed a three-day conservative conference on Saturday. "
                     "Beck said one party taxes and spends and the other spends without taxing.\n\n"
                     "\"It is both of them together.\"\n\n"
                     "The crowd was enthralled.", "b")
    groups, _ = align_with(embedder, a, b)
    ua = next(u for u in a.units if "came together" in u.text)
    ub = next(u for u in b.units if "both of them together" in u.text)
    assert not any(ua.id in g.a and ub.id in g.b for g in groups)
