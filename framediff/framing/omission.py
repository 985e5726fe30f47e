"""Omission: passages one outlet reports and the other does not, weighed by what they carry.

An unmatched passage weighs more for each quote, number and named actor it holds, less when it is short, and less
when the other article has a passage close to it in meaning (the fact may be told there, differently). When the
other article's nearest passage (cosine >= NAMED_AT) names every name and number the passage gives (two at least:
"In 2009 ... Sarah Palin in running shorts" / "its infamous Sarah Palin cover in 2009"), the fact is likely told
there: `detail["told_by_names"]`, ranked as an omission the other tells (rank.kind_of "omission_told"). A question
an interviewer puts ("Schieffer began by asking, 'What in the world were you talking about?'") is no one's
statement: it weighs as narration.

In a report of the same event, a passage whose most probable partner among the other article's unmatched passages,
by the aligner's own probability, reaches align.MAYBE_P (0.5; grouping needs 0.75) may be told there in other words:
a missed match must not read as a sure omission. Its flag opens "Perhaps only A reports", names that passage
(`detail["maybe_told"]`: its unit and the probability), says the other "may tell it in other words", and is ranked
as such (rank.kind_of "omission_maybe"; docs/framing.md has the judged shares).

A passage whose quotation shares VERBATIM words in a row with a quotation of the other article ("It's always been
bipartisan. We need to keep it that way. We want it that way. I think Israel wants it that way ..." / "It's always
been bipartisan. We need to keep it that way."), or holds the whole of a shorter one of its quotations (SHORT words or
more, not a title: NYT's “a watershed moment” in HPO's "Today marks a watershed moment in American politics"), is
no omission: the other outlet quotes part of it. It is flagged as told (`detail["told_verbatim"]`, the shared
words), its summary says so ("Only HPO reports all of: ...; FOX quotes part of it"), and it is ranked with the
omissions the other tells.

Neighbouring passages that one quotation runs across ("Basically what Newsweek magazine ... / They are basically
casting her as a nut job," O'Neill said), or where the second quotes the first one's speaker without naming them
("According to Peter Keating ..., $1.1 million is the estimated cost" / "The amount I get is nearly $1.1
million"), are one finding: one flag with every span, weighed as the heaviest. `detail["speakers"]` names whose quotes the passage holds, so the ranking tells the
finding once when a sourcing flag already shows that voice.
"""
from __future__ import annotations

import bisect
import re
from itertools import groupby

import numpy as np

from ..align import likely_partners
from ..comparison import Flag
from ..facts import sentence_facts
from ..quotes.passages import STANDALONE
from .context import Context
from .sourcing import question
from .wordscore import quoted_mask

ACTORS = {"PERSON", "ORG", "GPE", "NORP"}
FACTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
MIN_WORDS = 6
REPORT_AT = 0.35  # weight from which an omission is flagged
NAMED_AT = 0.5  # cosine from which the other's nearest passage, naming the same names and numbers, tells the fact
BLOCK = 512  # unmatched passages compared with the other article at once: no passages x passages matrix held
VERBATIM = 6  # quoted words in a row two articles share: the other outlet quotes the same words
SHORT = 2  # ... or the whole of a shorter quotation of the other's ("a watershed moment", “legitimate rape”)
_WORD = re.compile(r"[\w’']+")


