"""Find the quotes of one article: who is quoted, through which verb, saying what.

One pass over the article's shared spaCy parse. A reporting verb (see
`verbs.py`) with a subject and a reported clause (ccomp), an infinitive, or a
quotation mark next to its clause makes an attribution; so does "according to X".
Quoted passages nobody is said to have said (titles, captions, scare quotes)
are not quotes, unless they continue the previous speaker's quote.
"""
from __future__ import annotations

import bisect

import re

from ..comparison import Article
from ..nlp import parse
from ..spans import SpanIndex
from .found import Found, paragraph, strip_edges
from .marks import OPENERS, STRAIGHT, Marked, quoted_spans
from .mentions import np_span, tokens_starting_in
from .passages import continuations, signed, standalone, transcript
from .verbs import (ASKING, CLAIM_NOUNS, NOUN_OBJECT, OFFICE, PARTICLE, PRONOUNS, SAY, TO_INFINITIVE,
                    WRITINGS, lemma_of)

_GLUE = re.compile(r"[\s,;:—–-]*")
_AFTER = re.compile(r"[\s,;:—–-]*(?:\.[ \t]*)?")  # a clause may end its sentence before the quote it introduces
_EDGE = " \t\n,;:.-—–"
OPENING = OPENERS + STRAIGHT + "'‘"
_PLACES = ("GPE", "ORG", "NORP", "LOC", "DATE", "FAC")
_SAME_SUBJECT = {"by", "after", "before", "while", "without", "upon", "in"}  # "accused X of saying": X says
DIRECT_SHARE = 0.85  # share of a reported clause's letters inside quotation marks that makes it a direct quote


def find_quotes(article: Article) -> list[Found]:
    """Every attribution in `article`, in text order."""
    text = article.text
    doc = parse(text)
    marks = _Marks(quoted_spans(text))
    sentences = _Sentences(article)
    found = []
    for tok in doc:
        f = _according_to(tok, text, marks) if tok.lower_ == "according" else _claim(tok, text, marks) \
            if tok.pos_ == "NOUN" and _noun_speaker(tok) is None else _reported(tok, text, marks, sentences)
        if f:
            found.append(f)
    body = body_start(article)
    found = [f for f in _one_claim(_drop_nested(found)) if f.verb_span[0] >= body  # a headline is no quote
             and not _named_work(f, text)]
    in_body = [m for m in marks if m.start >= body]
    found += continuations(found, in_body, text, doc)
    found += signed(found, in_body, text, doc)
    found += standalone(found, in_body, text, doc)
    found += transcript(found, text, doc, body)
    return sorted(found, key=lambda f: f.start)


def _named_work(f: Found, text: str) -> bool:
    """A quotation in title case right after its "verb" names a work, it quotes no one: the parser made a verb of
    the noun before it ("the Broadway show \"The Book of Mormon.\"", "the film \"Gone Girl\"")."""
    if f.kind != "direct" or f.start < f.verb_span[1] or text[f.verb_span[1]:f.start].strip(" \t\"“'‘"):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text[f.start:f.end])
    long = [w for w in words if len(w) >= 4]
    return 0 < len(words) <= 8 and len(long) >= 1 and all(w[0].isupper() for w in long) and words[0][0].isupper()


class _Sentences:
    """(start, end) of the sentence (the article's unit) holding an offset; the paragraph when not segmented."""

    def __init__(self, article: Article):
        self.text = article.text
        self.units = [(u.start, u.end) for u in article.units]
        self.starts = [u[0] for u in self.units]

    def at(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, i) - 1
        if k >= 0 and i < self.units[k][1]:
            return self.units[k]
        return paragraph(self.text, i)


def body_start(article: Article) -> int:
    """Offset after the title paragraph, and after the title again when the page repeats it as the first
    paragraph: a title in quotation marks is not a quote, and its capitals make no names."""
    title, text = article.title.strip(), article.text
    if not title or not text.startswith(title):
        return 0
    end = len(title)
    again = len(text) - len(text[end:].lstrip())
    return again + len(title) if text.startswith(title, again) else end


