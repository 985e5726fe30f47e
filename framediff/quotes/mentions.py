"""What a mention of a speaker tells: name words, title, nation, portfolio, and what kind of speaker it is."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from .found import paragraph
from .verbs import BODIES, DOCUMENTS, EXPERT, MEDIA, OFFICE, PEOPLE, PORTFOLIO, PRONOUNS, SAY, UNNAMED

# Country, capital and adjective -> the adjective, so "Japan's", "Tokyo" and "Japanese" agree.
NATIONS = {
    "russia": "Russian", "russian": "Russian", "moscow": "Russian", "kremlin": "Russian", "soviet": "Russian",
    "japan": "Japanese", "japanese": "Japanese", "tokyo": "Japanese",
    "china": "Chinese", "chinese": "Chinese", "beijing": "Chinese",
    "us": "American", "u.s.": "American", "usa": "American", "america": "American", "american": "American",
    "washington": "American", "united states": "American",
    "korea": "Korean", "korean": "Korean", "seoul": "South Korean", "pyongyang": "North Korean",
    "dprk": "North Korean", "north korea": "North Korean", "south korea": "South Korean",
    "ukraine": "Ukrainian", "ukrainian": "Ukrainian", "kiev": "Ukrainian", "kyiv": "Ukrainian",
    "britain": "British", "uk": "British", "british": "British", "london": "British",
    "france": "French", "french": "French", "paris": "French", "germany": "German", "german": "German",
    "berlin": "German", "india": "Indian", "indian": "Indian", "iran": "Iranian", "iranian": "Iranian",
    "israel": "Israeli", "israeli": "Israeli", "mexico": "Mexican", "mexican": "Mexican",
}
TITLES = OFFICE | BODIES | EXPERT | PORTFOLIO | {
    "mr", "mrs", "ms", "miss", "dr", "rep", "sen", "gov", "gen", "prof", "sir", "lord", "rev", "assistant",
    "associate", "acting", "senior", "undersecretary", "under", "then", "justice", "judge", "attorney",
    "defense", "defence", "affairs", "state", "the", "of", "for"}
EXPERT_PLACES = {"university", "institute", "college", "academy", "school", "center", "centre", "council"}
# people a place of learning or research holds who are no experts: "a student at the University of Dayton"
LEARNERS = {"student", "pupil", "graduate", "undergraduate", "alumnus", "alumna", "freshman", "sophomore", "intern",
            "player", "athlete", "coach", "parent"}
GENDER = {"mr": "m", "he": "m", "him": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f",
          "she": "f", "her": "f"}
APPOS_WORDS = 25
_QUANTIFIERS = {"all", "both", "many", "some", "most", "several", "few", "other", "another", "various"}
_BODY_WORDS = {"side", "government", "authorities", "authority", "state", "administration"}


@dataclass
class Mention:
    """One way a speaker appears in one article."""

    article: str
    start: int
    end: int
    text: str
    names: tuple[str, ...] = ()       # name words, lowercased, in order ("taro", "kono")
    written: str = ""                 # the name as written ("Taro Kono", "Ban Ki-moon")
    role: str = ""                    # title and description as written
    nation: str = ""
    portfolio: frozenset = field(default_factory=frozenset)
    kind: str = "person"              # person, pronoun, role, unnamed, body, media
    head_lemma: str = ""
    plural: bool = False
    role_lemmas: frozenset = field(default_factory=frozenset)
    gender: str = ""                  # "m" or "f" when a title or pronoun says so
    proper: bool = False              # holds a proper noun other than a nation ("Reuters", "the Foreign Ministry")
    subject: bool = False             # the subject of its clause (a likelier antecedent of "he"/"she")

    @property
    def expert(self) -> bool:
        """An expert by title ("analyst"), or by a place of research with no title that says otherwise (an office or
        a learner: "president of the Center for Arizona Policy", "a student at the University of Dayton")."""
        return bool(self.role_lemmas & EXPERT) or bool(
            self.role_lemmas & EXPERT_PLACES and not self.role_lemmas & (OFFICE | LEARNERS))

    @property
    def official(self) -> bool:
        return bool(self.role_lemmas & OFFICE) and not self.expert


def titled(ent) -> tuple[int, int]:
    """(start, end) of a named entity with the titles right before it ("Japan's defense minister Oeno Temple")."""
    doc, start = ent.doc, ent.start
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.i < ent.start and head.lemma_.lower() in OFFICE | EXPERT:
        start = head.left_edge.i
    while start > 0:
        t = doc[start - 1]
        if t.dep_ == "case" and start > 1 and start - 1 <= doc[start - 2].head.i < ent.end:
            start -= 2
        elif t.dep_ in ("compound", "amod", "poss", "nmod") and start <= t.head.i < ent.end and not t.is_punct:
            start -= 1
        else:
            break
    return doc[start].idx, ent.end_char


def np_span(head, text, last=None) -> tuple[int, int]:
    """(start, end) of a name with the titles before it, kept inside its paragraph, without a leading adverb
    ("Even political figures" is "political figures")."""
    first, last = head.left_edge, last or head
    for c in last.rights:
        if c.dep_ in ("compound", "flat"):
            last = c
    ps, _ = paragraph(text, head.idx)
    while first.i < head.i and (first.is_punct or first.is_space or first.lower_ in ("and", "but") or first.idx < ps
                                or (first.dep_ in ("advmod", "cc", "preconj") and first.head.i == head.i)):
        first = first.nbor()
    return first.idx, last.idx + len(last.text)


def nation_of(word: str) -> str:
    w = word.lower().strip().removesuffix("'s").removesuffix("’s")
    return NATIONS.get(w, "")


def tokens_starting_in(doc, start: int, end: int) -> list:
    """The tokens of `doc` that start at a character in [start, end), found by bisection."""
    starts = doc.user_data.get("token_starts")
    if starts is None:
        starts = doc.user_data["token_starts"] = [t.idx for t in doc]
    return list(doc[bisect_left(starts, start):bisect_left(starts, end)])


def _text(doc) -> str:
    """`doc.text`, computed once (spaCy joins every token on each access)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def _people(doc) -> list:
    """The PERSON entities of `doc`, computed once (spaCy rebuilds `doc.ents` on every access)."""
    people = doc.user_data.get("people")
    if people is None:
        people = doc.user_data["people"] = [e for e in doc.ents if e.label_ == "PERSON"]
    return people


