"""The summary a batch keeps of each checked report."""

import pytest

from conftest import seed
from gaic_lint.config import Config
from gaic_lint.engine import FileResult, Linter


@pytest.fixture(scope="module")
def checked():
    return Linter(Config()).lint(str(seed("003")))


def test_the_summary_keeps_the_body_and_every_template_cell(checked):
    result = checked
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


def test_a_packed_summary_reads_back_equal_and_unpacks_its_parts_only_when_read(checked):
    import pickle

    before = checked.summary
    result = FileResult(checked.path, summary=before)
    result.pack()
    after = result.summary
    # Who and which year come without unpickling the tables' cell locations or the paragraphs.
    assert (after.agency, after.year, after.level) == (before.agency, before.year, before.level)
    assert "_tables" not in after.__dict__ and "_paragraphs" not in after.__dict__
    assert after.tables == before.tables and after.paragraphs == before.paragraphs
    assert after == before and before == after and hash(after) == hash(before)
    assert pickle.loads(pickle.dumps(after)) == before


def test_a_report_packed_at_once_is_its_summary_packed():
    from conftest import FIXTURES
    from gaic_lint.summary import pack_report, pack_summary, summarize

    linter = Linter(Config())
    paths = sorted((FIXTURES / "docx").glob("*.docx")) + sorted((FIXTURES / "seeds").glob("*.txt"))
    paths += sorted((FIXTURES / "pdf").glob("*.pdf"))[:2]
    for path in paths:
        report = linter.parse(str(path))
        assert report.tables  # the template's cells are what is packed
        assert pack_report(report) == pack_summary(summarize(report)), path
    # A batch keeps each report's summary packed so from the start, equal to the one made whole.
    result = linter.lint(str(paths[0]), keep_report=False, packed=True)
    assert result.report is None and result.__dict__["_summary"] is None
    assert result.summary == linter.lint(str(paths[0])).summary
