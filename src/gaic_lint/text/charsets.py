"""Character sets: byte-order marks, whether a GB18030 decoding is plausible Chinese, and the codec a
declared charset name stands for."""

from __future__ import annotations

import codecs
import unicodedata

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any byte string; a wrong guess shows up as rare or unassigned characters.

    Real report text is CJK ideographs from the common block, CJK punctuation, ASCII and full-width
    forms. A file where more than a small share of characters falls outside that is not GB18030.
    """
    if not text:
        return True
    odd = ideographs = rare = 0
    for ch in text:
        cp = ord(ch)
        if 0x4E00 <= cp <= 0x9FFF:
            # Report text is almost all GB2312 characters; Shift-JIS or Big5 bytes read as GB18030
            # come out as the rare GBK-only ideographs (政府情報 in Shift-JIS reads as 惌晎忣曬).
            ideographs += 1
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                rare += 1
            continue
        if ch.isascii() or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF:
            continue
        if 0x2000 <= cp <= 0x206F or 0x2460 <= cp <= 0x24FF or 0x2500 <= cp <= 0x257F:
            continue  # general punctuation, circled numbers, box drawing
        if unicodedata.category(ch) in ("Cn", "Co", "Cs"):
            return False
        odd += 1
    return odd <= max(3, len(text) // 50) and rare <= max(5, ideographs // 5)


def codec_for(name: str | None) -> str | None:
    """A charset label (HTTP header, `<meta charset>`) as a Python codec; GB2312/GBK are decoded as
    GB18030, their superset, because pages labelled GB2312 routinely use GBK-only characters."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in ("x-gbk", "cp936", "ms936"):  # Windows and browser spellings Python does not know
        return "gb18030"
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    if canonical in ("gb2312", "gbk", "gb18030", "hz"):
        return "gb18030"
    return canonical
