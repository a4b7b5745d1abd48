"""six-sections: missing parts are errors, known variants info, other titles warnings, order checked;
each kind has its own code, so one can be ignored or re-graded without the others."""

from __future__ import annotations

from conftest import lint, seed
from gaic_lint.codes import SIX_SECTIONS
from gaic_lint.config import Config
from gaic_lint.model import Severity


def sections(path, config=None):
    return [d for d in lint(path, config=config) if d.code in SIX_SECTIONS]


def cut(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end):]


def test_removed_part_is_an_error(tmp_report):
    path = tmp_report("004", lambda t: cut(t, "五、存在的主要问题及改进情况", "六、其他需要报告的事项"))
    # Seed 004's part 六 says nothing on 信息处理费 (S108) before and after the cut.
    found = [d for d in sections(path) if d.code != "S108"]
    assert len(found) == 1
    d = found[0]
    assert (d.code, d.rule, d.severity.value) == ("S101", "missing-part", "error")
    assert d.fields == {"number": 5, "title": "存在的主要问题及改进情况"}
    assert d.message == "缺少第五部分“五、存在的主要问题及改进情况”"  # the wording of 0.1.0, kept
    # The evidence lists the parts that were recognised: the four neighbours, not the missing one.
    assert "政府信息公开行政复议、行政诉讼情况" in d.evidence and "其他需要报告的事项" in d.evidence
    assert "存在的主要问题" not in d.evidence
    assert d.location.line == 2  # the title


def test_known_variant_is_info(tmp_report):
    path = tmp_report("003", lambda t: t.replace("四、政府信息公开行政复议、行政诉讼情况",
                                                 "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"))
    found = sections(path)
    assert [(d.code, d.severity.value, d.location.line) for d in found] == [("S102", "info", 353)]
    assert found[0].fields == {"number": 4, "found": "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
                               "expected": "政府信息公开行政复议、行政诉讼情况"}


def test_other_title_is_a_warning_quoting_it(tmp_report):
    path = tmp_report("001", lambda t: t.replace("五、存在的主要问题及改进情况", "五、问题与改进"))
    found = sections(path)
    assert len(found) == 1
    d = found[0]
    assert (d.code, d.rule, d.severity.value) == ("S103", "part-title-mismatch", "warning")
    assert d.fields == {"number": 5, "found": "问题与改进", "expected": "存在的主要问题及改进情况"}
    assert d.context == "五、问题与改进"


def test_parts_out_of_order(tmp_report):
    def swap(text):
        five = text[text.index("五、存在的主要问题及改进情况"): text.index("六、其他需要报告的事项")]
        text = text.replace(five, "")
        return text + "\n" + five

    found = sections(tmp_report("001", swap))
    order = [d for d in found if d.rule == "part-order"]
    assert [(d.code, d.severity.value, d.fields["number"], d.fields["after"]) for d in order] == [("S105", "warning", 5, 6)]


def test_markdown_headings_of_inconsistent_levels_are_parts():
    # seed 002 writes parts as #, ##, ### and #### headings.
    assert sections(seed("002")) == []


def test_bold_markdown_headings_are_parts(tmp_path):
    titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
              "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    body = "\n\n".join(f"**{n}、{t}**" for n, t in zip("一二三四五六", titles))
    path = tmp_path / "bold.md"
    path.write_text(f"# 示例局2025年政府信息公开工作年度报告\n\n{body}\n\n本年度未收取信息处理费。\n", encoding="utf-8")
    assert sections(path) == []
    from gaic_lint import rulebook
    from gaic_lint.readers import read
    from gaic_lint.structure.build import build

    report = build(read(str(path)), rulebook.load())
    assert report.part(2).heading.location.column == 3  # after the "**"


def _missing_five_and_variant_four(tmp_report):
    def edit(text):
        text = text[: text.index("五、存在的主要问题及改进情况")] + text[text.index("六、其他需要报告的事项"):]
        return text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况")
    return tmp_report("003", edit)


def test_a_variant_title_can_be_ignored_without_ignoring_a_missing_part(tmp_report):
    path = _missing_five_and_variant_four(tmp_report)
    assert sorted(d.rule for d in sections(path)) == ["missing-part", "part-title-variant"]
    assert [d.rule for d in sections(path, Config(ignore=["part-title-variant"]))] == ["missing-part"]
    assert [d.rule for d in sections(path, Config(ignore=["S102"]))] == ["missing-part"]
    # The old code and the old name still stand for every kind.
    assert sections(path, Config(ignore=["S001"])) == []
    assert sections(path, Config(select=["six-sections"])) != []


def test_old_rule_name_in_severity_does_not_turn_a_missing_part_into_a_warning(tmp_report):
    path = _missing_five_and_variant_four(tmp_report)
    graded = {d.rule: d.severity for d in sections(path, Config(severity={"six-sections": Severity.WARNING}))}
    assert graded == {"missing-part": Severity.ERROR, "part-title-variant": Severity.WARNING}
    named = {d.rule: d.severity for d in sections(path, Config(severity={"missing-part": Severity.WARNING}))}
    assert named == {"missing-part": Severity.WARNING, "part-title-variant": Severity.INFO}
