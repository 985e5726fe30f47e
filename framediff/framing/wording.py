"""Loaded words, intensifiers, hedges and marked attribution verbs, alone or against the matched passage.

Which words: the word scorer (wordscore.py, fitted on BASIL) picks the words
likely to carry the writer's judgement, from lexicon evidence, part of speech,
quotation, the sentence's tone and the word's meaning in its sentence; marked
attribution verbs ("claimed", "cautioned") are always flagged. A word inside a
quotation is the speaker's: its flag says the outlet quotes it and ranks lower.
Without shipped weights, every lexicon hit is a flag (lexicon.py).

Never flagged: words inside a quotation (they are the speaker's; the outlet's choices are whom it quotes,
the quotes step, and the verb that introduces the quote), function words and parts of names (lexicon.py),
and the story's own subject words (`Context.subject_words`: "bomb" in a bomb story).

One article: every chosen word is a flag. Two articles: only words that the
other outlet uses nowhere in its whole text (the other's matched passage may word the fact apart while it
uses the word elsewhere) and that sit in the non-equal parts of a group's word diff or in unmatched
passages. A flag's counterpart is the word of the other outlet's matching passage that plays the same part
(the same part of speech in the same slot: the same relation to the same head word, or failing that the same
relation); without one, the flag says the word has no counterpart there. A verb the other outlet's matching
passage has an equivalent of ("vowed" / "promising", by meaning) is no difference.
"""
from __future__ import annotations

import bisect

from ..comparison import Flag
from .context import Context
from . import wordscore
from .lexicon import Hit, name_part, token_hit, word_hits

BASE = {"loaded": 0.2, "intensifier": 0.2, "hedge": 0.25, "attribution": 0.35}
CONTRAST = {"loaded": 0.15, "intensifier": 0.15, "hedge": 0.2, "attribution": 0.25}  # when the other outlet words it otherwise
# Marked attribution verbs ("claimed", "cautioned") are flagged whatever the scorer says (issue 4 asks for them).
# On BASIL this costs CV F1: 0.337 with them, 0.357 with the scorer's choice alone (single article).
ALWAYS_ATTRIBUTION = True
EQUIVALENT_AT = 0.5  # cosine of two verbs' lemmas (embedded alone) from which one is the other's equivalent: "vow" /
# "promise" 0.52, "think" / "believe" 0.57, against "claim" / "say" 0.38 and "insist" / "say" 0.39 (a real contrast).
# Verbs only: antonyms embed close too ("good" / "bad" 0.59), and an antonym is a difference.


def describe(h: Hit) -> str:
    if h.kind == "loaded" and h.label == "scorer":
        return f"the word “{h.word}” (judgement-carrying, by the word-choice model)"
    if h.kind == "loaded":
        source = "Pattern" if h.label == "pattern" else "VADER"
        return f"the loaded word “{h.word}” ({'negative' if h.score < 0 else 'positive'} in {source})"
    if h.kind == "intensifier":
        return f"the intensifier “{h.word}”"
    if h.kind == "hedge":
        return f"the hedge “{h.word}”"
    return f"the {h.label} attribution verb “{h.word}”"


def quoted(ctx: Context, side: str, h: Hit) -> bool:
    """Is the word inside a quotation (the speaker's word, not the outlet's)?"""
    return wordscore.quoted_mask(ctx.article(side).text)[h.start]


def outlets_own(ctx: Context, side: str, h: Hit) -> bool:
    """A word the outlet chose: outside quotations and not one of the story's subject words."""
    return not quoted(ctx, side, h) and (h.kind == "attribution" or h.lemma not in ctx.subject_words())


def marked(h: Hit) -> bool:
    return not (h.kind == "attribution" and h.label == "neutral")


def severity(h: Hit) -> float:
    return BASE[h.kind] + (0.05 * abs(h.score) if h.kind == "loaded" else 0.0) + 0.2 * h.p


