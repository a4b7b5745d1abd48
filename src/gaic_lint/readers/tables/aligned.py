"""Rows of a table laid out with spaces instead of rulings, from positioned tokens.

Both column-aligned text (`pdftotext -layout`, character columns) and a PDF page without table
rulings (x coordinates in points) give lines of `(text, x0, x1)` tokens. A line is a table row when
it ends in values: numbers, and the blank marks ("-", "—", "/") a report writes in an empty cell
among them. What stands before the values is the row's label. Both readers decide rows here, so a
trailing "-" is a blank cell to both.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...text.lexicon import BLANK_MARKS, is_number_token

_TOKEN = re.compile(r"\S+")


class Token(NamedTuple):
    text: str
    x0: float
    x1: float


class Row(NamedTuple):
    label: list[Token]
    values: list[Token]

    @property
    def label_text(self) -> str:
        return " ".join(t.text for t in self.label)


def column_tokens(line: str) -> list[Token]:
    """The tokens of a line of column-aligned text, placed by character column."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]


def line_tokens(text: str, x0: float, x1: float) -> list[Token]:
    """The tokens of a text line whose only known positions are its two ends (a PDF text line):
    placed in proportion to their character offsets."""
    scale = (x1 - x0) / len(text) if text else 0.0
    return [Token(m.group(), x0 + m.start() * scale, x0 + m.end() * scale) for m in _TOKEN.finditer(text)]


def is_blank(text: str) -> bool:
    return text in BLANK_MARKS


def is_value(text: str) -> bool:
    return is_number_token(text) or text in BLANK_MARKS


def split_row(tokens: list[Token], min_gap: float = 0.0) -> Row | None:
    """The label and the trailing values of a table row, or None when the line does not end in
    values holding at least one number. With `min_gap`, the label and the values must stand that far
    apart (a column gap, not the single space of prose)."""
    k = len(tokens)
    while k > 0 and is_value(tokens[k - 1].text):
        k -= 1
    values = tokens[k:]
    if not any(is_number_token(t.text) for t in values):
        return None
    if k > 0 and values[0].x0 - tokens[k - 1].x1 < min_gap:
        return None
    return Row(tokens[:k], values)
