"""Tables in column-aligned text (what `pdftotext -layout` and some converters give): a row is a line
ending in numbers after a gap of two or more spaces; a label wrapped over several lines is put back
together from the short lines above and below it that start in the same column."""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import Location, RawCell, RawTable
from ..text import lexicon
from ..text.lexicon import ENUMERATOR as _ENUMERATOR
from .tables import aligned
from .tables.aligned import Token

_GAP = re.compile(r"\s{2,}")
# A merged cell written downwards ("三、本年度办理结果") comes out of pdftotext one or two characters per
# line, glued by a space to the row labels beside it: "本 （二）部分公开…", "年度 形，不计…".
_VERTICAL = re.compile(r"^[\u4e00-\u9fff]{1,3}\s+")
_VERTICAL_ONLY = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}|[\u4e00-\u9fff]{1,3}、)$")
# The first line of a merged group label written downwards ("（六）" of "（六）其他处理"), glued by a space to
# the last line of a wrapped row label beside it: "（六） 信息公开申请". What follows it is no label of its own.
_GROUP_THEN_TEXT = re.compile(rf"[（(][{lexicon.NUMERALS}]+[)）]\s+(?!\S*?[、.．）)])")
_ITEM = re.compile(r"\d+\s*[.．、]")
_MAX_FRAGMENT = 30
# Wrapped label lines in column-aligned text start within a few columns of each other.
_ALIGN = 4


def split_row(line: str, none_words: Collection[str] = ()) -> tuple[int, list[Token]] | None:
    """(end of the label, the trailing value tokens) when the line is a table row; `none_words` are
    the words for "none" a cell may hold instead of a number."""
    # A label and its numbers are separated by a column gap, not by one space as in prose.
    row = aligned.split_row(aligned.column_tokens(line), min_gap=2, none_words=none_words)
    if row is None:
        return None
    if not row.label:
        # Values alone are a row only when several are numbers ("— 4 —" is a page number).
        numbers = sum(1 for t in row.values if lexicon.is_quantity(t.text))
        return (0, row.values) if numbers >= 3 else None
    return int(row.label[-1].x1), row.values


def is_row(line: str, none_words: Collection[str] = ()) -> bool:
    return split_row(line, none_words) is not None


def is_page_number(line: str) -> bool:
    return lexicon.is_page_number(line)


# "三、   予公开 5. 属于三类内部事务信息": a row label behind characters of merged labels, not a heading.
_INNER_ENUMERATOR = re.compile(r"\s\d+\s*[.．]\s*\S")


def _is_part_heading(line: str) -> bool:
    m = lexicon.PART_HEADING.match(line)
    return m is not None and len(m.group(2)) >= 4 and not _INNER_ENUMERATOR.search(m.group(2))