def scored_hit(sc: wordscore.Scored) -> Hit:
    """The flag-ready hit of a word the scorer chose: its lexicon reading when it has one."""
    tok = sc.tok
    h = token_hit(tok)
    if h is None or h.kind == "attribution" and not marked(h):
        h = Hit("loaded", tok.idx, tok.idx + len(tok.text), tok.text, tok.lemma_.lower(), 0.0, "scorer")
    return Hit(h.kind, h.start, h.end, h.word, h.lemma, h.score, h.label, round(sc.p, 3))


class Chosen:
    """The scorer's chosen words of one article, sorted by start once: chosen_hits runs per unit and per diff
    part, and would otherwise walk every scored word of the article each time."""

    def __init__(self, scored: dict[int, wordscore.Scored]):
        items = sorted((at, sc) for at, sc in scored.items() if sc.chosen)
        self.starts = [at for at, _ in items]
        self.words = [sc for _, sc in items]


def chosen_hits(ctx: Context, side: str, start: int, end: int, chosen: Chosen | None) -> list[Hit]:
    """Words of doc.text[start:end] to flag: the scorer's choice and every marked attribution verb, or every
    marked lexicon hit when no scorer weights are shipped (chosen is None)."""
    hits = word_hits(ctx.doc(side), start, end)
    if chosen is None:
        return [h for h in hits if marked(h)]
    out = {h.start: h for h in hits if ALWAYS_ATTRIBUTION and h.kind == "attribution" and marked(h)}
    for i in range(bisect.bisect_left(chosen.starts, start), bisect.bisect_left(chosen.starts, end)):
        at, sc = chosen.starts[i], chosen.words[i]
        if at + len(sc.tok.text) <= end:
            out[at] = scored_hit(sc)
    return sorted(out.values(), key=lambda h: h.start)


def _chosen(ctx: Context, side: str, kind: str, place_of=None) -> Chosen | None:
    if wordscore.mode_for(kind, ctx.embed) is None:
        return None
    art = ctx.article(side)
    rows = wordscore.article_rows(ctx.doc(side), art.text, art.units, place_of)
    scored = wordscore.score_rows(rows, kind, ctx.embed, art.units)
    if place_of is not None:  # every word is scored (one cached entry per unit whatever the other article), these kept
        scored = {t.idx: scored[t.idx] for t, x in rows if x[-1] or x[-2]}
    return Chosen(scored)


def single_flags(ctx: Context, side: str = "a") -> list[Flag]:
    """Every judgement-carrying word of one article, outside quotations."""
    art, who = ctx.article(side), ctx.name(side)
    chosen = _chosen(ctx, side, "single")
    flags = []
    for u in art.units:
        for h in chosen_hits(ctx, side, u.start, u.end, chosen):
            if outlets_own(ctx, side, h):
                flags.append(_flag(ctx, side, h, f"{who} uses {describe(h)}.", severity(h), [], None))
    return flags


def pair_flags(ctx: Context) -> list[Flag]:
    """Judgement-carrying words one outlet uses where the other words the same passage otherwise, or alone."""
    flags = []
    by_side = {side: _chosen(ctx, side, "pair", wordscore.places(ctx.cmp, side)) for side in ("a", "b")}
    words = []  # (side, hit, its changed part, the other's, group, contrast only, `_their_verbs`): weighed once
    # every verb is embedded
    for g in ctx.cmp.alignment:
        for op in g.diff:
            if op.op == "equal":
                continue
            for side in ("a", "b"):
                mine, theirs = getattr(op, side), getattr(op, ctx.other(side))
                hits = word_hits(ctx.doc(side), mine.start, mine.end)
                chosen = chosen_hits(ctx, side, mine.start, mine.end, by_side[side])
                picked = {h.start for h in chosen}
                # reporting verbs are weighed against the other outlet's verbs ("said" / "claimed") whether picked or not
                verbs = [h for h in hits if h.kind == "attribution" and h.start not in picked]
                for h in sorted(verbs + chosen, key=lambda h: h.start):
                    if outlets_own(ctx, side, h):
                        words.append((side, h, mine, theirs, g, h.start not in picked, _their_verbs(ctx, side, h, g)))
    meanings = _verb_meanings(ctx, [(h, verbs) for _, h, *_, verbs in words])
    for side, h, mine, theirs, g, contrast_only, verbs in words:
        flags += _contrast(ctx, side, h, mine, theirs, g, _equivalent(h, verbs, meanings), contrast_only)
    for side in ("a", "b"):
        for uid in ctx.cmp.unmatched.get(side, []):
            u = ctx.article(side).unit(uid)
            for h in chosen_hits(ctx, side, u.start, u.end, by_side[side]):
                if marked(h) and outlets_own(ctx, side, h) and not _other_uses(ctx, side, h):
                    flags.append(_flag(ctx, side, h, f"{ctx.name(side)} uses {describe(h)} in a passage the other outlet does not have.",
                                       severity(h) * 0.8, [], None))
    return flags