def _is_cue(v) -> bool:
    if (v.pos_ not in ("VERB", "AUX") and _noun_speaker(v) is None) or lemma_of(v) not in SAY | TO_INFINITIVE:
        return False
    need = PARTICLE.get(lemma_of(v))
    return (need is None or any(c.lower_ in need for c in v.children if c.dep_ in ("prt", "prep", "dobj"))
            or (lemma_of(v) == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in v.children)))


def _noun_speaker(v):
    """The name before a reporting verb the tagger took for a plural noun ("But Trump claims that he should be the
    exception": "claims" a noun, "Trump" its compound or its subject, the "that" clause hung on it), else None."""
    if v.pos_ != "NOUN" or v.tag_ != "NNS" or not v.lower_.endswith("s") or lemma_of(v) not in SAY \
            or not any(c.dep_ == "ccomp" for c in v.children) or any(c.dep_ in ("det", "poss") for c in v.children):
        return None
    names = [c for c in v.children if c.dep_ in ("compound", "nsubj") and c.pos_ == "PROPN" and c.i == v.i - 1]
    return names[0] if names else None


def _subject(v, quoted=lambda c: False):
    """The head word of whoever does the reporting, following conjuncts and participles up; never a word
    inside quotation marks the verb is not in (`quoted`: "said on Fox News's “Fox and Friends.”")."""
    if (named := _noun_speaker(v)) is not None:
        return named
    if lemma_of(v) in _RAISING and any(c.dep_ == "xcomp" and lemma_of(c) in SAY for c in v.children):
        # "“...,” Mr. Rubio is expected to say": the parser hangs the quotation on "expected"; whoever is expected
        # to say it says it
        return next((c for c in v.children if c.dep_ == "nsubjpass" and not quoted(c)), None)
    for climbed in range(3):
        # a translation's run-on ("China Institute of ..., director of ... Jiang Yuechun believes") can give a
        # verb two subjects: the person, else the one nearest the verb, is the speaker
        subjects = sorted((c for c in v.children if c.dep_ == "nsubj" and not quoted(c)),
                          key=lambda c: (c.ent_type_ != "PERSON", abs(v.i - c.i)))
        for c in subjects[:1] + [c for c in v.children if c.dep_ == "agent"]:
            if c.dep_ == "nsubj":
                if c.tag_ in ("WP", "WDT") and v.dep_ == "relcl":  # "an architect who said": the architect,
                    return None if climbed else v.head  # not for a participle the parser hung on that clause
                return c
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
            if v.dep_ == "advcl" and v.tag_ == "VBG" and _relative(v.head):
                return None  # "looping the streets around the stadium - where the Panthers played - while chanting":
            v = v.head  # the parser's guess; the chanting protesters are no subject of the relative clause
        elif v.dep_ == "pcomp" and v.head.lower_ in _SAME_SUBJECT and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head  # "Trump responded by saying ...", "she left after telling reporters ..."
        elif v.dep_ == "acl" and _issued(v.head) is not None:
            v = _issued(v.head)  # "The Heritage Foundation issued a report arguing that ...": the issuer argues
        elif v.dep_ == "pcomp" and v.head.lower_ == "as" and v.head.head.lemma_.lower() in _QUOTED_AS:
            # "Sen. Charles Schumer was quoted in The Hill as saying: ...": the one quoted says it
            return next((c for c in v.head.head.children if c.dep_ == "nsubjpass" and not quoted(c)), None)
        else:
            return None
    return None


_QUOTED_AS = {"quote", "cite", "report", "record"}  # "X was quoted as saying": X is the speaker
_RAISING = {"expect", "schedule", "set", "slate", "poise", "suppose"}  # "X is expected to say": X says


