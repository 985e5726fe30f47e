"""The command line: `framediff compare A B [C ...]`, `framediff analyse A`, `framediff report SAVED`,
`framediff gui [A B ...]`.

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
    c = sub.add_parser("compare", help="compare two articles (.txt, .md, .html files or http/https URLs), "
                                       "or 3 to 12 as a story")
    c.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="2 to 12 article files, URLs or folders (a folder: its .txt/.md/.html files); "
                        "3 or more make a story")
    a = sub.add_parser("analyse", aliases=["analyze"], help="analyse one article: quotes, speakers, flags")
    a.add_argument("a", help="the article: a file or a URL")
    for sp, what in ((c, "comparison"), (a, "analysis")):
        sp.add_argument("--json", metavar="PATH", help=f"write the {what} as JSON (- for stdout)")
        sp.add_argument("--model", metavar="NAME_OR_PATH", help="embedding model (see models/README.md)")
        sp.add_argument("--outlet", metavar="NAME", action="append", default=[],
                        help="the outlet of the input, overriding the one found; once per input, in order"
                             " (\"\" keeps the one found)")
        sp.add_argument("--refresh", action="store_true",
                        help="fetch URLs again instead of taking them from the cache")
    c.add_argument("--pdf", metavar="PATH", help="write the comparison report as PDF (- for stdout)")
    c.add_argument("--html", metavar="PATH",
                   help="write the comparison report as one self-contained HTML file (- for stdout)")
    r = sub.add_parser("report", help="write the report of a saved comparison, reviews included (no model is loaded)")
    r.add_argument("saved", metavar="SAVED", help="a comparison saved as JSON (compare --json, or Save in the app)")
    r.add_argument("--pdf", metavar="PATH", help="write the report as PDF (- for stdout)")
    r.add_argument("--html", metavar="PATH", help="write the report as one self-contained HTML file (- for stdout)")
    r.add_argument("--with-dismissed", action="store_true",
                   help="list the flags the editor dismissed in an appendix (left out otherwise)")
    k = sub.add_parser("corpus", help="a whole corpus on Dask: events, a story per event, tables and outlet figures")
    k.add_argument("input", metavar="INPUT", help="a folder tree of .txt/.md/.html files, or a .csv/.jsonl/.parquet table "
                   "with columns text (or html) and optional url, title, outlet, date, id")
    k.add_argument("--out", required=True, metavar="DIR", help="output folder (a killed run started again resumes there)")
    k.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); default: a LocalCluster here")
    k.add_argument("--workers", type=int, metavar="N", help="worker processes of the LocalCluster (with --scheduler: "
                   "how many workers to wait for)")
    k.add_argument("--model", metavar="NAME_OR_PATH", help="embedding model (see models/README.md)")
    g = sub.add_parser("gui", help="open the desktop app, optionally with two articles, or 3 to 12 as a story")
    g.add_argument("files", nargs="*", metavar="FILE", help="no input, two, or 3 to 12 files, URLs or folders")
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


def _outputs(args) -> dict[str, str]:
    """{"json"/"html"/"pdf": path} asked for, checked before any slow work: at most one to stdout ("-"),
    and no PDF onto a terminal."""
    wanted = {k: getattr(args, k, None) for k in ("json", "html", "pdf")}
    wanted = {k: v for k, v in wanted.items() if v}
    to_stdout = [k for k, v in wanted.items() if v == "-"]
    if len(to_stdout) > 1:
        raise InputError(f"usage: only one output can go to stdout (-), not {' and '.join('--' + k for k in to_stdout)}")
    if wanted.get("pdf") == "-" and sys.stdout.isatty():
        raise InputError("--pdf -: will not write a PDF onto the terminal; redirect stdout to a file or a program")
    for path in wanted.values():
        _check_output(path)
    return wanted


def _write_outputs(cmp, wanted: dict[str, str], args) -> None:
    from .output import write_atomic, write_json, write_stdout

    if "html" in wanted or "pdf" in wanted:
        from .report import render_html, render_pdf

        dismissed = bool(getattr(args, "with_dismissed", False))
        for kind, render in (("html", render_html), ("pdf", render_pdf)):
            if kind in wanted:
                data = render(cmp, dismissed)
                write_stdout(data) if wanted[kind] == "-" else write_atomic(wanted[kind], data)
    if "json" in wanted:
        write_json(cmp, wanted["json"])


def _report(args, wanted: dict[str, str]) -> int:
    """Render a saved comparison as it was saved: nothing recomputed, no model loaded."""
    from .review import findings
    from .schema import read_comparison

    if not wanted:
        raise InputError("usage: framediff report SAVED needs --pdf PATH or --html PATH (or both)")
    saved = read_comparison(args.saved)
    if not hasattr(saved, "flags"):  # a saved story (framediff/story-1)
        _write_story(saved, wanted)
        return 0
    if len(saved.articles) != 2:
        raise InputError(f"{shown(args.saved)}: holds one article; a report compares two")
    _write_outputs(saved, wanted, args)
    found = findings(saved.flags)
    if "-" not in wanted.values():
        print(f"{len(found.reviewed)} reviewed findings, {len(found.unreviewed)} not reviewed, "
              f"{len(found.dismissed)} dismissed ({'listed in an appendix' if args.with_dismissed else 'left out'})")
    return 0


def _summary(cmp) -> str:
    lines = [f"{art.id.upper()}: {art.outlet or f'{art.source} (outlet unknown: --outlet NAME names it)'} — "
             f"{art.title or '(untitled)'}" + (f" ({art.date})" if art.date else "") for art in cmp.articles]
    lines += [f"NOTE: {n}" for n in cmp.meta.get("notices", [])]
    if len(cmp.articles) == 1:
        (art,) = cmp.articles
        lines.append(f"{len(art.units)} sentences; {len(cmp.quotes)} quotes; {len(cmp.speakers)} speakers; "
                     f"{len(cmp.flags)} flags")
        lines += [f"  - {f.summary}" for f in cmp.flags[:5]]
        return "\n".join(lines)
    if cmp.meta.get("notices"):  # nothing was aligned: counts of matches would read as findings
        return "\n".join(lines)
    if cmp.same_event is not None:
        verdict = ("same event" if cmp.same_event.verdict else "same event or another occasion? cannot tell"
                   if cmp.same_event.unsure else "probably DIFFERENT events")
        lines.append(f"{verdict} (score {cmp.same_event.score:.2f})")
    lines.append(f"{len(cmp.alignment)} matched groups; unmatched: {len(cmp.unmatched['a'])} in A, "
                 f"{len(cmp.unmatched['b'])} in B; {len(cmp.quotes)} quotes; {len(cmp.flags)} flags")
    lines += [f"  - {f.summary}" for f in cmp.flags[:5]]
    return "\n".join(lines)


def _story(inputs: list[str], args, wanted: dict[str, str], outlets: list[str | None]) -> int:
    """Three or more inputs: the story (events, claims, per-outlet findings) as JSON, HTML, PDF."""
    from .story.build import story_files

    story = story_files(inputs, model=args.model, outlets=outlets, refresh=args.refresh)
    _write_story(story, wanted)
    if "-" not in wanted.values():
        print(_story_summary(story))
    return 0


def _write_story(story, wanted: dict[str, str]) -> None:
    from .output import write_atomic, write_json, write_stdout

    if "html" in wanted or "pdf" in wanted:
        from .report.story import render_story_html, render_story_pdf

        for kind, render in (("html", render_story_html), ("pdf", render_story_pdf)):
            if kind in wanted:
                data = render(story)
                write_stdout(data) if wanted[kind] == "-" else write_atomic(wanted[kind], data)
    if "json" in wanted:
        write_json(story.to_dict(), wanted["json"])


def _story_summary(story) -> str:
    lines = [f"{a.id.upper()}: {a.outlet or a.source} — {a.title}" for a in story.articles]
    lines += [f"NOTE: {n}" for n in story.meta.get("notices", [])]
    for e in story.events:
        told_all = sum(len(c.units) == len(e.articles) for c in e.claims)
        lines.append(f"event {e.id[1:]}: {', '.join(i.upper() for i in e.articles)} — {len(e.claims)} claims, "
                     f"{told_all} told by every one of them; {len(e.flags)} flags")
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
    wanted = _outputs(args)
    if args.command == "report":
        return _report(args, wanted)
    inputs = expand_inputs(args.inputs) if args.command == "compare" else [args.a]
    if args.command == "compare" and len(inputs) < 2:
        raise InputError("usage: framediff compare takes 2 to 12 articles")
    if len(args.outlet) > len(inputs):
        raise InputError(f"usage: {len(args.outlet)} --outlet given for {len(inputs)} input(s)")
    outlets = [*args.outlet, *[None] * (len(inputs) - len(args.outlet))]
    if len(inputs) > 2:
        return _story(inputs, args, wanted, outlets)
    from .pipeline import analyse_file, compare_files

    if args.command == "compare":
        cmp = compare_files(*inputs, model=args.model, outlets=tuple(outlets), refresh=args.refresh)
    else:
        cmp = analyse_file(args.a, model=args.model, outlet=outlets[0], refresh=args.refresh)
    _write_outputs(cmp, wanted, args)
    if "-" not in wanted.values():
        print(_summary(cmp))
    return 0


def _one_blas_thread() -> None:
    """Let numpy's BLAS (OpenBLAS) run in the calling thread only, unless the user set it: framediff keeps every core
    busy with its own threads (the model's runs, the parse), and OpenBLAS's workers beside them mostly spin. The same
    results for about 1.5 CPU s less on the long pair (docs/benchmarks.md). Works only before numpy is loaded."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    _one_blas_thread()
    try:
        code = run(sys.argv[1:] if argv is None else argv)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except InputError as e:
        print(f"framediff: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped reading (`| head`): a normal end, not an error
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("framediff: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("framediff: out of memory: the articles are too large for this machine", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit meets no closed pipe either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
