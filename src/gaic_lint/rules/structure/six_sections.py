"""six-sections: the six parts of the 2021 format, present, in order, titled as the template says."""

from __future__ import annotations

import re

from ...model import Location, Severity
from ...records import record
from ...structure.build import is_canonical_numbering
from ...text.numerals import chinese, zh_numeral
from ..base import Rule, RuleMeta, Violation, quote

_TYPED_NUMERAL = re.compile(r"^\s*(?:第)?([一二三四五六七八九十]+)")


@record
class MissingPart(Violation):
    code, name, severity = "S101", "missing-part", Severity.ERROR
    summary = "缺少年报格式规定的部分"
    what = ("报告中找不到国办公开办函〔2021〕30号规定的某个部分（总体情况、主动公开政府信息情况、"
            "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、"
            "其他需要报告的事项）。")
    why = ("《政府信息公开条例》第五十条规定了年度报告的内容，年报格式要求“不能遗漏”。缺少一个部分，"
           "报告即不完整，主管部门可依第四十七条追究责任。")
    example = "一、总体情况\n二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况  ← 缺少第三部分"
    use_instead = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、…"
    template = "缺少第{zh}部分“{zh}、{title}”"
    number: int
    title: str

    def derived(self):
        return {"zh": chinese(self.number)}


@record
class VariantTitle(Violation):
    code, name, severity = "S102", "part-title-variant", Severity.INFO
    summary = "部分标题是常见的变体写法"
    what = "部分标题不是模板原文，而是各地常见的变体写法（如“因政府信息公开工作被申请行政复议和提起行政诉讼情况”）。"
    why = "变体写法不影响理解，但与模板一致的标题便于对照和检索。"
    template = "第{zh}部分标题{quoted}是常见的变体写法，模板标题为“{expected}”"
    number: int
    found: str
    expected: str

    def derived(self):
        return {"zh": chinese(self.number), "quoted": quote(self.found)}


@record
class OtherTitle(Violation):
    code, name, severity = "S103", "part-title-mismatch", Severity.WARNING
    summary = "部分标题与模板不一致"
    what = "部分标题既不是模板原文，也不是已知的变体写法。"
    why = "年报格式规定了各部分的标题；改写的标题让读者和上级检查难以对照。"
    example = "五、问题与改进"
    use_instead = "五、存在的主要问题及改进情况"
    template = "第{zh}部分标题{quoted}与模板不一致，应为“{expected}”"
    number: int
    found: str
    expected: str

    def derived(self):
        return {"zh": chinese(self.number), "quoted": quote(self.found)}


@record
class WrongNumeral(Violation):
    code, name, severity = "S104", "part-numeral", Severity.WARNING
    summary = "部分标题的序号与模板不一致"
    what = "部分标题写的序号（如“五、”）与该部分在模板中的序号不同。"
    why = "序号错了，读者会以为缺少或多出了部分。"
    template = "部分“{title}”的序号写作“{typed}”，应为“{zh}”"
    number: int
    title: str
    typed: str

    def derived(self):
        return {"zh": chinese(self.number)}


@record
class OutOfOrder(Violation):
    code, name, severity = "S105", "part-order", Severity.WARNING
    summary = "部分的顺序与模板不一致"
    what = "某个部分出现在模板中排在它后面的部分之后。"
    why = "年报格式规定了六个部分的顺序；顺序颠倒的报告难以与其他机关的报告对照。"
    template = "第{zh}部分{quoted}出现在第{after_zh}部分之后，顺序不对"
    number: int
    found: str
    after: int

    def derived(self):
        return {"zh": chinese(self.number), "after_zh": chinese(self.after), "quoted": quote(self.found)}


@record
class OtherNumbering(Violation):
    code, name, severity = "S106", "part-numbering", Severity.INFO
    summary = "部分标题的编号方式与模板不一致"
    what = "部分标题用“3.”“（三）”“第三部分”等方式编号，而不是模板的“三、”。"
    why = "年报格式以“一、”至“六、”为六个部分编号；统一的编号便于读者和上级检查对照各部分。"
    example = "3.收到和处理政府信息公开申请情况"
    use_instead = "三、收到和处理政府信息公开申请情况"
    template = "第{zh}部分的编号写作“{typed}”，模板写作“{zh}、”"
    number: int
    typed: str

    def derived(self):
        return {"zh": chinese(self.number)}


