"""DIR/index.html: events by outlets (each event linking its story report) and the per-outlet figures as
charts. One self-contained file: inline SVG bars, no scripts, readable in black and white."""
from __future__ import annotations

from html import escape
from pathlib import Path

from ..output import write_atomic
from ..report.palette import MUTED, RULE, SIDE_A

BAR_W, ROW_H = 220, 16
TOP_SPEAKERS = 5
TOP_SIDES = 6  # sides charted: those with the most quoted words across the corpus

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;max-width:1400px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12.5px}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.ev{min-width:280px}td.c{text-align:center}td.miss{background:#fbe3e3;text-align:center}
.muted{color:#666}.charts{display:flex;flex-wrap:wrap;gap:24px}.chart h3{font-size:13px;margin:4px 0}
"""


def bars(rows: list[tuple[str, float]], title: str, fmt: str = "{:.2f}", top: float | None = None) -> str:
    """One labelled horizontal bar per (label, value), scaled to `top` (shares: 1), else to the largest value."""
    top = top or max((v for _, v in rows), default=0) or 1
    h = len(rows) * ROW_H + 4
    parts = [f'<div class="chart"><h3>{escape(title)}</h3><svg xmlns="http://www.w3.org/2000/svg" role="img" '
             f'aria-label="{escape(title)}" width="{BAR_W + 190}" height="{h}">']
    for i, (label, v) in enumerate(rows):
        y = i * ROW_H + 2
        w = max(v / top * BAR_W, 0.5)
        parts.append(f'<text x="0" y="{y + 11}" font-size="11">{escape(label[:22])}</text>'
                     f'<rect x="130" y="{y + 2}" width="{BAR_W}" height="{ROW_H - 5}" fill="none" stroke="{RULE}" stroke-width="0.5"/>'
                     f'<rect x="130" y="{y + 2}" width="{w:.1f}" height="{ROW_H - 5}" fill="{SIDE_A}"/>'
                     f'<text x="{134 + BAR_W}" y="{y + 11}" font-size="10.5" fill="{MUTED}">{escape(fmt.format(v))}</text>')
    parts.append("</svg></div>")
    return "".join(parts)


def _matrix(tables: dict) -> str:
    outlets = [o["outlet"] for o in tables["outlets"]]
    missed_by = {o: 0 for o in outlets}
    head = "".join(f"<th>{escape(o)}</th>" for o in outlets)
    by_event: dict[str, dict[str, list[dict]]] = {}
    for a in tables["articles"]:
        if a["event"]:
            by_event.setdefault(a["event"], {}).setdefault(a["outlet"], []).append(a)
    lines = []
    events = sorted(tables["events"], key=lambda e: (e["first_date"] or "9999", e["event"]))
    for e in events:
        cells = []
        others = len(outlets) - 1
        for o in outlets:
            mine = by_event.get(e["event"], {}).get(o, [])
            if mine:
                cells.append(f'<td class="c"><a href="{escape(e["report"])}" title="{escape(mine[0]["title"] or "")}">'
                             f'{len(mine) if len(mine) > 1 else "✓"}</a></td>')
            elif others and 2 * len(e["outlets"]) > others:
                missed_by[o] += 1
                cells.append('<td class="miss" title="most other outlets cover it">missed</td>')
            else:
                cells.append('<td class="c muted">·</td>')
        lines.append(f'<tr><td class="ev"><a href="{escape(e["report"])}">{escape(e["title"] or e["event"])}</a></td>'
                     f'<td>{escape(e["first_date"] or "")}</td><td class="c">{e["articles"]}</td>'
                     f'<td class="c">{e["claims_told_by_all"]}/{e["claims"]}</td>{"".join(cells)}</tr>')
    if not lines:
        return "<p class='muted'>No event: no two articles were found to report the same event.</p>"
    return (f"<table><tr><th>event</th><th>date</th><th>articles</th><th>claims told by all</th>{head}</tr>"
            + "".join(lines) + "</table>")


def _charts(tables: dict) -> str:
    rows = tables["outlets"]

    def of(key: str) -> list[tuple[str, float]]:
        return [(r["outlet"], r[key] or 0.0) for r in rows]

    charts = [bars(of("events_covered"), "events covered", "{:.0f}"),
              bars(of("events_missed"), "events missed that most others cover", "{:.0f}"),
              bars(of("attribution_verbs_per_1k_words"), "attribution verbs per 1,000 words"),
              bars(of("loaded_words_per_1k_words"), "loaded words per 1,000 words"),
              bars(of("unique_claims_per_story"), "claims only it tells, per story"),
              bars(of("omitted_claims_per_story"), "claims it leaves out that most tell, per story")]
    words: dict[str, int] = {}
    for s in tables["outlet_sides"]:
        words[s["side"]] = words.get(s["side"], 0) + s["words"]
    for side in sorted(words, key=lambda k: (-words[k], k))[:TOP_SIDES]:
        share = {s["outlet"]: s["share_of_words"] or 0.0 for s in tables["outlet_sides"] if s["side"] == side}
        charts.append(bars([(r["outlet"], share.get(r["outlet"], 0.0)) for r in rows],
                           f"share of quoted words: side “{side}”", "{:.0%}", top=1.0))
    return f'<div class="charts">{"".join(charts)}</div>'


def _voices(tables: dict) -> str:
    out = []
    for r in tables["outlets"]:
        top = [v for v in tables["outlet_voices"] if v["outlet"] == r["outlet"] and v["speaker"]][:TOP_SPEAKERS]
        who = "; ".join(f"{escape(v['speaker'])} {v['share_of_words']:.0%}" for v in top) or "<span class='muted'>no quote</span>"
        verbs = [v for v in tables["outlet_verbs"] if v["outlet"] == r["outlet"]][:5]
        said = ", ".join(f"{escape(v['verb'])} {v['share']:.0%}" for v in verbs)
        out.append(f"<tr><td>{escape(r['outlet'])}</td><td class='c'>{r['articles']}</td><td class='c'>{r['quotes']}</td>"
                   f"<td>{who}</td><td>{said}</td></tr>")
    return ("<table><tr><th>outlet</th><th>articles</th><th>quotes</th><th>most quoted (share of quoted words)</th>"
            "<th>attribution verbs</th></tr>" + "".join(out) + "</table>")


def render_index(tables: dict) -> str:
    arts = tables["articles"]
    bad = sum(a["error"] is not None for a in arts)
    in_events = sum(a["event"] is not None for a in arts)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>framediff corpus</title>"
            f"<style>{_CSS}</style></head><body><h1>framediff corpus</h1>"
            f"<p>{len(arts)} inputs: {len(arts) - bad} articles read ({bad} in <a href='errors.csv'>errors.csv</a>), "
            f"{len(tables['events'])} events of two or more articles ({in_events} articles), "
            f"{len(arts) - bad - in_events} articles sharing no event. Tables: *.parquet and corpus.duckdb.</p>"
            f"<h2>Events by outlet</h2>{_matrix(tables)}<h2>Outlets</h2>{_charts(tables)}"
            f"<h2>Whom each outlet quotes</h2>{_voices(tables)}</body></html>")


def write_index(out: Path, tables: dict) -> None:
    write_atomic(out / "index.html", render_index(tables))
