"""Tables in PDF pages: ruled tables through pdfplumber's table finder, text-only tables from the
positions of labels and numbers, and the pieces of a table that runs across pages."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from .. import codes
from ..model import Location, Notice, RawCell, RawTable, Severity
from ..text.lexicon import ENUMERATOR, PART_HEADING_START
from ..text.normalize import normalize_spaces, parse_number
from .tables import aligned

# A text-only table's label is short; a longer line or one with a full stop is prose.
_MAX_LABEL = 40


@dataclass
class CellBox:
    text: str
    covered: bool
    bbox: tuple[float, float, float, float] | None  # x0, top, x1, bottom


@dataclass
class PageTable:
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in top-down page coordinates
    rows: list[list[CellBox]]
    raw: RawTable | None = None

    def holds(self, line) -> bool:
        x = (line.x0 + line.x1) / 2
        return self.bbox[1] - 1 <= line.middle <= self.bbox[3] + 1 and self.bbox[0] - 1 <= x <= self.bbox[2] + 1


def wants_table_finder(lines, cues: tuple[str, ...]) -> bool:
    """Whether a page gets the (slow) ruled-table finder: it holds a word only the template's tables
    carry (`cues`, from the template's row labels), or several of its lines read like rows of numbers."""
    squashed = re.sub(r"\s+", "", "".join(line.text for line in lines))
    if any(cue in squashed for cue in cues):
        return True
    return sum(1 for line in lines if _numeric_tail(line.text)[1] >= 3) >= 3


def _numeric_tail(text: str) -> tuple[str, int]:
    """(the label before the trailing values, how many trailing value tokens)."""
    row = aligned.split_row(aligned.column_tokens(text))
    if row is None:
        return text, 0
    return row.label_text, len(row.values)


def _is_white(color) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


def _visible(obj) -> bool:
    """White rectangles behind each text line (WPS paragraph shading) are not table rulings."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    joined = ""
    for piece in pieces:
        if joined and re.match(r"[A-Za-z0-9]", joined[-1]) and re.match(r"[A-Za-z0-9]", piece[0]):
            joined += " "
        joined += piece
    return normalize_spaces(joined)


def find_tables(path: str, data: bytes, pages) -> list[Notice]:
    """Fill `page.tables` for the given pages. Returns notices about pages whose drawings could not be read."""
    import pdfplumber

    # pdfminer logs every repaired xref entry; a damaged file is reported once, by us.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    notices: list[Notice] = []
    try:
        # Only the pages asked for: pdfplumber otherwise sets up every page of a long report.
        pdf = pdfplumber.open(io.BytesIO(data), pages=[page.number for page in pages])
    except Exception:  # noqa: BLE001  pdfminer raises many types on damaged files; text layout still works
        for page in pages:
            page.tables = text_tables(page)
        return [Notice(codes.PARTIAL_READ, "PDF 的页面绘图无法解析，表格按文字位置读取，可能不完整", Location(),
                       Severity.WARNING)]
    try:
        for page in pages:
            try:
                plumber_page = next(p for p in pdf.pages if p.page_number == page.number)
            except Exception:  # noqa: BLE001  a damaged page tree: read this page's tables from text
                page.tables = text_tables(page)
                continue
            try:
                page.tables = _ruled_tables(plumber_page, page.number)
                claim_rows_below(page)
            except Exception as exc:  # noqa: BLE001  damaged drawings: say so, fall back to text
                notices.append(Notice(codes.PARTIAL_READ, f"第{page.number}页的表格线无法解析，表格按文字位置读取，可能不完整",
                                      Location(page=page.number), Severity.WARNING,
                                      evidence=f"{type(exc).__name__}: {exc}"[:200]))
                page.tables = []
            finally:
                plumber_page.close()
            if not page.tables:
                page.tables = text_tables(page)
    finally:
        pdf.close()
    return notices


def claim_rows_below(page) -> None:
    """A ruled table cut by the page end can lose its bottom rule: pdfplumber then stops the table one
    row early and that row comes back as text lines under it. Take such a row back into the table:
    the lines below the lowest table, inside its width, one of them ending in numbers."""
    if not page.tables:
        return
    table = max(page.tables, key=lambda t: t.bbox[3])
    x0, top, x1, bottom = table.bbox
    if bottom < page.height * 0.6:
        return  # the table ends well above the page end: what follows is text
    below = [ln for ln in page.lines
             if ln.top >= bottom - 1 and x0 - 2 <= (ln.x0 + ln.x1) / 2 <= x1 + 2]
    numeric = [ln for ln in below if _numeric_tail(ln.text)[1] >= 3]
    if not below or len(below) > 4 or len(numeric) != 1 or any(_is_heading(ln.text) for ln in below):
        return
    label_in_line, count = _numeric_tail(numeric[0].text)
    label = "".join(_cell_text(ln.text) for ln in sorted(below, key=lambda ln: ln.top) if ln is not numeric[0])
    label = _cell_text(label_in_line) + label if label_in_line else label
    box = (x0, min(ln.top for ln in below), x1, max(ln.bottom for ln in below))
    width = max(len(row) for row in table.rows)
    row = [CellBox("", False, box)] * max(0, width - count - 1) + [CellBox(label, False, box)]
    row += [CellBox(token, False, box) for token in numeric[0].text.split()[-count:]]
    table.rows.append(row)
    table.bbox = (x0, top, x1, box[3])


def _ruled_tables(plumber_page, number: int) -> list[PageTable]:
    found = plumber_page.filter(_visible).find_tables()
    tables = []
    for table in found:
        texts = table.extract()
        boxes = [row.cells for row in table.rows]
        width = max((len(r) for r in boxes), default=0)
        # A frame drawn around a paragraph is a one-column "table"; it is text.
        if width < 2 or len(boxes) < 2:
            continue
        rows = []
        for row_boxes, row_texts in zip(boxes, texts):
            rows.append([
                CellBox("", True, None) if bbox is None else CellBox(_cell_text(text), False, tuple(bbox))
                for bbox, text in zip(row_boxes, row_texts)
            ])
        tables.append(PageTable(number, tuple(table.bbox), rows))
    return tables


def text_tables(page) -> list[PageTable]:
    """A table laid out with spaces instead of rulings: rows are lines that end in numbers, and the
    short label lines between them (a wrapped or merged label) are prefixed to the next row."""
    lines = page.lines
    data = [i for i, line in enumerate(lines) if _is_data_line(line.text)]
    if not data:
        return []
    tables: list[PageTable] = []
    runs: list[list[int]] = [[data[0]]]
    for i in data[1:]:
        gap = lines[runs[-1][-1] + 1: i]
        if len(gap) <= 8 and all(_is_label_line(ln.text) and not _is_heading(ln.text) for ln in gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        # one line is a table only when it is a row of numbers (表四 has a single data row)
        if len(run) < 2 and _numeric_tail(lines[run[0]].text)[1] < 3:
            continue
        first = run[0]
        while first > 0 and run[0] - first < 8 and _is_label_line(lines[first - 1].text) \
                and not _is_heading(lines[first - 1].text):
            first -= 1
        chosen = lines[first: run[-1] + 1]
        rows: list[list[CellBox]] = []
        pending: list = []
        for index, line in enumerate(chosen):
            label, count = _numeric_tail(line.text)
            if index < run[0] - first:  # header lines above the first row: rows of their own
                rows.append([CellBox(_cell_text(line.text), False, (line.x0, line.top, line.x1, line.bottom))])
                continue
            if count == 0:
                pending.append(line)
                continue
            tokens = line.text.split()[-count:]
            # Label lines above the numbers: each enumerator ("（六）" "1.") starts a cell, the other
            # lines continue the cell above them (a label wrapped inside its cell).
            groups: list[list] = []
            for item in pending:
                if not groups or ENUMERATOR.match(item.text):
                    groups.append([item])
                else:
                    groups[-1].append(item)
            if label and groups and ENUMERATOR.match(groups[-1][0].text) and not ENUMERATOR.match(label):
                groups[-1].append(_LabelPiece(label, line))
                label = ""
            cells = [
                CellBox(_cell_text("\n".join(p.text for p in group)), False,
                        (group[0].x0, group[0].top, group[-1].x1, group[-1].bottom))
                for group in groups
            ]
            if label:
                cells.append(CellBox(_cell_text(label), False, (line.x0, line.top, line.x1, line.bottom)))
            cells.extend(CellBox(t, False, (line.x0, line.top, line.x1, line.bottom)) for t in tokens)
            rows.append(cells)
            pending = []
        x0 = min(ln.x0 for ln in chosen)
        x1 = max(ln.x1 for ln in chosen)
        tables.append(PageTable(page.number, (x0, chosen[0].top, x1, chosen[-1].bottom), rows))
    return tables


@dataclass
class _LabelPiece:
    """The label part of a line that also holds numbers, placed like its line."""

    text: str
    line: object

    def __getattr__(self, name):
        return getattr(self.line, name)


def _is_data_line(text: str) -> bool:
    label, count = _numeric_tail(text)
    return count >= 1 and len(label) <= _MAX_LABEL and not re.search(r"[，。；,;]", label)


def _is_heading(text: str) -> bool:
    # "四、政府信息公开行政复议、行政诉讼情况" ends a table; "三、本年度办理结果" is a row label inside one.
    return bool(PART_HEADING_START.match(text)) and len(re.sub(r"\s+", "", text)) > 10


def _is_label_line(text: str) -> bool:
    return len(text) <= _MAX_LABEL and not text.rstrip().endswith("。")


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
        rows = [
            [RawCell(c.text, Location(page=item.page, table=number, row=r, col=k), covered=c.covered)
             for k, c in enumerate(row, 1)]
            for r, row in enumerate(item.rows, 1)
        ]
        item.raw = RawTable(rows, Location(page=item.page, table=number))
