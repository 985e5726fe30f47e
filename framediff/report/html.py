"""The report as one self-contained HTML document: header, summary page, side by side, quotes, all flags.

Every piece of article or engine text goes through `html.escape`; the document
has no scripts and refers to no outside resource.
"""
from __future__ import annotations

from html import escape
from importlib.resources import files

from ..comparison import Article, Comparison, Flag
from .charts import paired_bars, swatch
from .marks import Highlights, highlights, render
from .palette import MARKS, OMITTED, css as palette_css
from .rows import Row, build_rows
from ..review import TYPE_LABEL, findings, has_reviews, is_user, note, status
from .summary import TOP_FLAGS, frame_shares, voice_shares

KIND_LABEL = {"match": "same", "partial": "differs", "only-a": "only in A", "only-b": "only in B",
              "only-each": "no match"}


def _header(cmp: Comparison) -> str:
    cards = []
    for art in cmp.articles:
        facts = [f"<p><span class='k'>Outlet</span> {escape(art.outlet or 'unknown (name it with --outlet, or in the window)')}</p>",
                 f"<p><span class='k'>Date</span> {escape(art.date or 'no date found')}</p>",
                 f"<p class='src'><span class='k'>Source</span> {escape(art.source)}</p>"]
        cards.append(f'<div class="card side-{art.id}" lang="{escape(art.language or "und")}">'
                     f'<div class="tag">{art.id.upper()}</div><h2>{escape(art.title or "(untitled)")}</h2>'
                     f'{"".join(facts)}</div>')
    meta = cmp.meta
    made = (f"Compared {escape(str(meta.get('created', 'at an unknown time')).replace('T', ' '))} "
            f"with the model {escape(str(meta.get('model', 'unknown')))}")
    if meta.get("model_id"):
        made += f" ({escape(str(meta['model_id']))})"
    if meta.get("framediff"):
        made += f", framediff {escape(str(meta['framediff']))}"
    names = " vs ".join(escape(a.label) for a in cmp.articles)
    return (f'<header><p class="runhead">framediff report · {names}</p>'
            f'<h1>How two outlets tell the story</h1><div class="cards">{"".join(cards)}</div>'
            f'{notices_html(cmp.meta)}{_verdict(cmp)}<p class="made">{made}.</p></header>')


def notices_html(meta: dict) -> str:
    """What the engine did not do and why (a language it cannot read), above everything it did; `meta` of a
    Comparison or a Story."""
    items = "".join(f"<p><strong>Not every step ran.</strong> {escape(str(n))}</p>" for n in meta.get("notices", []))
    return f'<div class="notice">{items}</div>' if items else ""


def _verdict(cmp: Comparison) -> str:
    se = cmp.same_event
    if se is None:
        return ""
    reasons = "".join(f"<li>{escape(r)}</li>" for r in se.reasons)
    if se.verdict:
        kind, head = "same", (f"<strong>Same event.</strong> Both articles appear to report the same event "
                              f"(score {se.score:.2f}).")
    elif se.unsure:
        kind, head = "unsure", (f"<strong>Same event, or the same kind of event on another occasion?</strong> "
                                f"framediff cannot tell (score {se.score:.2f}): nothing below pins the occasion down. "
                                "Check the dates and places before citing matched passages as the same facts.")
    else:
        kind, head = "different", (f"<strong>DIFFERENT EVENTS.</strong> These articles probably report different "
                                   f"events (score {se.score:.2f}); read the differences below as two stories, not "
                                   "two tellings of one.")
    return f'<div class="verdict {kind}"><p>{head}</p><ul>{reasons}</ul></div>'


def _flag_table(flags: list[Flag], first: int | None = 1) -> str:
    """Flags as numbered rows from `first` (None: unnumbered), each with who found it, its review and note."""
    rows = "".join(f'<tr><td class="fnum">{f"[{first + k}]" if first is not None else "–"}</td>'
                   f'<td>{_flag_text(f)}</td></tr>' for k, f in enumerate(flags))
    return f'<table class="flags"><tbody>{rows}</tbody></table>'


