"""Ruled tables from pdfium: the rulings from the page's path objects, the characters from its text
page. The document is already open for the text layer, so a table page costs a few milliseconds here
instead of pdfminer re-reading it in Python. The grid rules are pdfplumber's (see `geometry`), and
pdfplumber stays the reader of last resort: for a page whose drawings pdfium cannot read, or whose
rulings could form a grid that these rules did not find.
"""

from __future__ import annotations

import ctypes
from collections.abc import Collection

from ... import codes
from ...model import Location, Notice, Severity
from .geometry import CharIndex, find_grids, merge_edges, text_in
from .ruled import claim_rows_below
from .tables import CellBox, PageTable, cell_text
from .unruled import text_tables

# A report's table page has a few hundred objects and path segments. A page with far more (a map, a
# chart drawn as thousands of rectangles, a hostile file) is not a template table: past these caps its
# drawings are not read at all and its tables come from the text positions.
MAX_OBJECTS = 20_000
MAX_SEGMENTS = 60_000

# Points: a character box this large is either a heading's glyph or one pdfium misplaced.
_LARGE = 30.0

# Text objects without characters on a page that make pdfium's text of it untrustworthy: the PDFs at
# hand have at most 3 on a table page (about 2 %); a damaged font leaves 40 % of them empty.
_UNMAPPED_OBJECTS = 5
_UNMAPPED_SHARE = 0.2

_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class TooManyDrawings(Exception):
    """The page holds more drawing objects or path segments than a table page can need."""


def find_tables(path: str, data: bytes, pdf, pages, none_words: Collection[str] = ()) -> list[Notice]:
    """Fill `page.tables` for the given pages of the open document `pdf`; the pages pdfium cannot
    settle go to pdfplumber. Returns notices about pages whose drawings were not read."""
    notices: list[Notice] = []
    leftover = []
    for page in pages:
        try:
            tables = read_tables(pdf, page)
        except TooManyDrawings as exc:
            notices.append(too_many_notice(page.number, exc))
            page.tables = text_tables(page, none_words)
            continue
        except Exception:  # noqa: BLE001  drawings pdfium cannot read: pdfplumber tries, and reports
            tables = None
        if tables is None:
            leftover.append(page)
            continue
        page.tables = tables
        claim_rows_below(page)
        if not page.tables:
            page.tables = text_tables(page, none_words)
    if leftover:
        from .ruled import find_tables as pdfplumber_tables

        notices.extend(pdfplumber_tables(path, data, leftover, none_words))
    return notices


def read_tables(pdf, page) -> list[PageTable] | None:
    """The ruled tables of `page` (a textlayer.Page of the open pypdfium2 document `pdf`); None when
    its rulings could form a grid but none was found, so the caller asks pdfplumber. Raises
    TooManyDrawings past the caps."""
    import pypdfium2.raw as c

    handle = pdf[page.number - 1]
    try:
        height = handle.get_size()[1]
        edges = page_edges(handle.raw, height, c)
        merged = merge_edges(edges)
        vertical = sum(1 for e in merged if e[0] == "v")
        if vertical < 2 or len(merged) - vertical < 2:
            return []  # no two rulings each way: no cell can be closed, by either reader
        grids = find_grids(edges)
        if not grids:
            return None
        textpage = handle.get_textpage()
        try:
            if _unmapped_text(handle.raw, textpage.raw, c):
                return None
            chars = CharIndex(page_chars(textpage, height, c))
        finally:
            textpage.close()
    finally:
        handle.close()
    tables = []
    for box, rows in grids:
        # A frame drawn around a paragraph is a one-column "table"; it is text.
        if max(len(r) for r in rows) < 2 or len(rows) < 2:
            continue
        cells = [[CellBox("", True, None) if cell is None else CellBox(cell_text(text_in(chars, cell)), False, cell)
                  for cell in row] for row in rows]
        tables.append(PageTable(page.number, box, cells))
    return tables


def too_many_notice(number: int, exc: TooManyDrawings) -> Notice:
    return Notice(codes.PARTIAL_READ, f"页面图形过多，第{number}页的表格线未读取，表格按文字位置读取，可能不完整",
                  Location(page=number), Severity.WARNING, evidence=str(exc))


def _unmapped_text(raw_page, raw_textpage, c) -> bool:
    """Whether a good share of the page's text objects give pdfium no characters at all (a font whose
    character map is damaged): its cells would come out empty, and pdfminer decodes such fonts its own
    way. A few empty objects are normal (an empty string shown, a lone unmapped glyph)."""
    texts = empty = 0
    for index in range(min(c.FPDFPage_CountObjects(raw_page), MAX_OBJECTS)):
        obj = c.FPDFPage_GetObject(raw_page, index)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_TEXT:
            continue
        texts += 1
        # The length asked for with no buffer counts the UTF-16 terminator: 2 bytes is no text at all.
        if c.FPDFTextObj_GetText(obj, raw_textpage, None, 0) <= 2:
            empty += 1
    return empty >= _UNMAPPED_OBJECTS and empty >= _UNMAPPED_SHARE * texts


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, cc, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, cc * A + d * C, cc * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_edges(raw_page, height: float, c) -> list:
    """Every visible axis-parallel stretch of path the page draws, as an edge (see `geometry`), read
    the way pdfminer classifies paths for pdfplumber: each subpath a line, a rectangle or a polyline."""
    edges: list = []
    budget = {"objects": MAX_OBJECTS, "segments": MAX_SEGMENTS}
    count = c.FPDFPage_CountObjects(raw_page)
    _spend(budget, "objects", count)
    stack = [(lambda i: c.FPDFPage_GetObject(raw_page, i), count, _IDENTITY)]
    matrix = c.FS_MATRIX()
    while stack:
        get, total, outer = stack.pop()
        for index in range(total):
            obj = get(index)
            kind = c.FPDFPageObj_GetType(obj)
            if kind not in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM):
                continue
            here = _compose(_matrix(c, obj, matrix), outer)
            if kind == c.FPDF_PAGEOBJ_FORM:
                inner = c.FPDFFormObj_CountObjects(obj)
                _spend(budget, "objects", inner)
                stack.append(((lambda form: lambda i: c.FPDFFormObj_GetObject(form, i))(obj), inner, here))
                continue
            if _visible(c, obj):
                _path_edges(c, obj, here, height, budget, edges)
    return edges


