"""Quotes in Russian, Chinese and Japanese: quotation marks «…» „…“ “…” 「…」 『…』 and the reporting verbs
of each language (заявил, сказал, 表示, 称, 述べた ...). A direct quote is the marked text; Russian
"заявил, что ..." and Chinese "表示，..." are indirect quotes (to the end of the sentence). The speaker is
the name next to the verb, outside the quote: a capitalised run in Russian, the characters before the
verb in Chinese and Japanese. A speaker is resolved (confidence 0.8) only when that mention is a name
matched in the other article (names across scripts) or, in Russian, a capitalised name seen elsewhere
than at the start of a sentence; otherwise it is
"unclear" (confidence 0.3), and the views print "unclear"."""
from __future__ import annotations

import re

from ..comparison import Article, Quote, Speaker, SpeakerRef

_MARKS = re.compile(r"«[^«»]{3,}»|„[^„“”]{3,}[“”]|“[^“”]{3,}”|「[^「」]{2,}」|『[^『』]{2,}』|\"[^\"]{3,}\"")
_VERBS = {
    "ru": r"(?:заяви(?:л|ла|ли)|сказа(?:л|ла|ли)|отмети(?:л|ла|ли)|подчеркну(?:л|ла|ли)|сообщи(?:л|ла|ли)|"
          r"добави(?:л|ла|ли)|признал[аи]?|говорит|считает)",
    "zh": r"(?:表示|说|称|指出|强调|宣布|透露)",
    "ja": r"(?:述べた|語った|話した|強調した|明らかにした|と述べ|と語)",
}
_RU_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]*)*")
_SENT_END = "。！？.!?\n"
RESOLVED, UNRESOLVED = 0.8, 0.3


def supported(language: str) -> bool:
    return language in _VERBS


def _ru_name(text: str, start: int, end: int) -> bool:
    """A Russian capitalised mention is a name when it has two words or is capitalised elsewhere than at
    the start of a sentence (every sentence starts with a capital: "Стороны заявили, что ...")."""
    mention = text[start:end]
    if " " in mention.strip():
        return True
    for m in re.finditer(re.escape(mention), text):
        before = text[:m.start()].rstrip()
        if before and before[-1] not in _SENT_END + "«„“\"":
            return True
    return False


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(c, 0, start) for c in _SENT_END) + 1
    ends = [i for i in (text.find(c, end) for c in _SENT_END) if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


def _mention(art: Article, language: str, verb: re.Match, outside: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker's mention next to the verb, within its sentence and outside the quote."""
    text = art.text
    s, e = _sentence(text, verb.start(), verb.end())
    if language == "ru":
        names = [m for m in _RU_NAME.finditer(text, s, e) if not (outside[0] <= m.start() < outside[1])
                 and m.start() != s or (m.start() == s and m.end() <= verb.start())]
        names = [m for m in names if not (outside[0] <= m.start() < outside[1])]
        if not names:
            return None
        best = min(names, key=lambda m: min(abs(m.end() - verb.start()), abs(m.start() - verb.end())))
        return best.span()
    end = outside[0] if verb.start() >= outside[1] else verb.start()  # 「…」と述べた: the speaker is before the quote
    before = text[s:end].rstrip("はがもと：:，, ")
    cut = max(before.rfind(c) for c in "，,、：:」”』 ") + 1
    ms, me = s + cut, s + len(before)
    if outside[0] <= ms < outside[1] or me - ms < 2:
        return None
    return ms, min(me, ms + 8)


def find_quotes(art: Article, names: list[tuple[int, int]] | None = None) -> tuple[list[Quote], list[Speaker]]:
    """Quotes of one article in a supported language, with speakers where they are resolved.
    `names`: spans of this article's names matched across scripts (a mention containing one is resolved)."""
    language = art.language
    verbs = re.compile(_VERBS[language])
    text, quotes, speakers = art.text, [], {}
    spans: list[tuple[int, int, str]] = [(m.start(), m.end(), "direct") for m in _MARKS.finditer(text)]
    tail = r"(?:\s+[а-яё]+){0,3}\s*,\s*что\s+" if language == "ru" else r"\s*[，,：:]\s*(?![「“\"«])" if language == "zh" else None
    if tail:
        for m in re.finditer(_VERBS[language] + tail, text):
            s, e = _sentence(text, m.end(), m.end())
            if not any(a <= m.end() < b for a, b, _ in spans):
                spans.append((m.end(), e, "indirect"))
    for n, (qs, qe, kind) in enumerate(sorted(spans), 1):
        s, e = _sentence(text, qs, qe)
        near = [v for v in verbs.finditer(text, s, max(e, qe + 40)) if not (qs <= v.start() < qe)]
        verb = min(near, key=lambda v: min(abs(v.start() - qe), abs(v.end() - qs)), default=None)
        mention = _mention(art, language, verb, (qs, qe)) if verb else None
        ref = None
        if mention:
            ms, me = mention
            named = any(a < me and ms < b for a, b in names or [])
            resolved = named or (language == "ru" and _ru_name(text, ms, me))
            label = text[ms:me]
            sid = speakers.setdefault(label, f"{art.id}s{len(speakers) + 1}")
            ref = SpeakerRef(id=sid, name=label if resolved else "", mention=label,
                             confidence=RESOLVED if resolved else UNRESOLVED, candidates=[] if resolved else [label])
        quotes.append(Quote(id=f"{art.id}lq{n}", article=art.id, start=qs, end=qe, text=text[qs:qe], kind=kind,
                            speaker=ref, verb=verb.group() if verb else "",
                            verb_span=art.span(*verb.span()) if verb else None,
                            mention_span=art.span(*mention) if mention else None))
    return quotes, [Speaker(id=sid, name=label, aliases=[label]) for label, sid in speakers.items()]
