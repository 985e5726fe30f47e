"""The Story: three or more articles grouped by event, each event's units placed in claims.

A plain, serialisable object beside `Comparison`; `Story.to_dict()` is the JSON contract
`framediff/story-1` (docs/story.md), read back strictly by `story.schema.load_story`.
"""
from __future__ import annotations

import string
from dataclasses import asdict, dataclass, field
from typing import Any

from ..comparison import Article, Comparison, Quote, Span, Speaker

STORY_SCHEMA = "framediff/story-1"
STATES = ("present", "reworded", "absent")
PLACES = ("headline", "lead", "body")
MAX_ARTICLES = 12
IDS = string.ascii_lowercase[:MAX_ARTICLES]  # article ids in input order


@dataclass
class PairScore:
    """The same-event score of two articles (`same_event.same_event` on their alignment)."""

    a: str
    b: str
    score: float
    verdict: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """How one outlet tells one claim: `present` in the claim's reference wording, `reworded`
    (with the word diff against the reference), or `absent`; where its first unit stands."""

    state: str
    where: str = ""
    diff: list = field(default_factory=list)  # DiffOp: `a` spans the reference outlet, `b` this one


@dataclass
class Claim:
    """Units of one or more outlets that tell the same thing."""

    id: str
    units: dict[str, list[str]]
    score: float  # mean score of the pair groups that joined it; 0 when one outlet tells it
    reference: str = ""  # the outlet whose wording is the most common one (the medoid)
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class StoryFlag:
    """A framing difference, naming the outlets it concerns and their spans.

    `pair` is the two outlets of the pair comparison it comes from (None for story-level flags)."""

    type: str
    summary: str
    severity: float
    articles: list[str]
    spans: dict[str, list[Span]]
    pair: list[str] | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0  # the pair flag's (`Flag.confidence`); the story's own omission flags: 1.0


@dataclass
class Event:
    """Articles that report one event (two or more: a story), with their claims."""

    id: str
    articles: list[str]
    same_event: list[PairScore]
    claims: list[Claim] = field(default_factory=list)
    flags: list[StoryFlag] = field(default_factory=list)
    outlets: dict[str, dict[str, Any]] = field(default_factory=dict)
    naming: list[dict[str, list[Span]]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    voices: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story:
    """Everything framediff shows about three or more articles."""

    articles: list[Article]
    events: list[Event] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)
    same_event: list[PairScore] = field(default_factory=list)  # every pair of inputs
    meta: dict[str, Any] = field(default_factory=dict)
    pairs: dict[tuple[str, str], Comparison] = field(default_factory=dict, repr=False, compare=False)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (`pairs`, the pair comparisons kept for drill-down, are not part of it)."""
        return {"schema": STORY_SCHEMA, "articles": [asdict(a) for a in self.articles],
                "events": [asdict(e) for e in self.events], "singles": list(self.singles),
                "same_event": [asdict(p) for p in self.same_event], "meta": dict(self.meta)}
