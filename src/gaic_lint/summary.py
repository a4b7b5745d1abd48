"""What outlives a checked report in a batch: who published it, for which year, and its three tables as
the template grid. A batch keeps this small summary instead of the Report tree, so memory stays flat
however many files are checked, and reporters (the review page, JUnit, the per-report table) and
cross-report rules have what they need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .agency import level_of
from .model import Location

if TYPE_CHECKING:
    from .structure.tree import Report


@dataclass(frozen=True)
class TableRow:
    label: str
    # One entry per column of the table; None where the template has no cell in this row.
    cells: tuple[str | None, ...]
    # Where each cell was found (None where the template has none or the cell was not found).
    locations: tuple[Location | None, ...] = ()


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    tables = []
    for name, bound in report.tables.items():
        spec = bound.spec
        rows = []
        for row in spec.rows:
            own = {c.key for c in spec.columns_of(row)}
            texts, places = [], []
            for column in spec.columns:
                cell = bound.cells.get((row.key, column.key)) if column.key in own else None
                texts.append(None if column.key not in own else (cell.text if cell is not None and cell.text is not None else ""))
                places.append(cell.location if cell is not None and cell.text is not None else None)
            rows.append(TableRow(row.label, tuple(texts), tuple(places)))
        tables.append(TableSummary(name, spec.title, tuple(c.label for c in spec.columns), tuple(rows)))
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
