"""Numbers that disagree: the same kind of quantity given different values for the same subject.

A quantity is a number with its unit (the noun it counts or the word after it:
"70 years", "60-year-old", "4.2 billion"). Two passages disagree when they give
the same unit different values. Passages are compared within matched groups and
with their nearest passages on the other side (embedding cosine), since the
alignment may leave one of the two unmatched; a nearby pair must also share a
noun besides the unit ("dispute"), so "three years" of one story is not set
against "60 years" of another.

The two numbers must also count the same thing in the same event: the words around each counted noun
(the words it hangs from, up to three steps up, the words that describe it, and the content words within
WINDOW words of it in its sentence) must share a content word besides the unit, so "killed 3 people" is not set against "two people briefed on the matter". A
number inside a quotation is set only against a number inside a quotation: a speaker's figure is not the
outlet's narration. Nor do two figures disagree when either passage also gives the other's figure (to its
rounding): "a federal tax rate of 35.72, a combined rate of 45.8 percent" against "35.7 percent ... 45.8 percent"
tells both figures twice, whatever unit word each one's parse found. Nor when the two passages name different
years ("from 2007 through 2014 ... 31.55 percent" / "for 2014 was 35.7 percent"): two periods, two figures.

Two figures disagree only when both cannot be true as written: "over $10,000" allows "$10,977.74", "nearly 30"
allows 28, and the finer of two plain figures rounded or cut to the coarser one's last digit must give it ("$43
million" / "$43,885,310", "$43,000" / "$43,350" agree; "1.5 million" / "1.6 million" do not). Nor when the other
article gives, anywhere, an agreeing figure of the same unit counting as nearly the same thing. A sum of money
("$5,587.75") counts what it paid for or is of (`_paid_for`: "vacation at the Martha's Vineyard Holistic Retreat"),
not the words around it, since a story about money lists many sums side by side.

What the two counted things share must be more than a name ("the Clintons earned ... over the eight year span" /
"the Clintons have grown better off in the 15 years since they left the White House": two periods of one couple), and
a figure is about whoever is the named subject of the first verb above it: "Jeb Bush released 33 years of returns" is
not set against "Hillary Rodham Clinton ... released her most recent eight years of tax returns".
"""
from __future__ import annotations

import math
import re

import numpy as np

from ..comparison import Flag
from . import wordscore
from .context import Context

NEAR_AT = 0.4  # cosine for two passages to be on the same subject (with a shared noun besides the unit)
BLOCK = 512  # passages with a quantity compared at once
# nouns too general to make two passages one subject ("the Japanese side" / "the two sides")
VAGUE = {"side", "country", "time", "way", "thing", "part", "people", "issue", "today", "day", "year"}
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
            "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_QUALIFIERS = {"over", "about", "some", "nearly", "almost", "around", "roughly", "approximately", "under", "only"}
