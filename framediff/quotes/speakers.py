"""One speaker per real person or body across both articles.

Full names that agree word by word in any order, allowing translation
spelling ("Kawano Taro" = "Taro Kono"), join across articles; a one-word
name ("Lavrov") joins the one full name that holds it. Within one article,
mangled forms also join through the same office ("Japan's defense minister
Oeno Temple" = "Japanese defense minister Onodera Inori"). Pronouns and role
nouns ("he", "the minister", "the scholar") then take the nearest earlier
compatible speaker, and unnamed sources and bodies join by their words.
Nothing joins across a conflict of nation, portfolio, gender (Mr/Mrs,
he/she) or expert versus official, and two full names that differ never join.
"""
from __future__ import annotations

import bisect
import difflib
import heapq
from collections import Counter, defaultdict
from functools import lru_cache

from ..comparison import Speaker
from .mentions import Mention, key_of
from .verbs import BODIES, EXPERT, OFFICE, PORTFOLIO

TITLE_WORDS = (OFFICE | EXPERT | PORTFOLIO) - {"counterpart"}

STRONG = 0.75  # name words this alike (difflib ratio) are the same word spelt two ways
SKELETON = 0.6  # ... or this alike with the same consonants ("Kawano" / "Kono")
LOOKBACK = 3   # paragraphs a pronoun or role noun looks back for its speaker
SURE, LIKELY, UNSURE = 0.9, 0.7, 0.35  # confidence of a pronoun's speaker: gender agrees, not known, rivals
SALIENT = 3  # a bare surname shared by two people is the one named this many times as often as the other


def _conflict(a: Mention, b: Mention) -> bool:
    """Two mentions that cannot be one speaker: other nation, other portfolio, other gender, expert vs official."""
    if (a.nation and b.nation and a.nation != b.nation) or (a.gender and b.gender and a.gender != b.gender):
        return True
    pa, pb = a.portfolio - {"former", "deputy", "vice"}, b.portfolio - {"former", "deputy", "vice"}
    if pa and pb and not pa & pb:
        return True
    return (a.expert and b.official) or (a.official and b.expert)


CACHE = 1 << 16  # name pairs remembered (few distinct name words; bounded for long-running sessions)


@lru_cache(maxsize=CACHE)  # each pair of name words is measured once
def _sim(x: str, y: str) -> float:
    return difflib.SequenceMatcher(None, x, y).ratio()


def _skeleton(w: str) -> str:
    return w[0] + "".join(ch for ch in w[1:] if ch not in "aeiouyhw")


@lru_cache(maxsize=CACHE)
def same_word(w: str, v: str) -> bool:
    """One name word spelt two ways: close spelling, or the same consonants (transliteration)."""
    if w == v:
        return True
    if min(len(w), len(v)) <= 3:
        return False
    return _sim(w, v) >= STRONG or (_skeleton(w) == _skeleton(v) and _sim(w, v) >= SKELETON)


