"""The document body: tracked changes accepted, then paragraphs and tables walked in order into blocks
and raw table grids."""

from __future__ import annotations

from ... import codes
from ...model import Block, Location, Notice, RawCell, RawTable, Severity, Span
from .numbering import Numbering
from .package import VAL, W
from .styles import Styles, int_or, num_pr, outline_level

_T, _R, _P, _TBL, _TR, _TC, _SDT = (W + t for t in ("t", "r", "p", "tbl", "tr", "tc", "sdt"))
_TAB, _BR, _CR = W + "tab", W + "br", W + "cr"
_NOBREAK_HYPHEN = W + "noBreakHyphen"
_BLANK = " \t\u3000\u00a0\ufeff\u200b"
_PPR, _PSTYLE, _NUMPR, _OUTLINE = W + "pPr", W + "pStyle", W + "numPr", W + "outlineLvl"
_TRPR, _TCPR, _GRIDSPAN, _VMERGE, _HMERGE = W + "trPr", W + "tcPr", W + "gridSpan", W + "vMerge", W + "hMerge"
_GRIDBEFORE, _GRIDAFTER = W + "gridBefore", W + "gridAfter"
_ALT_CHUNK = W + "altChunk"
# Word draws at most 63 columns; a span or skip read from the file is clamped to that, so that a
# 300-byte file cannot ask for a hundred million grid slots.
MAX_COLUMNS = 63
_RPR, _VANISH = W + "rPr", W + "vanish"
_CUSTOMXML, _SDTCONTENT = W + "customXml", W + "sdtContent"
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NOBREAK_HYPHEN)
# Containers whose children are paragraphs, tables or rows as if they stood in the parent.
_BLOCK_WRAPPERS = {_CUSTOMXML, W + "ins", W + "moveTo", _SDTCONTENT}
# Revisions Word lists as tracked changes (content and formatting).
_REVISIONS = tuple(W + t for t in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge",
                                   "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                                   "sectPrChange", "tblGridChange", "numberingChange"))
# Subtrees whose w:t is not text of the page: drawings and text boxes, alternate renderings, ruby
# annotations. Field codes (w:instrText) and deleted text (w:delText) have tags of their own.
_NOT_TEXT = (W + "drawing", W + "pict", W + "object", W + "rt",
             "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
_FALSE = ("0", "false", "off")


def prepare(root) -> tuple[int, set, object]:
    """Accept every tracked change in place and drop what is never text, so that the walk afterwards
    can take a paragraph's text with one C-level iteration. Returns (revisions, paragraphs whose mark
    was deleted, the child of `root` holding the first revision)."""
    revisions = 0
    joined: set = set()
    marks: list = []
    doomed: list = []
    for el in root.iter(*_REVISIONS):
        revisions += 1
        marks.append(el)
        tag = el.tag
        parent = el.getparent()
        ptag = parent.tag
        if tag in (W + "del", W + "moveFrom"):
            if ptag == _RPR:
                owner = parent.getparent()
                if owner is not None and owner.tag == _PPR and owner.getparent() is not None:
                    joined.add(owner.getparent())
            elif ptag == _TRPR:
                doomed.append(parent.getparent())  # a deleted row
            else:
                doomed.append(el)
        elif tag == W + "cellDel":
            doomed.append(parent.getparent())
        elif tag.endswith("Change"):
            doomed.append(el)  # the old properties, kept for rejecting
    doomed.extend(root.iter(*_NOT_TEXT))
    for v in root.iter(_VANISH):
        rpr = v.getparent()
        run = rpr.getparent() if rpr is not None else None
        if run is not None and run.tag == _R and v.get(VAL, "1") not in _FALSE:
            doomed.append(run)
    anchor = marks[0] if marks else None
    while anchor is not None and anchor.getparent() is not None and anchor.getparent() is not root:
        anchor = anchor.getparent()
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return revisions, joined, anchor


def paragraph_texts(root) -> dict:
    """Every paragraph's text, keyed by its element, from one iteration over the whole body (paragraphs
    do not nest once text boxes are gone, so text belongs to the paragraph last opened). Much cheaper
    than iterating each paragraph on its own: lxml sets up a tag matcher per iteration."""
    texts: dict = {}
    current: list[str] = []
    for el in root.iter(_P, *_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            text = el.text
            if text:
                current.append(text)
        elif tag == _P:
            current = texts[el] = []
        elif tag == _TAB:
            if el.getparent().tag == _R:  # not a tab stop in paragraph properties
                current.append("\t")
        elif tag == _BR:
            if el.get(W + "type") in (None, "textWrapping"):  # page and column breaks are not lines
                current.append("\n")
        elif tag == _CR:
            current.append("\n")
        else:
            current.append("-")
    return {p: "".join(parts) for p, parts in texts.items()}


def _content(el):
    """The element itself, or what it wraps when it is a content control (`w:sdt`), custom XML or an
    accepted insertion: their paragraphs, tables, rows and cells stand as if in the parent. The one
    place that looks through wrappers, for the body, table rows, cells and cell content alike."""
    tag = el.tag
    if tag == _SDT:
        content = el.find(_SDTCONTENT)
        if content is not None:
            for child in content:
                yield from _content(child)
    elif tag in _BLOCK_WRAPPERS:
        for child in el:
            yield from _content(child)
    else:
        yield el


def _unwrapped(el, tag: str | None = None):
    """The children of `el` through wrappers; with `tag`, only those with that tag."""
    for child in el:
        for inner in _content(child):
            if tag is None or inner.tag == tag:
                yield inner


def _unwrapped_list(el, tag: str | None = None) -> list:
    """`_unwrapped` as a list, built without a generator per child: a table has hundreds of cells and
    paragraphs, nearly all of them standing directly in their parent."""
    out = []
    for child in el:
        t = child.tag
        if t == _SDT or t in _BLOCK_WRAPPERS:
            out.extend(inner for inner in _content(child) if tag is None or inner.tag == tag)
        elif tag is None or t == tag:
            out.append(child)
    return out


def _slot(base: Location, row: int, col: int) -> Location:
    # Location(table=…, row=…, col=…) for each of a table's hundreds of slots, at half the cost of
    # the dataclass constructor.
    return base.but(row=row, col=col)


def _sole_cell(tbl):
    """The only cell of a table of one row and one cell, else None."""
    rows = _unwrapped(tbl, _TR)
    row = next(rows, None)
    if row is None or next(rows, None) is not None:
        return None
    cells = _unwrapped(row, _TC)
    cell = next(cells, None)
    return cell if cell is not None and next(cells, None) is None else None


class BodyReader:
    def __init__(self, path: str, styles: Styles, numbering: Numbering, joined: set, anchor=None,
                 texts: dict | None = None):
        self.path = path
        self.texts = texts or {}
        self.anchor = anchor  # where the first revision is; its location goes on the F004 notice
        self.anchor_location: Location | None = None
        self.styles = styles
        self.numbering = numbering
        self.joined = joined
        self.items: list[Block | RawTable] = []
        self.notices: list[Notice] = []
        self.paragraphs = 0
        self.tables = 0
        self.carry: list[str] = []  # text of paragraphs whose mark was deleted, joined to the next
        self.alt_chunks: list[Location] = []  # where content from an embedded file would stand

    def _paragraph_text(self, p) -> tuple[str, int | None]:
        """(visible text with "\n" for soft line breaks, heading level)."""
        style = num_id = None
        ilvl: int | None = None
        level: int | None = None
        ppr = p[0] if len(p) and p[0].tag == _PPR else None  # the schema puts pPr first
        if ppr is not None:
            for c in ppr:
                tag = c.tag
                if tag == _PSTYLE:
                    style = c.get(VAL)
                elif tag == _NUMPR:
                    num_id, ilvl = num_pr(c)
                elif tag == _OUTLINE:
                    level = outline_level(c.get(VAL)) or 0
        text = self.texts.get(p, "")
        if level is None:
            level = self.styles.heading_level(style)
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style)
            if ilvl is None:
                ilvl = style_ilvl
        if num_id and num_id != "0" and (not self.joined or p not in self.joined):
            label = self.numbering.label(num_id, ilvl or 0)
            if label and text.strip(_BLANK):
                text = label + text
        return text, level or None

    # ---- body paragraphs

    def body_paragraph(self, p) -> None:
        text, level = self._paragraph_text(p)
        if self.joined and p in self.joined:
            # Accepting the deletion of a paragraph mark joins this paragraph to the next one.
            self.carry.append(text)
            return
        if self.carry:
            text = "".join(self.carry) + text
            self.carry = []
        self._emit(text, level)

    def _emit(self, text: str, level: int | None) -> None:
        if not text.strip(_BLANK + "\n"):
            return
        self.paragraphs += 1
        location = Location(paragraph=self.paragraphs)
        for line in text.split("\n"):
            stripped = line.strip(_BLANK)
            if stripped:
                self.items.append(Block(stripped, [Span(0, location)], heading_level=level))

    # ---- tables

    def table(self, tbl) -> None:
        cell = _sole_cell(tbl)
        if cell is not None:
            # A one-cell table is a frame around content, not a table: reports are pasted whole into
            # one, and its paragraphs are the report's own (headings included).
            self.body(cell)
            return
        self.tables += 1
        number = self.tables
        nested: list = []
        rows = self._rows(tbl, number, nested)
        if rows:
            self.items.append(RawTable(rows, Location(table=number)))
        for inner in nested:
            self.table(inner)

    def _cell_lines(self, el, lines: list[str], nested: list) -> None:
        for child in _unwrapped_list(el):
            tag = child.tag
            if tag == _P:
                text, _ = self._paragraph_text(child)
                lines.extend(text.split("\n"))
            elif tag == _TBL:
                nested.append(child)
            elif tag == _ALT_CHUNK:
                self.alt_chunks.append(Location(table=self.tables))

    def _rows(self, tbl, number: int, nested: list) -> list[list[RawCell]]:
        rows: list[list[RawCell]] = []
        base = Location(table=number)
        for tr in _unwrapped_list(tbl, _TR):
            before = after = 0
            trpr = tr[0] if len(tr) and tr[0].tag == _TRPR else None
            if trpr is not None:
                for c in trpr:
                    if c.tag == _GRIDBEFORE:
                        before = min(int_or(c.get(VAL), 0) or 0, MAX_COLUMNS)
                    elif c.tag == _GRIDAFTER:
                        after = min(int_or(c.get(VAL), 0) or 0, MAX_COLUMNS)
            r = len(rows) + 1
            row: list[RawCell] = []
            for _ in range(before):
                row.append(RawCell("", _slot(base, r, len(row) + 1), True))
            for tc in _unwrapped_list(tr, _TC):
                span, continues = 1, False
                tcpr = tc[0] if len(tc) and tc[0].tag == _TCPR else None
                if tcpr is not None:
                    for c in tcpr:
                        tag = c.tag
                        if tag == _GRIDSPAN:
                            span = min(max(1, int_or(c.get(VAL), 1) or 1), MAX_COLUMNS)
                        elif (tag == _VMERGE or tag == _HMERGE) and c.get(VAL, "continue") == "continue":
                            # A legacy hMerge continuation is part of the cell before, like a span.
                            continues = True
                lines: list[str] = []
                self._cell_lines(tc, lines, nested)
                text = "\n".join(stripped for stripped in (line.strip(_BLANK) for line in lines) if stripped)
                col = len(row) + 1
                location = _slot(base, r, col)
                row.append(RawCell(text, location, continues))
                if continues and text:
                    shown = text.replace("\n", " ")
                    self.notices.append(Notice(
                        codes.HIDDEN_CONTENT, f"表{number}第{r}行第{col}列是被合并单元格覆盖的位置，其中仍有读者看不到的内容“{shown}”",
                        location, Severity.WARNING, evidence=f"隐藏内容：{shown}"))
                for _ in range(min(span - 1, MAX_COLUMNS - len(row))):
                    row.append(RawCell("", _slot(base, r, len(row) + 1), True))
            for _ in range(min(after, MAX_COLUMNS - len(row))):
                row.append(RawCell("", _slot(base, r, len(row) + 1), True))
            rows.append(row)
        return rows

    # ---- the body

    def body(self, el) -> None:
        for child in el:
            for block in _content(child):
                if block.tag == _P:
                    self.body_paragraph(block)
                elif block.tag == _TBL:
                    self.table(block)
                elif block.tag == _ALT_CHUNK:
                    self.alt_chunks.append(Location(paragraph=max(1, self.paragraphs)))
            if child is self.anchor:
                self.anchor_location = (Location(table=self.tables) if child.tag == _TBL
                                        else Location(paragraph=max(1, self.paragraphs)))

    def finish(self) -> None:
        if self.carry:  # a deleted mark on the last paragraph: nothing follows to join
            text, self.carry = "".join(self.carry), []
            self._emit(text, None)