def _issued(noun):
    """The verb that issues or sends the writing `noun` is ("issued a statement saying", "sent an e-mail to RNC
    members saying": the parser may hang the participle on the addressee), else None."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
        if verb.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in WRITINGS for c in verb.children):
            return verb
        return None
    return noun.head if noun.dep_ == "dobj" and noun.lemma_.lower() in WRITINGS else None


def _relative(v) -> bool:
    """A relative clause ("which ...", "where the Panthers played"), however the parser hung it."""
    return v.dep_ == "relcl" or any(c.lower_ in ("where", "which", "who") and c.i < v.i for c in v.children)


def _name_after_quote(v, marks, text):
    """The person named right after a closing quote with only an apposition before the verb ("“...,” Flynn, a
    top Trump surrogate, said"), when the parser gave the verb no subject; else None."""
    k = bisect.bisect_right(marks.ends, v.idx) - 1 if isinstance(marks, _Marks) else -1
    if k < 0:
        return None
    after = _GLUE.match(text, marks[k].end).end()
    name = next((t for t in v.doc[max(0, v.i - 30):v.i] if t.idx >= after), None)
    if name is None or name.idx != after or name.ent_type_ != "PERSON":
        return None
    while name.i + 1 < v.i and name.nbor().ent_iob_ == "I":
        name = name.nbor()
    between = text[name.idx + len(name):v.idx]
    if not (between.startswith(",") and between.rstrip().endswith(",")) or len(between) > 80 \
            or any(c in between for c in "\n\"“”«»"):
        return None
    return name


def _mention(subj, v, text, content=None):
    """(token index, (start, end)) of the speaker: the name with its titles, or a named apposition."""
    head = subj
    if subj.lower_ in PRONOUNS and content is not None:
        named = _name_after(v, content)
        if named is not None:
            return named
    appos = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if not appos and subj.pos_ == "NOUN":
        # "the mayor of Hoboken, Dawn Zimmer, said": the parser hangs the name on the office's place
        appos = [c for p in subj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                 if o.dep_ == "pobj" for c in o.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if subj.pos_ != "PROPN" and appos:
        head = appos[0]
    else:
        person = _officer(subj)
        if person is not None:
            return person.i, np_span(subj, text)
    return head.i, np_span(subj, text, last=appos[0] if head is not subj else subj)


def _officer(subj):
    """The person a capitalised subject names through its own preposition's object, else None: the parser made the
    title or the body the subject. "then-Deputy Assistant Secretary for Diplomatic Security Charlene Lamb" is Lamb
    (capitalised office words between; "a spokeswoman for Hillary Clinton" is not Clinton), and "The National
    Organization for Women President Terry O'Neill" is O'Neill (a capitalised office title on the name)."""
    named = subj.right_edge
    if subj.ent_type_ == "PERSON" or named.ent_type_ != "PERSON" or named.dep_ != "pobj" \
            or named.head.head.i != subj.i:
        return None
    if subj.lemma_.lower() in OFFICE and subj.text[:1].isupper():
        office = [t for t in subj.doc[subj.i + 2:named.i] if t.ent_type_ != "PERSON" and t.text[:1].isupper()]
        return named if office else None
    if subj.ent_type_ == "ORG" and subj.pos_ == "PROPN" and any(
            c.dep_ == "compound" and c.lemma_.lower() in OFFICE and c.text[:1].isupper() for c in named.children):
        return named
    return None


def _name_after(v, content):
    """A name the translation put after the verb as the speaker's title's complement ("he said in his turn the
    head of the Japanese Foreign Ministry Taro Kono") or beside the verb; never a name with another part in the
    sentence: the addressee ("she told Harvey"), a subject or object of the reported words ("he said, replacing
    Clinton would be ..."), a name the sentence speaks of ("with a reference to Gen. David H. Petraeus")."""
    for k in v.doc[v.i + 1:min(v.i + 14, v.sent.end)]:
        if content[0] <= k.idx < content[1]:
            return None
        if k.pos_ == "PROPN" and k.ent_type_ not in _PLACES and (k.i + 1 == len(k.doc) or k.nbor().pos_ != "PROPN"):
            h = k.head if k.dep_ in ("compound", "flat") else k
            titled = h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in OFFICE
            if not (titled or (h.dep_ in ("appos", "npadvmod") and h.head.i == v.i)):
                continue
            first = k
            while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).ent_type_ not in _PLACES:
                first = first.nbor(-1)
            return k.i, (first.idx, k.idx + len(k))
    return None


def _reported(v, text, marks, sentences=None):
    if not _is_cue(v):
        return None
    verb_mark = _mark_at(marks, v.idx)
    subj = _subject(v, lambda c: _mark_at(marks, c.idx) not in (None, verb_mark))
    named = _name_after_quote(v, marks, text) if subj is None and verb_mark is None else None
    subj = subj if named is None else named
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in PRONOUNS and subj.tag_ not in ("WP", "WDT")) \
            or paragraph(text, subj.idx) != paragraph(text, v.idx):
        return None
    inside = _mark_at(marks, v.idx)
    if inside and _mark_at(marks, subj.idx) is inside:
        return None  # a speaker quoted inside someone else's quote
    if any(c.dep_ == "neg" and _mark_at(marks, c.idx) is verb_mark for c in v.children):
        return None  # "did not respond" reports no statement (a "not" inside the quote before it is the speaker's)
    if lemma_of(v) in ASKING and _passive(v):
        return None  # "said when asked whether he would accept the plea deal": the question put to him, not his words
    deps = ("ccomp", "xcomp") if lemma_of(v) in TO_INFINITIVE and _addressed(v) else ("ccomp",)
    comp = [c for c in v.children if c.dep_ in deps and not _before_colon(c, v)] or _misattached(v) \
        or _object(v, named=subj.pos_ == "PROPN")
    if len(comp) > 1 and comp[0].i < subj.i < v.i < comp[-1].i and not any(
            t.is_punct for t in v.doc[comp[0].right_edge.i + 1:subj.left_edge.i]):
        comp = [c for c in comp if c.i > v.i]  # "... for the talks to come Lavrov said he had invited ...": a full stop
        # missing before the speaker (scraped text), not one statement split around them
    other_cues = {t.i for c in v.children if c not in comp and _joined_cue(c) for t in c.subtree}
    content_toks = {t.i for c in comp for t in _said_words(c)}
    whole = {t.i for c in comp for t in c.subtree}
    host = _host(v) if not comp else None
    if host is not None:
        # "The museum, Mr. Obama said, would make visitors ...", "The economy, as Trump put it, is a disaster": the
        # sentence around the verb is what was said
        content_toks = {t.i for t in _said_words(host)} - {t.i for t in v.subtree}
    vs, ve = paragraph(text, v.idx)  # the parser may hang the next paragraph's words on the verb
    clause = [t for t in v.subtree if t.i not in whole | other_cues and not t.is_space
              and not _mark_at(marks, t.idx) and vs <= t.idx < ve]
    if named is not None:  # the clause runs from the name: "“...,” Flynn, a top Trump surrogate, said"
        clause = [t for t in v.doc[named.i:v.i] if not t.is_space] + [t for t in clause if t.i > v.i]
    if inside:  # verb inside the quote, speaker just before it: machine translation ("X "once again explain ...")
        if subj.i > v.i or subj.idx > inside.start or "\n" in text[subj.idx:inside.start]:
            return None  # a name on the line before ("― Stephanie Egan" signing the quote before) is not it
        pieces = [inside]
        content_toks = set()
    else:
        # reported speech ends with its sentence: the outlet's next sentence is narration, not more of it
        ps, pe = sentences.at(v.idx) if sentences is not None else paragraph(text, v.idx)
        content_toks = {i for i in content_toks if ps <= v.doc[i].idx < pe and not v.doc[i].is_space}
        unquoted = any(not _mark_at(marks, v.doc[i].idx) for i in content_toks)
        pieces = _adjacent(clause, marks, text, next_sentence=lambda m: not unquoted or not _has_own_verb(v.doc, m))
        if pieces and unquoted and all(_touches(text, m, v.doc, content_toks) for m in pieces):
            # "However laudable the goal, using the capital gains tax ''is a misguided approach,'' said Mr. Burman":
            # the quoted words end the reported clause, which is what was said
            pieces = sorted(set(_marks_holding(marks, [v.doc[i].idx for i in content_toks]) + pieces),
                            key=lambda m: m.start)
        elif pieces:
            content_toks = set()
        else:
            pieces = _marks_holding(marks, [v.doc[i].idx for i in content_toks])
    if not content_toks and not pieces:
        block = _after_colon(v, text) if not inside else None
        if block is None:
            return None
        starts, ends = [block[0]], [block[1]]
    else:
        starts = [m.start for m in pieces] + [v.doc[i].idx for i in content_toks]
        ends = [m.end for m in pieces] + [v.doc[i].idx + len(v.doc[i]) for i in content_toks]
    start, end = min(starts), max(ends)
    head, mention = _mention(subj, v, text, (start, end))
    verb_end = max([v.idx + len(v)] + [c.idx + len(c) for c in v.children if c.dep_ == "prt"])
    found = _make(text, start, end, pieces, clause, (v.idx, verb_end), head, mention)
    manner = next((c for c in subj.children if c.dep_ == "acl" and _is_cue(c)), None)
    if found and manner is not None:  # "Lavrov, commenting heavily on ..., recalled that"
        adverbs = [a.text for a in manner.children if a.dep_ == "advmod" and a.i == manner.i + 1]
        found.verb = f"{found.verb}, {' '.join([manner.text, *adverbs])}"
    return found


