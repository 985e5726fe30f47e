"""The command line: `framediff compare A B [C ...]`, `framediff analyse A`, `framediff gui [A B ...]`.

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
    c = sub.add_parser("compare", help="compare two articles (.txt, .md, .html), or 3 to 12 as a story")
    c.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="2 to 12 article files or folders (a folder: its .txt/.md/.html files); 3 or more make a story")
    a = sub.add_parser("analyse", aliases=["analyze"], help="analyse one article: quotes, speakers, flags")
    a.add_argument("a", help="article file")
    for sp in (c, a):
        sp.add_argument("--json", metavar="PATH", help="write the comparison as JSON (- for stdout)")
        sp.add_argument("--model", metavar="NAME_OR_PATH", help="embedding model (see models/README.md)")
    c.add_argument("--pdf", metavar="PATH", help="write the comparison report as PDF")
    c.add_argument("--html", metavar="PATH", help="write the comparison report as one self-contained HTML file")
    k = sub.add_parser("corpus", help="a whole corpus on Dask: events, a story per event, tables and outlet figures")
    k.add_argument("input", metavar="INPUT", help="a folder tree of .txt/.md/.html files, or a .csv/.jsonl/.parquet table "
                   "with columns text (or html) and optional url, title, outlet, date, id")
    k.add_argument("--out", required=True, metavar="DIR", help="output folder (a killed run started again resumes there)")
    k.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); default: a LocalCluster here")
    k.add_argument("--workers", type=int, metavar="N", help="worker processes of the LocalCluster (with --scheduler: "
                   "how many workers to wait for)")
    k.add_argument("--model", metavar="NAME_OR_PATH", help="embedding model (see models/README.md)")
    g = sub.add_parser("gui", help="open the desktop app, optionally with two articles, or 3 to 12 as a story")
    g.add_argument("files", nargs="*", metavar="FILE", help="no file, two files, or 3 to 12 files or folders")
    return p


ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_INPUTS = 12


def expand_inputs(inputs: list[str]) -> list[str]:
    """Files as given; a folder stands for its .txt/.md/.html files, sorted by name."""
    out: list[str] = []
    for spec in inputs:
        if os.path.isdir(spec):
            found = sorted(str(p) for p in Path(spec).iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(f"{shown(spec)}: folder holds no .txt, .md or .html file")
            out += found
        else:
            out.append(spec)
    if len(out) > MAX_INPUTS:
        raise InputError(f"usage: at most {MAX_INPUTS} articles at once, got {len(out)}")
    return out


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

        if args.html:
            write_atomic(args.html, render_html(cmp))
        if args.pdf:
            write_atomic(args.pdf, render_pdf(cmp))
    if args.json:
        write_json(cmp, args.json)


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


def _story(inputs: list[str], args) -> int:
    """Three or more inputs: the story (events, claims, per-outlet findings) as JSON, HTML, PDF."""
    from .output import write_atomic, write_json
    from .story.build import story_files

    story = story_files(inputs, model=args.model)
    if args.html or args.pdf:
        from .report.story import render_story_html, render_story_pdf

        if args.html:
            write_atomic(args.html, render_story_html(story))
        if args.pdf:
            write_atomic(args.pdf, render_story_pdf(story))
    if args.json:
        write_json(story.to_dict(), args.json)
    if args.json != "-":
        print(_story_summary(story))
    return 0


def _story_summary(story) -> str:
    lines = [f"{a.id.upper()}: {a.outlet or a.source} — {a.title}" for a in story.articles]
    for e in story.events:
        told_all = sum(len(c.units) == len(e.articles) for c in e.claims)
        lines.append(f"event {e.id}: {', '.join(i.upper() for i in e.articles)} — {len(e.claims)} claims, "
                     f"{told_all} told by all {len(e.articles)}; {len(e.flags)} flags")
    if story.singles:
        lines.append("on their own (no shared event): " + ", ".join(i.upper() for i in story.singles))
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 0
    if args.command == "gui":
        files = expand_inputs(args.files)
        if len(files) == 1:
            raise InputError("usage: framediff gui takes no file, two files, or 3 to 12 files")
        return _desktop_app()(files)
    if args.command == "corpus":
        from .corpus.run import run_corpus

        s = run_corpus(args.input, args.out, args.scheduler, args.workers, args.model)
        print(f"{s.articles} articles of {s.inputs} inputs ({s.errors} in errors.csv): {s.events} events "
              f"({s.in_events} articles), {s.singles} articles sharing no event; see {os.path.join(args.out, 'index.html')}")
        return 0
    inputs = expand_inputs(args.inputs) if args.command == "compare" else []
    if args.command == "compare" and len(inputs) < 2:
        raise InputError("usage: framediff compare takes 2 to 12 articles")
    for path in (args.json, getattr(args, "pdf", None), getattr(args, "html", None)):
        _check_output(path)
    if len(inputs) > 2:
        return _story(inputs, args)
    from .pipeline import analyse_file, compare_files

    if args.command == "compare":
        cmp = compare_files(*inputs, model=args.model)
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
