"""table-blank-cell and table-structure: what the table binder found that is not a number in its place."""

from __future__ import annotations

from ..model import Severity
from ..text.normalize import norm_label
from .base import Rule, RuleMeta, quote


class TableBlankCell(Rule):
    meta = RuleMeta(
        code="T002",
        name="table-blank-cell",
        summary="表二、表三、表四的数字单元格不应留空",
        severity=Severity.WARNING,
        what="表二、表三、表四中应填数字的单元格为空，或填了“-”“/”“—”。没有发生的事项应填 0。",
        why="空白单元格让勾稽关系无法核对，读者也分不清是“没有”还是“漏填”。",
        example="行政复议  结果维持 [空]  结果纠正 [空] …",
        use_instead="行政复议  结果维持 0  结果纠正 0 …",
    )

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
                columns = "、".join(c.column.label for c in same[0])
                count = sum(len(cells) for cells in same)
                where = first.row.label if len(same) == 1 else f"{first.row.label} 等 {len(same)} 行"
                yield self.diagnostic(
                    f"{table.name} · {where} 有 {count} 个单元格为空（{columns}），应填写数字，没有的填 0",
                    first.location,
                    evidence="；".join(f"{c.path}：{quote(c.text) if c.text.strip() else '空'}"
                                      for cells in same[:3] for c in cells) + ("；…" if len(same) > 3 else ""),
                )


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

    def check(self, report, ctx):
        for table in report.tables.values():
            # Cells left over from one row of the source are one finding.
            rows: dict[tuple, list] = {}
            for text, location in table.stray:
                key = (location.page, location.table, location.row, location.line if location.row is None else None)
                rows.setdefault(key, []).append((text, location))
            for cells in rows.values():
                text = " ".join(t for t, _ in cells)
                what = f"一个不属于任何模板行的单元格{quote(text)}" if len(cells) == 1 else \
                    f"一行不属于任何模板行的 {len(cells)} 个数字{quote(text)}"
                yield self.diagnostic(
                    f"{table.name}中有{what}",
                    cells[0][1].with_cell_path(f"{table.name} · 多余单元格"),
                    evidence=f"内容：{text}",
                    context=text,
                )
            outdated = {norm_label(o.label) for o in ctx.rulebook.outdated}
            for row, found, location in table.relabelled:
                if norm_label(found) in outdated:
                    continue  # an old template's label: outdated-template says so
                yield self.diagnostic(
                    f"{table.name}的行标签{quote(found)}与模板不一致，应为“{row.label}”（已按该行核对数字）",
                    location.with_cell_path(f"{table.name} · {row.label}"),
                    evidence=f"模板行标签：{row.label}",
                    context=found,
                )
            for row, location in table.duplicates:
                yield self.diagnostic(
                    f"{table.name}的“{row.label}”行出现了不止一次，只采用了第一次出现的数字",
                    location,
                    evidence=f"重复的行：{row.label}",
                    severity=Severity.WARNING,
                )
