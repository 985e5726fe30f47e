"""The kinds of miss and false match a reader found (issue 24), on two reports the test writes."""
from __future__ import annotations

import pytest

from framediff.align import align
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
    groups, unmatched = align(a, b, embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units]))
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
    groups, unmatched = align(a, b, embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units]))
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
