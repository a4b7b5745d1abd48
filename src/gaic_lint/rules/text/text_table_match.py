"""text-table-match: a figure stated in the text that the table gives differently."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Severity
from ...solver import fmt
from ..base import Rule, RuleMeta, Violation, iter_sentences, quote


@dataclass(frozen=True)
class Claim:
    """A sentence pattern whose number must equal a sum of table cells."""

    what: str
    pattern: re.Pattern
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column) summed
    needs: tuple[str, ...] = ()  # words the clause must contain


def _p(regex: str) -> re.Pattern:
    return re.compile(regex.replace("N", r"(?P<n>\d+)"))


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


T3_TOTAL = "total"
# Clauses are matched on text with spaces removed; `[^，。；]` keeps a match inside one clause.
CLAIMS = (
    Claim("本年新收申请", _p(r"(?:收到|受理)(?:和处理)?[^，。；、]{0,12}?申请[^，。；、\d]{0,4}?(?:共|计)?N件"),
          (("表三", "new", T3_TOTAL),), needs=("公开",)),
    Claim("本年新收申请", _p(r"(?:收到|受理)N件[^，。；]{0,10}?申请"), (("表三", "new", T3_TOTAL),), needs=("公开",)),
    Claim("上年结转申请", _p(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?N件"), (("表三", "carried", T3_TOTAL),)),
    Claim("结转下年度继续办理", _p(r"N件(?:申请)?(?:结转|顺延)(?:至|到)?下(?:一)?年"), (("表三", "carry_over", T3_TOTAL),)),
    Claim("结转下年度继续办理", _p(r"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?N件"), (("表三", "carry_over", T3_TOTAL),)),
    # "同意公开答复9件" is one kind of answer, not all of them: only a bare or adverb-led 办结/答复 counts.
    Claim("办结申请", _p(r"(?:^|(?<=[共已均计时法部规全]))(?:办结|答复)(?:申请)?N件"), (("表三", "results_total", T3_TOTAL),)),
    Claim("行政复议案件", _p(r"行政复议(?:案件)?N[件起]"), (("表四", "review", "total"),)),
    Claim("行政诉讼案件", _p(r"行政诉讼(?:案件)?N[件起]"),
          (("表四", "direct_suit", "total"), ("表四", "suit_after_review", "total"))),
    Claim("行政处罚决定", _p(r"(?:作出|办理)行政处罚(?:决定)?N件"), (("表二", "penalty", "decisions"),)),
    Claim("行政许可决定", _p(r"(?:作出|办理|办结)行政许可(?:决定)?N件"), (("表二", "permit", "decisions"),)),
)
# Another year's or another body's figures, and the inclusive "含上年结转" wording, are not compared.
_SKIP = re.compile(r"上年同期|去年|同比|较上年|比上年|增长|下降|人大|政协|建议|提案|网络问政|信访|其中|含上年|包括上年|代表")
_PARTS = (1, 2, 3, 4)


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
        for part, paragraph in report.paragraphs():
            if part is None or part.number not in _PARTS:
                continue
            for offset, sentence in iter_sentences(paragraph.text):
                yield from self._sentence(report, paragraph, offset, sentence, year)

    def _sentence(self, report, paragraph, offset, sentence, year):
        squashed, index = _squash(sentence)
        for clause_start, clause in _clauses(squashed):
            if _SKIP.search(clause):
                continue
            years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年", clause)}
            if year is not None and years - {year}:
                continue
            for claim in CLAIMS:
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
                carried = report.table("表三").cell("carried", T3_TOTAL) if claim.cells[0][1] == "new" else None
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


def _squash(text: str) -> tuple[str, list[int]]:
    """The text without spaces, and for each of its characters the offset in the original."""
    kept = [(ch, i) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for ch, _ in kept), [i for _, i in kept]


def _clauses(text: str):
    start = 0
    for m in re.finditer(r"[，,；;。]", text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]
