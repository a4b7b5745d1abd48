"""Binding raw tables to the template tables (表二, 表三, 表四).

Rows are found by their labels, not by position: real tables come broken across pages, with repeated
header rows, wrapped labels, cells shifted into the label column and stray cells. A row's values are
the cells after its most specific label; a flat table (表四) is its one row of numbers.
"""

from __future__ import annotations

from collections.abc import Collection

from ..model import Location, RawCell, RawTable
from ..rulebook import RowSpec, TableSpec
from ..text.lexicon import is_blank_cell
from ..text.normalize import bigram_similarity, norm_label, parse_number
from .findings import CollapsedRow, DuplicateRow, RelabelledColumn, RelabelledRow, UnalignedRow, stray_cells
from .labels import FUZZY, FUZZY_MARGIN, Labels, is_blank, labels_of, row_key
from .tree import BoundCell, BoundTable, Cell


def _add_row(cells: dict[tuple[str, str], Cell], labels: Labels, row: RowSpec, columns: list,
             values: list[RawCell], missing_at: Location) -> None:
    """The cells of one template row, its columns' values in order, and a cell not found (no text)
    at `missing_at` for each column short of a value. Every cell of every bound table is made here,
    a row at a time: its key and path come from the row's slots, its number and blankness from the
    readings known (both remembered by `Labels`), its location is left to be made when read
    (`BoundCell`)."""
    name = labels.spec.name
    known = labels.readings
    slots = labels.slots(row, columns)
    for (column, key, path), raw in zip(slots, values):
        text = raw.text
        reading = known.get(text)
        if reading is None:
            reading = labels.reading(text)
        cells[key] = BoundCell(name, row, column, text, raw.location, path, reading[0], reading[1])
    for column, key, path in slots[len(values):]:
        cells[key] = BoundCell(name, row, column, None, missing_at, path)


def _fuzzy_row(raw_row: list[RawCell], candidates: list[RowSpec],
               none_words: Collection[str]) -> tuple[int, RowSpec] | None:
    """A row whose label is the template's with a typo ("2.其他法律行政止公开"): the one unbound template
    row it is clearly closest to."""
    labels = [(i, c) for i, c in enumerate(raw_row)
              if not is_blank(c.text, none_words) and parse_number(c.text) is None]
    if not labels or not candidates:
        return None
    # The label, not a word written in a value cell after it ("见附件").
    long = [(i, c) for i, c in labels if len(c.text.strip()) > _MAX_CELL_WORD]
    index, cell = (long or labels)[-1]
    scored = sorted(((bigram_similarity(row_key(cell.text), row_key(r.label)), r) for r in candidates),
                    key=lambda pair: -pair[0])
    best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best[0] >= FUZZY and best[0] - runner_up >= FUZZY_MARGIN:
        return index, best[1]
    return None


def _interleaved(text: str, row: RowSpec, spec: TableSpec) -> bool:
    """Whether `text` is the row's template label with characters of the table's merged group labels
    woven in: a merged cell written downwards comes out of column-aligned text a character or two per
    line, glued to the labels beside it ("（六）其 2.申请人逾期未按收费通知要他处理 求缴纳费用…"). That is
    how the layout reads, not a label the author mistyped."""
    label, raw = row_key(row.label), row_key(text)
    noise = set("".join(row_key(r.group) for r in spec.rows if r.group))
    k = 0
    for ch in raw:
        if k < len(label) and ch == label[k]:
            k += 1
        elif ch not in noise:
            return False
    return k == len(label)


def _mistyped_headers(labels: Labels, labelled: list) -> list[RelabelledColumn]:
    """Header cells that are a template column label with a typo, found the way mistyped row labels are
    (`Labels.mistyped_column`), in the rows that are not data rows."""
    out = []
    for _, raw_row, _, row_spec in labelled:
        if row_spec is not None or any(parse_number(c.text) is not None for c in raw_row):
            continue  # a data row: its words are row labels
        for cell in raw_row:
            column = labels.mistyped_column(cell.text)
            if column is not None:
                out.append(RelabelledColumn(column, cell.text, cell.location))
    return out


