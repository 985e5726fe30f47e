"""The corpus's inputs as rows: a folder tree of article files, or a CSV, JSONL or Parquet table.

A table has a column `text` (or `html`, or `url` beside one of them) and optional `title`,
`outlet`, `date`, `id`. A bad row (no text, a missing column, a duplicate id, a line that is not
JSON) keeps its place with `error` set: it is reported in DIR/errors.csv and never stops the run.
Files of a folder are read on the workers (`tasks.ingest`), where an unreadable one becomes such a row.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, shown
from ..ingest.metadata import parse_date

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
TEXT_COLUMNS = ("text", "html")
OPTIONAL = ("title", "outlet", "date", "id")


@dataclass
class Row:
    """One input: an article file to read, or a table row's text (or HTML)."""

    row: int  # 1-based position among the inputs: the key every table joins on
    id: str  # the table's own id where it has one, else the file's path under INPUT, else "row N"
    source: str  # the path or URL as given
    title: str = ""
    outlet: str = ""
    date: str = ""  # ISO, or "" when unknown
    raw: str = ""  # the text or HTML of a table row
    is_html: bool | None = None
    path: str = ""  # an article file, read by the worker
    error: str = ""


def read_inputs(spec: str | os.PathLike, skip: str | os.PathLike | None = None) -> list[Row]:
    """Every input of INPUT as a Row, bad ones with `error` set; InputError when INPUT itself is unusable.
    A folder's files under `skip` (the output folder, when it is inside INPUT) are not inputs."""
    p = Path(spec)
    if p.is_dir():
        rows = _folder(p, Path(skip).resolve() if skip else None)
    elif p.is_file():
        suffix = p.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            raise InputError(f"{shown(spec)}: corpus input must be a folder or a .csv, .jsonl or .parquet table")
        rows = _table(p, suffix)
    else:
        raise InputError(f"{shown(spec)}: no such file or folder")
    if not rows:
        raise InputError(f"{shown(spec)}: holds no article (.txt, .md, .html files, or table rows)")
    _mark_duplicates(rows)
    return rows


def _folder(root: Path, skip: Path | None) -> list[Row]:
    files = sorted(f for f in root.rglob("*") if f.suffix.lower() in ARTICLE_SUFFIXES and not f.is_dir()
                   and not (skip and f.resolve().is_relative_to(skip)))
    return [Row(n, f.relative_to(root).as_posix(), str(f), path=str(f)) for n, f in enumerate(files, 1)]


def _table(path: Path, suffix: str) -> list[Row]:
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            records = pq.read_table(path).to_pylist()
        except Exception as e:  # noqa: BLE001 - arrow raises many kinds for a damaged file
            raise InputError(f"{shown(path)}: not a readable Parquet table ({type(e).__name__})") from None
        header = set(records[0]) if records else set()
        return [_row(n, r, header) for n, r in enumerate(records, 1)]
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            if suffix == ".csv":
                csv.field_size_limit(sys.maxsize)
                reader = csv.DictReader(fh)
                header = {h.strip().lower() for h in reader.fieldnames or []}
                return [_row(n, r, header) for n, r in enumerate(reader, 1)]
            return [_json_row(n, line) for n, line in enumerate(fh, 1) if line.strip()]
    except UnicodeDecodeError:
        raise InputError(f"{shown(path)}: is not UTF-8 text") from None
    except csv.Error as e:
        raise InputError(f"{shown(path)}: not a readable CSV table ({e})") from None
    except OSError as e:
        raise InputError(f"{shown(path)}: cannot be read ({e.strerror})") from None


def _json_row(n: int, line: str) -> Row:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return Row(n, f"row {n}", f"row {n}", error=f"not a JSON object ({e.msg})")
    if not isinstance(record, dict):
        return Row(n, f"row {n}", f"row {n}", error="not a JSON object")
    return _row(n, record, set(k.strip().lower() for k in record))


def _row(n: int, record: dict, header: set[str]) -> Row:
    if None in record:  # csv: more fields than the header names
        return Row(n, f"row {n}", f"row {n}", error="more fields than the header has columns")
    vals = {str(k).strip().lower(): v for k, v in record.items()}
    r = {k: "" if v is None else str(v) for k, v in vals.items()}
    url = r.get("url", "").strip()
    row = Row(n, r.get("id", "").strip() or f"row {n}", url or f"row {n}", r.get("title", "").strip(),
              r.get("outlet", "").strip(), parse_date(r.get("date", "")))
    if not header & set(TEXT_COLUMNS):
        row.error = "missing column: no text or html" + (" (corpus mode reads text; it does not fetch URLs)" if url else "")
        return row
    text, html = r.get("text", ""), r.get("html", "")
    if text.strip():
        row.raw = text
    elif html.strip():
        row.raw, row.is_html = html, True
    else:
        missing = sorted(c for c in header & {*TEXT_COLUMNS, *OPTIONAL, "url"} if vals.get(c) is None)
        row.error = f"missing column: {', '.join(missing)}" if missing else "empty text"
    return row


def _mark_duplicates(rows: list[Row]) -> None:
    first: dict[str, int] = {}
    for r in rows:
        if r.id in first:
            r.error = r.error or f"duplicate id {r.id!r} (first at row {first[r.id]})"
        else:
            first[r.id] = r.row
