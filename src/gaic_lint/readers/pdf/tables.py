"""Tables of a PDF page as cell boxes, whether read from rulings or from text positions, and what is
done with them once every page is read: rows cut by a page break joined, tables numbered."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ...model import Location, RawCell, RawTable
from ...records import record
from ...text.lexicon import BLANK_MARKS, PART_HEADING_START
from ...text.normalize import normalize_spaces, parse_number
from ..tables import aligned


@dataclass
class CellBox:
    text: str
    covered: bool
    bbox: tuple[float, float, float, float] | None  # x0, top, x1, bottom


@record(frozen=False)
class PageTable:
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in top-down page coordinates
    rows: list[list[CellBox]]
    raw: RawTable | None = None
    # Read from text positions, not rulings: a cell left empty leaves no cell behind.
    blanks_vanish: bool = False

    def holds(self, line) -> bool:
        x = (line.x0 + line.x1) / 2
        return self.bbox[1] - 1 <= line.middle <= self.bbox[3] + 1 and self.bbox[0] - 1 <= x <= self.bbox[2] + 1


# A page of a report draws a few hundred rulings; a table finder reads every drawn object into memory
# and intersects the edges (300,000 rectangles: gigabytes). Past this many objects the page's tables are
# read from text positions instead.
MAX_PAGE_OBJECTS = 50_000


def too_many_drawings(page) -> bool:
    """Whether a page has more drawn objects than any table finder may be given (`Page.drawings`)."""
    return page.drawings > MAX_PAGE_OBJECTS


_VALUE_CHAR = re.compile("[\\d" + re.escape("".join(sorted(set("".join(BLANK_MARKS))))) + "]")


def wants_table_finder(lines, cues: tuple[str, ...]) -> bool:
    """Whether a page gets the (slow) ruled-table finder: it holds a word only the template's tables
    carry (`cues`, from the template's row labels), or several of its lines read like rows of numbers."""
    squashed = re.sub(r"\s+", "", "".join(line.text for line in lines))
    if any(cue in squashed for cue in cues):
        return True
    rows = 0
    for line in lines:
        # A value is a number or a blank mark: a line with neither (most prose) is no row.
        if _VALUE_CHAR.search(line.text) and numeric_tail(line.text)[1] >= 3:
            rows += 1
            if rows == 3:
                return True
    return False


def numeric_tail(text: str, none_words: Collection[str] = ()) -> tuple[str, int]:
    """(the label before the trailing values, how many trailing value tokens); `none_words` are the
    words for "none" a cell may hold instead of a number."""
    row = aligned.split_row(aligned.column_tokens(text), none_words=none_words)
    if row is None:
        return text, 0
    return row.label_text, len(row.values)


def cell_text(text: str | None) -> str:
    if not text:
        return ""
    if "\n" not in text:  # one line, as most cells are: nothing to join, and often no space to drop
        joined = text.strip()
        return normalize_spaces(joined) if " " in joined or "\u00a0" in joined else joined
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    joined = ""
    for piece in pieces:
        if joined and re.match(r"[A-Za-z0-9]", joined[-1]) and re.match(r"[A-Za-z0-9]", piece[0]):
            joined += " "
        joined += piece
    return normalize_spaces(joined)


def is_heading(text: str) -> bool:
    # "四、政府信息公开行政复议、行政诉讼情况" ends a table; "三、本年度办理结果" is a row label inside one.
    return bool(PART_HEADING_START.match(text)) and len(re.sub(r"\s+", "", text)) > 10


def _has_numbers(row: list[CellBox]) -> bool:
    return any(not c.covered and parse_number(c.text) is not None for c in row)


def _row_key(row: list[CellBox]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", c.text) for c in row if not c.covered and c.text.strip())


def join_across_pages(items: list) -> None:
    """A row cut by a page break leaves its label (or the top of it) at the bottom of one page and
    its numbers at the top of the next: join the two so the row keeps its label."""
    for a, b in zip(items, items[1:]):
        if not (isinstance(a, PageTable) and isinstance(b, PageTable)) or b.page != a.page + 1:
            continue
        if not a.rows or not b.rows:
            continue
        headers = {_row_key(r) for r in a.rows[:6]}
        start = 0
        while start < len(b.rows) and _row_key(b.rows[start]) in headers and not _has_numbers(b.rows[start]):
            start += 1
        if start >= len(b.rows):
            continue
        tail, head = a.rows[-1], b.rows[start]
        if _has_numbers(tail) or not _row_key(tail) or not _has_numbers(head):
            continue
        pairs = [(cell, _overlapping(cell, head)) for cell in tail
                 if not cell.covered and cell.text.strip() and cell.bbox is not None]
        # A header row ("信息内容 | 本年处理决定数量") has text above the numbers; a cut label does not.
        if any(target is None or parse_number(target.text) is not None for _, target in pairs):
            continue
        for cell, target in pairs:
            target.text = cell.text + target.text
        a.rows.pop()


def _overlapping(cell: CellBox, row: list[CellBox]) -> CellBox | None:
    best, score = None, 0.0
    for other in row:
        if other.covered or other.bbox is None:
            continue
        overlap = min(cell.bbox[2], other.bbox[2]) - max(cell.bbox[0], other.bbox[0])
        if overlap > score:
            best, score = other, overlap
    return best


def number_tables(items: list) -> None:
    """Give every table its number in the document and every cell its page/table/row/column."""
    number = 0
    for item in items:
        if not isinstance(item, PageTable):
            continue
        number += 1
        # Copies of the table's location (`but`) cost a fraction of a frozen Location built per cell.
        place = Location(page=item.page, table=number)
        rows = [
            [RawCell(c.text, place.but(row=r, col=k), c.covered) for k, c in enumerate(row, 1)]
            for r, row in enumerate(item.rows, 1)
        ]
        item.raw = RawTable(rows, place, blanks_vanish=item.blanks_vanish)
