"""Share of voice: who each outlet quotes, how often and at what length, and whom only one outlet quotes.

Only what a person or body is reported to have said counts for them: a quote whose speaker is unclear counts
under the unknown speaker "" (headlines, documents and narration are no quotes at all, see `extract`)."""
from __future__ import annotations

import re
from collections import defaultdict

from ..comparison import Quote, Speaker

_WORD = re.compile(r"\w+")


def share_of_voice(article_ids: list[str], quotes: list[Quote], speakers: list[Speaker],
                   kinds: dict[str, str] | None = None) -> dict:
    """The `voices` dict (see docs/quotes.md); `kinds`: speaker id -> what it is (`speakers.kind_of`)."""
    kinds = kinds or {}
    by_id = {s.id: s for s in speakers}
    out: dict = {"articles": {}, "only_in": {}}
    quoted_in: dict[str, set[str]] = {}
    for aid in article_ids:
        mine = [q for q in quotes if q.article == aid]
        total_q, total_w = len(mine), sum(_words(q) for q in mine)
        per_speaker: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        sure: dict[str, float] = defaultdict(float)  # speaker id -> its surest quote's confidence
        per_side: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for q in mine:
            sid = q.speaker.id if q.speaker and not q.speaker.unclear else ""
            side = by_id[sid].side if sid in by_id else ""
            sure[sid] = max(sure[sid], q.speaker.confidence if sid else 0.0)
            for tally in (per_speaker[sid], per_side[side or "unknown"]):
                tally[0] += 1
                tally[1] += _words(q)
        quoted_in[aid] = set(per_speaker) - {""}
        out["articles"][aid] = {
            "quotes": total_q,
            "words": total_w,
            "speakers": [{"speaker": sid, "name": by_id[sid].name if sid in by_id else "",
                          "side": by_id[sid].side if sid in by_id else "", "kind": kinds.get(sid, ""),
                          "confidence": round(sure[sid], 3), **_tally(n, w, total_q, total_w)}
                         for sid, (n, w) in sorted(per_speaker.items(), key=lambda kv: -kv[1][1])],
            "sides": {side: _tally(n, w, total_q, total_w)
                      for side, (n, w) in sorted(per_side.items(), key=lambda kv: -kv[1][1])},
        }
    if len(article_ids) == 2:
        a, b = article_ids
        out["only_in"] = {a: sorted(quoted_in[a] - quoted_in[b], key=_num),
                          b: sorted(quoted_in[b] - quoted_in[a], key=_num)}
    return out


def _tally(n: int, w: int, total_q: int, total_w: int) -> dict:
    return {"quotes": n, "words": w, "share_quotes": round(n / total_q, 3) if total_q else 0.0,
            "share_words": round(w / total_w, 3) if total_w else 0.0}


def _words(q: Quote) -> int:
    return len(_WORD.findall(q.text))


def _num(sid: str) -> int:
    return int(sid[1:]) if sid[1:].isdigit() else 0
