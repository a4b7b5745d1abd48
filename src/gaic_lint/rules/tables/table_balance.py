"""table-balance: the arithmetic identities (勾稽关系) of 表三 and 表四, and cells that are not counts.

A table the reader could not find is its own kind (table-unbound), never an arithmetic error."""

from __future__ import annotations

from ...model import Severity
from ...records import record
from ...rulebook.identities import IdentityError
from ...solver import balanced, fmt, instances, locate_single_cell
from ...split_numbers import table_split
from ...structure.findings import Reason, Unbound
from ...structure.tree import BoundTable
from ..base import Rule, RuleMeta, Violation, quote

_E = Severity.ERROR


@record
class TableUnbound(Violation):
    code, name, severity = "T101", "table-unbound", _E
    summary = "未能识别统计表格，其数字无法核对"
    what = ("报告中有该表格所在的部分，但在其中找不到表格，或表格中没有模板的行标签和数据行（常见于表格被"
            "转成图片、提取时丢失或格式与模板相差太大）。这不是数字错误：表格的数字根本没有核对。")
    why = "无法识别的表格不会静默通过；这与“表格数字不平衡”是不同的问题，处理方式也不同。"
    template = "未能识别{table}（{title}），无法核对其数字：{because}"
    table: str
    title: str
    part: int
    reason: Reason

    def derived(self):
        return {"because": unbound_reason(Unbound(self.table, self.part, Reason(self.reason)))}


def unbound_reason(unbound: Unbound) -> str:
    """Why the table could not be found, as a user reads it."""
    return {
        Reason.NO_PART: f"报告中没有第{unbound.part}部分，也未在其他位置找到{unbound.table}",
        Reason.NO_TABLES: f"第{unbound.part}部分中没有表格",
        Reason.NO_LABELS: f"第{unbound.part}部分的表格中没有找到{unbound.table}的行标签或数据行",
    }[unbound.reason]


@record
class MissingRows(Violation):
    code, name, severity = "T102", "table-missing-rows", _E
    summary = "统计表格缺少模板中的行"
    what = "表格识别出来了，但缺少模板规定的行；涉及这些行的勾稽关系无法核对。"
    why = "年报格式要求表格不能删行；缺少的行也让勾稽关系无法核对。"
    template = "{table}缺少行：{labels}{more}，涉及这些行的勾稽关系无法核对"
    table: str
    rows: tuple[str, ...]

    def derived(self):
        more = f"等 {len(self.rows)} 行" if len(self.rows) > 5 else ""
        return {"labels": "、".join(self.rows[:5]), "more": more}


@record
class MissingCell(Violation):
    code, name, severity = "T103", "table-missing-cell", _E
    summary = "表格的一行中数字个数少于模板列数"
    what = "某一行的数字个数少于模板规定的列数，缺少的单元格无法核对。"
    why = "少了单元格，其余数字可能错位到别的列。"
    template = "{path} 缺少单元格"
    path: str


@record
class NotANumber(Violation):
    code, name, severity = "T104", "cell-not-number", _E
    summary = "应填数字的单元格中不是数字"
    what = "表二、表三、表四中应填数字的单元格里写了文字（如“18件”）。"
    why = "单元格只填数字，单位由表头给出；夹带文字的单元格无法核对。"
    example = "18件"
    use_instead = "18"
    template = "{path} 应为数字，实际为{quoted}"
    path: str
    text: str

    def derived(self):
        return {"quoted": quote(self.text)}


@record
class NegativeCount(Violation):
    code, name, severity = "T105", "cell-negative", _E
    summary = "单元格中的数字为负数"
    what = "表格中的件数或金额为负数。"
    why = "件数和金额不会是负数，负数说明统计或录入有误。"
    template = "{path} 为负数 {shown}，应为非负数"
    path: str
    value: float

    def derived(self):
        return {"shown": fmt(self.value)}


@record
class FractionalCount(Violation):
    code, name, severity = "T106", "cell-not-integer", _E
    summary = "件数不是整数"
    what = "表三、表四中的件数带有小数（表二的收费金额可以是小数）。"
    why = "件数只能是整数，小数说明录入有误。"
    template = "{path} 为 {shown}，件数应为整数"
    path: str
    value: float

    def derived(self):
        return {"shown": fmt(self.value)}


