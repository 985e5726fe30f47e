"""Names across scripts: Лавров / Lavrov, 拉夫罗夫 / Lavrov, 河野太郎 / Kono Taro.

Each side's name candidates are romanised (anyascii for Cyrillic and Chinese, which gives pinyin without
tones; cutlet, on fugashi's tokens, for Japanese), folded to a rough sound key (v/f/b/w one letter, r and l
one, long vowels short, "ng" as "n"), and compared with difflib, the fuzzy matcher framediff already
uses: half the ratio of the whole key, half the ratio of its consonants (a transliteration into Chinese
adds vowels: la-fu-luo-fu). Latin and Cyrillic candidates are capitalised words (a Russian case ending
may be cut: Лаврова); Chinese and Japanese have no capitals, so their candidates are windows of two to
six characters (Chinese) or one to three nouns (Japanese), tried against the other side's names.
Exonyms (Пекин / Beijing, 普京 / Putin) do not sound alike and are not found: bench/lang.py counts them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

MATCH_AT = 0.8  # fitted on bench/lang.py's names: true pairs 0.82-1.0, the best false window 0.75
_WORDED = re.compile(r"(?:[A-Z][a-z'’]+|[A-Z]{2,}|[А-ЯЁ][а-яё]+)(?:[ -](?:[A-Z][a-z'’]+|[А-ЯЁ][а-яё]*))*")
_HAN = re.compile(r"[\u4e00-\u9fff·・]+")
_RU_ENDINGS = ("ого", "ому", "ым", "ом", "ой", "ую", "а", "у", "е", "ы")
# capitalised titles and words that start sentences are not names
_TITLES = {"minister", "foreign", "president", "prime", "the", "a", "in", "on", "this", "министр", "президент",
           "премьер", "глава", "в", "на", "по", "это", "мид"}
_FOLD = [("ou", "o"), ("uu", "u"), ("oo", "o"), ("ng", "n"), ("kh", "h"), ("ph", "b"), ("y", "i"), ("j", "i"),
         ("v", "b"), ("f", "b"), ("w", "b"), ("r", "l")]


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    key: str  # the folded romanisation the match was made on


def fold(roman: str) -> str:
    k = re.sub(r"[^a-z]", "", roman.lower())
    for a, b in _FOLD:
        k = k.replace(a, b)
    return k


def similarity(x: str, y: str) -> float:
    """Half the ratio of the folded keys, half that of their consonants."""
    if not x or not y:
        return 0.0
    sx, sy = re.sub("[aeiou]", "", x), re.sub("[aeiou]", "", y)
    return 0.5 * SequenceMatcher(None, x, y).ratio() + 0.5 * (SequenceMatcher(None, sx, sy).ratio() if sx and sy else 0)


def script(language: str) -> str:
    return {"zh": "han", "ja": "ja"}.get(language, "words")


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    if before[-2:] in (',"', ",”", ",»"):  # '"…," Lavrov said': the sentence goes on after the quote
        return False
    return not before or before[-1] in ".!?…\n«„“\"'(:"


def worded_names(text: str) -> list[Name]:
    """Capitalised runs and their words (Latin or Cyrillic), with a Russian case ending cut as a variant."""
    out = []
    runs = list(_WORDED.finditer(text))
    inside = {w.group() for m in runs for w in re.finditer(r"\w+", m.group())
              if not _starts_sentence(text, m.start() + w.start())}
    for m in runs:
        words = [(w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"\w+", m.group())]
        words = [w for w in words if text[w[0]:w[1]].lower() not in _TITLES]
        if words and words[0][0] == m.start() and _starts_sentence(text, m.start()) \
                and text[words[0][0]:words[0][1]] not in inside:
            words = words[1:]  # every sentence starts with a capital: a name only if capitalised elsewhere too
        parts = [(words[i][0], words[j][1]) for i in range(len(words)) for j in range(i, min(i + 3, len(words)))]
        for s, e in parts:
            word = text[s:e]
            out.append(Name(s, e, fold(anyascii(word))))
            if re.search("[а-яё]$", word):
                for end in _RU_ENDINGS:
                    if word.endswith(end) and len(word) - len(end) >= 3:
                        out.append(Name(s, e, fold(anyascii(word[:-len(end)]))))
    return out


@lru_cache(maxsize=1)
def _japanese():
    import cutlet
    import fugashi

    return fugashi.Tagger(), cutlet.Cutlet()


def window_names(text: str, language: str) -> list[Name]:
    """Chinese: every run of 2-6 Han characters; Japanese: every run of 1-3 consecutive nouns."""
    out = []
    if language == "ja":
        tagger, katsu = _japanese()
        toks, at = [], 0
        for w in tagger(text):
            at = text.find(w.surface, at)
            toks.append((at, at + len(w.surface), w.feature.pos1 == "名詞", fold(katsu.romaji(w.surface))))
            at += len(w.surface)
        for i in range(len(toks)):
            for n in range(1, 4):
                run = toks[i:i + n]
                if len(run) == n and all(t[2] for t in run):
                    out.append(Name(run[0][0], run[-1][1], "".join(t[3] for t in run)))
        return out
    for m in _HAN.finditer(text):
        for s in range(m.start(), m.end()):
            for n in range(2, 7):
                if s + n <= m.end():
                    out.append(Name(s, s + n, fold(anyascii(text[s:s + n]))))
    return out


def candidates(text: str, language: str) -> list[Name]:
    return window_names(text, language) if script(language) != "words" else worded_names(text)


def match_names(text_a: str, lang_a: str, text_b: str, lang_b: str) -> list[tuple[Name, Name, float]]:
    """Pairs of names that sound alike across the two texts (spans into each), best first, each span used
    once; a windowed side (Chinese, Japanese) is matched only against the other side's names."""
    ca, cb = candidates(text_a, lang_a), candidates(text_b, lang_b)
    if script(lang_a) != "words" and script(lang_b) != "words":
        return []  # two scripts without capitals: no names to start from
    scored = []
    for x in ca:
        if len(x.key) < 3:
            continue
        for y in cb:
            if len(y.key) >= 3 and abs(len(x.key) - len(y.key)) <= max(len(x.key), len(y.key)) // 2 + 1:
                s = similarity(x.key, y.key)
                if s >= MATCH_AT:
                    scored.append((s, x, y))
    scored.sort(key=lambda t: (-t[0], -(t[1].end - t[1].start), t[1].start, t[2].start))
    used_a: list[tuple[int, int]] = []
    used_b: list[tuple[int, int]] = []
    out = []
    for s, x, y in scored:
        if any(x.start < e and b < x.end for b, e in used_a) or any(y.start < e and b < y.end for b, e in used_b):
            continue
        used_a.append((x.start, x.end))
        used_b.append((y.start, y.end))
        out.append((x, y, round(s, 3)))
    return out
