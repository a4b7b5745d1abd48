"""What the structure stage found while building the tree, as plain data.

The builder and the table binder decide these things once; rules turn them into diagnostics and own
all of the wording. Nothing here is a sentence for the user.
"""

from __future__ import annotations

import enum

from ..model import Location
from ..records import field, record
from ..rulebook import ColumnSpec, RowSpec


class Reason(str, enum.Enum):
    """Why a template table could not be bound to any table of the document."""

    NO_PART = "no-part"  # the part that holds the table is missing, and no table elsewhere has its labels
    NO_TABLES = "no-tables"  # the part is there but holds no table
    NO_LABELS = "no-labels"  # the part's tables have neither the template's row labels nor its data rows


@record
class Unbound:
    table: str  # the template table's name (表三)
    part: int  # the part the template puts it in
    reason: Reason


@record(frozen=False)
class StrayCells:
    """Numbers that belong to no template row, left over from one row of the source."""

    source_row: tuple  # identifies the source row: (page, table, row, line)
    cells: list[tuple[str, Location]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(t for t, _ in self.cells)

    @property
    def location(self) -> Location:
        return self.cells[0][1]


@record
class DuplicateRow:
    """A template row found a second time; the first one's numbers were used."""

    row: RowSpec
    location: Location


@record
class RelabelledRow:
    """A row whose label differs from the template's, bound to the template row by its position."""

    row: RowSpec
    found: str
    location: Location


@record
class RelabelledColumn:
    """A header cell that is a template column label with a typo ("本年废纸件数")."""

    column: ColumnSpec
    found: str
    location: Location


@record
class UnalignedRow:
    """A row with fewer cells than the template's, each cell on its own line: which one is missing
    cannot be told, so none of its cells is bound."""

    row: RowSpec
    found: int
    expected: int
    location: Location


@record
class CollapsedRow:
    """An older format's single row that stands for several template rows."""

    group: str
    rows: tuple[str, ...]


def stray_cells(cells: list[tuple[str, Location]]) -> list[StrayCells]:
    """Stray cells grouped by the source row they came from, in reading order."""
    rows: dict[tuple, StrayCells] = {}
    for text, location in cells:
        key = (location.page, location.table, location.row, location.line if location.row is None else None)
        rows.setdefault(key, StrayCells(key)).cells.append((text, location))
    return list(rows.values())
