"""The command line: `framediff compare A B`, `framediff analyse A`, `framediff report SAVED`, `framediff gui [A B]`.

Exit 0 on success; exit 2 with one line on stderr for bad input or usage.
Heavy modules (torch, the model, Qt) load only when a command needs them.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import InputError, shown


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for any bad input
        raise InputError(f"usage: {message} (see `framediff --help`)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="framediff", description="See how two outlets tell the same news story.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    c = sub.add_parser("compare", help="compare two articles (.txt, .md, .html)")
    c.add_argument("a", help="first article file")
    c.add_argument("b", help="second article file")
    a = sub.add_parser("analyse", aliases=["analyze"], help="analyse one article: quotes, speakers, flags")
    a.add_argument("a", help="article file")
    for sp in (c, a):
        sp.add_argument("--json", metavar="PATH", help="write the comparison as JSON (- for stdout)")
        sp.add_argument("--model", metavar="NAME_OR_PATH", help="embedding model (see models/README.md)")
    c.add_argument("--pdf", metavar="PATH", help="write the comparison report as PDF")
    c.add_argument("--html", metavar="PATH", help="write the comparison report as one self-contained HTML file")
    r = sub.add_parser("report", help="write the report of a saved comparison, reviews included (no model is loaded)")
    r.add_argument("saved", metavar="SAVED", help="a comparison saved as JSON (compare --json, or Save in the app)")
    r.add_argument("--pdf", metavar="PATH", help="write the report as PDF")
    r.add_argument("--html", metavar="PATH", help="write the report as one self-contained HTML file")
    r.add_argument("--with-dismissed", action="store_true",
                   help="list the flags the editor dismissed in an appendix (left out otherwise)")
    g = sub.add_parser("gui", help="open the desktop app, optionally with two articles loaded")
    g.add_argument("files", nargs="*", metavar="FILE", help="zero or two article files")
    return p


def _desktop_app():
    """The desktop app's main(files), found as the plugin the app registers ("framediff.gui" entry
    point), so the engine never imports the window."""
    from importlib.metadata import entry_points

    apps = list(entry_points(group="framediff.gui"))
    if not apps:
        raise InputError("the desktop app is not installed: run scripts/setup (or `pip install -e .`)")
    return apps[0].load()


def _check_output(path: str | None) -> None:
    """Refuse an unwritable output before any slow work is done."""
    if not path or path == "-":
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"{shown(path)}: is a folder, not a file to write")
    if not folder.is_dir():
        raise InputError(f"{shown(path)}: cannot write, folder {shown(folder)} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{shown(path)}: cannot write, folder {shown(folder)} is not writable")
    if target.is_file() and not target.stat().st_mode & 0o222:
        raise InputError(f"{shown(path)}: is read-only; framediff will not overwrite it")


def _write_outputs(cmp, args) -> None:
    from .output import write_atomic, write_json

    if getattr(args, "html", None) or getattr(args, "pdf", None):
        from .report import render_html, render_pdf

        dismissed = getattr(args, "with_dismissed", False)
        if args.html:
            write_atomic(args.html, render_html(cmp, dismissed))
        if args.pdf:
            write_atomic(args.pdf, render_pdf(cmp, dismissed))
    if getattr(args, "json", None):
        write_json(cmp, args.json)


def _report(args) -> int:
    """Render a saved comparison as it was saved: nothing recomputed, no model loaded."""
    from .review import findings
    from .schema import read_comparison

    cmp = read_comparison(args.saved)
    if len(cmp.articles) != 2:
        raise InputError(f"{shown(args.saved)}: holds one article; a report compares two")
    if not (args.pdf or args.html):
        raise InputError("usage: framediff report SAVED needs --pdf PATH or --html PATH (or both)")
    _write_outputs(cmp, args)
    found = findings(cmp.flags)
    print(f"{len(found.reviewed)} reviewed findings, {len(found.unreviewed)} not reviewed, "
          f"{len(found.dismissed)} dismissed ({'listed in an appendix' if args.with_dismissed else 'left out'})")
    return 0


def _summary(cmp) -> str:
    a, b = cmp.articles
    lines = [f"A: {a.outlet or a.source} — {a.title}", f"B: {b.outlet or b.source} — {b.title}"]
    if cmp.same_event is not None:
        verdict = "same event" if cmp.same_event.verdict else "probably DIFFERENT events"
        lines.append(f"{verdict} (score {cmp.same_event.score:.2f})")
    lines.append(f"{len(cmp.alignment)} matched groups; unmatched: {len(cmp.unmatched['a'])} in A, "
                 f"{len(cmp.unmatched['b'])} in B; {len(cmp.quotes)} quotes; {len(cmp.flags)} flags")
    lines += [f"  - {f.summary}" for f in cmp.flags[:5]]
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 0
    if args.command == "gui":
        if len(args.files) not in (0, 2):
            raise InputError("usage: framediff gui takes no file or two files")
        return _desktop_app()(args.files)
    for path in (getattr(args, "json", None), getattr(args, "pdf", None), getattr(args, "html", None)):
        _check_output(path)
    if args.command == "report":
        return _report(args)
    from .pipeline import analyse_file, compare_files

    if args.command == "compare":
        cmp = compare_files(args.a, args.b, model=args.model)
    else:
        cmp = analyse_file(args.a, model=args.model)
    _write_outputs(cmp, args)
    if args.command == "compare" and args.json != "-":
        print(_summary(cmp))
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except InputError as e:
        print(f"framediff: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("framediff: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("framediff: out of memory: the articles are too large for this machine", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
