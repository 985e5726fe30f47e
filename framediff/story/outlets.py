"""Per outlet, derived from the claims, the pair comparisons and the event's quotes (nothing re-analysed):
what only it tells, what it leaves out that most others tell, its naming choices, attribution
verbs and loaded words, numbers that disagree with another outlet, who it quotes and how much."""
from __future__ import annotations

from collections import Counter

from ..comparison import Article, Comparison, Quote, Span
from .model import Claim, StoryFlag


def story_flags(pairs: dict[tuple[str, str], Comparison]) -> list[StoryFlag]:
    """Each pair comparison's flags, naming the two outlets and their spans. With three or more
    outlets a pair's `omission` flags are left to the claims (`omission_flags`), which count all outlets."""
    out = []
    several = len({i for p in pairs for i in p}) > 2
    for (x, y), cmp in pairs.items():
        for f in cmp.flags:
            if f.type == "omission" and several:
                continue
            spans = {x: list(f.a), y: list(f.b)}
            out.append(StoryFlag(f.type, f.summary, f.severity, [k for k in (x, y) if spans[k]] or [x, y],
                                 spans, [x, y], dict(f.detail), f.confidence))
    return out


def omitted(claims: list[Claim], ids: list[str], aid: str) -> list[Claim]:
    """Claims `aid` does not tell that more than half of the other outlets tell (two of them at least:
    what one outlet alone tells is its own, not what the others agree on)."""
    others = len(ids) - 1
    return [c for c in claims if aid not in c.units and len(c.units) >= 2 and 2 * len(c.units) > others]


def omission_flags(claims: list[Claim], articles: list[Article]) -> list[StoryFlag]:
    """One flag per outlet and claim it leaves out that most others tell, spans in the outlets that tell it."""
    ids = [a.id for a in articles]
    by_id = {a.id: a for a in articles}
    out = []
    for a in articles:
        for c in omitted(claims, ids, a.id):
            teller = by_id[c.reference]
            told = " ".join(teller.unit(u).text for u in c.units[c.reference])
            told = told if len(told) <= 120 else told[:117].rsplit(" ", 1)[0] + "…"
            spans = {o: [by_id[o].span(by_id[o].unit(u).start, by_id[o].unit(u).end) for u in us]
                     for o, us in c.units.items()}
            out.append(StoryFlag(
                "omitted", f"{a.label} leaves out what {len(c.units)} of {len(ids) - 1} others tell: “{told}”",
                round(0.4 + 0.4 * len(c.units) / max(len(ids) - 1, 1), 3), [a.id, *c.units], spans,
                detail={"claim": c.id, "outlet": a.id}))
    return out


def naming_table(flags: list[StoryFlag]) -> list[dict[str, list[Span]]]:
    """Rows of one thing named differently: {article id: the names it uses}, joined across pairs when
    an outlet's name is the same words in two pair flags. Most outlets first."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(k):
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    names: dict[tuple[str, str], list[Span]] = {}
    for f in flags:
        if f.type != "naming" or len([a for a in f.spans if f.spans[a]]) < 2:
            continue
        keys = []
        for aid, spans in f.spans.items():
            for s in spans:
                k = (aid, " ".join(s.text.lower().split()))
                names.setdefault(k, [])
                if all((s.start, s.end) != (o.start, o.end) for o in names[k]):
                    names[k].append(s)
                keys.append(k)
        for k in keys[1:]:
            parent[root(k)] = root(keys[0])
    rows: dict[tuple[str, str], dict[str, list[Span]]] = {}
    for k, spans in names.items():
        row = rows.setdefault(root(k), {})
        row.setdefault(k[0], []).extend(spans)
    return sorted(rows.values(), key=lambda r: (-len(r), min(s.start for ss in r.values() for s in ss)))


def outlet_summary(aid: str, ids: list[str], claims: list[Claim], flags: list[StoryFlag],
                   quotes: list[Quote], voices: dict) -> dict:
    """What one outlet of the event tells alone, leaves out, and how it words and sources what it tells."""
    def mine(kind: str) -> list[dict]:
        seen, out = set(), []
        for f in flags:
            for s in f.spans.get(aid, ()) if f.type == kind else ():
                if (s.start, s.end) not in seen:
                    seen.add((s.start, s.end))
                    out.append({"start": s.start, "end": s.end, "text": s.text})
        return sorted(out, key=lambda s: s["start"])

    numbers = []
    for f in flags:
        if f.type == "numbers" and f.spans.get(aid):
            other = next(o for o in f.pair if o != aid)
            numbers.append({"span": _plain(f.spans[aid][0]), "other": other,
                            "other_span": _plain(f.spans[other][0]) if f.spans.get(other) else None,
                            "summary": f.summary})
    verbs = Counter(q.verb.lower() for q in quotes if q.article == aid and q.verb)
    return {
        "unique": [c.id for c in claims if set(c.units) == {aid}],
        "omitted": [c.id for c in omitted(claims, ids, aid)],
        "verbs": dict(verbs.most_common()),
        "attribution": mine("attribution"),
        "loaded": mine("loaded"),
        "numbers": numbers,
        "voices": voices.get("articles", {}).get(aid, {}),
    }


def _plain(s: Span) -> dict:
    return {"start": s.start, "end": s.end, "text": s.text}


