"""What outlives a checked report in a batch: who published it, for which year, and its three tables as
the template grid. A batch keeps this small summary instead of the Report tree, so memory stays flat
however many files are checked, and reporters (the review page, JUnit, the per-report table) and
cross-report rules have what they need."""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from .agency import level_of
from .model import Location
from .records import fields, record

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from .structure.tree import Report


@record
class TableRow:
    label: str
    # One entry per column of the table; None where the template has no cell in this row.
    cells: tuple[str | None, ...]
    # Where each cell was found (None where the template has none or the cell was not found).
    locations: tuple[Location | None, ...] = ()


@record
class TableSummary:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]

    def row(self, label: str) -> TableRow | None:
        return next((r for r in self.rows if r.label == label), None)

    def cell_path(self, row: str, column: str) -> str:
        # The same naming as `Cell.path`, which findings about a cell carry in `Location.cell_path`.
        return f"{self.name} · {row} · {column}"


@record
class ReportSummary:
    title: str | None
    agency: str | None
    year: int | None
    level: str | None  # agency.GOVERNMENT / agency.DEPARTMENT
    published: str | None  # YYYY-MM-DD, when the source said
    parts: tuple[tuple[int, str], ...]  # (number, heading as written)
    tables: tuple[TableSummary, ...]
    # The running text of each part, paragraph by paragraph, with where each paragraph starts; the
    # preamble (title, body, 落款 before the first part) is part 0.
    paragraphs: tuple[tuple[int, str, Location], ...] = ()

    def table(self, name: str) -> TableSummary | None:
        return next((t for t in self.tables if t.name == name), None)

    def to_dict(self) -> dict:
        return {"title": self.title, "agency": self.agency, "year": self.year, "level": self.level,
                "published": self.published}


def summarize(report: Report) -> ReportSummary:
    from .structure.tree import BoundCell

    tables = []
    for name, bound in report.tables.items():
        spec, get = bound.spec, bound.cells.get
        columns = tuple(c.label for c in spec.columns)
        rows = []
        for row, keys, named in _layout(spec):
            cells = list(map(get, keys))  # a key of None (no cell in that column) finds none
            if all(type(cell) is BoundCell and cell.text is not None for cell in cells):
                # The usual row, every cell found by the binder: its place is kept as is (`BoundCell.place`)
                # and its path is the one its table, row and column name. Read in one pass, not cell
                # by cell: there are some two hundred a report.
                texts = tuple([cell.text for cell in cells])
                flat, named_paths = ([cell.__dict__["_at"].__dict__ for cell in cells], named), True
            else:
                texts, flat, named_paths = _row_cells(keys, cells, named)
            # The cells' places (`Cell.place`), made into locations when read (`_PackedRow`): most
            # summaries are packed at once, and packing takes the places.
            rows.append(_made(_PackedRow, {"label": row.label, "cells": texts, "_flat": flat,
                                           "_named": named_paths}))
        tables.append(TableSummary(name, spec.title, columns, tuple(rows)))
    return ReportSummary(
        title=report.title,
        agency=report.agency,
        year=report.year,
        level=level_of(report.agency),
        published=report.metadata.get("published"),
        parts=tuple((p.number, p.heading.text) for p in report.parts),
        tables=tuple(tables),
        paragraphs=tuple((part.number if part else 0, p.text, p.location) for part, p in report.paragraphs()),
    )


def _row_cells(keys: list, cells: list, named: list[str]) -> tuple[tuple, tuple[list, list], bool]:
    """A row's texts, its cells' (places, paths), and whether each path is the one named (the row then
    keeps the named list, and packing leaves it out)."""
    texts, places, paths = [], [], []
    own_paths = False
    for key, cell, expected in zip(keys, cells, named):
        if cell is None or cell.text is None:
            texts.append(None if key is None else "")
            places.append(None)
            paths.append(None)
            continue
        texts.append(cell.text)
        where, path = cell.place()
        places.append(where)
        paths.append(path)
        if path != expected:
            own_paths = True
    return tuple(texts), (places, paths if own_paths else named), not own_paths


# Packed, a summary is pickles: the few fields every batch rule reads (who, which year) with an index
# of the rest, then each table and the paragraphs, compressed when large. A rule reads what it needs (one table,
# say), and unpickling the tables' hundreds of cell locations is most of the cost of a read, so each
# part is unpacked only when asked for. A location is pickled as its attributes (a dict), a cell's as
# its place (`Cell.place`): pickling and unpickling it as an object costs several times more, per
# cell, in every batch. A cell's path is left out when it is the one its table, row and column name
# (it always is for a bound cell): the paths were four fifths of the bytes pickled and compressed. A
# table row makes its locations on first read. A cell's location attributes are packed as their
# values alone, in the order of Location's fields (which is the order of every Location's attributes:
# the dataclass sets them so, and `Location.but` and a copy keep it): half the bytes, so 表三 is small
# enough to be kept uncompressed (`_COMPRESS_ABOVE`), and pickling a tuple costs less than a dict.
# (A paragraph's stay a dict: batch rules read the paragraphs of every report, and a dict unpickled
# costs less than one made again from the values.)
_HEAD = ("title", "agency", "year", "level", "published", "parts")
_FIELDS = tuple(f.name for f in fields(ReportSummary))


