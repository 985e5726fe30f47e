"""The report: what a reader finds in the PDF and the HTML, read back from the files."""
from __future__ import annotations

import io
import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import squash
from framediff.comparison import Article, Comparison, Flag, Group, SameEvent, Span, Unit
from framediff.report import render_html, render_pdf
from framediff.report.pdf import offline_fetcher
from framediff.report.summary import ranked_flags


@pytest.fixture(scope="module")
def seeds_pdf(seeds_cmp):
    started = time.process_time()  # CPU time: wall time on a busy CI machine says little
    data = render_pdf(seeds_cmp)
    return data, time.process_time() - started


@pytest.fixture(scope="module")
def seeds_text(seeds_pdf):
    reader = PdfReader(io.BytesIO(seeds_pdf[0]))
    return reader, [squash(p.extract_text()) for p in reader.pages]


def test_pdf_shows_headlines_verdict_and_page_numbers(seeds_cmp, seeds_text):
    reader, pages = seeds_text
    text = " ".join(pages)
    for art in seeds_cmp.articles:
        assert squash(art.title) in text
        assert art.outlet in text
    verdict = "Same event." if seeds_cmp.same_event.verdict else "DIFFERENT EVENTS."
    assert verdict in pages[0]
    assert seeds_cmp.meta["model"] in pages[0]
    n = len(reader.pages)
    assert 3 <= n <= 30
    assert all(f"Page {i} of {n}" in p for i, p in enumerate(pages, 1))


def test_the_report_says_it_cannot_tell_when_nothing_pins_the_occasion_down(compare_seeds):
    """Seeds 000 (undated) and 001: two meetings told alike, no day or place to tell them apart."""
    cmp = compare_seeds("000", "001")
    page = squash(PdfReader(io.BytesIO(render_pdf(cmp))).pages[0].extract_text())
    assert "Same event, or the same kind of event on another occasion?" in page and "cannot tell" in page
    assert "DIFFERENT EVENTS" not in page and "no day or place of the two agrees" in page


def test_summary_page_comes_first_with_the_top_flags(seeds_cmp, seeds_text):
    _, pages = seeds_text
    top = ranked_flags(seeds_cmp)[0]
    assert squash(top.summary)[:60] in pages[0]
    assert "The articles side by side" not in pages[0]
    assert "Frame profile" in pages[0]


def test_every_flag_is_listed_and_its_number_marks_evidence(seeds_cmp, seeds_text):
    _, pages = seeds_text
    text = " ".join(pages)
    html = render_html(seeds_cmp)
    flags = ranked_flags(seeds_cmp)
    assert flags, "the framing step flags differences in the seeds"
    for f in flags:
        assert squash(f.summary)[:40] in text
    shown = {int(n) for m in re.findall(r'<sup class="fn">\[([\d,]+)\]</sup>', html) for n in m.split(",")}
    evidenced = {i for i, f in enumerate(flags, 1) if f.a or f.b}
    assert shown and shown <= evidenced
    assert len(shown) >= 0.8 * len(evidenced)


def test_quotes_table_shows_each_outlets_rendering(seeds_cmp, seeds_text):
    if not seeds_cmp.quote_matches:
        pytest.skip("the quotes step found no quotes in these seeds")
    _, pages = seeds_text
    text = " ".join(pages)
    quote = max(seeds_cmp.quotes, key=lambda q: len(q.text))
    assert squash(quote.text)[:50] in text
    assert any(m.relation in text for m in seeds_cmp.quote_matches)


def test_fonts_are_embedded(seeds_pdf):
    reader = PdfReader(io.BytesIO(seeds_pdf[0]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font["/FontDescriptor"]
            fonts[font["/BaseFont"]] = desc.get_object()
    assert fonts
    for name, desc in fonts.items():
        assert "/FontFile2" in desc or "/FontFile3" in desc, name


def test_rendering_the_seeds_takes_a_few_seconds(seeds_pdf):
    assert seeds_pdf[1] < 10  # about 3 s of CPU


def test_html_is_one_file_with_no_scripts_or_outside_resources(seeds_cmp):
    html = render_html(seeds_cmp)
    tags = _tags(html)
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "img")]
    assert not [a for _, attrs in tags for a, v in attrs if a.startswith("on") or (a in ("src", "href") and v and not v.startswith("#"))]


def _tags(html: str) -> list[tuple[str, list]]:
    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    P().feed(html)
    return found


HOSTILE = '<script>alert(1)</script><img src="http://example.com/x.png" onerror="alert(2)"> "quoted" & done'


