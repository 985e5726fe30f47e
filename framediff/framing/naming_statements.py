"""Naming statements: where an article itself says who calls a thing what.

"Four islands – which Russia calls the Southern Kurils and Japan calls the Northern Territories",
"in Russia is known as the South Kuril archipelago, in Japan is known as the four northern islands",
"the four southern islands that the Tokyo government calls "the northern territories"",
"the islands, called the Northern Territories by Japan", "what Japan refers to as ...",
"(the northern territories for Japan)". Read from the spaCy parse (dependency relations of
"call", "dub", "term", "name", "know as", "refer to as"): each gives a label, who calls it so
(the namer: a nation when the namer is one, "the Tokyo government" -> Japanese) and the spans.

Two outlets differ in how they name a thing when one attributes a name to one side and the other
uses that name as its own, or never gives it:
- 004 "that the Tokyo government calls "the northern territories"" against 001's own "northern
  territories": one outlet adopts Japan's name, the other attributes it;
- 004 gives the Japanese name, 003 only ever says "Kuril Islands".
A wording flag set against the thing such a name names (001 "four northern islands" / 004 "the four southern
islands that the Tokyo government calls ...") is the same difference and joins that flag.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..comparison import Flag
from ..quotes.mentions import nation_of
from .context import Context
from ..spans import SpanIndex
from .naming import VARIANT_SEVERITY, Label, embedding_flags, labels, singular

NAMING_VERBS = {"call", "dub", "term", "name", "nickname", "label", "style"}  # "Z calls X Y", "X, dubbed Y by Z"
AS_VERBS = {"know", "refer"}  # "known (in Z) as Y", "what Z refers to as Y"
RELATIVE = {"which", "that", "what", "whom"}
# words of a name that say where, not which ("South" Kuril, "Northern" Territories): no evidence of one name
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "the", "of"}
ADOPTED_SEVERITY = 0.7  # one outlet uses as its own a name the other attributes to one side
ONE_NAME_SEVERITY = 0.6  # one outlet gives a side's name, the other never does
MAX_SPANS = 6
CLOSE_AT = 0.4  # cosine of the other article's name to a given name ("Kuril Islands" / "northern territories": 0.46)


@dataclass
class Statement:
    side: str
    start: int  # the label as written ("the northern territories" without the article)
    end: int
    text: str
    key: frozenset  # content lemmas of the label
    names: frozenset  # its proper-noun words, lowercased, no plural "s", no direction words
    namer: str  # as written: "the Tokyo government", "Japan"
    who: str  # a nation ("Japanese") or the namer's head lemma ("critic")
    sentence: tuple[int, int]  # character span of the sentence holding the statement
    cue: tuple[int, int]  # namer, verb and label: 'the Tokyo government calls "the northern territories'
    proper_head: bool = False  # headed by a proper noun ("Southern Kurils"; not "Akin plank")
    thing: int = -1  # character offset of the thing so named ("islands" of "the four southern islands that ...")


def _span_tokens(tok) -> list:
    """The label's words: the token with its left modifiers, no determiners, quotes or punctuation."""
    toks = sorted([t for t in tok.subtree if t.i <= tok.i and not t.is_punct], key=lambda t: t.i)
    # only the contiguous stretch ending at the token ("the four southern islands")
    run = []
    for t in reversed(toks):
        if run and t.i != run[-1].i - 1 and not tok.doc[t.i + 1].is_punct:
            break
        run.append(t)
    run.reverse()
    while run and (run[0].pos_ in {"DET", "ADP", "CCONJ", "PRON"} or run[0].dep_ == "poss"):
        run = run[1:]
    return run


def _name_words(toks) -> frozenset:
    return frozenset(w for t in toks if t.pos_ == "PROPN"
                     and (w := t.lower_.removesuffix("s")) not in DIRECTIONS and not nation_of(t.text))