def pack_summary(summary: ReportSummary) -> bytes:
    tables = [(t.name, _packed((t.name, t.title, t.columns, [_packed_row(t, r) for r in t.rows])))
              for t in summary.tables]
    paragraphs = [(part, text, None if where is None else where.__dict__) for part, text, where in summary.paragraphs]
    return _assembled(tuple(getattr(summary, name) for name in _HEAD), tables, paragraphs)


def pack_report(report: Report) -> bytes:
    """`pack_summary(summarize(report))`, the same bytes, without making the summary on the way: a
    batch packs every report's summary at once, and the summary's objects were made only to be taken
    apart again."""
    from .structure.tree import BoundCell

    width = _WIDTH
    # The usual row is of binder's cells, every one found: told and read in C (`map`), not cell by
    # cell in Python, as there are some two hundred a report.
    bound_only = {BoundCell}
    tables = []
    for name, bound in report.tables.items():
        spec, get = bound.spec, bound.cells.get
        rows = []
        for row, keys, named in _layout(spec):
            cells = list(map(get, keys))
            if set(map(type, cells)) == bound_only:
                texts = tuple(map(_TEXT, cells))
                if None not in texts:
                    rows.append((row.label, texts, [tuple(where.values()) if len(where) == width else where
                                                    for where in map(_PLACE, cells)], None))
                    continue
            texts, (places, paths), named_paths = _row_cells(keys, cells, named)
            places = [tuple(where.values()) if type(where) is dict and len(where) == width else where
                      for where in places]
            rows.append((row.label, texts, places, None if named_paths else paths))
        tables.append((name, _packed((name, spec.title, tuple(c.label for c in spec.columns), rows))))
    head = (report.title, report.agency, report.year, level_of(report.agency), report.metadata.get("published"),
            tuple((p.number, p.heading.text) for p in report.parts))
    paragraphs = [(part.number if part else 0, p.text, None if where is None else where.__dict__)
                  for part, p, where in ((part, p, p.location) for part, p in report.paragraphs())]
    return _assembled(head, tables, paragraphs)


_TEXT = attrgetter("text")
_PLACE = attrgetter("_at.__dict__")  # a BoundCell's place (`BoundCell.place`)


def _assembled(head: tuple, tables: list[tuple[str, bytes]], paragraphs: list) -> bytes:
    import pickle
    import struct

    # The head uncompressed: every batch rule reads it, for every report.
    index = pickle.dumps((head, tuple((name, len(blob)) for name, blob in tables)), pickle.HIGHEST_PROTOCOL)
    return struct.pack("<I", len(index)) + index + b"".join(blob for _, blob in tables) + _packed(paragraphs)


def unpack_summary(data: bytes, head: tuple | None = None) -> ReportSummary:
    """The summary `pack_summary` packed into `data`; `head` is `read_head(data)` when the caller kept it."""
    values, index, start = head or read_head(data)
    summary = object.__new__(PackedSummary)
    state = summary.__dict__
    state.update(zip(_HEAD, values))
    state["_at"] = (data, index, start)
    return summary


def read_head(data: bytes) -> tuple[tuple, tuple, int]:
    """What every read of a packed summary needs first: the head's values, (table name, start, size)
    of each table, and where the paragraphs start."""
    import pickle
    import struct

    (head_size,) = struct.unpack_from("<I", data)
    values, sizes = pickle.loads(data[4:4 + head_size])
    at = 4 + head_size
    index = []
    for name, size in sizes:
        index.append((name, at, size))
        at += size
    return values, tuple(index), at


# A part is compressed only when it is larger than this: compressing costs some 90 instructions a
# byte, more than pickling, so a usual report's parts (表三's 5 KB with its locations as values, the
# tables and paragraphs a few KB each) are kept as they are, while a long report's paragraphs still
# shrink to a third.
_COMPRESS_ABOVE = 8 * 1024


def _packed(value) -> bytes:
    import pickle

    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    if len(data) <= _COMPRESS_ABOVE:
        return b"p" + data
    import zlib

    return b"z" + zlib.compress(data, 1)


def _unpickle(data: bytes, start: int, size: int):
    import pickle

    if data[start] == ord("p"):
        return pickle.loads(data[start + 1:start + size])
    import zlib

    return pickle.loads(zlib.decompress(data[start + 1:start + size]))


def _packed_row(table: TableSummary, row: TableRow) -> tuple:
    """(label, cells, each cell's location attributes, each cell's path or None when every path is
    the one `cell_paths` names)."""
    places, paths = _flat(row)
    width = _WIDTH
    places = [tuple(where.values()) if type(where) is dict and len(where) == width else where for where in places]
    if row.__dict__.get("_named") or all(where is None or path == name for where, path, name
                                         in zip(places, paths, cell_paths(table.name, row.label, table.columns))):
        paths = None
    return row.label, row.cells, places, paths


