"""Tables laid out with spaces: the one row rule that column-aligned text and unruled PDF pages share."""

from __future__ import annotations

import pytest

from conftest import REAL_REPORTS, lint
from gaic_lint.readers import layout
from gaic_lint.readers.pdf import Line, Page, tables, unruled
from gaic_lint.readers.tables import aligned


def test_a_row_is_a_label_then_values_with_blank_marks_among_the_numbers():
    row = aligned.split_row(aligned.column_tokens("（一）予以公开     1    2    3    -"), min_gap=2)
    assert row is not None
    assert row.label_text == "（一）予以公开"
    assert [t.text for t in row.values] == ["1", "2", "3", "-"]


@pytest.mark.parametrize("line", ["     -    -    -", "本年度共受理申请", "全年未发生此类情况。   —", "信息内容     本年制发件数",
                                  "六、其他需要报告的事项    无",
                                  "维持 纠正 结果 审结                总计             总计", ""])
def test_a_line_without_a_value_after_a_label_is_not_a_row(line):
    assert aligned.split_row(aligned.column_tokens(line), min_gap=2, none_words=("无",)) is None


@pytest.mark.parametrize("line, values", [
    ("行政事业性收费          96171.6", ["96171.6"]),
    ("规章        1      -3      1,234", ["1", "-3", "1,234"]),
    ("行政事业性收费（万元）    0.5万元", ["0.5万元"]),
    ("行政事业性收费       96171.6 万元", ["96171.6 万元"]),
    ("行政许可          —", ["—"]),
    ("行政许可          无", ["无"]),
    ("规章        1      无      见附件", ["1", "无", "见附件"]),
    ("（三）不予公开     -    -    -", ["-", "-", "-"]),
    ("四、结转下年度继续办理     —    —    —", ["—", "—", "—"]),
])
def test_any_value_a_cell_may_hold_ends_a_row(line, values):
    row = aligned.split_row(aligned.column_tokens(line), min_gap=2, none_words=("无",))
    assert row is not None and [t.text for t in row.values] == values


def test_a_column_gap_is_asked_for_only_where_positions_are_columns():
    tokens = aligned.column_tokens("全年共办理 12")
    assert aligned.split_row(tokens, min_gap=2) is None
    assert aligned.split_row(tokens) is not None


def test_pdf_line_tokens_are_placed_within_the_line():
    tokens = aligned.line_tokens("予以公开 1 2", 100.0, 160.0)
    assert [t.text for t in tokens] == ["予以公开", "1", "2"]
    assert tokens[0].x0 == 100.0 and tokens[-1].x1 == pytest.approx(160.0)
    assert all(a.x1 <= b.x0 for a, b in zip(tokens, tokens[1:]))


def test_both_readers_read_a_trailing_dash_as_a_cell():
    text = "（一）予以公开          1    2    3    -"
    label_end, values = layout.split_row(text)
    assert text[:label_end].strip() == "（一）予以公开"
    assert [t.text for t in values] == ["1", "2", "3", "-"]
    assert tables.numeric_tail("（一）予以公开 1 2 3 -") == ("（一）予以公开", 4)


def test_an_unruled_pdf_table_keeps_the_dash_cell():
    page = Page(1, 600.0, 800.0)
    for k, text in enumerate(["（一）予以公开 1 2 3 -", "（二）部分公开 4 5 6 7"]):
        page.lines.append(Line(text, 1, 100.0, 400.0, 100.0 + 20 * k, 112.0 + 20 * k, 12.0))
    (table,) = unruled.text_tables(page)
    assert [[c.text for c in row] for row in table.rows] == [
        ["（一）予以公开", "1", "2", "3", "-"], ["（二）部分公开", "4", "5", "6", "7"]]


def test_a_page_number_between_dashes_is_not_a_row_of_values():
    assert layout.split_row("                — 4 —") is None


@pytest.mark.skipif(not (REAL_REPORTS / "text" / "006.txt").exists(), reason="real reports not available")
def test_a_dash_in_the_last_cell_of_a_pdftotext_row_is_one_blank_cell_finding(tmp_path):
    lines = (REAL_REPORTS / "text" / "006.txt").read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if "（一）予以公开" in line and line.rstrip().endswith("1362"))
    lines[index] = lines[index].rstrip()[: -len("1362")] + "-"
    path = tmp_path / "006-dash.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    codes = [d.code for d in lint(path)]
    assert codes.count("T002") == 1
    assert "T001" not in codes and "T003" not in codes
    (blank,) = [d for d in lint(path) if d.code == "T002"]
    assert blank.location.line == index + 1
