"""A part heading numbered otherwise than "三、" is still the part: its tables bind and nothing but the
numbering is reported, in plain text and in Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts import write

from conftest import lint

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")
PART3 = "三、收到和处理政府信息公开申请情况"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_the_skeleton_reads_clean_in_each_format(tmp_path, fmt):
    assert [(d.code, d.message) for d in lint(write(SKELETON, tmp_path, fmt))] == []


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("heading", [
    "3.收到和处理政府信息公开申请情况",
    "3、收到和处理政府信息公开申请情况",
    "第三部分 收到和处理政府信息公开申请情况",
    "三．收到和处理政府信息公开申请情况",
    "（三）收到和处理政府信息公开申请情况",
])
def test_other_numbering_keeps_the_part_and_its_table(tmp_path, fmt, heading):
    found = lint(write(SKELETON.replace(PART3, heading), tmp_path, fmt))
    assert [(d.code, d.fields) for d in found] == [("S106", {"number": 3, "typed": heading[:heading.index("收")].strip()})]


def test_markdown_heading_in_digits(tmp_path):
    text = SKELETON.replace(PART3, "## 3 收到和处理政府信息公开申请情况")
    found = lint(write(text, tmp_path, "md"))
    assert [(d.code, d.fields["typed"]) for d in found] == [("S106", "3")]


def test_a_numbered_sub_heading_with_a_part_title_does_not_take_the_part(tmp_path):
    # "（三）…" inside part 一 names part 三's subject; the real "三、" heading further on is the part.
    text = SKELETON.replace("（三）政府信息管理方面", "（三）收到和处理政府信息公开申请情况")
    assert [d.code for d in lint(write(text, tmp_path, "txt"))] == []


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_part_written_twice_is_reported_once_at_the_repetition(tmp_path, fmt):
    part5 = SKELETON[SKELETON.index("五、存在的主要问题及改进情况"):SKELETON.index("六、其他需要报告的事项")]
    text = SKELETON.replace(part5, part5 + part5)
    found = lint(write(text, tmp_path, fmt))
    assert [(d.code, d.fields) for d in found] == [
        ("S107", {"number": 5, "found": "存在的主要问题及改进情况"})]
