"""How the window and the reports cope with a long comparison: time and memory to draw it, to write its HTML
and (with --pdf) its PDF.

The comparison is built from bench/speed.py's book documents with its stand-in vectors: what is drawn and
written does not depend on the model. Run by hand; the figures go to docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import speed  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=2000, help="sentences in each of the two documents")
    ap.add_argument("--pdf", action="store_true", help="also lay out the PDF (about 0.2 s a page)")
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    keep: list = []
    speed.stages(*speed.book_documents(args.bench, args.sentences), speed.HashEmbedder(), keep=keep)
    cmp = keep[0]
    print(f"{args.sentences:,} sentences each: {len(cmp.quote_matches):,} quote rows, {len(cmp.flags):,} differences\n")

    from PySide6.QtWidgets import QApplication

    from framediff.report import render_html, render_pdf
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = QApplication([])
    window = MainWindow(Settings(Path(tempfile.mkdtemp()) / "settings.ini"))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    def draw():
        window.show_comparison(cmp)
        app.processEvents()

    rows: list = []
    speed.timed("window: draw the comparison", rows, draw)
    speed.timed("HTML report", rows, lambda: render_html(cmp))
    if args.pdf:
        from pypdf import PdfReader

        pdf = speed.timed("PDF report", rows, lambda: render_pdf(cmp))
        print(f"PDF: {len(PdfReader(io.BytesIO(pdf)).pages):,} pages\n")
    print("| step | wall s | CPU s | peak RSS so far (MB) |\n|---|---|---|---|")
    for label, wall, cpu, peak in rows:
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