def _full_name_words(doc) -> set[str]:
    """The words of the names of two words or more that the parser found for people in `doc`."""
    words = doc.user_data.get("full_name_words")
    if words is None:
        words = doc.user_data["full_name_words"] = {t.lower_ for e in _people(doc) if len(e) > 1 for t in e}
    return words


def _person_at(doc, i: int):
    """The PERSON entity holding token i, or None (entities never overlap: bisection on their starts)."""
    starts = doc.user_data.get("people_starts")
    if starts is None:
        starts = doc.user_data["people_starts"] = [e.start for e in _people(doc)]
    k = bisect_right(starts, i) - 1
    return _people(doc)[k] if k >= 0 and i < _people(doc)[k].end else None


def describe(doc, article_id: str, head_i: int, span: tuple[int, int]) -> Mention:
    """Read a speaker mention `doc.text[span]` whose head word is token `head_i`."""
    head = doc[head_i]
    start, end = span
    text = _text(doc)
    toks = tokens_starting_in(doc, start, end)
    extra = [t for c in head.children if c.dep_ == "appos" and c.idx >= end for t in _appos(c)]
    person = _person_at(doc, head_i)
    role_toks, names, nation = [], [], ""
    # "the Russian Businessman", "the Kremlin": one capitalised word after "the", outside any PERSON entity,
    # names a thing (a paper, a body), not a person ("The Oeno Five Principles", a mangled name, has two)
    thing = person is None and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
        and not any(t.pos_ == "PROPN" and t.i != head_i and not nation_of(t.text) for t in toks)
    for t in toks + extra:
        low = t.lower_.strip(".")
        nat = nation_of(t.text) or (nation_of(f"{t.text} {t.nbor().text}") if t.i + 1 < len(doc) else "")
        if nat and not nation and (t not in extra or t.ent_type_ == "NORP"):
            nation = nat
        if t in extra or t.pos_ in ("DET", "PUNCT", "PART", "ADP", "CCONJ"):
            if t in extra:
                role_toks.append(t)
            continue
        title = low in TITLES and not (t.i == head_i and person is not None)  # "Mr. King" ends on a title word
        if (_name_word(t) or _name_part(t)) and not title and not nat and not thing and not _initial(t.text) \
                and t.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and (person is None or t in person
                                                                      or (names and t.i == names[-1].i + 1)):
            names.append(t)
        else:
            role_toks.append(t)
    if names and head.pos_ == "NOUN" and head.text[:1].islower() and all(t.i < head.i for t in names):
        role_toks, names = sorted(role_toks + names, key=lambda t: t.i), []  # "Trump supporters", "a Trump
        # surrogate", "Social Security reformers": a name that modifies a noun for people is not their name
    role = " ".join(t.text for t in role_toks if t.pos_ != "PUNCT" or t.text == ",").replace(" ,", ",").strip(" ,")
    words = {t.lower_ for t in role_toks} | {t.lemma_.lower() for t in role_toks}
    portfolio = frozenset({"defense" if w == "defence" else w for w in words & PORTFOLIO})
    kind = _kind(head, bool(names), words, toks)
    if kind != "pronoun" and not names and head.text[:1].isupper() and head.lower_ in _full_name_words(doc):
        kind, names = "person", [head]  # "O'Rourke later said", the tagger's common noun, after "Beto O'Rourke"
    written = text[names[0].idx:names[-1].idx + len(names[-1])] if names else ""
    if len(written.split()) > 2 * len(names):
        written = " ".join(t.text for t in names)
    if names and kind in ("body", "media") and head.text[:1].isupper() and 0 < head.i - names[-1].i <= 3:
        written = text[names[0].idx:head.idx + len(head)]  # "Super Bowl Committee", "Tulsa Police Department"
    gender = next((GENDER[t.lower_.strip(".")] for t in toks if t.lower_.strip(".") in GENDER), "")
    names_lower = tuple(t.lower_.strip(".") for t in names)
    gender = gender or name_gender(names_lower)
    proper = any(t.pos_ == "PROPN" and not nation_of(t.text) for t in toks)
    return Mention(article_id, start, end, text[start:end], names_lower, written,
                   role, nation, portfolio, kind, head.lemma_.lower(), head.tag_ in ("NNS", "NNPS"),
                   frozenset(words), gender, proper, _main_subject(head))


