"""table-balance: a seed with one number changed is flagged at exactly that cell, with both sides shown;
each kind of finding has its own code and fields."""

from __future__ import annotations

import re

from conftest import lint
from gaic_lint.codes import TABLE_BALANCE


def replace_line(text: str, lineno: int, new: str) -> str:
    lines = text.split("\n")
    lines[lineno - 1] = new
    return "\n".join(lines)


def balance(path):
    return [d for d in lint(path) if d.code in TABLE_BALANCE]


def test_one_changed_cell_in_one_cell_per_line_layout(tmp_report):
    # seed 003: （一）予以公开, 自然人 is line 105 ("\t18"); make it 19.
    path = tmp_report("003", lambda t: replace_line(t, 105, "\t19"))
    found = balance(path)
    assert len(found) == 1
    d = found[0]
    assert (d.location.line, d.location.column) == (105, 2)
    assert d.location.cell_path == "表三 · （一）予以公开 · 自然人"
    assert d.rule == "cell-wrong-value"
    assert d.fields == {"path": "表三 · （一）予以公开 · 自然人", "value": 19, "expected": 18, "broken": 2}
    # Both broken identities are shown with their numbers.
    assert "“自然人”列：左边 （七）总计 25，右边 （一）予以公开 19" in d.evidence
    assert "“（一）予以公开”行：左边 总计 19，右边 自然人 19 + 商业企业 1" in d.evidence


def test_changed_total_in_tab_separated_layout(tmp_report):
    # seed 001: the 四、结转下年度继续办理 row, 总计 column.
    def edit(text):
        return re.sub(r"(四、结转下年度继续办理\t\t(?:0\t){6})0", r"\g<1>7", text)

    found = balance(tmp_report("001", edit))
    assert len(found) == 1
    d = found[0]
    assert d.location.cell_path == "表三 · 四、结转下年度继续办理 · 总计"
    assert (d.rule, d.fields["value"], d.fields["expected"]) == ("cell-wrong-value", 7, 0)
    assert d.location.line == 77


def test_changed_cell_in_markdown_table_broken_into_pieces(tmp_report):
    # seed 000: 表三 is a Markdown table in three pieces; change 2.重复申请 / 科研机构.
    def edit(text):
        return text.replace("| | | 2. 重复申请 | 0 | 0 | 0 |", "| | | 2. 重复申请 | 0 | 0 | 4 |")

    found = balance(tmp_report("000", edit))
    assert [d.location.cell_path for d in found] == ["表三 · 2.重复申请 · 科研机构"]
    assert (found[0].fields["value"], found[0].fields["expected"]) == (4, 0)


def test_table_four_group_total(tmp_report):
    # seed 001's 表四 data row is one tab-separated line; make 行政复议 总计 2 (the five values stay 0).
    def edit(text):
        return text.replace("\n0\t0\t0\t0\t0\t0\t", "\n0\t0\t0\t0\t2\t0\t", 1)

    found = balance(tmp_report("001", edit))
    assert len(found) == 1
    d = found[0]
    assert d.location.cell_path == "表四 · 行政复议 · 总计"
    assert "左边 总计 2" in d.evidence and "结果维持 0" in d.evidence


def test_two_independent_errors_are_each_reported(tmp_report):
    def edit(text):
        text = replace_line(text, 105, "\t19")  # 予以公开 / 自然人
        return text.replace("\t（七）总计\n\t25\n\t1\n", "\t（七）总计\n\t25\n\t2\n")  # (七) / 商业企业

    found = balance(tmp_report("003", edit))
    # each error breaks its row's total and its column's sums; 商业企业's also the column's 新收 balance
    assert sorted(d.location.cell_path for d in found) == sorted([
        "表三 · （一）予以公开 · 总计", "表三 · （七）总计 · 自然人",
        "表三 · （七）总计 · 商业企业", "表三 · 一、本年新收政府信息公开申请数量 · 商业企业", "表三 · （七）总计 · 总计"])
    assert {d.rule for d in found} == {"identity-unbalanced"}
    assert {"“自然人”列", "“商业企业”列"} <= {d.fields["where"] for d in found}


def test_non_numeric_and_negative_cells(tmp_report):
    def edit(text):
        return replace_line(replace_line(text, 105, "\t18件"), 115, "\t-1")

    found = balance(tmp_report("003", edit))
    kinds = {(d.code, d.rule): d.fields for d in found}
    assert kinds[("T104", "cell-not-number")]["text"] == "18件"
    assert kinds[("T105", "cell-negative")]["value"] == -1


def test_unbound_table_is_said_not_silent(tmp_report):
    # Remove every 表三 row label: the part is there, the table cannot be bound.
    def edit(text):
        start = text.index("三、收到和处理政府信息公开申请情况")
        end = text.index("四、政府信息公开行政复议")
        return text[:start] + "三、收到和处理政府信息公开申请情况\n\n本年度未收到申请。\n\n" + text[end:]

    found = balance(tmp_report("003", edit))
    assert [(d.code, d.rule) for d in found] == [("T101", "table-unbound")]
    assert found[0].fields == {"table": "表三", "title": found[0].fields["title"], "part": 3, "reason": "no-tables"}
    # A table lost in extraction is not an arithmetic finding: selecting the arithmetic leaves it out.
    assert [d for d in lint(tmp_report("003", edit), select="T108,T109")] == []


def test_balanced_seed_tables_are_silent():
    from conftest import SEEDS

    for path in SEEDS:
        assert balance(path) == []


def _trial_format(text: str, other_handling: str) -> str:
    """Seed 001 with （六）其他处理 as the 2019 trial format's single row."""
    start = text.index("(六) 其他处理")
    end = text.index("(七) 总计")
    return text[:start] + f"(六) 其他处理\t\t{other_handling}\t\n" + text[end:]


def test_trial_format_single_other_handling_row_is_checked_in_place_of_its_sub_rows(tmp_report):
    path = tmp_report("001", lambda t: _trial_format(t, "0\t0\t0\t0\t0\t0\t0"))
    found = [d for d in lint(path) if d.code in TABLE_BALANCE or d.rule == "outdated-template" or d.code.startswith("T3")]
    assert [d.rule for d in found] == ["outdated-template"]


def test_wrong_number_in_the_trial_format_row_is_located(tmp_report):
    path = tmp_report("001", lambda t: _trial_format(t, "2\t0\t0\t0\t0\t0\t0"))
    found = balance(path)
    assert [d.location.cell_path for d in found] == ["表三 · （六）其他处理 · 自然人"]
    assert (found[0].fields["value"], found[0].fields["expected"]) == (2, 0)
    assert "“自然人”列：左边 （七）总计 0，右边 （六）其他处理 2" in found[0].evidence