@record
class BadIdentity(Violation):
    code, name, severity = "T107", "rulebook-identity", _E
    summary = "规则库中的勾稽关系写错了"
    what = "规则库（内置或用户提供的 TOML）中某张表的勾稽关系无法解析，例如引用了不存在的行或列。"
    why = "这是规则库的问题而不是报告的问题；勾稽关系写错时该表无法核对。"
    template = "规则库中{table}的勾稽关系有误：{error}"
    table: str
    error: str


@record
class WrongCell(Violation):
    code, name, severity = "T108", "cell-wrong-value", _E
    summary = "一个单元格的数字使多条勾稽关系不成立，按其他数字可推算出应填的值"
    what = "表格中有多条勾稽关系不成立，而改动同一个单元格就能让它们全部成立：直接指出这个单元格和应填的数字。"
    why = "一个数字填错会同时破坏行和列的关系；指出那一个单元格，比列出每条不平衡的关系更有用。"
    example = "一、本年新收政府信息公开申请数量  自然人 25 … 总计 26"
    use_instead = "一、本年新收政府信息公开申请数量  自然人 24 … 总计 26"
    template = "{path} 为 {shown}，与 {broken} 条勾稽关系不符；按其他数字推算应为 {expected_shown}"
    path: str
    value: float
    expected: float
    broken: int

    def derived(self):
        return {"shown": fmt(self.value), "expected_shown": fmt(self.expected)}


@record
class Unbalanced(Violation):
    code, name, severity = "T109", "identity-unbalanced", _E
    summary = "表三、表四的勾稽关系不成立"
    what = ("检查表三每一列“第一项加第二项之和，等于第三项加第四项之和”、（七）总计等于各项办理结果之和、"
            "每一行总计等于自然人与五类法人或其他组织之和；表四每组总计等于结果维持、结果纠正、其他结果、尚未审结之和。"
            "只有一个数字填错时报告为 cell-wrong-value。")
    why = "勾稽关系是年报格式本身规定的（表三表头注明）。数字对不上，说明统计或填写有误，是上级检查最常指出的问题。"
    example = "一、本年新收政府信息公开申请数量  自然人 25 … 总计 26\n（七）总计  自然人 24 … 总计 25"
    use_instead = "让每一列满足：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理"
    template = "{table}{where}不平衡：{note}，但左边为 {left_shown}，右边为 {right_shown}"
    table: str
    where: str
    note: str
    left: float
    right: float

    def derived(self):
        return {"left_shown": fmt(self.left), "right_shown": fmt(self.right)}


@record
class SplitNumber(Violation):
    code, name, severity = "T110", "split-number", _E
    summary = "一个数字可能在读取时被拆到了两个单元格"
    what = ("表格不平衡，但把相邻两个单元格读作一个数字（“1”和“2”原是“12”）、其后的数字依次左移一格，"
            "全部勾稽关系即成立：这是从 PDF 或网页提取表格时常见的读取问题，而不是计算错误。")
    why = "编写人员不必去查找并不存在的计算错误；应核对原件中该行的数字。"
    template = ("{path} 的“{first}”与{second}可能是一个数字被拆到了两个单元格：合起来是 {value}，"
                "其后的数字依次左移一格，{table}的勾稽关系即全部成立。请核对原件中该行的数字，而不是查找计算错误")
    table: str
    path: str
    first: str
    second_column: str | None
    after: str
    value: int

    def derived(self):
        second = f"“{self.second_column}”列的“{self.after}”" if self.second_column else f"该行之后多出的“{self.after}”"
        return {"second": second}


