"""`pdftotext -layout` text: a 表二 cell holding any value a report writes (a decimal, a negative, a
unit, a dash, a word for "none", other words) stays a cell of its row, and the rules judge it; a cell
left empty (only spaces) stands under its column where the table's full rows show the columns, and
otherwise its row says it cannot be aligned."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from gaic_lint.config import Config
from gaic_lint.engine import Linter

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")


@pytest.fixture(scope="module")
def layout_text(tmp_path_factory) -> list[str]:
    """The column-aligned text of a report PDF, as pdftotext gives it."""
    out = tmp_path_factory.mktemp("pdftotext") / "001.txt"
    subprocess.run(["pdftotext", "-layout", str(FIXTURES / "pdf" / "001.pdf"), str(out)], check=True)
    return out.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def linter():
    return Linter(Config())


def _findings(linter, lines, tmp_path, name="x.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return {(d.code, d.location.cell_path, d.location.line) for d in linter.lint(str(path)).diagnostics}


@pytest.fixture(scope="module")
def before(linter, layout_text, tmp_path_factory):
    return _findings(linter, layout_text, tmp_path_factory.mktemp("before"))


def _edit(lines: list[str], label: str, value: str) -> tuple[list[str], int]:
    """The lines with the last cell of the 表二 row `label` replaced by `value`, and the row's index."""
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(label) and line.rstrip()[-1].isdigit())
    line = lines[index].rstrip()
    out = list(lines)
    out[index] = line[:-1] + value
    return out, index


@pytest.mark.parametrize("label, column, value, code", [
    ("规章", "现行有效件数", "-3", "T105"),
    ("规章", "现行有效件数", "0.5", "T106"),
    ("规章", "现行有效件数", "0.5万元", "T104"),
    ("规章", "现行有效件数", "-", "T002"),
    ("规章", "现行有效件数", "无", "T002"),
    ("规章", "现行有效件数", "见附件", "T104"),
    ("行政规范性文件", "现行有效件数", "—", "T002"),
    ("行政许可", "本年处理决定数量", "-", "T002"),
    ("行政许可", "本年处理决定数量", "暂无", "T002"),
    ("行政许可", "本年处理决定数量", "12件", "T104"),
    ("行政事业性收费", "本年收费金额（单位：万元）", "96171.6 万元", "T104"),
    ("行政事业性收费", "本年收费金额（单位：万元）", "-3", "T105"),
    ("行政事业性收费", "本年收费金额（单位：万元）", "／", "T002"),
])
def test_a_table_two_cell_is_judged_where_it_stands(linter, layout_text, before, tmp_path, label, column, value, code):
    lines, index = _edit(layout_text, label, value)
    new = _findings(linter, lines, tmp_path) - before
    assert new == {(code, f"表二 · {label} · {column}", index + 1)}


@pytest.mark.parametrize("value", ["96171.6", "1,234", "0"])
def test_a_well_written_value_is_no_finding(linter, layout_text, before, tmp_path, value):
    lines, _ = _edit(layout_text, "行政事业性收费", value)
    assert _findings(linter, lines, tmp_path) == before


def _spaces(lines: list[str], label: str, k: int) -> tuple[list[str], int]:
    """The lines with the k-th value of the 表二 row `label` left as spaces, and the row's index."""
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(label) and line.rstrip()[-1].isdigit())
    value = list(re.finditer(r"\S+", lines[index]))[1:][k]
    out = list(lines)
    out[index] = (lines[index][:value.start()] + " " * len(value.group()) + lines[index][value.end():]).rstrip()
    return out, index


@pytest.mark.parametrize("k, column", [(1, "本年废止件数"), (2, "现行有效件数")])
def test_a_cell_left_as_spaces_stands_under_its_column(linter, layout_text, before, tmp_path, k, column):
    lines, index = _spaces(layout_text, "规章", k)
    new = _findings(linter, lines, tmp_path) - before
    # The full row below (行政规范性文件) says where the columns stand.
    assert new == {("T002", f"表二 · 规章 · {column}", index + 1)}


def test_rows_short_of_a_cell_with_no_full_row_beside_them_cannot_be_aligned(linter, layout_text, before, tmp_path):
    lines, first = _spaces(layout_text, "规章", 1)
    lines, second = _spaces(lines, "行政规范性文件", 1)
    new = _findings(linter, lines, tmp_path) - before
    # Which of the three cells is empty cannot be told from spaces alone: no row is guessed.
    assert new == {("T305", "表二 · 规章", first + 1), ("T305", "表二 · 行政规范性文件", second + 1)}


