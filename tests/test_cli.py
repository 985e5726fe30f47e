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
    kw.setdefault("cwd", ROOT)
    return subprocess.run([*FRAMEDIFF, *map(str, args)], capture_output=True, text=True, env=env, timeout=600, **kw)


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


BRIEF_A = "Police arrested two men in Leeds on Friday after a robbery at a jewellery shop, a spokesman said.\n"
BRIEF_B = "Two men were arrested in Leeds on Friday after a jewellery shop was robbed, police said\n"


def test_one_sentence_articles_compare(tmp_path):
    """A wire brief is one sentence, without a title; one of them even lacks its full stop."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BRIEF_A)
    b.write_text(BRIEF_B)
    p = run("compare", a, b, "--json", "-")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert [[u["text"] for u in art["units"]] for art in d["articles"]] == [[BRIEF_A.strip()], [BRIEF_B.strip()]]
    assert [art["title"] for art in d["articles"]] == ["", ""]  # the one sentence is story, not a headline
    assert d["alignment"] and d["alignment"][0]["a"] == ["a1"] and d["alignment"][0]["b"] == ["b1"]
    assert not any(f["type"] == "headline" for f in d["flags"])  # no headline: no headline flag


def test_analyse_keeps_the_title_line_of_a_two_line_file_and_prints_a_summary(tmp_path):
    """The title shares almost no word with its one sentence; it was dropped as site debris."""
    path = tmp_path / "brief.txt"
    path.write_text("Jewel heist suspects held\n" + BRIEF_A)
    p = run("analyse", path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("A: ") and "Jewel heist suspects held" in p.stdout and "2 sentences" in p.stdout
    d = json.loads(run("analyse", path, "--json", "-").stdout)
    assert d["articles"][0]["title"] == "Jewel heist suspects held"
    assert [u["text"] for u in d["articles"][0]["units"]] == ["Jewel heist suspects held", BRIEF_A.strip()]


def test_analyse_help_speaks_of_the_analysis():
    p = run("analyse", "--help")
    assert "write the analysis as JSON" in p.stdout and "comparison" not in p.stdout


def test_a_closed_pipe_ends_quietly():
    p = subprocess.run(f"{sys.executable} -m framediff analyse {seed('003')} --json - | head -n 2",
                       shell=True, capture_output=True, text=True, cwd=ROOT, timeout=600,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert p.stdout == '{\n "schema": "framediff/1",\n' and p.stderr == ""


def test_reports_to_stdout(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BRIEF_A)
    b.write_text(BRIEF_B)
    p = run("compare", a, b, "--html", "-", cwd=tmp_path)
    assert p.returncode == 0 and p.stdout.startswith("<!DOCTYPE html>") and p.stdout.endswith("</html>")
    p = subprocess.run([*FRAMEDIFF, "compare", str(a), str(b), "--pdf", "-"], capture_output=True, cwd=tmp_path,
                       timeout=600, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert p.returncode == 0 and p.stdout.startswith(b"%PDF-") and p.stdout.rstrip().endswith(b"%%EOF")
    p = run("compare", a, b, "--html", "-", "--json", "-", cwd=tmp_path)
    assert p.returncode == 2 and "only one output can go to stdout" in p.stderr
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]  # never a file named "-"


def test_an_article_in_another_language_gets_the_steps_for_its_language_and_notices_for_the_rest(tmp_path):
    ru = tmp_path / "ru.txt"
    ru.write_text("Министры иностранных дел России и Японии встретились в пятницу в Токио. "
                  "Стороны обсудили мирный договор и совместную хозяйственную деятельность на островах. "
                  "Лавров заявил журналистам, что переговоры будут продолжены осенью.\n", encoding="utf-8")
    p = run("compare", seed("003"), ru, "--json", tmp_path / "out.json", "--html", tmp_path / "out.html")
    assert p.returncode == 0, p.stderr
    assert "NOTE: B (" in p.stdout and "is in Russian" in p.stdout and "tone: English only" in p.stdout
    d = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert d["meta"]["languages"] == {"a": "en", "b": "ru"} and d["alignment"]
    assert {f["type"] for f in d["flags"]} <= {"omission", "numbers"}  # no English word lists on Russian
    assert any(q["article"] == "b" and q["speaker"]["mention"] == "Лавров" for q in d["quotes"])
    assert "is in Russian" in (tmp_path / "out.html").read_text(encoding="utf-8")
    p = run("analyse", ru)
    assert p.returncode == 0 and "NOTE: A (" in p.stdout and "1 quotes" in p.stdout and "0 flags" in p.stdout
    assert "outlet unknown: --outlet NAME names it" in p.stdout


def test_the_same_two_articles_give_the_same_report_in_every_process(tmp_path):
    """A fact-checker who runs the comparison again, or a colleague who does, gets the same findings: nothing
    may depend on Python's per-process hash order (a tie between two frames was once broken by set order)."""
    out = []
    for hash_seed in ("1", "2"):
        p = subprocess.run([*FRAMEDIFF, "compare", seed("003"), seed("004"), "--json", "-"], capture_output=True,
                           text=True, timeout=600, cwd=ROOT,
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONHASHSEED=hash_seed))
        assert p.returncode == 0, p.stderr
        d = json.loads(p.stdout)
        d["meta"].pop("created")
        out.append(d)
    assert out[0] == out[1]
