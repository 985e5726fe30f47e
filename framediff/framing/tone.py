"""Tone: VADER compound of each headline, each article and each matched pair; headline framing flags."""
from __future__ import annotations

import re
from statistics import mean

from ..comparison import Flag
from .context import Context
from .lexicon import name_part, valence, vader

HEADLINE_AT = 0.3  # |compound| from which one headline counts as clearly framed
DIFFER_AT = 0.4  # compound gap from which two headlines differ in tone
PAIR_AT = 0.25  # |compound| each side of a matched pair needs: a neutral side is no opposite tone
PAIR_GAP = 0.6  # ... and the gap between them


# a word that lessens what it takes ("easing of tensions", "ended the violence", "lifted the ban"): the negative
# word it takes is no negative tone (VADER scores "tensions" -1.7 whatever eases them)
_LESSENED = re.compile(r"\b(?:eas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)|defus(?:e|es|ed|ing)|end(?:s|ed|ing)?"
                       r"|lift(?:s|ed|ing)?|curb(?:s|ed|ing)?|lower(?:s|ed|ing)?)"
                       r"(?:\s+(?:of|the|a|an|their|its|bilateral|political|military|trade))*\s+([A-Za-z]+)", re.I)


def lessened(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each negative word a lessening word takes ("easing of *tensions*")."""
    return [m.span(1) for m in _LESSENED.finditer(text) if valence(m.group(1).lower(), m.group(1).lower()) < 0]


def compound(text: str) -> float:
    """VADER's compound of `text`, a lessened negative ("easing of tensions") read as no negative."""
    for start, end in reversed(lessened(text)):
        text = text[:start] + "x" * (end - start) + text[end:]
    return round(vader().polarity_scores(text)["compound"], 3)


NEGATIONS = {"not", "n't", "no", "never", "nor"}


def _words(ctx: Context, side: str, unit):
    """The valenced words of a unit, as spans: the evidence for its tone. A negation up to three words
    before is part of the evidence ("not trust", as VADER reads it), so a summary never shows "trust" alone."""
    span = ctx.doc(side).char_span(unit.start, unit.end, alignment_mode="expand")
    art = ctx.article(side)
    headline = bool(art.units) and unit.id == art.units[0].id
    eased = {unit.start + s for s, _ in lessened(unit.text)}
    out = []
    for t in span or []:
        if not (t.is_alpha and valence(t.lower_, t.lemma_.lower()) != 0 and unit.start <= t.idx < unit.end):
            continue
        if t.idx in eased:
            continue  # "tensions" in "easing of tensions" is no negative word
        if t.is_stop and t.lower_ not in NEGATIONS or not headline and name_part(t):
            continue  # "Supreme" of the Supreme Court, "Justice" Kennedy, "well" are no tone (a title-cased
            # headline's words are tagged as names: there only stop words are left out)
        neg = next((p for p in t.doc[max(t.i - 3, span.start):t.i] if p.lower_ in NEGATIONS and p.idx >= unit.start),
                   None)
        out.append(art.span((neg or t).idx, t.idx + len(t.text)))
    return out


def _label(c: float) -> str:
    return "negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral"


def article_tone(ctx: Context, side: str) -> dict:
    units = ctx.article(side).units
    scores = [compound(u.text) for u in units]
    return {"headline": scores[0] if scores else 0.0, "mean": round(mean(scores), 3) if scores else 0.0,
            "negative_share": round(sum(s <= -0.05 for s in scores) / max(len(scores), 1), 3),
            "positive_share": round(sum(s >= 0.05 for s in scores) / max(len(scores), 1), 3)}


def fill_tone(ctx: Context) -> None:
    tone = {side: article_tone(ctx, side) for side in ("a", "b")[:len(ctx.cmp.articles)]}
    tone["groups"] = {}
    for g in ctx.cmp.alignment:
        ca = compound(" ".join(ctx.article("a").unit(u).text for u in g.a))
        cb = compound(" ".join(ctx.article("b").unit(u).text for u in g.b))
        tone["groups"][g.id] = {"a": ca, "b": cb, "difference": round(cb - ca, 3)}
    ctx.cmp.tone = tone


def headline_flags(ctx: Context) -> list[Flag]:
    """One article: its headline's slant. Two: headlines that slant apart or carry different valenced words."""
    sides = ("a", "b")[:len(ctx.cmp.articles)]
    heads = {s: ctx.article(s).units[0] for s in sides if ctx.article(s).units and ctx.article(s).title}  # no title, no headline
    if len(heads) < len(sides):
        return []
    c = {s: compound(u.text) for s, u in heads.items()}
    words = {s: _words(ctx, s, u) for s, u in heads.items()}
    ev = {s: [ctx.article(s).span(u.start, u.end)] for s, u in heads.items()}

    def said(s: str) -> str:
        w = ", ".join(f"“{x.text}”" for x in words[s]) or "no valenced words"
        return f"{ctx.name(s)}: “{heads[s].text}” ({_label(c[s])}, VADER {c[s]:+.2f}; {w})"

    if not ctx.pair:
        if abs(c["a"]) < HEADLINE_AT:
            return []
        return [Flag("headline", f"The headline is slanted: {said('a')}.", round(0.3 + 0.3 * abs(c["a"]), 3),
                     ev["a"], [], None, {"a": c["a"]})]
    gap = abs(c["a"] - c["b"])
    differ = {x.text.lower() for x in words["a"]} != {x.text.lower() for x in words["b"]}
    if gap < DIFFER_AT and not (differ and max(abs(c["a"]), abs(c["b"])) >= HEADLINE_AT):
        return []
    summary = f"The headlines frame the event differently. {said('a')}. {said('b')}."
    return [Flag("headline", summary, round(min(1.0, 0.5 + 0.3 * gap), 3), ev["a"], ev["b"], None,
                 {"a": c["a"], "b": c["b"]})]


def pair_tone_flags(ctx: Context) -> list[Flag]:
    """Matched passages told in clearly opposite tones (the headlines have their own flag).

    VADER reads diplomatic news loosely ("defense", "anti", "strong pressure"), so the flag is a
    minor one but for the widest gaps: severity 0.15 + 0.1 x the gap (0.35 at the widest gap of 2)."""
    flags = []
    groups = {g.id: g for g in ctx.cmp.alignment}
    for gid, t in ctx.cmp.tone.get("groups", {}).items():
        if abs(t["difference"]) < PAIR_GAP or t["a"] * t["b"] >= 0 or min(abs(t["a"]), abs(t["b"])) < PAIR_AT:
            continue
        g = groups[gid]
        if any(ctx.position(side, u) == 0 for side in ("a", "b") for u in getattr(g, side)):
            continue  # a headline: the headline flag says it
        ea = [s for u in g.a for s in _words(ctx, "a", ctx.article("a").unit(u))]
        eb = [s for u in g.b for s in _words(ctx, "b", ctx.article("b").unit(u))]
        wa, wb = {w.text.lower() for w in ea}, {w.text.lower() for w in eb}
        if not ea and not eb or wa <= wb or wb <= wa:
            continue  # the same valenced words on both sides ("defense"): VADER's sums, not the outlets' words
        def told(side: str, words) -> str:
            shown = list(dict.fromkeys(w.text for w in words))[:3]
            said = f": {', '.join(f'“{w}”' for w in shown)}" if shown else ""
            return f"{ctx.name(side)} is {_label(t[side])} ({t[side]:+.2f}{said})"

        summary = f"The same passage in opposite tones: {told('a', ea)}, {told('b', eb)}."
        flags.append(Flag("tone", summary, round(0.15 + 0.1 * abs(t["difference"]), 3), ea, eb, gid, dict(t)))
    return flags