def _spend(budget: dict, key: str, amount: int) -> None:
    budget[key] -= max(amount, 0)
    if budget[key] < 0:
        limit = MAX_OBJECTS if key == "objects" else MAX_SEGMENTS
        raise TooManyDrawings(f"超过 {limit} 个{'图形对象' if key == 'objects' else '路径线段'}")


def _matrix(c, obj, matrix) -> tuple:
    if not c.FPDFPageObj_GetMatrix(obj, matrix):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _visible(c, obj) -> bool:
    """White rectangles behind each text line (WPS paragraph shading) are not table rulings."""
    fill, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return False
    r, g, b, a = (ctypes.c_uint(0) for _ in range(4))
    if stroke.value and c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a) and not _white(r, g, b):
        return True
    if fill.value and c.FPDFPageObj_GetFillColor(obj, r, g, b, a) and not _white(r, g, b):
        return True
    return False


def _white(*channels) -> bool:
    return all(ch.value >= 0.95 * 255 for ch in channels)


def _path_edges(c, obj, m: tuple, height: float, budget: dict, edges: list) -> None:
    count = c.FPDFPath_CountSegments(obj)
    _spend(budget, "segments", count)
    x, y = ctypes.c_float(0), ctypes.c_float(0)
    subpaths: list[tuple[list, bool]] = []
    for index in range(count):
        segment = c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        px = m[0] * x.value + m[2] * y.value + m[4]
        py = height - (m[1] * x.value + m[3] * y.value + m[5])
        if c.FPDFPathSegment_GetType(segment) == c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([], False))
        points, _ = subpaths[-1]
        points.append((px, py))
        if c.FPDFPathSegment_GetClose(segment):
            subpaths[-1] = (points, True)
    for points, closed in subpaths:
        _subpath_edges(points, closed, edges)


def _subpath_edges(points: list, closed: bool, edges: list) -> None:
    if len(points) < 2:
        return
    if closed and len(points) > 2 and points[-1] == points[0]:
        points = points[:-1]  # an explicit return to the start before the close
    if len(points) == 2:  # a line: pdfminer calls anything not horizontal "vertical"
        (x0, y0), (x1, y1) = points
        top, bottom = min(y0, y1), max(y0, y1)
        left, right = min(x0, x1), max(x0, x1)
        edges.append(("h", left, top, right, top) if y0 == y1 else ("v", left, top, left, bottom))
        return
    if len(points) == 4 and (closed or False) and _is_rect(points):
        left, right = min(p[0] for p in points), max(p[0] for p in points)
        top, bottom = min(p[1] for p in points), max(p[1] for p in points)
        edges.extend([("h", left, top, right, top), ("h", left, bottom, right, bottom),
                      ("v", left, top, left, bottom), ("v", right, top, right, bottom)])
        return
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 == x1:
            edges.append(("v", x0, min(y0, y1), x0, max(y0, y1)))
        elif y0 == y1:
            edges.append(("h", min(x0, x1), y0, max(x0, x1), y0))


def _is_rect(p: list) -> bool:
    return ((p[0][0] == p[1][0] and p[1][1] == p[2][1] and p[2][0] == p[3][0] and p[3][1] == p[0][1])
            or (p[0][1] == p[1][1] and p[1][0] == p[2][0] and p[2][1] == p[3][1] and p[3][0] == p[0][0]))


def page_chars(textpage, height: float, c) -> list:
    """Every character the page shows, as (text, x0, top, x1, bottom); the spaces and line breaks
    pdfium adds between words are not characters of the page."""
    raw = textpage.raw
    count = c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # surrogate pairs: the text no longer lines up with the indices
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    box = c.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double(0) for _ in range(4))
    chars = []
    for index, char in enumerate(text):
        if char in "\r\n\0" or (char.isspace() and c.FPDFText_IsGenerated(raw, index)):
            continue
        if not c.FPDFText_GetLooseCharBox(raw, index, box):
            continue
        # The loose box (advance width by font ascent and descent) is the box pdfminer gives a
        # character; for vertically set glyphs pdfium makes it many times the glyph, and the
        # glyph's own box is the better place then. Only a box larger than any table text is asked.
        if (box.right - box.left > _LARGE or box.top - box.bottom > _LARGE) \
                and c.FPDFText_GetCharBox(raw, index, left, right, bottom, top):
            glyph = 8 * max(right.value - left.value, top.value - bottom.value, 2.0)
            if box.right - box.left > glyph or box.top - box.bottom > glyph:
                chars.append((char, left.value, height - top.value, right.value, height - bottom.value))
                continue
        chars.append((char, box.left, height - box.top, box.right, height - box.bottom))
    return chars
