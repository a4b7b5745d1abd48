"""table-structure: what the table binder found that is not a number in its place (stray cells,
relabelled rows, duplicate rows). The binder records these as `structure.findings`; the wording is here."""

from __future__ import annotations

from ...model import Severity
from ...records import record
from ...text.normalize import norm_label
from ..base import Rule, RuleMeta, Violation, quote


@record
class StrayCells(Violation):
    code, name, severity = "T301", "table-stray-cells", Severity.WARNING
    summary = "表格中有不属于任何模板行的数字"
    what = "表格中出现不属于任何模板行的数字：常见于被合并单元格遮住的旧内容，或复制时错位的单元格。"
    why = "多余的内容说明表格在编辑或转换时错位，发布后读者看到的表格可能与统计不一致。"
    example = "2.其他法律行政法规禁止公开  0 0 0 0 0 0 0\n0   ← 多出的单元格"
    use_instead = "删除多余的单元格。"
    template = "{table}中有{what}"
    table: str
    text: str
    count: int

    def derived(self):
        what = (f"一个不属于任何模板行的单元格{quote(self.text)}" if self.count == 1
                else f"一行不属于任何模板行的 {self.count} 个数字{quote(self.text)}")
        return {"what": what}


@record
class RelabelledRow(Violation):
    code, name, severity = "T302", "table-row-label", Severity.WARNING
    summary = "表格的行标签与模板不一致"
    what = "表格中某行的标签写错了（如漏字、错字），按位置和相似度认作模板中的那一行，并按该行核对了数字。"
    why = "行标签是读者理解数字的依据；写错的标签会被误读，也说明表格可能被改动过。"
    template = "{table}的行标签{quoted}与模板不一致，应为“{expected}”（已按该行核对数字）"
    table: str
    found: str
    expected: str

    def derived(self):
        return {"quoted": quote(self.found)}


@record
class DuplicateRow(Violation):
    code, name, severity = "T303", "table-duplicate-row", Severity.WARNING
    summary = "表格中同一行出现了不止一次"
    what = "同一个模板行在表格中出现了两次或更多次；只采用第一次出现的数字。"
    why = "重复的行说明表格在编辑或转换时错位，读者无法判断哪一行的数字是对的。"
    use_instead = "每个模板行只保留一次。"
    template = "{table}的“{row}”行出现了不止一次，只采用了第一次出现的数字"
    table: str
    row: str


@record
class RelabelledColumn(Violation):
    code, name, severity = "T304", "table-column-label", Severity.WARNING
    summary = "表格的列标题与模板不一致"
    what = "表格中某列的标题写错了（如“本年废纸件数”“先行有效件数”），按位置读作模板中的那一列。"
    why = "列标题是读者理解数字的依据；写错的标题会被误读，也说明表格可能被改动过。"
    example = "信息内容  本年制发件数  本年废纸件数  先行有效件数"
    use_instead = "信息内容  本年制发件数  本年废止件数  现行有效件数"
    template = "{table}的列标题{quoted}与模板不一致，应为“{expected}”"
    table: str
    found: str
    expected: str

    def derived(self):
        return {"quoted": quote(self.found)}


@record
class UnalignedRow(Violation):
    code, name, severity = "T305", "table-row-unaligned", Severity.ERROR
    summary = "表格的一行少了单元格，无法确定缺的是哪一格"
    what = ("每个单元格占一行的表格，或用空格对齐各列的文字表格（如 pdftotext -layout 的输出、没有表格线的 PDF）中，"
            "空着的单元格不留痕迹；某一行的单元格个数少于模板列数、又无法从同一表格数值齐全的行看出各列位置时，"
            "无法判断缺少的是哪一列，因此该行的数字不按位置猜测，也不核对。")
    why = "按位置猜测会把后面的数字都错移一列，在错误的位置报出不平衡；先补齐该行，才能核对。"
    template = "{table}的“{row}”行只有 {found} 个单元格，模板为 {expected} 个，无法确定缺少哪一格，该行未核对"
    table: str
    row: str
    found: int
    expected: int


class TableStructure(Rule):
    meta = RuleMeta(
        code="T003",
        name="table-structure",
        summary="表格中没有多余的单元格或重复的行",
        severity=Severity.WARNING,
        what="表格中出现不属于任何模板行的数字（常见于被合并单元格遮住的旧内容，或复制时错位的单元格），"
        "或同一行出现两次。",
        why="多余或重复的内容说明表格在编辑或转换时错位，发布后读者看到的表格可能与统计不一致。",
        example="2.其他法律行政法规禁止公开  0 0 0 0 0 0 0\n0   ← 多出的单元格",
        use_instead="删除多余的单元格，每个模板行只保留一次。",
    )

    violations = (StrayCells, RelabelledRow, DuplicateRow, RelabelledColumn, UnalignedRow)

    def check(self, report, ctx):
        for table in report.tables.values():
            for stray in table.stray:  # one finding per source row the cells were left over from
                yield self.report(
                    StrayCells(table.name, stray.text, len(stray.cells)),
                    stray.location.with_cell_path(f"{table.name} · 多余单元格"),
                    evidence=f"内容：{stray.text}",
                    context=stray.text,
                )
            outdated = {norm_label(o.label) for o in ctx.rulebook.outdated}
            for relabelled in table.relabelled:
                if norm_label(relabelled.found) in outdated:
                    continue  # an old template's label: outdated-template says so
                yield self.report(
                    RelabelledRow(table.name, relabelled.found, relabelled.row.label),
                    relabelled.location.with_cell_path(f"{table.name} · {relabelled.row.label}"),
                    evidence=f"模板行标签：{relabelled.row.label}",
                    context=relabelled.found,
                )
            for column in table.relabelled_columns:
                if norm_label(column.found) in outdated:
                    continue
                yield self.report(
                    RelabelledColumn(table.name, column.found, column.column.label),
                    column.location.with_cell_path(f"{table.name} · 列标题 · {column.column.label}"),
                    evidence=f"模板列标题：{column.column.label}",
                    context=column.found,
                )
            for row in table.unaligned:
                yield self.report(
                    UnalignedRow(table.name, row.row.label, row.found, row.expected),
                    row.location.with_cell_path(f"{table.name} · {row.row.label}"),
                    evidence=f"找到 {row.found} 个单元格，模板列数 {row.expected}",
                )
            for duplicate in table.duplicates:
                yield self.report(
                    DuplicateRow(table.name, duplicate.row.label),
                    duplicate.location,
                    evidence=f"重复的行：{duplicate.row.label}",
                )
