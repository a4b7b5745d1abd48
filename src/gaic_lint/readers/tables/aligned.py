"""Rows of a table laid out with spaces instead of rulings, from positioned tokens.

Both column-aligned text (`pdftotext -layout`, character columns) and a PDF page without table
rulings (x coordinates in points) give lines of `(text, x0, x1)` tokens. A line is a table row when
it ends in values: numbers in any notation ("96171.6", "-3", "1,234", "0.5万元"), the blank marks
("-", "—", "/") and the words for "none" ("无", given by the rulebook) a report writes in an empty cell.
What stands before the values is the row's label. Both readers decide rows here, so a trailing "-" is
a blank cell to both, and a value the rules must judge (a negative count, a unit in the cell) is
still a cell of its row rather than a row lost.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Collection

from ...text.lexicon import BLANK_MARKS, PART_HEADING_START, UNITS, is_number_token, is_quantity

_TOKEN = re.compile(r"\S+")
# Other text in a cell among the values ("见附件") is this short; a longer run is a label or prose.
_MAX_WORD_CELL = 6
_PROSE = frozenset("，。；：,;:")


# A word and where it runs along the line: (str, float, float).
Token = namedtuple("Token", "text x0 x1")


class Row(namedtuple("Row", "label values")):
    """A line cut into its label's tokens and its values' tokens (two lists of Token)."""

    __slots__ = ()

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


def is_blank(text: str, none_words: Collection[str] = ()) -> bool:
    return text in BLANK_MARKS or text in none_words


def is_value(text: str, none_words: Collection[str] = ()) -> bool:
    return is_quantity(text) or is_blank(text, none_words)


def _with_units(tokens: list[Token], min_gap: float) -> list[Token]:
    """A number and its unit written apart ("96171.6 万元") are one cell where cells are told apart by
    column gaps: the single space between them is no gap."""
    out: list[Token] = []
    for token in tokens:
        if (min_gap and out and token.text in UNITS and is_number_token(out[-1].text)
                and token.x0 - out[-1].x1 < min_gap):
            out[-1] = Token(f"{out[-1].text} {token.text}", out[-1].x0, token.x1)
        else:
            out.append(token)
    return out


def _word_cell(tokens: list[Token], k: int, min_gap: float) -> bool:
    """Whether tokens[k], a word, stands as a cell of its own: column gaps on both sides (only where
    positions are columns), short, and not prose."""
    if not min_gap or k == 0:
        return False
    token = tokens[k]
    if len(token.text) > _MAX_WORD_CELL or any(ch in _PROSE for ch in token.text):
        return False
    before = token.x0 - tokens[k - 1].x1 >= min_gap
    after = k + 1 == len(tokens) or tokens[k + 1].x0 - token.x1 >= min_gap
    return before and after


def split_row(tokens: list[Token], min_gap: float = 0.0, none_words: Collection[str] = ()) -> Row | None:
    """The label and the trailing values of a table row, or None when the line does not end in values.

    Values are numbers, blank marks and words for "none"; with `min_gap` (positions are columns) a
    short word standing between column gaps after a value is a cell too ("见附件"), and the label and
    the values must stand that far apart (a column gap, not the single space of prose). A row needs a
    number among its values, or else a label: "行政许可    —" is a row whose one cell is blank."""
    tokens = _with_units(tokens, min_gap)
    k = len(tokens)
    while k > 0 and (is_value(tokens[k - 1].text, none_words) or _word_cell(tokens, k - 1, min_gap)):
        k -= 1
    # A word is a cell only after a value: before them all it is the label (or its last part).
    while k < len(tokens) and not is_value(tokens[k].text, none_words):
        k += 1
    values = tokens[k:]
    if not values:
        return None
    if not any(is_quantity(t.text) for t in values) and (k == 0 or not _labels_row(tokens[:k], values)):
        return None
    if k > 0 and values[0].x0 - tokens[k - 1].x1 < min_gap:
        return None
    return Row(tokens[:k], values)


def _labels_row(label: list[Token], values: list[Token]) -> bool:
    """Whether a label before values that are all blank names a row, rather than ending a sentence or
    being a part heading with its one-word answer ("六、其他需要报告的事项    无"; a 表三 row that
    starts the same way has seven cells)."""
    text = " ".join(t.text for t in label)
    if any(ch in _PROSE or ch == "。" for ch in text):
        return False
    return len(values) > 1 or not PART_HEADING_START.match(text)