def _passive(v) -> bool:
    """ "was asked", "when asked" (a participle with no subject or perfect "has" of its own), not "asking her" or
    "Scott beamed and asked the crowd"."""
    kids = {c.dep_ for c in v.children}
    return bool(kids & {"nsubjpass", "auxpass"}) or (v.tag_ == "VBN" and not kids & {"nsubj", "aux"})


def _host(v):
    """The clause a parenthetical reporting verb with its own subject before it sits in ("The museum, Mr. Obama
    said, would ...", "The difference now, he told me, is that ...": the parser may hang it on the subject noun) or
    an "as" clause comments on ("as police have said", "as many tax experts have pointed out", "as Trump put it"),
    else None. Not "(think Eleanor Roosevelt)", "as mentioned above" (no subject of its own), "as he said he would"
    (its own words), "As the White House hints at what ..." ("as" for "while": the verb has more to it)."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i for c in v.children):
        return None
    if v.dep_ == "parataxis":
        host = v.head.head if v.head.dep_ in ("nsubj", "nsubjpass") else v.head
        return host if host.pos_ in ("VERB", "AUX") else None
    as_clause = v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
    bare = all(c.dep_ in _BARE or (c.dep_ == "dobj" and (c.lower_ == "it" or lemma_of(v) == "tell"))
               or (c.dep_ == "prep" and c.lower_ in ("in", "on", "during")) for c in v.children)
    return v.head if as_clause and bare and v.head.pos_ in ("VERB", "AUX") else None


_BARE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "mark", "punct", "prt", "dative"}


def _before_colon(c, v) -> bool:
    """A clause before the verb that a colon ends is the outlet's own lead-in, not what was said ("We have been here
    before: Osama bin Laden declared war on the United States"); reported words before their verb end on a comma."""
    return c.i < v.i and any(":" in t.text for t in v.doc[c.right_edge.i:v.i])  # not Doc.text: it rebuilds the article