def _main_subject(head) -> bool:
    """The subject of a clause that is not someone's reported words or a clause inside a noun phrase: "Kristol"
    in "Kristol, who led the charge calling for Steele to step down, said that Steele still needs to go", not
    either "Steele" (a likelier antecedent of the next "he said")."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    v = head.head
    while v.dep_ == "conj":
        v = v.head
    return v.dep_ == "ROOT" or (v.dep_ == "advcl" and v.head.dep_ == "ROOT")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "m" or "f" (US birth records, first_names.tsv)."""
    lines = files(__package__).joinpath("first_names.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def first_name_gender(word: str) -> str:
    """ "m"/"f" for a first name given (nearly) only to one sex, else ""."""
    return _first_names().get(word, "")


def name_gender(names: tuple[str, ...]) -> str:
    """The gender a full name's first word tells ("" for a one-word name: it may be a surname)."""
    return first_name_gender(names[0]) if len(names) > 1 else ""


def _name_word(t) -> bool:
    """A proper noun, or a capitalised word the tagger called a noun inside a name ("Sanders" as NOUN), or a
    participle inside a person's name ("Rev. John Paul Hopping"); never a headline's verb ("Obama Says")."""
    return t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text[:1].isupper() and t.ent_type_ in ("PERSON", "ORG")) \
        or (t.tag_ in ("VBG", "VBN") and t.text[:1].isupper() and t.ent_type_ == "PERSON"
            and t.lemma_.lower() not in SAY)


