"""Published reports nobody on the team wrote (kept outside the repository; skipped when absent)."""

from __future__ import annotations

import pytest

from conftest import REAL_REPORTS, lint
from gaic_lint.codes import expand

TEXT = REAL_REPORTS / "text"
pytestmark = pytest.mark.skipif(not TEXT.is_dir(), reason="real reports are not beside this checkout")


@pytest.mark.parametrize("name", ["001.txt", "002.txt", "003.txt", "004.txt", "005.txt"])
def test_pingtan_portal_texts_bind_and_balance(name):
    from gaic_lint import rulebook
    from gaic_lint.readers import read
    from gaic_lint.structure.build import build

    report = build(read(str(TEXT / name)), rulebook.load())
    assert {n: sum(c.text is not None for c in t) for n, t in report.tables.items()} == {
        "表二": 10, "表三": 175, "表四": 15}
    assert [d for d in lint(TEXT / name) if d.code in expand("table-balance")] == []


def test_misspelt_part_heading_is_quoted():
    found = [d for d in lint(TEXT / "002.txt") if d.code in expand("six-sections")]
    assert [(d.rule, d.severity.value) for d in found] == [("part-title-mismatch", "warning")]
    assert found[0].fields["found"] == "政府信息公开行政法复议、行政诉讼情况"


def test_blank_legal_person_columns_are_one_finding():
    found = [d for d in lint(TEXT / "009.txt") if d.rule == "table-blank-cell"]
    assert len(found) == 1
    assert "等 25 行 有 125 个单元格为空" in found[0].message


def test_column_aligned_pdf_text_binds_every_table():
    # pdftotext -layout of the 淮安市 2024 report: labels wrapped over lines, a page number inside 表三.
    from gaic_lint import rulebook
    from gaic_lint.readers import read
    from gaic_lint.structure.build import build

    report = build(read(str(TEXT / "006.txt")), rulebook.load())
    assert {n: sum(c.text is not None for c in t) for n, t in report.tables.items()} == {
        "表二": 10, "表三": 175, "表四": 15}
    assert report.table("表三").cell("（二）部分公开", "总计").value == 454
    assert report.table("表三").cell("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "总计").value == 71
    assert [d for d in lint(TEXT / "006.txt") if d.severity.value == "error"] == []


def test_mistyped_row_label_is_read_and_reported():
    # 洪泽区 2023 writes "2.其他法律行政止公开" for 2.其他法律行政法规禁止公开.
    found = [d for d in lint(TEXT / "007.txt") if d.code in expand("table-structure")]
    typo = [d for d in found if d.rule == "table-row-label"]
    assert [d.fields for d in typo] == [
        {"table": "表三", "found": "2.其他法律行政止公开", "expected": "2.其他法律行政法规禁止公开"}]


@pytest.mark.parametrize("name", ["007.txt", "008.txt"])
def test_trial_format_other_handling_row_is_outdated_template(name):
    found = [d for d in lint(TEXT / name) if d.rule == "outdated-template"]
    assert len(found) == 1 and "“（六）其他处理”是2019年试行格式的写法" in found[0].message


@pytest.mark.parametrize("name,carried", [("002.txt", 1), ("010.txt", 36)])
def test_text_counting_carried_over_applications_is_a_note(name, carried):
    # 平潭 2022 says 75 received where 表三 has 74 new + 1 carried; 沭阳 2025 says 749 for 713 + 36.
    found = [d for d in lint(TEXT / name) if d.code in expand("text-table-match")]
    assert [(d.code, d.severity.value, d.fields["carried"]) for d in found] == [("X102", "info", carried)]


@pytest.mark.parametrize("pdf,text", [("hongze-2023.pdf", "007.txt"), ("hongze-2024.pdf", "008.txt"),
                                      ("huaian-2024.pdf", "006.txt")])
def test_published_pdf_and_its_pdftotext_copy_give_the_same_findings(pdf, text):
    # Two independent ways in: pypdfium2 + pdfplumber on the PDF, the column-aligned text reader on
    # `pdftotext -layout` of the same file.
    from conftest import comparable

    path = REAL_REPORTS / "pdf" / pdf
    if not path.exists():
        pytest.skip("real PDFs are not beside this checkout")
    assert comparable(lint(path)) == comparable(lint(TEXT / text))
