"""six-sections: the six parts of the 2021 format, present, in order, titled as the template says."""

from __future__ import annotations

import re

from ..model import Location, Severity
from ..structure.build import classify_part_title
from ..text.numerals import chinese, zh_numeral
from .base import Rule, RuleMeta, quote

_TYPED_NUMERAL = re.compile(r"^\s*(?:第)?([一二三四五六七八九十]+)")


class SixSections(Rule):
    meta = RuleMeta(
        code="S001",
        name="six-sections",
        summary="六个部分齐全、顺序正确、标题与模板一致",
        severity=Severity.ERROR,
        what="检查报告是否包含国办公开办函〔2021〕30号规定的六个部分（总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、"
        "其他需要报告的事项），顺序是否正确，标题是否与模板一致。缺少部分为错误；标题是已知的变体写法为提示；"
        "其他写法为警告。",
        why="《政府信息公开条例》第五十条规定了年度报告的内容，年报格式要求“不能遗漏”。缺少一个部分，"
        "报告即不完整，主管部门可依第四十七条追究责任。",
        example="一、总体情况\n二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况  ← 缺少第三部分",
        use_instead="一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、…",
    )

    def check(self, report, ctx):
        book = ctx.rulebook
        start = report.title_paragraph.location if report.title_paragraph else Location(line=1, column=1)
        found = ", ".join(f"{p.heading.text}" for p in report.parts) or "无"
        for spec in book.parts:
            canonical = f"{chinese(spec.number)}、{spec.title}"
            part = report.part(spec.number)
            if part is None:
                yield self.diagnostic(
                    f"缺少第{chinese(spec.number)}部分“{canonical}”",
                    start,
                    evidence=f"识别到的部分：{found}",
                )
                continue
            heading = part.heading
            _, kind, _ = classify_part_title(heading.text, [spec])
            if kind == "variant":
                yield self.diagnostic(
                    f"第{chinese(spec.number)}部分标题{quote(heading.text)}是常见的变体写法，模板标题为“{spec.title}”",
                    heading.location,
                    evidence=f"模板：{canonical}",
                    context=heading.paragraph.text,
                    severity=Severity.INFO,
                )
            elif kind == "other":
                yield self.diagnostic(
                    f"第{chinese(spec.number)}部分标题{quote(heading.text)}与模板不一致，应为“{spec.title}”",
                    heading.location,
                    evidence=f"模板：{canonical}",
                    context=heading.paragraph.text,
                    severity=Severity.WARNING,
                )
            typed = _TYPED_NUMERAL.match(heading.paragraph.text)
            if typed and zh_numeral(typed.group(1)) not in (None, spec.number):
                yield self.diagnostic(
                    f"部分“{spec.title}”的序号写作“{typed.group(1)}”，应为“{chinese(spec.number)}”",
                    heading.location,
                    evidence=f"模板：{canonical}",
                    context=heading.paragraph.text,
                    severity=Severity.WARNING,
                )
        highest = 0
        for part in report.parts:
            if part.number < highest:
                yield self.diagnostic(
                    f"第{chinese(part.number)}部分{quote(part.heading.text)}出现在第{chinese(highest)}部分之后，顺序不对",
                    part.heading.location,
                    evidence="模板顺序：一、二、三、四、五、六",
                    context=part.heading.paragraph.text,
                    severity=Severity.WARNING,
                )
            highest = max(highest, part.number)
