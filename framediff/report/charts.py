"""Paired horizontal bars (A solid, B hatched) as inline SVG: no scripts, readable in black and white."""
from __future__ import annotations

from html import escape

from .palette import MUTED, RULE, SIDE_A, SIDE_B

BAR_W, BAR_H, LABEL_H, GAP = 200, 7, 10, 3


def swatch(side: str) -> str:
    """A small key square: A solid, B hatched, as in the bars."""
    colour = SIDE_A if side == "a" else SIDE_B
    fill = colour if side == "a" else f"url(#hatch-{side})"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="12" height="9" class="swatch">{_hatch(side)}'
            f'<rect x="0.5" y="0.5" width="11" height="8" fill="{fill}" stroke="{colour}"/></svg>')


def _hatch(key: str) -> str:
    return (f'<defs><pattern id="hatch-{key}" width="4" height="4" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="4" height="4" fill="white"/>'
            f'<rect width="2" height="4" fill="{SIDE_B}"/></pattern></defs>')


def paired_bars(rows: list[tuple[str, float, float]], title: str, key: str) -> str:
    """One labelled pair of bars per row: (label, share in A, share in B), shares in [0, 1]; `key` makes ids unique."""
    row_h = LABEL_H + 2 * BAR_H + 2 + GAP
    height = len(rows) * row_h
    width = BAR_W + 44
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
             _hatch(key)]
    for i, (label, sa, sb) in enumerate(rows):
        y = i * row_h + LABEL_H
        parts.append(f'<text x="0" y="{y - 3}" font-size="8.5" fill="#1b1b1b">{escape(label[:48])}</text>')
        for j, (side, share, fill) in enumerate((("A", sa, SIDE_A), ("B", sb, f"url(#hatch-{key})"))):
            by = y + j * (BAR_H + 2)
            w = max(share * BAR_W, 0.5)
            parts.append(f'<rect x="0" y="{by}" width="{BAR_W}" height="{BAR_H}" fill="none" '
                         f'stroke="{RULE}" stroke-width="0.5"/>')
            parts.append(f'<rect x="0" y="{by}" width="{w:.1f}" height="{BAR_H}" fill="{fill}" '
                         f'stroke="{SIDE_A if side == "A" else SIDE_B}" stroke-width="0.6"/>')
            parts.append(f'<text x="{BAR_W + 4}" y="{by + BAR_H - 1}" font-size="8" '
                         f'fill="{MUTED}">{side} {share:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)
