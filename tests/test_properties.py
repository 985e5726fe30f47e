"""Ingest + segment invariants on arbitrary text: no crash but InputError, spans always true to the text."""
from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from framediff.errors import InputError
from framediff.ingest import article_from_text, read_article
from framediff.ingest.decode import NotText, decode
from framediff.segment import segment

# Pieces of real pasted pages: story words in three scripts, punctuation, by-lines, debris, odd whitespace.
PIECES = [
    "The", "minister", "said", "talks", "in", "Tokyo", "were", "useful", "Lavrov", "Kono", "U.S.", "Mr.",
    "Gen.", "2+2", "4.2", "billion", "\"", "'", "“", "”", "«", "»", "(", ")", "[", "]", ".", ",", "?", "!",
    "...", "…", ":", "-", "—", "|", "·", "©", "Facebook", "Twitter", "Share", "Most popular in 24h",
    "All rights reserved.", "Original title:", "2018-08-01 10:02:38CGTN Editor : Mo Hong'e",
    "guanchazhewang· 2017-03-22", "TOKYO (Pakistan Point News / Sputnik - 31st May, 2019)",
    "MOSCOW, May 31 (Reuters) -", "By Jane Roe", "Лавров", "заявил", "переговоры", "。", "日本和俄罗斯",
    "外长", "会谈", "東京で開かれた", "「", "」", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\x00", "\u2028",
    "\ufeff", "\ufffd", "<p>", "</p>", "<script>alert(1)</script>", "<html>", "1", "31",
]
WORDS = [p for p in PIECES if p.strip() and len(p) < 20]
sentence = st.tuples(st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(" ".join),
                     st.sampled_from([".", "?", "!", "。", "", ".\"", "…"])).map("".join)
paragraph = st.lists(sentence | st.sampled_from(PIECES), min_size=1, max_size=5).map(" ".join)
structured = st.tuples(st.lists(paragraph, max_size=12), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])).map(
    lambda t: t[1].join(t[0]))
raw_text = st.text(max_size=3000) | structured
# What a file holds: a document in some encoding, with a few bytes damaged, or any bytes at all.
file_bytes = st.tuples(structured, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "gb18030",
                                                    "shift_jis", "latin-1"]),
                       st.binary(max_size=4), st.integers(min_value=0)).map(
    lambda t: (lambda b: b[:t[3] % (len(b) + 1)] + t[2] + b[t[3] % (len(b) + 1):])(
        t[0].encode(t[1], errors="replace"))) | st.binary(max_size=2000)

RUNS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_units(article) -> None:
    event(f"read: {'several units' if len(article.units) > 1 else 'one unit or none'}")
    text = article.text
    assert text.strip() and text.startswith(article.title)
    end = 0
    for u in article.units:
        assert end <= u.start < u.end <= len(text), "units in order, non-overlapping, inside the text"
        assert text[u.start:u.end] == u.text
        end = u.end


@RUNS
@given(raw_text)
def test_ingest_and_segment_never_crash_and_spans_are_true(raw):
    try:
        article = article_from_text(raw)
    except InputError:
        event("refused with InputError")
        return
    check_units(segment(article))


@settings(RUNS, max_examples=100)
@given(structured)
def test_html_wrapped_text_never_crashes(raw):
    try:
        article = article_from_text(f"<html><body><p>{raw}</p></body></html>", is_html=True)
    except InputError:
        event("refused with InputError")
        return
    check_units(segment(article))
    assert "<script>" not in article.text


@settings(max_examples=150, deadline=None)
@given(file_bytes)
def test_any_bytes_decode_or_are_called_binary(data):
    try:
        text = decode(data)
    except NotText:
        return
    assert "\x00" not in text and "\r" not in text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=file_bytes)
def test_any_file_gives_an_article_or_one_clear_line(tmp_path, data):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except InputError as e:
        event("refused with InputError")
        assert "\n" not in str(e) and str(path) in str(e)
        return
    check_units(segment(article))
