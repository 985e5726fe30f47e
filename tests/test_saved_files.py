"""Saved comparisons and written output: nothing the user had is lost; crafted files are refused."""
from __future__ import annotations

import builtins
import copy
import errno
import json
import os

import pytest
from conftest import seed

from framediff.comparison import Comparison, Flag, Group, Quote, QuoteMatch, SameEvent, Speaker, SpeakerRef
from framediff.errors import InputError
from framediff.ingest import read_article
from framediff import output
from framediff.output import write_atomic, write_json
from framediff.schema import load_comparison, read_comparison
from framediff.segment import segment


@pytest.fixture(scope="module")
def saved() -> dict:
    """A comparison of two seeds as its JSON would be saved (links made by hand, texts real)."""
    a, b = segment(read_article(seed("003"), "a")), segment(read_article(seed("004"), "b"))
    qa = Quote("qa1", "a", a.units[4].start, a.units[4].end, a.units[4].text, "direct",
               SpeakerRef("s1", "Taro Kono", "Kono"))
    cmp = Comparison(
        articles=[a, b],
        alignment=[Group("g1", [a.units[1].id], [b.units[2].id], 0.71)],
        unmatched={"a": [u.id for u in a.units[2:4]], "b": [b.units[0].id]},
        quotes=[qa],
        speakers=[Speaker("s1", "Taro Kono", ["Kono"], "foreign minister")],
        quote_matches=[QuoteMatch("qa1", None, "missing")],
        flags=[Flag("label", "Kuril Islands vs northern territories", 0.8, [a.span(0, 10)], [b.span(0, 6)])],
        same_event=SameEvent(0.9, True),
    )
    return json.loads(json.dumps(cmp.to_dict()))


