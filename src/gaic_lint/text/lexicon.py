"""The shapes of report text: CJK characters, numbers and blank cells, enumerators, page numbers and
part headings. Readers, the structure stage and rules all recognise these; one definition keeps them
from drifting apart (a trailing "-" once meant a blank cell to one table reader and prose to another)."""

from __future__ import annotations

import re

# Character-class bodies (for use inside [...]).
# The common block of unified ideographs: nearly all report text, and what a document number's
# issuing organ is written in.
CJK_COMMON = "\u4e00-\u9fff"
# Every ideograph a text layer may give, with extension A and the compatibility block.
CJK_IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’"
NUMERALS = "一二三四五六七八九十"


def is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_cjk_text(ch: str) -> bool:
    """A character of East Asian text, punctuation and full-width forms included: between two of
    these a line break is not a space."""
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF
            or 0x3000 <= cp <= 0x303F)


# A table cell a report leaves empty on purpose.
BLANK_MARKS = frozenset({"-", "—", "/", "／", "－", "——"})


def is_blank_cell(text: str) -> bool:
    t = text.strip()
    return not t or t in BLANK_MARKS


# A number as a table cell or a column-aligned token writes it: sign, thousands separators, decimals.
NUMBER_TOKEN = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def is_number_token(text: str) -> bool:
    return NUMBER_TOKEN.fullmatch(text) is not None


# Units a report writes after a number in a table cell ("18件", "0.5万元") although the header gives them.
UNITS = ("万元", "元", "件", "个", "条", "项", "次", "人", "份", "%", "％")
_QUANTITY = re.compile(rf"{NUMBER_TOKEN.pattern} ?(?:{'|'.join(UNITS)})?")


def is_quantity(text: str) -> bool:
    """A number, bare or with a unit after it: what a table cell holds in place of a count."""
    return _QUANTITY.fullmatch(text) is not None


# The enumerators that start a paragraph or a row label: "一、" "一." "（一）" "(1)" "1." "1、".
# "1.5" is a number, not an enumerator.
ENUMERATOR = re.compile(rf"^\s*(?:[{NUMERALS}]+\s*[、.．]|[（(]\s*[{NUMERALS}\d]+\s*[)）]|\d+\s*[、.．](?!\d))")

# "- 3 -", "— 3 —", "-3-", "第3页", "第 3 页 共 6 页", "第3页/6页", "3 / 6", "3", "-3": a line that is only a page number.
# No two blank runs meet around an optional mark (`\s*-?\s*`): they would split a long run every way.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－‒―]+\s*\d+\s*[-—–－‒―]+|第\s*\d+\s*页(?:\s*(?:[，,/／]\s*)?共\s*\d+\s*页|\s*[/／]\s*\d+\s*页?)?"
    r"|\d+\s*/\s*\d+|(?:[-—–－]\s*)?\d+(?:\s*[-—–－])?)\s*$"
)
# A bare number is a page number only where page numbers stand (the page margin); in a table it is a cell.
BARE_NUMBER = re.compile(r"^\s*\d+\s*$")


def is_page_number(line: str, bare: bool = False) -> bool:
    """Whether the line is only a page number; a bare "3" counts only when `bare` says the line stands
    where page numbers do."""
    return bool(PAGE_NUMBER.match(line)) and (bare or not BARE_NUMBER.match(line))


# A part heading of the six-part format: "一、总体情况", "第三部分 …", "四．…"; groups: numeral, title.
# The title ends at its last non-space (`(.+?)\s*$` would try every end and rescan the blanks after it:
# quadratic on a long blank run).
PART_HEADING = re.compile(rf"^\s*(?:第)?([{NUMERALS}]+)\s*(?:、|\.|．|部分)\s*(\S(?:.*\S)?|[^\S\n])\s*$")
# Its start alone, for lines cut short (a wrapped heading, a line in column-aligned text).
PART_HEADING_START = re.compile(rf"^\s*[{NUMERALS}]+\s*[、.．]")
