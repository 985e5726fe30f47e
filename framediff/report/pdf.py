"""The report as PDF: the same HTML, laid out by WeasyPrint, with no network or file access."""
from __future__ import annotations

from ..comparison import Comparison
from .html import render_html


def offline_fetcher():
    """A WeasyPrint URL fetcher that fetches data: URIs only and refuses every other address."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def render_pdf(cmp: Comparison, with_dismissed: bool = False) -> bytes:
    """The report of `cmp` as PDF bytes (fonts embedded as subsets); `with_dismissed` as for `render_html`."""
    from weasyprint import HTML

    return HTML(string=render_html(cmp, with_dismissed), base_url=None, url_fetcher=offline_fetcher()).write_pdf()
