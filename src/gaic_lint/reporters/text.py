"""Text output in Ruff's manner: `path:line:col: CODE [severity] message`, the source line, a summary."""

from __future__ import annotations

import os
import sys
from collections import Counter

from ..model import Applicability, Diagnostic, Severity
from ..paths import shown_path
from .sanitize import inline, line_start
from .widths import display_width

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def place(d: Diagnostic) -> str:
    """`path:line:col` for text formats (`page.html:123:1 (table[3]/tr[5]/td[2])` for HTML, with the
    element path), `path:第3页 表2[5,8]` or `path:段落12` for the others."""
    loc = d.location
    file = shown_path(d.file)
    if loc.line is not None:
        where = f"{file}:{loc.line}:{loc.column or 1}"
        if loc.page is not None:
            where += f" (第{loc.page}页)"
        elif loc.element:
            where += f" ({loc.element})"
        return where
    described = loc.describe()
    return f"{file}:{described}" if described else file


def _safe_fix(d: Diagnostic) -> bool:
    # Ruff's [*]: what `--fix` alone would change.
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


def _source_line(d: Diagnostic, result) -> tuple[str, int | None] | None:
    loc = d.location
    line = result.source_line(loc.line) if loc.line is not None else None
    if line is not None:
        return line, loc.column
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




def summary(results, hidden: int = 0, marks: bool = True) -> str:
    """The closing line; `hidden` counts findings suppressed by a baseline (`--baseline`); `marks`: the
    findings were shown with [*] where --fix would change them."""
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
    fixable = sum(1 for r in results for d in r.diagnostics if _safe_fix(d)) if marks else 0
    if fixable:
        text += f"其中 {fixable} 个标有 [*] 的问题可用 --fix 自动修复。"
    return text + note


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    """The findings, then (for a batch, or with `quiet`) one verdict per report. Options: `quiet` (only
    the verdicts), `statistics` (counts per rule instead of the findings), `fail_on`."""
    options = options or {}
    paint = _painter(stream, options)
    if options.get("statistics"):
        _statistics(results, stream, options)
    elif not options.get("quiet"):
        for result in results:
            _write_findings(result, result.diagnostics, stream, paint)
    _ending(results, stream, options)


def _statistics(results, stream, options: dict) -> None:
    from .verdicts import statistics_lines

    stream.write("\n".join(statistics_lines(results, options.get("rules"))) + "\n\n")


def _ending(results, stream, options: dict) -> None:
    from .verdicts import fail_level, verdict_lines

    if options.get("quiet") or len(results) > 1:
        stream.write("\n".join(verdict_lines(results, fail_level(options))) + "\n")
    if not options.get("quiet"):
        stream.write(summary(results, hidden=options.get("baseline_hidden", 0)) + "\n")


def _painter(stream, options: dict):
    color = options.get("color")
    if color is None:
        color = stream.isatty() and not os.environ.get("NO_COLOR")

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    return paint


def _write_findings(result, diagnostics, stream, paint) -> None:
    for d in diagnostics:
        # Text from the document (quotes, cells, source lines) may hold ESC sequences or other
        # controls; on a terminal they would be executed, not shown.
        # Line breaks from it (a CR in a Word run, a second paragraph in a cell, a file name with LF)
        # are shown escaped so that no output line starts with text that came from the input.
        mark = " [*]" if _safe_fix(d) else ""
        head = (f"{paint(line_start(place(d)), _BOLD)}: {paint(d.code, _COLORS[d.severity])}{mark} [{d.severity.zh}] "
                f"{inline(d.message)}")
        stream.write(head + "\n")
        if d.location.cell_path:
            stream.write(f"  {paint('位置', _DIM)}：{inline(d.location.cell_path)}\n")
        source = _source_line(d, result)
        if source is not None:
            text, column = _excerpt(*source)
            shown = d.location.line is not None and result.source_line(d.location.line) is not None
            label = str(d.location.line) if shown else ""
            gutter = " " * max(len(label), 2)
            stream.write(f"  {label.rjust(len(gutter))} | {inline(text)}\n")
            if column is not None and column >= 1:
                stream.write(f"  {gutter} | {' ' * display_width(inline(text[: column - 1]))}{paint('^', _COLORS[d.severity])}\n")
        if d.evidence:
            stream.write(f"  {paint('依据', _DIM)}：{inline(d.evidence)}\n")
        stream.write("\n")


class Stream:
    """The text output of a batch, written as it goes: `start(total)` once, `file(result)` for each
    file in order as soon as it is checked, `finish(results, late)` at the end with every result and
    the findings of the cross-report rules (`late`: path → findings, already inside the results),
    which are printed after the files under their own heading, then the verdicts and the summary.
    With `quiet` or `statistics` nothing is printed per file."""

    def __init__(self, stream=sys.stdout, options: dict | None = None):
        self.stream = stream
        self.options = options or {}
        self.paint = _painter(stream, self.options)
        self.per_file = not (self.options.get("quiet") or self.options.get("statistics"))

    def start(self, total: int) -> None:
        pass

    def file(self, result, diagnostics=None) -> None:
        """Print `result`'s findings; `diagnostics` (a subset) when only some are known yet."""
        if not self.per_file:
            return
        _write_findings(result, result.diagnostics if diagnostics is None else diagnostics, self.stream, self.paint)
        self.stream.flush()

    def finish(self, results, late: dict | None = None) -> None:
        if self.options.get("statistics"):
            _statistics(results, self.stream, self.options)
        late = {path: found for path, found in (late or {}).items() if found}
        if late and self.per_file:
            self.stream.write(self.paint("跨报告检查（在全部文件检查完成后进行）", _BOLD) + "\n\n")
            for result in results:
                if result.path in late:
                    _write_findings(result, late[result.path], self.stream, self.paint)
        _ending(results, self.stream, self.options)