def _namer(tok) -> tuple[str, str] | None:
    """(as written, who): 'the Tokyo government' -> ('the Tokyo government', 'Japanese'). A person calling a thing
    something ("Lavrov called the talks ...") is a voice characterising it, the quotes' business, not a name."""
    if tok.pos_ == "PRON" or tok.ent_type_ == "PERSON":
        return None
    sub = list(tok.subtree)
    left = [t for t in sub if t.i <= tok.i]  # "Officials" of "Officials with the Democratic National Committee"
    written = tok.doc[left[0].i:tok.i + 1].text  # Doc.text would join the whole article on every call
    for t in sub:
        if (n := nation_of(t.text)):
            return written, n
    return written, tok.lemma_.lower()


def _namers_of(verb) -> list:
    """The namer tokens of a naming verb: its subject, "by Z"; for "known as", "in Z" / "among Z" (a place or
    people) of its own clause ("the archipelago in Russia is known as A, in Japan is known as B")."""
    by = [p for c in verb.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"
          for p in c.children if p.dep_ == "pobj"]
    # "the archipelago, called the Kuril chain by Moscow" (parsed at times as an active "archipelago called");
    # a participle without "have" is passive: its subject is the thing named ("savings, referred to as cuts")
    passive = verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    out = by or ([] if passive else [c for c in verb.children if c.dep_ == "nsubj"])
    if verb.lemma_ == "know" and not out:
        sent = verb.sent
        labels = [t.i for t in sent if t.head.lower_ == "as" and t.dep_ == "pobj"]
        mine = min((i for i in labels if i > verb.i), default=sent.end)
        start = max((i for i in labels if i < verb.i), default=sent.start)
        places = [t for t in sent if t.dep_ == "pobj" and t.head.lower_ in {"in", "among"} and start < t.i < mine
                  and (t.ent_type_ in {"GPE", "NORP"} or nation_of(t.text))]
        out += sorted(places, key=lambda t: abs(t.i - verb.i))[:1]
    return out


def _has_relative_object(verb) -> bool:
    v = verb
    while True:
        if any(c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in RELATIVE for c in v.children):
            return True
        if v.dep_ in {"acl", "relcl"} and v.tag_ == "VBN":
            return True  # "the islands, called the Northern Territories by Japan"
        if v.dep_ != "conj" or v.head.i == v.i:
            return False
        v = v.head  # "which Russia calls A and Japan calls B": B's verb is a conjunct of A's


