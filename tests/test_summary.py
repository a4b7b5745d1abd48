"""The summary a batch keeps of each checked report."""

from conftest import seed
from gaic_lint.config import Config
from gaic_lint.engine import Linter


def test_the_summary_keeps_the_body_and_every_template_cell():
    result = Linter(Config()).lint(str(seed("003")))
    summary = result.summary
    assert (summary.agency, summary.year, summary.level) == ("山东省医疗保障局", 2023, "部门")
    assert [n for n, _ in summary.parts] == [1, 2, 3, 4, 5, 6]
    t3 = next(t for t in summary.tables if t.name == "表三")
    report = result.report
    bound = report.table("表三")
    # Every bound cell of the tree appears at its row and column in the summary.
    for cell in bound:
        row = next(r for r in t3.rows if r.label == cell.row.label)
        assert row.cells[t3.columns.index(cell.column.label)] == (cell.text or "")
    assert t3.cell_path(t3.rows[0].label, t3.columns[-1]) == bound.cell("一、本年新收政府信息公开申请数量", "总计").path


def test_an_unreadable_file_has_no_summary(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    assert Linter(Config()).lint(str(bad)).summary is None
