"""Naming: the same thing under different labels, found from the matched passages themselves.

1. Labels are noun chunks (determiners stripped) that hold a noun or a name; a general noun heads none
   ("the Kuril issue" is "Kuril", "international issues" no label).
2. Seeds: in each matched group, a label of A and a label of B that sit in the
   non-equal parts of the word diff, mean nearly the same (embedding cosine),
   are worded differently (neither's content words contain the other's), and
   are each used by one outlet only (so "Japan" against "Russia" is no seed), and are not a group and a
   part of it ("Democrats" / "Democratic presidential candidates": different people, `_subgroup`).
3. Each seed gathers every label of its article close to it that shares a stem
   with it, so one flag shows all of an outlet's names for the thing; seeds whose
   gatherings meet merge. Only the labels these steps compare are embedded.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from ..comparison import Flag
from ..nlp import noun_chunks
from ..quotes.mentions import nation_of
from ..quotes.verbs import BODIES, OFFICE, PEOPLE
from ..spans import SpanIndex
from .context import Context

SEED_AT = 0.62  # cosine for two labels in matched passages to name the same thing
GATHER_AT = 0.72  # cosine for another label of the same article to join the cluster
MERGE_AT = 0.5  # cosine of two clusters' mean label vectors for them to name one thing
VARIANT_SEVERITY = 0.4  # one proper name worded two ways ("Kuril Islands" / "Kuril archipelago"): notable, no more
PLACE_AT = 0.35  # lowest cosine for two labels that stand in the same place of matched passages (_same_place)
STEM = 6  # letters two content words share to be one stem ("militar-y", "militar-ization")
MATE_STEM = 5  # letters a label's word shares with a seed's for the label to be gathered ("senat-e", "senat-ors")
MAX_TOKENS = 6
MAX_SPANS = 8
NOT_LABELS = {"PERSON", "DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
# general (shell) nouns (Halliday & Hasan 1976; Schmid 2000): they head a topic, not a thing; the modifiers name it
GENERAL_NOUNS = {"issue", "matter", "question", "problem", "topic", "subject", "affair", "thing", "aspect", "area",
                 "field", "point", "case"}


@dataclass
class Label:
    side: str
    start: int
    end: int
    text: str
    key: frozenset  # content lemmas, to tell wording apart
    proper: bool  # headed by a proper noun (a place, a body)
    names: frozenset = frozenset()  # its proper-noun words, lowercased, without a plural "s" ("kuril")
    head: int = -1  # character offset of its head word
    role: tuple = ()  # (relation, governing word): ("dobj", "consider") for "considers the military build-up"
    word: str = ""  # its head word as written, lowercased, no plural "s" ("build-up", "island")
    stems: frozenset = frozenset()  # first MATE_STEM letters of its words but stop words ("wal", "mart", "walma")


def labels(ctx: Context, side: str) -> list[Label]:
    out = []
    # a word the article also writes in lower case is no proper noun, whatever a title-cased headline makes of it
    # ("... for Gay Couples": "gay couples" in the text); a label is proper when one of its words is ("Kuril Islands")
    lowered = {t.text for t in ctx.doc(side) if t.is_lower}
    speakers = SpanIndex((m.start, m.end) for q in ctx.cmp.quotes
                         if q.article == side and (m := q.mention_span) is not None)
    for chunk in noun_chunks(ctx.doc(side)):
        if chunk.root.ent_type_ in NOT_LABELS:
            continue  # people are the speakers' business (quotes); days and amounts are no names
        toks = [t for t in chunk if t.pos_ not in {"DET", "PRON", "PUNCT"} and t.dep_ != "poss"]
        while toks and toks[0].pos_ in {"ADP", "CCONJ", "PART"}:
            toks = toks[1:]
        root = chunk.root
        if root in toks and root.lemma_.lower() in GENERAL_NOUNS:
            # "the Kuril issue" names "Kuril"; "international issues" names nothing
            toks = [t for t in toks if t.i < root.i]
            root = toks[-1] if toks else root
        if not toks or len(toks) > MAX_TOKENS or not any(t.pos_ in {"NOUN", "PROPN"} for t in toks):
            continue
        if nation_of(" ".join(t.text for t in toks)):
            continue  # "Pyongyang" for "North Korea", "Moscow" for "Russia": a capital for its country is no rename
        key = frozenset(_norm(t) for t in toks if not t.is_stop and t.is_alpha)
        if not key:
            continue
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if "\n" in ctx.article(side).text[s:e]:
            continue  # a headline's last words and the first sentence's are no one name
        if speakers.overlaps(s, e):
            continue  # who is speaking ("Japanese government sources") is the quotes' business
        names = frozenset(t.lower_.removesuffix("s") for t in toks if t.pos_ == "PROPN" and t.lower_ not in lowered)
        proper = root in toks and root.pos_ == "PROPN" and bool(names)
        text = ctx.article(side).text[s:e]
        word = text[root.idx - s:].split()[0].lower().rstrip("s") if s <= root.idx < e else ""
        out.append(Label(side, s, e, text, key, proper, names, root.idx, _role(chunk.root), word,
                         _stems(text, {t.lower_ for t in toks if t.is_stop})))
    return out


def _stems(text: str, stop: set[str]) -> frozenset:
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())
    parts = [p for w in words for p in {*w.split("-"), w.replace("-", "")}]
    return frozenset(p[:MATE_STEM] for p in parts if p not in stop)


def _role(tok) -> tuple:
    """What the label is to its sentence, through light nouns ("the strengthening of X" is X's place):
    ("dobj", "consider") for "considers the military build-up" and "considers the strengthening of ... presence"."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    dep = "subj" if tok.dep_ in {"nsubj", "nsubjpass"} else tok.dep_
    head = tok.head.head if dep == "pobj" else tok.head
    return (dep, tok.head.lower_ if dep == "pobj" else "", head.lemma_.lower())


def _norm(tok) -> str:
    """Its lemma; a proper noun's plural too ("Territories" -> "territory": spaCy keeps it as written)."""
    return singular(tok.lower_) if tok.pos_ == "PROPN" else tok.lemma_.lower()


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def distinct(x: Label, y: Label) -> bool:
    """Worded differently: neither label's content words are all in the other's."""
    return not (x.key <= y.key or y.key <= x.key)


def embedding_flags(ctx: Context, all_a: list[Label], all_b: list[Label]) -> list[Flag]:
    """Flags from the labels of both articles (`labels`). Only labels that can take part are embedded: those in the
    changed parts of matched groups (the seeds' candidates), those sharing a stem with a seed (gathering) and the
    nouns made from a shared modifier (_derived)."""
    keys_a, keys_b = {x.key for x in all_a}, {x.key for x in all_b}
    # a label both outlets use is no difference of naming: only one-sided labels are embedded and clustered
    la = [x for x in all_a if x.key not in keys_b]
    lb = [x for x in all_b if x.key not in keys_a]
    if not la or not lb:
        return []
    within_a, within_b = _Within(la), _Within(lb)
    places = []  # per matched group: its changed ops, and the labels of A and of B inside them
    for g in ctx.cmp.alignment:
        changed = [op for op in g.diff if op.op != "equal"]
        ia = sorted({i for op in changed for i in within_a(op.a)})
        jb = sorted({j for op in changed for j in within_b(op.b)})
        if ia and jb:
            places.append((changed, ia, jb))
    vec = _Vectors(ctx.embed)
    vec.add([la[i] for _, ia, _ in places for i in ia] + [lb[j] for _, _, jb in places for j in jb])
    seeds = []  # (i, j, close): close in meaning (gathers), or only in the same place
    for changed, ia, jb in places:
        for i in ia:
            for j in jb:
                if not distinct(la[i], lb[j]) or _subgroup(la[i], lb[j]) or _subgroup(lb[j], la[i]):
                    continue
                cos = vec.cos(la[i], lb[j])
                if cos >= SEED_AT:
                    seeds.append((i, j, True))
                elif cos >= PLACE_AT and _same_place(la[i], lb[j], changed):
                    seeds.append((i, j, False))
    near = {"a": {}, "b": {}}  # seed label -> labels of its article sharing a stem with it (what may gather)
    derived = []
    heads_a, heads_b = _heads(la), _heads(lb)
    for i, j, close in seeds:
        if close:
            near["a"].setdefault(i, _stem_mates(la, i))
            near["b"].setdefault(j, _stem_mates(lb, j))
        shared = _shared_modifiers(la[i], lb[j])
        derived.append((_derived(heads_a, shared), _derived(heads_b, shared)))
    vec.add([la[k] for ks in near["a"].values() for k in ks] + [lb[k] for ks in near["b"].values() for k in ks]
            + [la[k] for da, _ in derived for k in da] + [lb[k] for _, db in derived for k in db])
    clusters = []  # each: {"a": set(label idx), "b": set(label idx)}
    for (i, j, close), (da, db) in zip(seeds, derived):
        if close:
            c = {"a": _gather(la, i, near["a"][i], vec), "b": _gather(lb, j, near["b"][j], vec)}
        else:
            c = {"a": {i}, "b": {j}}
        c["a"] |= da
        c["b"] |= db
        clusters.append(c)
    merged = _merge_close(_merge(clusters), la, lb, vec)
    return [f for c in merged if (f := _flag(ctx, la, lb, c)) is not None]


class _Vectors:
    """Label vectors by lowercased text, embedded on demand (each new text once)."""

    def __init__(self, embed):
        self.embed = embed
        self.of: dict[str, np.ndarray] = {}

    def add(self, labs: list[Label]) -> None:
        texts = sorted({x.text.lower() for x in labs} - self.of.keys())
        if texts:
            self.of.update(zip(texts, np.asarray(self.embed(texts))))

    def __getitem__(self, x: Label) -> np.ndarray:
        return self.of[x.text.lower()]

    def cos(self, x: Label, y: Label) -> float:
        return float(self[x] @ self[y])


def _subgroup(x: Label, y: Label) -> bool:
    """y names some of what x names: x's head word is a modifier of y, whose head is another, common noun
    ("Democrats" / "Democratic presidential candidates", "Wal-Mart" / "Wal-Mart employees")."""
    if not x.word or not y.word or y.proper or x.word[:MATE_STEM] == y.word[:MATE_STEM]:
        return False
    return x.word[:MATE_STEM] in y.stems


def _same_place(x: Label, y: Label, changed) -> bool:
    """Low cosine, strong structure: two labels stand in one place of matched passages ("considers the military
    build-up ... unacceptable" / "considers the strengthening of Russia's military and missile presence ...
    unacceptable"): the word diff sets their heads against each other, or they fill the same role of the same
    word; they share a content stem ("military", "militar-ization") but not their head word."""
    if x.word == y.word or not _share_stem(x.key, y.key):
        return False
    opposite = any(op.a.start <= x.head < op.a.end and op.b.start <= y.head < op.b.end for op in changed)
    return opposite or (bool(x.role) and x.role == y.role and x.role[0] in {"dobj", "subj", "pobj"})


def _shared_modifiers(x: Label, y: Label) -> set[str]:
    """The words both labels share that head neither ("military" in "military build-up" / "military
    construction program")."""
    heads = {x.word, y.word}
    return {u for u in x.key & y.key if len(u) >= STEM and u.rstrip("s") not in heads}


def _heads(labs: list[Label]) -> dict[str, list[tuple[int, int]]]:
    """First STEM letters of each label's head word -> (label index, head word's length): what `_derived` looks up,
    made once, not a pass over every label per seed."""
    out: dict[str, list[tuple[int, int]]] = {}
    for k, x in enumerate(labs):
        out.setdefault(x.word[:STEM], []).append((k, len(x.word)))
    return out


def _derived(heads: dict[str, list[tuple[int, int]]], shared: set[str]) -> set[int]:
    """Labels of one article (`_heads` of them) headed by a noun made from a shared modifier: "militarization" for
    "military" (the same stem, a longer word), the article's other name for the thing the seeds name."""
    return {k for w in shared for k, n in heads.get(w[:STEM], ()) if n > len(w) + 2}


def _share_stem(a: frozenset, b: frozenset) -> bool:
    return any(len(u) >= STEM and len(v) >= STEM and u[:STEM] == v[:STEM] for u in a for v in b)


class _Within:
    """Labels overlapping one replaced stretch of the word diff (labels are noun chunks: in order, apart)."""

    def __init__(self, labs: list[Label]):
        self.starts = [x.start for x in labs]
        self.ends = [x.end for x in labs]

    def __call__(self, span) -> range:
        return range(bisect.bisect_right(self.ends, span.start), bisect.bisect_left(self.starts, span.end))


def _stem_mates(labs: list[Label], i: int) -> set[int]:
    """Labels sharing a stem with label i, and i: an outlet's other names for a thing repeat a piece of it
    ("South Kuril archipelago" / "South Kuril Islands", "Walmart" / "Wal-Mart Stores")."""
    return {i} | {k for k, x in enumerate(labs) if x.stems & labs[i].stems}


def _gather(labs: list[Label], i: int, mates: set[int], vec: _Vectors) -> set[int]:
    return {k for k in mates if vec.cos(labs[k], labs[i]) >= GATHER_AT}


def _merge(clusters: list[dict]) -> list[dict]:
    out: list[dict] = []
    for c in clusters:
        for m in out:
            if m["a"] & c["a"] or m["b"] & c["b"]:
                m["a"] |= c["a"]
                m["b"] |= c["b"]
                break
        else:
            out.append({"a": set(c["a"]), "b": set(c["b"])})
    return out


def _centroid(c: dict, la: list[Label], lb: list[Label], vec: _Vectors) -> np.ndarray:
    v = np.mean([vec[la[i]] for i in c["a"]] + [vec[lb[j]] for j in c["b"]], axis=0)
    return v / (np.linalg.norm(v) or 1.0)


def _merge_close(clusters: list[dict], la: list[Label], lb: list[Label], vec: _Vectors) -> list[dict]:
    """Clusters that name one thing ("South Kuril Islands" / "Southern Kurils" and "four northern islands" /
    "Northern Territories") become one flag: their labels' mean vectors are close (cosine >= MERGE_AT)."""
    out: list[dict] = []
    for c in clusters:
        v = _centroid(c, la, lb, vec)
        for m in out:
            if float(_centroid(m, la, lb, vec) @ v) >= MERGE_AT:
                m["a"] |= c["a"]
                m["b"] |= c["b"]
                break
        else:
            out.append(c)
    return out


def variant(xs: list[Label], ys: list[Label]) -> bool:
    """Every label on each side shares a proper-noun word with one on the other ("Kuril Islands" /
    "Kuril archipelago"): the same name worded two ways, not two names."""
    return all(any(x.names & y.names for y in ys) for x in xs) and all(any(x.names & y.names for x in xs) for y in ys)


def _flag(ctx: Context, la: list[Label], lb: list[Label], c: dict) -> Flag | None:
    # a label that merely extends the other side's ("North Korea" / "North Korea's denuclearization") is no rename
    only_a = sorted(i for i in c["a"] if all(distinct(la[i], lb[j]) for j in c["b"]))
    only_b = sorted(j for j in c["b"] if all(distinct(la[i], lb[j]) for i in c["a"]))
    # a body is no other name for people, nor people for a body: the "Republican National Committee" is not the "GOP
    # Senators", whatever word they share
    only_a, only_b = ([i for i in only_a if any(_same_kind(la[i], lb[j]) for j in only_b)],
                      [j for j in only_b if any(_same_kind(la[i], lb[j]) for i in only_a)])
    if not only_a or not only_b:
        return None
    names_a = _names(la, only_a)
    names_b = _names(lb, only_b)
    # a place or body under two names ("Southern Kurils" / "Northern Territories") is among the few that matter; a
    # proper name on one side only is no second name for it ("congressional committee" / "House committee",
    # "Republican National Committee"; "retail marijuana" / "Marijuana Policy Project": 0 right of 3 on BASIL)
    proper = any(la[i].proper for i in only_a) and any(lb[j].proper for j in only_b)
    sev = min(1.0, 0.6 + 0.15 * proper + 0.02 * min(len(only_a) + len(only_b), 5))
    same_name = variant([la[i] for i in only_a], [lb[j] for j in only_b])
    if same_name:
        sev = VARIANT_SEVERITY
    summary = (f"{'One name worded two ways' if same_name else 'Same thing, different names'}: "
               f"{ctx.name('a')} says {', '.join(names_a)}; {ctx.name('b')} says {', '.join(names_b)}.")
    A, B = ctx.article("a"), ctx.article("b")
    return Flag("naming", summary, round(sev, 3),
                [A.span(la[i].start, la[i].end) for i in only_a[:MAX_SPANS]],
                [B.span(lb[j].start, lb[j].end) for j in only_b[:MAX_SPANS]],
                None, {"a": names_a, "b": names_b, "variant": same_name, "proper": proper})


_PERSONS = OFFICE | PEOPLE | {"sen", "rep"}  # head words as Label.word has them (no plural "s": "senator", "sen")


def _kind(x: Label) -> str:
    """ "people" or "body" by the label's head word ("GOP Senators", "Republican National Committee"), else ""."""
    return "people" if x.word in _PERSONS else "body" if x.word in BODIES else ""


def _same_kind(x: Label, y: Label) -> bool:
    return not (_kind(x) and _kind(y) and _kind(x) != _kind(y))


def _names(labs: list[Label], idx: list[int]) -> list[str]:
    seen: dict[frozenset, str] = {}
    for i in idx:
        seen.setdefault(labs[i].key, labs[i].text)
    return [f"“{t}”" for t in seen.values()]
