"""表三 and 表四 read the same in every table layout: tab-separated, Markdown pipe table, one cell per
line, columns aligned with spaces (`pdftotext -layout`), Word and HTML.

- Blanks, dashes, words for "none" and other words in random cells: every other cell binds to the same
  template cell as in the clean table, and each changed cell is reported once, at exactly its cell
  (T002 blank, T104 not a number). Where a blank cell leaves no trace (columns aligned with spaces), the
  row may instead be said not to align (T305) — never shifted.
- One number changed: found at exactly its cell in every layout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layouts import Report

from gaic_lint import rulebook
from gaic_lint.config import Config
from gaic_lint.engine import Linter

SKELETON = Report((Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8"))
BOOK = rulebook.load()
T3, T4 = BOOK.table("表三"), BOOK.table("表四")
TABLE_CODES = ("T1", "T2", "T3", "T0")


def _template_cells() -> list[tuple[int, int, int, str, str, str]]:
    """(table index, row index, cell index) in the skeleton of every 表三 and 表四 cell, with the
    template's (table, row label, column label)."""
    out = []
    tables = SKELETON.tables()
    for t, table in enumerate(tables):
        rows = SKELETON.value_rows(table)
        widths = [len(table.values[r]) for r in rows]
        if widths == [len(T3.columns)] * len(T3.rows):
            for spec_row, r in zip(T3.rows, rows):
                for column, c in zip(T3.columns, table.values[r]):
                    out.append((t, r, c, "表三", spec_row.label, column.label))
        elif widths == [len(T4.rows) * len(T4.columns)]:
            cells = iter(table.values[rows[0]])
            for spec_row in T4.rows:
                for column in T4.columns:
                    out.append((t, rows[0], next(cells), "表四", spec_row.label, column.label))
    assert len(out) == len(T3.rows) * len(T3.columns) + 15
    return out


CELLS = _template_cells()
WHOLE_T4 = "、".join(r.label for r in T4.rows)
# One linter for every example: building it costs more than linting one report.
LINTER = Linter(Config(select=["table-balance", "table-blank-cell", "table-structure"]))
BLANKS = ["", "-", "—", "/", "／", "——", *BOOK.cells.none_words]
WORDS = ["见附件", "不详"]


def _lint(report: Report, folder: Path, layout: str):
    sub = folder / layout
    sub.mkdir(exist_ok=True)
    result = LINTER.lint(str(report.write(sub, layout)))
    assert result.report is not None
    return result


def _findings(result):
    """(cells reported with their code, rows said not to align, anything else)."""
    cells, unaligned, other = set(), set(), []
    for d in result.diagnostics:
        if d.code == "T002":
            cells |= {("T002", d.fields["table"], r, c) for r in d.fields["rows"] for c in d.fields["columns"]}
        elif d.code == "T104":
            table, row, column = d.location.cell_path.split(" · ")
            cells.add(("T104", table, row, column))
        elif d.code == "T305":
            unaligned.add((d.fields["table"], d.fields["row"]))
        else:
            other.append((d.code, d.message))
    return cells, unaligned, other


def test_the_clean_report_binds_every_cell_in_every_layout(tmp_path):
    for layout in Report.LAYOUTS:
        result = _lint(SKELETON, tmp_path, layout)
        assert result.diagnostics == [], layout
        for t, r, c, table, row, column in CELLS:
            cell = result.report.table(table).cell(row, column)
            assert cell.text == SKELETON.tables()[t].rows[r][c].strip(), (layout, row, column)


changes = st.lists(st.tuples(st.sampled_from(range(len(CELLS))), st.sampled_from(BLANKS + WORDS)),
                   min_size=1, max_size=3, unique_by=lambda change: change[0])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes)
def test_blanks_and_words_are_found_at_their_cells_in_every_layout(tmp_path, change):
    report = SKELETON.copy()
    expected = {}
    for index, text in change:
        t, r, c, table, row, column = CELLS[index]
        report.tables()[t].rows[r][c] = text
        expected[(table, row, column)] = "T104" if text in WORDS else "T002"
    for layout in Report.LAYOUTS:
        result = _lint(report, tmp_path, layout)
        cells, unaligned, other = _findings(result)
        assert other == [], (layout, other)
        assert not unaligned or layout in Report.VANISHING, (layout, unaligned)
        unaligned_rows = {(table, WHOLE_T4 if table == "表四" else row)
                          for table, row in {(k[0], k[1]) for k in expected}} & unaligned
        assert unaligned <= unaligned_rows | {("表四", WHOLE_T4)} and all(
            u in unaligned_rows for u in unaligned), (layout, unaligned, expected)
        skipped = {k for k in expected if (k[0], WHOLE_T4 if k[0] == "表四" else k[1]) in unaligned}
        assert cells == {(code, *key) for key, code in expected.items() if key not in skipped}, layout
        # Every other cell is bound where it was: nothing shifted into a neighbour.
        for t, r, c, table, row, column in CELLS:
            if (table, WHOLE_T4 if table == "表四" else row) in unaligned:
                continue
            cell = result.report.table(table).cell(row, column)
            assert cell.text == report.tables()[t].rows[r][c].strip(), (layout, row, column)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(range(len(CELLS))), st.integers(min_value=1, max_value=9))
def test_one_changed_number_is_found_at_its_cell_in_every_layout(tmp_path, index, delta):
    t, r, c, table, row, column = CELLS[index]
    report = SKELETON.copy()
    original = int(report.tables()[t].rows[r][c])
    report.tables()[t].rows[r][c] = str(original + delta)
    for layout in Report.LAYOUTS:
        found = [d for d in _lint(report, tmp_path, layout).diagnostics]
        assert len(found) == 1, (layout, [d.message for d in found])
        d = found[0]
        if table == "表三":
            # Two identities break and one cell explains both: that cell, with its value as it was.
            assert (d.code, d.location.cell_path, d.fields["expected"]) == (
                "T108", f"表三 · {row} · {column}", original), layout
        else:
            # 表四 has one identity per group: the group is named (or, among zeros, the changed cell as
            # a number split over two cells).
            assert d.code in ("T109", "T110") and d.location.cell_path.split(" · ")[1] == row, layout


@pytest.mark.parametrize("layout", Report.LAYOUTS)
def test_a_row_of_table_three_left_all_blank_is_one_finding(tmp_path, layout):
    report = SKELETON.copy()
    keys = [k for k in CELLS if k[3] == "表三" and k[4] == T3.rows[5].label]
    for t, r, c, *_ in keys:
        report.tables()[t].rows[r][c] = "—"
    cells, unaligned, other = _findings(_lint(report, tmp_path, layout))
    assert (cells, unaligned, other) == ({("T002", "表三", T3.rows[5].label, k[5]) for k in keys}, set(), [])
