"""The kinds of finding text-table-match reports, and the arithmetic it checks them with."""

from __future__ import annotations

from ...model import Severity
from ...records import record
from ...solver import fmt
from ..base import Violation, quote


@record
class Mismatch(Violation):
    code, name, severity = "X101", "text-table-mismatch", Severity.WARNING
    summary = "正文中的数字与表格不一致"
    what = ("把正文中明确说出的数字与表格对照：收到（接收、受理、新收）的政府信息公开申请件数与表三“一、本年新收”"
            "总计，“办理”的申请件数与本年新收、办理结果总计或两者之和之一，上年结转、结转下年度、办结件数与表三相应的行，"
            "行政复议、行政诉讼案件数与表四的总计，作出的行政处罚、行政许可决定数，制发、废止和现行有效的规章、"
            "行政规范性文件件数与表二。含“其中”“含上年结转”、同比、人大建议和政协提案的语句不对照。")
    why = "正文和表格是同一组数字的两种写法，不一致时读者无法判断哪一个是对的；上级检查常把这类矛盾列为数据不准确。"
    example = "全年共收到政府信息公开申请27件。（表三“一、本年新收政府信息公开申请数量”总计为 26）"
    use_instead = "全年共收到政府信息公开申请26件。"
    template = "正文{quoted}与表格不一致：{figure}在表格中为 {expected_shown}"
    stated: str
    figure: str  # what the stated number counts (本年新收申请 …)
    expected: float

    def derived(self):
        return {"quoted": quote(self.stated), "expected_shown": fmt(self.expected)}


@record
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


@record
class SaysNone(Violation):
    code, name, severity = "X103", "text-says-none", Severity.WARNING
    summary = "正文说没有（或全部办结），表格中却有"
    what = ("正文说“未收到（未发生、没有）行政复议、行政诉讼”，而表四相应的总计不为 0；说“未收到政府信息公开申请”，"
            "而表三“一、本年新收”总计不为 0（只说某类申请人、某种渠道的不算）；或说申请“全部办结”"
            "“均已办结”“办结率100%”，而表三“四、结转下年度继续办理”总计不为 0。只说行政复议的语句只对照行政复议，"
            "只说行政诉讼的只对照行政诉讼；说复议“被纠错”、诉讼“败诉”的语句不对照。")
    why = "“没有”和表格中的案件数只能有一个是对的；结转下年度的申请尚未办结，与“全部办结”相矛盾。"
    example = "本年度未发生因政府信息公开引起的行政复议。（表四“行政复议”总计为 1）"
    use_instead = "本年度发生因政府信息公开引起的行政复议1件。"
    template = "正文{quoted}说没有{figure}，而表格中{cells}"
    stated: str
    figure: str
    cells: str  # the cells and their values, as the message names them

    def derived(self):
        return {"quoted": quote(self.stated)}


@record
class ShareMismatch(Violation):
    code, name, severity = "X104", "text-share-mismatch", Severity.WARNING
    summary = "正文中的百分比与表格算出的不一致"
    what = ("正文给出某类办理结果的件数和百分比（“予以公开208件（17.46%）”“不予公开5件，占6.17%”）时，用表三中"
            "这类结果的件数除以办理结果总计（或本年新收、本年新收加上年结转）核对，允许按所写位数四舍五入或截去；"
            "与其中任何一个相符即不报告。说增长、下降的百分比不对照。")
    why = "百分比由表格中的件数算出，算错或沿用上年的比例会让读者对办理结果得出错误印象。"
    example = "予以公开42件，占51.85%。（表三中予以公开 40 件，办理结果总计 81 件，即 49.38%）"
    use_instead = "予以公开40件，占49.38%。"
    template = ("正文{quoted}中的 {stated_share}% 与表格不一致：表格中{figure}为 {part_shown}，{base} 为 {whole_shown}，"
                "占比为 {computed}%")
    stated: str
    figure: str
    stated_share: str
    part: float
    base: str  # the cells the share is taken of
    whole: float
    computed: str

    def derived(self):
        # The quote ends at the percentage: close the bracket it opened ("208件（17.46%").
        closing = {"（": "）", "(": ")"}
        opened = next((c for c in "（(" if c in self.stated), None)
        stated = self.stated + closing[opened] if opened else self.stated
        return {"quoted": quote(stated), "part_shown": fmt(self.part), "whole_shown": fmt(self.whole)}


KINDS = (Mismatch, CarriedOver, SaysNone, ShareMismatch)


def values(report, refs):
    """The cells the references name, or None when a table or a value is missing (nothing to compare)."""
    cells = []
    for ref in refs:
        table = report.table(ref.table)
        cell = table.cell(ref.row, ref.column) if table else None
        if cell is None or cell.value is None:
            return None
        cells.append(cell)
    return cells


def shown(cells) -> str:
    return "，".join(f"{c.path} 为 {fmt(c.value)}" for c in cells)


def share_fits(stated: str, part: float, whole: float) -> bool:
    """Whether `stated` (a percentage as written) is part/whole rounded or cut to its decimals."""
    if whole <= 0:
        return True  # nothing to divide by: say nothing
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    return abs(100 * part / whole - float(stated)) <= 10 ** -decimals + 1e-9


def percent(part: float, whole: float, decimals: int) -> str:
    return f"{100 * part / whole:.{max(decimals, 2)}f}"