def _addressed(v) -> bool:
    """The verb tells someone to do something ("urged Tokyo to stop", "called on Congress to act"): what was
    said to them. Without an addressee an infinitive is the speaker's own plan or promise ("Santorum pledged
    to appear", "promised to veto the bill"), no statement of words."""
    return any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on") for c in v.children)


def _after_colon(v, text):
    """(start, end) of unquoted words a colon after the verb introduces, to the end of its paragraph, or the next
    paragraph when the colon ends one ("Limbaugh added:" then the quoted passage set apart); else None."""
    colon = next((t for t in v.doc[v.i + 1:v.i + 4] if t.dep_ not in ("prt", "advmod", "npadvmod")), None)
    if colon is None or colon.text != ":":
        return None
    start = _GLUE.match(text, colon.idx + 1).end()
    if start >= len(text) or text[start] in OPENING:
        return None
    ps, pe = paragraph(text, start)
    return (start, pe) if ps <= colon.idx or text[colon.idx + 1:start].count("\n") >= 2 else None


def _touches(text, m, doc, toks) -> bool:
    """The quoted passage `m` overlaps the words `toks` span or has only glue between it and them; not after a colon
    (`Mosman saw it differently: "..." he said`: the words before the colon are the outlet's)."""
    cs = min(doc[i].idx for i in toks)
    ce = max(doc[i].idx + len(doc[i]) for i in toks)
    if cs < m.start and text[cs:m.start].rstrip().endswith(":"):
        return False
    return (m.start < ce and cs < m.end) or bool(_GLUE.fullmatch(text, ce, m.start)) \
        or bool(_GLUE.fullmatch(text, m.end, cs))


