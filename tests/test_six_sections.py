"""six-sections: missing parts are errors, known variants info, other titles warnings, order checked."""

from __future__ import annotations

from conftest import lint, seed


def sections(path):
    return [d for d in lint(path) if d.rule == "six-sections"]


def cut(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end):]


def test_removed_part_is_an_error(tmp_report):
    path = tmp_report("004", lambda t: cut(t, "五、存在的主要问题及改进情况", "六、其他需要报告的事项"))
    found = sections(path)
    assert len(found) == 1
    d = found[0]
    assert d.severity.value == "error"
    assert d.message == "缺少第五部分“五、存在的主要问题及改进情况”"
    assert "四、" not in d.evidence or "政府信息公开行政复议、行政诉讼情况" in d.evidence
    assert d.location.line == 2  # the title


def test_known_variant_is_info(tmp_report):
    path = tmp_report("003", lambda t: t.replace("四、政府信息公开行政复议、行政诉讼情况",
                                                 "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"))
    found = sections(path)
    assert [(d.severity.value, d.location.line) for d in found] == [("info", 353)]
    assert "常见的变体写法" in found[0].message
    assert "“因政府信息公开工作被申请行政复议和提起行政诉讼情况”" in found[0].message


def test_other_title_is_a_warning_quoting_it(tmp_report):
    path = tmp_report("001", lambda t: t.replace("五、存在的主要问题及改进情况", "五、问题与改进"))
    found = sections(path)
    assert len(found) == 1
    d = found[0]
    assert d.severity.value == "warning"
    assert "“问题与改进”" in d.message and "应为“存在的主要问题及改进情况”" in d.message
    assert d.context == "五、问题与改进"


def test_parts_out_of_order(tmp_report):
    def swap(text):
        five = text[text.index("五、存在的主要问题及改进情况"): text.index("六、其他需要报告的事项")]
        text = text.replace(five, "")
        return text + "\n" + five

    found = sections(tmp_report("001", swap))
    assert any("顺序不对" in d.message and d.severity.value == "warning" for d in found)


def test_markdown_headings_of_inconsistent_levels_are_parts():
    # seed 002 writes parts as #, ##, ### and #### headings.
    assert sections(seed("002")) == []


def test_bold_markdown_headings_are_parts(tmp_path):
    titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
              "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    body = "\n\n".join(f"**{n}、{t}**" for n, t in zip("一二三四五六", titles))
    path = tmp_path / "bold.md"
    path.write_text(f"# 示例局2025年政府信息公开工作年度报告\n\n{body}\n", encoding="utf-8")
    assert sections(path) == []
    from gaic_lint import rulebook
    from gaic_lint.readers import read
    from gaic_lint.structure.build import build

    report = build(read(str(path)), rulebook.load())
    assert report.part(2).heading.location.column == 3  # after the "**"
