"""The corpus as tables: Parquet files in DIR and one DuckDB file (DIR/corpus.duckdb) holding them all
with views that join them. Built from the finished pieces (story JSON per event, analysis per single
article), so a resumed run writes the same tables as an uninterrupted one.

- articles: a row per input (`row`, `id`, `source`, `event` null for an article that shares no event, `error`);
- events: a row per event (articles, outlets, dates, claims, report path);
- claims: a row per claim and article of its event (`state` present / reworded / absent);
- quotes: a row per quote (speaker, side, verb), singles' quotes too (`event` null);
- flags: a row per flag and span (event flags, and single articles' word flags);
- outlets, outlet_voices, outlet_sides, outlet_verbs: the per-outlet figures (`outlets.figures`).
Outlet names are matched case-blind, each shown in its most common spelling.
"""
from __future__ import annotations

import os
import re
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from ..comparison import UNCLEAR_BELOW
from ..output import write_atomic
from .inputs import Row
from .outlets import figures

UNKNOWN_OUTLET = "(no outlet)"
_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def outlet_names(found: dict[int, dict], rows: list[Row]) -> dict[str, str]:
    """Each outlet name, case-blind, -> its most common spelling ("FOX" and "fox" are one outlet)."""
    spelled: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        a = found.get(r.row, {}).get("article")
        name = " ".join(((a or {}).get("outlet") or r.outlet or "").split()) or UNKNOWN_OUTLET
        spelled[name.casefold()][name] += 1
    return {k: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, c in spelled.items()}


def build_tables(rows: list[Row], found: dict[int, dict], errors: dict[int, str], stories: dict[str, dict],
                 singles: dict[int, dict]) -> dict[str, list[dict]]:
    """Every table as a list of records, rows in a fixed order (by event id, then row)."""
    event_of: dict[int, str] = {}
    local: dict[str, dict[str, int]] = {}  # event -> story article id -> row
    for eid, story in stories.items():
        ids = [a["id"] for a in story["articles"]]
        local[eid] = dict(zip(ids, story["corpus"]["rows"]))
        for e in story["events"]:
            for aid in e["articles"]:
                event_of[local[eid][aid]] = eid
    arts = {r: d["article"] for r, d in found.items() if "article" in d}
    names = outlet_names(found, rows)
    articles = []
    for r in rows:
        a = arts.get(r.row)
        outlet = " ".join(((a or {}).get("outlet") or r.outlet or "").split()) or UNKNOWN_OUTLET
        articles.append({
            "row": r.row, "id": r.id, "source": r.source,
            "title": a["title"] if a else r.title, "outlet": names[outlet.casefold()],
            "date": (a["date"] if a else r.date) or None, "language": a["language"] if a else None,
            "words": _words(a["text"]) if a else None, "sentences": len(a["units"]) if a else None,
            "event": event_of.get(r.row), "error": errors.get(r.row)})
    by_row = {a["row"]: a for a in articles}
    events, claims, quotes, flags = [], [], [], []
    for eid in sorted(stories):
        story, to_row = stories[eid], local[eid]
        units = {a["id"]: {u["id"]: u["text"] for u in a["units"]} for a in story["articles"]}
        for e in story["events"]:
            members = [to_row[i] for i in e["articles"]]
            dates = sorted(d for d in (by_row[m]["date"] for m in members) if d)
            events.append({
                "event": eid, "articles": len(members), "outlets": sorted({by_row[m]["outlet"] for m in members}),
                "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
                "title": by_row[members[0]]["title"], "claims": len(e["claims"]),
                "claims_told_by_all": sum(len(c["units"]) == len(members) for c in e["claims"]),
                "flags": len(e["flags"]), "quotes": len(e["quotes"]), "report": f"events/{eid}/report.html"})
            for c in e["claims"]:
                for aid in e["articles"]:
                    cell = c.get("cells", {}).get(aid, {})
                    claims.append({"event": eid, "claim": c["id"], "outlets_telling": len(c["units"]),
                                   "row": to_row[aid], "outlet": by_row[to_row[aid]]["outlet"],
                                   "state": cell.get("state", "present" if aid in c["units"] else "absent"),
                                   "place": cell.get("where") or None,
                                   "text": " ".join(units[aid][u] for u in c["units"].get(aid, [])) or None})
            speakers = {s["id"]: s for s in e["speakers"]}
            quotes += [_quote(q, eid, to_row[q["article"]], by_row, speakers) for q in e["quotes"]]
            for n, f in enumerate(e["flags"], 1):
                for aid, spans in f["spans"].items():
                    for s in spans:
                        flags.append(_flag(eid, f"f{n}", f, to_row[aid], by_row, s))
    for r in sorted(singles):
        cmp = singles[r]
        speakers = {s["id"]: s for s in cmp.get("speakers", [])}
        quotes += [_quote(q, None, r, by_row, speakers) for q in cmp.get("quotes", [])]
        for n, f in enumerate(cmp.get("flags", []), 1):
            for s in f.get("a", []):
                flags.append(_flag(None, f"f{n}", f, r, by_row, s))
    tables = {"articles": articles, "events": events, "claims": claims, "quotes": quotes, "flags": flags}
    tables.update(figures(tables, stories, local))
    return tables


