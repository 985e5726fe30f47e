"""The editor's review in the engine: their own flags, confirm / dismiss / note / restore, the strict reader,
and `framediff report` rendering a saved comparison (reviews included) without loading a model."""
from __future__ import annotations

import io
import json
import os
import re
from html import unescape
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import squash
from framediff import review
from framediff.review import top_findings
from framediff.errors import InputError
from framediff.output import write_json
from framediff.report import render_html
from framediff.report.summary import ranked_flags
from framediff.schema import read_comparison

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAVY = ("torch", "transformers", "onnxruntime", "tokenizers", "sentence_transformers", "spacy",
         "framediff.embed", "framediff.pipeline", "framediff.framing")
NOTE = "Checked against both originals: Sputnik drops the ministry's caveat."
MINE = "Sputnik calls them the Kuril Islands, a name that takes Moscow's side."


@pytest.fixture(scope="module")
def reviewed(seeds_cmp):
    """The seeds' comparison as an editor leaves it: one flag of their own, one confirmed, one dismissed."""
    a, b = seeds_cmp.articles
    start = a.text.index("Kuril Islands")
    cmp = review.add(seeds_cmp, review.user_flag(seeds_cmp, "naming", MINE, (start, start + len("Kuril Islands"))))
    cmp = review.confirm(cmp, 1, NOTE)
    return review.dismiss(cmp, 0, "Not framing: the photo caption quotes him, not the story.")


def run_cli(*args, cwd=None):
    code = ("import sys; from framediff.cli import main; rc = main(sys.argv[1:]); "
            f"print('LOADED', sorted(m for m in sys.modules if m.startswith({HEAVY!r}))); sys.exit(rc)")
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def pdf_text(path) -> str:
    return squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages))


def test_review_functions_return_a_new_comparison_and_keep_the_old(seeds_cmp, reviewed):
    assert all(f.origin == "tool" and f.review is None for f in seeds_cmp.flags)  # the tool's comparison untouched
    assert reviewed.articles is seeds_cmp.articles and len(reviewed.flags) == len(seeds_cmp.flags) + 1
    mine = reviewed.flags[-1]
    assert (mine.origin, mine.type, mine.severity, mine.summary) == ("user", "naming", None, MINE)
    assert mine.a[0].text == "Kuril Islands" and mine.b == []
    assert reviewed.flags[1].review.status == "confirmed" and reviewed.flags[1].review.note == NOTE
    assert reviewed.flags[0].review.status == "dismissed"
    restored = review.restore(reviewed, 0)
    assert restored.flags[0].review is None and reviewed.flags[0].review.status == "dismissed"
    renoted = review.set_review(reviewed, 1, "confirmed", None)
    assert renoted.flags[1].review.note == NOTE  # a new status without a note keeps the note
    assert review.remove(reviewed, len(reviewed.flags) - 1).flags == reviewed.flags[:-1]
    with pytest.raises(ValueError):
        review.remove(reviewed, 0)  # a tool flag is dismissed, never removed
    with pytest.raises(ValueError):
        review.user_flag(seeds_cmp, "naming", "nothing marked")
    with pytest.raises(ValueError):
        review.user_flag(seeds_cmp, "naming", "past the end", (0, len(seeds_cmp.articles[0].text) + 5))
    with pytest.raises(ValueError):
        review.user_flag(seeds_cmp, "rumour", "no such type", (0, 5))


def test_views_order_reviewed_findings_first_and_leave_dismissed_out(seeds_cmp, reviewed):
    shown = ranked_flags(reviewed)
    assert shown[0] is reviewed.flags[-1] and shown[1] is reviewed.flags[1]  # the editor's own, then confirmed
    assert reviewed.flags[0] not in shown
    tool = seeds_cmp.flags[2:]
    lead = top_findings(tool)
    assert 0 < len(lead) < len(tool)
    assert shown[2:] == lead + [f for f in tool if all(f is not g for g in lead)]  # then the tool's: the surest first
    html = render_html(reviewed)
    assert html.index("Reviewed findings") < html.index("Found by framediff, not reviewed")
    assert squash(reviewed.flags[0].summary)[:60] not in squash(html)
    assert "Dismissed by the editor" in render_html(reviewed, with_dismissed=True)
    assert re.search(r'm-userflag">Kuril Islands</span><sup class="fn">\[1[\],]', html)


