"""What runs on the Dask workers. Each function takes and returns plain data; nothing here writes DIR
(the client does, so workers of a real cluster need no shared disk). Each worker process loads the
model once (`_embedder`) and embeds through the same vector cache as `compare` (FRAMEDIFF_CACHE_DIR)."""
from __future__ import annotations

import dataclasses
import hashlib
import time

import numpy as np

from ..comparison import Article, Comparison, Unit
from ..embed import Embedder
from ..errors import InputError
from .inputs import Row

_EMBEDDERS: dict[str | None, Embedder] = {}


def _embedder(model: str | None) -> Embedder:
    if model not in _EMBEDDERS:
        e = Embedder(model)
        e.load()
        _EMBEDDERS[model] = e
    return _EMBEDDERS[model]


def text_key(text: str) -> str:
    """A short fingerprint of an article's clean text: outputs made from other text are never reused."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def article_of(d: dict) -> Article:
    """An Article back from its dataclasses.asdict() form."""
    return Article(**{**d, "units": [Unit(**u) for u in d["units"]]})


def renamed(art: Article, new: str) -> Article:
    """A copy of `art` with id `new` and its unit ids renamed to match ("a4" -> "c4")."""
    units = [dataclasses.replace(u, id=new + u.id[len(art.id):]) for u in art.units]
    return dataclasses.replace(art, id=new, units=units)


def ingest(rows: list[Row], model: str | None) -> list[dict]:
    """Read, clean and segment each row, embed every sentence of the batch at once. Per row either
    {row, article (asdict), vector (the article's mean sentence vector, normalised)} or {row, error}."""
    from ..pipeline import load_article, text_article

    out, arts = [], []
    for r in rows:
        try:
            a = load_article(r.path, "a") if r.path else text_article(r.raw, "a", r.source)
        except InputError as e:
            out.append({"row": r.row, "error": str(e)})
            continue
        a.source = r.source
        a.title, a.outlet, a.date = r.title or a.title, r.outlet or a.outlet, r.date or a.date
        arts.append((r.row, a))
    vecs = _embedder(model).encode([u.text for _, a in arts for u in a.units])
    at = 0
    for row, a in arts:
        v = vecs[at:at + len(a.units)].mean(axis=0)
        at += len(a.units)
        out.append({"row": row, "article": dataclasses.asdict(a),
                    "vector": (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32).tolist()})
    return sorted(out, key=lambda d: d["row"])


def score_pairs(pairs: list[tuple[int, int]], articles: dict[int, dict], model: str | None) -> list[list]:
    """The same-event score of each pair of rows, exactly as `compare X Y` scores it: [row, row, score, verdict, reasons]."""
    from ..align import align
    from ..nlp import import_spacy
    from ..same_event import same_event

    import_spacy()
    e = _embedder(model)
    arts = {r: article_of(d) for r, d in articles.items()}
    vecs = {}
    out = []
    for x, y in pairs:
        pa, pb = renamed(arts[x], "a"), renamed(arts[y], "b")
        for r, art in ((x, pa), (y, pb)):
            if r not in vecs:
                vecs[r] = e.encode([u.text for u in art.units])
        groups, _ = align(pa, pb, vecs[x], vecs[y])
        se = same_event(pa, pb, groups)
        out.append([x, y, round(float(se.score), 6), bool(se.verdict), list(se.reasons)])
    return out


def event_story(eid: str, members: list[dict], model: str | None) -> tuple[dict, str]:
    """The story of one event's articles (ids "a", "b", ... in row order) and its HTML report."""
    from ..report.story import render_story_html
    from ..story.build import build_story
    from ..story.model import IDS

    arts = [renamed(article_of(d), IDS[n]) for n, d in enumerate(members)]
    story = build_story(arts, _embedder(model))
    return story.to_dict(), render_story_html(story)


def single_analyses(articles: list[dict], model: str | None) -> list[dict]:
    """Each article on its own, as `framediff analyse` gives it: quotes, speakers, single-article flags."""
    from ..framing import analyse_framing, wordscore
    from ..nlp import import_spacy
    from ..pipeline import _meta
    from ..quotes import analyse_quotes

    import_spacy()
    e = _embedder(model)
    wordscore.prepare(e.encode)
    out = []
    for d in articles:
        a = article_of(d)
        q = analyse_quotes([a], e.encode)
        cmp = Comparison(articles=[a], quotes=q.quotes, speakers=q.speakers, voices=q.voices, meta=_meta(e))
        analyse_framing(cmp, e.encode)
        out.append(cmp.to_dict())
    return out


def timed(fn, *args):
    """(fn(*args), the CPU seconds the worker process spent on it): what each step costs, whatever the load."""
    t = time.process_time()
    result = fn(*args)
    return result, time.process_time() - t
