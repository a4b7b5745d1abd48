"""The five real seed reports: what a user must see on each (the acceptance list of the core issue)."""

from __future__ import annotations

import pytest

from conftest import SEEDS, lint, seed
from gaic_lint.codes import expand


def by_rule(diagnostics, rule):
    """Findings of a rule, by its name; a rule that reports several kinds is named by its old name."""
    return [d for d in diagnostics if d.rule == rule or d.code in expand(rule)]


def test_seed_000_year_and_citation_findings():
    found = lint(seed("000"))
    years = by_rule(found, "year-reference")
    assert {d.rule for d in years} == {"year-mismatch"}
    assert sorted(d.fields["found"] for d in years) == ["2024年度", "2024年政务公开工作要点"]
    assert sorted(d.fields["reason"] for d in years) == ["fee", "key-points"]
    fee = next(d for d in years if d.fields["reason"] == "fee")
    assert (fee.location.line, fee.location.column) == (126, 113)
    assert "报告年度 2025" in fee.evidence
    points = next(d for d in years if "要点" in d.fields["found"])
    assert points.location.line == 130
    citations = by_rule(found, "citation-number")
    assert len(citations) == 1
    c = citations[0]
    assert (c.rule, c.fields["found"], c.fields["number"]) == ("citation-wrong-number", "国办函〔2021〕109号", "国办函〔2020〕109号")
    assert (c.location.line, c.location.column) == (126, 39)
    assert c.severity.value == "error"


def test_seed_001_correct_fee_citation_is_silent():
    found = lint(seed("001"))
    assert by_rule(found, "citation-number") == []
    # Its only finding is the title marks of that same citation: "<…>" where 〈〉 belongs.
    assert [(d.rule, d.location.line) for d in found] == [("title-mark-ascii", 101)]
    assert found[0].fix.replacement == "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"


def test_seed_003_has_no_error():
    assert [d for d in lint(seed("003")) if d.severity.value == "error"] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_seed_gets_table_balance_or_six_sections_warning(path):
    found = lint(path)
    assert by_rule(found, "table-balance") == []
    # What a part says (part-topic-missing) is not how the parts were read: seed 004 has a real one.
    assert [d for d in by_rule(found, "six-sections") if d.rule != "part-topic-missing"] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_binds_the_full_tree(path):
    from gaic_lint import rulebook
    from gaic_lint.readers import read
    from gaic_lint.structure.build import build

    report = build(read(str(path)), rulebook.load())
    assert report.title and "年度报告" in report.title
    assert report.agency and report.agency.endswith("医疗保障局")
    assert report.year in (2023, 2024, 2025)
    assert [p.number for p in report.parts] == [1, 2, 3, 4, 5, 6]
    assert len(report.part(1).sections) == 5  # 主动公开 … 监督保障
    shapes = {name: sum(1 for c in t if c.text is not None) for name, t in report.tables.items()}
    assert shapes == {"表二": 10, "表三": 175, "表四": 15}
    assert all(t.missing_rows == [] for t in report.tables.values())
    for table in report.tables.values():
        for cell in table:
            assert cell.location.line is not None and cell.location.cell_path == cell.path


def test_seed_004_stray_cell_is_reported_as_table_structure():
    found = lint(seed("004"))
    assert [(d.code, d.rule, d.location.line, d.fields) for d in found] == [
        ("T301", "table-stray-cells", 152, {"table": "表三", "text": "0", "count": 1}),
        # Its part 六 is "无": nothing on 信息处理费, which the template's note puts there.
        ("S108", "part-topic-missing", 421, {"number": 6, "topic": "信息处理费的收取情况"})]


def test_seed_000_blank_review_cells_are_a_warning_not_a_balance_error():
    found = lint(seed("000"))
    blanks = by_rule(found, "table-blank-cell")
    assert len(blanks) == 1
    assert blanks[0].location.cell_path == "表四 · 行政复议 · 结果维持"
    assert "5 个单元格为空" in blanks[0].message