def test_reviews_survive_saving_and_reading_back(tmp_path, reviewed):
    path = tmp_path / "reviewed.json"
    write_json(reviewed, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["flags"][0]["review"]["status"] == "dismissed"
    assert "review" not in saved["flags"][2]  # not reviewed: absent, as the contract says
    assert saved["flags"][-1]["severity"] is None and saved["flags"][-1]["origin"] == "user"
    assert read_comparison(path).to_dict() == reviewed.to_dict() == saved


def old_shape(cmp) -> dict:
    """A comparison as framediff wrote it before reviews: flags without `origin` or `review`."""
    d = json.loads(json.dumps(cmp.to_dict()))
    for f in d["flags"]:
        f.pop("origin"), f.pop("review", None)
    return d


def test_a_file_saved_before_reviews_opens_with_every_flag_from_the_tool(tmp_path, seeds_cmp):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old_shape(seeds_cmp)), encoding="utf-8")
    back = read_comparison(path)
    assert all(f.origin == "tool" and f.review is None for f in back.flags)
    assert [f.summary for f in back.flags] == [f.summary for f in seeds_cmp.flags]


BAD = {
    "user span past the end": (lambda f: f["a"][0].update(end=10**9), "outside its article"),
    "user span text forged": (lambda f: f["a"][0].update(text="Northern Territories"), "does not match"),
    "unknown status": (lambda f: f.update(review={"status": "maybe", "note": "", "at": "2026-12-05T09:00:00+00:00"}),
                       "unknown review status 'maybe'"),
    "unknown user type": (lambda f: f.update(type="rumour"), "unknown type 'rumour'"),
    "user flag marks nothing": (lambda f: f.update(a=[], b=[]), "marks no text"),
    "time that is not ISO 8601": (lambda f: f.update(review={"status": "confirmed", "note": "", "at": "last Tuesday"}),
                                  "not an ISO 8601 time"),
    "unknown origin": (lambda f: f.update(origin="robot"), "unknown origin 'robot'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_strict_reader_names_the_file_and_the_flag(tmp_path, reviewed, case):
    change, words = BAD[case]
    d = json.loads(json.dumps(reviewed.to_dict()))
    change(d["flags"][-1])
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_comparison(path)
    msg = str(err.value)
    assert "\n" not in msg and words in msg
    assert msg.startswith(f"{path}:") and f"flags[{len(d['flags']) - 1}] (“{MINE[:30]}" in msg


def test_report_command_renders_the_review_without_a_model(tmp_path, reviewed):
    saved, pdf, html = tmp_path / "reviewed.json", tmp_path / "out.pdf", tmp_path / "out.html"
    write_json(reviewed, saved)
    r = run_cli("report", str(saved), "--pdf", str(pdf), "--html", str(html))
    assert r.returncode == 0, r.stderr
    assert "LOADED []" in r.stdout and "2 reviewed findings" in r.stdout
    text = pdf_text(pdf)
    assert NOTE in text and MINE in text
    assert text.index("Reviewed findings") < text.index("Found by framediff, not reviewed")
    dismissed = squash(reviewed.flags[0].summary)[:50]
    assert dismissed not in text and dismissed not in squash(html.read_text(encoding="utf-8"))
    r = run_cli("report", str(saved), "--pdf", str(pdf), "--with-dismissed")
    assert r.returncode == 0 and dismissed in pdf_text(pdf) and "Dismissed by the editor" in pdf_text(pdf)


def test_report_command_on_a_file_saved_before_reviews(tmp_path, seeds_cmp):
    saved, html = tmp_path / "old.json", tmp_path / "old.html"
    saved.write_text(json.dumps(old_shape(seeds_cmp)), encoding="utf-8")
    r = run_cli("report", str(saved), "--html", str(html))
    assert r.returncode == 0, r.stderr
    assert "LOADED []" in r.stdout
    page = squash(unescape(html.read_text(encoding="utf-8")))
    assert "Reviewed findings" not in page and "not reviewed" in page
    assert squash(seeds_cmp.flags[0].summary)[:50] in page


def test_report_command_refuses_bad_input_in_one_line(tmp_path, reviewed):
    d = json.loads(json.dumps(reviewed.to_dict()))
    d["flags"][1]["review"]["status"] = "approved"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d), encoding="utf-8")
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"the user's own file")
    for args in (("report", str(bad), "--pdf", str(out)), ("report", str(tmp_path / "none.json"), "--pdf", str(out)),
                 ("report", str(bad))):
        r = run_cli(*args)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "bad.json" in run_cli("report", str(bad), "--pdf", str(out)).stderr
    assert "unknown review status 'approved'" in run_cli("report", str(bad), "--pdf", str(out)).stderr
    assert out.read_bytes() == b"the user's own file"
