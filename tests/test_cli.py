"""The CLI contract other tools depend on (DESIGN.md): JSON shape, spans, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, seed

FRAMEDIFF = [sys.executable, "-m", "framediff"]


def run(*args, **kw):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([*FRAMEDIFF, *map(str, args)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600, **kw)


def test_compare_json_to_stdout_follows_the_contract():
    p = run("compare", seed("003"), seed("004"), "--json", "-")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert p.stdout == json.dumps(d, ensure_ascii=False, indent=1) + "\n"  # the text as always, streamed
    assert d["schema"] == "framediff/1"
    assert [a["id"] for a in d["articles"]] == ["a", "b"]
    for art in d["articles"]:
        assert {"source", "title", "outlet", "date", "language", "text", "units"} <= set(art)
        for u in art["units"]:
            assert art["text"][u["start"]:u["end"]] == u["text"]
    assert d["articles"][0]["outlet"] and d["articles"][0]["date"] == "2019-05-31"
    assert isinstance(d["same_event"]["verdict"], bool)
    for g in d["alignment"]:
        assert g["a"] and g["b"] and isinstance(g["score"], float)


def test_analyse_one_article(tmp_path):
    out = tmp_path / "one.json"
    out.write_text("an older analysis")
    p = run("analyse", seed("004"), "--json", out)
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    d = json.loads(text)
    assert text == json.dumps(d, ensure_ascii=False, indent=1) and "é" in text  # replaced whole, UTF-8, indent 1
    assert os.listdir(tmp_path) == ["one.json"]
    assert len(d["articles"]) == 1 and "alignment" not in d
    assert d["articles"][0]["title"].startswith("Moscow-Tokyo easing of tensions")


def test_help_is_quick_and_lists_commands():
    p = run("--help")
    assert p.returncode == 0 and "compare" in p.stdout and "analyse" in p.stdout and "gui" in p.stdout


def test_bad_input_is_one_line_exit_2_and_keeps_existing_output(tmp_path):
    keep = tmp_path / "keep.json"
    keep.write_text("precious")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    cases = [
        ("compare", tmp_path / "nope.txt", seed("003"), "--json", keep),
        ("compare", empty, seed("003"), "--json", keep),
        ("compare", tmp_path, seed("003")),
        ("frobnicate",),
        ("compare", seed("003"), seed("004"), "--json", tmp_path / "no" / "such" / "dir.json"),
        ("compare", seed("003"), seed("004"), "--model", tmp_path / "no-model"),
    ]
    for args in cases:
        p = run(*args)
        lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
        assert p.returncode == 2, (args, p.stderr)
        assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
        assert lines[0].startswith("framediff: ")
    assert keep.read_text() == "precious"


def test_missing_model_message_says_how_to_fix(tmp_path):
    p = run("compare", seed("003"), seed("004"), "--model", tmp_path / "gone")
    assert p.returncode == 2 and "--model" in p.stderr and "not found" in p.stderr


def test_engine_never_imports_qt_and_window_computes_nothing():
    """The import-linter contracts in pyproject.toml hold."""
    p = subprocess.run([os.path.join(os.path.dirname(sys.executable), "lint-imports"), "--no-cache"], capture_output=True,
                       text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout + p.stderr
