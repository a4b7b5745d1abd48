"""The document body: tracked changes accepted, then paragraphs and tables walked in order into blocks
and raw table grids."""

from __future__ import annotations

from ... import codes
from ...model import Block, Location, Notice, RawCell, RawTable, Severity, Span
from .numbering import Numbering
from .package import VAL, W
from .places import SLOTS, covered, paragraph_place, slot
from .styles import Styles, int_or, num_pr, outline_level

_T, _R, _P, _TBL, _TR, _TC, _SDT = (W + t for t in ("t", "r", "p", "tbl", "tr", "tc", "sdt"))
_BLANK = " \t\u3000\u00a0\ufeff\u200b"
_PPR, _PSTYLE, _NUMPR, _OUTLINE = W + "pPr", W + "pStyle", W + "numPr", W + "outlineLvl"
_TRPR, _TCPR, _GRIDSPAN, _VMERGE, _HMERGE = W + "trPr", W + "tcPr", W + "gridSpan", W + "vMerge", W + "hMerge"
_GRIDBEFORE, _GRIDAFTER = W + "gridBefore", W + "gridAfter"
_CELL_PROPS, _ROW_PROPS = {_GRIDSPAN, _VMERGE, _HMERGE}, {_GRIDBEFORE, _GRIDAFTER}
_ALT_CHUNK = W + "altChunk"
# Word draws at most 63 columns; a span or skip read from the file is clamped to that, so that a
# 300-byte file cannot ask for a hundred million grid slots.
MAX_COLUMNS = 63
_RPR, _VANISH = W + "rPr", W + "vanish"
_CUSTOMXML, _SDTCONTENT = W + "customXml", W + "sdtContent"
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
_NO_SKIP = (0, 0)
_ONE_SLOT = (1, False)


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


def _first_child_of(el, parent_tag: str, owner_tag: str):
    """The element owning `el` when `el` stands in a `parent_tag` that is the first child of an
    `owner_tag` (the schema puts pPr, trPr and tcPr first), else None."""
    props = el.getparent()
    if props is None or props.tag != parent_tag:
        return None
    owner = props.getparent()
    if owner is None or owner.tag != owner_tag or owner[0] is not props:
        return None
    return owner


def properties(root) -> tuple[dict, dict, dict]:
    """What the walk reads from the property elements, found in one pass over the body rather than
    by looking into every paragraph, row and cell: paragraph -> [style, numId, ilvl, outline level];
    row -> [gridBefore, gridAfter]; cell -> [gridSpan, continues a merge]. Only elements with such a
    property are listed; a later property of the same element overrides an earlier one. One pass for
    all three: each pass looks at every element of the body in C."""
    paragraphs: dict = {}
    rows: dict = {}
    cells: dict = {}
    for el in root.iter(_PSTYLE, _NUMPR, _OUTLINE, _GRIDSPAN, _VMERGE, _HMERGE, _GRIDBEFORE, _GRIDAFTER):
        tag = el.tag
        if tag in _CELL_PROPS:
            tc = _first_child_of(el, _TCPR, _TC)
            if tc is None:
                continue
            entry = cells.get(tc)
            if entry is None:
                entry = cells[tc] = [1, False]
            if tag == _GRIDSPAN:
                entry[0] = min(max(1, int_or(el.get(VAL), 1) or 1), MAX_COLUMNS)
            elif el.get(VAL, "continue") == "continue":
                # A legacy hMerge continuation is part of the cell before, like a span.
                entry[1] = True
        elif tag in _ROW_PROPS:
            tr = _first_child_of(el, _TRPR, _TR)
            if tr is None:
                continue
            entry = rows.get(tr)
            if entry is None:
                entry = rows[tr] = [0, 0]
            entry[0 if tag == _GRIDBEFORE else 1] = min(int_or(el.get(VAL), 0) or 0, MAX_COLUMNS)
        else:
            p = _first_child_of(el, _PPR, _P)
            if p is None:
                continue
            entry = paragraphs.get(p)
            if entry is None:
                entry = paragraphs[p] = [None, None, None, None]
            if tag == _PSTYLE:
                entry[0] = el.get(VAL)
            elif tag == _NUMPR:
                entry[1], entry[2] = num_pr(el)
            else:
                entry[3] = outline_level(el.get(VAL)) or 0
    return paragraphs, rows, cells


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


def _sole_cell(tbl):
    """The only cell of a table of one row and one cell, else None."""
    rows = _unwrapped(tbl, _TR)
    row = next(rows, None)
    if row is None or next(rows, None) is not None:
        return None
    cells = _unwrapped(row, _TC)
    cell = next(cells, None)
    return cell if cell is not None and next(cells, None) is None else None


def _plain_grid(tbl, texts: dict) -> list | None:
    """[(row, [(cell, [paragraph, …]), …]), …] of a table whose rows, cells and paragraphs all stand
    directly in their parents, from one C-level iteration over the table; None for any other table
    (content controls or custom XML around them, a nested table, embedded content), which takes the
    careful walk through wrappers. Nearly every report table is plain, and the careful walk would
    look at every child of every cell. A paragraph is known by being a key of `texts` (every
    paragraph of the body is): lxml builds a new string for each `.tag`, and half of what the
    iteration meets are paragraphs."""
    rows: list = []
    cells: list = []
    paragraphs: list = []
    tr = tc = None
    for el in tbl.iter(_TR, _TC, _P, _TBL, _ALT_CHUNK):
        if el in texts or (tag := el.tag) == _P:
            if el.getparent() is not tc:
                return None
            paragraphs.append(el)
        elif tag == _TC:
            if el.getparent() is not tr:
                return None
            tc, paragraphs = el, []
            cells.append((tc, paragraphs))
        elif tag == _TR:
            if el.getparent() is not tbl:
                return None
            tr, tc, cells = el, None, []
            rows.append((tr, cells))
        elif el is not tbl:
            return None
    return rows


