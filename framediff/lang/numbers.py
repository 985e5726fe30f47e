"""Numbers as values, with their spans: digits ("240", "1,5", "2.400"), scale words ("240 billion",
"240 миллиардов", "2400亿"), numbers in words (English and Russian, "twenty-five", "двадцать пять")
and CJK numerals ("二十五", "三百", "两千"). Values are compared across languages, never the words."""
from __future__ import annotations

import re
from dataclasses import dataclass

_EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
             "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
             "hundred": 100}
# Russian stems (any case ending): "двух", "трёх", "пятью" are the same numbers
_RU_WORDS = [("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14), ("пятнадцат", 15),
             ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18), ("девятнадцат", 19),
             ("двадцат", 20), ("тридцат", 30), ("сорок", 40), ("пятьдесят", 50), ("шестьдесят", 60),
             ("семьдесят", 70), ("восемьдесят", 80), ("девяност", 90), ("сто", 100), ("двест", 200),
             ("трист", 300), ("четырест", 400), ("пятьсот", 500), ("один", 1), ("одн", 1), ("два", 2),
             ("две", 2), ("двух", 2), ("двум", 2), ("тр", 3), ("четыр", 4), ("пят", 5), ("шест", 6), ("сем", 7),
             ("восем", 8), ("девят", 9), ("десят", 10)]
_RU_WORD = re.compile(r"\b(?:одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|"
                      r"восемнадцат|девятнадцат|двадцат|тридцат|сорок|пятьдесят|шестьдесят|семьдесят|"
                      r"восемьдесят|девяност|сто|двест|трист|четырест|пятьсот|один|одн|два|две|двух|двум|"
                      r"тр(?:и|ех|ёх|ем|ём|ой)|четыр|пят|шест|сем|восем|девят|десят)[а-яё]*\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9,
           "триллион": 1e12, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_SCALE_AFTER = r"(?:\s*(?:thousand|million|billion|trillion|(?:тыс|млн|млрд|трлн)\.?|(?:тысяч|миллион|миллиард|триллион)[а-яё]*)\b|\s*[千万萬亿億兆](?![一二三四五六七八九十百千]))?"
_DIGITS = re.compile(r"(?<![0-9A-Za-z.,])\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?(?![\d])" + _SCALE_AFTER, re.I)
_CJK = re.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億]{1,12}")
_EN = re.compile(r"\b(?:" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")(?:[- ](?:"
                 + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r"))*\b" + _SCALE_AFTER, re.I)
# a lone "一" is nearly always the word "one/a" inside another word in Chinese (一些, 一起, 统一)
_CJK_MIN = 2


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float


def comparable(x: float, y: float) -> bool:
    """Two values that may be the same quantity told differently: both non-zero, within a factor of 10
    ("240 billion" / "250 миллиардов"; not "two countries" / "250 billion")."""
    return x > 0 and y > 0 and max(x, y) / min(x, y) <= 10 and x != y


def _digits_value(s: str) -> float:
    s = s.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", s):  # thousands separators: "1,200", "2 400", "2.400"
        return float(re.sub(r"\D", "", s))
    return float(s.replace(",", ".").replace(" ", ""))


def _scale(word: str) -> float:
    w = word.strip().lower().rstrip(".")
    for k, v in _SCALES.items():
        if w.startswith(k):
            return v
    return 1.0


def cjk_value(s: str) -> float | None:
    """二十五 -> 25, 三百 -> 300, 两千零五 -> 2005, 三万 -> 30000, 二〇二四 -> 2024 (digit by digit)."""
    if all(c in _CJK_DIGITS for c in s):
        return float("".join(str(_CJK_DIGITS[c]) for c in s)) if len(s) > 1 else float(_CJK_DIGITS[s])
    total, section, digit = 0.0, 0.0, None
    for c in s:
        if c in _CJK_DIGITS:
            digit = _CJK_DIGITS[c]
        elif c in _CJK_UNITS:
            section += (1 if digit is None else digit) * _CJK_UNITS[c]
            digit = None
        elif c in _CJK_BIG:
            total += (section + (digit or 0)) * _CJK_BIG[c]
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def _en_value(s: str) -> float:
    total = 0.0
    for w in re.split(r"[- ]", s.lower()):
        if w == "hundred":
            total = (total or 1) * 100
        elif w in _EN_WORDS:
            total += _EN_WORDS[w]
    return total


def _ru_value(words: list[str]) -> float:
    total = 0.0
    for w in words:
        lw = w.lower()
        total += next(v for stem, v in _RU_WORDS if lw.startswith(stem))
    return total


def numbers(text: str) -> list[Number]:
    """Every number of `text` with its value and its (start, end) span, in text order."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, v: float | None) -> None:
        if v is not None and not any(s < te and ts < e for ts, te in taken):
            found.append(Number(s, e, v))
            taken.append((s, e))

    for m in _DIGITS.finditer(text):
        head = re.match(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?", m.group())
        add(m.start(), m.end(), _digits_value(head.group()) * _scale(m.group()[head.end():]))
    for m in _EN.finditer(text):
        words = re.match(r"[a-z\- ]+?(?=\s*(?:thousand|million|billion|trillion)\b|$)", m.group(), re.I)
        add(m.start(), m.end(), _en_value(words.group() if words else m.group()) * _scale(m.group()[len(words.group()):] if words else ""))
    run: list[re.Match] = []
    for m in list(_RU_WORD.finditer(text)) + [None]:
        if run and (m is None or text[run[-1].end():m.start()].strip() != ""):
            s, e = run[0].start(), run[-1].end()
            tail = re.match(r"\s*((?:тыс|млн|млрд|трлн)\.?|(?:тысяч|миллион|миллиард|триллион)[а-яё]*)", text[e:], re.I)
            scale = 1.0
            if tail:
                e, scale = e + tail.end(), _scale(tail.group(1))
            add(s, e, _ru_value([r.group() for r in run]) * scale)
            run = []
        if m is not None:
            run.append(m)
    for m in _CJK.finditer(text):
        if len(m.group()) >= _CJK_MIN or m.group() in "十百千万":
            add(m.start(), m.end(), cjk_value(m.group()))
    return sorted(found, key=lambda n: n.start)