def _small(text_a: str, text_b: str, lang_a="en", lang_b="en", **kw) -> Comparison:
    def art(i, lang, text):
        title, _, body = text.partition("\n\n")
        units = [Unit(f"{i}1", 0, len(title), title), Unit(f"{i}2", len(title) + 2, len(text), body)]
        return Article(i, f"{i}.txt", title, f"Outlet {i.upper()}", "2024-01-01", lang, text, units)

    a, b = art("a", lang_a, text_a), art("b", lang_b, text_b)
    return Comparison([a, b], [Group("g1", ["a1"], ["b1"], 0.5)], {"a": ["a2"], "b": ["b2"]},
                      same_event=SameEvent(0.3, False, ["dated apart"]), meta={"model": "test-model"}, **kw)


def test_hostile_article_text_never_becomes_markup():
    cmp = _small(f"Title {HOSTILE}\n\nBody {HOSTILE}", "Plain title\n\nPlain body.")
    cmp.flags = [Flag("loaded", f"Flag {HOSTILE}", 0.5, [Span(6, 20, "")], [])]
    html = render_html(cmp)
    tags = _tags(html)
    assert not [t for t, _ in tags if t in ("script", "img")]
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on") or a == "src"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = " ".join(squash(p.extract_text()) for p in PdfReader(io.BytesIO(render_pdf(cmp))).pages)
    assert "<script>alert(1)</script>" in text
    assert "DIFFERENT EVENTS." in text


def test_the_pdf_fetches_nothing_but_data_uris():
    fetcher = offline_fetcher()
    for url in ("http://example.com/x.png", "https://example.com/f.woff", "file:///etc/passwd", "ftp://h/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def test_long_unbroken_words_stay_on_the_page():
    url = "https://example.com/" + "x" * 400
    cmp = _small(f"Title\n\nSee {url} for more.", "Title\n\nNothing.")
    reader = PdfReader(io.BytesIO(render_pdf(cmp)))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "x" * 400 in text.replace(" ", "")
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        xs = []
        page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: xs.append(tm[4] * cm[0] + cm[4]) if t.strip() else None)
        assert all(0 <= x < width for x in xs)


def test_a_passage_longer_than_a_page_breaks_across_pages_and_loses_nothing():
    words = [f"w{i}" for i in range(3000)]
    cmp = _small("Title\n\n" + " ".join(words) + ".", "Title\n\nShort.")
    reader = PdfReader(io.BytesIO(render_pdf(cmp)))
    found = set(" ".join(p.extract_text() for p in reader.pages).replace(".", " ").split())
    assert len(reader.pages) >= 4
    assert set(words) <= found


def test_a_flag_whose_summary_just_fills_its_line_is_not_broken_after_its_first_word():
    """WeasyPrint measures a text with its trailing space: a summary that fits its line only without that space
    was broken after its first word ("Waonews" alone, the rest on the next line). Summaries growing by one
    narrow letter at a time cross the line's end; none may leave its first word alone on a line."""
    base = "Alpha says the talks ended without a deal on the islands while the other outlet reports progress"
    cmp = _small("Title\n\nBody text.", "Title\n\nOther text.")
    cmp.flags = [Flag("loaded", f"{base} {'i' * k}.", 0.5, [Span(7, 11, "Body")], []) for k in range(1, 90)]
    lines = [line.strip() for p in PdfReader(io.BytesIO(render_pdf(cmp))).pages for line in p.extract_text().splitlines()]
    assert any(re.match(r"(\[\d+\]\s*)?Alpha says", line) for line in lines)
    assert not [line for line in lines if re.fullmatch(r"(\[\d+\]\s*)?Alpha", line)]


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40), st.integers(1, 9)), max_size=60),
       st.integers(0, 320), st.integers(0, 60))
def test_a_passage_is_rendered_with_exactly_the_highlights_touching_it(spans, start, length):
    """Rendering looks up each passage's highlights by bisection (every highlight for every passage was
    quadratic: 11.6 s for a 2,000-sentence comparison's HTML, 0.6 s now); it finds exactly those a full scan
    finds, long evidence starting far before the passage included."""
    from framediff.report.marks import Highlights

    marks = [(s, s + n, f"m{k}") for s, n, k in spans]
    flags = [(s, s + 3 * n, k) for s, n, k in spans[::2]]
    end = start + length
    near = Highlights(marks, flags).near(start, end)
    assert near.marks == sorted(m for m in marks if m[0] <= end and m[1] >= start)
    assert near.flags == sorted(f for f in flags if f[0] <= end and f[1] >= start)


def test_every_voice_in_the_chart_has_a_label(seeds_cmp, seeds_text):
    """Quotes whose speaker is unclear or not given make a bar of their own, labelled as such, never a blank."""
    from framediff.report.summary import UNNAMED_VOICE, voice_shares

    labels = [label for label, _, _ in voice_shares(seeds_cmp)]
    assert all(label.strip() for label in labels), labels
    assert UNNAMED_VOICE in labels and UNNAMED_VOICE in seeds_text[1][0]