def _other_uses(ctx: Context, side: str, h: Hit) -> bool:
    """The other outlet uses the word (or its lemma) anywhere in its text: no "only in A" word."""
    other = ctx.lemmas(ctx.other(side))
    return h.word.lower() in other or h.lemma in other


def _tok(ctx: Context, side: str, start: int):
    span = ctx.doc(side).char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _slot(tok) -> tuple[str, str]:
    """What a word is to its sentence: (relation, head lemma); through a particle's verb for phrasal verbs."""
    return tok.dep_, tok.head.lemma_.lower()


def counterpart(ctx: Context, side: str, h: Hit, theirs, group):
    """The token of the other outlet's matching passage that plays the word's part: in the other side's changed
    stretch, the same coarse part of speech with the same relation to a head of the same lemma, or failing that
    the same relation; None when no word does ("Supreme Court" is no counterpart of "assailed")."""
    me = _tok(ctx, side, h.start)
    if me is None or not theirs.text.strip():
        return None
    span = ctx.doc(ctx.other(side)).char_span(theirs.start, theirs.end, alignment_mode="contract")
    if span is None:
        return None
    rel, head = _slot(me)
    same = [t for t in span if t.pos_ == me.pos_ and t.dep_ == rel and not t.is_stop and t.is_alpha]
    best = [t for t in same if t.head.lemma_.lower() == head]
    pick = (best or same or [None])[0]
    return pick if pick is not None and not name_part(pick) else None


def _their_verbs(ctx: Context, side: str, h: Hit, g) -> list[str]:
    """The verbs (lemmas, lowercased, once each) `_equivalent` weighs h against: h a marked reporting verb, the other
    outlet's matching passage reporting with no verb of its own; none otherwise."""
    other = ctx.other(side)
    if h.kind != "attribution" or not marked(h) or _reporting(ctx, other, g):
        return []
    lemmas = dict.fromkeys(t.lemma_.lower() for u in getattr(g, other) for t in _unit_tokens(ctx, other, u)
                           if t.pos_ == "VERB")
    return [w for w in lemmas if w != h.lemma]


def _reporting(ctx: Context, side: str, g) -> list[Hit]:
    """The reporting verbs of one side of a group, outside quotations."""
    quoted = wordscore.quoted_mask(ctx.article(side).text)
    return [x for u in getattr(g, side) for x in _unit_hits(ctx, side, u) if x.kind == "attribution" and not quoted[x.start]]


def _verb_meanings(ctx: Context, words: list[tuple[Hit, list[str]]]) -> dict:
    """Lemma -> vector of every verb `_equivalent` will weigh for these words and their `_their_verbs`
    (`pair_flags`), in one model call: asked a word at a time, they were some 20 calls of a few words each on a long
    pair, each waiting its turn at the model."""
    lemmas = {}
    for h, theirs in words:
        if theirs:
            lemmas.update(dict.fromkeys([h.lemma, *theirs]))
    if not lemmas or ctx.embed is None:
        return {}
    return dict(zip(lemmas, ctx.embed(list(lemmas))))


