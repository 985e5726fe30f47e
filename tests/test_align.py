"""Alignment as a reader would draw it: the seeds, and look-alikes written here."""
from __future__ import annotations

import pytest

from conftest import align_with
from framediff.pipeline import text_article


def _group_of(cmp, side, needle):
    """The group holding the unit of `side` whose text contains `needle`, or None."""
    art = cmp.article(side)
    unit = next(u for u in art.units if needle in u.text)
    return next((g for g in cmp.alignment if unit.id in getattr(g, side)), None), unit


def _texts(cmp, side, ids):
    return " ".join(cmp.article(side).unit(i).text for i in ids)


def test_lavrov_territory_remark_matched_across_reordered_articles(compare_seeds):
    cmp = compare_seeds("003", "004")
    group, unit = _group_of(cmp, "a", "sovereign territory")
    assert group is not None, "003's territory remark must be matched"
    assert "on their territory" in _texts(cmp, "b", group.b)
    # 004 tells it in its last paragraph, 003 in its middle: order is not what aligns them
    a_pos = cmp.article("a").units.index(unit) / len(cmp.article("a").units)
    b_unit = cmp.article("b").unit(group.b[0])
    b_pos = cmp.article("b").units.index(b_unit) / len(cmp.article("b").units)
    assert b_pos - a_pos > 0.3


def test_groups_cross_when_outlets_reorder(compare_seeds):
    cmp = compare_seeds("003", "004")
    order = [(cmp.article("a").units.index(cmp.article("a").unit(g.a[0])),
              cmp.article("b").units.index(cmp.article("b").unit(g.b[0]))) for g in cmp.alignment]
    crossings = sum(1 for x in order for y in order if x[0] < y[0] and x[1] > y[1])
    assert crossings >= 1


def test_kono_unacceptable_and_missile_defence_matched(compare_seeds):
    cmp = compare_seeds("003", "004")
    group, _ = _group_of(cmp, "a", "build-up on the disputed Kuril Islands unacceptable")
    assert group and "unacceptable" in _texts(cmp, "b", group.b)
    group, _ = _group_of(cmp, "a", "Aegis Ashore, were needed strictly for defense")
    assert group and "purely defensive" in _texts(cmp, "b", group.b)


@pytest.mark.xfail(strict=True, reason="not yet found: p 0.19; B tells it in one long unit with other points; "
                   "read against its clause (cosine 0.45 -> 0.64) it still reads as another fact (docs/alignment.md)")
def test_denuclearization_told_inside_lavrovs_long_passage_is_one_statement(compare_seeds):
    """The seeds' gold: A's "agreed to cooperate on North Korea's denuclearization" is B's Lavrov quote "common
    positions on the situation on the Korean peninsula ... complete denuclearization", inside a longer passage."""
    cmp = compare_seeds("003", "004")
    group, _ = _group_of(cmp, "a", "cooperate on North Korea's denuclearization")
    assert group and "complete denuclearization" in _texts(cmp, "b", group.b)


def test_two_meetings_of_one_kind_keep_their_delegations_and_photo_captions_apart(compare_seeds):
    """Seeds 001 (the 2017 talks) and 004 (the 2019 talks) tell two meetings. 001's "held for the first
    time since November 2014" and its photo caption of the ministers ("from left to right ...") are not 004's
    "Foreign Minister Taro Kono and Takeshi Iwaya for defense represent the Japanese side" nor any other of its
    sentences: a start looser than 0.75 grouped them (docs/alignment.md, round 4)."""
    cmp = compare_seeds("001", "004")
    group, _ = _group_of(cmp, "a", "for the first time since November 2014")
    assert group is None or "represent the Japanese side" not in _texts(cmp, "b", group.b)
    group, _ = _group_of(cmp, "a", "from left to right")
    assert group is None


def test_different_quotes_of_one_speaker_stay_apart(compare_seeds):
    cmp = compare_seeds("003", "004")
    group, _ = _group_of(cmp, "a", "Such frequent consultations")
    assert group is None or "non-traditional threats" not in _texts(cmp, "b", group.b)


def test_only_in_one_outlet_is_unmatched(compare_seeds):
    cmp = compare_seeds("000", "002")
    group, unit = _group_of(cmp, "b", "4.2 billion")
    assert group is None and unit.id in cmp.unmatched["b"]
    group, _ = _group_of(cmp, "a", "South Kuril archipelago")
    assert group and "Southern Kurils" in _texts(cmp, "b", group.b)