# The rows of each template table with the key of each of its cells (None where the row has no cell
# in that column) and their paths; by the table's id (the table is kept in the entry, so the id is
# not reused).
_LAYOUTS: dict[int, tuple[object, list]] = {}


def _layout(spec) -> list:
    hit = _LAYOUTS.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    layout = []
    columns = tuple(c.label for c in spec.columns)
    for row in spec.rows:
        own = {c.key for c in spec.columns_of(row)}
        layout.append((row, [(row.key, c.key) if c.key in own else None for c in spec.columns],
                       cell_paths(spec.name, row.label, columns)))
    if len(_LAYOUTS) >= 32:
        _LAYOUTS.clear()
    _LAYOUTS[id(spec)] = (spec, layout)
    return layout


@lru_cache(maxsize=1024)
def cell_paths(table: str, row: str, columns: tuple[str, ...]) -> list[str]:
    """The path (`Cell.path`) of each cell of a row. Remembered: every report of a batch has the
    template's rows (not to be changed by the caller)."""
    return [f"{table} · {row} · {column}" for column in columns]


def _flat(row: TableRow) -> tuple[list, list]:
    """The location attributes (`Cell.place`) of each cell in `row` and its path, None where it has
    no location."""
    flat = row.__dict__.get("_flat")
    if flat is not None:
        return flat
    return ([None if w is None else w.__dict__ for w in row.locations],
            [None if w is None else w.cell_path for w in row.locations])


_FIELDS_OF_LOCATION = tuple(f.name for f in fields(Location))
_WIDTH = len(_FIELDS_OF_LOCATION)


def _with_path(packed: dict | tuple, path: str | None) -> dict:
    attributes = dict(zip(_FIELDS_OF_LOCATION, packed)) if type(packed) is tuple else {**packed}
    attributes["cell_path"] = path
    return attributes


def _made(cls, attributes: dict):
    """An instance of the frozen dataclass `cls` with these attributes, without its __init__ (which
    sets each field through the frozen guard): a batch makes thousands."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", attributes)
    return obj


class _PackedRow(TableRow):
    """A row of a summary's table whose cells' locations are kept as their places (`Cell.place`, in
    `_flat`: attributes and paths) and made on first read (a figure needs one row's, not the whole
    tables'); equal to the `TableRow` with those locations."""

    @property
    def locations(self) -> tuple[Location | None, ...]:  # type: ignore[override]
        state = self.__dict__
        made = state.get("_locations")
        if made is None:
            made = state["_locations"] = tuple([None if where is None else _made(Location, _with_path(where, path))
                                                for where, path in zip(*state["_flat"])])
        return made

    def __eq__(self, other):
        if isinstance(other, TableRow):
            return (self.label, self.cells, self.locations) == (other.label, other.cells, other.locations)
        return NotImplemented

    def __hash__(self):
        return hash((self.label, self.cells, self.locations))


def _table(packed) -> TableSummary:
    name, title, columns, rows = packed
    rows = tuple([_made(_PackedRow, {"label": label, "cells": cells, "_named": paths is None,
                                     "_flat": (places, paths or cell_paths(name, label, columns))})
                  for label, cells, places, paths in rows])
    return TableSummary(name, title, columns, rows)


class PackedSummary(ReportSummary):
    """A summary read back from `pack_summary`: the same fields, tables and paragraphs unpacked on
    first read. Equal to the summary it was packed from."""

    @property
    def tables(self) -> tuple[TableSummary, ...]:
        state = self.__dict__
        if "_tables" not in state:
            state["_tables"] = tuple(self._table_at(k) for k in range(len(state["_at"][1])))
        return state["_tables"]

    def table(self, name: str) -> TableSummary | None:
        """The table named `name`, the others left packed."""
        index = self.__dict__["_at"][1]
        return next((self._table_at(k) for k, entry in enumerate(index) if entry[0] == name), None)

    def _table_at(self, k: int) -> TableSummary:
        made = self.__dict__.setdefault("_made_tables", {})
        if k not in made:
            data, index, _ = self.__dict__["_at"]
            _, start, size = index[k]
            made[k] = _table(_unpickle(data, start, size))
        return made[k]

    @property
    def paragraphs(self) -> tuple[tuple[int, str, Location], ...]:
        state = self.__dict__
        if "_paragraphs" not in state:
            data, _, start = state["_at"]
            # Batch rules read every report's paragraphs: their locations are made in one pass, not
            # a call (`_made`) each.
            new, put = object.__new__, object.__setattr__
            out = []
            for part, text, where in _unpickle(data, start, len(data) - start):
                if where is not None:
                    location = new(Location)
                    put(location, "__dict__", where)
                    where = location
                out.append((part, text, where))
            state["_paragraphs"] = tuple(out)
        return state["_paragraphs"]

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other):
        if isinstance(other, ReportSummary):
            return self._values() == tuple(getattr(other, name) for name in _FIELDS)
        return NotImplemented

    def __hash__(self):
        return hash(self._values())
