"""Writing systems of text: which script a line is in, so link spam in another script stands out."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Han, kana and Hangul: one family, since Japanese and Korean lines mix them.
_CJK = "\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9f"
CJK_RUN = re.compile(f"[{_CJK}]+")
_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK",
           "IDEOGRAPHIC": "CJK", "KATAKANA-HIRAGANA": "CJK"}


@lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN").split()[0]
    return _FAMILY.get(name, name)


def script_shares(s: str) -> dict[str, float]:
    """Share of each script among the letters of `s` ({} if it has none)."""
    counts: dict[str, int] = {}
    for ch in s:
        if ch.isalpha():
            sc = _script(ch)
            counts[sc] = counts.get(sc, 0) + 1
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def main_script(text: str) -> str:
    """The script most letters of `text` are in ("LATIN", "CYRILLIC", "CJK", ...)."""
    shares = script_shares(text)
    return max(shares, key=shares.get) if shares else "LATIN"