def _flag_text(f: Flag) -> str:
    # no text may end in a space before a span: WeasyPrint measures a text with its trailing space, and
    # broke a summary that fitted its line only without it after its first word
    state = status(f)
    when = f"&#160;{escape(f.review.at[:10])}" if getattr(f, "review", None) is not None and f.review.at else ""
    if is_user(f):
        who = f"flagged by the editor{when}"
    elif state is None:
        who = "not reviewed"
    else:
        who = f"{state} by the editor{when}"
    kind = escape(TYPE_LABEL.get(f.type, f.type.replace("_", " ")))
    facts = [kind, who] + ([] if f.severity is None else [f"severity&#160;{f.severity:.2f}"])
    confidence = getattr(f, "confidence", None)
    if isinstance(confidence, (int, float)):
        facts.append(f"confidence&#160;{confidence:.0%}")
    text = (f'{escape(f.summary)}<span class="ftype state-{state or "none"}"> '
            f'{"&#160;·&#160;".join(facts)}</span>')
    if is_user(f):
        marked = " · ".join(f"{side.upper()}&#160;“{escape(_clip(' '.join(sp.text for sp in getattr(f, side))))}”"
                            for side in "ab" if getattr(f, side))
        text += f'<div class="fspans">{marked}</div>'
    if note(f):
        text += f'<div class="fnote"><span class="k">Editor’s note:</span> {escape(note(f))}</div>'
    return text


