"""What a sentence asserts beyond its topic: distinctive words, numbers and names.

Reports of one event share their topic words (the countries, "talks",
"minister"), so closeness of topic is not sameness of fact. These features
weigh the words two sentences share by how rare they are in the two articles
(IDF), and notice when both give numbers or names and none agree.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.U)
_SENTENCE_START = re.compile(r"(\w*)([.!?:\"“‘(])\s*$")  # a capital after these may only start a sentence or quote
_TITLES = frozenset("mr mrs ms dr st sen rep gov gen lt col sgt jr sr prof pres no vs".split())
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_SAYS = frozenset("said says told added wrote tweeted noted argued asked stated replied insisted".split())
_YEAR = re.compile(r"(?:19|20)\d\d")
_RELATIVE_WHEN = re.compile(r"\b(?:last|next|this) (?:week|month|year|weekend|night)\b|\b(?:yesterday|today|tomorrow)\b", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
FACTS_KEPT = 4096  # sentences whose facts are kept: align and then the omission step read the same ones
_NUM_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
              "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
              "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
              "ninety": "90", "hundred": "100", "first": "1", "second": "2", "third": "3", "fourth": "4",
              "fifth": "5"}
_STOP = frozenset("""in at on for a an the and or but if of to in on at by for with from as is are was were be been being
has have had do does did will would shall should can could may might must that this these those it its
they them their there he she his her him we our us you your i me my not no so than then also only very
which who whom whose what when where while how about after before over under into onto out up down
said says say told tell according just such more most other some any all both each same""".split())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem, enough to meet 'missiles'/'missile', 'deployed'/'deployment'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUM_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _NUM_WORDS}
    return found


@dataclass(frozen=True)
class SentenceFacts:
    terms: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str] = frozenset()  # terms written with a capital inside the sentence: who and where
    lead: tuple[str, ...] = ()  # the first run of capitalised words: most often whom the sentence is about
    speaks: bool = False  # the lead is followed by a verb of saying ("Lavrov said"): it names someone
    quoted: frozenset[str] | None = None  # the terms inside quotation marks; None: no quotation
    when: frozenset[str] = frozenset()  # days, months, years and "last week"-like times it names


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` may be capitalised only because a sentence or quote starts there."""
    m = _SENTENCE_START.search(text, max(0, at - 12), at)
    return bool(m) and not (m.group(2) == "." and m.group(1).lower() in _TITLES)


@lru_cache(maxsize=FACTS_KEPT)
def sentence_facts(text: str) -> SentenceFacts:
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    terms = frozenset(stem(w) for w, _ in words if w.lower() not in _STOP and len(w) > 1)
    names = frozenset(stem(w) for k, (w, at) in enumerate(words)
                      if k and w[0].isupper() and w.lower() not in _STOP | _TITLES and len(w) > 1
                      and not _starts_sentence(text, at))
    quotes = _QUOTED.findall(text)
    quoted = frozenset(stem(w) for q in quotes for w in _WORD.findall(q)
                       if w.lower() not in _STOP and len(w) > 1) if quotes else None
    when = frozenset(w.lower().rstrip(".,") for w, _ in words if w.lower() in _WHEN or _YEAR.fullmatch(w.rstrip(".,")))
    when |= {m.group(0).lower() for m in _RELATIVE_WHEN.finditer(text)}
    lead, after = _lead(words)
    speaks = bool(lead) and after < len(words) and words[after][0].lower() in _SAYS
    return SentenceFacts(terms, frozenset(numbers(text)), names, lead=lead, speaks=speaks, quoted=quoted, when=when)


def _lead(words: list[tuple[str, int]]) -> tuple[tuple[str, ...], int]:
    """The stems of the first run of capitalised words ("The House of Representatives voted" ->
    house, representatives; "Lavrov said" -> lavrov), skipping a capitalised first function word.
    A sentence's first word may be capitalised only because it is first: lead_conflict decides.
    Also the index of the word after the run."""
    run: list[str] = []
    for k, (w, _) in enumerate(words[:12]):
        if w[0].isupper() and w.lower() not in _STOP | _TITLES:
            run.append(stem(w))
        elif run and w.lower() not in ("of", "the", "de", "van", "von"):
            return tuple(run), k
    return tuple(run), min(len(words), 12)


