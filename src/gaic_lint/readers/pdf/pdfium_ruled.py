"""Ruled tables from pdfium: the rulings from the page's path objects, the characters from its text
page. The document is already open for the text layer, so a table page costs a few milliseconds here
instead of pdfminer re-reading it in Python. The grid rules are pdfplumber's (see `geometry`), and
pdfplumber stays the reader of last resort: for a page whose drawings pdfium cannot read, or whose
rulings could form a grid that these rules did not find.
"""

from __future__ import annotations

import ctypes
import functools
import struct
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

# pdfium's FS_RECTF (left, top, right, bottom) and FS_MATRIX (a to f) as they lie in memory
_RECT = struct.Struct("4f")
_MATRIX = struct.Struct("6f")


class TooManyDrawings(Exception):
    """The page holds more drawing objects or path segments than a table page can need."""


def find_tables(path: str, data: bytes, pdf, pages, none_words: Collection[str] = ()) -> list[Notice]:
    """Fill `page.tables` for the given pages of the open document `pdf`; the pages pdfium cannot
    settle go to pdfplumber. Returns notices about pages whose drawings were not read. A page whose
    tables were read while its text was (`Page.ruled`, see `read_open`) is not loaded again."""
    notices: list[Notice] = []
    leftover = []
    for page in pages:
        try:
            tables = _outcome(page.ruled) if page.ruled is not None else read_tables(pdf, page)
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


def _outcome(ruled: tuple):
    kind, value = ruled
    if kind == "error":
        raise value
    return value


def read_open(handle, textpage, number: int) -> tuple:
    """`read_tables` on a page whose handle and text page are open already (the text layer's), kept
    for later as ("tables", the result) or ("error", the exception it raised)."""
    try:
        return ("tables", _read(handle, lambda: textpage, number, _api(handle)))
    except Exception as exc:  # noqa: BLE001  raised again where the tables are used
        # Kept without its traceback: the frames would keep the page's edges alive (up to the caps'
        # worth on a page with too many drawings) until every page is read.
        exc.__traceback__ = exc.__context__ = None
        return ("error", exc)


def read_tables(pdf, page) -> list[PageTable] | None:
    """The ruled tables of `page` (a textlayer.Page of the open pypdfium2 document `pdf`); None when
    its rulings could form a grid but none was found, so the caller asks pdfplumber. Raises
    TooManyDrawings past the caps."""
    c = _api(pdf)
    handle = pdf[page.number - 1]
    opened: list = []

    def textpage():
        opened.append(handle.get_textpage())
        return opened[-1]

    try:
        return _read(handle, textpage, page.number, c)
    finally:
        for each in opened:
            each.close()
        handle.close()


def _api(opened):
    """The raw calls that go with a document or page: this package's bindings (`pdfium`), or
    pypdfium2's for one opened by pypdfium2 (as the tests do, to check the bindings)."""
    from . import pdfium

    if isinstance(opened, (pdfium.PdfDocument, pdfium.PdfPage)):
        return pdfium.raw
    import pypdfium2.raw

    return pypdfium2.raw


def _unchecked(c, handle) -> tuple:
    """(the calls, the handle to give them) for a loop that calls pdfium once per character, object
    or segment: this package's unchecked calls (see `pdfium._UNCHECKED`) with the handle as a pointer
    object, or pypdfium2's own calls as they are. Either way outputs go by reference."""
    calls = getattr(c, "unchecked", None)
    if calls is None:
        return c, handle
    return calls, ctypes.c_void_p(handle) if isinstance(handle, int) else handle


def _read(handle, textpage, number: int, c) -> list[PageTable] | None:
    height = handle.get_size()[1]
    texts: list = []
    edges = page_edges(handle.raw, height, c, texts)
    merged = merge_edges(edges)
    vertical = sum(1 for e in merged if e[0] == "v")
    if vertical < 2 or len(merged) - vertical < 2:
        return []  # no two rulings each way: no cell can be closed, by either reader
    grids = find_grids(edges, merged)
    if not grids:
        return None
    text = textpage()
    if _unmapped_text(texts, text.raw, c):
        return None
    # A frame drawn around a paragraph is a one-column "table"; it is text.
    grids = [(box, rows) for box, rows in grids if len(rows) >= 2 and max(len(r) for r in rows) >= 2]
    chars = CharIndex(page_chars(text, height, c) if grids else [])
    tables = []
    for box, rows in grids:
        cells = [[CellBox("", True, None) if cell is None else CellBox(cell_text(text_in(chars, cell)), False, cell)
                  for cell in row] for row in rows]
        tables.append(PageTable(number, box, cells))
    return tables


def too_many_notice(number: int, exc: TooManyDrawings) -> Notice:
    return Notice(codes.PARTIAL_READ, f"页面图形过多，第{number}页的表格线未读取，表格按文字位置读取，可能不完整",
                  Location(page=number), Severity.WARNING, evidence=str(exc))


