"""Text output in Ruff's manner: `path:line:col: CODE [severity] message`, the source line, a summary."""

from __future__ import annotations

import os
import sys
from collections import Counter

from ..model import Diagnostic, Severity
from .sanitize import clean

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def place(d: Diagnostic) -> str:
    """`path:line:col` for text formats (`page.html:123:1 (table[3]/tr[5]/td[2])` for HTML, with the
    element path), `path:第3页 表2[5,8]` or `path:段落12` for the others."""
    loc = d.location
    if loc.line is not None:
        where = f"{d.file}:{loc.line}:{loc.column or 1}"
        if loc.page is not None:
            where += f" (第{loc.page}页)"
        elif loc.element:
            where += f" ({loc.element})"
        return where
    described = loc.describe()
    return f"{d.file}:{described}" if described else d.file


def _source_line(d: Diagnostic, lines: list[str] | None) -> tuple[str, int | None] | None:
    loc = d.location
    if lines is not None and loc.line is not None and 0 < loc.line <= len(lines):
        return lines[loc.line - 1], loc.column
    if d.context:
        return d.context, None if loc.offset is None else loc.offset + 1
    return None


def _excerpt(line: str, column: int | None, width: int = 70) -> tuple[str, int | None]:
    line = line.replace("\t", " ")
    if len(line) <= width:
        return line, column
    start = 0 if column is None else max(0, min(column - 1 - width // 3, len(line) - width))
    text = line[start:start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + text + suffix, None if column is None else column - start + len(prefix)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def summary(results, hidden: int = 0) -> str:
    """The closing line; `hidden` counts findings suppressed by a baseline (`--baseline`)."""
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    files = len(results)
    unreadable = sum(1 for r in results if r.unreadable)
    note = f"另有 {hidden} 个已记录在基线中的问题未显示。" if hidden else ""
    if not counts:
        return f"检查了 {files} 个文件，未发现{'新' if hidden else ''}问题。" + note
    parts = [f"{counts[s]} 个{s.zh}" for s in Severity if counts[s]]
    text = f"检查了 {files} 个文件，发现 " + "，".join(parts) + "。"
    if unreadable:
        text += f"其中 {unreadable} 个文件无法读取。"
    return text + note


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    """The findings, then (for a batch, or with `quiet`) one verdict per report. Options: `quiet` (only
    the verdicts), `statistics` (counts per rule instead of the findings), `fail_on`."""
    options = options or {}
    from .verdicts import fail_level, statistics_lines, verdict_lines

    if options.get("statistics"):
        stream.write("\n".join(statistics_lines(results, options.get("rules"))) + "\n\n")
    elif not options.get("quiet"):
        _findings(results, stream, options)
    if options.get("quiet") or len(results) > 1:
        stream.write("\n".join(verdict_lines(results, fail_level(options))) + "\n")
    if not options.get("quiet"):
        stream.write(summary(results, hidden=options.get("baseline_hidden", 0)) + "\n")


def _findings(results, stream, options: dict) -> None:
    color = options.get("color")
    if color is None:
        color = stream.isatty() and not os.environ.get("NO_COLOR")

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    for result in results:
        lines = result.report.source_lines if result.report is not None else None
        for d in result.diagnostics:
            # Text from the document (quotes, cells, source lines) may hold ESC sequences or other
            # controls; on a terminal they would be executed, not shown.
            head = (f"{paint(clean(place(d)), _BOLD)}: {paint(d.code, _COLORS[d.severity])} [{d.severity.value}] "
                    f"{clean(d.message)}")
            stream.write(head + "\n")
            if d.location.cell_path:
                stream.write(f"  {paint('位置', _DIM)}：{clean(d.location.cell_path)}\n")
            source = _source_line(d, lines)
            if source is not None:
                text, column = _excerpt(*source)
                label = str(d.location.line) if d.location.line is not None and lines is not None else ""
                gutter = " " * max(len(label), 2)
                stream.write(f"  {label.rjust(len(gutter))} | {clean(text)}\n")
                if column is not None and column >= 1:
                    stream.write(f"  {gutter} | {' ' * _width(clean(text[: column - 1]))}{paint('^', _COLORS[d.severity])}\n")
            if d.evidence:
                stream.write(f"  {paint('依据', _DIM)}：{clean(d.evidence)}\n")
            stream.write("\n")
