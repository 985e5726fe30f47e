"""The corpus data flow on Dask: ingest + embed -> candidate pairs -> same-event scores -> events ->
one story per event and one analysis per single article -> tables, DuckDB, index.html.

The client (this process) decides and writes; the workers compute (`tasks`). Every finished piece
is written as it arrives (`state.Work`), so a run killed at any point and started again submits
only what is missing. With no scheduler address a LocalCluster of `workers` processes runs here.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from ..errors import InputError, shown
from ..output import write_atomic, write_json
from . import grouping, tasks
from .inputs import Row, read_inputs
from .neighbours import by_neighbourhood, candidate_pairs
from .progress import Step
from .state import Work, fingerprint

INGEST_BATCH = 16  # articles per ingest task: one model call embeds all their sentences
PAIR_BATCH = 24  # same-event pairs per task
SINGLE_BATCH = 8  # single-article analyses per task
WAIT_FOR_WORKERS = 120  # seconds a scheduler may take to have a worker


@dataclass
class Summary:
    inputs: int
    articles: int
    errors: int
    events: int
    in_events: int
    singles: int


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int | None):
    """A Client of the scheduler at `scheduler`, or of a LocalCluster of `workers` processes here."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as e:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__})") from None
        try:
            client.wait_for_workers(workers or 1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            client.close()
            raise InputError(f"the Dask scheduler at {scheduler} has no worker after {WAIT_FOR_WORKERS} s") from None
        with client:
            yield client
        return
    n = workers or max(1, min(os.cpu_count() or 1, 4))
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.wait_for_workers(n, timeout=WAIT_FOR_WORKERS)
        yield client


def run_corpus(input_spec: str | os.PathLike, out: str | os.PathLike, scheduler: str | None = None,
               workers: int | None = None, model: str | None = None, log: TextIO | None = None) -> Summary:
    """Everything `framediff corpus INPUT --out DIR` does; resumes a run already in DIR."""
    log = log or sys.stderr
    out = Path(out)
    if workers is not None and workers < 1:
        raise InputError(f"usage: --workers must be 1 or more, got {workers}")
    if Path(input_spec).is_dir() and Path(input_spec).resolve().is_relative_to(out.resolve()):
        raise InputError(f"{shown(out)}: the output folder cannot be the input folder or hold it")
    rows = read_inputs(input_spec, skip=out)
    work = Work(out, os.fspath(input_spec), model)
    with dask_client(scheduler, workers) as client:
        n = len(client.scheduler_info()["workers"])
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a Dask LocalCluster"
        print(f"running on {where}: {n} worker process{'es' if n != 1 else ''}", file=log, flush=True)
        failures: dict[int, str] = {}
        found = _ingest(client, work, rows, model, log, failures)
        errors = {r.row: r.error for r in rows if r.error} | {k: v["error"] for k, v in found.items() if "error" in v}
        _write_errors(out / "errors.csv", rows, errors | failures)
        ok = [r.row for r in rows if r.row in found and "article" in found[r.row]]
        arts = {r: found[r]["article"] for r in ok}
        keys = {r: tasks.text_key(arts[r]["text"]) for r in ok}
        print(f"articles embedded: {len(ok)} of {len(rows)} inputs ({len(errors | failures)} in errors.csv)",
              file=log, flush=True)
        events = _events(client, work, ok, found, keys, model, log, failures)
        print(f"events found: {len(events)} ({sum(map(len, events))} articles); "
              f"{len(ok) - sum(map(len, events))} articles share no event", file=log, flush=True)
        stories, singles = _analyse(client, work, events, ok, arts, keys, model, log, failures)
    from .index import write_index
    from .tables import write_tables

    errors |= failures
    _write_errors(out / "errors.csv", rows, errors)
    tables = write_tables(out, rows, found, errors, stories, singles)
    write_index(out, tables)
    in_events = sum(a["event"] is not None for a in tables["articles"])
    return Summary(len(rows), len(ok), len(errors), len(tables["events"]), in_events, len(singles))


def _source_key(r: Row) -> list:
    if r.path:
        try:
            st = os.stat(r.path)
            stamp = [st.st_size, st.st_mtime_ns]
        except OSError:
            stamp = None
        return [r.row, r.id, r.path, stamp, r.title, r.outlet, r.date]
    return [r.row, r.id, r.source, r.title, r.outlet, r.date, hashlib.sha1(r.raw.encode("utf-8", "surrogatepass")).hexdigest()]


def _saved_batches(work: Work, folder: str, items: list, size: int, ident, prefix: str = "") -> tuple[list, list]:
    """`items` cut into batches of `size`, each keyed by its place and the `ident` of its items: the batches
    not saved yet, as (key, batch), and those a past run saved, as (batch, result)."""
    missing, saved = [], []
    for k in range(0, len(items), size):
        batch = items[k:k + size]
        key = f"{prefix}{k // size:06d}-{fingerprint([ident(x) for x in batch])}"
        got = work.load(folder, key)
        if got is None:
            missing.append((key, batch))
        else:
            saved.append((batch, got))
    return missing, saved


def _ingest(client, work: Work, rows: list[Row], model, log, failures: dict[int, str]) -> dict[int, dict]:
    good = [r for r in rows if not r.error]
    found: dict[int, dict] = {}
    missing, saved = _saved_batches(work, "ingest", good, INGEST_BATCH, _source_key)
    for _, got in saved:
        found.update({d["row"]: d for d in got})
    jobs = [(tasks.ingest, (batch, model), len(batch), key) for key, batch in missing]
    step = Step("articles embedded", len(good), len(found), log)

    def done(job, result):
        work.save("ingest", job[3], result)
        found.update({d["row"]: d for d in result})

    _run(client, jobs, step, done, failures, lambda job: [r.row for r in job[1][0]])
    return found


def _run(client, jobs: list[tuple], step: Step, done, failures: dict[int, str], rows_of=lambda job: ()) -> None:
    """Submit jobs (function, args, size, key); call done(job, result) as each finishes, advancing `step` by
    size. A job that fails (a bug on one input, a worker lost) never stops the run: its rows (`rows_of`) get
    the error in `failures`, nothing of it is saved, and the next run retries it."""
    from distributed import as_completed

    if not jobs:
        return
    futures = {client.submit(tasks.timed, job[0], *job[1], pure=False): job for job in jobs}
    for fut in as_completed(futures):
        job = futures.pop(fut)
        try:
            result, cpu = fut.result()
        except Exception as e:  # noqa: BLE001 - whatever one piece raised, the others go on
            msg = f"analysis failed ({type(e).__name__}: {' '.join(str(e).split())[:200]}); run again to retry"
            failures.update({r: msg for r in rows_of(job)})
            print(f"{step.what}: a task failed: {msg}", file=step.out, flush=True)
            step.advance(job[2])
            continue
        done(job, result)
        step.advance(job[2], cpu)


def _score(client, work: Work, kind: str, pairs: list[tuple[int, int]], arts: dict, keys: dict, model, log,
           failures: dict[int, str]) -> list[list]:
    """Same-event scores of `pairs` (rows), in PAIR_BATCH tasks, finished batches read back."""
    missing, saved = _saved_batches(work, "pairs", pairs, PAIR_BATCH, lambda p: (*p, keys[p[0]], keys[p[1]]), kind)
    scored: list[list] = [s for _, got in saved for s in got]
    jobs = [(tasks.score_pairs, (batch, {r: arts[r] for p in batch for r in p}, model), len(batch), key)
            for key, batch in missing]
    step = Step("pairs checked for the same event" if kind == "c" else "pairs inside events checked", len(pairs),
                len(scored), log)

    def done(job, result):
        work.save("pairs", job[3], result)
        scored.extend(result)

    _run(client, jobs, step, done, failures)  # a failed batch's pairs stay unscored: not the same event
    return sorted(scored)


def _events(client, work: Work, ok: list[int], found: dict, keys: dict, model, log,
            failures: dict[int, str]) -> list[list[int]]:
    if len(ok) < 2:
        return []
    vectors = np.asarray([found[r]["vector"] for r in ok], dtype=np.float32)
    dates = {r: found[r]["article"]["date"] for r in ok}
    pairs = by_neighbourhood([(ok[i], ok[j]) for i, j, _ in candidate_pairs(vectors, [dates[r] for r in ok])])
    arts = {r: found[r]["article"] for r in ok}
    first = _score(client, work, "c", pairs, arts, keys, model, log, failures)
    groups = grouping.first_groups(ok, grouping.scores_of(first), dates)
    more = by_neighbourhood(grouping.missing(groups, {(x, y) for x, y, *_ in first}))
    second = _score(client, work, "m", more, arts, keys, model, log, failures) if more else []
    return grouping.final_events(groups, grouping.scores_of(first + second))


def event_id(members: list[int], keys: dict) -> str:
    return "e" + fingerprint([(r, keys[r]) for r in members])


def _analyse(client, work: Work, events: list[list[int]], ok: list[int], arts: dict, keys: dict, model, log,
             failures: dict[int, str]):
    """Each event's story (DIR/events/<id>/story.json and report.html) and each single's analysis."""
    stories: dict[str, dict] = {}
    singles: dict[int, dict] = {}
    jobs = []
    for members in events:
        eid = event_id(members, keys)
        folder = work.out / "events" / eid
        try:
            stories[eid] = json.loads((folder / "story.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            jobs.append((tasks.event_story, (eid, [arts[r] for r in members], model), len(members), ("story", eid, members)))
    in_event = {r for e in events for r in e}
    alone = [r for r in ok if r not in in_event]
    missing, saved = _saved_batches(work, "singles", alone, SINGLE_BATCH, lambda r: (r, keys[r]))
    for batch, got in saved:
        singles.update(zip(batch, got))
    jobs += [(tasks.single_analyses, ([arts[r] for r in batch], model), len(batch), ("single", key, batch))
             for key, batch in missing]
    step = Step("articles analysed (stories and single articles)", len(ok),
                len(ok) - sum(j[2] for j in jobs), log)

    def done(job, result):
        kind, key, members = job[3]
        if kind == "single":
            work.save("singles", key, result)
            singles.update(zip(members, result))
            return
        story, html = result
        story["corpus"] = {"event": key, "rows": members}
        folder = work.out / "events" / key
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / "report.html", html)
        write_json(story, folder / "story.json")  # last: its presence means the event is done
        stories[key] = story

    _run(client, jobs, step, done, failures, lambda job: job[3][2])
    return stories, singles


def _write_errors(path: Path, rows: list[Row], errors: dict[int, str]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["row", "id", "source", "error"])
    for r in rows:
        if r.row in errors:
            w.writerow([r.row, r.id, r.source, errors[r.row]])
    write_atomic(path, buf.getvalue())

