"""Label normalisation: keys for comparing labels, enumerators stripped, similarity, cell numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import CJK_IDEOGRAPHS, CJK_PUNCT, NUMBER_TOKEN, NUMERALS

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "〈": "<", "〉": ">", "《": "<", "》": ">"})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# Enumerators (the shapes of `lexicon.ENUMERATOR`) as they look after NFKC and without spaces, each
# rewritten one way: "1." "1、" "1．" "1 、" -> "1."
_ENUM_DIGIT = re.compile(r"^(\d+)[.、．,，]")
_ENUM_ZH = re.compile(rf"^([{NUMERALS}]+)[.、．,，]")
_ENUM_PAREN = re.compile(rf"^\(([{NUMERALS}\d]+)\)[.、．,，]?")


# The full-width forms Chinese text is full of, each with its NFKC form.
_WIDE = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？％０１２３４５６７８９　")


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, some fifteen times sooner on Chinese text, whose
    ideographs the normalizer takes one by one though none of them changes. The common full-width
    marks are replaced by their NFKC forms (so the text's compatibility decomposition is unchanged);
    when what is left is already in NFKC, the quick check says so and it is the answer. Otherwise
    the text is normalized in full."""
    quick = text
    for wide, narrow in _WIDE:
        if wide in quick:
            quick = quick.replace(wide, narrow)
    return quick if unicodedata.is_normalized("NFKC", quick) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """A key for comparing labels: NFKC (full width -> half width), no spaces, one quote style,
    enumerators written one way. "（一） 予以公开" and "(一)予以公开" give the same key."""
    t = nfkc(text).translate(_QUOTES)
    t = _SPACE.sub("", t)
    t = _ENUM_DIGIT.sub(r"\1.", t)
    t = _ENUM_ZH.sub(r"\1、", t)
    t = _ENUM_PAREN.sub(r"(\1)", t)
    return t


@lru_cache(maxsize=8192)
def strip_enumerator(text: str) -> str:
    """The label without its leading enumerator: "(三)不予公开" -> "不予公开". Remembered, as
    `norm_label` is: binding asks it of the same labels for every report."""
    t = norm_label(text)
    for pattern in (_ENUM_DIGIT, _ENUM_ZH, _ENUM_PAREN):
        m = pattern.match(t)
        if m:
            return t[m.end():]
    return t


def parse_number(text: str) -> float | None:
    """The number a table cell holds, or None. Thousands separators and full-width digits accepted."""
    # Binding tries every cell against every row of the template, and the rules read the same cells
    # again: plain digits (most cells) are read at once, other short texts are remembered, long ones
    # never kept.
    if text.isdigit() and text.isascii():
        return float(text)
    return _parse_short(text) if len(text) <= 32 else _parse_number(text)


@lru_cache(maxsize=4096)
def _parse_short(text: str) -> float | None:
    return _parse_number(text)


def _parse_number(text: str) -> float | None:
    t = nfkc(text).replace(",", "").replace("−", "-")
    t = _SPACE.sub("", t)
    if NUMBER_TOKEN.fullmatch(t):
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
    ga, gb = _bigrams(a), _bigrams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    # One side is nearly always a template's label or heading, compared again for every report.
    return frozenset(text[i:i + 2] for i in range(max(1, len(text) - 1)))


# Spaces a PDF text layer puts between CJK text and digits or inside CJK runs ("2025 年", "第 711 号").
_SPACE_AROUND_CJK = re.compile(
    rf"(?<=[{CJK_IDEOGRAPHS}{CJK_PUNCT}])[ \u00a0]+(?=[\w{CJK_IDEOGRAPHS}{CJK_PUNCT}])"
    rf"|(?<=\w)[ \u00a0]+(?=[{CJK_IDEOGRAPHS}{CJK_PUNCT}])"
)


def normalize_spaces(text: str) -> str:
    """Remove the spaces the text layer puts next to CJK characters ("2025 年" -> "2025年"); keep the
    spaces between Latin words and numbers ("0635 8419595", "www.x.cn 查阅" stays readable)."""
    return _SPACE_AROUND_CJK.sub("", text)