def _equivalent(h: Hit, lemmas: list[str], meanings: dict) -> bool:
    """One of the other side's verbs (`_their_verbs`) means what h's verb means ("vowed" / "promising"), by the
    sentence model over the lemmas (`meanings`: `_verb_meanings`)."""
    import numpy as np

    if not lemmas or not meanings:
        return False
    vec = np.asarray([meanings[w] for w in [h.lemma] + lemmas])
    return bool((vec[1:] @ vec[0]).max() >= EQUIVALENT_AT)


def _contrast(ctx: Context, side: str, h: Hit, mine, theirs, g, equivalent: bool,
              contrast_only: bool = False) -> list[Flag]:
    """Flags for one word of a changed part; equivalent: the other outlet's matching passage, reporting with no verb
    of its own, has a verb meaning what h's does (`_equivalent`); contrast_only: only when the other outlet reports
    with another verb."""
    other = ctx.other(side)
    if h.kind == "attribution":
        verbs = _reporting(ctx, other, g)
        if not marked(h) or any(v.lemma == h.lemma for v in verbs):
            return []  # a marked verb on the other side flags the pair itself
        if verbs:
            v = min(verbs, key=marked)  # a neutral counterpart shows the contrast best
            summary = (f"{ctx.name(side)} reports with “{h.word}” ({h.label}) where {ctx.name(other)} "
                       f"uses “{v.word}” ({v.label}) in the matching passage.")
            return [_flag(ctx, side, h, summary, severity(h) + CONTRAST[h.kind], [ctx.article(other).span(v.start, v.end)],
                          g.id, contrast=True)]
        if equivalent:
            return []  # "vowed" where the other has "promising", "thought" where it has "believed": the same telling
    if not marked(h) or contrast_only:
        return []
    if h.kind != "attribution" and (_other_uses(ctx, side, h) or h.lemma in _lemmas_of(ctx, other, g)):
        return []  # the other outlet uses the word too ("disputing" / "disputed")
    c = counterpart(ctx, side, h, theirs, g)
    if c is not None and c.lemma_.lower() == h.lemma:
        return []
    if c is not None:
        summary = f"{ctx.name(side)} uses {describe(h)} where {ctx.name(other)} has “{c.text}”."
        counter = [ctx.article(other).span(c.idx, c.idx + len(c.text))]
    else:
        summary = f"{ctx.name(side)} adds {describe(h)}; it has no counterpart in {ctx.name(other)}'s matching passage."
        counter = []
    return [_flag(ctx, side, h, summary, severity(h) + CONTRAST[h.kind], counter, g.id, contrast=c is not None)]


def _lemmas_of(ctx: Context, side: str, g) -> frozenset[str]:
    """The lemmas (lowercased) of one side of a group, made once per group, not once per word weighed."""
    return ctx.once(("group lemmas", side, g.id),
                    lambda: frozenset(t.lemma_.lower() for u in getattr(g, side) for t in _unit_tokens(ctx, side, u)))


def _unit_hits(ctx: Context, side: str, unit_id: str) -> list[Hit]:
    u = ctx.article(side).unit(unit_id)
    return word_hits(ctx.doc(side), u.start, u.end)


def _unit_tokens(ctx: Context, side: str, unit_id: str) -> list:
    u = ctx.article(side).unit(unit_id)
    span = ctx.doc(side).char_span(u.start, u.end, alignment_mode="contract")
    return list(span) if span is not None else []


def _flag(ctx: Context, side: str, h: Hit, summary: str, sev: float, counter: list, group: str | None,
          contrast: bool = False) -> Flag:
    span = [ctx.article(side).span(h.start, h.end)]
    a, b = (span, counter) if side == "a" else (counter, span)
    return Flag(h.kind, summary, round(sev, 3), a, b, group,
                {"word": h.word, "lemma": h.lemma, "class": h.label, "valence": h.score, "side": side,
                 "judgement": h.p, "quoted": False, "contrast": contrast})
