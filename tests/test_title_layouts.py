"""The title is found however it is worded within the template's words and however it is cut over lines,
so that the year rule runs and the agency comes from the title, not from a stray line above it."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts import write

from conftest import lint, lint_report

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")
TITLE = "惠济区医疗保障局 2024 年政府信息公开工作年度报告"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("lines, agency", [
    (["惠济区医疗保障局2024年政府信息公开工作报告"], "惠济区医疗保障局"),
    (["正文", "惠济区医疗保障局2024年政府信息公开工作报告"], "惠济区医疗保障局"),
    (["惠济区医疗保障局2024年政府信息公开工作年", "度报告"], "惠济区医疗保障局"),
    (["惠济区医疗保障局2024年", "政府信息公开", "工作年度报告"], "惠济区医疗保障局"),
    (["惠济区医疗保障局", "2024年政府信息公开", "工作年度报告"], "惠济区医疗保障局"),
    (["正文", "惠济区医疗保障局2024年政府信息公开", "工作年度报告"], "惠济区医疗保障局"),
    (["2024年惠济区医疗保障局政府信息公", "开工作报告"], "惠济区医疗保障局"),
])
def test_title_is_found(tmp_path, fmt, lines, agency):
    path = write(SKELETON.replace(TITLE, "\n\n".join(lines)), tmp_path, fmt)
    report = lint_report(path)
    assert (report.year, report.agency) == (2024, agency)
    assert [d.code for d in lint(path) if d.code.startswith("Y")] == []


def test_a_sentence_about_the_report_is_not_the_title(tmp_path):
    text = SKELETON.replace(TITLE, "正文\n\n本报告由惠济区医疗保障局编制，依据政府信息公开工作报告格式要求。")
    report = lint_report(write(text, tmp_path, "txt"))
    assert report.title is None
