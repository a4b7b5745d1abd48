"""table-blank-cell: template cells that should hold a number and are left blank."""

from __future__ import annotations

from ...model import Severity
from ...records import record
from ..base import Rule, RuleMeta, Violation, quote


@record
class BlankCells(Violation):
    code, name, severity = "T002", "table-blank-cell", Severity.WARNING
    template = "{table} · {where} 有 {count} 个单元格为空（{column_list}），应填写数字，没有的填 0"
    table: str
    rows: tuple[str, ...]  # the rows blank in the same columns
    columns: tuple[str, ...]
    count: int

    def derived(self):
        where = self.rows[0] if len(self.rows) == 1 else f"{self.rows[0]} 等 {len(self.rows)} 行"
        return {"where": where, "column_list": "、".join(self.columns)}


class TableBlankCell(Rule):
    meta = RuleMeta(
        code="T002",
        name="table-blank-cell",
        summary="表二、表三、表四的数字单元格不应留空",
        severity=Severity.WARNING,
        what="表二、表三、表四中应填数字的单元格为空，填了“-”“/”“—”，或写了“无”“暂无”等表示没有的词"
        "（规则库 [cells] none_words）。没有发生的事项应填 0。单元格中的其他文字由 cell-not-number 报告。",
        why="空白单元格让勾稽关系无法核对，读者也分不清是“没有”还是“漏填”。",
        example="行政复议  结果维持 [空]  结果纠正 [空] …",
        use_instead="行政复议  结果维持 0  结果纠正 0 …",
    )

    violations = (BlankCells,)

    def check(self, report, ctx):
        for table in report.tables.values():
            rows: dict[str, list] = {}
            for cell in table:
                if cell.text is not None and cell.blank:
                    rows.setdefault(cell.row.key, []).append(cell)
            # Rows blank in the same columns are one finding: a whole column left empty is one mistake.
            groups: dict[tuple[str, ...], list[list]] = {}
            for cells in rows.values():
                groups.setdefault(tuple(c.column.key for c in cells), []).append(cells)
            for same in groups.values():
                first = same[0][0]
                yield self.report(
                    BlankCells(table.name, tuple(cells[0].row.label for cells in same),
                               tuple(c.column.label for c in same[0]), sum(len(cells) for cells in same)),
                    first.location,
                    evidence="；".join(f"{c.path}：{quote(c.text) if c.text.strip() else '空'}"
                                      for cells in same[:3] for c in cells) + ("；…" if len(same) > 3 else ""),
                )
