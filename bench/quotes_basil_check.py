"""The hand check of quotes and speakers on 10 BASIL articles, re-scored for the current code.

Reads the judgements in bench/gold/basil_quotes.json (offsets and verdicts, no text) and the articles from
../shared/bench/basil at run time. Each quote framediff finds now is matched to the judged quote it overlaps
most; its printed speaker is "right" when the name shares a word with the judged speaker's mention, "wrong"
otherwise, "unclear" when the table prints "unclear", "none" when it prints no speaker; a quote judged "not a
quote" (headline, narration, a document's content) that is still listed counts as such. Quotes found now that
no judgement covers are printed with their offsets, to be judged by hand and added to the gold file.
Usage: python bench/quotes_basil_check.py [BASIL_DIR] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framediff.comparison import Article  # noqa: E402
from framediff.quotes import analyse_quotes  # noqa: E402
from framediff.segment import segment  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "basil_quotes.json"
WORD = re.compile(r"\w+")


def article_text(path: Path) -> tuple[str, str]:
    art = json.loads(path.read_text(encoding="utf-8"))
    return art["title"], art["title"] + "".join("\n\n" + " ".join(p) for p in art["body-paragraphs"])


def words(s: str) -> set[str]:
    return {w.lower() for w in WORD.findall(s)} - {"the", "mr", "mrs", "ms", "of", "a", "an"}


def verdict(q, gold: dict | None, text: str) -> str:
    if gold is None:
        return "new"
    if gold["speaker"] is None:
        return "not a quote"
    sp = q.speaker
    if sp is None:
        return "none"
    if sp.unclear:
        return "unclear"
    right = words(text[slice(*gold["speaker"])])
    if right & words(sp.name or sp.mention):
        return "right"
    described = not any(w[:1].isupper() for w in (sp.name or "").split()[1:]) and gold["before"] == "right"
    return "right" if described else "wrong"  # "The group" for a body judged right by reading


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("basil", nargs="?", default="/work/shared/bench/basil")
    ap.add_argument("--show", action="store_true", help="print every quote's verdict")
    args = ap.parse_args()
    rows = json.loads(GOLD.read_text(encoding="utf-8"))["quotes"]
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article"], []).append(r)
    before, after = Counter(r["before"] for r in rows if r["before"] != "absent"), Counter()
    table = []
    for name, judged in by_article.items():
        was = Counter(g["before"] for g in judged)
        now_before = after.copy()
        title, text = article_text(Path(args.basil) / "articles" / name)
        a = segment(Article("a", name, title, "", "", "en", text))
        seen = set()
        for q in analyse_quotes([a], None).quotes:
            overlap = [(min(q.end, g["end"]) - max(q.start, g["start"]), k) for k, g in enumerate(judged)]
            best = max(overlap, default=(0, None))
            gold = judged[best[1]] if best[0] > 0 and best[1] not in seen else None
            if gold is not None:
                seen.add(best[1])
            v = verdict(q, gold, text)
            after[v] += 1
            if args.show or v == "new":
                printed = "unclear: " + " / ".join(q.speaker.candidates) if q.speaker and q.speaker.unclear else (
                    q.speaker.name if q.speaker else None)
                print(f"{v:12} {name} {q.start}-{q.end} {q.kind:8} printed={printed!r} verb={q.verb!r}")
        after["dropped (was right)"] += sum(1 for k, g in enumerate(judged)
                                            if k not in seen and g["before"] in ("right", "absent"))
        after["dropped (was wrong)"] += sum(1 for k, g in enumerate(judged) if k not in seen and g["before"] == "wrong")
        after["dropped (not a quote)"] += sum(1 for k, g in enumerate(judged)
                                              if k not in seen and g["before"] == "not a quote")
        now = after - now_before
        table.append(f"| {name.split('/')[1][:8]} | {was['right']} / {was['wrong']} / {was['not a quote']} | "
                     f"{now['right']} / {now['wrong']} / {now['unclear']} / {now['none']} / {now['not a quote']} |")
    print("| article | before: right / wrong / not a quote | after: right / wrong / unclear / none / not a quote |")
    print("|---|---|---|")
    print("\n".join(table))
    named = lambda c: c["right"] + c["wrong"]  # noqa: E731
    print(f"before: {dict(before)}; wrong names {before['wrong']}/{named(before)} = "
          f"{before['wrong'] / named(before):.1%}")
    print(f"after:  {dict(after)}; wrong names {after['wrong']}/{named(after)} = "
          f"{after['wrong'] / max(1, named(after)):.1%}")


if __name__ == "__main__":
    main()
