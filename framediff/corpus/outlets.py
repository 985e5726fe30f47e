"""Per-outlet figures across the corpus, from the tables (`tables.build_tables`) and the stories.

- coverage: events an outlet covers, and events it misses that more than half of the other outlets cover;
- share of voice: each speaker's and each side's share of an outlet's quotes and quoted words
  (speakers are matched across articles by name, case-blind);
- attribution verbs per 1,000 words (quotes with a reporting verb) and each verb's share;
- loaded words per 1,000 words: spans flagged `loaded` (an event's pair flags, a single article's
  word flags), each span counted once;
- unique and omitted claims per story: the story view's per-outlet lists, averaged over its stories.
"""
from __future__ import annotations

from collections import Counter, defaultdict


def _rate(n: float, d: float, scale: float = 1.0) -> float | None:
    return round(scale * n / d, 4) if d else None


def figures(tables: dict[str, list[dict]], stories: dict[str, dict], local: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """Tables `outlets`, `outlet_voices`, `outlet_sides`, `outlet_verbs`."""
    ok = [a for a in tables["articles"] if a["error"] is None]
    outlet_of = {a["row"]: a["outlet"] for a in ok}
    names = sorted({a["outlet"] for a in ok})
    covering = [set(e["outlets"]) for e in tables["events"]]
    unique, omitted, in_stories = Counter(), Counter(), Counter()
    for eid, story in stories.items():
        for e in story["events"]:
            for aid, summary in e.get("outlets", {}).items():
                o = outlet_of[local[eid][aid]]
                unique[o] += len(summary.get("unique", []))
                omitted[o] += len(summary.get("omitted", []))
                in_stories[o] += 1
    quotes = defaultdict(list)
    for q in tables["quotes"]:
        quotes[q["outlet"]].append(q)
    loaded = {(f["row"], f["start"], f["end"]) for f in tables["flags"] if f["type"] == "loaded"}
    loaded_by = Counter(outlet_of[r] for r, _, _ in loaded)
    outlets, voices, sides, verbs = [], [], [], []
    for o in names:
        words = sum(a["words"] for a in ok if a["outlet"] == o)
        others = len(names) - 1
        covered = sum(o in c for c in covering)
        missed = sum(o not in c and others > 0 and 2 * len(c) > others for c in covering)
        mine = quotes[o]
        with_verb = [q for q in mine if q["verb"]]
        outlets.append({
            "outlet": o, "articles": sum(a["outlet"] == o for a in ok), "words": words,
            "events_covered": covered, "events_missed": missed, "quotes": len(mine),
            "quotes_per_1k_words": _rate(len(mine), words, 1000),
            "attribution_verbs_per_1k_words": _rate(len(with_verb), words, 1000),
            "loaded_words_per_1k_words": _rate(loaded_by[o], words, 1000),
            "stories": in_stories[o], "unique_claims_per_story": _rate(unique[o], in_stories[o]),
            "omitted_claims_per_story": _rate(omitted[o], in_stories[o])})
        total_q, total_w = len(mine), sum(q["words"] for q in mine)
        for key, target, label in ((lambda q: (q["speaker"] or "").strip().lower(), voices, "speaker"),
                                   (lambda q: q["side"] or "unknown", sides, "side")):
            tally: dict[str, list] = defaultdict(lambda: [0, 0, Counter(), Counter()])
            for q in mine:
                t = tally[key(q)]
                t[0] += 1
                t[1] += q["words"]
                t[2][q["speaker"] or ""] += 1
                t[3][q["side"] or ""] += 1
            for k, (n, w, spelled, side) in sorted(tally.items(), key=lambda kv: (-kv[1][1], kv[0])):
                rec = {"outlet": o, label: (spelled.most_common(1)[0][0] or None) if label == "speaker" else k}
                if label == "speaker":
                    rec["side"] = side.most_common(1)[0][0] or None
                rec.update({"quotes": n, "words": w, "share_of_quotes": _rate(n, total_q),
                            "share_of_words": _rate(w, total_w)})
                target.append(rec)
        for v, n in sorted(Counter(q["verb"] for q in with_verb).items(), key=lambda kv: (-kv[1], kv[0])):
            verbs.append({"outlet": o, "verb": v, "quotes": n, "share": _rate(n, len(with_verb)),
                          "per_1k_words": _rate(n, words, 1000)})
    return {"outlets": outlets, "outlet_voices": voices, "outlet_sides": sides, "outlet_verbs": verbs}
