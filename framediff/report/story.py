"""The story report (three or more outlets) as one self-contained HTML document, and as PDF:
the event grouping, each event's claim matrix, each outlet's unique and omitted claims, the naming
table, and the quotes and share-of-voice table. Wide matrices go on landscape A4 pages.

Every piece of article or engine text goes through `html.escape`; no scripts, no outside resources.
"""
from __future__ import annotations

from html import escape
from importlib.resources import files

from ..story.model import Claim, Event, Story
from .html import notices_html
from .palette import CLAIM_PLACE, CLAIM_STATE, css as palette_css
from .pdf import offline_fetcher

WIDE_FROM = 6  # outlets from which an event's matrix goes on a landscape page
CLAIM_CHARS = 160  # a claim's wording shown in the matrix, cut at a word


def _short(text: str, n: int = CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


def _wording(story: Story, claim: Claim) -> str:
    art = story.article(claim.reference)
    return " ".join(art.unit(u).text for u in claim.units[claim.reference])


def _header(story: Story) -> str:
    rows = "".join(f'<tr><th class="oid">{a.id.upper()}</th><td>{escape(a.label)}</td>'
                   f'<td lang="{escape(a.language or "und")}">{escape(a.title or "(untitled)")}</td>'
                   f'<td>{escape(a.date or "—")}</td><td class="src">{escape(a.source)}</td></tr>' for a in story.articles)
    meta = story.meta
    made = (f"Compared {escape(str(meta.get('created', 'at an unknown time')).replace('T', ' '))} with the model "
            f"{escape(str(meta.get('model', 'unknown')))}"
            + (f", framediff {escape(str(meta['framediff']))}" if meta.get("framediff") else ""))
    return (f'<header><p class="runhead">framediff story · {len(story.articles)} articles</p>'
            f'<h1>How {len(story.articles)} outlets tell the story</h1>'
            f'<table class="outlets"><thead><tr><th class="oid"></th><th>Outlet</th><th>Title</th><th>Date</th>'
            f'<th>Source</th></tr></thead><tbody>{rows}</tbody></table>{notices_html(meta)}<p class="made">{made}.</p></header>')


def _grouping(story: Story) -> str:
    items = []
    for e in story.events:
        scores = ", ".join(f"{p.a.upper()}–{p.b.upper()} {p.score:.2f}" for p in e.same_event)
        names = ", ".join(escape(f"{i.upper()} ({story.article(i).label})") for i in e.articles)
        items.append(f"<li><strong>Event {e.id[1:]}</strong>: {names}"
                     f' <span class="muted">same-event scores {scores}</span></li>')
    for i in story.singles:
        best = max((p for p in story.same_event if i in (p.a, p.b)), key=lambda p: p.score, default=None)
        near = (f' <span class="muted">closest: {(best.b if best.a == i else best.a).upper()} {best.score:.2f}, '
                f'judged another event</span>') if best else ""
        items.append(f"<li><strong>On its own</strong>: {i.upper()} ({escape(story.article(i).label)}) shares no event "
                     f"with another article{near}</li>")
    return f'<section class="grouping"><h2>Events</h2><ul>{"".join(items)}</ul></section>'


def _legend() -> str:
    keys = "".join(f'<span class="cs cs-{k}">{CLAIM_PLACE["headline"] if k != "absent" else "&#160;"}</span> '
                   f'{escape(m.label)} &#160; ' for k, m in CLAIM_STATE.items())
    return (f'<p class="legend-s">{keys} H: in the headline, L: in the lead, no letter: in the body. '
            f'n: how many outlets tell it. Rows: claims told by most outlets first, then by where they first appear.</p>')


def _matrix(story: Story, e: Event) -> str:
    head = "".join(f'<th class="oc" title="{escape(story.article(i).label)}">{i.upper()}</th>' for i in e.articles)
    rows = []
    for c in e.claims:
        cells = "".join(
            f'<td class="cs cs-{c.cells[i].state if i in c.cells else "absent"}">'
            f'{CLAIM_PLACE.get(c.cells[i].where, "") if i in c.cells else ""}</td>' for i in e.articles)
        rows.append(f'<tr><th class="cn">{c.id[1:]}</th><td class="cn-n">{len(c.units)}</td>{cells}'
                    f'<td class="ct" lang="{escape(story.article(c.reference).language or "und")}">'
                    f'{escape(_short(_wording(story, c)))} <span class="muted">({c.reference.upper()})</span></td></tr>')
    wide = " wide" if len(e.articles) >= WIDE_FROM else ""
    return (f'<section class="matrix{wide}"><h3>Who tells what: {len(e.claims)} claims</h3>{_legend()}'
            f'<table class="cm"><thead><tr><th class="cn">#</th><th class="cn-n" title="how many outlets tell it">n</th>{head}'
            f'<th class="ct">claim, in its most common wording (outlet)</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _outlets(story: Story, e: Event) -> str:
    by_id = {c.id: c for c in e.claims}
    parts = []
    for i in e.articles:
        o = e.outlets.get(i, {})
        art = story.article(i)
        lists = []
        for key, title in (("unique", "Only it tells"), ("omitted", "Leaves out what most others tell")):
            ids = o.get(key, [])
            items = "".join(f'<li><span class="muted">#{cid[1:]}</span> {escape(_short(_wording(story, by_id[cid]), 220))}</li>'
                            for cid in ids if cid in by_id)
            lists.append(f'<h4>{title} ({len(ids)})</h4>' + (f"<ul>{items}</ul>" if items else '<p class="none">nothing</p>'))
        verbs = ", ".join(f"{escape(v)} ×{n}" for v, n in o.get("verbs", {}).items())
        loaded = ", ".join(dict.fromkeys(escape(s["text"]) for s in o.get("loaded", [])))
        numbers = "".join(f"<li>{escape(n['summary'])}</li>" for n in o.get("numbers", []))
        words = (f'<p><span class="k">Attribution verbs</span> {verbs or "—"}</p>'
                 f'<p><span class="k">Loaded words</span> {loaded or "—"}</p>'
                 + (f'<h4>Numbers that disagree</h4><ul>{numbers}</ul>' if numbers else ""))
        parts.append(f'<div class="outlet" lang="{escape(art.language or "und")}"><h3>{i.upper()} · {escape(art.label)}</h3>'
                     f'{"".join(lists)}{words}</div>')
    return f'<section class="per-outlet"><h2>Each outlet</h2>{"".join(parts)}</section>'


def _naming(story: Story, e: Event) -> str:
    if not e.naming:
        return '<section class="naming"><h3>Naming</h3><p class="none">No thing is named differently.</p></section>'
    head = "".join(f'<th>{i.upper()} · {escape(story.article(i).label)}</th>' for i in e.articles)
    rows = "".join("<tr>" + "".join(
        f'<td>{escape(", ".join(dict.fromkeys(s.text for s in row.get(i, [])))) or "<span class=none>—</span>"}</td>'
        for i in e.articles) + "</tr>" for row in e.naming)
    wide = " wide" if len(e.articles) >= WIDE_FROM else ""
    return (f'<section class="naming{wide}"><h3>Naming: the same thing, different names</h3>'
            f'<table class="nt"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>')


def _voices(story: Story, e: Event) -> str:
    names = {s.id: s.name for s in e.speakers}
    arts = e.voices.get("articles", {})
    share: dict[str, dict[str, float]] = {}
    for i in e.articles:
        for sp in arts.get(i, {}).get("speakers", []):
            if sp.get("speaker"):
                share.setdefault(sp["speaker"], {})[i] = sp.get("share_words", 0.0)
    if not share:
        return '<section class="voices"><h3>Quotes and share of voice</h3><p class="none">No quotes were found.</p></section>'
    order = sorted(share, key=lambda s: (-len(share[s]), -sum(share[s].values())))
    head = "".join(f'<th class="oc">{i.upper()}</th>' for i in e.articles)
    rows = "".join(f'<tr><td>{escape(names.get(s, s))}</td>' + "".join(
        f'<td class="pct">{round(share[s][i] * 100)}%</td>' if i in share[s] else '<td class="pct none">—</td>'
        for i in e.articles) + "</tr>" for s in order)
    totals = "".join(f'<td class="pct">{arts.get(i, {}).get("quotes", 0)}</td>' for i in e.articles)
    return (f'<section class="voices"><h3>Quotes and share of voice</h3>'
            f'<p class="muted">Share of each outlet\'s quoted words per speaker; last row: number of quotes.</p>'
            f'<table class="vt"><thead><tr><th>Speaker</th>{head}</tr></thead><tbody>{rows}'
            f'<tr class="tot"><td>quotes</td>{totals}</tr></tbody></table></section>')


def _event(story: Story, e: Event) -> str:
    names = ", ".join(f"{i.upper()} ({escape(story.article(i).label)})" for i in e.articles)
    return (f'<section class="event"><h2>Event {e.id[1:]}: {len(e.articles)} outlets</h2><p>{names}</p>'
            f'{_matrix(story, e)}{_outlets(story, e)}{_naming(story, e)}{_voices(story, e)}</section>')


def render_story_html(story: Story) -> str:
    """The whole story report as one HTML string."""
    style = (palette_css() + "\n" + "\n".join(f".cs-{k} {{ background: {m.bg}; color: {m.fg}; }}" for k, m in CLAIM_STATE.items())
             + "\n" + files(__package__).joinpath("report.css").read_text(encoding="utf-8"))
    title = escape(", ".join(a.label for a in story.articles))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>framediff story: {title}</title>'
            f'<style>{style}</style></head><body class="story">{_header(story)}{_grouping(story)}'
            f'{"".join(_event(story, e) for e in story.events)}</body></html>')


def render_story_pdf(story: Story) -> bytes:
    """The story report as PDF bytes."""
    from weasyprint import HTML

    return HTML(string=render_story_html(story), base_url=None, url_fetcher=offline_fetcher()).write_pdf()
