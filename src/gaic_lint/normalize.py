"""Text normalisation shared by the structure stage and the rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "〈": "<", "〉": ">", "《": "<", "》": ">"})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# Enumerators as reports write them: "1." "1、" "1．" "1 、" -> "1."
_ENUM_DIGIT = re.compile(r"^(\d+)[.、．,，]")
_ENUM_ZH = re.compile(r"^([一二三四五六七八九十]+)[.、．,，]")
_ENUM_PAREN = re.compile(r"^\(([一二三四五六七八九十\d]+)\)[.、．,，]?")

ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """A key for comparing labels: NFKC (full width -> half width), no spaces, one quote style,
    enumerators written one way. "（一） 予以公开" and "(一)予以公开" give the same key."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    t = _SPACE.sub("", t)
    t = _ENUM_DIGIT.sub(r"\1.", t)
    t = _ENUM_ZH.sub(r"\1、", t)
    t = _ENUM_PAREN.sub(r"(\1)", t)
    return t


def strip_enumerator(text: str) -> str:
    """The label without its leading enumerator: "(三)不予公开" -> "不予公开"."""
    t = norm_label(text)
    for pattern in (_ENUM_DIGIT, _ENUM_ZH, _ENUM_PAREN):
        m = pattern.match(t)
        if m:
            return t[m.end():]
    return t


def zh_numeral(text: str) -> int | None:
    if text in ZH_NUMERALS:
        return ZH_NUMERALS[text]
    if len(text) == 2 and text[0] == "十" and text[1] in ZH_NUMERALS:
        return 10 + ZH_NUMERALS[text[1]]
    return None


_NUMBER = re.compile(r"^[-+−]?\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """The number a table cell holds, or None. Thousands separators and full-width digits accepted."""
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace("−", "-")
    t = _SPACE.sub("", t)
    if _NUMBER.match(t):
        return float(t)
    return None


def squash(text: str) -> str:
    """Remove the spaces PDF extraction puts between characters ("2025 年", "30 号")."""
    return _SPACE.sub("", text)


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams; good enough to tell a reworded heading from another."""
    a, b = norm_label(a), norm_label(b)
    if not a or not b:
        return 0.0
    ga = {a[i:i + 2] for i in range(max(1, len(a) - 1))}
    gb = {b[i:i + 2] for i in range(max(1, len(b) - 1))}
    return 2 * len(ga & gb) / (len(ga) + len(gb))
