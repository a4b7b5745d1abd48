"""`gaic-lint dump`: the Report tree as the linter understood it, so a user can see what was found.

Everything taken from the file (titles, headings, cell text, stray cells) and the file's name are
escaped as the text output escapes them: a CR in a Word run or a second paragraph in a cell is shown as
`\\r`/`\\n`, never as a line of its own that a CI log could run as a workflow command."""

from __future__ import annotations

from .paths import shown_path
from .reporters.sanitize import guard_lines, inline
from .rules.tables.table_balance import unbound_reason
from .structure.tree import Report


def _where(location) -> str:
    if location.line is not None:
        return f"{location.line}:{location.column or 1}"
    return location.describe() or "-"


def render_tree(report: Report, cells: bool = False) -> str:
    out = [
        f"文件：{inline(shown_path(report.path))}（{report.format}）",
        f"标题：{inline(report.title or '（未识别）')}",
        f"机关：{inline(report.agency or '（未识别）')}",
        f"年度：{report.year or '（未识别）'}",
        f"前言：{len(report.preamble)} 段",
        "",
    ]
    for part in report.parts:
        out.append(f"[{_where(part.heading.location)}] 第{part.number}部分 {inline(part.heading.text)}"
                   f"（{len(part.paragraphs)} 段，{len(part.tables)} 个表格块）")
        for section in part.sections:
            out.append(f"    [{_where(section.heading.location)}] {inline(section.heading.text[:40])}")
    out.append("")
    for name, table in report.tables.items():
        found = sum(1 for c in table if c.text is not None)
        out.append(f"{name}：{len(table.spec.rows)} 行，{len(table.spec.columns)} 列，"
                   f"找到 {found}/{len(table.cells)} 个单元格 [{_where(table.location)}]")
        if table.missing_rows:
            out.append("    缺少行：" + inline("、".join(r.label for r in table.missing_rows)))
        for stray in table.stray:
            for text, location in stray.cells:
                out.append(f"    多余单元格：“{inline(text)}” [{_where(location)}]")
        if cells:
            for cell in table:
                value = "（缺）" if cell.text is None else (cell.text or "（空）")
                out.append(f"    {inline(cell.path)} = {inline(value)} [{_where(cell.location)}]")
    for name, unbound in report.unbound.items():
        out.append(f"{name}：未识别（{inline(unbound_reason(unbound))}）")
    for notice in report.notices:
        out.append(f"注意：{notice.code} {inline(notice.message)}")
    # Every line above begins with a label of ours; the guard stays for the day one does not.
    return guard_lines("\n".join(out)) + "\n"
