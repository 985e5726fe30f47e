"""Hand-checked look-alikes: passages that share most words but report different facts stay apart,
while the same fact in other words is matched. Pairs from the seeds and from BASIL triplets (the same
event told by two outlets); BASIL texts are read from ../shared/bench at test time, never stored here:
each pair names (file, paragraph, sentence) and a reader's verdict."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, align_with

sys.path.insert(0, str(ROOT / "bench"))
from align_gold import basil_article  # noqa: E402 - the benchmark's reader of a BASIL article: one for both

BASIL = ROOT.parent / "shared" / "bench" / "basil" / "articles"

# (triplet file stem, paragraph, sentence) in outlet 1 and outlet 2, a reader's verdict, why
PAIRS = [
    ("2015/6e502405-bc90-4416-a787-3122918aa648", (1, 1), (12, 0), False, "another amount for another period"),
    ("2015/2742e9c1-2943-496f-8b23-faf5332e1612", (1, 0), (0, 0), False, "backed off signing / signed the revision"),
    ("2010/ae243a95-b2c2-410c-9e2b-b083b4b8eb48", (15, 1), (3, 1), False, "Republican plan / Democratic demand"),
    ("2010/ae243a95-b2c2-410c-9e2b-b083b4b8eb48", (3, 1), (2, 1), False, "two different sentences of one letter"),
    ("2014/ed8c136f-8d44-4c83-ad05-0dcfc3a0c54a", (7, 0), (3, 2), True, "stopped twice on the New Jersey Turnpike"),
    ("2015/2742e9c1-2943-496f-8b23-faf5332e1612", (6, 2), (4, 0), True, "his son signed the veto petition"),
    ("2015/2742e9c1-2943-496f-8b23-faf5332e1612", (8, 0), (5, 0), True, "pressure from Walmart"),
    ("2015/6e502405-bc90-4416-a787-3122918aa648", (4, 0), (6, 0), True, "tax returns released back to 1977"),
    ("2010/ae243a95-b2c2-410c-9e2b-b083b4b8eb48", (1, 0), (1, 0), True, "the 42 members' letter to Reid"),
]


@pytest.mark.skipif(not BASIL.is_dir(), reason="needs ../shared/bench/basil beside the checkout")
@pytest.mark.parametrize("stem,sa,sb,same,why", PAIRS, ids=[p[4] for p in PAIRS])
def test_basil_pair(embedder, stem, sa, sb, same, why):
    a, wa = basil_article(BASIL / f"{stem}_1.json", "a")
    b, wb = basil_article(BASIL / f"{stem}_2.json", "b")
    groups, _ = align_with(embedder, a, b)
    together = any(a.units[wa[sa]].id in g.a and b.units[wb[sb]].id in g.b for g in groups)
    assert together == same, why


def test_seed_lookalikes(compare_seeds):
    """Another quote by the same minister; the other country's missile system."""
    pairs = [(compare_seeds("003", "004"), "Such frequent consultations", "non-traditional threats"),
             (compare_seeds("000", "002"), "newest missile defense system", "Tokyo decided to expand")]
    for cmp, text_a, text_b in pairs:
        ua = next(u for u in cmp.article("a").units if text_a in u.text)
        ub = next(u for u in cmp.article("b").units if text_b in u.text)
        assert not any(ua.id in g.a and ub.id in g.b for g in cmp.alignment), (text_a, text_b)