def _has_own_verb(doc, m) -> bool:
    """A reporting verb within a few words after the quoted passage, in its sentence (`"...," Kono said`)."""
    for t in tokens_starting_in(doc, m.end, m.end + 80)[:6]:
        if t.is_sent_start and t.idx > m.end:
            return False
        if _is_cue(t):
            return True
    return False


def _misattached(v) -> list:
    """A "that" clause the parser hung on a noun after the verb ("said at a conference that ..."), or on the
    noun the verb takes ("repeated his assertion that ...", "expressed optimism that ..."). Not someone else's
    claim put to the speaker ("asked by Schieffer about his claims that ...": the claims are the one asked's)."""
    nouns = [n for c in v.children if c.dep_ == "prep" for n in c.children]
    nouns += [c for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    asker = lemma_of(v) in ASKING or any(c.dep_ == "agent" for c in v.children)
    for noun in nouns:
        if asker and any(c.dep_ == "poss" for c in noun.children):
            continue
        for clause in noun.children:
            that = any(t.dep_ == "mark" and t.lower_ == "that" for t in clause.children)
            if clause.dep_ in ("relcl", "acl", "ccomp") and that:
                return [clause]
    return []


def _object(v, named=True) -> list:
    """A noun phrase as what was said, for verbs that take one ("called for X", "echoed X", "criticized X"), with a
    subject of their own or as a participle after a clause whose subject is `named` ("Trump admires Putin, comparing
    him favorably to Obama"; after "he ...", on PolNeAR train, about one such name printed in eight was wrong)."""
    lemma = lemma_of(v)
    participle = v.tag_ == "VBG" and v.dep_ == "advcl" and named
    if lemma not in NOUN_OBJECT or not (participle or any(c.dep_ == "nsubj" for c in v.children)) \
            or _within_report(v) or any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children):
        return []  # "the candidate that can defend faith": what one could or would do is no statement made
    out = [c for c in v.children if c.dep_ == "dobj" and c.pos_ not in ("PRON",)]
    out += [c for c in v.children
            if c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("for", "as", "of"))
            or (c.dep_ == "prep" and c.lower_ == "to" and lemma in ("liken", "compare"))]  # "likened X to Y"
    return out if out and any(len(list(c.subtree)) > 1 for c in out) else []


def _within_report(v) -> bool:
    """Is `v` part of what another report says: under a clause a reporting verb or a claim noun takes ("claiming
    ... that Obama is waging a war and he's the candidate that can defend faith", "its argument that Obama is
    attacking the fundamentals ...")? Its object is then that report's content, not a statement of its own."""
    t = v
    while t.head.i != t.i:
        if t.dep_ in ("ccomp", "acl") and (lemma_of(t.head) in SAY and t.head.pos_ in ("VERB", "AUX")
                                           or t.head.lemma_.lower() in CLAIM_NOUNS):
            return True
        t = t.head
    return False


def _joined_cue(d) -> bool:
    """A further reporting verb joined on ("..., adding that ...", "... and warned that ...")."""
    return (d.dep_ in ("conj", "advcl") and _is_cue(d)
            and (d.tag_ == "VBG" or any(g.dep_ in ("ccomp", "nsubj") for g in d.children)))


def _said_words(c):
    """The reported clause's words, less the outlet's own aside closing it after a comma (", which forced her to
    ...", ", although it may ..."). A reporting verb joined inside it stays in ("said Machado promised ... and
    said she would ..."): cut out, it became an attribution of its own and printed more wrong names on PolNeAR."""
    cut = {t.i for d in c.subtree if d.i != c.i and _aside(d) for t in d.subtree}
    return [t for t in c.subtree if t.i not in cut]