def nearest(vecs: np.ndarray, other: np.ndarray, block: int = BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """Per row of `vecs`, its highest cosine with any row of `other` and that row's index (0 and -1 when `other` is
    empty), in row blocks."""
    if not len(other) or not len(vecs):
        return np.zeros(len(vecs)), np.full(len(vecs), -1)
    best, where = [], []
    for i in range(0, len(vecs), block):  # one block of cosines held at a time
        sims = vecs[i:i + block] @ other.T
        best.append(sims.max(axis=1))
        where.append(sims.argmax(axis=1))
    return np.concatenate(best), np.concatenate(where)


def quotes_by_unit(ctx: Context, side: str) -> dict[str, list]:
    """Unit id -> the quotes of that article overlapping it, each quote placed by bisection over unit starts."""
    units = ctx.article(side).units
    starts = [u.start for u in units]
    out: dict[str, list] = {}
    for q in ctx.cmp.quotes:
        if q.article != side:
            continue
        for k in range(max(bisect.bisect_right(starts, q.start) - 1, 0), bisect.bisect_left(starts, q.end)):
            if q.start < units[k].end and units[k].start < q.end:
                out.setdefault(units[k].id, []).append(q)
    return out


def weight(ctx: Context, side: str, unit, near: float, held: list) -> tuple[float, dict]:
    """The passage's weight and what it holds; `held` are the quotes overlapping it (a question put counts none)."""
    held = [q for q in held if not question(q)]
    span = ctx.doc(side).char_span(unit.start, unit.end, alignment_mode="expand")
    words = sum(t.is_alpha for t in span) if span is not None else 0
    ents = ctx.ents(span, side) if span is not None else []
    quotes, direct = len(held), any(q.kind == "direct" for q in held)
    # "two sides" is no fact to check: a count needs digits, or money, a percentage, a quantity
    numbers = sum(e.label_ in FACTS and (e.label_ != "CARDINAL" or any(c.isdigit() for c in e.text)) for e in ents)
    actors = len({e.text for e in ents if e.label_ in ACTORS})
    if words < MIN_WORDS:
        return 0.0, {}
    w = (0.15 + 0.2 * direct + 0.15 * min(quotes, 2) + 0.25 * min(numbers, 1) + 0.1 * (numbers > 1)
         + 0.05 * min(actors, 4) + 0.1 * min(words / 40, 1))
    w *= 1.0 - max(near, 0.0) * 0.6
    return min(w, 1.0), {"quotes": quotes, "direct": direct, "numbers": numbers, "actors": actors,
                         "closest": round(near, 2)}


def told_by_names(text: str, other: str) -> bool:
    """Does `other` name every name and number `text` gives, two at least?"""
    mine, theirs = sentence_facts(text), sentence_facts(other)
    specific = mine.names | mine.numbers
    return len(specific) >= 2 and specific <= theirs.terms | theirs.numbers


def quoted_words(text: str) -> list[tuple[str, int, int, int]]:
    """The words inside quotation marks, lowercased, apostrophes dropped ("we’ve" = "we've"), with their offsets and
    the start of their quotation."""
    mask = quoted_mask(text)
    out, opened = [], -1
    for m in _WORD.finditer(text):
        if mask[m.start()]:
            if not out or not all(mask[out[-1][2]:m.start()]):  # another quotation
                opened = m.start()
            out.append((re.sub("[’']", "", m.group(0).lower()), m.start(), m.end(), opened))
    return out


def grams(words: list[tuple[str, int, int, int]], text: str) -> set[tuple[str, ...]]:
    """Every VERBATIM words in a row, and every shorter quotation whole of SHORT words or more, two of them more than
    function words and not all capitalised ("a watershed moment", not the title "Fox News Sunday"): what the other
    outlet (`text`, its `quoted_words`) quotes of a statement."""
    w = [x[0] for x in words]
    out = {tuple(w[i:i + VERBATIM]) for i in range(len(w) - VERBATIM + 1)}
    for _, run in groupby(words, key=lambda x: x[3]):
        run = list(run)
        whole = tuple(x[0] for x in run)
        if SHORT <= len(whole) < VERBATIM and len(sentence_facts(" ".join(whole)).terms) >= 2 \
                and not all(text[x[1]].isupper() for x in run if len(x[0]) > 3):
            out.add(whole)
    return out


def told_verbatim(text: str, mine: list[tuple[str, int, int, int]], starts: list[int], unit,
                  theirs: set[tuple[str, ...]]) -> str:
    """The passage's first run of quoted words (`mine`: the article's, from `quoted_words`, `starts` their offsets)
    that the other article quotes too (`grams`), as the passage writes it ("" when none)."""
    words = mine[bisect.bisect_left(starts, unit.start):bisect.bisect_left(starts, unit.end)]
    for n in range(VERBATIM, SHORT - 1, -1):
        hits = [i for i in range(len(words) - n + 1) if tuple(x[0] for x in words[i:i + n]) in theirs]
        if hits:
            last = hits[0]
            while last + 1 in hits:
                last += 1
            return text[words[hits[0]][1]:words[last + n - 1][2]]
    return ""


def _continues(item: tuple, last: tuple) -> bool:
    """Does the flagged passage `item` go on with the one before it: a quotation runs across the two, or it quotes
    the previous passage's speaker without naming them (a quote paragraph after "According to Peter Keating ...",
    its speaker taken from the paragraph before: confidence STANDALONE or less)?"""
    if item[0] != last[0] + 1:
        return False
    before = {q.speaker.id for q in last[4] if q.speaker is not None and not question(q)}
    return bool({q.id for q in item[4]} & {q.id for q in last[4]}) or any(
        q.speaker is not None and q.speaker.id in before and q.speaker.confidence <= STANDALONE for q in item[4])


def _runs(found: list[tuple]) -> list[list[tuple]]:
    """The flagged passages (index, unit, weight, why, quotes) in runs of passages that go on with the one before
    (`_continues`)."""
    runs: list[list[tuple]] = []
    for item in found:
        if runs and _continues(item, runs[-1][-1]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def omission_flags(ctx: Context) -> list[Flag]:
    said = {s: quoted_words(ctx.article(s).text) for s in ("a", "b")} if ctx.pair else {}
    found = {side: _weighed(ctx, side, said) for side in ("a", "b") if ctx.cmp.unmatched.get(side)}
    if found and (ctx.cmp.same_event is None or ctx.cmp.same_event.verdict):  # another event's report tells no
        _maybe_told(ctx, found)  # fact of this one in other words
    flags = []
    for side, items in found.items():
        other = ctx.other(side)
        art = ctx.article(side)
        for run in _runs(items):
            w, why = max(run, key=lambda x: x[2])[2:4]
            shared = next((x[3]["told_verbatim"] for x in run if x[3].get("told_verbatim")), "")
            maybe = next((x[3]["maybe_told"] for x in run if x[3].get("maybe_told")), None)
            why = {**why, "told_verbatim": shared} if shared else why
            why = {**why, "maybe_told": maybe} if maybe else why
            text = " ".join(x[1].text for x in run)
            shown = _quoted(text)
            if shared:
                summary = (f"Only {ctx.name(side)} reports all of: {shown.rstrip('.')}; {ctx.name(other)} quotes part "
                           f"of it (“{shared}”).")
            elif maybe:
                told = _quoted(ctx.article(other).unit(maybe["unit"]).text)
                summary = (f"Perhaps only {ctx.name(side)} reports: {shown} {ctx.name(other)} may tell it in other "
                           f"words, in a passage left unmatched: {told}")
            else:
                summary = f"Only {ctx.name(side)} reports: {shown}"
            span = [art.span(x[1].start, x[1].end) for x in run]
            a, b = (span, []) if side == "a" else ([], span)
            speakers = sorted({q.speaker.id for x in run for q in x[4] if q.speaker is not None and not question(q)})
            flags.append(Flag("omission", summary, round(w, 3), a, b, None,
                              {"side": side, "unit": run[0][1].id, **why, "speakers": speakers,
                               **({"units": [x[1].id for x in run]} if len(run) > 1 else {})}))
    return flags


def _quoted(text: str) -> str:
    """`text` cut to 160 characters, in quotation marks unless it opens with its own."""
    text = text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"
    return text if text[:1] in "\"“«'‘" else f"“{text}”"


def _weighed(ctx: Context, side: str, said: dict[str, list]) -> list[tuple]:
    """The side's unmatched passages that weigh enough to flag, in order: (index, unit, weight, why, quotes);
    `said`: each article's quoted words (`quoted_words`)."""
    other = ctx.other(side)
    art = ctx.article(side)
    ids = ctx.cmp.unmatched[side]
    near, twins = nearest(ctx.vectors(side)[[ctx.index(side, u) for u in ids]], ctx.vectors(other))
    held = quotes_by_unit(ctx, side)
    theirs, mine = grams(said[other], ctx.article(other).text), said[side]
    starts = [x[1] for x in mine]
    found = []
    for uid, closest, twin in zip(ids, near, twins):
        i = ctx.index(side, uid)
        if i == 0:
            continue  # headlines are compared by the headline step
        u = art.units[i]
        w, why = weight(ctx, side, u, float(closest), held.get(uid, []))
        if w >= REPORT_AT:
            if closest >= NAMED_AT:
                why["told_by_names"] = told_by_names(u.text, ctx.article(other).units[int(twin)].text)
            shared = told_verbatim(art.text, mine, starts, u, theirs)
            if shared:
                why["told_verbatim"] = shared
            found.append((i, u, w, why, held.get(uid, [])))
    return sorted(found, key=lambda x: x[0])


def _maybe_told(ctx: Context, found: dict[str, list[tuple]]) -> None:
    """Mark each flagged passage whose most probable partner among the other article's unmatched passages reaches
    align.MAYBE_P (a reader may find it told there in other words): `why["maybe_told"]` = that unit, the
    probability."""
    free = [[ctx.index(s, u) for u in ctx.cmp.unmatched.get(s, [])] for s in ("a", "b")]
    partners = dict(zip(("a", "b"), likely_partners(ctx.article("a"), ctx.article("b"), ctx.vectors("a"),
                                                    ctx.vectors("b"), *free)))
    for side, items in found.items():
        units = ctx.article(ctx.other(side)).units
        for i, _, _, why, _ in items:
            if i in partners[side]:
                j, p = partners[side][i]
                why["maybe_told"] = {"unit": units[j].id, "p": round(p, 2)}