def _clip(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _summary(cmp: Comparison, reviewed: list[Flag], unreviewed: list[Flag], lead: int, dismissed: int,
             rows: list[Row]) -> str:
    counts = {k: sum(r.kind == k for r in rows) for k in KIND_LABEL}
    only = {side: sum(len(getattr(r, side)) for r in rows if r.kind.startswith("only")) for side in "ab"}
    a, b = cmp.articles
    users = sum(is_user(f) for f in reviewed)
    tool = sum(not is_user(f) for f in cmp.flags)
    review = (f" The editor added {users} of their own, confirmed {len(reviewed) - users} and dismissed {dismissed}; "
              f"{len(unreviewed)} are not reviewed." if has_reviews(cmp.flags) else "")
    facts = (f"{counts['match'] + counts['partial']} passages tell the same facts "
             f"({counts['partial']} of them told differently); {only['a']} passage(s) only in A "
             f"({escape(a.label)}), {only['b']} only in B ({escape(b.label)}); "
             f"{len(cmp.quotes)} quotes, {tool} differences flagged by framediff.{review}")
    parts = []
    if reviewed:
        parts.append(f'<h3>Reviewed findings</h3>{_flag_table(reviewed)}')
    if unreviewed:
        more = (f'<p class="more">{len(unreviewed) - lead} more in “All differences” at the end.</p>'
                if len(unreviewed) > lead else "")
        head = ("<h3>Found by framediff, not reviewed</h3>" if reviewed else
                "<h3>The most important differences</h3><p class='byline'>Found by framediff; not reviewed.</p>")
        top = (_flag_table(unreviewed[:lead], len(reviewed) + 1) if lead else
               '<p class="none">framediff is not sure enough of any difference to lead with it.</p>')
        parts.append(f"{head}{top}{more}")
    if not parts:
        parts.append('<p class="none">No framing differences were flagged.</p>')
    voices, frames = voice_shares(cmp), frame_shares(cmp)
    charts = [("voices", "Share of voice (words quoted per speaker)", voices, "No quotes were found."),
              ("frames", "Frame profile (share of each article's passages)", frames, "No frame is clear enough in these passages to chart.")]
    cells = "".join(f'<td><h3>{t}</h3>'
                    f'{paired_bars([(k.replace("_", " "), x, y) for k, x, y in data], t, key) if data else f"<p class=none>{empty}</p>"}'
                    f'</td>' for key, t, data, empty in charts)
    key = (f'<p class="chartkey">{swatch("a")} A: {escape(a.label)} (solid) &#160; '
           f'{swatch("b")} B: {escape(b.label)} (hatched)</p>')
    return (f'<section class="summary"><h2>Summary</h2><p class="facts">{facts}</p>{"".join(parts)}'
            f'<table class="charts"><tbody><tr>{cells}</tr></tbody></table>{key}</section>')


def _legend() -> str:
    items = "".join(f'<li><span class="m-{m.name}">{"sample" if m.name != "omitted" else "only in A"}</span> '
                    f'{escape(m.label)}</li>' for m in MARKS.values())
    return f'<ul class="legend">{items}<li><sup class="fn">[n]</sup> the difference numbered n explains it</li></ul>'


def _cell(art: Article, units, hl: Highlights, other: str, omitted: bool) -> str:
    if not units:
        return f'<td class="gap"><span class="gaplabel">— only in {other} —</span></td>'
    parts = [render(art.text, units[0].start, units[0].end, hl)]
    for prev, u in zip(units, units[1:]):
        between = art.text[prev.end:u.start]
        if between.strip():  # passages apart in the article: what lies between is elsewhere in the table
            parts.append('<br><span class="skip">[…]</span><br>')
        else:  # the next sentence, or the next paragraph
            parts.append("<br>" if "\n" in between else " ")
        parts.append(render(art.text, u.start, u.end, hl))
    cls = f' class="m-{OMITTED.name}"' if omitted else ""
    return f'<td lang="{escape(art.language or "und")}"{cls}>{"".join(parts)}</td>'


def _passages(cmp: Comparison, rows: list[Row], hls: dict[str, Highlights]) -> str:
    a, b = cmp.articles
    body = []
    for r in rows:
        omitted = r.kind.startswith("only")
        body.append(f'<tr class="row {r.kind}"><th class="num">{r.number}<span class="kind">{KIND_LABEL[r.kind]}</span></th>'
                    f'{_cell(a, r.a, hls["a"], "B", omitted)}{_cell(b, r.b, hls["b"], "A", omitted)}</tr>')
    head = (f'<thead><tr><th class="num">#</th><th class="side-a">A · {escape(a.label)}</th>'
            f'<th class="side-b">B · {escape(b.label)}</th></tr></thead>')
    return (f'<section class="passages"><h2>The articles side by side</h2>{_legend()}'
            f'<table class="sbs">{head}<tbody>{"".join(body)}</tbody></table></section>')


def _quotes(cmp: Comparison) -> str:
    if not cmp.quote_matches:
        return '<section class="quotes"><h2>Quotes</h2><p class="none">No quotes were found.</p></section>'
    by_id = {q.id: q for q in cmp.quotes}
    rows = []
    for m in cmp.quote_matches:
        qa, qb = by_id.get(m.a), by_id.get(m.b)
        speaker = next((q.speaker for q in (qa, qb) if q and q.speaker), None)
        unclear = ' unclear' if speaker is not None and speaker.unclear else ''
        who = escape(speaker.label if speaker else "unattributed")
        cells = [f'<td lang="{escape(cmp.article(s).language or "und")}">{_quote_text(q)}</td>'
                 for s, q in (("a", qa), ("b", qb))]
        rel = escape(m.relation)
        rows.append(f'<tr><td class="who{unclear}">{who}</td>{"".join(cells)}<td class="rel rel-{rel}">{rel}</td></tr>')
    a, b = cmp.articles
    return (f'<section class="quotes"><h2>Quotes</h2><table class="qt"><thead><tr><th class="who">Speaker</th>'
            f'<th class="side-a">A · {escape(a.label)}</th><th class="side-b">B · {escape(b.label)}</th>'
            f'<th class="rel">Relation</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _quote_text(q) -> str:
    """A direct quote in quotation marks; reported speech (partial, indirect) as such, never in quotation marks."""
    if q is None:
        return '<span class="gaplabel">— not quoted —</span>'
    verb = f'<span class="verb"> ({escape(q.verb)})</span>' if q.verb else ""  # the space inside: see _flag_table
    if q.kind == "direct":
        return f"{escape(q.said)}{verb}"
    return f'<span class="reported">{escape(q.said)}</span>{verb}'


def _all_flags(reviewed: list[Flag], unreviewed: list[Flag], lead: int, dismissed: list[Flag]) -> str:
    """The unreviewed flags past the summary page's leading ones, and the dismissed ones when asked for."""
    out = ""
    if len(unreviewed) > lead:
        out += (f'<section class="allflags"><h2>All differences</h2><p class="byline">The rest of what framediff '
                f'found, not reviewed, most likely right first.</p>'
                f'{_flag_table(unreviewed[lead:], len(reviewed) + lead + 1)}</section>')
    if dismissed:
        out += (f'<section class="allflags dismissed"><h2>Dismissed by the editor</h2><p class="byline">Flags '
                f'framediff raised that the editor judged wrong; not marked in the text.</p>'
                f'{_flag_table(dismissed, None)}</section>')
    return out


def render_html(cmp: Comparison, with_dismissed: bool = False) -> str:
    """The whole report as one HTML string: no scripts, no outside resources; `with_dismissed` lists the
    flags the editor dismissed in an appendix (they are left out otherwise)."""
    found = findings(cmp.flags)  # the window's order and numbers; the summary page leads with at most TOP_FLAGS
    lead = min(found.leading, TOP_FLAGS)
    reviewed, unreviewed = ([cmp.flags[i] for i in ids] for ids in (found.reviewed, found.unreviewed))
    dismissed = [cmp.flags[i] for i in found.dismissed]
    flags = reviewed + unreviewed  # numbered in this order, as `summary.ranked_flags`
    rows = build_rows(cmp)
    hls = {art.id: highlights(cmp, art.id, flags) for art in cmp.articles}
    style = palette_css() + "\n" + files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    title = escape(" vs ".join(a.label for a in cmp.articles))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>framediff report: {title}</title><style>{style}</style></head><body>'
            f'{_header(cmp)}{_summary(cmp, reviewed, unreviewed, lead, len(dismissed), rows)}{_passages(cmp, rows, hls)}'
            f'{_quotes(cmp)}{_all_flags(reviewed, unreviewed, lead, dismissed if with_dismissed else [])}</body></html>')