def _unmapped_text(texts: list, raw_textpage, c) -> bool:
    """Whether a good share of the page's text objects (`texts`, those drawn at its top level) give
    pdfium no characters at all (a font whose character map is damaged): its cells would come out
    empty, and pdfminer decodes such fonts its own way. A few empty objects are normal (an empty
    string shown, a lone unmapped glyph).

    pdfium's text of one object is a walk over the whole page's characters, so asking it of every
    object costs more than the rest of the table. An object that owns a character with a code point
    has text; only the objects left without one are asked, and none once too few are left to count."""
    needed = max(_UNMAPPED_OBJECTS, _UNMAPPED_SHARE * len(texts))
    if len(texts) < needed:
        return False
    calls, textpage = _unchecked(c, raw_textpage)
    owner_of, code_of = calls.FPDFText_GetTextObject, calls.FPDFText_GetUnicode
    numbers = calls is not c  # this package's unchecked call gives the owner as an address already
    pending = {obj.value: obj for obj in texts} if numbers else {_address(obj): obj for obj in texts}
    for index in range(c.FPDFText_CountChars(raw_textpage)):
        owner = owner_of(textpage, index) if numbers else _address(owner_of(textpage, index))
        if owner in pending and code_of(textpage, index):
            del pending[owner]
            if len(pending) < needed:
                return False
    get_text = c.FPDFTextObj_GetText
    # The length asked for with no buffer counts the UTF-16 terminator: 2 bytes is no text at all.
    empty = sum(1 for obj in pending.values() if get_text(obj, raw_textpage, None, 0) <= 2)
    return empty >= _UNMAPPED_OBJECTS and empty >= _UNMAPPED_SHARE * len(texts)


def _address(handle) -> int | None:
    """A page object's address: this package's bindings give it as a number or a c_void_p, pypdfium2's
    as a typed pointer."""
    if handle is None or isinstance(handle, int):
        return handle
    if isinstance(handle, ctypes.c_void_p):
        return handle.value
    return ctypes.cast(handle, ctypes.c_void_p).value


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, cc, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, cc * A + d * C, cc * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_edges(raw_page, height: float, c, texts: list | None = None) -> list:
    """Every visible axis-parallel stretch of path the page draws, as an edge (see `geometry`), read
    the way pdfminer classifies paths for pdfplumber: each subpath a line, a rectangle or a polyline.
    The text objects drawn at the page's top level are added to `texts` on the way."""
    edges: list = []
    budget = {"objects": MAX_OBJECTS, "segments": MAX_SEGMENTS}
    count = c.FPDFPage_CountObjects(raw_page)
    _spend(budget, "objects", count)
    calls, page = _unchecked(c, raw_page)
    get_type, path, form, text = calls.FPDFPageObj_GetType, c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM, c.FPDF_PAGEOBJ_TEXT
    reader = _PathReader(c, calls, height)
    # (the call giving the container's objects by index, the container, ...): the page's own objects
    # are asked of pdfium directly, with no Python call between
    stack = [(calls.FPDFPage_GetObject, page, count, _IDENTITY, texts)]
    while stack:
        get, container, total, outer, found_texts = stack.pop()
        for index in range(total):
            obj = get(container, index)
            kind = get_type(obj)
            if kind != path and kind != form:
                if kind == text and found_texts is not None:
                    found_texts.append(obj)
                continue
            here = _compose(reader.matrix(obj), outer)
            if kind == form:
                inner = calls.FPDFFormObj_CountObjects(obj)
                _spend(budget, "objects", inner)
                stack.append((_form_objects(c, calls), obj, inner, here, None))
                continue
            if reader.visible(obj):
                reader.edges(obj, here, budget, edges)
    return edges


def _form_objects(c, calls):
    """The call giving a form's objects by index, as handles the unchecked calls take (the checked
    call gives a bare address: its index is an unsigned long, so it has no unchecked twin)."""
    if calls is c:
        return c.FPDFFormObj_GetObject
    return lambda form, i: ctypes.c_void_p(c.FPDFFormObj_GetObject(form, i))


def _spend(budget: dict, key: str, amount: int) -> None:
    budget[key] -= max(amount, 0)
    if budget[key] < 0:
        limit = MAX_OBJECTS if key == "objects" else MAX_SEGMENTS
        raise TooManyDrawings(f"超过 {limit} 个{'图形对象' if key == 'objects' else '路径线段'}")