def write(tmp_path, d, name="saved.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(d) if not isinstance(d, str) else d)
    return str(path)


def test_round_trip_of_a_real_comparison(tmp_path, saved):
    back = read_comparison(write(tmp_path, saved))
    assert back.to_dict() == saved
    assert back.article("a").outlet == "Pakistan Point News / Sputnik"


def crafted(saved, change) -> dict:
    d = copy.deepcopy(saved)
    change(d)
    return d


CRAFTED = {
    "span past the end": (lambda d: d["flags"][0]["a"][0].update(end=10**12), "outside its article"),
    "negative span": (lambda d: d["quotes"][0].update(start=-5), "outside its article"),
    "unit text differs": (lambda d: d["articles"][0]["units"][0].update(text="Forged words"), "does not match"),
    "units out of order": (lambda d: d["articles"][0]["units"].reverse(), "overlaps or comes before"),
    "duplicate unit id": (lambda d: d["articles"][0]["units"][1].update(id=d["articles"][0]["units"][0]["id"]),
                          "same id"),
    "unknown unit in group": (lambda d: d["alignment"][0]["a"].append("a9999"), "do not exist"),
    "unknown speaker": (lambda d: d["quotes"][0]["speaker"].update(id="s666"), "speaker that does not exist"),
    "unknown relation": (lambda d: d["quote_matches"][0].update(relation="<script>"), "unknown relation"),
    "infinite score": (lambda d: d["alignment"][0].update(score=1e308 * 10), "not a framediff comparison"),
    "huge unit end": (lambda d: d["articles"][1]["units"][-1].update(end=2**70), "outside its article"),
    "score as text": (lambda d: d["alignment"][0].update(score="0.9"), "wrong type"),
    "three articles": (lambda d: d["articles"].append(d["articles"][0]), "one or two"),
    "text is a number": (lambda d: d["articles"][1].update(text=12), "wrong type"),
    "missing units": (lambda d: d["articles"][0].pop("units"), "lacks 'units'"),
    "newer version": (lambda d: d.update(schema="framediff/7"), "newer or unknown framediff (framediff/7)"),
    "no schema": (lambda d: d.pop("schema"), "not a framediff comparison"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_or_damaged_comparison_is_refused_with_one_line(tmp_path, saved, case):
    change, words = CRAFTED[case]
    with pytest.raises(InputError) as e:
        read_comparison(write(tmp_path, crafted(saved, change)))
    assert words in str(e.value) and "\n" not in str(e.value) and "saved.json" in str(e.value)


@pytest.mark.parametrize("content", [
    "", "{", "[1, 2]", "null", '{"schema": "framediff/1", "articles": NaN}',
    '{"schema": "framediff/1", "score": 1e999}', '{"schema": "framediff/1", "n": ' + "9" * 5000 + "}",
    "[" * 100_000 + "]" * 100_000, "\udcff",
])
def test_corrupt_files_are_refused(tmp_path, content):
    path = tmp_path / "saved.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError, match="saved.json: .*not a framediff comparison"):
        read_comparison(path)


def test_missing_folder_and_huge_files_are_refused(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no such file"):
        read_comparison(tmp_path / "gone.json")
    with pytest.raises(InputError, match="folder"):
        read_comparison(tmp_path)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(300 * 2**20)
    with pytest.raises(InputError, match="too large"):
        read_comparison(huge)


def test_paths_inside_a_saved_file_are_never_opened(tmp_path, saved, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    d = crafted(saved, lambda d: [a.update(source=str(secret)) for a in d["articles"]])
    path = write(tmp_path, d)
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    back = read_comparison(path)
    assert opened == [path]
    assert "top secret" not in json.dumps(back.to_dict())


def test_loader_refuses_objects_that_are_not_json_shaped(saved):
    with pytest.raises(InputError, match="not a framediff comparison"):
        load_comparison(["framediff/1"])
    with pytest.raises(InputError, match="finite"):
        load_comparison(crafted(saved, lambda d: d["flags"][0].update(severity=float("nan"))))


# Writing: temporary file then rename; a failure never truncates what the user had.

def test_write_replaces_and_keeps_permissions(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old")
    out.chmod(0o640)
    write_atomic(out, '{"new": true}')
    assert out.read_text() == '{"new": true}' and (out.stat().st_mode & 0o777) == 0o640
    assert os.listdir(tmp_path) == ["out.json"]


def test_failed_write_leaves_the_existing_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("precious")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InputError, match="out.json: cannot write \\(No space left on device\\)"):
        write_atomic(out, "x" * 10_000)
    assert out.read_text() == "precious" and os.listdir(tmp_path) == ["out.json"]


def test_unwritable_places_are_one_clear_line(tmp_path):
    with pytest.raises(InputError, match="folder .* does not exist"):
        write_atomic(tmp_path / "no" / "such" / "out.json", "x")
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path, "x")
    ro = tmp_path / "readonly.json"
    ro.write_text("keep")
    ro.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomic(ro, "x")
    assert ro.read_text() == "keep"


def test_unwritable_folder(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: folder permissions do not stop root from writing")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    with pytest.raises(InputError, match="cannot write there"):
        write_atomic(folder / "out.json", "x")


def test_write_through_a_symlink_and_to_a_device(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    write_atomic(os.devnull, "discarded")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


# Writing the JSON: streamed (never the whole text in memory), the same bytes, whole or not at all.

@pytest.fixture
def comparison(saved) -> Comparison:
    cmp = load_comparison(copy.deepcopy(saved))  # its own dicts: tests below change meta
    cmp.flags.append(Flag("label", "naïve “quotes” — 日本 🗾", 0.5, detail={"n": 1.5, "none": None, "ok": True}))
    return cmp


def test_json_written_is_exactly_the_indented_dump(tmp_path, comparison, capsys, monkeypatch):
    expected = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1)
    out = tmp_path / "out.json"
    out.write_text("old")
    out.chmod(0o640)
    monkeypatch.setattr(output, "CHUNK", 7)  # many chunks, cut anywhere
    write_json(comparison, out)
    assert out.read_bytes() == expected.encode("utf-8") and "日本 🗾" in expected
    assert (out.stat().st_mode & 0o777) == 0o640 and os.listdir(tmp_path) == ["out.json"]
    write_json(comparison.to_dict(), tmp_path / "from_dict.json")
    assert (tmp_path / "from_dict.json").read_bytes() == expected.encode("utf-8")
    capsys.readouterr()
    write_json(comparison, "-")
    assert capsys.readouterr().out == expected + "\n"
    one = Comparison(articles=comparison.articles[:1], quotes=comparison.quotes)
    write_json(one, out)
    assert out.read_text(encoding="utf-8") == json.dumps(one.to_dict(), ensure_ascii=False, indent=1)
    assert "alignment" not in json.loads(out.read_text(encoding="utf-8"))


def test_json_that_fails_midway_leaves_the_existing_file_and_no_temporary(tmp_path, comparison, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("precious")
    comparison.meta["last"] = object()  # serialisation fails at the very end, after the articles were written
    written = []
    real_write = output._text_chunks

    def counted(pieces):
        for text in real_write(pieces):
            written.append(len(text))
            yield text
    monkeypatch.setattr(output, "_text_chunks", counted)
    monkeypatch.setattr(output, "CHUNK", 100)
    with pytest.raises(TypeError, match="object is not JSON serializable"):
        write_json(comparison, out)
    assert sum(written) > 10_000  # the temporary file had received most of the text
    assert out.read_text() == "precious" and os.listdir(tmp_path) == ["out.json"]


def test_json_is_refused_or_written_where_write_atomic_would(tmp_path, comparison):
    ro = tmp_path / "readonly.json"
    ro.write_text("keep")
    ro.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_json(comparison, ro)
    assert ro.read_text() == "keep"
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_json(comparison, link)
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8")) == comparison.to_dict()
    write_json(comparison, os.devnull)
    assert sorted(os.listdir(tmp_path)) == ["link.json", "readonly.json", "real.json"]
