"""A line with "|" is a table row only in a table's shape: outer pipes, a delimiter row, or several rows
with the same number of cells. Otherwise it is running text."""

from __future__ import annotations

from gaic_lint.model import Block, RawTable
from gaic_lint.readers.registry import ReaderOptions
from gaic_lint.readers.text import read_markdown


def items(text: str):
    return read_markdown("r.md", text.encode("utf-8"), ReaderOptions()).items


def test_bar_in_a_title_mark_is_prose():
    found = items("依据《政务公开|办事指南》开展工作。\n")
    assert [type(i) for i in found] == [Block]
    assert found[0].text == "依据《政务公开|办事指南》开展工作。"


def test_two_bars_in_two_unlike_lines_are_prose():
    found = items("依据《政务公开|办事指南》开展工作。\n另见《甲|乙|丙》。\n")
    assert all(isinstance(i, Block) for i in found) and len(found) == 2


def test_loose_rows_of_equal_width_are_a_table():
    found = items("信息内容 | 本年制发件数 | 本年废止件数\n规章 | 0 | 0\n")
    assert [type(i) for i in found] == [RawTable] and len(found[0].rows) == 2


def test_a_delimiter_row_makes_a_table():
    found = items("信息内容 | 本年收费金额\n--- | ---\n")
    assert [type(i) for i in found] == [RawTable]


def test_a_row_with_outer_pipes_is_a_table_piece():
    found = items("| 行政许可 | 3 | 1 |\n")
    assert [type(i) for i in found] == [RawTable]
