"""text-table-match: a figure stated in the text that the table gives differently."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Severity
from ...solver import fmt
from ...text.sentences import iter_sentences, squash_with_index
from ..base import Rule, RuleMeta, Violation, quote


@dataclass(frozen=True)
class Mismatch(Violation):
    code, name, severity = "X101", "text-table-mismatch", Severity.WARNING
    summary = "正文中的数字与表格不一致"
    what = ("把正文中明确说出的数字与表格对照：收到（受理）的政府信息公开申请件数与表三“一、本年新收”总计，"
            "上年结转、结转下年度、办结件数与表三相应的行，行政复议、行政诉讼案件数与表四的总计，作出的行政处罚、"
            "行政许可决定数与表二。含“其中”“含上年结转”、同比、人大建议和政协提案的语句不对照。")
    why = "正文和表格是同一组数字的两种写法，不一致时读者无法判断哪一个是对的；上级检查常把这类矛盾列为数据不准确。"
    example = "全年共收到政府信息公开申请27件。（表三“一、本年新收政府信息公开申请数量”总计为 26）"
    use_instead = "全年共收到政府信息公开申请26件。"
    template = "正文{quoted}与表格不一致：{figure}在表格中为 {expected_shown}"
    stated: str
    figure: str  # what the stated number counts (本年新收申请 …)
    expected: float

    def derived(self):
        return {"quoted": quote(self.stated), "expected_shown": fmt(self.expected)}


@dataclass(frozen=True)
class CarriedOver(Violation):
    code, name, severity = "X102", "text-counts-carried-over", Severity.INFO
    summary = "正文的收到件数包含了上年结转，但没有写明"
    what = "正文说的收到件数等于表三本年新收加上年结转：很可能包含了上年结转的申请，应写明“含上年结转”。"
    why = "不写明口径，读者会以为正文与表格矛盾。"
    template = ("正文{quoted}等于本年新收 {expected_shown} 加上年结转 {carried_shown}，"
                "而表三“一、本年新收”为 {expected_shown}；若包含上年结转，应写明“含上年结转”")
    stated: str
    expected: float
    carried: float

    def derived(self):
        return {"quoted": quote(self.stated), "expected_shown": fmt(self.expected), "carried_shown": fmt(self.carried)}


class TextTableMatch(Rule):
    meta = RuleMeta(
        code="X001",
        name="text-table-match",
        summary="正文中的数字与表格不一致",
        severity=Severity.WARNING,
        what="把正文中明确说出的数字与表格对照：收到（受理）的政府信息公开申请件数与表三“一、本年新收”总计，"
        "上年结转、结转下年度、办结件数与表三相应的行，行政复议、行政诉讼案件数与表四的总计，作出的行政处罚、"
        "行政许可决定数与表二。含“其中”“含上年结转”、同比、人大建议和政协提案的语句不对照。",
        why="正文和表格是同一组数字的两种写法，不一致时读者无法判断哪一个是对的；上级检查常把这类矛盾列为数据不准确。",
        example="全年共收到政府信息公开申请27件。（表三“一、本年新收政府信息公开申请数量”总计为 26）",
        use_instead="全年共收到政府信息公开申请26件。",
    )

    violations = (Mismatch, CarriedOver)

    def check(self, report, ctx):
        year = ctx.options.get("report_year") or report.year
        settings = ctx.rulebook.claim_settings
        for part, paragraph in report.paragraphs():
            if part is None or part.number not in settings.parts:
                continue
            for offset, sentence in iter_sentences(paragraph.text):
                yield from self._sentence(report, paragraph, offset, sentence, year, ctx.rulebook)

    def _sentence(self, report, paragraph, offset, sentence, year, book):
        squashed, index = squash_with_index(sentence)
        for clause_start, clause in _clauses(squashed):
            if book.claim_settings.skip and book.claim_settings.skip.search(clause):
                continue
            years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年", clause)}
            if year is not None and years - {year}:
                continue
            for claim in book.claims:
                if claim.needs and not all(w in squashed for w in claim.needs):
                    continue
                m = claim.pattern.search(clause)
                if m is None:
                    continue
                cells = [report.table(t).cell(r, c) if report.table(t) else None for t, r, c in claim.cells]
                if any(c is None or c.value is None for c in cells):
                    continue
                expected = sum(c.value for c in cells)
                stated = int(m.group("n"))
                if stated == expected:
                    continue
                where = index[clause_start + m.start("n")]
                table = "，".join(f"{c.path} 为 {fmt(c.value)}" for c in cells)
                carried = _cell(report, claim.carried) if claim.carried else None
                if carried is not None and carried.value is not None and stated == expected + carried.value:
                    # The text counts last year's carried-over applications as received this year.
                    yield self.report(
                        CarriedOver(m.group(0), expected, carried.value),
                        paragraph.location_at(offset + where),
                        evidence=f"正文 {stated}；{table}，{carried.path} 为 {fmt(carried.value)}",
                        context=paragraph.text,
                    )
                    break
                yield self.report(
                    Mismatch(m.group(0), claim.what, expected),
                    paragraph.location_at(offset + where),
                    evidence=f"正文 {stated}；{table}",
                    context=paragraph.text,
                )
                break  # one finding per clause


def _cell(report, ref):
    table = report.table(ref.table)
    return table.cell(ref.row, ref.column) if table else None


def _clauses(text: str):
    start = 0
    for m in re.finditer(r"[，,；;。]", text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]
