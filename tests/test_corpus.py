"""`framediff corpus`: the seeds plus three reports the tests write, on a real Dask LocalCluster of two
worker processes, on a `dask scheduler` and `dask worker` started here, killed halfway and resumed,
and with bad rows that land in errors.csv without stopping the run. Real model throughout."""
from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_texts import BRIDGE
from conftest import ROOT, SEEDS

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

SEED_EVENTS = [{"000", "002"}, {"003", "004"}]
BRIDGE_IDS = {f"bridge-{o}" for o in BRIDGE}
TABLES = ("articles", "events", "claims", "quotes", "flags", "outlets", "outlet_voices", "outlet_sides", "outlet_verbs")


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "framediff", "corpus", *map(str, args)], env=_env(),
                          capture_output=True, text=True, timeout=timeout)


def _table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def _events_by_id(out: Path) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for a in _table(out, "articles"):
        if a["event"]:
            groups.setdefault(a["event"], set()).add(a["id"])
    return sorted(groups.values(), key=sorted)


@pytest.fixture(scope="module")
def corpus_csv(tmp_path_factory) -> Path:
    """The five seeds, three reports of one bridge collision, and three bad rows, as a CSV table."""
    path = tmp_path_factory.mktemp("corpus") / "articles.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "outlet", "date", "text"])
        for f in sorted(SEEDS.glob("*.txt")):
            w.writerow([f.name[:3], "", "", f.read_text(encoding="utf-8")])
        for outlet, text in BRIDGE.items():
            w.writerow([f"bridge-{outlet}", outlet, "2026-03-14", text])
        w.writerow(["blank", "Daily Blank", "2026-03-14", "   "])  # empty text
        w.writerow(["000", "Copycat", "", "Ministers met in Moscow. The talks ended without result."])  # duplicate id
        w.writerow(["cut-short", "Half Row"])  # the text column is missing
    return path