class BodyReader:
    def __init__(self, path: str, styles: Styles, numbering: Numbering, joined: set, anchor=None,
                 texts: dict | None = None, props: tuple[dict, dict, dict] | None = None):
        self.path = path
        self.texts = texts or {}
        # From `properties`, which the caller computes over the same (prepared) body.
        self.paragraph_props, self.row_props, self.cell_props = props if props is not None else ({}, {}, {})
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
        self._styles: dict[str | None, tuple[int | None, str | None, int]] = {}
        self._default = self._style(None)

    def _paragraph_text(self, p) -> tuple[str, int | None]:
        """(visible text with "\n" for soft line breaks, heading level)."""
        own = self.paragraph_props.get(p)
        text = self.texts.get(p, "")
        if own is None:  # most paragraphs: everything comes from the default paragraph style
            level, num_id, ilvl = self._default
        else:
            style, num_id, ilvl, level = own
            style_level, style_num, style_ilvl = self._style(style)
            if level is None:
                level = style_level
            if num_id is None:
                num_id = style_num
                if ilvl is None:
                    ilvl = style_ilvl
        if num_id and num_id != "0" and (not self.joined or p not in self.joined):
            label = self.numbering.label(num_id, ilvl or 0)
            if label and text.strip(_BLANK):
                text = label + text
        return text, level or None

    def _style(self, sid: str | None) -> tuple[int | None, str | None, int]:
        """(heading level, numId, ilvl) of a paragraph style, one dict look-up per paragraph after the first."""
        found = self._styles.get(sid)
        if found is None:
            found = self._styles[sid] = (self.styles.heading_level(sid), *self.styles.numbering(sid))
        return found

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
        location = paragraph_place(self.paragraphs)
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

    def _cell_text(self, el, nested: list) -> str:
        """The cell's lines, each stripped, empty ones dropped, joined by line breaks."""
        paragraphs = []
        for child in _unwrapped_list(el):
            tag = child.tag
            if tag == _P:
                paragraphs.append(child)
            elif tag == _TBL:
                nested.append(child)
            elif tag == _ALT_CHUNK:
                self.alt_chunks.append(Location(table=self.tables))
        return self._lines(paragraphs)

    def _lines(self, paragraphs: list) -> str:
        """The lines of a cell's paragraphs, each stripped, empty ones dropped, joined by line breaks."""
        kept: list[str] = []
        # A paragraph with no properties of its own and an unnumbered default style is its bare text.
        bare = not (self._default[1] and self._default[1] != "0")
        own, texts = self.paragraph_props, self.texts
        for p in paragraphs:
            text = texts.get(p, "") if bare and p not in own else self._paragraph_text(p)[0]
            if "\n" in text:
                kept.extend(s for s in (line.strip(_BLANK) for line in text.split("\n")) if s)
            else:
                text = text.strip(_BLANK)
                if text:
                    kept.append(text)
        return "\n".join(kept)

    def _cells(self, tbl, nested: list) -> list[tuple[object, list[tuple[object, str]]]]:
        """[(row, [(cell, text), …]), …] of a table, its own rows and cells only."""
        plain = _plain_grid(tbl, self.texts)
        if plain is None:
            return [(tr, [(tc, self._cell_text(tc, nested)) for tc in _unwrapped_list(tr, _TC)])
                    for tr in _unwrapped_list(tbl, _TR)]
        lines, texts, own = self._lines, self.texts, self.paragraph_props
        bare = not (self._default[1] and self._default[1] != "0")
        out = []
        for tr, cells in plain:
            row = []
            for tc, paragraphs in cells:
                # Most cells: one paragraph of bare text on one line (the rule of `_lines`, inlined).
                text = texts.get(paragraphs[0], "") if len(paragraphs) == 1 and bare and paragraphs[0] not in own else None
                row.append((tc, text.strip(_BLANK) if text is not None and "\n" not in text else lines(paragraphs)))
            out.append((tr, row))
        return out

    def _rows(self, tbl, number: int, nested: list) -> list[list[RawCell]]:
        """The table's grid. One loop over the cells of each row, with each slot's location looked up
        in `SLOTS` in place: a report's tables have hundreds of cells, nearly all of one slot."""
        rows: list[list[RawCell]] = []
        slots, cell_props, row_props = SLOTS, self.cell_props, self.row_props
        for r, (tr, cells) in enumerate(self._cells(tbl, nested), 1):
            before, after = row_props.get(tr, _NO_SKIP)
            row = [covered(number, r, c) for c in range(1, before + 1)] if before else []
            for tc, text in cells:
                col = len(row) + 1
                span, continues = cell_props.get(tc, _ONE_SLOT)
                location = slots.get((number, r, col)) or slot(number, r, col)
                row.append(RawCell(text, location, continues))
                if continues and text:
                    self._hidden(number, r, col, text, location)
                if span > 1:  # most cells span one slot: no range to build
                    row.extend(covered(number, r, c) for c in range(col + 1, col + min(span - 1, MAX_COLUMNS - col) + 1))
            if after:
                at = len(row)
                row.extend(covered(number, r, c) for c in range(at + 1, at + min(after, MAX_COLUMNS - at) + 1))
            rows.append(row)
        return rows

    def _hidden(self, number: int, r: int, col: int, text: str, location: Location) -> None:
        shown = text.replace("\n", " ")
        self.notices.append(Notice(
            codes.HIDDEN_CONTENT, f"表{number}第{r}行第{col}列是被合并单元格覆盖的位置，其中仍有读者看不到的内容“{shown}”",
            location, Severity.WARNING, evidence=f"隐藏内容：{shown}"))

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
