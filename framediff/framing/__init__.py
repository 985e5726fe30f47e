"""Framing differences: the flags an editor would circle, plus each passage's frame and tone.

Two articles: naming, numbers, omission, prominence, headline and pair tone,
sourcing, frames, and judgement-carrying words that differ between matched
passages. One article: judgement-carrying words and the headline's slant.
Flags come ranked, most likely right and most severe first, each with its confidence and each difference
once (rank.py).
"""
from __future__ import annotations

from ..comparison import Comparison
from .context import Context
from .frames import fill_frames
from .naming_statements import naming_flags
from .numbers import number_flags
from .omission import omission_flags
from .prominence import prominence_flags
from .rank import confidence, rank
from .sourcing import sourcing_flags
from .tone import fill_tone, headline_flags, pair_tone_flags
from .wording import pair_flags, single_flags


def analyse_framing(cmp: Comparison, embed) -> None:
    """Fill cmp.flags, cmp.frames and cmp.tone."""
    ctx = Context(cmp, embed)
    fill_tone(ctx)
    flags = fill_frames(ctx) + headline_flags(ctx)
    if ctx.pair:
        flags += (naming_flags(ctx) + number_flags(ctx) + omission_flags(ctx) + prominence_flags(ctx)
                  + pair_tone_flags(ctx) + sourcing_flags(ctx) + pair_flags(ctx))
    else:
        flags += single_flags(ctx, "a")
    for f in flags:
        f.confidence = confidence(f)
    same = cmp.same_event is None or cmp.same_event.verdict
    cmp.flags = rank(flags, same_event=same)