class TermWeights:
    """IDF of terms over the sentences of the articles being compared."""

    def __init__(self, facts: list[SentenceFacts]):
        df = Counter(t for f in facts for t in f.terms)
        n = max(len(facts), 1)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.default = math.log(n + 1)
        self._of: dict[frozenset[str], float] = {}  # a sentence's terms -> their weight: align reads each ~12 times

    def weight(self, terms) -> float:
        return sum(self.idf.get(t, self.default) for t in terms)

    def _whole(self, f: SentenceFacts) -> float:
        w = self._of.get(f.terms)
        if w is None:
            w = self._of[f.terms] = self.weight(f.terms)
        return w

    def overlap(self, a: SentenceFacts, b: SentenceFacts) -> float:
        """Weighted Dice of the two sentences' terms: 1 when they say it with the same rare words."""
        total = self._whole(a) + self._whole(b)
        return 2 * self.weight(a.terms & b.terms) / total if total else 0.0

    def containment(self, a: SentenceFacts, b: SentenceFacts) -> float:
        """Weighted share of the shorter sentence's terms that the other one holds: 1 when one
        sentence is told inside the other (a list of names inside a long sentence). A sentence of one
        term tells nothing inside another ("It is both of them together." / "... came together ..."): 0."""
        if min(len(a.terms), len(b.terms)) < 2:
            return 0.0
        least = min(self._whole(a), self._whole(b))
        return self.weight(a.terms & b.terms) / least if least else 0.0

    def content_overlap(self, a: SentenceFacts, b: SentenceFacts) -> float:
        """Weighted Dice of the terms that are not names: what is said, apart from who says it
        ("'We've got a real challenge,' Boehner said" / "'That is outrageous talk,' Boehner said": 0)."""
        ta, tb = a.terms - a.names - b.names, b.terms - a.names - b.names
        total = self.weight(ta) + self.weight(tb)
        return 2 * self.weight(ta & tb) / total if total else 0.0


def quote_mismatch(a: SentenceFacts, b: SentenceFacts) -> float:
    """When both sentences quote someone, the share of their quoted words that differ (weighted
    Dice's complement, unweighted): two different quotations of one person share a name, not words."""
    if a.quoted is None or b.quoted is None:
        return 0.0
    total = len(a.quoted) + len(b.quoted)
    return 1 - 2 * len(a.quoted & b.quoted) / total if total else 0.0


def when_conflict(a: SentenceFacts, b: SentenceFacts) -> float:
    """1 when both sentences name a weekday, a month or a year, and those of one kind all differ
    ("on Tuesday" / "on Thursday"); a weekday against "today" or a month is no conflict (one outlet
    dates, another says "today")."""
    return float(any(x and y and not (x & y) for x, y in
                     ((a.when & _DAYS, b.when & _DAYS), (a.when & _MONTHS, b.when & _MONTHS),
                      ({w for w in a.when if _YEAR.fullmatch(w)}, {w for w in b.when if _YEAR.fullmatch(w)}))))


def speakers(text: str) -> frozenset[str]:
    """Who is told as speaking: the last word of a name before a verb of saying ("Lavrov said",
    "Iwaya has assured", "Mr. Pence, the governor, told") or after one ("said Kono")."""
    found = {m.group(1).split()[-1] for m in _SPEAKER_BEFORE.finditer(text) if m.group(2).lower() in _SPEAKS}
    found |= {m.group(1).split()[-1] for m in _SPEAKER_AFTER.finditer(text)}
    return frozenset(stem(w) for w in found if w.lower() not in _STOP | _TITLES | _WHEN)  # "officials said Sunday"


def speaker_conflict(text_a: str, text_b: str) -> bool:
    """Both tell someone speaking, and neither names the other's speaker at all: two people's
    statements ("Lavrov said ... deployment" / "Iwaya has assured ... purely defensive")."""
    sa, sb = speakers(text_a), speakers(text_b)
    return bool(sa and sb and not sa & _stems(text_b) and not sb & _stems(text_a))


def place_conflict(text_a: str, text_b: str) -> bool:
    """Both say where a meeting was held, and neither names the other's place: two meetings
    ("the talks were held in Moscow" / "the talks were held in Tokyo on Thursday")."""
    pa = {stem(m.group(1).split()[-1]) for m in _HELD_IN.finditer(text_a)}
    pb = {stem(m.group(1).split()[-1]) for m in _HELD_IN.finditer(text_b)}
    return bool(pa and pb and not pa & _stems(text_b) and not pb & _stems(text_a))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text)}