_ASIDE_MARKS = {"although", "though", "while", "whereas", "as"}


def _aside(d) -> bool:
    """A non-restrictive relative clause or a concessive clause after a comma: the writer's, not the speaker's."""
    if d.i == 0 or d.left_edge.i == 0 or d.doc[d.left_edge.i - 1].text != ",":
        return False
    if d.dep_ in ("relcl", "advcl") and d.left_edge.lower_ in ("which", "who"):
        return True
    return d.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ASIDE_MARKS for m in d.children)


def _claim(noun, text, marks):
    """ "Donald Trump's claim that ...": what a named possessor said, in the clause the noun takes ("his claim",
    "his campaign's suggestion" are left out: on PolNeAR train they printed a wrong name two times in five)."""
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
        d.dep_ == "mark" and d.lower_ == "that" and d.i < c.i for d in c.children)), None)
    if owner is None or clause is None:
        return None
    ps, pe = paragraph(text, noun.idx)
    words = [t for t in _said_words(clause) if ps <= t.idx < pe and not t.is_space]
    if not words:
        return None
    head, mention = _mention(owner, noun, text)
    pieces = _marks_holding(marks, [t.idx for t in words])
    return _make(text, words[0].idx, words[-1].idx + len(words[-1]), pieces, [], (noun.idx, noun.idx + len(noun)),
                 head, mention)


def _according_to(tok, text, marks):
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or (tok.head.i != tok.i and _is_cue(tok.head) and _subject(tok.head) is not None):
        return None  # "Holder said, according to excerpts ...": the verb's own attribution is the quote's
    if tok.head.i == tok.i:  # the parser hung "According to X, the move reeks of ..." on "according": after the comma
        comma = next((t for t in tok.sent if t.i > source.i and t.text == ","), None)
        side = [t for t in tok.sent if comma is not None and t.i > comma.i and not t.is_punct]
    else:
        phrase = {t.i for t in tok.subtree}
        rest = [t for t in tok.head.subtree if t.i not in phrase and not t.is_punct]
        before = [t for t in rest if t.i < tok.i]
        after = [t for t in rest if t.i > tok.i]
        side = after if len(after) >= len(before) else before
    if len(side) < 3:
        return None
    start, end = side[0].idx, side[-1].idx + len(side[-1])
    pieces = [m for m in marks if m.start < end and m.end > start]
    head, mention = _mention(source, tok, text)
    phrase_end = to.idx + len(to)
    return _make(text, start, end, pieces, [], (tok.idx, phrase_end), head, mention, verb="according to")


def _make(text, start, end, pieces, clause, verb_span, head, mention, verb=None):
    """A Found with its kind, the span widened over whole quoted passages and trimmed of edge punctuation."""
    for m in pieces:
        start, end = min(start, m.start), max(end, m.end)
    cue = {i for t in clause for i in range(t.idx, t.idx + len(t))}  # the attribution's own letters
    letters = sum(1 for i in range(start, end) if text[i].isalnum() and i not in cue)
    quoted = sum(1 for m in pieces for i in range(max(m.start, start), min(m.end, end))  # pieces never overlap
                 if text[i].isalnum() and i not in cue)
    share = quoted / letters if letters else 0.0
    kind = "direct" if share >= DIRECT_SHARE else "partial" if quoted else "indirect"
    if kind == "direct":
        start, end = min(m.start for m in pieces), max(m.end for m in pieces)
    else:
        start, end = strip_edges(text, start, end, _EDGE)
    if end <= start:
        return None
    verb_text = verb or text[verb_span[0]:verb_span[1]]
    return Found(start, end, kind, verb_text, verb_span, head, mention)


