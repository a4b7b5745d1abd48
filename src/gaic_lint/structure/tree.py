"""The Report tree that rules read: title, agency, year, the six parts, and the bound tables."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Location, Notice, RawTable
from ..records import field, record
from ..rulebook import ColumnSpec, RowSpec, TableSpec
from ..text.normalize import norm_label
from .findings import (
    CollapsedRow,
    DuplicateRow,
    RelabelledColumn,
    RelabelledRow,
    StrayCells,
    UnalignedRow,
    Unbound,
)

# Records with their __init__ written out, as in model.py: defined at every start without compiling
# anything, and made as fast as a dataclass's.


@record(frozen=False)
class Paragraph:
    """A logical paragraph: one or more reader blocks joined where a page or line break cut a sentence."""

    block: Block

    def __init__(self, block: Block):
        self.block = block

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def location(self) -> Location:
        return self.block.location

    def location_at(self, offset: int) -> Location:
        return self.block.location_at(offset)


@record(frozen=False)
class Heading:
    """A heading of the report: a part's, or a sub-heading inside a part."""

    text: str
    paragraph: Paragraph
    number: int | None  # the numeral the heading carries (一 -> 1, （三） -> 3)
    # For a part heading: how its title compares with the template's ("exact", "variant" or "other"),
    # and the similarity the builder measured to choose it.
    kind: str = "exact"
    similarity: float = 1.0
    # For a part heading: its numbering as typed ("三、", "3.", "（三）", "第三部分").
    numbering: str = ""

    def __init__(self, text: str, paragraph: Paragraph, number: int | None, kind: str = "exact",
                 similarity: float = 1.0, numbering: str = ""):
        self.text = text
        self.paragraph = paragraph
        self.number = number
        self.kind = kind
        self.similarity = similarity
        self.numbering = numbering

    @property
    def location(self) -> Location:
        return self.paragraph.location


@record(frozen=False)
class Section:
    """A sub-heading of a part and the paragraphs under it."""

    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)

    def __init__(self, heading: Heading, paragraphs: list[Paragraph] | None = None):
        self.heading = heading
        self.paragraphs = [] if paragraphs is None else paragraphs


@record(frozen=False)
class Part:
    """One of the template's six parts as found in the report."""

    number: int  # 1..6 as the template numbers them
    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)  # all paragraphs, sub-headings included
    sections: list[Section] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)

    def __init__(self, number: int, heading: Heading, paragraphs: list[Paragraph] | None = None,
                 sections: list[Section] | None = None, tables: list[RawTable] | None = None):
        self.number = number
        self.heading = heading
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.sections = [] if sections is None else sections
        self.tables = [] if tables is None else tables


@record(frozen=False)
class Cell:
    """A template cell as found in the document."""

    table: str
    row: RowSpec
    column: ColumnSpec
    text: str | None  # None: the cell was not found at all
    location: Location
    value: float | None = None
    # Left empty on purpose: nothing, a dash, or a word for "none" (the rulebook's `cells.none_words`).
    blank: bool = False

    def __init__(self, table: str, row: RowSpec, column: ColumnSpec, text: str | None, location: Location,
                 value: float | None = None, blank: bool = False):
        self.table = table
        self.row = row
        self.column = column
        self.text = text
        self.location = location
        self.value = value
        self.blank = blank

    @property
    def path(self) -> str:
        return cell_path(self.table, self.row, self.column)

    def place(self) -> tuple[dict, str | None]:
        """What a summary keeps of the cell's location: the attributes of a location, and the path
        that replaces their `cell_path`."""
        return self.location.__dict__, self.location.cell_path


class BoundCell(Cell):
    """A cell as the binder makes it, some two hundred a report: its location (the raw cell's, or the
    row's for a cell not found, named by the template path) is made only when read. Most never are: the
    summary takes the cell's place as plain attributes (`place`), and rules read a location only for
    a finding. Equal to a `BoundCell` with the same fields."""

    def __init__(self, table: str, row: RowSpec, column: ColumnSpec, text: str | None, at: Location,
                 path: str, value: float | None = None, blank: bool = False):
        # Not Cell's __init__, which would set `location`. (Attribute by attribute: a dict
        # update by keywords costs over twice as much.)
        self.table = table
        self.row = row
        self.column = column
        self.text = text
        self.value = value
        self.blank = blank
        self._at = at
        self._path = path

    @property
    def location(self) -> Location:  # type: ignore[override]
        state = self.__dict__
        made = state.get("_location")
        if made is None:
            made = state["_location"] = state["_at"].but(cell_path=state["_path"])
        return made

    @property
    def path(self) -> str:
        return self.__dict__["_path"]

    def place(self) -> tuple[dict, str]:
        """The attributes of the location the cell's location is made from, and its path: what a
        summary keeps, without making the location."""
        state = self.__dict__
        return state["_at"].__dict__, state["_path"]


def cell_path(table: str, row: RowSpec, column: ColumnSpec) -> str:
    """How a template cell is named in a location: `表三 · 四、结转下年度继续办理 · 总计`."""
    return f"{table} · {row.label} · {column.label}"


