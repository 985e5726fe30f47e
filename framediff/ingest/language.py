"""Which language an article is written in: py3langid (offline, small, 97 languages)."""
from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_SAMPLE = 20_000
_MIN_CONFIDENCE = 0.5  # below this (a few words) the identifier is guessing


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "ru", "zh", ...), or "und" if it cannot tell."""
    language, confidence = _identifier().classify(text[:_SAMPLE])
    return language if confidence >= _MIN_CONFIDENCE else "und"
