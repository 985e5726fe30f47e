"""Sourcing: whose voices each outlet uses, from the quotes step's speakers.

A speaker one outlet quotes and the other never does is flagged, weighed by how
often and at what length (share of that outlet's quoted words) and by what the
speaker is (`voices` kinds, `quotes/speakers.kind_of`): a named person counts
most, an unnamed source or a government ("Moscow said") less, a named body or
medium less again. Groups ("the two sides", "the ministers"), speakers with
no name ("the report") and unnamed speakers named by no word for people or sources
("the winner") are no voice of their own and are not flagged; nor is a question put (an interviewer's).
A voice is what someone said: a flag rests on a quote of MIN_WORDS words or more, and an infinitive that tells what
someone agreed or pledged to do ("Gingrich and Santorum pledging to appear": "to appear") is no one's words.
Nor is it true when the other article carries the same words (RUN words in a row of one of the speaker's quotes)
under another name: NYT's "A blogger on the Web site Freedom's Lighthouse said, 'Can anyone really say ...'" and
HPO's "one blogger asking, 'Can anyone really say ...'" quote one voice.

"Does not quote them at all" must be true: a speaker the other outlet quotes under a near spelling of the
surname ("Cowan" / "Cowen", NEAR_SPELLING edits) is no difference, and one flag is made per person when one
outlet spells a name two ways. The flag rests on the quotes step's attribution: it carries the `speaker.confidence`
of the surest quote it rests on (`detail["speaker_confidence"]`: the voice is quoted if one quote is surely
theirs), which the ranking multiplies in and below which it never leads (review.SPEAKER_FLOOR: a speaker found only
through a pronoun of unknown gender, "he said" after a paragraph naming Rubio, Obama and Clinton, does not lead).
When the other article names the speaker in a sentence that holds a quotation ("Mr. Netanyahu is shown saying"),
"does not quote them at all" may rest on a quote the quotes step did not attribute: `detail["named_by_other"]`,
ranked lower (rank.kind_of "sourcing_named"). Two names joined ("Medicare and Treasury officials") are a group, no one voice; a name that is an acronym ("NSA" for
"a former senior NSA official", "GOP") is a body.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..comparison import Flag
from ..quotes.verbs import ASKING, EXPERT, OFFICE, PEOPLE, UNNAMED
from .context import Context

MAX_SPANS = 6
# a speaker named by a quantifier or a plural group ("Some leading Democrats", "Other Democrats", "Supporters",
# "Most Americans") is a group, no voice of its own, whatever kind the quotes step gave it
GROUP_WORDS = {"some", "other", "others", "most", "many", "several", "few", "all", "both", "supporters", "critics",
               "opponents", "residents", "protesters", "officials", "lawmakers", "experts", "analysts"}
PARTIES = {"gop", "democrats", "republicans", "democratic party", "republican party", "party"}  # a body, not a person
NEAR_SPELLING = 2  # letter edits between two surnames of 5+ letters that are one person misspelt
# an unnamed source is a voice when a word for people names it ("multiple sources", "the official", "a woman"); a
# speaker named only by some other agent noun ("the winner ... considering Massachusetts is ...") is no one's voice
SOURCE_WORDS = UNNAMED | PEOPLE | OFFICE | EXPERT
MIN_WORDS = 3  # words of the quote a sourcing flag rests on: more than a couple ("to appear" is no statement)
RUN = 8  # words in a row of a quote that, found in the other article, mean it quotes those words too
_WORD = re.compile(r"\w+")
QUOTE_MARK = re.compile("[\"“”]")
KIND_WEIGHT = {"person": 1.0, "": 1.0, "unnamed source": 0.8, "government": 0.7, "body": 0.6, "media": 0.45}


def _voices(ctx: Context) -> dict[tuple[str, str], dict]:
    """(side, speaker id) -> that speaker's row in `voices` (kind, share of words, ...)."""
    voices = ctx.cmp.voices.get("articles", {}) if isinstance(ctx.cmp.voices, dict) else {}
    return {(side, s["speaker"]): s for side, v in voices.items() for s in v.get("speakers", [])}