def _one_cell_per_line(raw_row: list[RawCell]) -> bool:
    """A row written one cell per line: a cell that is not there leaves no trace of its column."""
    lines = [c.location.line for c in raw_row]
    return len(lines) > 1 and None not in lines and len(set(lines)) == len(lines)


def _blanks_vanish(table: RawTable, raw_row: list[RawCell]) -> bool:
    """Whether a cell left empty in this row leaves no cell behind, so that a row short of cells
    cannot be aligned by position: a row written one cell per line, or text aligned with spaces."""
    return table.blanks_vanish or _one_cell_per_line(raw_row)


def _value_offsets(labels: Labels, labelled: list) -> dict[tuple, int]:
    """Where the values start after the label, in rows of a raw table whose label stands in the same
    grid column: learnt from the rows holding all their values and no blank among them."""
    seen: dict[tuple, dict[int, int]] = {}
    for table, raw_row, label_index, row_spec in labelled:
        if row_spec is None:
            continue
        want = len(labels.spec.columns_of(row_spec))
        values = [c for c in raw_row[label_index + 1:] if not c.covered]
        filled = [i for i, c in enumerate(values) if not labels.blank(c.text)]
        if len(filled) == want and filled[-1] - filled[0] + 1 == want:
            counts = seen.setdefault((id(table), label_index, want), {})
            counts[filled[0]] = counts.get(filled[0], 0) + 1
    return {key: max(counts, key=counts.get) for key, counts in seen.items()}


def _column_centres(spec: TableSpec, labelled: list) -> dict[tuple, list[float]]:
    """Where each value column stands in text aligned with spaces (character columns), per raw table
    and number of values: learnt from the rows that hold all their values, when those agree."""
    seen: dict[tuple, list[list[float]]] = {}
    for table, raw_row, label_index, row_spec in labelled:
        if row_spec is None or not table.blanks_vanish:
            continue
        want = len(spec.columns_of(row_spec))
        values = [c for c in raw_row[label_index + 1:] if not c.covered]
        if len(values) == want and all(c.location.column is not None for c in values):
            seen.setdefault((id(table), want), []).append([_centre(c) for c in values])
    centres = {}
    for key, rows in seen.items():
        columns = [sum(xs) / len(xs) for xs in zip(*rows)]
        if len(columns) > 1 and all(max(xs) - min(xs) <= _slack(columns) for xs in zip(*rows)):
            centres[key] = columns
    return centres


def _centre(cell: RawCell) -> float:
    return cell.location.column - 1 + len(cell.text) / 2


def _slack(columns: list[float]) -> float:
    """How far a value may stand from its column's centre: well within half the narrowest gap."""
    return min(b - a for a, b in zip(columns, columns[1:])) / 3


def _placed(values: list[RawCell], columns: list[float] | None) -> list[RawCell] | None:
    """A row short of values in text aligned with spaces, each value under the column it stands in and
    an empty cell where a column has none; None when a value is not clearly under one column."""
    if columns is None or _slack(columns) <= 0 or any(c.location.column is None for c in values):
        return None
    out: list[RawCell | None] = [None] * len(columns)
    last = -1
    for cell in values:
        j = min(range(len(columns)), key=lambda k: abs(columns[k] - _centre(cell)))
        if abs(columns[j] - _centre(cell)) > _slack(columns) or j <= last:
            return None
        out[j], last = cell, j
    line = values[0].location.line
    return [c if c is not None else RawCell("", Location(line=line, column=int(columns[k]) + 1))
            for k, c in enumerate(out)]