@record(frozen=False)
class BoundTable:
    """A raw table (or several pieces of one) bound to its template table."""

    spec: TableSpec
    cells: dict[tuple[str, str], Cell]
    location: Location
    missing_rows: list[RowSpec] = field(default_factory=list)
    stray: list[StrayCells] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)
    relabelled: list[RelabelledRow] = field(default_factory=list)  # typo'd labels read by position
    collapsed: list[CollapsedRow] = field(default_factory=list)  # older-format rows standing for several
    relabelled_columns: list[RelabelledColumn] = field(default_factory=list)  # typo'd column headers
    unaligned: list[UnalignedRow] = field(default_factory=list)  # short rows whose cells were not bound

    def __init__(self, spec: TableSpec, cells: dict[tuple[str, str], Cell], location: Location,
                 missing_rows: list[RowSpec] | None = None, stray: list[StrayCells] | None = None,
                 duplicates: list[DuplicateRow] | None = None, relabelled: list[RelabelledRow] | None = None,
                 collapsed: list[CollapsedRow] | None = None,
                 relabelled_columns: list[RelabelledColumn] | None = None,
                 unaligned: list[UnalignedRow] | None = None):
        self.spec = spec
        self.cells = cells
        self.location = location
        self.missing_rows = [] if missing_rows is None else missing_rows
        self.stray = [] if stray is None else stray
        self.duplicates = [] if duplicates is None else duplicates
        self.relabelled = [] if relabelled is None else relabelled
        self.collapsed = [] if collapsed is None else collapsed
        self.relabelled_columns = [] if relabelled_columns is None else relabelled_columns
        self.unaligned = [] if unaligned is None else unaligned

    @property
    def name(self) -> str:
        return self.spec.name

    def cell(self, row: str, column: str) -> Cell | None:
        """Look a cell up by key or label (any alias, any width or spacing)."""
        r = _find(self.spec.rows, row)
        c = _find(self.spec.columns, column)
        if r is None or c is None:
            return None
        return self.cells.get((r.key, c.key))

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells.values())

    @property
    def complete(self) -> bool:
        return not self.missing_rows and all(c.text is not None for c in self.cells.values())


def _find(specs: list, name: str):
    # Rules look the same few cells up by label in every report: the answer is remembered by the
    # list of specs (a rulebook's, kept in the entry so that its id is not reused) and the name.
    hit = _FOUND.get((id(specs), name))
    if hit is not None and hit[0] is specs:
        return hit[1]
    found = _search(specs, name)
    if len(_FOUND) >= 1024:
        _FOUND.clear()
    _FOUND[id(specs), name] = (specs, found)
    return found


_FOUND: dict[tuple[int, str], tuple[list, object]] = {}


def _search(specs: list, name: str):
    key = norm_label(name)
    for spec in specs:
        if spec.key == name or norm_label(spec.label) == key or key in (norm_label(a) for a in spec.aliases):
            return spec
    return None


@record(frozen=False)
class Report:
    """A report as the rules read it."""

    path: str
    format: str
    title: str | None
    title_paragraph: Paragraph | None
    agency: str | None
    year: int | None
    preamble: list[Paragraph]
    parts: list[Part]
    tables: dict[str, BoundTable]
    unbound: dict[str, Unbound]  # template tables that could not be bound, by name
    notices: list[Notice]
    source_lines: list[str] | None = None
    metadata: dict = field(default_factory=dict)  # what the reader knew: encoding, publication date …
    # Headings that give a part already found once more (its text stays in the part it falls in).
    repeated_parts: list[Heading] = field(default_factory=list)

    def __init__(self, path: str, format: str, title: str | None, title_paragraph: Paragraph | None,
                 agency: str | None, year: int | None, preamble: list[Paragraph], parts: list[Part],
                 tables: dict[str, BoundTable], unbound: dict[str, Unbound], notices: list[Notice],
                 source_lines: list[str] | None = None, metadata: dict | None = None,
                 repeated_parts: list[Heading] | None = None):
        self.path = path
        self.format = format
        self.title = title
        self.title_paragraph = title_paragraph
        self.agency = agency
        self.year = year
        self.preamble = preamble
        self.parts = parts
        self.tables = tables
        self.unbound = unbound
        self.notices = notices
        self.source_lines = source_lines
        self.metadata = {} if metadata is None else metadata
        self.repeated_parts = [] if repeated_parts is None else repeated_parts

    def part(self, number: int) -> Part | None:
        return next((p for p in self.parts if p.number == number), None)

    def table(self, name: str) -> BoundTable | None:
        return self.tables.get(name)

    @property
    def raw_tables(self) -> Iterator[RawTable]:
        """The reader's tables as found, part by part: for rules that look at what is *not* template
        (old labels, stray wording) rather than at the bound cells."""
        for part in self.parts:
            yield from part.tables

    def paragraphs(self) -> Iterator[tuple[Part | None, Paragraph]]:
        """Every paragraph of running text, with the part it belongs to (None for the preamble)."""
        for p in self.preamble:
            yield None, p
        for part in self.parts:
            for p in part.paragraphs:
                yield part, p
