"""Quote extraction against PolNeAR (Newell, Margolin & Ruths, LREC 2018), dev split.

Reads ../shared/bench/polnear (or the folder given) at run time; the texts stay
there. A predicted quote matches a gold Content when they share at least half
the words of each (word positions, discontinuous gold spans joined); the
speaker is right when the predicted mention shares a word with the gold Source.
A predicted quote's words leave out its own verb and speaker mention (a quote
split around "X said" is one contiguous span that holds them).
Figures per kind: gold "direct" when its Content opens with a quotation mark,
else "indirect"; predicted "direct" is kind direct, partial and indirect count
as "indirect".

Wrong-name rate: of the matched quotes whose speaker is printed (a name shown
in the table, not "unclear"), the share whose printed name shares no word with
the speaker's name. The speaker's name is the gold Source when it holds a
capitalised word other than a title ("Trump", "Mr. Obama", "the Charlotte
Observer"); a pronoun Source ("he", "she") stands for the nearest earlier named
gold Source of its article (a proxy: PolNeAR has no coreference); a Source that
is only a description ("the Republican nominee", "experts") is not judged.

"speech" is the same measure on the gold attributions that are a person's speech, the quotes the Gender Gap
Tracker's published 83.7 F1 counts: the cue's head word is one of the Tracker's quote verbs (SPEECH, its
rules/quote_verb_list.txt as lemmas, Asr et al. 2021, MIT), the Source is no document, poll or count
(verbs.DOCUMENTS), and the Content is not in the headline. Precision is over all predictions; a prediction that
matches an attribution left out of the subset counts neither way.
Usage: python bench/quotes_polnear.py [BENCH_DIR] [--split dev] [--overlap 0.5]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framediff.comparison import Article  # noqa: E402
from framediff.nlp import parse  # noqa: E402
from framediff.quotes import analyse_quotes  # noqa: E402
from framediff.quotes.verbs import DOCUMENTS  # noqa: E402
from framediff.segment import segment  # noqa: E402

WORD = re.compile(r"\w+")
OPENING = "\"“«'‘"
PRONOUN = {"he", "she", "him", "her", "his", "i", "we", "they", "it", "you", "who", "which", "that"}
TITLE = {"mr", "mrs", "ms", "dr", "the", "president", "sen", "senator", "rep", "gov", "gen", "rev", "a", "an",
         "former", "secretary", "state", "democratic", "republican", "candidate", "nominee", "presidential", "vice"}
# The Gender Gap Tracker's quote verbs (github.com/sfu-discourse-lab/GenderGapTracker, nlp/english/rules/
# quote_verb_list.txt, MIT), as lemmas: the cues of what its published figures count as quotes.
SPEECH = {"accept", "acclaim", "acknowledge", "add", "admit", "advise", "announce", "argue", "assert", "assure",
          "claim", "clarify", "comment", "conclude", "confirm", "continue", "convince", "criticize", "declaim",
          "declare", "decry", "demonstrate", "denounce", "describe", "disclaim", "dispute", "ensure", "estimate",
          "exclaim", "explain", "find", "highlight", "illustrate", "indicate", "inform", "insist", "mention", "note",
          "notify", "persist", "point", "preach", "predict", "present", "proclaim", "rave", "reassert", "reassure",
          "reckon", "reconfirm", "release", "remind", "reply", "report", "respond", "restate", "retell", "say",
          "state", "suggest", "tell", "testify", "think", "tweet", "warn", "write"}


def read_gold(ann: Path, text: str) -> list[dict]:
    """Attributions of one .ann file: content word positions, source word positions, kind."""
    spans, events = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            label, offsets = fields[1].split(" ", 1)
            spans[fields[0]] = (label, [tuple(map(int, o.split())) for o in offsets.split(";")])
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    gold, last_named = [], set()
    doc, headline = parse(text), len(text.split("\n", 1)[0])
    for ev in sorted(events, key=lambda ev: spans[ev["Source"]][1][0][0] if ev.get("Source") in spans else 0):
        if "Content" not in ev:
            continue
        if ev["Content"] not in spans:
            continue  # a malformed line in the annotation
        content = spans[ev["Content"]][1]
        source = spans[ev["Source"]][1] if ev.get("Source") in spans else []
        first = text[content[0][0]:content[0][1]].lstrip()
        said = " ".join(text[s:e] for s, e in source)
        named = {w.lower() for w in WORD.findall(said) if w[:1].isupper() and w.lower() not in TITLE | PRONOUN}
        if named:
            last_named = named
        name = named or (last_named if said.lower().strip() in ("he", "she") else set())
        cue = spans[ev["Cue"]][1] if ev.get("Cue") in spans else []
        gold.append({"words": words(text, content), "source": words(text, source), "name": name,
                     "kind": "direct" if first[:1] in OPENING else "indirect",
                     "speech": content[0][0] >= headline and _lemma(doc, cue) in SPEECH
                     and _lemma(doc, source) not in DOCUMENTS})
    return gold


def _lemma(doc, spans) -> str:
    """The lemma of the head word of the (first to last) spans, "" without spans."""
    span = doc.char_span(spans[0][0], spans[-1][1], alignment_mode="expand") if spans else None
    return span.root.lemma_.lower() if span is not None else ""


def words(text: str, spans) -> set[int]:
    return {m.start() for s, e in spans for m in WORD.finditer(text, s, e)}


def matches(a: set[int], b: set[int], need: float = 0.5) -> bool:
    """Both sides share at least `need` of their words."""
    shared = len(a & b)
    return bool(a and b) and shared >= need * len(a) and shared >= need * len(b)


def evaluate(folder: Path, need: float = 0.5) -> Counter:
    count = Counter()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = (folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        title = text.split("\n", 1)[0]
        article = segment(Article("a", str(ann), title, "", "", "en", text))
        pred = [{"words": words(text, [(q.start, q.end)]) - words(text, [_at(q.verb_span), _at(q.mention_span)]),
                 "source": words(text, [_at(q.mention_span)]),
                 "printed": _printed(q), "kind": "direct" if q.kind == "direct" else "indirect"}
                for q in analyse_quotes([article], None).quotes]
        used, other = set(), set()
        for g in gold:
            kinds = (g["kind"], "speech") if g["speech"] else (g["kind"],)
            for k in kinds:
                count["gold", k] += 1
            hit = next((i for i, p in enumerate(pred) if i not in used and matches(g["words"], p["words"], need)), None)
            if hit is None:
                continue
            used.add(hit)
            if not g["speech"]:
                other.add(hit)
            printed = pred[hit]["printed"]
            for k in kinds:
                count["hit", k] += 1
                if g["source"]:
                    count["sourced", k] += 1
                    count["speaker", k] += bool(g["source"] & pred[hit]["source"])
                if g["name"] and printed is not None:
                    count["printed", k] += 1
                    count["wrong", k] += not (g["name"] & printed)
                elif g["name"] and pred[hit]["source"]:
                    count["unclear", k] += 1
        for i, p in enumerate(pred):
            count["pred", p["kind"]] += 1
            count["pred_hit", p["kind"]] += i in used
            count["pred", "speech"] += i not in other  # one matching a non-speech attribution counts neither way
            count["pred_hit", "speech"] += i in used and i not in other
    return count


def _at(span) -> tuple[int, int]:
    return (span.start, span.end) if span is not None else (0, 0)


def _printed(q) -> set[str] | None:
    """The words of the name the table prints for this quote; None when it prints none (no speaker, unclear)."""
    sp = q.speaker
    if sp is None or getattr(sp, "unclear", False):
        return None
    return {w.lower() for w in WORD.findall(sp.name or sp.mention)}


def report(count: Counter) -> None:
    print(f"{'kind':10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'printed':>8} "
          f"{'wrong':>6} {'n':>5} {'unclear':>8}")
    for kind in ("direct", "indirect", "all", "speech"):
        kinds = ("direct", "indirect") if kind == "all" else (kind,)
        g, p = sum(count["gold", k] for k in kinds), sum(count["pred", k] for k in kinds)
        ph, gh = sum(count["pred_hit", k] for k in kinds), sum(count["hit", k] for k in kinds)
        sp, so = sum(count["speaker", k] for k in kinds), sum(count["sourced", k] for k in kinds)
        prec, rec = ph / p if p else 0.0, gh / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        pr, wr, un = (sum(count[key, k] for k in kinds) for key in ("printed", "wrong", "unclear"))
        print(f"{kind:10} {g:5} {p:5} {prec:6.1%} {rec:6.1%} {f1:6.1%} {sp / so if so else 0:8.1%} {pr:8} "
              f"{wr / pr if pr else 0:6.1%} {wr:5} {un:8}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "bench"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--overlap", type=float, default=0.5, help="share of words both spans must share (0.5)")
    args = ap.parse_args()
    folder = Path(args.bench) / "polnear" / args.split
    if not (folder / "attributions").is_dir():
        sys.exit(f"no PolNeAR data at {folder}")
    t = time.time()
    report(evaluate(folder, args.overlap))
    print(f"({time.time() - t:.0f} s, split {args.split}, overlap {args.overlap}; "
          "per-kind precision counts predicted kinds)")


if __name__ == "__main__":
    main()