def lead_conflict(a: SentenceFacts, b: SentenceFacts, names: set[str] | frozenset[str]) -> float:
    """1 when both sentences open on a name and the names differ: another actor, speaker or place
    ("The House voted ..." / "The Senate voted ...", "Lavrov said ..." / "Kono said ..."). A sentence's
    first word counts as a name only if `names` (the names written inside the articles' sentences)
    holds it: "Moscow deployed" opens on a name, "Throwing down the gauntlet" does not."""
    la, lb = _named_lead(a, names), _named_lead(b, names)
    return float(bool(la) and bool(lb) and not (la & lb))


def _named_lead(f: SentenceFacts, names) -> frozenset[str]:
    if f.lead and f.lead[0] not in names and f.lead[0] not in f.names and not f.speaks:
        return frozenset(f.lead[1:])
    return frozenset(f.lead)


def name_conflict(a: SentenceFacts, b: SentenceFacts) -> float:
    """1 when both sentences name someone or somewhere and no name is shared."""
    return float(bool(a.names) and bool(b.names) and not (a.names & b.names))


def number_conflict(a: SentenceFacts, b: SentenceFacts) -> float:
    """1 when both sentences give numbers and none agree."""
    return float(bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers))


SAME_WORDS = 0.8  # share of the longer sentence's words (numbers aside) two tellings of one statement share


def same_but_numbers(x: str, y: str) -> bool:
    """One statement told with other numbers: apart from its numbers, nearly every word the same
    ("deployment of 12 missile launchers" / "deployment of 24 missile launchers", a correction or
    a disagreement an editor wants to see, not another fact)."""
    wx, wy = (Counter(w.lower() for w in _WORD.findall(t) if not w[0].isdigit() and w.lower() not in _NUM_WORDS)
              for t in (x, y))
    return sum((wx & wy).values()) >= SAME_WORDS * max(sum(wx.values()), sum(wy.values()), 1)


_TOKEN = re.compile(r"\w+(?:['’]\w+)*", re.U)
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april june july august september october november december".split())
_WHEN = _DAYS | _MONTHS
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|of|de|van))*"
_SPEAKS = _SAYS | frozenset("""says say tells adds notes stressed assured pointed believes believed mentioned remarked
reaffirmed recalled underlined cautioned warned explained emphasized emphasised claimed announced declared
admitted acknowledged conceded urged complained talked spoke called described""".split())
_SPEAKER_BEFORE = re.compile(r"(" + _NAME + r")(?:\s*,[^,]{1,60},)?\s+(?:has\s+|had\s+|also\s+|then\s+|in return\s+)?(\w+)")
_SPEAKER_AFTER = re.compile(r"\b(?:said|says|added|noted)\s+(?:(?:the\s+)?[a-z]+\s+)?(" + _NAME + r")")
_HELD_IN = re.compile(r"\b(?:held|met|meet|meets|meeting|opened|convened|gathered|took place)\b[^.;]{0,40}?\bin\s+(" + _NAME + r")")


def _specific(token: str, first: bool) -> bool:
    """A token that pins a fact down: a number, a weekday or month, or a capitalised name."""
    return token[0].isdigit() or token.lower() in _WHEN or (
        token[0].isupper() and not (first and token.lower() in _STOP))


def _alike(x: str, y: str) -> bool:
    return difflib.SequenceMatcher(None, x.lower(), y.lower()).ratio() >= 0.7


def contrasts(text_a: str, text_b: str) -> int:
    """How many times B puts another name, number or date where A has one ("Lavrov" -> "Kono",
    "12" -> "3", "Tuesday" -> "Thursday"): the mark of a look-alike that reports a different fact."""
    ta, tb = _TOKEN.findall(text_a), _TOKEN.findall(text_b)
    sm = difflib.SequenceMatcher(None, [t.lower() for t in ta], [t.lower() for t in tb], autojunk=False)
    count = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace" or i2 - i1 > 3 or j2 - j1 > 3:  # a swapped slot, not a rephrasing
            continue
        sa = [t for k, t in enumerate(ta[i1:i2], i1) if _specific(t, k == 0)]
        sb = [t for k, t in enumerate(tb[j1:j2], j1) if _specific(t, k == 0)]
        if sa and sb and not any(_alike(x, y) for x in sa for y in sb):
            count += 1
    return count
