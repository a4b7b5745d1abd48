"""The text flow of the article: blocks in reading order, lists numbered as a browser draws them,
tables resolved into grids with their row and column spans."""

from __future__ import annotations

import re

from ...model import Block, Location, RawCell, RawTable, Span
from ...text.lexicon import is_cjk_text
from ...text.numerals import chinese
from .article import Page
from .dom import BLOCK, FURNITURE, HEADINGS, WS_SPLIT, int_attr, normalize_ws

# Spans are clamped to what a report's table can need: no template table has more than a few dozen
# columns or a few hundred cells, and a 386 KB page with `rowspan=0 colspan=1000` over 20,000 rows would
# otherwise expand into hundreds of millions of slots.
MAX_COLSPAN = 63
MAX_SLOTS = 50_000


class Flow:
    """Walks the body in reading order and cuts it into blocks and tables."""

    def __init__(self, page: Page):
        self.page = page
        self.items: list[Block | RawTable] = []
        self._text = ""
        self._spans: list[Span] = []
        self._pending_ws = ""
        self._block = None  # the block element the current text belongs to
        self._level: int | None = None
        self._ol_counters: list[list] = []

    # -- text accumulation
    def add(self, text: str | None, holder) -> None:
        if not text:
            return
        pieces = WS_SPLIT.split(text)
        # pieces alternate: text, whitespace, text, …; the first and last may be empty
        for i, piece in enumerate(pieces):
            if not piece:
                continue
            if i % 2:
                self._pending_ws += piece
                continue
            # A line break in the source between two Chinese characters is not a space on screen.
            if self._text and self._pending_ws and not (
                    "\n" in self._pending_ws and is_cjk_text(self._text[-1]) and is_cjk_text(piece[0])):
                self._text += " "
            self._pending_ws = ""
            line = holder.sourceline
            if not self._spans or self._spans[-1].location.line != line:
                block = self._block if self._block is not None else holder
                self._spans.append(Span(len(self._text), Location(line=line, element=self.page.path_of(block))))
            self._text += piece

    def flush(self) -> None:
        self._pending_ws = ""
        if not self._text:
            self._level = None
            return
        self.items.append(Block(self._text, self._spans, heading_level=self._level))
        self._text, self._spans, self._level = "", [], None

    # -- the walk
    def walk(self, el) -> None:
        self.add(el.text, el)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.add(child.tail, el)

    def element(self, el) -> None:
        tag = el.tag
        if el in self.page.hidden:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag in FURNITURE or (tag in BLOCK and self.page.is_furniture(el)):
            return
        if tag not in BLOCK and tag not in ("td", "th", "tr", "tbody", "thead", "tfoot", "caption"):
            self.walk(el)  # inline: part of the current block
            return
        self.flush()
        outer_block, self._block = self._block, el
        if tag in HEADINGS:
            self._level = HEADINGS[tag]
        if tag in ("ol", "ul"):
            self._ol_counters.append([tag, int_attr(el, "start", 1, 10**6) - 1, _list_style(el)])
        if tag == "li":
            self.add(self._marker(el), el)
        self.walk(el)
        if tag in ("ol", "ul"):
            self._ol_counters.pop()
        self.flush()
        self._block = outer_block

    def _marker(self, li) -> str | None:
        """What a browser prints before an ordered list item, for the numbering the text relies on."""
        if not self._ol_counters or self._ol_counters[-1][0] != "ol":
            return None
        counter = self._ol_counters[-1]
        counter[1] = int_attr(li, "value", counter[1] + 1, 10**6)
        style = _list_style(li) or counter[2]
        if style in ("cjk-ideographic", "cjk-decimal", "simp-chinese-informal", "trad-chinese-informal"):
            return chinese(counter[1]) + "、"
        if style in (None, "decimal"):
            return f"{counter[1]}."
        return None

    # -- tables
    def table(self, table) -> None:
        page = self.page
        if page.is_layout_table(table):
            for row in page.rows(table):
                for cell in page.cells(row):
                    outer, self._block = self._block, cell
                    self.walk(cell)
                    self.flush()
                    self._block = outer
            return
        caption = table.find("caption")
        if caption is not None:
            self._block = caption
            self.walk(caption)
            self.flush()
            self._block = None
        number = page.table_numbers.get(table)
        table_rows = page.rows(table)
        count = len(table_rows)
        grid: list[list[RawCell | None]] = [[] for _ in range(count)]
        nested: list = []
        spent = 0
        for r, row in enumerate(table_rows):
            slots = grid[r]
            c = 0
            for index, cell in enumerate(page.cells(row), start=1):
                while c < len(slots) and slots[c] is not None:
                    c += 1
                # rowspan 0 means "to the end"; spans are cut at the end of the table, as browsers do
                rowspan = min(int_attr(cell, "rowspan", 1, 65534) or count, count - r)
                colspan = int_attr(cell, "colspan", 1, MAX_COLSPAN) or 1
                # Past the table's budget a span covers only its own slot: the text is still read.
                if spent + rowspan * colspan > MAX_SLOTS:
                    rowspan = colspan = 1
                spent += rowspan * colspan
                path = f"table[{number}]/tr[{r + 1}]/{cell.tag}[{index}]"
                line = cell.sourceline
                text, inner = self._cell_text(cell)
                nested.extend(inner)
                for dr in range(rowspan):
                    target = grid[r + dr]
                    if len(target) < c + colspan:
                        target.extend([None] * (c + colspan - len(target)))
                    for dc in range(colspan):
                        loc = Location(line=line, table=number, row=r + dr + 1, col=c + dc + 1, element=path)
                        target[c + dc] = (RawCell(text, loc) if dr == 0 and dc == 0
                                          else RawCell("", loc, covered=True))
                c += colspan
        rows: list[list[RawCell]] = []
        for r, slots in enumerate(grid, start=1):
            for c, slot in enumerate(slots, start=1):
                if slot is None:  # a short row under a rowspan: the browser draws nothing there
                    slots[c - 1] = RawCell("", Location(line=table_rows[r - 1].sourceline, table=number, row=r,
                                                        col=c, element=f"table[{number}]/tr[{r}]"))
            rows.append(slots)
        if any(rows):
            self.items.append(RawTable(rows, Location(line=table.sourceline, table=number,
                                                      element=f"table[{number}]")))
        for inner in nested:
            self.table(inner)

    def _cell_text(self, cell) -> tuple[str, list]:
        """The text of a cell: its paragraphs and `<br>` lines joined, and the tables nested in it."""
        if len(cell) == 0:
            return normalize_ws(cell.text or ""), []
        lines: list[list[str]] = [[]]
        nested: list = []
        hidden = self.page.hidden

        def visit(el) -> None:
            if el.text:
                lines[-1].append(el.text)
            for child in el:
                tag = child.tag
                if isinstance(tag, str) and child not in hidden:
                    if tag == "table":
                        nested.append(child)  # read as a table of its own after this one
                    elif tag == "br":
                        lines.append([])
                    elif tag in BLOCK:
                        lines.append([])
                        visit(child)
                        lines.append([])
                    else:
                        visit(child)
                if child.tail:
                    lines[-1].append(child.tail)

        visit(cell)
        text = ""
        for parts in lines:
            line = normalize_ws("".join(parts))
            if not line:
                continue
            if text and not (is_cjk_text(text[-1]) or is_cjk_text(line[0])):
                text += " "
            text += line
        return text, nested


def _list_style(el) -> str | None:
    style = el.get("style") or ""
    m = re.search(r"list-style(?:-type)?\s*:\s*([a-z-]+)", style, re.IGNORECASE)
    if m:
        return m.group(1).lower()
    kind = el.get("type")
    if kind is None:
        return None
    return "decimal" if kind == "1" else "other"