@lru_cache(maxsize=CACHE)  # pure in its two name tuples, which many mentions share
def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every word of the shorter name has its own match in the longer one, in any order.

    A one-word name must appear as written; between two full names a word may
    also be spelt differently ("Shoygu" / "Shoigu", "Kawano Taro" / "Taro Kono").
    """
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    free = list(long)
    fuzzy = len(short) > 1
    for w in short:
        best = next((v for v in sorted(free, key=lambda v: -_sim(w, v)) if w == v or (fuzzy and same_word(w, v))), None)
        if best is None:
            return False
        free.remove(best)
    return True


def _join_key(m: Mention) -> tuple:
    """What `_Clusters.union` reads of a mention: two mentions with one key join or conflict alike."""
    return (m.nation, m.gender, m.portfolio - {"former", "deputy", "vice"}, m.expert, m.official,
            m.names if len(m.names) > 1 else None)


class _Clusters:
    """Union-find that keeps each cluster's members (and their distinct join keys) at its root."""

    def __init__(self, mentions: list[Mention]):
        self.m = mentions
        self.parent = list(range(len(mentions)))
        self.groups = {i: [i] for i in range(len(mentions))}
        self.keys = {i: {_join_key(m): i} for i, m in enumerate(mentions)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def group(self, i: int) -> list[int]:
        """The members of i's cluster (unordered; do not modify)."""
        return self.groups[self.find(i)]

    def members(self) -> dict[int, list[int]]:
        groups = defaultdict(list)
        for i in range(len(self.m)):
            groups[self.find(i)].append(i)
        return groups

    def union(self, i: int, j: int, names_must_agree: bool = True) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        # one representative per distinct join key: the same answer as every member pair
        for ka, x in self.keys[ri].items():
            for kb, y in self.keys[rj].items():
                a, b = self.m[x], self.m[y]
                full = ka[-1] is not None and kb[-1] is not None
                if _conflict(a, b) or (names_must_agree and full and not same_name(a.names, b.names)):
                    return False
        self.parent[rj] = ri
        self.groups[ri].extend(self.groups.pop(rj))
        keys = self.keys.pop(rj)
        for k, x in keys.items():
            self.keys[ri].setdefault(k, x)
        return True


def cluster(mentions: list[Mention], speaking: set[int], paragraph_of,
            asking: set[int]) -> tuple[list[list[int]], dict]:
    """Groups of mention indices, one per real speaker, and for each pronoun or role noun joined to a person
    how sure that is and the people it may be (`_resolve`); `asking`: speakers who only ask questions."""
    c = _Clusters(mentions)
    people = [i for i, m in enumerate(mentions) if m.kind == "person"]
    full = [i for i in people if len(mentions[i].names) > 1]
    by_name: dict[tuple, list[int]] = defaultdict(list)  # distinct full names, each with its mentions (ascending)
    for i in full:
        by_name[mentions[i].names].append(i)
    agree = _agreeing(list(by_name))  # each pair of names that can agree compared once
    for x in full:  # the unions of the pair loop over mentions, in its order (x, then y ascending)
        lists = [by_name[b] for b in agree[mentions[x].names]]
        for y in heapq.merge(*(ys[bisect.bisect_right(ys, x):] for ys in lists)):
            c.union(x, y)
    _join_same_office(c, people)
    _join_mangled(c, full)
    shared = _join_one_word_names(c, people, full)
    resolved = _resolve(c, people, speaking, paragraph_of, asking)
    resolved.update({i: sure for i, sure in shared.items() if i in speaking})
    resolved.update(_resolve_they(c, speaking, paragraph_of))
    keyed = {}
    for i, m in enumerate(mentions):
        if m.kind in ("unnamed", "body", "media", "role") and i not in resolved:
            key = key_of(m)
            if key in keyed:
                c.union(keyed[key], i, names_must_agree=False)
            else:
                keyed[key] = i
    return sorted(c.members().values(), key=lambda g: min(g)), resolved


def _agreeing(names: list[tuple[str, ...]]) -> dict[tuple, list[tuple]]:
    """name -> the names (of `names`, itself included) it agrees with by `same_name`.

    Blocking: two names can agree only when some word of one is a spelling (`same_word`) of some word of the
    other, so only names sharing a word or a spelling of one are compared. Spellings are found among the
    distinct name words, after cheap upper bounds on difflib's ratio (length, shared letters) rule most out.
    """
    holding: dict[str, list[int]] = defaultdict(list)  # name word -> names holding it
    for k, name in enumerate(names):
        for w in set(name):
            holding[w].append(k)
    spelt = _spellings(list(holding))
    out = {}
    for k, a in enumerate(names):
        cand = sorted({n for w in set(a) for v in spelt[w] for n in holding[v]})
        out[a] = [names[n] for n in cand if same_name(a, names[n])]
    return out


def _spellings(words: list[str]) -> dict[str, set[str]]:
    """word -> the words (itself included) that are a spelling of it by `same_word`, either way round."""
    import numpy as np

    out = {w: {w} for w in words}
    long = [w for w in words if len(w) > 3]  # shorter words are only ever the same word as written
    if len(long) < 2:
        return out
    letters: dict[str, int] = {}
    for w in long:
        for ch in w:
            letters.setdefault(ch, len(letters))
    counts = np.zeros((len(long), len(letters)), np.int32)
    for r, w in enumerate(long):
        for ch in w:
            counts[r, letters[ch]] += 1
    size = np.array([len(w) for w in long], np.float64)
    floor = min(STRONG, SKELETON)
    for r in range(len(long) - 1):
        rest = slice(r + 1, None)
        total = size[r] + size[rest]
        near = 2.0 * np.minimum(size[r], size[rest]) / total >= floor  # difflib's real_quick_ratio bound
        if not near.any():
            continue
        idx = np.flatnonzero(near) + r + 1
        shared = np.minimum(counts[r], counts[idx]).sum(axis=1)
        for c in idx[2.0 * shared / (size[r] + size[idx]) >= floor]:  # ... and its quick_ratio bound
            w, v = long[r], long[int(c)]
            if same_word(w, v) or same_word(v, w):
                out[w].add(v)
                out[v].add(w)
    return out


def _join_mangled(c: _Clusters, full: list[int]) -> None:
    """Machine translation renders one name in pieces: when one person (joined through an office) is already
    written as two full names that share the first word and differ after it ("Oeno Temple", "Oeno Abbey"),
    another full name of that article with the same first word ("The Oeno Five Principles") is that person too.
    Two names that merely share a first word ("Sergey Lavrov", "Sergey Shoigu") never make such a family."""
    forms: dict[tuple[str, str], dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for j in full:
        m = c.m[j]
        forms[(m.article, m.names[0])][c.find(j)].add(m.names)
    for i in full:
        m = c.m[i]
        families = [r for r, names in forms[(m.article, m.names[0])].items() if len(names) >= 2]
        if len(families) == 1 and c.find(i) != families[0]:
            c.union(families[0], i, names_must_agree=False)


def _join_one_word_names(c: _Clusters, people: list[int], full: list[int]) -> dict[int, tuple[float, list]]:
    """ "Lavrov" joins the one full name holding that word, in its own article first (among those it names before
    the word, when there are any: "Mr. Jackson" in a story about Jesse Jackson Jr. that names Michael Jackson only at
    its end), else in the other. With two candidates it joins the one the article names SALIENT times as often as
    any other ("Clinton" in a story about Hillary Clinton that names Bill Clinton once), less surely; else neither
    ("Charles" beside Charles Grassley and Charles Schumer), and its speaker is unclear. Returns those mentions with
    how sure and one mention of each candidate."""
    shared: dict[int, tuple[float, list[int]]] = {}
    holding: dict[str, list[int]] = defaultdict(list)  # name word -> full names holding it
    for j in full:
        for w in set(c.m[j].names):
            holding[w].append(j)
    first: dict[tuple, int] = {}  # names -> first person with them
    for j in people:
        first.setdefault(c.m[j].names, j)
    for i in people:
        m = c.m[i]
        if len(m.names) != 1:
            continue
        holders = {c.find(j) for j in holding.get(m.names[0], ())}
        here = {r for r in holders if any(c.m[j].article == m.article for j in c.groups[r])}
        # a surname stands for someone the article has already named in full, not one it names only later
        before = {c.find(j) for j in holding.get(m.names[0], ())
                  if c.m[j].article == m.article and c.m[j].start < m.start}
        pick = before or here or holders
        if len(pick) == 1:
            c.union(pick.pop(), i)
        elif pick:
            size = {r: sum(1 for j in c.groups[r] if c.m[j].article == m.article) for r in pick}
            ranked = sorted(pick, key=lambda r: (-size[r], r))
            if size[ranked[0]] >= SALIENT * size[ranked[1]]:  # "Clinton" in a story about Hillary Clinton
                c.union(ranked[0], i)
                shared[i] = (LIKELY, ranked)
            else:
                shared[i] = (UNSURE, ranked)
        elif not holders:
            same = first.get(m.names)
            if same is not None and same < i:
                c.union(same, i)
    return shared


def _resolve(c: _Clusters, people: list[int], speaking: set[int], paragraph_of,
             asking: set[int]) -> dict[int, tuple[float, list[int]]]:
    """Join each speaking pronoun or role noun to the nearest earlier compatible person.

    Returns, for each reference joined, how sure the join is and the people it may be (the pick first).
    A compatible person is of the pronoun's gender and number and never an organisation (people only).
    The pick is the latest compatible person within LOOKBACK paragraphs who speaks or is the subject of a
    clause, else the latest one there, else the latest earlier one, walking back through each article's
    pool sorted by start. The join is sure when the
    pick's gender is known to agree and no other compatible person is named between the pick and the
    reference; another such person makes it unclear (both are candidates), and so does a pick found only
    farther back than LOOKBACK paragraphs, and a "she" whose pick's gender is not known (the first-name list
    knows most women's names: an unknown one is often a man's, "Antonin Scalia")."""
    done: dict[int, tuple[float, list[int]]] = {}
    pool: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # article -> (start, -order in pool, index)
    for k, j in enumerate(people):
        pool[c.m[j].article].append((c.m[j].start, -k, j))
    for entries in pool.values():
        entries.sort()
    size = len(people)
    offsets: dict[str, list[int]] = defaultdict(list)
    for j in list(people) + list(speaking):
        offsets[c.m[j].article].append(c.m[j].start)
    rising = _rising(offsets, paragraph_of)
    for i in sorted(speaking, key=lambda i: (c.m[i].article, c.m[i].start)):
        m = c.m[i]
        if m.kind not in ("pronoun", "role") or (m.kind == "pronoun" and m.text.lower() not in ("he", "she")):
            continue
        here = paragraph_of(m.article, m.start)
        entries = pool[m.article]
        top = bisect.bisect_right(entries, (m.start, 1, 0))  # every entry starting at or before the reference

        def earlier():  # latest first; one start's entries in pool order
            for k in range(top - 1, -1, -1):
                j = entries[k][2]
                if c.m[j].end <= m.start:
                    yield j

        def near(j):
            return here - paragraph_of(m.article, c.m[j].start) <= LOOKBACK

        def fits(j):
            group = c.group(j)
            return not any(_conflict(m, c.m[g]) for g in group) and _fits_role(m, [c.m[g] for g in group])

        window = []  # compatible people within LOOKBACK paragraphs, latest first
        for j in earlier():
            if not near(j):
                if rising[m.article]:
                    break  # paragraphs never rise going back: every earlier one is farther still
                continue
            if fits(j):
                window.append(j)
        pick = next((j for j in window if j in speaking or c.m[j].subject), window[0] if window else None)
        if m.kind == "role" and pick is not None and _other_role(m, [c.m[g] for g in c.group(pick)]):
            # "the Democratic nominee" after "Republican nominee Donald Trump": the latest person written with it
            pick = next((j for j in window if _holds_role(m, [c.m[g] for g in c.group(j)])), pick)
        def holds(j):
            return _holds_role(m, [c.m[g] for g in c.group(j)])

        office = m.kind == "role" and m.head_lemma not in EXPERT  # a role noun that names an office
        if office and pick is not None and not holds(pick) and _other_office(m, [c.m[g] for g in c.group(pick)]):
            # "the president also called out ..." after the press secretary spoke: the person written as president
            # ("President Obama", paragraphs back) before the nearest speaker, who is written with another office
            pick = next((j for j in earlier() if fits(j) and holds(j)), pick)
        back = pick is not None and pick not in window  # written with the role, but farther back: less sure
        far = pick is None
        if far:
            pick = next((j for j in earlier() if fits(j)), None)
        if pick is None:
            continue
        root = c.find(pick)
        titled = office and holds(pick)
        rivals = []  # other compatible people named between the pick and the reference (for a role noun whose pick
        # is written with it, only others written with it: the press secretary is no rival for "the president")
        for j in window:
            if c.m[j].start <= c.m[pick].start:
                break
            if c.find(j) != root and all(c.find(j) != c.find(r) for r in rivals) and not (titled and not holds(j)):
                rivals.append(j)
        if pick not in speaking and not far:  # a speaker of this or the paragraph before is as likely,
            # not one who only asked (the answer to "... host Bob Schieffer asked" is the one asked's)
            voice = next((j for j in window if j in speaking and c.find(j) != root
                          and here - paragraph_of(m.article, c.m[j].start) <= 1
                          and any(g in speaking and g not in asking for g in c.group(j))), None)
            if voice is not None and all(c.find(voice) != c.find(r) for r in rivals):
                rivals.append(voice)
        group = [c.m[g] for g in c.group(pick)]
        agrees = _holds_role(m, group) if m.kind == "role" else bool(m.gender) and any(g.gender == m.gender
                                                                                       for g in group)
        sure = UNSURE if far or rivals or (m.kind == "role" and not agrees) or (m.gender == "f" and not agrees) \
            else SURE if agrees and not back else LIKELY
        c.union(pick, i, names_must_agree=False)
        done[i] = (sure, [pick] + rivals)
        bisect.insort(entries, (m.start, -size, i))
        size += 1
    return done


def _resolve_they(c: _Clusters, speaking: set[int], paragraph_of) -> dict[int, tuple[float, list[int]]]:
    """ "they said" takes the latest group that spoke in its paragraph or the one before ("Some Republican
    senators ... They argue ..."), less surely (LIKELY); a group from the paragraph before, with another
    group there too, leaves it unclear."""
    done = {}
    groups = sorted((j for j in speaking if c.m[j].plural and c.m[j].kind in ("unnamed", "body", "media")),
                    key=lambda j: (c.m[j].article, c.m[j].start))
    for i in speaking:
        m = c.m[i]
        if m.kind != "pronoun" or m.text.lower() != "they":
            continue
        here = paragraph_of(m.article, m.start)
        before = [j for j in groups if c.m[j].article == m.article and c.m[j].end <= m.start
                  and here - paragraph_of(m.article, c.m[j].start) <= 1]
        if not before:
            continue
        pick = before[-1]
        rivals = list(dict.fromkeys(c.find(j) for j in reversed(before[:-1]) if c.find(j) != c.find(pick)))
        near = paragraph_of(m.article, c.m[pick].start) == here
        c.union(pick, i, names_must_agree=False)
        done[i] = (LIKELY, [pick]) if near or not rivals else (UNSURE, [pick] + rivals)
    return done


_ABBREVIATED = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                "prof": "professor", "pres": "president", "sec": "secretary", "amb": "ambassador"}


_PARTY = {"gop": "republican", "democrat": "democratic", "dem": "democratic"}


def _other_role(ref: Mention, group: list[Mention]) -> bool:
    """Written with the role noun but another party or place ("Republican nominee" for "the Democratic nominee")."""
    return ref.head_lemma not in EXPERT and _has_role(ref, group) and not _holds_role(ref, group)


# office words that name no particular office ("his Japanese counterpart Takeshi Iwaya" may be "the minister")
_GENERIC_OFFICES = {"counterpart", "official", "leader", "head", "chief", "diplomat", "envoy", "nominee", "candidate",
                    "lawmaker", "representative", "commander"}


def _other_office(ref: Mention, group: list[Mention]) -> bool:
    """Written only with another office than the role noun's ("Press Secretary Jay Carney" for "the president"); a
    person written with no office ("Takeshi Iwaya for defense") may still be "the minister"."""
    offices = {w for g in group for w in g.role_lemmas} & (OFFICE - _GENERIC_OFFICES)
    return bool(offices) and ref.head_lemma not in offices


def _has_role(ref: Mention, group: list[Mention]) -> bool:
    return any(ref.head_lemma in {_ABBREVIATED.get(w.strip("."), w) for w in g.role_lemmas} for g in group)


def _holds_role(ref: Mention, group: list[Mention]) -> bool:
    """ "the governor" for a person written somewhere as a governor ("Gov. Jan Brewer"), "the New Jersey
    governor" for one written with New Jersey; "the scholar" for an expert of any kind."""
    if ref.head_lemma in EXPERT:
        return any(g.expert for g in group)
    said = [w.lower() for w in ref.role.split() if w[:1].isupper()]  # its capitalised words: "New Jersey", "GOP"
    places = {_PARTY.get(w, w) for w in said if w not in ("the", "a", "an") and w != ref.head_lemma}
    written = {_PARTY.get(w, w) for g in group for w in g.role_lemmas | set(g.text.lower().split())}
    return _has_role(ref, group) and places <= written  # not the Florida governor, not the GOP's nominee


def _rising(starts: dict[str, list[int]], paragraph_of) -> dict[str, bool]:
    """Per article: do paragraph numbers never fall as these offsets rise?"""
    out = {}
    for article, offsets in starts.items():
        paras = [paragraph_of(article, o) for o in sorted(offsets)]
        out[article] = all(p <= q for p, q in zip(paras, paras[1:]))
    return out


def _fits_role(ref: Mention, group: list[Mention]) -> bool:
    """A role noun ("the minister", "the scholar") needs a person not known to be the other kind."""
    if ref.kind != "role":
        return True
    if ref.head_lemma in EXPERT:  # "the experts" for one expert happens only in translation: ask for an expert
        return any(g.expert for g in group) if ref.plural else not any(g.official for g in group)
    return not any(g.expert for g in group)


def _office(m: Mention) -> tuple | None:
    words = set(m.role.lower().split())
    if not (m.nation and m.portfolio and words & {"minister", "secretary", "commander", "chief", "head"}):
        return None
    if m.portfolio & {"former", "deputy", "vice"}:
        return None
    return m.article, m.nation, tuple(sorted(m.portfolio))


def _join_same_office(c: _Clusters, people: list[int]) -> None:
    """In one article one office (nation + portfolio) is one person, however the name was translated."""
    first = {}
    for i in people:
        key = _office(c.m[i])
        if key is None:
            continue
        if key in first:
            c.union(first[key], i, names_must_agree=False)
        else:
            first[key] = i


def speaker_of(group: list[int], mentions: list[Mention], sid: str) -> Speaker:
    """The Speaker a cluster stands for: its most common full name, every form, role and side."""
    ms = [mentions[i] for i in group]
    named = [m for m in ms if m.written]
    if named:
        counts = Counter(m.written for m in named)
        words = {m.written: m.names for m in named}
        name = max(counts, key=lambda f: (len(words[f]) > 1, _articles_agreeing(words[f], named), counts[f],
                                          _typical(words[f], named)))
    elif kind_of(ms) == "government":  # "Moscow said", "Tokyo believes": the government, not a person or place
        name = key_of(next(m for m in ms if key_of(m).endswith(" government")))
    else:
        name = max((m.text for m in ms), key=lambda t: (len(t.split()) <= 5, len(t)))
    aliases = sorted({m.text for m in ms if m.kind != "pronoun"} | {m.written for m in named} - {name})
    role = max((m.role for m in ms), key=lambda r: (len(set(r.lower().split()) & TITLE_WORDS), len(r)), default="")
    return Speaker(sid, name, aliases, role, side_of(ms))


_GROUP_HEADS = {"side", "country", "nation", "party"}


def kind_of(ms: list[Mention]) -> str:
    """What a speaker is, for share of voice and sourcing: a named `person`, an `unnamed source`, a nation's
    `government` ("Moscow", "Tokyo", "the Japanese", "Russia"), a named `body` ("the Russian Foreign Ministry"),
    `media`, a `group` of speakers ("the two sides", "the ministers"), or `generic` (no name: "the report")."""
    kinds = {m.kind for m in ms}
    if "person" in kinds:
        return "person"
    if "unnamed" in kinds:
        return "unnamed source"
    said = [m for m in ms if m.kind != "pronoun"]
    if said and all(key_of(m).endswith(" government") for m in said) and any(m.nation for m in said):
        return "government"
    if any(m.plural and m.head_lemma in OFFICE or m.head_lemma in _GROUP_HEADS for m in said):
        return "group"
    named = any(m.proper for m in said)
    if "media" in kinds:
        return "media" if named else "generic"
    return "body" if named else "generic"


def _articles_agreeing(words: tuple[str, ...], named: list[Mention]) -> int:
    """In how many articles this name, or a spelling of it, appears (mangled forms appear in one)."""
    return len({m.article for m in named if same_name(words, m.names)})


def _typical(words: tuple[str, ...], named: list[Mention]) -> float:
    """How well a name agrees with all others (the mangled outliers score low)."""
    return sum(max(_sim(w, v) for w in words for v in m.names) for m in named)


def side_of(ms: list[Mention]) -> str:
    """Russian official, Japanese official, expert, unnamed source, media, or "" when the text does not say."""
    nation = Counter(m.nation for m in ms if m.nation).most_common(1)
    nation = nation[0][0] if nation else ""
    if any(m.expert for m in ms):
        return "expert"
    if any(m.kind == "unnamed" for m in ms):
        return "unnamed source"
    if any(m.kind == "media" for m in ms):
        return "media"
    if any(m.official for m in ms) or any(_state_body(m) for m in ms):
        return f"{nation} official".strip()
    return ""


def _state_body(m: Mention) -> bool:
    """A nation's body that speaks for its state ("Moscow", "the Russian side", "Japan's Foreign Ministry"), not any
    capitalised thing of that nation ("the Russian Businessman", a newspaper's name translated)."""
    return m.kind == "body" and bool(m.nation) and (m.head_lemma in BODIES or key_of(m) == f"{m.nation} government")
