"""A word, a dash or nothing in a 表四 cell is that cell's finding, as in 表三; the table is still read."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts import write

from conftest import lint

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")
ROW = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("word, code", [("无", "T104"), ("—", "T002"), ("/", "T002")])
def test_one_cell_of_table_four(tmp_path, fmt, word, code):
    cells = ROW.split("\t")
    cells[7] = word
    found = lint(write(SKELETON.replace(ROW, "\t".join(cells)), tmp_path, fmt))
    assert [(d.code, d.location.cell_path) for d in found] == [(code, "表四 · 未经复议直接起诉 · 其他结果")]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_row_of_words_is_no_data_row(tmp_path, fmt):
    found = lint(write(SKELETON.replace(ROW, "\t".join(["无"] * 15)), tmp_path, fmt))
    assert [d.code for d in found if d.code.startswith("T")] == ["T101"]


def test_an_empty_indented_line_is_a_blank_cell_in_one_cell_per_line_layout(tmp_report):
    def blank_one(text):
        lines = text.split("\n")
        assert lines[86] == "\t1"  # 本年新收 · 商业企业
        lines[86] = "\t"
        return "\n".join(lines)

    found = lint(tmp_report("003", blank_one))
    assert [(d.code, d.location.cell_path, d.location.line) for d in found if d.code.startswith("T")] == [
        ("T002", "表三 · 一、本年新收政府信息公开申请数量 · 商业企业", 87)]
