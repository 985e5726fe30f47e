"""The report as PDF: the same HTML, laid out by WeasyPrint, with no network access at all."""
from __future__ import annotations

from ..comparison import Comparison
from .html import render_html


def refuse_fetch(url: str, *args, **kwargs) -> dict:
    """WeasyPrint url_fetcher: data: URIs only; every other address is refused."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"framediff reports fetch nothing: refused {url[:80]}")


def render_pdf(cmp: Comparison) -> bytes:
    """The report of `cmp` as PDF bytes (fonts embedded as subsets)."""
    from weasyprint import HTML

    return HTML(string=render_html(cmp), base_url=None, url_fetcher=refuse_fetch).write_pdf()
