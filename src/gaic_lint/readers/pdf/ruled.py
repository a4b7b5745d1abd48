"""Ruled tables through pdfplumber's table finder (slow: pdfminer re-reads the page in Python): the
reader of last resort for the table pages pdfium cannot settle (see `pdfium_ruled`), and the
independent check of pdfium's cells in the tests; a page whose drawings it cannot read either falls
back to text positions."""

from __future__ import annotations

import io
from collections.abc import Collection

from ... import codes
from ...model import Location, Notice, Severity
from .tables import CellBox, PageTable, cell_text, is_heading, numeric_tail, too_many_drawings
from .unruled import text_tables


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


def find_tables(path: str, data: bytes, pages, none_words: Collection[str] = ()) -> list[Notice]:
    """Fill `page.tables` for the given pages. Returns notices about pages whose drawings could not be read."""
    import logging

    import pdfplumber

    # pdfminer logs every repaired xref entry; a damaged file is reported once, by us.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    notices: list[Notice] = []
    crowded = [page for page in pages if too_many_drawings(page)]
    for page in crowded:
        page.tables = text_tables(page, none_words)
        notices.append(Notice(codes.PARTIAL_READ, f"第{page.number}页有 {page.drawings} 个绘图对象，超过表格识别的上限，"
                              "表格按文字位置读取，可能不完整", Location(page=page.number), Severity.WARNING))
    pages = [page for page in pages if not too_many_drawings(page)]
    if not pages:
        return notices
    try:
        # Only the pages asked for: pdfplumber otherwise sets up every page of a long report.
        pdf = pdfplumber.open(io.BytesIO(data), pages=[page.number for page in pages])
    except Exception:  # noqa: BLE001  pdfminer raises many types on damaged files; text layout still works
        for page in pages:
            page.tables = text_tables(page, none_words)
        return [Notice(codes.PARTIAL_READ, "PDF 的页面绘图无法解析，表格按文字位置读取，可能不完整", Location(),
                       Severity.WARNING)]
    try:
        for page in pages:
            try:
                plumber_page = next(p for p in pdf.pages if p.page_number == page.number)
            except Exception:  # noqa: BLE001  a damaged page tree: read this page's tables from text
                page.tables = text_tables(page, none_words)
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
                page.tables = text_tables(page, none_words)
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
    numeric = [ln for ln in below if numeric_tail(ln.text)[1] >= 3]
    if not below or len(below) > 4 or len(numeric) != 1 or any(is_heading(ln.text) for ln in below):
        return
    label_in_line, count = numeric_tail(numeric[0].text)
    label = "".join(cell_text(ln.text) for ln in sorted(below, key=lambda ln: ln.top) if ln is not numeric[0])
    label = cell_text(label_in_line) + label if label_in_line else label
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
                CellBox("", True, None) if bbox is None else CellBox(cell_text(text), False, tuple(bbox))
                for bbox, text in zip(row_boxes, row_texts)
            ])
        tables.append(PageTable(number, tuple(table.bbox), rows))
    return tables
