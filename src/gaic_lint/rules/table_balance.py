"""table-balance: the arithmetic identities (勾稽关系) of 表三 and 表四, and cells that are not counts."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Severity
from ..rulebook import Identity, TableSpec
from ..rulebook.identities import IdentityError, Term, compile_identity
from ..split_numbers import describe, table_split
from ..structure.tree import BoundTable, Cell
from .base import Rule, RuleMeta, quote


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def short_label(cell: Cell, axis: str) -> str:
    if axis == "column":
        return cell.column.label
    row = cell.row
    if row.label[:1].isdigit() and row.group.startswith("（"):
        return row.group[:3] + row.label
    return row.label


@dataclass
class Instance:
    identity: Identity
    where: str  # the column (or row) label the identity is taken in
    terms: list[tuple[Term, Cell]]

    @property
    def residual(self) -> float:
        return sum(t.sign * t.side * c.value for t, c in self.terms)

    def side_text(self, side: int) -> str:
        axis = "row" if self.identity.each == "column" else "column"
        parts, zeros, total = [], 0, 0.0
        terms = [(t, c) for t, c in self.terms if t.side == side]
        for t, c in terms:
            total += t.sign * c.value
            if c.value == 0 and len(terms) > 4:
                zeros += 1
                continue
            op = "" if not parts else (" + " if t.sign > 0 else " - ")
            parts.append(f"{op}{short_label(c, axis)} {fmt(c.value)}")
        text = "".join(parts) or "0"
        if zeros:
            text += f"（其余 {zeros} 项为 0）"
        return f"{text} = {fmt(total)}" if len(terms) > 1 else text

    def evidence(self) -> str:
        return f"{self.where}：左边 {self.side_text(1)}，右边 {self.side_text(-1)}"


def instances(table: BoundTable) -> list[Instance]:
    spec: TableSpec = table.spec
    # An older format's single row stands in for the rows it sums (the trial format's （六）其他处理).
    stands_for = {key: group for group, keys in table.collapsed.items() for key in keys}
    rows = spec.rows + [g.as_row() for g in spec.collapsed if g.key in table.collapsed]
    found = []
    for identity in spec.identities:
        terms = compile_identity(identity, spec)
        axis_items = spec.columns if identity.each == "column" else rows
        for item in axis_items:
            cells, used = [], set()
            for term in terms:
                row_key = term.key
                if identity.each == "column" and row_key in stands_for:
                    if stands_for[row_key] in used:
                        continue
                    row_key = stands_for[row_key]
                    used.add(row_key)
                key = (row_key, item.key) if identity.each == "column" else (item.key, term.key)
                cells.append((term, table.cells.get(key)))
            if any(c is None or c.value is None for _, c in cells):
                continue  # a missing, blank or non-numeric cell is reported on its own
            where = f"“{item.label}”{'列' if identity.each == 'column' else '行'}"
            found.append(Instance(identity, where, cells))
    return found


def locate_single_cell(broken: list[Instance], holding: list[Instance]) -> tuple[Cell, float] | None:
    """The one cell whose change would explain every broken identity without breaking another."""
    if len(broken) < 2:
        return None
    held = {id(c) for inst in holding for _, c in inst.terms}
    candidates = None
    for inst in broken:
        ids = {id(c) for _, c in inst.terms}
        candidates = ids if candidates is None else candidates & ids
    answer = None
    for inst in broken:
        for _, cell in inst.terms:
            if id(cell) in (candidates or set()) and id(cell) not in held:
                expected = {cell.value - b.residual / next(t.sign * t.side for t, c in b.terms if c is cell)
                            for b in broken}
                if len(expected) == 1:
                    if answer is not None and answer[0] is not cell:
                        return None
                    answer = (cell, expected.pop())
    return answer


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

    def check(self, report, ctx):
        for spec in ctx.rulebook.tables.values():
            table = report.table(spec.name)
            if table is None:
                reason = report.unbound.get(spec.name)
                if reason and report.part(spec.part) is not None:
                    part = report.part(spec.part)
                    yield self.diagnostic(
                        f"未能识别{spec.name}（{spec.title}），无法核对其数字：{reason}",
                        part.heading.location,
                        evidence=f"{spec.name}应有 {len(spec.rows)} 行数据",
                        context=part.heading.paragraph.text,
                    )
                continue
            yield from self._cells(table)
            if table.missing_rows:
                labels = "、".join(r.label for r in table.missing_rows[:5])
                more = f"等 {len(table.missing_rows)} 行" if len(table.missing_rows) > 5 else ""
                yield self.diagnostic(
                    f"{spec.name}缺少行：{labels}{more}，涉及这些行的勾稽关系无法核对",
                    table.location,
                    evidence=f"找到 {len(spec.rows) - len(table.missing_rows)}/{len(spec.rows)} 行",
                )
            if spec.identities:
                try:
                    yield from self._identities(table)
                except IdentityError as exc:
                    yield self.diagnostic(f"规则库中{spec.name}的勾稽关系有误：{exc}", table.location)

    def _cells(self, table: BoundTable):
        for cell in table:
            if cell.text is None:
                if not any(r.key == cell.row.key for r in table.missing_rows):
                    yield self.diagnostic(f"{cell.path} 缺少单元格", cell.location,
                                          evidence="该行的数字个数少于模板列数")
                continue
            if cell.blank:
                continue  # table-blank-cell
            if cell.value is None:
                yield self.diagnostic(f"{cell.path} 应为数字，实际为{quote(cell.text)}", cell.location,
                                      evidence=f"单元格内容：{cell.text}", context=cell.text)
            elif cell.value < 0:
                yield self.diagnostic(f"{cell.path} 为负数 {fmt(cell.value)}，应为非负数", cell.location,
                                      evidence=f"单元格内容：{cell.text}", context=cell.text)
            elif cell.column.kind == "count" and not cell.value.is_integer():
                yield self.diagnostic(f"{cell.path} 为 {fmt(cell.value)}，件数应为整数", cell.location,
                                      evidence=f"单元格内容：{cell.text}", context=cell.text)

    def _identities(self, table: BoundTable):
        every = instances(table)
        broken = [i for i in every if abs(i.residual) > 1e-9]
        holding = [i for i in every if abs(i.residual) <= 1e-9]
        if not broken:
            return
        split = table_split(table, [[(t.sign * t.side, (c.row.key, c.column.key)) for t, c in i.terms] for i in every])
        if split is not None:
            cell = table.cells[split.first]
            yield self.diagnostic(describe(table, split), cell.location,
                                  evidence="；".join(i.evidence() for i in broken), context=cell.text)
            return
        single = locate_single_cell(broken, holding)
        if single is not None:
            cell, expected = single
            yield self.diagnostic(
                f"{cell.path} 为 {fmt(cell.value)}，与 {len(broken)} 条勾稽关系不符；按其他数字推算应为 {fmt(expected)}",
                cell.location,
                evidence="；".join(i.evidence() for i in broken),
                context=cell.text,
            )
            return
        for inst in broken:
            first = inst.terms[0][1]
            yield self.diagnostic(
                f"{table.name}{inst.where}不平衡：{inst.identity.note}，但左边为 "
                f"{fmt(sum(t.sign * c.value for t, c in inst.terms if t.side == 1))}，右边为 "
                f"{fmt(sum(t.sign * c.value for t, c in inst.terms if t.side == -1))}",
                first.location,
                evidence=inst.evidence(),
                context=first.text,
            )
