"""Do two articles report the same event, or the same kind of event on another occasion?

Topic similarity cannot tell: three different meetings on one subject read
alike (on the seeds, the mean-vector cosine ranks cross-meeting pairs above
same-meeting ones). The evidence used is what pins one occasion down:

- who: the people, places and organisations each article names (spaCy NER).
  A name counts as shared when one of its words (>= 3 letters) appears in a
  name of the same kind on the other side, or a close spelling of it
  ("Shoigu"/"Shoygu"), so "Itsunori Onodera" meets "Onodera Inori" in a
  machine translation. `names`: the mean of the two sides' shares of names
  found on the other side; `persons`: the same for people only; `lead`: the
  same for the names in the title and first LEAD_UNITS sentences (where a
  report says who did what); `lead_absent`: how many people of the leads the
  other article never names (0-3).
- when: days the leads mention ("July 31st", "31 May 2019"; "on Tuesday" and
  "today" resolved against the publication date when there is one, otherwise
  weekdays are only weak evidence), and the latest year each text mentions.
  `when_agree` / `when_conflict`: 1 for a day that agrees within a day / days
  that all differ, 0.5 for unanchored weekdays; the latest years add 0.5. Publication dates, when
  both are known, follow a rule fixed by hand (ECB+ has none): more than a
  week apart is strong evidence of two occasions, within two days mild
  evidence of one.
- where: the places the leads put the event "in", "at" or "near".
  `where_agree` / `where_conflict`: 1 when one is shared / none is.
- what happened, told alike: the share of passages the alignment matched
  (`coverage`) and its confidence (`confidence`, mean group score).

The score is a logistic combination; the constants were fitted on ECB+ (same
event vs same kind of event) by `bench/ecbplus.py --fit`, which prints the
cross-validated AUC. The verdict says "same event" only when the score is at
least VERDICT_AT and the occasion is pinned down: a day or place agrees, or
at least VERDICT_PERSONS of the people are the same; and never when the leads
put the event in different places with nothing agreeing. Recurring events
(talks, summits, trials) have the same actors every time, so shared names
alone must not carry the verdict. See docs/same_event.md.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from .comparison import Article, Group, SameEvent

# Fitted by bench/ecbplus.py --fit (logistic regression on ECB+ development topics).
WEIGHTS = {"names": 0.82, "persons": 2.55, "coverage": 3.97, "confidence": 2.39, "lead": 2.67, "lead_absent": -0.23,
           "when_agree": 2.04, "when_conflict": -0.65, "where_agree": 0.58, "where_conflict": -0.15}
BIAS = -3.20
# Fixed by hand: publication dates known on both sides.
GAP_FAR_DAYS, GAP_FAR_W = 7, -4.0
GAP_NEAR_DAYS, GAP_NEAR_W = 2, 1.0
VERDICT_AT = 0.5
# The verdict also needs the occasion pinned down (see same_event): the people's share from which
# shared actors alone can stand for it, a round value between the ECB+ class means (0.10 / 0.48).
VERDICT_PERSONS = 0.4
LEAD_UNITS = 3

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_MD = re.compile(rf"\b{_MON}\s+{_ORD}\b(?:,?\s+(\d{{4}}))?", re.I)
_DM = re.compile(rf"\b{_ORD}\s+(?:of\s+)?{_MON}\b(?:,?\s+(\d{{4}}))?", re.I)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_RELATIVE = re.compile(r"\b(today|yesterday|tonight|this morning)\b", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org",
          "NORP": "org", "EVENT": "org"}
_NAME_STOP = frozenset("the and for of von van der de la le mr mrs ms dr st new".split())


@dataclass(frozen=True)
class _Facts:
    names: dict[str, tuple[frozenset[str], ...]]  # kind -> names, each a set of its words
    lead: dict[str, tuple[frozenset[str], ...]]  # the same for names in the title and first sentences
    venues: tuple[frozenset[str], ...]  # places the lead puts the event "in" or "at"
    days: frozenset[tuple[int | None, int, int]]  # (year or None, month, day)
    weekdays: frozenset[int]
    years: frozenset[int]
    shown: dict[frozenset[str], str]  # a name's words -> the name as first written


def _iso(s: str) -> date | None:
    try:
        return date.fromisoformat(s[:10])
    except (ValueError, TypeError):
        return None


@lru_cache(maxsize=1024)
def _facts(text: str, published: str, lead_end: int) -> _Facts:
    from .nlp import parse

    names: dict[str, set[frozenset[str]]] = {"person": set(), "place": set(), "org": set()}
    lead: dict[str, set[frozenset[str]]] = {"person": set(), "place": set(), "org": set()}
    venues: set[frozenset[str]] = set()
    shown: dict[frozenset[str], str] = {}
    doc = parse(text)
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if not kind:
            continue
        words = frozenset(w.lower() for w in re.findall(r"[^\W\d_]{3,}", ent.text) if w.lower() not in _NAME_STOP)
        if words:
            names[kind].add(words)
            shown.setdefault(words, " ".join(ent.text.split()))
            if ent.start_char < lead_end:
                lead[kind].add(words)
                before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                if kind == "place" and before in ("in", "at", "near"):
                    venues.add(words)
    pub = _iso(published)
    days: set[tuple[int | None, int, int]] = set()
    for rx, mon_at, day_at in ((_MD, 1, 2), (_DM, 2, 1)):
        for m in rx.finditer(text[:lead_end]):
            month, day = _MONTHS[m.group(mon_at).lower().rstrip(".")], int(m.group(day_at))
            if m.group(mon_at) == "may" or not 1 <= day <= 31:  # "may 3" lower-case is a verb
                continue
            year = int(m.group(3)) if m.group(3) else None
            days.add((year, month, day))
    weekdays = {_WEEKDAYS[w.lower()] for w in _WEEKDAY.findall(text[:lead_end])}
    if pub is not None:  # "on Tuesday" in an article published on a Wednesday: the day before
        for wd in weekdays:
            d = pub - timedelta(days=(pub.weekday() - wd) % 7)
            days.add((d.year, d.month, d.day))
        if _RELATIVE.search(text[:lead_end]):
            days.add((pub.year, pub.month, pub.day))
    years = {int(y) for y in _YEAR.findall(text)}
    if pub is not None:
        years.add(pub.year)
    return _Facts({k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in lead.items()}, tuple(venues), frozenset(days), frozenset(weekdays), frozenset(years),
                  shown)


def _same_word(w: str, words: frozenset[str]) -> bool:
    """Equal, or a spelling variant of a transliterated name ("Shoigu"/"Shoygu", "Sergey"/"Sergei")."""
    if w in words:
        return True
    return len(w) >= 5 and any(len(v) >= 5 and v[:2] == w[:2] and SequenceMatcher(None, w, v).ratio() >= 0.8
                               for v in words)


def _found(names: tuple[frozenset[str], ...], other: tuple[frozenset[str], ...]) -> list[bool]:
    words = frozenset().union(*other) if other else frozenset()
    return [any(_same_word(w, words) for w in n) for n in names]


def _name_share(fa: _Facts, fb: _Facts, kinds: tuple[str, ...], lead: bool = False) -> tuple[float, list[str]]:
    """Mean over the two sides of the share of their names (or lead names) found on the other side."""
    shares, missing = [], []
    for x, y in ((fa, fb), (fb, fa)):
        found = [(n, ok) for k in kinds
                 for n, ok in zip(x.lead[k] if lead else x.names[k], _found(x.lead[k] if lead else x.names[k], y.names[k]))]
        if found:
            shares.append(sum(ok for _, ok in found) / len(found))
        missing += [x.shown.get(n, " ".join(sorted(n))) for n, ok in found if not ok]
    return (sum(shares) / len(shares) if shares else 0.0), missing


def _near(d1: tuple[int | None, int, int], d2: tuple[int | None, int, int]) -> bool:
    if d1[0] is not None and d2[0] is not None and abs(d1[0] - d2[0]) > 1:
        return False
    try:
        x = date(d1[0] or d2[0] or 2000, d1[1], d1[2])
        y = date(d2[0] or d1[0] or 2000, d2[1], d2[2])
    except ValueError:
        return False
    return abs((x - y).days) <= 1 or abs((x - y).days) >= 365  # year unknown: Dec 31 meets Jan 1


def _when(fa: _Facts, fb: _Facts) -> tuple[float, str]:
    """+1 the mentioned days agree, -1 they disagree, 0 unknown; plus half of the same for years."""
    value, reason = 0.0, ""
    if fa.days and fb.days:
        agree = [(d1, d2) for d1 in fa.days for d2 in fb.days if _near(d1, d2)]
        if agree:
            d = agree[0][0]
            value, reason = 1.0, f"both mention the same day ({_day(d)})"
        else:
            value, reason = -1.0, (f"the days they mention differ ({', '.join(sorted(map(_day, fa.days))[:3])} / "
                                   f"{', '.join(sorted(map(_day, fb.days))[:3])})")
    elif fa.weekdays and fb.weekdays:  # no dates to anchor them: weak evidence
        names = list(_WEEKDAYS)
        if fa.weekdays & fb.weekdays:
            value, reason = 0.5, f"both mention {names[min(fa.weekdays & fb.weekdays)].title()}"
        else:
            value, reason = -0.5, "the weekdays they mention differ"
    if fa.years and fb.years:
        if max(fa.years) == max(fb.years):
            value += 0.5
        elif not fa.years & fb.years:
            value -= 0.5
            reason = (reason + "; " if reason else "") + (
                f"they mention different years ({max(fa.years)} / {max(fb.years)})")
    return value, reason


def _where(fa: _Facts, fb: _Facts) -> tuple[float, str]:
    """+1 the leads put the event in the same place, -1 in different places, 0 unknown."""
    if not fa.venues or not fb.venues:
        return 0.0, ""
    def place(f: _Facts, v: frozenset[str]) -> str:
        return f.shown.get(v, " ".join(sorted(v)).title())

    shared = [n for n, ok in zip(fa.venues, _found(fa.venues, fb.venues)) if ok]
    if shared:
        return 1.0, f"both leads place it in {place(fa, shared[0])}"
    return -1.0, (f"the leads place it in different places ({', '.join(sorted(place(fa, v) for v in fa.venues))} / "
                  f"{', '.join(sorted(place(fb, v) for v in fb.venues))})")


def _day(d: tuple[int | None, int, int]) -> str:
    month = list(_MONTHS)[d[1] - 1].title()
    return f"{month} {d[2]}" + (f", {d[0]}" if d[0] else "")


def _lead_end(a: Article) -> int:
    """End of the title and first LEAD_UNITS sentences: where a report says who, where and when."""
    units = a.units[:LEAD_UNITS + 1]
    return units[-1].end if units else len(a.text)


def features(a: Article, b: Article, groups: list[Group]) -> tuple[dict[str, float], list[str]]:
    """The evidence as numbers (for the score and for bench/ecbplus.py) and in words."""
    fa, fb = _facts(a.text, a.date or "", _lead_end(a)), _facts(b.text, b.date or "", _lead_end(b))
    covered = sum(len(g.a) + len(g.b) for g in groups)
    coverage = covered / max(len(a.units) + len(b.units), 1)
    confidence = sum(g.score for g in groups) / len(groups) if groups else 0.0
    names, _ = _name_share(fa, fb, ("person", "place", "org"))
    persons, people_missing = _name_share(fa, fb, ("person",))
    lead_names, _ = _name_share(fa, fb, ("person", "place", "org"), lead=True)
    _, lead_absent = _name_share(fa, fb, ("person",), lead=True)
    where, where_reason = _where(fa, fb)
    when, when_reason = _when(fa, fb)
    f = {"names": names, "persons": persons, "when": when, "coverage": coverage, "confidence": confidence,
         "lead": lead_names, "lead_absent": float(min(len(lead_absent), 3)),
         "when_agree": max(when, 0.0), "when_conflict": max(-when, 0.0),
         "where_agree": max(where, 0.0), "where_conflict": max(-where, 0.0),
         "weekday_shared": float(bool(fa.weekdays & fb.weekdays))}  # not scored: weak evidence for the verdict's words
    reasons = [f"{coverage:.0%} of the passages tell the same facts (mean match score {confidence:.2f})",
               f"{names:.0%} of the people, places and organisations named are named by both"
               + (f" ({persons:.0%} of the people)" if fa.names["person"] or fb.names["person"] else "")]
    if people_missing:
        shown = sorted(set(people_missing), key=str.lower)
        reasons.append("people named by only one: " + ", ".join(shown[:6]) + (" ..." if len(shown) > 6 else ""))
    reasons += [r for r in (when_reason, where_reason) if r]
    return f, reasons


def same_event(a: Article, b: Article, groups: list[Group]) -> SameEvent:
    """Score in [0, 1] and a verdict, with the reasons a reader can check."""
    f, reasons = features(a, b, groups)
    z = BIAS + sum(WEIGHTS[k] * f[k] for k in WEIGHTS)
    pa, pb = _iso(a.date or ""), _iso(b.date or "")
    gap = None
    if pa and pb:
        gap = abs((pa - pb).days)
        if gap > GAP_FAR_DAYS:
            z += GAP_FAR_W
            reasons.append(f"the articles are dated {gap} days apart ({a.date} / {b.date})")
        elif gap <= GAP_NEAR_DAYS:
            z += GAP_NEAR_W
            reasons.append(f"the articles are dated within {gap} day(s) of each other")
    score = 1 / (1 + math.exp(-z))
    occasion_agrees = f["when_agree"] > 0 or f["where_agree"] > 0 or (pa and pb and gap <= GAP_NEAR_DAYS)
    # unsure: the score says one event but nothing pins the occasion down, or the leads' places disagree while a
    # weekday agrees: framediff cannot tell
    verdict, unsure = False, False
    if score < VERDICT_AT:
        pass
    elif f["where_conflict"] > 0 and not occasion_agrees:
        unsure = f["weekday_shared"] > 0
        reasons.append("the leads place it in different places, but both mention the same weekday" if unsure else
                       "the same kind of event in another place: no day or place of the two agrees")
    elif f["persons"] < VERDICT_PERSONS and not occasion_agrees:
        unsure = True
        reasons.append("too few of the people are the same, and no day or place of the two agrees")
    else:
        verdict = True
    return SameEvent(round(score, 3), verdict, reasons, unsure)
