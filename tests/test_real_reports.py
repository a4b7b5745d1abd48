"""Published reports nobody on the team wrote (kept outside the repository; skipped when absent)."""

from __future__ import annotations

import pytest

from conftest import REAL_REPORTS, lint

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
    assert [d for d in lint(TEXT / name) if d.rule == "table-balance"] == []


def test_misspelt_part_heading_is_quoted():
    found = [d for d in lint(TEXT / "002.txt") if d.rule == "six-sections"]
    assert len(found) == 1
    assert "“政府信息公开行政法复议、行政诉讼情况”" in found[0].message
    assert found[0].severity.value == "warning"


def test_blank_legal_person_columns_are_one_finding():
    found = [d for d in lint(TEXT / "009.txt") if d.rule == "table-blank-cell"]
    assert len(found) == 1
    assert "等 25 行 有 125 个单元格为空" in found[0].message