class TableBalance(Rule):
    meta = RuleMeta(
        code="T001",
        name="table-balance",
        summary="表三、表四的勾稽关系成立，单元格为非负整数",
        severity=Severity.ERROR,
        what="检查表三每一列“第一项加第二项之和，等于第三项加第四项之和”、（七）总计等于各项办理结果之和、"
        "每一行总计等于自然人与五类法人或其他组织之和；表四每组总计等于结果维持、结果纠正、其他结果、尚未审结之和；"
        "单元格必须是非负整数（表二收费金额可为小数）。只有一个数字填错时，直接指出是哪个单元格、应为多少。"
        "表格无法识别或缺少行时也会报告，不会静默通过。",
        why="勾稽关系是年报格式本身规定的（表三表头注明）。数字对不上，说明统计或填写有误，是上级检查最常指出的问题。",
        example="一、本年新收政府信息公开申请数量  自然人 25 … 总计 26\n（七）总计  自然人 24 … 总计 25",
        use_instead="让每一列满足：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理",
    )

    violations = (TableUnbound, MissingRows, MissingCell, NotANumber, NegativeCount, FractionalCount, BadIdentity,
                  WrongCell, Unbalanced, SplitNumber)

    def check(self, report, ctx):
        for spec in ctx.rulebook.tables.values():
            table = report.table(spec.name)
            if table is None:
                unbound = report.unbound.get(spec.name)
                part = report.part(spec.part)
                if unbound is not None and part is not None:
                    yield self.report(
                        TableUnbound(spec.name, spec.title, spec.part, unbound.reason),
                        part.heading.location,
                        evidence=f"{spec.name}应有 {len(spec.rows)} 行数据",
                        context=part.heading.paragraph.text,
                    )
                continue
            yield from self._cells(table)
            if table.missing_rows:
                yield self.report(
                    MissingRows(spec.name, tuple(r.label for r in table.missing_rows)),
                    table.location,
                    evidence=f"找到 {len(spec.rows) - len(table.missing_rows)}/{len(spec.rows)} 行",
                )
            if spec.identities:
                try:
                    yield from self._identities(table)
                except IdentityError as exc:
                    yield self.report(BadIdentity(spec.name, str(exc)), table.location)

    def _cells(self, table: BoundTable):
        for cell in table:
            value = cell.value
            if value is not None and value >= 0 and value.is_integer():
                continue  # a count, as nearly every cell is: nothing below would report it
            if cell.text is None:
                # A missing row, or a row that cannot be aligned, is reported once as a row.
                if not any(r.key == cell.row.key for r in table.missing_rows) and not any(
                        u.row.key == cell.row.key for u in table.unaligned):
                    yield self.report(MissingCell(cell.path), cell.location, evidence="该行的数字个数少于模板列数")
                continue
            if cell.blank:
                continue  # table-blank-cell
            if cell.value is None:
                kind = NotANumber(cell.path, cell.text)
            elif cell.value < 0:
                kind = NegativeCount(cell.path, cell.value)
            elif cell.column.kind == "count" and not cell.value.is_integer():
                kind = FractionalCount(cell.path, cell.value)
            else:
                continue
            yield self.report(kind, cell.location, evidence=f"单元格内容：{cell.text}", context=cell.text)

    def _identities(self, table: BoundTable):
        if balanced(table):
            return
        every = instances(table)
        broken = [i for i in every if abs(i.residual) > 1e-9]
        holding = [i for i in every if abs(i.residual) <= 1e-9]
        if not broken:
            return
        split = table_split(table, [[(t.sign * t.side, (c.row.key, c.column.key)) for t, c in i.terms] for i in every])
        if split is not None:
            cell = table.cells[split.first]
            second = table.cells[split.second].column.label if split.second else None
            yield self.report(
                SplitNumber(table.name, cell.path, split.parts[0], second, split.parts[1], split.value),
                cell.location, evidence="；".join(i.evidence() for i in broken), context=cell.text)
            return
        single = locate_single_cell(broken, holding)
        if single is not None:
            cell, expected = single
            yield self.report(
                WrongCell(cell.path, cell.value, expected, len(broken)),
                cell.location,
                evidence="；".join(i.evidence() for i in broken),
                context=cell.text,
            )
            return
        for inst in broken:
            first = inst.terms[0][1]
            yield self.report(
                Unbalanced(table.name, inst.where, inst.identity.note,
                           sum(t.sign * c.value for t, c in inst.terms if t.side == 1),
                           sum(t.sign * c.value for t, c in inst.terms if t.side == -1)),
                first.location,
                evidence=inst.evidence(),
                context=first.text,
            )
