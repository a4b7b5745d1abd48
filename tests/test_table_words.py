"""A word, a dash or nothing in a cell of 表二, 表三 or 表四 is that cell's finding; the table is still read.

A word for "none" (the rulebook's `cells.none_words`: 无, 没有, 暂无, 空) is a blank cell like a dash
(T002); other text in a cell is not a number (T104)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from layouts import write

from conftest import lint, seed

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")
ROW = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("word, code", [("无", "T002"), ("暂无", "T002"), ("见附件", "T104"), ("—", "T002"),
                                        ("/", "T002")])
def test_one_cell_of_table_four(tmp_path, fmt, word, code):
    cells = ROW.split("\t")
    cells[7] = word
    found = lint(write(SKELETON.replace(ROW, "\t".join(cells)), tmp_path, fmt))
    assert [(d.code, d.location.cell_path) for d in found] == [(code, "表四 · 未经复议直接起诉 · 其他结果")]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_row_of_words_is_no_data_row(tmp_path, fmt):
    found = lint(write(SKELETON.replace(ROW, "\t".join(["见附件"] * 15)), tmp_path, fmt))
    assert [d.code for d in found if d.code.startswith("T")] == ["T101"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_row_saying_none_in_every_cell_is_read_as_blank_cells(tmp_path, fmt):
    found = lint(write(SKELETON.replace(ROW, "\t".join(["无"] * 15)), tmp_path, fmt))
    # One finding: the three groups are blank in the same five columns.
    assert [(d.code, d.fields["count"]) for d in found if d.code.startswith("T")] == [("T002", 15)]


T2_ROW = "规章\t0\t0\t0"
T3_ROW = "2. 其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("word, code", [("没有", "T002"), ("／", "T002"), ("见附件", "T104")])
@pytest.mark.parametrize("row, column, path", [
    (T2_ROW, 2, "表二 · 规章 · 本年废止件数"),
    (T3_ROW, 4, "表三 · 2.其他法律行政法规禁止公开 · 社会公益组织"),
])
def test_one_cell_of_tables_two_and_three(tmp_path, fmt, word, code, row, column, path):
    assert row in SKELETON
    cells = row.split("\t")
    cells[column] = word
    found = lint(write(SKELETON.replace(row, "\t".join(cells)), tmp_path, fmt))
    assert [(d.code, d.location.cell_path) for d in found] == [(code, path)]


def test_an_empty_indented_line_is_a_blank_cell_in_one_cell_per_line_layout(tmp_report):
    def blank_one(text):
        lines = text.split("\n")
        assert lines[86] == "\t1"  # 本年新收 · 商业企业
        lines[86] = "\t"
        return "\n".join(lines)

    found = lint(tmp_report("003", blank_one))
    assert [(d.code, d.location.cell_path, d.location.line) for d in found if d.code.startswith("T")] == [
        ("T002", "表三 · 一、本年新收政府信息公开申请数量 · 商业企业", 87)]


@pytest.mark.parametrize("column", range(15))
@pytest.mark.parametrize("word, code", [("", "T002"), ("—", "T002"), ("无", "T002"), ("见附件", "T104")])
def test_any_cell_of_table_four_is_found_at_its_place(tmp_path, column, word, code):
    cells = ROW.split("\t")
    cells[column] = word
    path = write(SKELETON.replace(ROW, "\t".join(cells)), tmp_path, "txt")
    found = [(d.code, d.location.line, d.location.column) for d in lint(path) if d.code.startswith("T")]
    line = SKELETON[:SKELETON.index(ROW)].count("\n") + 1
    offset = len("\t".join(cells[:column])) + (1 if column else 0)
    assert found == [(code, line, offset + 1)]


def _cell_lines(text: str) -> list[int]:
    """Indexes of the number cells of 表三 in a one-cell-per-line seed."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "本年新收" in line)
    end = next(i for i, line in enumerate(lines) if i > start and "结转下年度继续办理" in line) + 8
    return [i for i in range(start, end) if re.fullmatch(r"\t\d+", lines[i])]


@pytest.mark.parametrize("k", range(0, 175, 11))
def test_a_blanked_cell_in_one_cell_per_line_layout_is_found_at_its_line(tmp_report, k):
    lines = seed("003").read_text(encoding="utf-8").split("\n")
    index = _cell_lines("\n".join(lines))[k]

    def blank(text):
        out = text.split("\n")
        out[index] = "\t"
        return "\n".join(out)

    found = [(d.code, d.location.line) for d in lint(tmp_report("003", blank)) if d.code.startswith("T")]
    # A blank cell where it stands, nothing shifted into the next column.
    assert found == [("T002", index + 1)]


@pytest.mark.parametrize("k", [1, 6, 30, 100])
def test_a_row_short_of_a_cell_in_one_cell_per_line_layout_cannot_be_aligned(tmp_report, k):
    lines = seed("003").read_text(encoding="utf-8").split("\n")
    index = _cell_lines("\n".join(lines))[k]

    def drop(text):
        out = text.split("\n")
        del out[index]
        return "\n".join(out)

    found = [d for d in lint(tmp_report("003", drop)) if d.code.startswith("T")]
    # Which cell is missing cannot be told: the row is said not to align, and no cell is guessed.
    assert [(d.code, d.fields["found"], d.fields["expected"]) for d in found] == [("T305", 6, 7)]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("column", [0, 3, 6])
def test_a_blank_value_beside_empty_grid_slots_stays_in_its_column(tmp_path, fmt, column):
    # The row has an empty slot under the merged label and another at its end: a blank first or last
    # value must not be taken for either of them.
    row = "一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t0\t0\t7\t"
    assert row in SKELETON
    cells = row.split("\t")
    cells[column + 2] = ""
    found = lint(write(SKELETON.replace(row, "\t".join(cells)), tmp_path, fmt))
    label = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"][column]
    assert [(d.code, d.location.cell_path) for d in found] == [
        ("T002", f"表三 · 一、本年新收政府信息公开申请数量 · {label}")]


def test_a_pack_adds_words_for_none_read_in_every_layout(tmp_path):
    from gaic_lint.config import Config

    pack = tmp_path / "pack.toml"
    pack.write_text('[cells]\nnone_words = ["未发生"]\n', encoding="utf-8")
    cells = ROW.split("\t")
    cells[7] = "未发生"
    path = write(SKELETON.replace(ROW, "\t".join(cells)), tmp_path, "txt")
    assert [d.code for d in lint(path)] == ["T104"]
    assert [d.code for d in lint(path, config=Config(rulebook=[str(pack)]))] == ["T002"]
    # In text aligned with spaces the word is a cell only when the rulebook names it.
    aligned = tmp_path / "aligned.txt"
    aligned.write_text(SKELETON.replace("行政许可\t0", "行政许可          未发生"), encoding="utf-8")
    assert [d.code for d in lint(aligned) if d.code.startswith("T")] == ["T102"]
    found = lint(aligned, config=Config(rulebook=[str(pack)]))
    assert [(d.code, d.location.cell_path) for d in found] == [("T002", "表二 · 行政许可 · 本年处理决定数量")]


def test_words_for_none_must_be_a_list_of_words(tmp_path):
    from gaic_lint import rulebook
    from gaic_lint.rulebook import RulebookError

    pack = tmp_path / "pack.toml"
    pack.write_text('[cells]\nnone_words = "无"\n', encoding="utf-8")
    with pytest.raises(RulebookError, match=r"cells\.none_words"):
        rulebook.load((str(pack),))