def _quote(q: dict, eid: str | None, row: int, by_row: dict, speakers: dict) -> dict:
    """A quote's row; a speaker the quotes step is unsure of (below UNCLEAR_BELOW) is no name, as in the pair
    views: share-of-voice figures count only what a person is reported to have said."""
    ref = q.get("speaker") or {}
    confidence = ref.get("confidence", 1.0) if ref else None
    if confidence is not None and confidence < UNCLEAR_BELOW:
        ref = {}
    sp = speakers.get(ref.get("id"), {})
    return {"event": eid, "row": row, "outlet": by_row[row]["outlet"], "quote": q["id"], "kind": q["kind"],
            "speaker": sp.get("name") or ref.get("name") or None, "speaker_confidence": confidence,
            "side": sp.get("side") or None,
            "verb": (q.get("verb") or "").lower() or None, "start": q["start"], "end": q["end"], "text": q["text"],
            "words": _words(q["text"])}


def _flag(eid: str | None, fid: str, f: dict, row: int, by_row: dict, span: dict) -> dict:
    return {"event": eid, "flag": fid, "type": f["type"], "severity": f["severity"], "summary": f["summary"],
            "row": row, "outlet": by_row[row]["outlet"], "start": span["start"], "end": span["end"], "text": span["text"]}


SCHEMAS = {  # column types for tables that may be empty (pyarrow cannot infer them from no rows)
    "articles": {"row": "int64", "id": "string", "source": "string", "title": "string", "outlet": "string",
                 "date": "string", "language": "string", "words": "int64", "sentences": "int64",
                 "event": "string", "error": "string"},
    "events": {"event": "string", "articles": "int64", "outlets": "list<string>", "first_date": "string",
               "last_date": "string", "title": "string", "claims": "int64", "claims_told_by_all": "int64",
               "flags": "int64", "quotes": "int64", "report": "string"},
    "claims": {"event": "string", "claim": "string", "outlets_telling": "int64", "row": "int64", "outlet": "string",
               "state": "string", "place": "string", "text": "string"},
    "quotes": {"event": "string", "row": "int64", "outlet": "string", "quote": "string", "kind": "string",
               "speaker": "string", "speaker_confidence": "float64", "side": "string", "verb": "string",
               "start": "int64", "end": "int64", "text": "string", "words": "int64"},
    "flags": {"event": "string", "flag": "string", "type": "string", "severity": "float64", "summary": "string",
              "row": "int64", "outlet": "string", "start": "int64", "end": "int64", "text": "string"},
}


def _arrow(name: str, records: list[dict]):
    import pyarrow as pa

    if name in SCHEMAS:
        types = {"int64": pa.int64(), "string": pa.string(), "float64": pa.float64(), "list<string>": pa.list_(pa.string())}
        schema = pa.schema([(k, types[t]) for k, t in SCHEMAS[name].items()])
        return pa.Table.from_pylist(records, schema=schema)
    return pa.Table.from_pylist(records)


VIEWS = {
    "article_events": "SELECT a.*, e.title AS event_title, e.articles AS event_articles, e.outlets AS event_outlets, "
                      "e.report FROM articles a LEFT JOIN events e ON a.event = e.event",
    "claim_articles": "SELECT c.*, a.id, a.title, a.date FROM claims c JOIN articles a ON a.row = c.row",
    "quote_articles": "SELECT q.*, a.id, a.title, a.date FROM quotes q JOIN articles a ON a.row = q.row",
    "flag_articles": "SELECT f.*, a.id, a.title, a.date FROM flags f JOIN articles a ON a.row = f.row",
}


def write_tables(out: Path, rows: list[Row], found: dict[int, dict], errors: dict[int, str],
                 stories: dict[str, dict], singles: dict[int, dict]) -> dict[str, list[dict]]:
    """Write DIR/<table>.parquet for every table and DIR/corpus.duckdb; the tables, as records."""
    import duckdb
    import pyarrow.parquet as pq

    tables = build_tables(rows, found, errors, stories, singles)
    for name, records in tables.items():
        table = _arrow(name, records)
        write_atomic(out / f"{name}.parquet", lambda fh, t=table: pq.write_table(t, fh))
    tmp = out / f".corpus.duckdb.{uuid.uuid4().hex}.part"
    try:
        con = duckdb.connect(str(tmp))
        for name in tables:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(out / f"{name}.parquet")])
        for name, sql in VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.close()
        os.replace(tmp, out / "corpus.duckdb")
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return tables