_QUALIFIERS2 = {("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("up", "to")}
# a sign before a figure gives its unit
_CURRENCY = {"$": "dollar", "US$": "dollar", "£": "pound", "€": "euro", "¥": "yen"}
# what a qualifier lets the true value be, as (low, high) factors of the figure: "over $10,000" is any sum above it
# ("up to 1.6 million women" is the outlet's count, not a range: it stays a plain figure)
_ABOVE, _BELOW, _NEAR = (1.0, float("inf")), (0.0, 1.0), (0.85, 1.15)
_RANGE = {"over": _ABOVE, "more than": _ABOVE, "at least": _ABOVE, "under": _BELOW, "less than": _BELOW,
          "fewer than": _BELOW, "nearly": (0.85, 1.0), "almost": (0.85, 1.0), "about": _NEAR,
          "some": _NEAR, "around": _NEAR, "roughly": _NEAR, "approximately": _NEAR}


ANCESTORS = 3  # steps up from the counted noun whose words say what is counted
WINDOW = 6  # words either side of the counted noun, in its sentence, that say what is counted
LIGHT = {"say", "tell", "report", "accord", "be", "have", "do", "include", "more", "less", "than", "about", "least",
         "old", "some", "up", "to"}


def anchors(tok) -> frozenset[str]:
    """What a counted noun counts: content lemmas of the words it hangs from (ANCESTORS content words up, through
    prepositions, with the subjects and objects of those that are verbs), of the words describing it and of the content words within WINDOW words of it, without the
    noun itself and light words ("killed 3 people" -> {"kill", ...})."""
    out, t, found = set(), tok, 0
    for _ in range(3 * ANCESTORS):
        if t.head.i == t.i or found == ANCESTORS:
            break
        t = t.head
        if t.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"}:
            out.add(t.lemma_.lower())
            found += 1
        if t.pos_ == "VERB":  # and what it acts on: "block a lawsuit ... on behalf of 1.6 million women"
            out |= {c.lemma_.lower() for c in t.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i != tok.i}
    out |= {c.lemma_.lower() for c in tok.children if c.dep_ in {"acl", "relcl", "amod", "compound", "prep", "nmod"}}
    out |= {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" for g in c.children}
    sent = tok.sent
    out |= {t.lemma_.lower() for t in tok.doc[max(sent.start, tok.i - WINDOW):min(sent.end, tok.i + WINDOW + 1)]
            if t.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"} and not t.like_num}
    stop = tok.doc.vocab  # spaCy's stop list, by lemma
    return frozenset(w for w in out if w.isalpha() and w not in LIGHT and w != tok.lemma_.lower()
                     and w not in VAGUE and w not in _SCALE and len(w) > 2 and not stop[w].is_stop)


def actor(tok) -> str:
    """Whom a counted noun is about: the named subject of the first verb above it (or the name set beside that subject),
    as a lowercased lemma without a plural s ("Jeb Bush released 33 years of returns" -> "bush"); "" when that subject
    is no name."""
    t = tok
    while t.head.i != t.i:  # spaCy makes a new Token for each .head: the root's head is itself, though not `is` it
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.pos_ != "PROPN":  # "her rival, Governor Tom Hale, released"
                subj = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subj)
            named = subj is not None and subj.i != tok.i and subj.pos_ == "PROPN"
            return subj.lemma_.lower().removesuffix("s") if named else ""
    return ""


def quantities(doc, start: int, end: int) -> list[tuple[str, float, int, int, frozenset, str]]:
    """(unit, value, start, end, anchors, actor) of the quantities inside [start, end); calendar years and dates are
    left out."""
    span = doc.char_span(start, end, alignment_mode="expand")
    out = []
    if span is None:
        return out
    toks = list(span)
    for k, t in enumerate(toks):
        if not t.like_num or t.ent_type_ in {"DATE", "TIME", "CARDINAL"} and _YEAR.fullmatch(t.text):
            continue
        if t.ent_type_ in {"DATE", "TIME"} and not _duration(toks, k):
            continue
        value = _value(t.text)
        if value is None or (k and toks[k - 1].lower_ in _SCALE):
            continue
        sign = _CURRENCY.get(toks[k - 1].text) if k else None
        j, end_tok = k + 1, t
        while j < len(toks) and (toks[j].lower_ in _SCALE or toks[j].text in "-–"):
            if toks[j].lower_ in _SCALE:
                value *= _SCALE[toks[j].lower_]
            end_tok = toks[j]
            j += 1
        if end_tok.i == t.i:  # "$19 and $22 million", "2 to 3 billion": the scale of the second figure is the first's too
            k2 = j + 1 + (j + 1 < len(toks) and toks[j + 1].text in _CURRENCY)
            if j < len(toks) and toks[j].lower_ in {"and", "to", "or"} and k2 + 1 < len(toks) \
                    and toks[k2].like_num and toks[k2 + 1].lower_ in _SCALE:
                value *= _SCALE[toks[k2 + 1].lower_]
        if j + 1 < len(toks) and toks[j + 1].lower_ == "ago":
            continue  # "6 years ago" is a point in time, like a date
        if sign:  # "$5,587.75 on ...": what a sum counts is what it paid for, not the words around it
            unit, counted = sign, toks[j - 1]
        elif j < len(toks) and (toks[j].pos_ in {"NOUN", "PROPN"} and toks[j].is_alpha or toks[j].text == "%"):
            unit = toks[j].lemma_.lower()
            end_tok = counted = toks[j]
        else:
            continue
        if j + 2 < len(toks) and toks[j + 1].text in "-–" and toks[j + 2].lower_ == "old":
            end_tok = toks[j + 2]  # the evidence reads "60-year-old", as the outlet wrote it
            counted = toks[j + 2]
        first = _qualified(toks, k - 1 if sign else k)
        found = _paid_for(counted) if sign else anchors(counted) | (anchors(t) if counted.text == "%" else frozenset())
        out.append((unit, value, first.idx, end_tok.idx + len(end_tok.text), found, actor(counted)))
    return out


def _paid_for(tok) -> frozenset[str]:
    """What a sum is of or paid for: the noun it describes ("a $43,350 ... Rolex watch"), the objects of the
    prepositions on it or that noun ("$10,000 at Best Buy", "a $5,587.75 vacation at the ... Retreat"), else of the
    preposition right after it on its verb ("spent $5,150 on fur capes"), with their compounds and adjectives."""
    def words(noun):
        return {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children
                                        if c.dep_ in {"compound", "amod", "poss"}}

    def objects(t):
        return {w for p in t.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj" for w in words(o)}

    out = objects(tok)
    if tok.dep_ in {"nummod", "compound", "amod"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        out |= words(tok.head) | objects(tok.head)
    if not out and tok.dep_ in {"dobj", "conj"}:
        verb = tok.head
        out = {w for p in verb.children if p.dep_ == "prep" and 0 < p.i - tok.i <= 2
               for o in p.children if o.dep_ == "pobj" for w in words(o)}
    return frozenset(w for w in out if w.isalpha() and w not in _SCALE and w not in VAGUE and len(w) > 2)


def _qualified(toks, k: int):
    """The first word of a number with its qualifier ("more than 70", "some 4.2", "nearly 30", "over $10,000"): a
    fact-checker reads "more than 70 years" against "60-year-old", not "70 years"."""
    if k >= 2 and (toks[k - 2].lower_, toks[k - 1].lower_) in _QUALIFIERS2:
        return toks[k - 2]
    if k >= 1 and toks[k - 1].lower_ in _QUALIFIERS:
        return toks[k - 1]
    return toks[k]


_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _reading(evidence: str, value: float) -> tuple[float, float, float]:
    """What a quantity as written allows: (low, high, step). A qualifier gives a range ("more than 70 years": 70 and
    above; "nearly $10 million": a little under 10 million); a plain figure is exact to its last written digit
    (step: "43 million" counts in millions, "5,587.75" in cents)."""
    words = evidence.lower().lstrip("$£€¥").split()
    for n in (2, 1):
        if len(words) > n and " ".join(words[:n]) in _RANGE:
            lo, hi = _RANGE[" ".join(words[:n])]
            return value * lo, value * hi, 0.0
    written = _figures(evidence)
    x, half = written[0] if written else (value, 0.5)
    step = 2 * half * value / x if x else 1.0
    if x >= 1000 and x == int(x):  # "$43,000": a sum in round thousands is rounded to them
        zeros = len(str(int(x))) - len(str(int(x)).rstrip("0"))
        step *= 10 ** zeros if zeros >= 3 else 1
    return value, value, step


def _agree(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Can both readings be true? Ranges must meet; of two plain figures, the finer one rounded or cut to the
    coarser one's last digit must give it ("$43 million" and "$43,885,310" agree, "1.5 million" and "1.6 million" do
    not)."""
    (alo, ahi, astep), (blo, bhi, bstep) = a, b
    if astep and bstep:
        coarse, fine, step = (a, b, astep) if astep >= bstep else (b, a, bstep)
        return any(abs(f(fine[0] / step) * step - coarse[0]) < 1e-6 * step for f in (round, math.floor))
    alo, ahi = (alo - astep / 2, ahi + astep / 2) if astep else (alo, ahi)
    blo, bhi = (blo - bstep / 2, bhi + bstep / 2) if bstep else (blo, bhi)
    return alo <= bhi and blo <= ahi


def _figures(text: str) -> list[tuple[float, float]]:
    """Each figure written in the text, with half its last written digit (the rounding it allows)."""
    out = []
    for m in _FIGURE.finditer(text):
        digits = m.group(0).replace(",", "")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        out.append((float(digits), 0.5 * 10 ** -decimals))
    return out


def _gives(figures: list[tuple[float, float]], text: str) -> bool:
    """Does the text give one of these figures (either one rounded to the other's precision)?"""
    return any(abs(x - y) <= max(ex, ey) + 1e-9 for x, ex in figures for y, ey in _figures(text))


def _years(text: str) -> frozenset[str]:
    return frozenset(m.group(0) for m in _YEAR.finditer(text))


def _nouns(doc, unit) -> tuple[set[str], set[str]]:
    """The passage's common nouns and its names, as lemmas."""
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    words = [t for t in span if not t.is_stop] if span is not None else []
    return ({t.lemma_.lower() for t in words if t.pos_ == "NOUN"},
            {t.lemma_.lower() for t in words if t.pos_ == "PROPN"})


def _duration(toks, k: int) -> bool:
    """'70 years', '60-year-old': a span of time, not a calendar date."""
    nxt = [x.lower_ for x in toks[k + 1:k + 3]]
    return any(w.startswith(("year", "decade", "month", "week", "day", "hour")) for w in nxt)


def _value(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t in _WORDNUM:
        return float(_WORDNUM[t])
    try:
        return float(t)
    except ValueError:
        return None


def _told(quantities_: list, text: str, unit: str, reading, why: frozenset, shared: int) -> bool:
    """Does an article give, anywhere, a figure that agrees with this reading and counts at least as nearly the
    same thing ("$43 million in federal taxes" beside its "$13.6 million in state taxes")?"""
    return any(u == unit and len(why & w) >= shared and _agree(reading, _reading(text[s:e], v))
               for u, v, s, e, w, _ in quantities_)


def _as_written(doc, unit, lemmas: frozenset[str]) -> str:
    """The shared words as the passage writes them, in its order ("Vineyard, Holistic, Retreat")."""
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    words = [t.text for t in span if t.lemma_.lower() in lemmas] if span is not None else []
    return ", ".join(dict.fromkeys(words)) or ", ".join(sorted(lemmas))


def number_flags(ctx: Context) -> list[Flag]:
    A, B = ctx.article("a"), ctx.article("b")
    qa = {u.id: quantities(ctx.doc("a"), u.start, u.end) for u in A.units}
    qb = {u.id: quantities(ctx.doc("b"), u.start, u.end) for u in B.units}
    pairs = {(ua, ub): "matched" for g in ctx.cmp.alignment for ua in g.a for ub in g.b}
    ia = [i for i, u in enumerate(A.units) if qa[u.id]]  # only passages holding a quantity are compared
    ib = [j for j, u in enumerate(B.units) if qb[u.id]]
    na = {A.units[i].id: _nouns(ctx.doc("a"), A.units[i]) for i in ia}
    nb = {B.units[j].id: _nouns(ctx.doc("b"), B.units[j]) for j in ib}
    if ia and ib:
        va, vb = ctx.vectors("a")[ia], ctx.vectors("b")[ib]
        for r0 in range(0, len(ia), BLOCK):  # row blocks: no passages x passages matrix held
            sims = va[r0:r0 + BLOCK] @ vb.T
            for r, c in zip(*np.nonzero(sims >= NEAR_AT)):
                ua, ub = A.units[ia[r0 + r]].id, B.units[ib[c]].id
                units = {q[0] for q in qa[ua]}
                if (na[ua][0] & nb[ub][0]) - units - VAGUE:
                    pairs.setdefault((ua, ub), f"nearby (cosine {sims[r, c]:.2f})")
                elif na[ua][1] & nb[ub][1]:  # "at Martha's Vineyard Holistic Retreat" / "on Martha's Vineyard ..."
                    pairs.setdefault((ua, ub), f"nearby by name (cosine {sims[r, c]:.2f})")
    flags, seen = [], set()
    quoted = {s: wordscore.quoted_mask(ctx.article(s).text) for s in ("a", "b")}
    every = {"a": [q for qs in qa.values() for q in qs], "b": [q for qs in qb.values() for q in qs]}
    subject = ctx.subject_words()
    for (ua, ub), how in pairs.items():
        if not (qa[ua] and qb[ub]):
            continue
        names = na[ua][1] | nb[ub][1]
        for unit, va, sa, ea, why, who in qa[ua]:
            # the same counted thing of the same actor in the same event, sharing more than a name, and a speaker's
            # figure only against a speaker's figure. Passages the alignment left apart that share only names, or
            # sums in them, must count more than the story's own subject ("marijuana"; "$716 billion from Medicare" /
            # "$882 billion in Medicare cuts")
            loose = how.startswith("nearby by name") or how != "matched" and unit in _CURRENCY.values()
            others = [(vb, sb, eb, why_b, why & why_b) for ub_unit, vb, sb, eb, why_b, who_b in qb[ub]
                      if ub_unit == unit and ((why & why_b) - subject if loose else (why & why_b) - names)
                      and not (who and who_b and who != who_b) and quoted["a"][sa] == quoted["b"][sb]]
            if not others or (sa, unit) in seen:
                continue
            ra = _reading(A.text[sa:ea], va)
            vb, sb, eb, why_b, shared = max(others, key=lambda o: len(o[4]))  # counting most nearly the same thing
            if any(_agree(ra, _reading(B.text[s:e], v)) for v, s, e, _, _ in others) or \
                    _told(every["b"], B.text, unit, ra, why, len(shared)) or \
                    _told(every["a"], A.text, unit, _reading(B.text[sb:eb], vb), why_b, len(shared)):
                continue  # "over $10,000" and "$10,977.74" agree; or the other gives an agreeing figure elsewhere
            if _gives(_figures(A.text[sa:ea]), B.unit(ub).text) or _gives(_figures(B.text[sb:eb]), A.unit(ua).text):
                continue  # the other passage gives this figure too: two figures, each told by both
            ya, yb = _years(A.unit(ua).text), _years(B.unit(ub).text)
            if ya and yb and ya != yb:
                continue  # two periods
            seen.add((sa, unit))
            sev = 0.85 if how == "matched" else 0.75  # a number conflict is among the few that matter
            where = "the matching passages" if how == "matched" else "passages on the same subject"
            about = _as_written(ctx.doc("a"), A.unit(ua), shared)
            summary = (f"Numbers disagree: {ctx.name('a')} says “{A.text[sa:ea]}” where {ctx.name('b')} says "
                       f"“{B.text[sb:eb]}” (in {where}, both about “{about}”).")
            g = ctx.group_of.get(("a", ua))
            flags.append(Flag("numbers", summary, sev, [A.span(sa, ea)], [B.span(sb, eb)],
                              g.id if g is not None and how == "matched" else None,
                              {"unit": unit, "a": va, "b": vb, "passages": how, "counts": sorted(shared)}))
    return flags
