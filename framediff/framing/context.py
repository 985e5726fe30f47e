"""What every framing step shares: parses, unit vectors, outlet names, positions of units."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..comparison import Article, Comparison, Group
from ..nlp import parse


SUBJECT_AT = 3  # uses in every article from which a word is the story's subject


@dataclass
class Context:
    cmp: Comparison
    embed: object
    _vecs: dict = field(default_factory=dict)
    _index: dict = field(default_factory=dict)  # side -> unit id -> its index
    _ents: dict = field(default_factory=dict)  # side -> (entities of its doc, their first tokens)
    _memo: dict = field(default_factory=dict)  # once(): what several steps or many words read

    @property
    def pair(self) -> bool:
        return len(self.cmp.articles) == 2

    def article(self, side: str) -> Article:
        return self._articles[side]

    @cached_property
    def _articles(self) -> dict[str, Article]:
        """Side -> its article, looked up once: the steps ask for it per word and per noun chunk."""
        return {a.id: a for a in self.cmp.articles}

    def doc(self, side: str):
        return parse(self.article(side).text)

    def ents(self, span, side: str) -> list:
        """`list(span.ents)` of a span of `doc(side)`, found by bisection: spaCy's Span.ents rebuilds
        every entity of the doc on each call."""
        if side not in self._ents:
            ents = list(self.doc(side).ents)
            self._ents[side] = ents, [e.start for e in ents]
        ents, starts = self._ents[side]
        out = []
        for e in ents[bisect_left(starts, span.start):]:
            if e.end > span.end:  # Span.ents stops at the first entity that overruns the span
                break
            out.append(e)
        return out

    def name(self, side: str) -> str:
        a = self.article(side)
        outlets = {art.outlet.strip().lower() for art in self.cmp.articles}
        if len(self.cmp.articles) > 1 and len(outlets) == 1 and a.outlet.strip():  # one outlet, two versions
            return f"Article {side.upper()} ({a.outlet.strip()})"
        return a.label

    def vectors(self, side: str) -> np.ndarray:
        """Unit vectors of one article (from the embedding cache when the pipeline has embedded them)."""
        if side not in self._vecs:
            self._vecs[side] = np.asarray(self.embed([u.text for u in self.article(side).units]))
        return self._vecs[side]

    def index(self, side: str, unit_id: str) -> int:
        """The unit's place in its article's units."""
        units = self.article(side).units
        index = self._index.get(side)
        if index is None or len(index) != len(units):  # built once per side, not a scan per call
            index = self._index[side] = {}
            for i, u in enumerate(units):
                index.setdefault(u.id, i)
        return index[unit_id]

    def position(self, side: str, unit_id: str) -> float:
        """0 for the first unit (the headline), 1 for the last."""
        return self.index(side, unit_id) / max(len(self.article(side).units) - 1, 1)

    @cached_property
    def group_of(self) -> dict[tuple[str, str], Group]:
        return {(side, u): g for g in self.cmp.alignment for side in ("a", "b") for u in getattr(g, side)}

    def other(self, side: str) -> str:
        return "b" if side == "a" else "a"

    def once(self, key, make):
        """make(), made once per comparison under `key` (what several steps or many words read)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def lemmas(self, side: str) -> frozenset[str]:
        """Every word of one article, lowercased, as written and as its lemma: what "only in A" is checked against."""
        return self.once(("lemmas", side), lambda: frozenset(
            w for t in self.doc(side) if t.is_alpha for w in (t.lower_, t.lemma_.lower())))

    def subject_words(self) -> frozenset[str]:
        """The story's own subject: content lemmas of either headline, and those every article uses often
        (SUBJECT_AT times or more): "bomb" in a bomb story is the event, not a word choice."""
        return self.once("subject", self._subject_words)

    def _subject_words(self) -> frozenset[str]:
        sides = [a.id for a in self.cmp.articles]
        out, counts = set(), []
        for side in sides:
            art = self.article(side)
            doc = self.doc(side)
            title = art.units[0] if art.units else None
            c: dict[str, int] = {}
            for t in doc:
                if t.is_alpha and not t.is_stop and t.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"}:
                    lemma = t.lemma_.lower()
                    c[lemma] = c.get(lemma, 0) + 1
                    if title is not None and t.idx < title.end and "\n" in art.text[title.end:title.end + 3]:
                        out.add(lemma)
            counts.append(c)
        out |= {w for w in counts[0] if all(c.get(w, 0) >= SUBJECT_AT for c in counts)}
        return frozenset(out)
