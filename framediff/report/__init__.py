"""The comparison report: one HTML document (`render_html`), and the same laid out as PDF (`render_pdf`).

Both are imported on first use, so that the window can import `report.palette` and `report.summary`
without loading the HTML and PDF code before its first paint.
"""

__all__ = ["render_html", "render_pdf"]


def __getattr__(name: str):
    if name == "render_html":
        from .html import render_html

        return render_html
    if name == "render_pdf":
        from .pdf import render_pdf

        return render_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
