"""Short texts read as articles: every ECB+ document (../shared/bench/ecbplus), its first sentence alone
(a one-line brief) and its first two lines (a title line and one body line), through the same reader
as pasted text. Prints how many were refused as holding no article, and how many two-line texts lost
their first line.

    python bench/briefs.py
"""
from __future__ import annotations

import collections
import re
from pathlib import Path

from framediff.errors import InputError
from framediff.pipeline import text_article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "bench" / "ecbplus"
_TOKEN = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')


def lines_of(path: Path) -> list[str]:
    """The document's sentences, one per line, tokens joined by spaces as ECB+ gives them."""
    sents = collections.defaultdict(list)
    for i, token in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sents[int(i)].append(token)
    return [" ".join(sents[k]) for k in sorted(sents)]


def main() -> None:
    files = sorted(DATA.glob("*/*.xml"))
    refused: collections.Counter = collections.Counter()
    first_line_lost = 0
    for f in files:
        lines = lines_of(f)
        for name, raw in (("whole document", "\n".join(lines)), ("first sentence alone", lines[0]),
                          ("first two lines", "\n".join(lines[:2]))):
            try:
                text = text_article(raw, "a").text
            except InputError:
                refused[name] += 1
                continue
            first_line_lost += name == "first two lines" and len(lines) > 1 and lines[0] not in text
    print(f"{len(files)} ECB+ documents; refused as no article: "
          + ", ".join(f"{k} {refused[k]}" for k in ("whole document", "first sentence alone", "first two lines"))
          + f"; two-line texts that lost their first line: {first_line_lost}")


if __name__ == "__main__":
    main()