@record
class RepeatedPart(Violation):
    code, name, severity = "S107", "part-repeated", Severity.WARNING
    summary = "同一部分出现了两次"
    what = "报告中某个部分的标题出现了两次，如两个“三、收到和处理政府信息公开申请情况”。"
    why = "年报格式的六个部分各出现一次；重复的部分多是拼接或复制时留下的，读者无法判断哪一处的内容为准。"
    example = "三、收到和处理政府信息公开申请情况\n……\n三、收到和处理政府信息公开申请情况"
    use_instead = "删除重复的部分，或把两处内容合并到一处"
    template = "第{zh}部分{quoted}出现了两次"
    number: int
    found: str

    def derived(self):
        return {"zh": chinese(self.number), "quoted": quote(self.found)}


@record
class TopicMissing(Violation):
    code, name, severity = "S108", "part-topic-missing", Severity.WARNING
    summary = "部分没有说明模板要求在此说明的事项"
    what = ("年报格式的注释要求在某一部分说明的事项，该部分一字未提。如第六部分“其他需要报告的事项”应说明"
            "收取信息处理费的情况（国办函〔2020〕109号），没有收取也应写明。所查的词语是规则库数据。")
    why = "年报格式要求逐项说明；没有写的事项，读者无法判断是没有发生还是漏报。"
    example = "六、其他需要报告的事项\n本年度无其他需要报告的事项。"
    use_instead = "六、其他需要报告的事项\n本年度未收取信息处理费。"
    template = "第{zh}部分没有说明{topic}"
    number: int
    topic: str

    def derived(self):
        return {"zh": chinese(self.number)}


def _mentions(part, words) -> bool:
    # Running text first, then the cells, stopping at the first mention: a part's tables hold
    # hundreds of cells, nearly all numbers.
    for paragraph in part.paragraphs:
        text = paragraph.text
        if any(w in text for w in words):
            return True
    return any(cell.text and any(w in cell.text for w in words)
               for table in part.tables for row in table.rows for cell in row)


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

    violations = (MissingPart, VariantTitle, OtherTitle, WrongNumeral, OutOfOrder, OtherNumbering,
                  RepeatedPart, TopicMissing)

    def check(self, report, ctx):
        book = ctx.rulebook
        start = report.title_paragraph.location if report.title_paragraph else Location(line=1, column=1)
        found = ", ".join(f"{p.heading.text}" for p in report.parts) or "无"
        for spec in book.parts:
            canonical = f"{chinese(spec.number)}、{spec.title}"
            part = report.part(spec.number)
            if part is None:
                yield self.report(MissingPart(spec.number, spec.title), start, evidence=f"识别到的部分：{found}")
                continue
            heading = part.heading
            # The builder recorded how the title compares with the template's when it chose the heading.
            kind = {"variant": VariantTitle, "other": OtherTitle}.get(heading.kind)
            if kind is not None:
                yield self.report(kind(spec.number, heading.text, spec.title), heading.location,
                                  evidence=f"模板：{canonical}", context=heading.paragraph.text)
            if spec.mentions and not _mentions(part, spec.mentions):
                yield self.report(TopicMissing(spec.number, spec.topic or "、".join(spec.mentions)), heading.location,
                                  evidence=f"所查词语：{'、'.join(spec.mentions)}", context=heading.paragraph.text)
            typed = _TYPED_NUMERAL.match(heading.paragraph.text)
            if typed and zh_numeral(typed.group(1)) not in (None, spec.number):
                yield self.report(WrongNumeral(spec.number, spec.title, typed.group(1)), heading.location,
                                  evidence=f"模板：{canonical}", context=heading.paragraph.text)
            elif heading.numbering and not is_canonical_numbering(heading.numbering):
                yield self.report(OtherNumbering(spec.number, heading.numbering), heading.location,
                                  evidence=f"模板：{canonical}", context=heading.paragraph.text)
        for heading in report.repeated_parts:
            first = report.part(heading.number)
            yield self.report(RepeatedPart(heading.number, heading.text), heading.location,
                              evidence=f"第一次出现：{first.heading.location.describe()}" if first else "",
                              context=heading.paragraph.text)
        highest = 0
        for part in report.parts:
            if part.number < highest:
                yield self.report(OutOfOrder(part.number, part.heading.text, highest), part.heading.location,
                                  evidence="模板顺序：一、二、三、四、五、六", context=part.heading.paragraph.text)
            highest = max(highest, part.number)