def _who(name: str, kind: str, side: str, aliases: list[str]) -> str:
    if kind == "government":
        written = [a for a in aliases if a.lower() != name.lower()][:2]
        return f"the {name}" + (f" (as {', '.join(f'“{a}”' for a in written)})" if written else "")
    if kind == "unnamed source":
        return f"unnamed sources (“{name}”)"
    if kind == "person" and side == "expert":
        return f"the expert {name}"
    if kind == "person" and side.endswith("official"):
        return f"{name} ({side})"
    return name


def _source_word(name: str) -> bool:
    """Does a word of the name say a person or a source ("multiple sources", "the official", "a woman")?"""
    words = {w.strip(".,;:").lower() for w in name.split()}
    return bool(SOURCE_WORDS & (words | {w[:-1] for w in words if w.endswith("s")} | {w.replace("men", "man") for w in words}))


def question(q) -> bool:
    """A question put ("What were you talking about?" host Bob Schieffer asked): the interviewer is no source. A
    question a source asks ("Why not?" Steele said) is that source's words, and so is a request with the source's
    own words quoted in it ("he asked members to join him “for a private conference call”")."""
    return any(q.verb.lower().startswith(w) for w in ASKING) and not _quoted_request(q)


def _quoted_request(q) -> bool:
    return q.kind != "direct" and q.text.lstrip().lower().startswith("to ") and any(m in q.text for m in "\"“”")


def _said_words(q) -> list[str]:
    return q.text.strip(" \"“”‘’'").split()


def said(q) -> bool:
    """Is the quote someone's words: not an infinitive of what they agreed to do, and a quotation or MIN_WORDS words?"""
    words = _said_words(q)
    return bool(words) and not (q.kind != "direct" and words[0].lower() == "to" and not _quoted_request(q)) and (
        q.kind == "direct" or len(words) >= MIN_WORDS)


def _statement(q) -> bool:
    """Can a speaker's flag rest on this quote: someone's words (`said`) of MIN_WORDS words or more?"""
    return said(q) and len(_said_words(q)) >= MIN_WORDS


class Runs:
    """The words of one article's text, lowercased, with where each stands: what `carried` looks in. A run of a
    quote is looked up at the places of its rarest word, not searched for through the whole text (which made the
    sourcing step grow as quotes x article length)."""

    def __init__(self, text: str):
        self.words = _WORD.findall(text.lower())
        self.at: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(self.words):
            self.at[w].append(i)

    def __contains__(self, run: list[str]) -> bool:
        """Are these words in the text, in a row?"""
        places = [(self.at.get(w, ()), k) for k, w in enumerate(run)]
        where, k = min(places, key=lambda pk: len(pk[0]))
        return any(self.words[i - k:i - k + len(run)] == run for i in where if i >= k)


def carried(q, other: Runs) -> bool:
    """Does the other article carry RUN words in a row of this quote (all of a shorter one)?"""
    words = _WORD.findall(q.text.lower())
    if len(words) < MIN_WORDS:
        return False
    n = min(RUN, len(words))
    return any(words[i:i + n] in other for i in range(len(words) - n + 1))


def quoting_units(article) -> str:
    """The article's units that hold a quotation mark, one a line: what `_named_with_quote` looks in."""
    return "\n".join(u.text for u in article.units if QUOTE_MARK.search(u.text))


def _named_with_quote(quoting: str, name: str) -> bool:
    """Does the article (`quoting_units` of it) name this speaker (the surname) in a sentence that holds a quotation
    mark?"""
    last = surname(name)
    if not last:
        return False
    return re.search(r"\b" + re.escape(last) + r"\b", quoting, re.I) is not None


def _near(x: str, y: str, most: int) -> bool:
    """Is the Levenshtein distance of x and y `most` or less? Every speaker is weighed against every other, so the
    table is made only for words whose letters differ by no more than `most` edits can make (each changes two
    letters of the set at most), and stops at its first row whose every cell is over `most` (no later one is less)."""
    if abs(len(x) - len(y)) > most or len(set(x) ^ set(y)) > 2 * most:
        return False
    row = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        prev, row[0] = row[0], i
        for j, cy in enumerate(y, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cx != cy))
        if min(row) > most:
            return False
    return row[-1] <= most


