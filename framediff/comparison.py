"""The Comparison: one plain, serialisable object holding everything any view shows.

Every highlight is a `Span` into one `Article.text`. `Comparison.to_dict()` is the
JSON contract `framediff/1` (see DESIGN.md); `Comparison.from_dict()` reads it
back and refuses anything that is not a well-formed document of that schema.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "framediff/1"
UNCLEAR_BELOW = 0.5  # a quote's speaker with less confidence is shown as "unclear", with its candidates
QUOTE_MARKS = "\"“”„«»'‘’"


@dataclass
class Span:
    """Characters `text[start:end]` of one article."""

    start: int
    end: int
    text: str


@dataclass
class Unit:
    """A sentence of an article, as offsets into `Article.text`."""

    id: str
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class Article:
    """One article: metadata and its clean body text (title first)."""

    id: str
    source: str
    title: str
    outlet: str
    date: str
    language: str
    text: str
    units: list[Unit] = field(default_factory=list)
    author: str = ""

    @property
    def label(self) -> str:
        """How views and flags name the article: its outlet, else "Article A" (its file or address is shown
        beside it where there is room)."""
        return self.outlet.strip() or f"Article {self.id.upper()}"

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def unit(self, unit_id: str) -> Unit:
        return self._units_by_id()[unit_id]

    def _units_by_id(self) -> dict[str, Unit]:
        cache = self.__dict__.get("_by_id")
        if cache is None or len(cache) != len(self.units):
            cache = {u.id: u for u in self.units}
            self.__dict__["_by_id"] = cache
        return cache


@dataclass
class DiffOp:
    """One step of a word diff: `equal`, `replace`, `insert` (only in b) or `delete` (only in a)."""

    op: str
    a: Span
    b: Span


@dataclass
class Group:
    """Units of A and units of B that tell the same thing."""

    id: str
    a: list[str]
    b: list[str]
    score: float
    kind: str = "match"  # "match" (same fact) or "partial" (same fact, told with a clear difference)
    diff: list[DiffOp] = field(default_factory=list)


@dataclass
class SpeakerRef:
    """Who said a quote: the speaker's id and name, the mention as written, and how sure the attribution is.

    `confidence` is in [0, 1]; below `UNCLEAR_BELOW` the speaker is "unclear": views print no name but
    "unclear" with `candidates` (the names it may be, likeliest first), and flags resting on it stay out of
    the top findings."""

    id: str
    name: str
    mention: str
    confidence: float = 1.0
    candidates: list[str] = field(default_factory=list)

    @property
    def unclear(self) -> bool:
        return self.confidence < UNCLEAR_BELOW

    @property
    def label(self) -> str:
        """What a table prints: the name, or "unclear: Griffin or Shields?" (never a name that may be wrong)."""
        if self.unclear:
            names = [n for n in self.candidates if n]
            return f"unclear: {' or '.join(names[:3])}?" if names else "unclear"
        return self.name or self.mention


@dataclass
class Quote:
    id: str
    article: str
    start: int
    end: int
    text: str
    kind: str  # "direct", "partial", "indirect"
    speaker: SpeakerRef | None
    verb: str = ""
    verb_span: Span | None = None
    mention_span: Span | None = None
    stance: dict[str, str] = field(default_factory=dict)

    @property
    def said(self) -> str:
        """The words as a table prints them: a direct quote in quotation marks, reported speech (partial,
        indirect) as "reported: ...", never between quotation marks."""
        words = self.text.strip()
        if self.kind == "direct":
            return f"“{words.strip(QUOTE_MARKS).strip()}”"
        return f"reported: {words}"


@dataclass
class Speaker:
    id: str
    name: str
    aliases: list[str]
    role: str = ""
    side: str = ""


@dataclass
class QuoteMatch:
    a: str | None
    b: str | None
    relation: str  # verbatim, trimmed, paraphrased, missing
    score: float = 0.0
    diff: list[DiffOp] = field(default_factory=list)


@dataclass
class Review:
    """The editor's judgement of a flag: `status` "confirmed" or "dismissed", their note, when (ISO 8601)."""

    status: str
    note: str = ""
    at: str = ""


@dataclass
class Flag:
    """One difference an editor would circle: found by the tool (`origin` "tool"), or marked by the editor
    ("user", `severity` None). `confidence`: the share of such flags an editor judged right (0..1, calibrated
    in framing/rank.py); 1.0 for files saved before it existed and for an editor's own flags. `review` is the
    editor's verdict on it, None (left out of the JSON) while nobody reviewed it.
    """

    type: str
    summary: str
    severity: float | None
    a: list[Span] = field(default_factory=list)
    b: list[Span] = field(default_factory=list)
    group: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    origin: str = "tool"
    review: Review | None = field(default=None, metadata={"omit_if_none": True})


@dataclass
class SameEvent:
    score: float
    verdict: bool
    reasons: list[str] = field(default_factory=list)
    # the score says one event but nothing pins the occasion down (no day, place or enough of the people agree):
    # the same event or the same kind of event on another occasion, framediff cannot tell (verdict stays False)
    unsure: bool = False


@dataclass
class Comparison:
    """Everything framediff knows about one or two articles."""

    articles: list[Article]
    alignment: list[Group] = field(default_factory=list)
    unmatched: dict[str, list[str]] = field(default_factory=lambda: {"a": [], "b": []})
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    quote_matches: list[QuoteMatch] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    same_event: SameEvent | None = None
    voices: dict[str, Any] = field(default_factory=dict)
    frames: dict[str, Any] = field(default_factory=dict)
    tone: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def across_languages(self) -> bool:
        """The two articles are in two languages (framediff/lang): no word diff, names and numbers marked."""
        return len(set(self.meta.get("languages", {}).values())) > 1

    def to_dict(self, deep: bool = True) -> dict[str, Any]:
        """The JSON document, as plain dicts and lists (a deep copy).

        `deep=False` leaves the values as they are (dataclasses inside, not copied) for a
        writer that turns each into a dict as it writes it (json's `default=plain`):
        the same text without the copy of the whole comparison (`output.write_json`).
        """
        d = {"schema": SCHEMA, **(asdict(self) if deep else plain(self))}
        if deep:
            for f in d["flags"]:
                if f["review"] is None:
                    del f["review"]
        if len(self.articles) == 1:
            for key in ("alignment", "unmatched", "quote_matches", "same_event"):
                d.pop(key)
        return d


def plain(obj: Any) -> dict[str, Any]:
    """One dataclass as the dict of its fields, values not converted (json `default`;
    applied at every level it gives the same dicts as `asdict`, less the fields marked
    `omit_if_none` that are None, which `to_dict` leaves out too)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: v for f in fields(obj)
                if (v := getattr(obj, f.name)) is not None or not f.metadata.get("omit_if_none")}
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
