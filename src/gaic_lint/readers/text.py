"""Plain text and Markdown: paragraphs, `#` headings, and tables in the three layouts reports come in.

- Markdown pipe tables (`| a | b |`), possibly broken into several pieces by page breaks;
- tab-separated rows (what copying a Word table into a text editor gives);
- one cell per line: each cell a tab-indented line, rows separated by blank lines, a long cell
  continued on an unindented line (what pandoc and some converters give).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import Block, Document, Location, RawCell, RawTable, Span
from ..text.lexicon import PART_HEADING_START, is_number_token
from . import layout
from .encoding import decode
from .registry import ReaderOptions

# The closing "#"s and blanks are stripped in code: `(.*?)\s*#*\s*$` rescans the blanks after every
# character and is quadratic on a heading followed by a long blank run.
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# Each blank belongs to exactly one `\s*`: with `\|\s*:?-*:?\s*` repeated, the blanks of an empty cell
# could be split between two runs in every way, which backtracks exponentially on a line that fails late.
_PIPE_SEPARATOR = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*(?:(?::?-+:?|::?)\s*)?)*$")
_CELL_LINE = re.compile(r"^\t[^\t]*$")
_ARTEFACT = re.compile(r"^\s*\[bookmark:[^\]]*\]\s*$")
_LIST_MARKER = re.compile(r"^[-*+]\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*)(.+?)\1")
# "信息内容 | 本年制发件数 | 本年废止件数": a pipe table written without the outer pipes.
_LOOSE_PIPE = re.compile(r"\S\s*\|\s*\S|\S\s*\|\s*$")

# A wrapped table cell is short; a line longer than this after a cell starts a paragraph instead.
_MAX_CONTINUATION = 30


def read_text(path: str, data: bytes, options: ReaderOptions) -> Document:
    return _read(path, data, options, "text")


def read_markdown(path: str, data: bytes, options: ReaderOptions) -> Document:
    return _read(path, data, options, "markdown")


def _read(path: str, data: bytes, options: ReaderOptions, fmt: str) -> Document:
    text, used = decode(data, path, options.encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    items = _parse_lines(lines, options.none_words)
    return Document(path=path, format=fmt, items=items, source_lines=lines, metadata={"encoding": used})


def _is_tsv(line: str) -> bool:
    # Text copied out of a Word form ends every line with a tab: a tab that only ends the line
    # separates no cells, and such a file is prose, not one long table.
    core = line.rstrip("\t ")
    return "\t" in core and not _CELL_LINE.match(line)


def _continues_tsv(line: str, tabs: int) -> bool:
    """Whether `line` is the next row of a tab-separated table whose first row has `tabs` tabs: a row
    whose last cells are empty ("合计\t\t") ends in tabs only, as many as the rows before."""
    if _is_tsv(line):
        return True
    return "\t" in line and not _CELL_LINE.match(line) and line.count("\t") >= max(tabs, 2)


def _parse_lines(lines: list[str], none_words: Collection[str] = ()) -> list[Block | RawTable]:
    items: list[Block | RawTable] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip() or _ARTEFACT.match(line):
            i += 1
            continue
        if line.lstrip(" ").startswith("|") or _LOOSE_PIPE.search(line):
            i = _read_pipe_table(lines, i, items)
        elif _is_tsv(line):
            i = _read_tsv_table(lines, i, items)
        elif _CELL_LINE.match(line):
            i = _read_cell_block(lines, i, items)
        elif layout.is_row(line, none_words):
            i = layout.read_layout_table(lines, i, items, none_words)
        elif layout.is_page_number(line):
            i += 1
        else:
            items.append(_paragraph(line, i + 1))
            i += 1
    return items


def _paragraph(line: str, lineno: int) -> Block:
    heading = _MD_HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        start = heading.start(2)
        title = heading.group(2).rstrip().rstrip("#").rstrip()
        return Block(title, [Span(0, Location(line=lineno, column=start + 1))], heading_level=level)
    stripped = line.strip(" \t\u3000\ufeff")
    start = line.index(stripped[0]) if stripped else 0
    marker = _LIST_MARKER.match(stripped)
    if marker:
        start += marker.end()
        stripped = stripped[marker.end():]
    # "**一、总体情况**": a heading made bold rather than marked with #.
    emphasis = _EMPHASIS.fullmatch(stripped)
    if emphasis:
        start += len(emphasis.group(1))
        stripped = emphasis.group(2)
    return Block(stripped, [Span(0, Location(line=lineno, column=start + 1))])


def _cells_of(parts: list[tuple[int, str]], lineno: int) -> list[RawCell]:
    cells = []
    for start, raw in parts:
        stripped = raw.strip()
        offset = raw.index(stripped[0]) if stripped else 0
        cells.append(RawCell(stripped, Location(line=lineno, column=start + offset + 1)))
    return cells


def _split_with_offsets(line: str, sep: str) -> list[tuple[int, str]]:
    parts, start = [], 0
    for piece in line.split(sep):
        parts.append((start, piece))
        start += len(piece) + len(sep)
    return parts


def _has_table_shape(lines: list[str]) -> bool:
    """Pipe lines are a table when written as one: with outer pipes, with a delimiter row, as several
    rows of the same width (merged header cells leave other rows shorter), or as a lone row of
    several cells holding a number (a piece of a table cut by a page break). A "|" in a sentence
    (《…|…》) is text."""
    if any(_PIPE_SEPARATOR.match(line) for line in lines):
        return True
    if all(line.strip().startswith("|") and line.strip().endswith("|") for line in lines):
        return True
    widths = [line.count("|") for line in lines]
    if len(widths) > len(set(widths)):
        return True
    return len(lines) == 1 and widths[0] >= 2 and any(is_number_token(c.strip()) for c in lines[0].split("|"))


def _read_pipe_table(lines: list[str], i: int, items: list) -> int:
    rows: list[list[RawCell]] = []
    first = i
    end = i
    while end < len(lines) and (lines[end].lstrip(" ").startswith("|") or _LOOSE_PIPE.search(lines[end])):
        end += 1
    if not _has_table_shape(lines[first:end]):
        items.extend(_paragraph(lines[k], k + 1) for k in range(first, end))
        return end
    while i < end:
        line = lines[i]
        if not _PIPE_SEPARATOR.match(line):
            outer = line.lstrip(" ").startswith("|")
            body_start = line.index("|") + 1 if outer else 0
            body = line[body_start:]
            if body.rstrip().endswith("|"):
                body = body.rstrip()[:-1]
            parts = [(body_start + s, p) for s, p in _split_with_offsets(body, "|")]
            rows.append(_cells_of(parts, i + 1))
        i += 1
    if rows:
        items.append(RawTable(rows, Location(line=first + 1, column=1)))
    return i


def _read_tsv_table(lines: list[str], i: int, items: list) -> int:
    rows: list[list[RawCell]] = []
    first = i
    tabs = lines[i].count("\t")
    while i < len(lines) and (i == first or _continues_tsv(lines[i], tabs)):
        rows.append(_cells_of(_split_with_offsets(lines[i], "\t"), i + 1))
        i += 1
    items.append(RawTable(rows, Location(line=first + 1, column=1)))
    return i


def _is_continuation(line: str, blank_run: int, row: list[RawCell]) -> bool:
    if not row or blank_run > 1:
        return False
    previous = row[-1].text
    text = line.strip()
    return (
        bool(previous)
        and not is_number_token(previous)
        and len(text) <= _MAX_CONTINUATION
        and not PART_HEADING_START.match(line.lstrip().lstrip("#"))
        and not _MD_HEADING.match(line)
        and not _ARTEFACT.match(line)
    )


# A word a cell of numbers may hold ("无", "不适用") is this short; a row label is longer.
_MAX_CELL_WORD = 4


def _is_label(text: str) -> bool:
    return len(text) > _MAX_CELL_WORD and not is_number_token(text)


def _read_cell_block(lines: list[str], i: int, items: list) -> int:
    rows: list[list[RawCell]] = []
    row: list[RawCell] = []
    blank_run = 0
    first = i
    end = i
    while i < len(lines):
        line = lines[i]
        # A tab with nothing after it is a blank cell, not a row break: dropping it would shift every
        # later cell of the row one column.
        blank_cell = line.startswith("\t") and not line.strip() and "\t" not in line[1:]
        if not line.strip() and not blank_cell:
            blank_run += 1
            i += 1
            continue
        if blank_cell or _CELL_LINE.match(line):
            if blank_run and row:
                rows.append(row)
                row = []
            stripped = line.strip()
            if _is_label(stripped) and any(is_number_token(c.text) for c in row):
                # A label after a row's numbers starts the next row; the blank cells just before it
                # are that row's merged leading cells.
                lead = len(row)
                while lead and not row[lead - 1].text:
                    lead -= 1
                rows.append(row[:lead])
                row = row[lead:]
            column = line.index(stripped[0]) + 1 if stripped else 2
            row.append(RawCell(stripped, Location(line=i + 1, column=column)))
        elif _is_continuation(line, blank_run, row):
            row[-1].text += line.strip()
        else:
            break
        blank_run = 0
        i += 1
        end = i
    if row:
        rows.append(row)
    cells = [c for r in rows for c in r]
    lengths = sorted(len(c.text) for c in cells)
    looks_tabular = (
        len(cells) >= 3
        and lengths[len(lengths) // 2] <= 40
        and any(is_number_token(c.text) for c in cells)
    )
    if looks_tabular:
        items.append(RawTable(rows, Location(line=first + 1, column=1)))
    else:
        # Tab-indented prose, not a table: keep each line as a paragraph.
        for k in range(first, end):
            if lines[k].strip() and not _ARTEFACT.match(lines[k]):
                items.append(_paragraph(lines[k], k + 1))
    return end