@lru_cache(maxsize=4096)
def surname(name: str) -> str:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w[:1].isupper()]
    return words[-1].strip(".,").lower() if words else ""


def same_person(x: str, y: str) -> bool:
    """Two written names of one person: the same surname, or a near spelling of one of 5+ letters."""
    a, b = surname(x), surname(y)
    return bool(a) and (a == b or min(len(a), len(b)) >= 5 and _near(a, b, NEAR_SPELLING))


def sourcing_flags(ctx: Context) -> list[Flag]:
    """A speaker quoted by one outlet only, weighted by how often, how much and what kind of voice it is."""
    quotes = defaultdict(lambda: {"a": [], "b": []})
    names = {}
    for q in ctx.cmp.quotes:
        if q.speaker is not None and q.article in ("a", "b") and not question(q):
            quotes[q.speaker.id][q.article].append(q)
            names.setdefault(q.speaker.id, q.speaker.name or q.speaker.mention)
    quoted_names = {side: [names[sid] for sid, by in quotes.items() if by[side]] for side in ("a", "b")}
    voices = _voices(ctx)
    speakers = {s.id: s for s in ctx.cmp.speakers}
    runs = {side: Runs(ctx.article(side).text) for side in ("a", "b")}
    quoting = {side: quoting_units(ctx.article(side)) for side in ("a", "b")}
    flags = []
    for sid, by in quotes.items():
        sp = speakers.get(sid)
        for side in ("a", "b"):
            other = ctx.other(side)
            row = voices.get((side, sid), {})
            acronym = re.fullmatch(r"(?:[A-Z]\.?){2,6}", names[sid].removeprefix("the ").strip())
            kind = "body" if acronym or names[sid].lower().removeprefix("the ") in PARTIES else row.get("kind", "")
            if (not any(_statement(q) for q in by[side]) or by[other] or kind not in KIND_WEIGHT
                    or names[sid].split()[0].lower() in GROUP_WORDS or re.search(r" (?:and|&) ", names[sid])):
                continue  # quoted by both, or a group or a nameless source: no voice of its own
            if kind == "unnamed source" and not _source_word(names[sid]):
                continue  # named only by an agent noun that is no word for a source
            if kind in ("person", "") and any(same_person(names[sid], n) for n in quoted_names[other]):
                continue  # the other outlet quotes them under another spelling ("Cowan" / "Cowen")
            if any(carried(q, runs[other]) for q in by[side]):
                continue  # the other outlet quotes the same words, under another name
            if any(f.detail["side"] == side and kind in ("person", "") and same_person(names[sid], f.detail["name"])
                   for f in flags):
                continue  # one outlet's two spellings of one person: one flag
            spoken = [q for q in by[side] if said(q)]  # the other outlet's short quotes still count as quoting them
            n = len(spoken)
            share = row.get("share_words", 0.0)
            art = ctx.article(side)
            spans = [art.span(q.start, q.end) for q in spoken[:MAX_SPANS]]
            who = _who(names[sid], kind, sp.side if sp else "", sp.aliases if sp else [])
            times = f"{n} time{'s' if n > 1 else ''}" + (f", {share:.0%} of its quoted words" if share >= 0.1 else "")
            summary = f"{ctx.name(side)} quotes {who} ({times}); {ctx.name(other)} does not quote them at all."
            sev = KIND_WEIGHT[kind] * min(0.8, 0.4 + 0.1 * min(n, 4) + 0.3 * share)
            a, b = (spans, []) if side == "a" else ([], spans)
            sure = max(getattr(q.speaker, "confidence", 1.0) for q in spoken if _statement(q))
            flags.append(Flag("sourcing", summary, round(sev, 3), a, b, None,
                              {"speaker": sid, "name": names[sid], "quotes": n, "side": side, "kind": kind,
                               "share_words": share, "speaker_confidence": round(float(sure), 3),
                               "named_by_other": _named_with_quote(quoting[other], names[sid])}))
    return flags
