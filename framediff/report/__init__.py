"""The comparison report: one HTML document (`render_html`), and the same laid out as PDF (`render_pdf`)."""
from .html import render_html
from .pdf import render_pdf

__all__ = ["render_html", "render_pdf"]
