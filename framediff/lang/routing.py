"""Which step reads which language. A step runs only on the languages it has a model or word list for;
every other step is named in a notice (Comparison.meta["notices"]), never run on the wrong language."""
from __future__ import annotations

from ..comparison import Article
from ..errors import shown

LANGUAGES = {"en": "English", "ru": "Russian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "de": "German",
             "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "ar": "Arabic",
             "uk": "Ukrainian", "fa": "Persian", "tr": "Turkish", "pl": "Polish", "nl": "Dutch", "hi": "Hindi"}
# step -> the languages it reads ("*": any language the multilingual model knows)
STEPS = {
    "passage alignment (multilingual-e5-small)": "*",
    "numbers and dates": {"en", "ru", "zh", "ja"},
    "names across scripts": {"en", "ru", "zh", "ja", "uk", "de", "fr", "es", "it", "pt", "nl", "pl"},
    "quotes and speakers": {"en", "ru", "zh", "ja"},
    "framing flags, loaded words and tone": {"en"},
}


def language(art: Article) -> str:
    return art.language if art.language not in ("", "und") else "en"


def name(code: str) -> str:
    return LANGUAGES.get(code, f"the language {code}")


def is_english(*articles: Article) -> bool:
    """True when every article is English (or too short to tell): today's English pipeline runs."""
    return all(language(a) == "en" for a in articles)


def runs(step: str, art: Article) -> bool:
    langs = STEPS[step]
    return langs == "*" or language(art) in langs


def notices(*articles: Article) -> list[str]:
    """One line per article and step that does not run for its language, and the word diff across languages."""
    out = []
    for art in articles:
        skipped = [s for s in STEPS if not runs(s, art)]
        if skipped:
            only = "; ".join(f"{s}: {', '.join(name(c) for c in sorted(STEPS[s]))} only" for s in skipped)
            out.append(f"{art.id.upper()} ({shown(art.source)}) is in {name(language(art))}, so these steps did "
                       f"not run on it: {only}.")
    if len(articles) == 2 and language(articles[0]) != language(articles[1]):
        out.append(f"A is in {name(language(articles[0]))} and B in {name(language(articles[1]))}: matched passages "
                   f"are shown whole, side by side, with their names and numbers marked (a word diff across "
                   f"languages means nothing); quotes are paired by meaning and marked 'translated', never compared word for word.")
    return out