@pytest.fixture(scope="module")
def full_run(corpus_csv, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("full") / "out"
    done = _cli(corpus_csv, "--out", out, "--workers", 2)
    assert done.returncode == 0, done.stderr
    return out, done


def test_local_cluster_of_two_workers_groups_events_and_writes_every_output(full_run):
    out, done = full_run
    assert "running on a Dask LocalCluster: 2 worker processes" in done.stderr
    for needle in ("articles embedded: 8/8", "events found: 3 (7 articles)", "articles analysed (stories and single articles): 8/8"):
        assert needle in done.stderr
    assert _events_by_id(out) == sorted([*SEED_EVENTS, BRIDGE_IDS], key=sorted)
    arts = {a["id"]: a for a in _table(out, "articles") if a["error"] is None}
    assert arts["001"]["event"] is None  # the 2017 meeting shares no event
    from framediff.schema import read_comparison

    events = _table(out, "events")
    index = (out / "index.html").read_text(encoding="utf-8")
    for e in events:
        folder = out / "events" / e["event"]
        story = read_comparison(folder / "story.json")  # the strict reader a saved story opens with
        assert len(story.events) == 1 and len(story.events[0].articles) == e["articles"]
        assert f'href="events/{e["event"]}/report.html"' in index
        assert "claim" in (folder / "report.html").read_text(encoding="utf-8").lower()
    bridge = next(e for e in events if e["articles"] == 3)
    assert bridge["outlets"] == sorted(BRIDGE)
    # the mayor is quoted by all three, the commuters' critic only by the tabloid-style report
    voices = _table(out, "outlet_voices")
    okafor = {v["outlet"] for v in voices if v["speaker"] and "okafor" in v["speaker"].lower()}
    assert okafor == set(BRIDGE)
    whitfield = {v["outlet"] for v in voices if v["speaker"] and "whitfield" in v["speaker"].lower()}
    assert whitfield == {"evening-standard-post"}
    from framediff.comparison import UNCLEAR_BELOW

    quotes = _table(out, "quotes")
    assert quotes and all(q["speaker"] is None for q in quotes if (q["speaker_confidence"] or 1.0) < UNCLEAR_BELOW)
    outlets = {o["outlet"]: o for o in _table(out, "outlets")}
    assert outlets["evening-standard-post"]["events_covered"] == 1
    assert outlets["evening-standard-post"]["loaded_words_per_1k_words"] > 0
    claims = _table(out, "claims")
    assert any(c["outlet"] == "evening-standard-post" and c["state"] == "absent" and c["outlets_telling"] == 2
               for c in claims if c["event"] == bridge["event"])
    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    rows = con.execute("SELECT outlet, count(*) FROM quote_articles WHERE event = ? GROUP BY outlet ORDER BY outlet",
                       [bridge["event"]]).fetchall()
    con.close()
    assert [o for o, _ in rows] == sorted(BRIDGE)


def test_bad_rows_land_in_errors_csv_and_never_stop_the_run(full_run):
    out, done = full_run
    with open(out / "errors.csv", encoding="utf-8") as fh:
        errors = {r["row"]: r for r in csv.DictReader(fh)}
    assert errors["9"]["id"] == "blank" and errors["9"]["error"] == "empty text"
    assert errors["10"]["error"] == "duplicate id '000' (first at row 1)"
    assert errors["11"]["id"] == "cut-short" and errors["11"]["error"].startswith("missing column: ") and "text" in errors["11"]["error"]
    arts = _table(out, "articles")
    assert [a["row"] for a in arts] == list(range(1, 12))  # a row per input, the bad ones too
    assert all(a["event"] is None for a in arts if a["error"])
    assert "8 articles of 11 inputs (3 in errors.csv)" in done.stdout


def test_a_run_killed_halfway_resumes_to_the_same_tables(full_run, corpus_csv, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "framediff", "corpus", str(corpus_csv), "--out", str(out),
                             "--workers", "2"], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("events/*/story.json")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the client and its LocalCluster's workers, at once
    finally:
        proc.wait(timeout=60)
    kept = {p: p.stat().st_mtime_ns for p in out.glob("events/*/story.json")}
    assert kept and len(kept) < 3 and not (out / "index.html").exists(), "the kill came too late to test resuming"
    done = _cli(corpus_csv, "--out", out, "--workers", 2)
    assert done.returncode == 0, done.stderr
    assert all(p.stat().st_mtime_ns == t for p, t in kept.items())  # finished stories were not redone
    assert "articles embedded: 8/8 (done" in done.stderr
    for name in TABLES:
        assert _table(out, name) == _table(full_run[0], name), name


@pytest.fixture
def dask_processes(tmp_path):
    """A `dask scheduler` and a `dask worker` on 127.0.0.1, stopped after the test whatever happens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "dask"]
    procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        procs.append(subprocess.Popen([*dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                       "--local-directory", str(tmp_path / "worker")], env=_env(),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        yield address
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=30)


def test_cli_on_a_dask_scheduler_and_worker_reads_a_folder_tree(dask_processes, tmp_path, full_run):
    tree = tmp_path / "articles"
    (tree / "seeds").mkdir(parents=True)
    (tree / "bridge" / "tuesday").mkdir(parents=True)
    for f in SEEDS.glob("*.txt"):
        (tree / "seeds" / f.name).write_bytes(f.read_bytes())
    for outlet, text in BRIDGE.items():
        (tree / "bridge" / "tuesday" / f"{outlet}.txt").write_text(text, encoding="utf-8")
    (tree / "bridge" / "photo.txt").write_bytes(bytes(range(256)) * 40)  # not text
    (tree / "bridge" / "empty.md").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    done = _cli(tree, "--out", out, "--scheduler", dask_processes)
    assert done.returncode == 0, done.stderr
    assert f"running on the Dask scheduler at {dask_processes}: 1 worker process" in done.stderr
    stems = [{Path(i).name[:3] if i.startswith("seeds/") else f"bridge-{Path(i).stem}" for i in g} for g in _events_by_id(out)]
    assert sorted(stems, key=sorted) == _events_by_id(full_run[0])
    with open(out / "errors.csv", encoding="utf-8") as fh:
        errors = {r["id"]: r["error"] for r in csv.DictReader(fh)}
    assert set(errors) == {"bridge/photo.txt", "bridge/empty.md"}
    assert "is not a text or HTML file" in errors["bridge/photo.txt"] and "is empty" in errors["bridge/empty.md"]
    sources = {a["id"]: a["source"] for a in _table(out, "articles")}
    assert sources["bridge/empty.md"] == str(tree / "bridge" / "empty.md")


def test_tables_jsonl_and_parquet_rows_are_read_with_their_ids(tmp_path):
    import pyarrow as pa

    from framediff.corpus.inputs import read_inputs

    jl = tmp_path / "a.jsonl"
    jl.write_text(json.dumps({"id": "x1", "text": "One. Two.", "date": "14 March 2026"}) + "\n{not json\n"
                  + json.dumps({"id": "x3", "url": "https://example.org/a"}) + "\n", encoding="utf-8")
    rows = read_inputs(jl)
    assert [(r.id, r.date, r.error[:25]) for r in rows] == [
        ("x1", "2026-03-14", ""), ("row 2", "", "not a JSON object (Expect"), ("x3", "", "missing column: no text o")]
    assert rows[2].source == "https://example.org/a"
    pqf = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": 7, "html": "<p>Hello there.</p>", "text": None, "outlet": "O"}]), pqf)
    (row,) = read_inputs(pqf)
    assert (row.id, row.is_html, row.outlet, row.error) == ("7", True, "O", "")
    (tmp_path / "out" / "events" / "e1").mkdir(parents=True)
    (tmp_path / "out" / "events" / "e1" / "report.html").write_text("<p>a report</p>", encoding="utf-8")
    (tmp_path / "one.txt").write_text("An article.", encoding="utf-8")
    assert [r.id for r in read_inputs(tmp_path, skip=tmp_path / "out")] == ["one.txt"]  # outputs inside INPUT are not inputs
    (tmp_path / "notes.docx").write_bytes(b"x")
    with pytest.raises(Exception, match="must be a folder or a .csv"):
        read_inputs(tmp_path / "notes.docx")


def test_a_speaker_the_quotes_step_is_unsure_of_is_no_name_in_the_quotes_table():
    """Share of voice counts only what a person is reported to have said: an unclear speaker ("she said" with
    two women named before) is an unknown voice in the corpus tables, as in the pair views."""
    from framediff.corpus.tables import _quote

    ref = {"id": "s1", "name": "Griffin", "mention": "she", "confidence": 0.3, "candidates": ["Griffin", "Shields"]}
    q = {"id": "q1", "kind": "direct", "start": 0, "end": 20, "text": "It went too far, yes", "verb": "said",
         "article": "a", "speaker": ref}
    speakers = {"s1": {"id": "s1", "name": "Kathy Griffin", "side": ""}}
    unsure = _quote(q, None, 0, {0: {"outlet": "cnn"}}, speakers)
    sure = _quote({**q, "speaker": {**ref, "confidence": 0.9}}, None, 0, {0: {"outlet": "cnn"}}, speakers)
    assert (unsure["speaker"], unsure["speaker_confidence"]) == (None, 0.3)
    assert (sure["speaker"], sure["speaker_confidence"]) == ("Kathy Griffin", 0.9)
