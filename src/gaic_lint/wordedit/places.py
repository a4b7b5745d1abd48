"""Where the Word reader's locations are in document.xml: body paragraph N (counted as the reader
counts them: body paragraphs with visible text, in reading order) and table T's cell (row, grid
column). Walked on the unmodified XML, so text inside deletions and hidden runs is skipped here as the
reader drops it."""

from __future__ import annotations

from .package import W

_P, _R, _T, _TBL, _TR, _TC, _SDT = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc", "sdt"))
_SDTCONTENT = W + "sdtContent"
_WRAPPERS = {W + "customXml", W + "ins", W + "moveTo", _SDTCONTENT}
_GONE = {W + "del", W + "moveFrom", W + "drawing", W + "pict", W + "object", W + "rt",
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_BLANK = " \t\u3000\u00a0\ufeff\u200b\n"
_VAL = W + "val"


def _hidden(run) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and vanish.get(_VAL, "1") not in ("0", "false", "off")


def text_pieces(p) -> list:
    """The w:t elements of a paragraph that the reader reads, in order."""
    pieces = []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag in _GONE or tag == _P:
                continue
            if tag == _R and _hidden(child):
                continue
            if tag == _T:
                pieces.append(child)
            else:
                walk(child)

    walk(p)
    return pieces


def visible_text(p) -> str:
    return "".join(t.text or "" for t in text_pieces(p))


class Places:
    def __init__(self, body):
        self.paragraphs: list = []  # body paragraph N is paragraphs[N - 1]
        self.tables: list[dict[tuple[int, int], object]] = []  # table T: (row, col) -> w:tc
        self._body(body)

    def _body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                if visible_text(child).strip(_BLANK):
                    self.paragraphs.append(child)
            elif tag == _TBL:
                self._table(child)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self._body(content)
            elif tag in _WRAPPERS:
                self._body(child)

    def _children(self, el, tag):
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif child.tag in _WRAPPERS:
                yield from self._children(child, tag)

    def _table(self, tbl) -> None:
        grid: dict[tuple[int, int], object] = {}
        self.tables.append(grid)
        nested: list = []
        for r, tr in enumerate(self._children(tbl, _TR), start=1):
            col = 1
            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            if before is not None:
                col += _int(before.get(_VAL))
            for tc in self._children(tr, _TC):
                grid[(r, col)] = tc
                tcpr = tc.find(W + "tcPr")
                span = tcpr.find(W + "gridSpan") if tcpr is not None else None
                col += max(1, _int(span.get(_VAL))) if span is not None else 1
                nested.extend(self._children(tc, _TBL))
        # Nested tables are numbered right after the table holding them, as the reader numbers them.
        for inner in nested:
            self._table(inner)

    def paragraph(self, n: int | None):
        if n is None or not 0 < n <= len(self.paragraphs):
            return None
        return self.paragraphs[n - 1]

    def cell(self, table: int | None, row: int | None, col: int | None):
        if table is None or not 0 < table <= len(self.tables):
            return None
        return self.tables[table - 1].get((row, col))


def _int(value) -> int:
    try:
        return max(0, min(int(value), 64))
    except (TypeError, ValueError):
        return 0