def _adjacent(clause, marks, text, next_sentence=lambda m: True):
    """Quoted passages the reporting clause introduces or follows.

    Before the clause the passage must end on a comma, question or exclamation
    mark (`"...," Kono said`); after it, only blanks and punctuation may lie
    between, and a paragraph break only after a colon (`said:`). A passage after
    the clause's full stop (`"A," Holder said, according to excerpts. "B"`) is
    taken when `next_sentence(passage)`: not when a clause that reports something
    of its own is followed by a quote with its own verb ("Lavrov said the talks
    went well. "We are ready," Kono said.").
    """
    if not clause:
        return []
    ls, le = clause[0].idx, clause[-1].idx + len(clause[-1])
    out = []
    if isinstance(marks, _Marks):  # only the last mark ending before the clause and the first starting after it
        k = bisect.bisect_right(marks.ends, ls)  # can have nothing but glue (never a quotation mark) between
        j = bisect.bisect_left(marks.starts, le)
        marks = marks[max(k - 1, 0):k] + marks[j:j + 1]
    for m in marks:
        if m.end <= ls and _GLUE.fullmatch(text, m.end, ls) and "\n" not in text[m.end:ls]:
            s, e = m.inner(text)
            last = text[s:e].rstrip("'’\"” ")[-1:]  # a quote inside the quote may close it: "... ‘miracles,’”"
            if (last and last in ",?!-—–") or "," in text[m.end:ls] or "—" in text[m.end:ls]:
                out.append(m)
        elif m.start >= le and _AFTER.fullmatch(text, le, m.start):
            after_stop = not _GLUE.fullmatch(text, le, m.start) or text[le - 1] == "."
            if (not after_stop or next_sentence(m)) and (
                    "\n" not in text[le:m.start] or text[:m.start].rstrip().endswith(":")):
                out.append(m)
    return out


class _Marks(list):
    """The quoted passages of a text, in order; they never overlap, so starts and ends both ascend."""

    def __init__(self, marks):
        super().__init__(marks)
        self.starts = [m.start for m in self]
        self.ends = [m.end for m in self]


def _mark_at(marks, i) -> Marked | None:
    if isinstance(marks, _Marks):
        k = bisect.bisect_right(marks.starts, i) - 1
        return marks[k] if k >= 0 and i < marks[k].end else None
    return next((m for m in marks if m.start <= i < m.end), None)


def _marks_holding(marks, offsets) -> list[Marked]:
    """The marks (in order) holding any of the offsets."""
    if not isinstance(marks, _Marks):
        return [m for m in marks if any(m.start <= o < m.end for o in offsets)]
    held = set()
    for o in offsets:
        k = bisect.bisect_right(marks.starts, o) - 1
        if k >= 0 and o < marks[k].end:
            held.add(k)
    return [marks[k] for k in sorted(held)]


def _drop_nested(found: list[Found]) -> list[Found]:
    """Keep the outermost attribution when one sits inside another's quote ("Kono said Japan told Russia ...")."""
    keep = []
    by_start = sorted(found, key=lambda g: g.start)
    index = SpanIndex((g.start, g.end) for g in by_start)
    for f in found:
        if not index.holds(f.verb_span[0]):
            keep.append(f)  # no attribution holds the verb: nothing to scan
            continue
        k = bisect.bisect_right(index.starts, f.verb_span[0])
        outer = [g for g in by_start[:k] if g is not f and g.start <= f.verb_span[0] < g.end
                 and not (g.start <= f.start and f.end <= g.end and g.verb == "according to")]
        if not outer:
            keep.append(f)
    return keep


def _one_claim(found: list[Found]) -> list[Found]:
    """Where two attributions claim the same words, the one whose verb is nearer to them wins."""
    def gap(f):
        return max(0, f.start - f.verb_span[1], f.verb_span[0] - f.end)
    kept: list[Found] = []
    if any(f.start >= f.end for f in found):  # an empty span: compare with each kept one
        for f in sorted(found, key=lambda f: (f.verb == "according to", gap(f))):
            if not any(f.start < g.end and g.start < f.end for g in kept):
                kept.append(f)
        return kept
    starts, ends = [], []  # the kept spans, disjoint, by start (so their ends ascend too)
    for f in sorted(found, key=lambda f: (f.verb == "according to", gap(f))):
        k = bisect.bisect_left(starts, f.end)  # kept spans starting before f ends
        if k and ends[k - 1] > f.start:
            continue
        starts.insert(k, f.start)
        ends.insert(k, f.end)
        kept.append(f)
    return kept