def _name_part(t) -> bool:
    """A capitalised adjective the tagger hung on the name word after it as part of a compound ("Third Way")."""
    return t.pos_ == "ADJ" and t.dep_ == "compound" and t.text[:1].isupper() and t.head.i == t.i + 1 \
        and t.head.pos_ == "PROPN"


def _appos(c):
    """An apposition's words up to a relative clause (at most APPOS_WORDS)."""
    out = []
    for t in c.subtree:
        if t.dep_ == "relcl" or len(out) >= APPOS_WORDS:
            break
        out.append(t)
    return out


def _initial(word: str) -> bool:
    """ "D.J.", "B." or "W": not a name word to match on ("Al", "Ed" are)."""
    return len(word) == 1 or (word.endswith(".") and len(word) <= 3) or word.count(".") >= 2


def _kind(head, named: bool, words, toks) -> str:
    """person, pronoun, role, unnamed, body, media, or `thing`: no speaker (a document, a number, a common noun
    that names no person or body: "the ad", "a 2014 study", "two", "the dissolution")."""
    lemma = head.lemma_.lower()
    if head.pos_ == "PRON":
        return "pronoun" if head.lower_ in PRONOUNS else "thing"
    if head.ent_type_ == "PERSON":
        return "person" if named else "unnamed"
    # a document, also capitalised at a sentence's start and taken for a name ("Records disclosed Wednesday showed")
    if lemma in DOCUMENTS or lemma.endswith("s") and lemma[:-1] in DOCUMENTS or head.pos_ == "NUM" or (
            head.ent_type_ in _NOT_SPEAKERS and head.pos_ != "PROPN"):
        return "thing"
    if words & MEDIA or lemma in MEDIA:
        return "media"
    if named and head.ent_type_ == "ORG":
        return "body"
    if named and head.ent_type_ not in ("GPE", "NORP", "LOC"):
        return "person"
    if lemma in BODIES:
        return "body"
    if lemma in UNNAMED:
        return "unnamed"
    if lemma in OFFICE | EXPERT | PEOPLE or lemma in _QUANTIFIERS or _agent_noun(head):
        definite = any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in toks)
        counted = any(t.lower_ in _QUANTIFIERS or t.pos_ == "NUM" for t in toks)
        plural = head.tag_ in ("NNS", "NNPS")
        if plural and lemma in OFFICE:
            return "body"  # "the ministers": the group
        return "role" if definite and not counted and lemma in OFFICE | EXPERT else "unnamed"
    if head.pos_ == "PROPN" or head.ent_type_ in ("GPE", "NORP", "LOC", "ORG") or any(
            t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "GPE", "NORP") for t in toks):
        return "body"
    if any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in head.children):
        return "unnamed"  # "an architect who said": "who" is said of people
    return "thing"


def _agent_noun(head) -> bool:
    """A noun for someone who does something ("moderator", "environmentalist", "surrogate", "staffer")."""
    return head.pos_ == "NOUN" and head.lemma_.lower().endswith(_AGENT) and head.lemma_.lower() not in DOCUMENTS


_AGENT = ("er", "or", "ist", "ant", "ent", "ian", "ate", "ee", "ess", "lady", "other", "man", "woman", "people")
_NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "WORK_OF_ART", "LAW",
                 "EVENT", "PRODUCT", "LANGUAGE"}


def key_of(m: Mention) -> str:
    """The same body or unnamed source, said alike: "Moscow" and "Russia" are "Russian government"."""
    words = [w for w in m.text.lower().replace("’", "'").split() if w not in ("the", "a", "an", "'s")]
    if m.nation and all(nation_of(w) or w in _BODY_WORDS for w in words):
        return f"{m.nation} government"
    return " ".join(w.removesuffix("'s") for w in words)