def bind_grid(spec: TableSpec, tables: list[RawTable], none_words: Collection[str] = ()) -> BoundTable | None:
    labels = labels_of(spec, tuple(none_words))
    found: dict[str, tuple[RowSpec, list[RawCell], Location]] = {}
    duplicates: list[DuplicateRow] = []
    stray: list[tuple[str, Location]] = []
    relabelled: list[RelabelledRow] = []
    unaligned: list[UnalignedRow] = []
    unlabelled: list[tuple[RawTable, list[RawCell]]] = []

    def take(table: RawTable, row_spec: RowSpec, raw_row: list[RawCell], label_index: int) -> None:
        if row_spec.key in found:
            duplicates.append(DuplicateRow(row_spec, raw_row[label_index].location))
            return
        values = [c for c in raw_row[label_index + 1:] if not c.covered]
        want = len(spec.columns_of(row_spec))
        offset = offsets().get((id(table), label_index, want)) if len(values) > want else None
        if offset is not None and all(is_blank(c.text, none_words) for c in values[:offset] + values[offset + want:]):
            # Empty grid slots on both sides of the values (a merged label's, a row's end): the
            # table's full rows say where its values start, so a blank first or last value stays.
            values = values[offset:offset + want]
        while len(values) > want and is_blank(values[0].text, none_words):
            values.pop(0)
        while len(values) > want and is_blank(values[-1].text, none_words):
            values.pop()
        if len(values) > want:
            stray.extend((c.text, c.location) for c in values[want:])
            values = values[:want]
        if 0 < len(values) < want and _blanks_vanish(table, raw_row):
            # A cell left empty left nothing: the cells after it would shift one column. Where the
            # columns stand is known from the table's full rows, each value goes under its own;
            # otherwise none of them is bound.
            placed = _placed(values, centres().get((id(table), want))) if table.blanks_vanish else None
            if placed is not None:
                values = placed
            else:
                unaligned.append(UnalignedRow(row_spec, len(values), want, raw_row[label_index].location))
                values = []
        found[row_spec.key] = (row_spec, values, raw_row[label_index].location)

    # What the table's full rows say about the others is learnt only when a row needs it: few rows
    # have more cells than values, or fewer in text aligned with spaces. (Kept in a dict, not by
    # functools.cache: making a cached function costs more than binding most rows.)
    learnt: dict[str, dict] = {}

    def offsets() -> dict[tuple, int]:
        if "offsets" not in learnt:
            learnt["offsets"] = _value_offsets(labels, labelled)
        return learnt["offsets"]

    def centres() -> dict[tuple, list[float]]:
        if "centres" not in learnt:
            learnt["centres"] = _column_centres(spec, labelled)
        return learnt["centres"]

    labelled = [(table, raw_row, *labels.label_of(raw_row)) for table in tables for raw_row in table.rows]
    for table, raw_row, label_index, row_spec in labelled:
        if row_spec is None:
            if any(parse_number(c.text) is not None for c in raw_row):
                unlabelled.append((table, raw_row))
            continue
        # A number left under a merged cell is hidden from readers but is still in the file.
        stray.extend((c.text, c.location) for c in raw_row if c.covered and parse_number(c.text) is not None)
        take(table, row_spec, raw_row, label_index)
    collapsed: dict[str, list[str]] = {}
    for table, raw_row in list(unlabelled):
        for group in spec.collapsed:
            index = next((i for i, c in enumerate(raw_row) if row_key(c.text) == row_key(group.label)), None)
            if index is not None and not any(key in found for key in group.rows):
                take(table, group.as_row(), raw_row, index)
                collapsed[group.key] = group.rows
                unlabelled.remove((table, raw_row))
                break
    for table, raw_row in unlabelled:
        fuzzy = _fuzzy_row(raw_row, [r for r in spec.rows if r.key not in found], none_words)
        if fuzzy is None:
            stray.extend((c.text, c.location) for c in raw_row if parse_number(c.text) is not None)
            continue
        index, row_spec = fuzzy
        if not _interleaved(raw_row[index].text, row_spec, spec):
            relabelled.append(RelabelledRow(row_spec, raw_row[index].text, raw_row[index].location))
        take(table, row_spec, raw_row, index)
    if not found:
        return None
    cells: dict[tuple[str, str], Cell] = {}
    rows = spec.rows + [g.as_row() for g in spec.collapsed if g.key in collapsed]
    for row in rows:
        entry = found.get(row.key)
        if entry is None:
            continue
        _, values, label_location = entry
        _add_row(cells, labels, row, spec.columns_of(row), values, label_location)
    covered = {key for keys in collapsed.values() for key in keys}
    missing = [row for row in spec.rows if row.key not in found and row.key not in covered]
    return BoundTable(spec, cells, tables[0].location, missing, stray_cells(stray), duplicates, relabelled,
                      [CollapsedRow(group, tuple(rows)) for group, rows in collapsed.items()],
                      _mistyped_headers(labels, labelled), unaligned)