def _fields(line: str, end: int) -> list[tuple[int, str]]:
    """(column, text) of the label fields of a line, split at gaps of two or more spaces."""
    out, start = [], 0
    text = line[:end]
    for m in _GAP.finditer(text):
        if text[start:m.start()].strip():
            out.append((start, text[start:m.start()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return [(col + len(t) - len(t.lstrip()), t.strip()) for col, t in out]


def read_layout_table(lines: list[str], i: int, items: list, none_words: Collection[str] = ()) -> int:
    region: list[tuple[int, str]] = []  # (line index, "row" | "fragment")
    j = i
    while j < len(lines):
        line = lines[j]
        if not line.strip() or is_page_number(line):
            j += 1
            continue
        if is_row(line, none_words):
            region.append((j, "row"))
        elif len(line.strip()) <= _MAX_FRAGMENT and not _is_part_heading(line):
            region.append((j, "fragment"))
        else:
            break
        j += 1
    end = j
    while region and region[-1][1] == "fragment":
        region.pop()  # trailing short lines belong to what follows the table
    if region:
        end = region[-1][0] + 1
    used: set[int] = set()
    rows = [_row(lines, region, k, used, none_words) for k, (_, kind) in enumerate(region) if kind == "row"]
    # A cell left empty is only spaces here: it leaves no cell behind.
    items.append(RawTable(rows, Location(line=i + 1, column=1), blanks_vanish=True))
    return end


def _starts_behind_fragment(text: str) -> bool:
    """"其他处 2.申请人逾期…": the first line of another row's label behind characters of a merged label."""
    vertical = _VERTICAL.match(text)
    return bool(vertical) and bool(_ENUMERATOR.match(text[vertical.end():]))


def _single(lines, index) -> tuple[int, str] | None:
    fields = _fields(lines[index], len(lines[index]))
    return fields[0] if len(fields) == 1 else None


def _row(lines: list[str], region: list[tuple[int, str]], k: int, used: set[int],
         none_words: Collection[str]) -> list[RawCell]:
    index = region[k][0]
    line = lines[index]
    label_end, numbers = split_row(line, none_words)
    label_fields = _fields(line, label_end)
    above: list[tuple[int, str]] = []
    below: list[tuple[int, str]] = []
    own = label_fields[-1] if label_fields else None
    interleaved = False
    # A row whose only label is characters of a merged label written downwards ("本年"): its own label
    # is on a line above, after more of those characters ("三、   予公开 5. 属于三类内部事务信息").
    fragment_only = own is not None and len(label_fields) == 1 and bool(_VERTICAL_ONLY.match(own[1]))
    if own is None or not _ENUMERATOR.match(own[1]):
        # The label started on a line above: find its first line (it starts with an enumerator).
        anchor = own[0] if own and not fragment_only else None
        for back in range(k - 1, max(-1, k - 4), -1):
            idx, kind = region[back]
            if kind == "row" or idx in used:
                break
            field = _single(lines, idx)
            if field is None and fragment_only:
                fields = _fields(lines[idx], len(lines[idx]))
                if all(_VERTICAL_ONLY.match(t) for _, t in fields[:-1]):
                    field = fields[-1]
            if field is None:
                if anchor is not None and abs(_fields(lines[idx], len(lines[idx]))[0][0] - anchor) <= _ALIGN:
                    break
                continue
            if anchor is not None and abs(field[0] - anchor) > _ALIGN:
                continue
            vertical = _VERTICAL.match(field[1])
            if vertical and not _ENUMERATOR.match(field[1]) and _ENUMERATOR.match(field[1][vertical.end():]):
                field = (field[0], field[1][vertical.end():])
                interleaved = True
            above.insert(0, (idx, field[1]))
            anchor = field[0]
            if _ENUMERATOR.match(field[1]):
                break
        if above and not _ENUMERATOR.match(above[0][1]):
            above = []  # not a wrapped label after all
        elif above and interleaved and own is not None and _VERTICAL.match(own[1]):
            own = (own[0], own[1][_VERTICAL.match(own[1]).end():])
        elif above and interleaved and fragment_only:
            own = (own[0], "")
    starts_open = own is not None and own[1].count("（") > own[1].count("）")
    if above or own is None or starts_open:
        column = own[0] if own else None
        for forward in range(k + 1, min(len(region), k + 3)):
            idx, kind = region[forward]
            if kind == "row":
                break
            field = _single(lines, idx)
            group = field and above and _ITEM.match(above[0][1]) and _GROUP_THEN_TEXT.match(field[1])
            if group:
                field = (field[0] + group.end(), field[1][group.end():])
            if field is None or _ENUMERATOR.match(field[1]) or _starts_behind_fragment(field[1]):
                break
            if column is not None and abs(field[0] - column) > _ALIGN and not above:
                break
            below.append((idx, field[1]))
            if group:
                break  # the group label beside it starts the next rows
    cells = [RawCell(text, Location(line=index + 1, column=col + 1)) for col, text in label_fields]
    if above or below:
        used.update(idx for idx, _ in above + below)
        joined = "".join(t for _, t in above) + (own[1] if own else "") + "".join(t for _, t in below)
        where = Location(line=(above[0][0] if above else index) + 1, column=1)
        if own is not None:
            cells[-1] = RawCell(joined, cells[-1].location)
        else:
            cells.append(RawCell(joined, where))
    for num in numbers:
        cells.append(RawCell(num.text, Location(line=index + 1, column=int(num.x0) + 1)))
    return cells