@pytest.fixture(scope="module")
def table_three_cells(linter, layout_text, tmp_path_factory):
    """Every 表三 cell of the pdftotext text: (path, line index, start column, text)."""
    path = tmp_path_factory.mktemp("cells") / "x.txt"
    path.write_text("\n".join(layout_text), encoding="utf-8")
    table = linter.lint(str(path)).report.table("表三")
    return [(c.path, c.location.line - 1, c.location.column - 1, c.text) for c in table]


def _replace(lines: list[str], index: int, start: int, old: str, new: str) -> list[str]:
    """The cell at (index, start) written as `new`, right-aligned where it stood, as pdftotext places it."""
    line = lines[index]
    assert line[start:start + len(old)] == old
    end = start + len(old)
    begin = max(start - max(0, len(new) - len(old)), 0)
    assert not line[begin:start].strip()
    out = list(lines)
    out[index] = line[:begin] + new.rjust(end - begin) + line[end:]
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_table_three_cell_of_a_pdftotext_report_is_found_where_it_stands(
        linter, layout_text, before, table_three_cells, tmp_path, data):
    path, index, start, text = data.draw(st.sampled_from(table_three_cells))
    new = data.draw(st.sampled_from(["", "—", "-", "无", "暂无", str(int(text) + 3)]))
    lines = _replace(layout_text, index, start, text, new)
    found = {f for f in _findings(linter, lines, tmp_path) - before if f[0].startswith("T")}
    # A changed number is found at its cell: as a wrong value, or among zeros as a number split in two.
    codes = ("T108", "T110") if new[:1].isdigit() else ("T002",)
    assert len(found) == 1 and next(iter(found)) in {(code, path, index + 1) for code in codes}


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_a_merged_label_written_downwards_is_not_a_mistyped_label(linter, tmp_path, name):
    """"（六）其他处理" comes out of pdftotext a character or two per line, glued to the row labels beside
    it ("(六) 其 2. 申请人…要他处理 求缴纳费用…"): that is the layout, not a label the author mistyped."""
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(FIXTURES / "pdf" / f"{name}.pdf"), str(out)], check=True)
    found = linter.lint(str(out)).diagnostics
    assert not [d.message for d in found if d.code == "T302"]


def test_a_wrapped_label_ending_beside_a_group_label_is_whole(linter, tmp_path):
    """003's "1.申请人无正当理由逾期不补" / "正、行政机关不再处理其政府  0 0 …" / "（六） 信息公开申请": the
    label's last line is glued to the first line of "（六）其他处理" written downwards beside it."""
    out = tmp_path / "003.txt"
    subprocess.run(["pdftotext", "-layout", str(FIXTURES / "pdf" / "003.pdf"), str(out)], check=True)
    assert re.search(r"^\s*（六） 信息公开申请$", out.read_text(encoding="utf-8"), re.M)  # the layout at issue
    table = linter.parse(str(out)).table("表三")
    assert table is not None
    assert not table.missing_rows and not table.relabelled and not table.stray  # every row by its own label


@pytest.mark.parametrize("name, layout", [("000", "本 (二) 部分公开"), ("002", "三、   予公开 5. 属于三类内部事务信息")])
def test_a_row_label_behind_a_merged_label_fragment_is_joined(linter, tmp_path, name, layout):
    """000's "本 (二) 部分公开(区分处理的, 只计这一情" / "年度 形, 不计其他情形)  0 0 …", and 002's
    "三、   予公开 5. 属于三类内部事务信息" / "本年   0 0 …": the characters of "三、本年度办理结果" and
    "（三）不予公开" beside the labels cost no row, and the second is no part heading."""
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(FIXTURES / "pdf" / f"{name}.pdf"), str(out)], check=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert any(line.startswith(layout) for line in lines)  # the layout this test is about
    found = linter.lint(str(out)).diagnostics
    assert not [d for d in found if d.code in ("T102", "T301")], [d.message for d in found]


def test_a_number_beside_a_merged_label_fragment_is_its_rows(linter, tmp_path):
    out = tmp_path / "002.txt"
    subprocess.run(["pdftotext", "-layout", str(FIXTURES / "pdf" / "002.pdf"), str(out)], check=True)
    lines = out.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("本年 ") and line.rstrip().endswith("0"))
    lines[k] = re.sub(r"(\s)0(\s)", r"\g<1>5\g<2>", lines[k], count=1)
    out.write_text("\n".join(lines), encoding="utf-8")
    paths = {d.location.cell_path for d in linter.lint(str(out)).diagnostics if d.code.startswith("T1")}
    assert "表三 · 5.属于三类内部事务信息 · 自然人" in paths, paths