# A word a cell of numbers may hold instead of one ("见附件"); the cell rules report it.
_MAX_CELL_WORD = 4


def _data_row_score(row: list[RawCell], labels: Labels) -> int:
    """How much a raw row looks like the flat data row: the number of its value cells (numbers, and
    dashes or words for "none" written in place of one), if its other cells are empty or a few short
    words (a header row is all words)."""
    visible = [(c, *labels.reading(c.text)) for c in row if not c.covered]
    numbers = sum(1 for _, value, _ in visible if value is not None)
    marks = sum(1 for c, _, blank in visible if blank and c.text.strip())
    words = [c for c, value, blank in visible if not blank and value is None]
    if any(len(c.text.strip()) > _MAX_CELL_WORD for c in words) or 2 * len(words) >= numbers + marks:
        return 0
    return numbers + marks


def _whole_row(spec: TableSpec) -> RowSpec:
    """The flat table's one data row, as the row a finding about all of it names."""
    return RowSpec(key=spec.key, label="、".join(r.label for r in spec.rows))


def bind_flat(spec: TableSpec, tables: list[RawTable], none_words: Collection[str] = ()) -> BoundTable | None:
    """表四: one row of len(rows) × len(columns) numbers, group by group."""
    want = len(spec.rows) * len(spec.columns)
    labels = labels_of(spec, tuple(none_words))
    best: list[RawCell] | None = None
    vanish = False
    numeric_rows: list[list[RawCell]] = []
    for table in tables:
        for raw_row in table.rows:
            if _data_row_score(raw_row, labels) > 0:
                numeric_rows.append([c for c in raw_row if not c.covered])
                if len(numeric_rows[-1]) >= want // 2:
                    best = raw_row  # the last such row: header rows come first
                    vanish = _blanks_vanish(table, raw_row)
    if best is None:
        # Some publish 表四 as one row of five numbers per group, each under its own header.
        pieces = [[c for c in r if not is_blank_cell(c.text)] for r in numeric_rows]
        if len(pieces) == len(spec.rows) and all(len(p) == len(spec.columns) for p in pieces):
            best = [c for p in pieces for c in p]
    if best is None:
        return None
    values = [c for c in best if not c.covered]
    while len(values) > want and is_blank(values[0].text, none_words):
        values.pop(0)
    while len(values) > want and is_blank(values[-1].text, none_words):
        values.pop()
    stray = [(c.text, c.location) for c in values[want:]]
    values = values[:want]
    cells: dict[tuple[str, str], Cell] = {}
    if len(values) < want and vanish:
        # A cell left empty left nothing behind: which one cannot be told, and every cell after it
        # would shift. None is bound; the row is said not to align.
        unaligned = [UnalignedRow(_whole_row(spec), len(values), want, best[0].location)]
        return BoundTable(spec, cells, tables[0].location, [], stray_cells(stray), [], unaligned=unaligned)
    width = len(spec.columns)
    for k, row in enumerate(spec.rows):
        _add_row(cells, labels, row, spec.columns, values[k * width:(k + 1) * width], best[-1].location)
    return BoundTable(spec, cells, tables[0].location, [], stray_cells(stray), [])


def mentions_labels(spec: TableSpec, table: RawTable) -> bool:
    """Whether a raw table carries this template's row or group labels (to find tables outside their part)."""
    wanted = {norm_label(r.label) for r in spec.rows} | {norm_label(r.group) for r in spec.rows if r.group}
    return any(norm_label(c.text) in wanted for row in table.rows for c in row)


def bind(spec: TableSpec, tables: list[RawTable], none_words: Collection[str] = ()) -> BoundTable | None:
    """The template table `spec` in the raw tables; `none_words` are the rulebook's words for "none",
    which make a cell blank as a dash does."""
    if spec.layout == "flat":
        return bind_flat(spec, tables, none_words)
    return bind_grid(spec, tables, none_words)
