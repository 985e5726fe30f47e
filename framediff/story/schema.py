"""Reading a saved story (`framediff/story-1`) back, as strictly as a saved pair (schema.py):
every span inside its article and equal to its characters, every id existing, sizes bounded.
Reached through the same entry point as a pair: `schema.read_comparison` / `load_comparison`."""
from __future__ import annotations

from typing import Any

from ..comparison import Span
from ..errors import InputError
from .. import schema_fields as fields
from .model import IDS, PLACES, STATES, Cell, Claim, Event, PairScore, Story, StoryFlag


def load_story(d: dict) -> Story:
    """Build a Story from parsed JSON of schema framediff/story-1, or raise InputError saying what is wrong."""
    try:
        return _load(d)
    except fields.Bad as e:
        raise InputError(f"damaged story: {e}") from None
    except (TypeError, AttributeError, ValueError, KeyError, StopIteration) as e:
        raise InputError(f"damaged story: {type(e).__name__}") from None


def _load(d: dict) -> Story:
    raw = fields.req(d, "articles", list, "file")
    if not 2 <= len(raw) <= len(IDS):
        raise fields.Bad(f"articles must hold 2 to {len(IDS)} articles")
    articles = [fields.article(a, i) for i, a in enumerate(raw)]
    if [a.id for a in articles] != list(IDS[:len(articles)]):
        raise fields.Bad("article ids must be 'a', 'b', 'c', ... in order")
    texts = {a.id: a.text for a in articles}
    units = {a.id: {u.id for u in a.units} for a in articles}
    story = Story(articles=articles, meta=fields.opt(d, "meta", dict, {}, "file"))
    story.same_event = [_pair(p, texts, f"same_event[{i}]") for i, p in enumerate(fields.opt(d, "same_event", list, [], "file"))]
    in_event: set[str] = set()
    for i, e in enumerate(fields.req(d, "events", list, "file")):
        story.events.append(_event(e, texts, units, f"events[{i}]"))
        ids = story.events[-1].articles
        if in_event & set(ids):
            raise fields.Bad(f"events[{i}] holds an article of another event")
        in_event |= set(ids)
    story.singles = _ids(fields.req(d, "singles", list, "file"), texts, "singles")
    if in_event & set(story.singles) or in_event | set(story.singles) != set(texts):
        raise fields.Bad("every article must be in exactly one event or among the singles")
    return story


def _ids(lst: Any, allowed, where: str) -> list[str]:
    if not isinstance(lst, list) or not all(isinstance(x, str) and x in allowed for x in lst):
        raise fields.Bad(f"{where} names ids that do not exist")
    return list(lst)


def _pair(p: Any, texts: dict, where: str) -> PairScore:
    a, b = fields.req(p, "a", str, where), fields.req(p, "b", str, where)
    if a not in texts or b not in texts:
        raise fields.Bad(f"{where} names an article that does not exist")
    return PairScore(a, b, fields.num(p, "score", where), fields.req(p, "verdict", bool, where),
                     [r for r in fields.opt(p, "reasons", list, [], where) if isinstance(r, str)])


def _spans(lst: Any, text: str, where: str) -> list[Span]:
    if not isinstance(lst, list):
        raise fields.Bad(f"{where} is not a list")
    return [fields.span(s, text, where) for s in lst]


def _event(e: Any, texts: dict, units: dict, w: str) -> Event:
    ids = _ids(fields.req(e, "articles", list, w), texts, f"{w}.articles")
    if len(ids) < 2 or len(set(ids)) != len(ids):
        raise fields.Bad(f"{w}.articles must name two or more different articles")
    event = Event(fields.req(e, "id", str, w), ids, [_pair(p, texts, f"{w}.same_event") for p in fields.req(e, "same_event", list, w)])
    placed: set[tuple[str, str]] = set()
    for i, c in enumerate(fields.req(e, "claims", list, w)):
        cw = f"{w}.claims[{i}]"
        told = fields.req(c, "units", dict, cw)
        if not told or any(aid not in ids or not isinstance(us, list) or not us
                           or not all(isinstance(u, str) and u in units[aid] for u in us) for aid, us in told.items()):
            raise fields.Bad(f"{cw} names units that do not exist in its event")
        for aid, us in told.items():
            if any((aid, u) in placed for u in us):
                raise fields.Bad(f"{cw} holds a unit another claim holds")
            placed |= {(aid, u) for u in us}
        ref = fields.opt(c, "reference", str, next(iter(told)), cw)
        if ref not in told:
            raise fields.Bad(f"{cw}.reference is not an outlet that tells it")
        cells = {}
        for aid, cell in fields.opt(c, "cells", dict, {}, cw).items():
            if (aid not in ids or fields.req(cell, "state", str, cw) not in STATES
                    or fields.opt(cell, "where", str, "", cw) not in ("", *PLACES)):
                raise fields.Bad(f"{cw}.cells has an unknown outlet, state or place")
            diff = fields.diff(cell.get("diff", []), texts[ref], texts[aid], f"{cw}.cells.diff")
            cells[aid] = Cell(cell["state"], cell.get("where") or "", diff)
        event.claims.append(Claim(fields.req(c, "id", str, cw), {k: list(v) for k, v in told.items()}, fields.num(c, "score", cw), ref, cells))
    if placed != {(aid, u) for aid in ids for u in units[aid]}:
        raise fields.Bad(f"{w}.claims do not hold every unit of the event")
    for i, f in enumerate(fields.opt(e, "flags", list, [], w)):
        fw = f"{w}.flags[{i}]"
        spans = {aid: _spans(s, texts[aid], fw) for aid, s in fields.req(f, "spans", dict, fw).items()
                 if aid in ids or _bad(f"{fw} points into an article outside its event")}
        pair = fields.opt(f, "pair", list, None, fw)
        event.flags.append(StoryFlag(fields.req(f, "type", str, fw), fields.req(f, "summary", str, fw), fields.num(f, "severity", fw),
                                     _ids(fields.req(f, "articles", list, fw), ids, fw), spans,
                                     _ids(pair, ids, fw) if pair is not None else None, fields.opt(f, "detail", dict, {}, fw),
                                     fields.confidence(f, fw)))
    for i, row in enumerate(fields.opt(e, "naming", list, [], w)):
        if not isinstance(row, dict) or any(aid not in ids for aid in row):
            raise fields.Bad(f"{w}.naming[{i}] names an article outside its event")
        event.naming.append({aid: _spans(s, texts[aid], f"{w}.naming[{i}]") for aid, s in row.items()})
    event.speakers = [fields.speaker(s) for s in fields.opt(e, "speakers", list, [], w)]
    event.quotes = [fields.quote(q, {aid: texts[aid] for aid in ids}, {s.id for s in event.speakers}, f"{w}.quotes[{i}]")
                    for i, q in enumerate(fields.opt(e, "quotes", list, [], w))]
    event.voices = fields.opt(e, "voices", dict, {}, w)
    event.outlets = fields.opt(e, "outlets", dict, {}, w)
    if set(event.outlets) - set(ids):
        raise fields.Bad(f"{w}.outlets names an article outside its event")
    return event


def _bad(msg: str) -> bool:
    raise fields.Bad(msg)