SPLIT_A = """Ministers meet in Moscow

The foreign and defence ministers of Japan and Russia met in Moscow on Tuesday for their third "2+2" talks, with Sergei Lavrov and Sergei Shoigu hosting Taro Kono and Itsunori Onodera.
Both sides said they would keep working towards a peace treaty.
Lavrov said Russia was worried about Japan's plans to deploy the Aegis Ashore missile defence system."""

SPLIT_B = """Japan and Russia hold security talks

Japan's Foreign Minister Taro Kono and Defence Minister Itsunori Onodera travelled to Moscow for talks with their Russian counterparts on Tuesday.
Sergei Lavrov and Sergei Shoigu hosted the third "2+2" meeting of the four ministers.
Russia voiced concern about the Aegis Ashore missile defence system Japan plans to deploy, Lavrov said.
Both sides said they would keep working towards a peace treaty."""


def test_one_sentence_split_in_two_joins_one_group(embedder):
    """B tells in two sentences (who travelled, who hosted the third "2+2") what A tells in one: one group."""
    a, b = text_article(SPLIT_A, "a"), text_article(SPLIT_B, "b")
    groups, _ = align_with(embedder, a, b)
    met = next(g for g in groups if any("met in Moscow" in a.unit(x).text for x in g.a))
    told = " ".join(b.unit(x).text for x in met.b)
    assert "travelled to Moscow" in told and "hosted the third" in told and "peace treaty" not in told


def test_every_unit_once_and_diff_points_at_real_characters(compare_seeds):
    cmp = compare_seeds("003", "004")
    for side in "ab":
        ids = [u.id for u in cmp.article(side).units]
        placed = [x for g in cmp.alignment for x in getattr(g, side)] + cmp.unmatched[side]
        assert sorted(placed) == sorted(ids)
    for g in cmp.alignment:
        assert g.diff and any(op.op == "equal" for op in g.diff)
        for op in g.diff:
            assert op.a.text == cmp.article("a").text[op.a.start:op.a.end]
            assert op.b.text == cmp.article("b").text[op.b.start:op.b.end]


LOOKALIKES_A = """Parliament passes the budget after a long night

The House of Representatives voted 232 to 190 on Tuesday to pass the spending bill.
Lavrov said Russia would never hand over the islands.
The storm killed 12 people in Texas on Monday.
Japan deployed the Aegis Ashore missile defence system to protect itself from North Korea.
Officials said the minister will visit Beijing in March."""

LOOKALIKES_B = """Parliament passes the budget after a long night

The Senate voted 58 to 42 on Thursday to pass the spending bill.
Kono said Japan would never give up its claim to the islands.
The storm killed 3 people in Florida on Sunday.
Russia deployed the S-400 missile defence system to the islands to protect itself from the United States.
Officials said the minister will visit Beijing next March."""


@pytest.mark.parametrize("needle", ["House of Representatives", "Lavrov said", "12 people", "Aegis Ashore"])
def test_lookalikes_reporting_other_facts_stay_apart(embedder, needle):
    """Another vote, another person's statement, another storm, the other country's missile system."""
    a, b = text_article(LOOKALIKES_A, "a"), text_article(LOOKALIKES_B, "b")
    groups, unmatched = align_with(embedder, a, b)
    unit = next(u for u in a.units if needle in u.text)
    assert unit.id in unmatched["a"]
    visit = next(u for u in a.units if "Beijing" in u.text)
    assert any(visit.id in g.a for g in groups), "the same fact told in other words still matches"


def test_a_passage_matched_to_two_far_apart_passages_marks_nothing_between_them():
    """One outlet splits a point into two sentences far apart (a one-to-many match). The word differences
    are found across both, but no marked span may run from the first into the second: it would mark every
    passage in between as changed."""
    from framediff.wordiff import word_diff

    a = "Lavrov said the talks were useful and that Moscow wants a peace treaty soon."
    between = " ".join(f"Unrelated sentence number {k} about the weather." for k in range(30))
    b = f"Lavrov said the talks were useful, calling them frank. {between} Officials say Moscow wants a peace treaty soon."
    first = (0, b.index(" Unrelated"))
    second = (b.index("Officials"), len(b))
    ops = word_diff(a, [(0, len(a))], b, [first, second])
    equal = [op.b.text for op in ops if op.op == "equal"]
    assert equal == ["Lavrov said the talks were useful", "Moscow wants a peace treaty soon."]
    for op in ops:
        assert first[0] <= op.b.start <= op.b.end <= first[1] or second[0] <= op.b.start <= op.b.end <= second[1]
        assert op.b.text == b[op.b.start:op.b.end] and op.a.text == a[op.a.start:op.a.end]
