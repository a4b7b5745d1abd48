"""Table figures of a report summary by the template's row and column keys."""

from __future__ import annotations

import re

from ..model import Location
from ..records import record
from ..summary import ReportSummary

_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*$")


@record
class Figure:
    value: float | None  # None: the cell is blank or not a number
    text: str
    path: str  # "表三 · 二、上年结转… · 自然人", as findings about cells name them
    location: Location | None


def number(text: str | None) -> float | None:
    if text and text.isdigit():  # nearly every cell: no need for the pattern
        return float(text)
    m = _NUMBER.match((text or "").replace(",", "").replace("，", ""))
    return float(m.group(1)) if m else None


_INDEX: dict[tuple[int, str, str], tuple[object, tuple[int, int] | None]] = {}


def _index(spec, row_key: str, column_key: str) -> tuple[int, int] | None:
    # Rulebook specs live as long as the process; a batch asks for the same few cells of every report.
    hit = _INDEX.get((id(spec), row_key, column_key))
    if hit is not None and hit[0] is spec:
        return hit[1]
    rows = next((i for i, r in enumerate(spec.rows) if r.key == row_key), None)
    columns = next((i for i, c in enumerate(spec.columns) if c.key == column_key), None)
    found = None if rows is None or columns is None else (rows, columns)
    _INDEX[(id(spec), row_key, column_key)] = (spec, found)
    return found


def figure(summary: ReportSummary, spec, row_key: str, column_key: str) -> Figure | None:
    """The cell of `spec` (a rulebook TableSpec) at (row, column), or None when the table or the cell is
    not in the report."""
    table = summary.table(spec.name)
    where = _index(spec, row_key, column_key)
    if table is None or where is None:
        return None
    r, column = where
    # The summary lists the rows in the rulebook's order; the label check guards against another book.
    row = table.rows[r] if r < len(table.rows) and table.rows[r].label == spec.rows[r].label else None
    if row is None or column >= len(row.cells) or row.cells[column] is None:
        return None
    text = row.cells[column]
    place = row.locations[column] if column < len(row.locations) else None
    return Figure(number(text), text, table.cell_path(row.label, spec.columns[column].label), place)


def shown(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def name_of(path: str) -> str:
    from pathlib import Path  # only where reports are compared

    return Path(path).name
