"""Prominence: a fact in one outlet's headline or lead that the other tells only near the end.

Severity 0.5 + 0.4 x the gap in position (0.66 to 0.9): a promoted or buried fact is among the few that matter.
"Promoted" is only as true as the match it rests on: two passages the aligner joined at a lower probability are
often two facts that look alike ("The cover shows Bachmann ... wide-eyed" / "The pictures show Ms. Bachmann shaking
hands ... the same wide-eyed intensity"). A flag is `detail["sure_match"]` when the group's score is at least
SURE_MATCH and the two sides name no different people or numbers (facts.name_conflict, number_conflict,
contrasts); the others rank as a kind rarely right (rank.kind_of "prominence_loose").
"""
from __future__ import annotations

from ..comparison import Flag
from ..facts import contrasts, name_conflict, number_conflict, sentence_facts
from .context import Context

LEAD = 0.2  # share of the article (by unit position) that counts as headline and lead
BURIED = 0.6  # from this position on, a passage counts as told late
LEAD_UNITS = 3  # ... and the first few units always count as lead
GAP = 0.4  # the two positions must be this far apart
SURE_MATCH = 0.95  # the aligner's probability from which two passages are taken as one fact (judged on BASIL dev)


def _lead(ctx: Context, side: str, uid: str) -> bool:
    units = ctx.article(side).units
    return ctx.position(side, uid) <= LEAD or any(u.id == uid for u in units[:LEAD_UNITS])


def sure_match(score: float, text_a: str, text_b: str) -> bool:
    """Is the matched group one fact for certain: a high aligner probability, and no name or number that one
    side gives and the other contradicts?"""
    fa, fb = sentence_facts(text_a), sentence_facts(text_b)
    return (score >= SURE_MATCH and not name_conflict(fa, fb) and not number_conflict(fa, fb)
            and not contrasts(text_a, text_b))


def prominence_flags(ctx: Context) -> list[Flag]:
    flags = []
    A, B = ctx.article("a"), ctx.article("b")
    for g in ctx.cmp.alignment:
        pa = min(ctx.position("a", u) for u in g.a)
        pb = min(ctx.position("b", u) for u in g.b)
        for side, mine, theirs, p_mine, p_theirs in (("a", g.a, g.b, pa, pb), ("b", g.b, g.a, pb, pa)):
            other = ctx.other(side)
            if (not any(_lead(ctx, side, u) for u in mine) or any(_lead(ctx, other, u) for u in theirs)
                    or p_theirs < BURIED or p_theirs - p_mine < GAP):
                continue
            where = "headline" if p_mine == 0 else "lead"
            art = ctx.article(side)
            told = " ".join(art.unit(u).text for u in mine)
            told = told if len(told) <= 120 else told[:117].rsplit(" ", 1)[0] + "…"
            summary = (f"{ctx.name(side)} puts “{told}” in its {where}; {ctx.name(other)} tells it only "
                       f"{'at the end' if p_theirs > 0.85 else 'late'} ({round(p_theirs * 100)}% of the way down).")
            spans = {"a": [A.span(A.unit(u).start, A.unit(u).end) for u in g.a],
                     "b": [B.span(B.unit(u).start, B.unit(u).end) for u in g.b]}
            sure = sure_match(g.score, *(" ".join(s.text for s in spans[x]) for x in "ab"))
            flags.append(Flag("prominence", summary, round(0.5 + 0.4 * (p_theirs - p_mine), 3), spans["a"], spans["b"],
                              g.id, {"promoted_by": side, "position_a": round(pa, 2), "position_b": round(pb, 2),
                                     "match_score": g.score, "sure_match": sure}))
    return flags