class _PathReader:
    """A path object's matrix, paint and segments through the raw calls, with the ctypes outputs
    allocated once per page (a table page has hundreds of path objects)."""

    def __init__(self, c, calls, height: float) -> None:
        self.calls, self.height, self.moveto = calls, height, c.FPDF_SEGMENT_MOVETO
        fs_matrix = c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(fs_matrix)
        # the six numbers in one step, not six field reads through ctypes' descriptors
        self.read_matrix = functools.partial(_MATRIX.unpack_from, fs_matrix)
        self.fill, self.stroke = ctypes.c_int(0), ctypes.c_int(0)
        self.paint_refs = (ctypes.byref(self.fill), ctypes.byref(self.stroke))
        self.rgba = tuple(ctypes.c_uint(0) for _ in range(4))
        self.rgba_refs = tuple(ctypes.byref(v) for v in self.rgba)
        self.x, self.y = ctypes.c_float(0), ctypes.c_float(0)
        self.point_refs = (ctypes.byref(self.x), ctypes.byref(self.y))

    def matrix(self, obj) -> tuple:
        if not self.calls.FPDFPageObj_GetMatrix(obj, self.matrix_ref):
            return _IDENTITY
        return self.read_matrix()

    def visible(self, obj) -> bool:
        """White rectangles behind each text line (WPS paragraph shading) are not table rulings."""
        c, fill, stroke, rgba = self.calls, self.fill, self.stroke, self.rgba_refs
        if not c.FPDFPath_GetDrawMode(obj, *self.paint_refs):
            return False
        r, g, b, _ = self.rgba  # whiteness is of the colour, whatever its alpha
        if stroke.value and c.FPDFPageObj_GetStrokeColor(obj, *rgba) and not _white(r, g, b):
            return True
        if fill.value and c.FPDFPageObj_GetFillColor(obj, *rgba) and not _white(r, g, b):
            return True
        return False

    def edges(self, obj, m: tuple, budget: dict, edges: list) -> None:
        c, x, y, height = self.calls, self.x, self.y, self.height
        count = c.FPDFPath_CountSegments(obj)
        _spend(budget, "segments", count)
        get_segment, get_point, point_refs = c.FPDFPath_GetPathSegment, c.FPDFPathSegment_GetPoint, self.point_refs
        get_kind, get_close, moveto = c.FPDFPathSegment_GetType, c.FPDFPathSegment_GetClose, self.moveto
        subpaths: list[tuple[list, list]] = []  # (points, their segments)
        for index in range(count):
            segment = get_segment(obj, index)
            if not segment or not get_point(segment, *point_refs):
                continue
            sx, sy = x.value, y.value
            px = m[0] * sx + m[2] * sy + m[4]
            py = height - (m[1] * sx + m[3] * sy + m[5])
            # The first point starts a subpath whatever its kind: its kind is not asked.
            if not subpaths or get_kind(segment) == moveto:
                subpaths.append(([], []))
            points, segments = subpaths[-1]
            points.append((px, py))
            segments.append(segment)
        for points, segments in subpaths:
            # Whether a subpath is closed matters only past two points (a rectangle, a polyline): a
            # ruling drawn as a line is not asked.
            closed = len(points) > 2 and any(get_close(segment) for segment in segments)
            _subpath_edges(points, closed, edges)


def _white(*channels) -> bool:
    return all(ch.value >= 0.95 * 255 for ch in channels)


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
    """Every character the page shows, as (vertical middle, horizontal middle, (text, x0, top, x1,
    bottom)), the way `CharIndex` takes them: made here, in the loop over the characters, rather
    than in a second pass. The spaces and line breaks pdfium adds between words are not characters
    of the page."""
    raw = textpage.raw
    count = c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # surrogate pairs: the text no longer lines up with the indices
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    box = c.FS_RECTF()
    box_ref = ctypes.byref(box)
    left, right, bottom, top = (ctypes.c_double(0) for _ in range(4))
    glyph_refs = tuple(ctypes.byref(v) for v in (left, right, bottom, top))
    calls, handle = _unchecked(c, raw)
    loose_box, is_generated, glyph_box = calls.FPDFText_GetLooseCharBox, calls.FPDFText_IsGenerated, calls.FPDFText_GetCharBox
    # the four sides in one step, not four field reads through ctypes' descriptors
    read_box = functools.partial(_RECT.unpack_from, box)
    chars = []
    for index, char in enumerate(text):
        if char in "\r\n\0" or (char.isspace() and is_generated(handle, index)):
            continue
        if not loose_box(handle, index, box_ref):
            continue
        x0, y1, x1, y0 = read_box()
        # The loose box (advance width by font ascent and descent) is the box pdfminer gives a
        # character; for vertically set glyphs pdfium makes it many times the glyph, and the
        # glyph's own box is the better place then. Only a box larger than any table text is asked.
        if (x1 - x0 > _LARGE or y1 - y0 > _LARGE) \
                and glyph_box(handle, index, *glyph_refs):
            glyph = 8 * max(right.value - left.value, top.value - bottom.value, 2.0)
            if x1 - x0 > glyph or y1 - y0 > glyph:
                x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        y_top, y_bottom = height - y1, height - y0
        chars.append(((y_top + y_bottom) / 2, (x0 + x1) / 2, (char, x0, y_top, x1, y_bottom)))
    return chars