def _labels_of(verb) -> list:
    kids = list(verb.children)
    if verb.lemma_ in AS_VERBS:
        return [p for c in kids if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    out = [c for c in kids if c.dep_ in {"oprd", "attr"}]
    objects = [c for c in kids if c.dep_ == "dobj" and c.lower_ not in RELATIVE]
    if _has_relative_object(verb) or any(c.dep_ == "prep" and c.lower_ == "by" for c in kids):
        out += objects  # "which Russia calls the Southern Kurils"
    else:  # "Japan calls the islands the Northern Territories": the name is the second object (not a person's)
        out += [a for o in objects if o.ent_type_ != "PERSON" for a in o.children if a.dep_ == "appos"]
    return [t for t in out if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "PERSON"]


def statements(ctx: Context, side: str) -> list[Statement]:
    doc, text = ctx.doc(side), ctx.article(side).text
    # token index -> its "for" prepositions, in order: found in one pass, not by walking every noun's children
    fors: dict[int, list] = {}
    for t in doc:
        if t.lower_ == "for" and t.dep_ == "prep":
            fors.setdefault(t.head.i, []).append(t)
    out = []
    for tok in doc:
        found = []  # (label token, namer token, cue start token)
        if tok.pos_ == "VERB" and tok.lemma_ in NAMING_VERBS | AS_VERBS:
            if tok.lemma_ == "refer" and not any(c.lower_ == "to" for c in tok.children):
                continue
            namers = _namers_of(tok)
            for lab in _labels_of(tok):
                if lab.i < tok.i or not namers:
                    continue
                if any(t.lower_ in {"a", "an"} for t in lab.children if t.dep_ == "det"):
                    continue  # "called the move a threat", "referred to him as a jackass": characterisations
                found += [(lab, n, min(n.left_edge.i, tok.i), _thing(tok)) for n in namers]
        elif tok.pos_ in {"NOUN", "PROPN"}:  # "(the northern territories for Japan, precisely)"
            for prep in fors.get(tok.i, ()):
                for p in prep.children:
                    if p.dep_ == "pobj" and nation_of(p.text) and _in_parentheses(doc, tok.i):
                        found.append((tok, p, tok.left_edge.i, None))
        for lab, namer_tok, cue_start, thing in found:
            toks = _span_tokens(lab)
            namer = _namer(namer_tok)
            if not toks or namer is None or nation_of(" ".join(t.text for t in toks)):
                continue
            key = frozenset(t.lemma_.lower() for t in toks if not t.is_stop and t.is_alpha)
            if not key:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            sent = lab.sent
            last = max(e, namer_tok.idx + len(namer_tok.text))
            out.append(Statement(side, s, e, text[s:e], key, _name_words(toks), *namer,
                                 (sent.start_char, sent.end_char), (doc[cue_start].idx, last), lab.pos_ == "PROPN",
                                 thing.idx if thing is not None else -1))
    return out


def _thing(verb):
    """The noun a naming verb names: the antecedent of its relative object ("the four southern islands that the
    Tokyo government calls ...", "Four islands – which Russia calls ..."), or the noun a participle modifies
    ("the islands, called ... by Japan"); None when the parse does not say."""
    v = verb
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    rel = next((c for c in v.children if c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in RELATIVE), None)
    if rel is not None:
        k = rel.i - 1
        while k >= 0 and v.doc[k].is_punct:
            k -= 1
        return v.doc[k] if k >= 0 and v.doc[k].pos_ in {"NOUN", "PROPN"} else None
    return v.head if v.dep_ in {"acl", "relcl"} and v.head.pos_ in {"NOUN", "PROPN"} else None


def _in_parentheses(doc, i: int) -> bool:
    sent = doc[i].sent
    before = [t.text for t in doc[sent.start:i]]
    opened = max((k for k, w in enumerate(before) if w == "("), default=-1)
    return opened >= 0 and ")" not in before[opened:] and any(t.text == ")" for t in doc[i:sent.end])


class OwnLabels:
    """An article's labels in its own words (not a naming statement's label, not inside a quotation), in reading
    order, indexed by singular content word and by name: each look-up reads only the labels that can answer it."""

    def __init__(self, ctx: Context, side: str, stmts: list[Statement], labs: list[Label]):
        quoted = [(q.start, q.end) for q in ctx.cmp.quotes if q.article == side and q.kind in {"direct", "partial"}]
        inside = SpanIndex([(st.start, st.end) for st in stmts] + quoted)
        self.labels = [x for x in labs if not inside.overlaps(x.start, x.end)]
        self.starts = [x.start for x in self.labels]
        self.by_word: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        for k, x in enumerate(self.labels):
            for w in {singular(w) for w in x.key}:
                self.by_word.setdefault(w, []).append(k)
            for w in x.names - DIRECTIONS:
                self.by_name.setdefault(w, []).append(k)

    def same_name(self, st: Statement) -> list[Label]:
        """The labels that are the statement's name or a wording of it (`_same_name`)."""
        theirs = {singular(w) for w in st.key}
        if not theirs:
            return [x for x in self.labels if _same_name(x, st)]
        rarest = min(theirs, key=lambda w: len(self.by_word.get(w, ())))  # a label holding all of theirs holds it
        found = set(self.by_word.get(rarest, ()))
        if st.proper_head:
            found.update(k for w in st.names for k in self.by_name.get(w, ()))
        return [self.labels[k] for k in sorted(found) if _same_name(self.labels[k], st)]

    def between(self, start: int, end: int) -> list[Label]:
        """The labels starting within [start, end)."""
        return self.labels[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def proper_named(self, names: set[str]) -> list[Label]:
        """The proper-noun-headed labels holding one of `names` (no direction words among them)."""
        found = {k for w in names for k in self.by_name.get(w, ())}
        return [self.labels[k] for k in sorted(found) if self.labels[k].proper]


def _same_name(x: Label, st: Statement) -> bool:
    """The label is the statement's name, or a wording of a proper name ("Kuril Islands" for "Southern Kurils";
    "Akin" is no wording of "the Akin plank")."""
    names = frozenset(w for w in x.names if w not in DIRECTIONS)
    mine, theirs = {singular(w) for w in x.key}, {singular(w) for w in st.key}
    return theirs <= mine and len(mine) <= len(theirs) + 1 or st.proper_head and bool(names & st.names)


def _possessive(namer: str) -> str:
    return namer + ("'" if namer.endswith("s") else "'s")


def _who(st: Statement) -> str:
    return f"the {st.who} name" if st.who[:1].isupper() else f"{st.namer}'s name"


def statement_flags(ctx: Context, labs: dict[str, list[Label]], found: list[Flag] = ()) -> list[Flag]:
    """Flags from the naming statements of both articles, and the flags of the embedding rule (`found`) read
    again in their light: two wordings of the name both outlets attribute to one side ("four northern islands"
    / "northern territories", each the Japanese name) is one name worded two ways; a wording flag whose one side
    is only a name a statement flag already reports ("Southern Kurils" / "Kuril Islands") goes."""
    stmts = {s: statements(ctx, s) for s in ("a", "b")}
    own = {s: OwnLabels(ctx, s, stmts[s], labs[s]) for s in ("a", "b")}
    out = []
    for side in ("a", "b"):
        other = ctx.other(side)
        attributed_there = {st.who for st in stmts[other]}
        by_sentence: dict[tuple[int, int], list[Statement]] = {}
        for st in stmts[side]:
            by_sentence.setdefault(st.sentence, []).append(st)
        done: set[str] = set()  # a namer is one flag per pair ("(the northern territories for Japan)" again)
        for group in by_sentence.values():
            if (f := _flag(ctx, side, group, own, attributed_there, done, stmts[side])) is not None:
                out.append(f)
    told = {s: {d["label"] for f in out if f.detail["side"] == s for d in f.detail["statements"]} for s in ("a", "b")}
    reported = {s: [st for st in stmts[s] if st.text in told[s]] for s in ("a", "b")}
    kept = []
    for f in found:
        held = {s: _held_by(getattr(f, s), stmts[s]) for s in ("a", "b")}
        if all(held[s] for s in ("a", "b")) and len({st.who for s in ("a", "b") for st in held[s]}) == 1:
            who = _who(held["a"][0])
            f.summary = (f"Both give {who}, worded differently: {ctx.name('a')} “{held['a'][0].text}”; "
                         f"{ctx.name('b')} “{held['b'][0].text}”.")
            f.severity = VARIANT_SEVERITY
            f.detail = {**f.detail, "variant": True, "attributed_to": held["a"][0].who}
        elif f.detail.get("variant") and any(_held_by(getattr(f, s), reported[s]) for s in ("a", "b")):
            continue
        if not _names_the_thing(ctx, f, out, stmts):
            kept.append(f)
    return kept + out


def _names_the_thing(ctx: Context, f: Flag, out: list[Flag], stmts: dict) -> bool:
    """A wording flag whose one side is only the thing a statement flag's names name (001/004: "four northern
    islands" / "four southern islands", where 004's are what "the Tokyo government calls the northern
    territories") is the same difference: it joins that statement flag, not listed twice under two names."""
    for g in out:
        s = g.detail["side"]
        given = {d["label"] for d in g.detail["statements"]}
        things = [st.thing for st in stmts[s] if st.text in given and st.thing >= 0]
        spans = getattr(f, s)
        if spans and all(any(sp.start <= t < sp.end for t in things) for sp in spans):
            o = ctx.other(s)
            g.summary = (f"{g.summary[:-1]}, for what it calls {', '.join(f.detail[s])} "
                         f"({ctx.name(o)}: {', '.join(f.detail[o])}).")
            for side in ("a", "b"):
                have = {(x.start, x.end) for x in getattr(g, side)}
                getattr(g, side).extend(x for x in getattr(f, side) if (x.start, x.end) not in have)
            g.severity = max(g.severity, f.severity)
            g.detail["thing"] = {"a": f.detail["a"], "b": f.detail["b"]}
            return True
    return False


def _held_by(spans, stmts: list[Statement]) -> list[Statement]:
    """The statements whose labels hold every one of the spans (none when one span is outside them all)."""
    out = []
    for sp in spans:
        st = next((st for st in stmts if st.start <= sp.start and sp.end <= st.end), None)
        if st is None:
            return []
        out.append(st)
    return out


def _flag(ctx, side: str, group: list[Statement], own, attributed_there: set, done: set,
          ctx_statements: list[Statement]) -> Flag | None:
    """One naming statement (a sentence's names by namer) of `side` against the other article."""
    other = ctx.other(side)
    adopted, absent = [], []  # (statement, the other's labels)
    for st in group:
        if st.who in attributed_there or st.who in done:
            continue  # both attribute this side's name (their wordings are the embedding rule's business)
        theirs = own[other].same_name(st)
        mine = own[side].same_name(st)
        if theirs and not mine:
            adopted.append((st, theirs))  # the other says as its own what this one attributes
        elif not theirs:
            absent.append(st)
    if not adopted and not absent:
        return None
    # what the other article calls the thing: its own labels sharing a name with the statement's sentence
    # (another side's name there, the outlet's own word: "Kuril archipelago" next to "the northern territories")
    near = {w for x in own[side].between(*group[0].sentence)
            for w in x.names if w not in DIRECTIONS and not nation_of(w)}
    near |= {w for st in group for w in st.names}
    near -= {w for st in absent for w in st.names}
    their_name = own[other].proper_named(near)
    if their_name and ctx.embed is not None:  # and close in meaning to a name given: "Hope College" is no "amnesty"
        vec = np.asarray(ctx.embed([st.text for st in group] + [x.text for x in their_name]))
        close = (vec[len(group):] @ vec[:len(group)].T).max(axis=1)
        their_name = [x for x, c in zip(their_name, close) if c >= CLOSE_AT]
    if absent and not adopted and not their_name:
        return None  # the other article never names the thing: an omission, not a naming difference
    for st, _ in adopted:
        done.add(st.who)
    for st in absent:
        done.add(st.who)
    A, B = ctx.name(side), ctx.name(other)
    given = [st for st in group if st.who not in attributed_there]
    if adopted:
        theirs = " and ".join(f"says {_names(xs)} in its own words" for st, xs in adopted)
        if absent:
            theirs += " and never gives " + " or ".join(_who(st) for st in absent)
        mine = " and ".join(f"“{st.text}” as {_possessive(st.namer)} name" for st in given)
        summary = f"{B} {theirs}; {A} gives {mine}."
    else:
        summary = (f"{B} calls it {_names(their_name)}; {A} also gives "
                   + " and ".join(f"{_who(st)}, “{st.text}”" for st in absent) + ".")
    whose = {st.who for st in given}
    ev_side = [ctx.article(side).span(*st.cue) for st in ctx_statements if st.who in whose][:MAX_SPANS]
    ev_other = [x for _, xs in adopted for x in xs] or their_name
    seen, spans_other = set(), []
    for x in ev_other:
        if (x.start, x.end) not in seen:
            seen.add((x.start, x.end))
            spans_other.append(ctx.article(other).span(x.start, x.end))
    sev = ADOPTED_SEVERITY if adopted else ONE_NAME_SEVERITY
    detail = {"statements": [{"namer": st.namer, "who": st.who, "label": st.text} for st in given],
              "adopted": [st.text for st, _ in adopted], "not_given": [st.text for st in absent], "side": side}
    a_spans, b_spans = (ev_side, spans_other[:MAX_SPANS]) if side == "a" else (spans_other[:MAX_SPANS], ev_side)
    return Flag("naming", summary, sev, a_spans, b_spans, None, detail)


def _names(xs: list[Label]) -> str:
    counts = Counter(x.key for x in xs)
    first: dict[frozenset, str] = {}
    for x in xs:
        first.setdefault(x.key, x.text)
    return ", ".join(f"“{first[k]}”" for k, _ in counts.most_common(2))


def naming_flags(ctx: Context) -> list[Flag]:
    """The embedding rule's flags read with the articles' own naming statements ("which Russia calls ...")."""
    labs = {s: labels(ctx, s) for s in ("a", "b")}
    return statement_flags(ctx, labs, embedding_flags(ctx, labs["a"], labs["b"]))
