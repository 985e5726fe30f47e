"""Paired horizontal bars (A solid, B hatched) as inline SVG: no scripts, readable in black and white."""
from __future__ import annotations

from html import escape

from .palette import MUTED, RULE, SIDE_A, SIDE_B

LABEL_W, BAR_W, BAR_H, GAP = 150, 250, 9, 7


def paired_bars(rows: list[tuple[str, float, float]], title: str) -> str:
    """One labelled pair of bars per row: (label, share in A, share in B), shares in [0, 1]."""
    row_h = 2 * BAR_H + GAP + 4
    height = len(rows) * row_h + 4
    width = LABEL_W + BAR_W + 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
             '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)">'
             f'<rect width="4" height="4" fill="white"/><rect width="2" height="4" fill="{SIDE_B}"/></pattern></defs>']
    for i, (label, sa, sb) in enumerate(rows):
        y = i * row_h + 2
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + BAR_H + 4}" text-anchor="end" font-size="9" '
                     f'fill="#1b1b1b">{escape(label[:28])}</text>')
        for j, (side, share, fill) in enumerate((("A", sa, SIDE_A), ("B", sb, "url(#hatch)"))):
            by = y + j * (BAR_H + 2)
            w = max(share * BAR_W, 0.5)
            parts.append(f'<rect x="{LABEL_W}" y="{by}" width="{BAR_W}" height="{BAR_H}" fill="none" '
                         f'stroke="{RULE}" stroke-width="0.5"/>')
            parts.append(f'<rect x="{LABEL_W}" y="{by}" width="{w:.1f}" height="{BAR_H}" fill="{fill}" '
                         f'stroke="{SIDE_A if side == "A" else SIDE_B}" stroke-width="0.6"/>')
            parts.append(f'<text x="{LABEL_W + BAR_W + 4}" y="{by + BAR_H - 1}" font-size="8" '
                         f'fill="{MUTED}">{side} {share:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)
