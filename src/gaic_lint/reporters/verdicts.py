"""One verdict per report, and counts per rule: what a supervisor reads after a batch.

Built from `FileResult.summary` (who published the report, for which year, at which level) and the
findings, never from the Report tree, so it works on a batch that has dropped the trees. A report
passes when nothing was found at or above the `fail-on` level, the same test that decides the exit
code; an unreadable file never passes.
"""

from __future__ import annotations

from collections import Counter

from ..model import Severity
from ..paths import shown_path
from ..records import record
from .sanitize import inline, line_start
from .widths import display_width

PASS, FAIL = "通过", "不通过"
CRITERION = {Severity.ERROR: "有错误即不通过", Severity.WARNING: "有错误或警告即不通过",
              Severity.INFO: "有任何问题（含提示）即不通过"}


def fail_level(options: dict | None) -> Severity:
    """The `fail-on` level the command line handed to the reporters (default: error)."""
    level = (options or {}).get("fail_on") or Severity.ERROR
    return Severity(level)


def fails(diagnostics, level: Severity) -> bool:
    return any(d.severity.rank >= level.rank for d in diagnostics)


@record
class Verdict:
    path: str
    agency: str | None
    year: int | None
    level: str | None
    title: str | None
    counts: dict  # Severity -> number of findings
    unreadable: bool
    passed: bool
    seconds: float = 0.0

    @property
    def verdict(self) -> str:
        return PASS if self.passed else FAIL

    def to_dict(self) -> dict:
        return {"path": self.path, "agency": self.agency, "year": self.year, "level": self.level,
                "title": self.title, "unreadable": self.unreadable, "passed": self.passed,
                "verdict": self.verdict, "seconds": round(self.seconds, 3),
                "counts": {s.value: self.counts.get(s, 0) for s in Severity}}


def verdict_of(result, level: Severity) -> Verdict:
    summary = result.summary
    counts = Counter(d.severity for d in result.diagnostics)
    return Verdict(
        path=shown_path(result.path),
        agency=summary.agency if summary is not None else None,
        year=summary.year if summary is not None else None,
        level=summary.level if summary is not None else None,
        title=summary.title if summary is not None else None,
        counts=dict(counts),
        unreadable=result.unreadable,
        passed=not result.unreadable and not fails(result.diagnostics, level),
        seconds=getattr(result, "seconds", 0.0) or 0.0,
    )


def verdicts(results, level: Severity) -> list[Verdict]:
    return [verdict_of(r, level) for r in results]




def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [(" " * (w - display_width(c)) + c) if i in right else _pad(c, w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return lines


def verdict_lines(results, level: Severity) -> list[str]:
    """The per-report table and the totals, as lines of text (document text cleaned of controls)."""
    found = verdicts(results, level)
    header = ["文件", "机关", "年度", "层级", "错误", "警告", "结论"]
    rows = []
    for v in found:
        rows.append([
            line_start(v.path),  # a row begins with the path
            "（无法读取）" if v.unreadable else inline(v.agency or "（未识别）"),
            str(v.year) if v.year else "—",
            v.level or "—",
            str(v.counts.get(Severity.ERROR, 0)),
            str(v.counts.get(Severity.WARNING, 0)),
            v.verdict,
        ])
    lines = _table(header, rows, right={4, 5})
    passed = sum(1 for v in found if v.passed)
    unreadable = sum(1 for v in found if v.unreadable)
    total = f"共 {len(found)} 份报告：{passed} 份通过，{len(found) - passed} 份不通过"
    if unreadable:
        total += f"（其中 {unreadable} 份无法读取）"
    lines.append(total + f"；判定标准：{CRITERION[level]}。")
    return lines


def statistics(results, rules=None) -> list[tuple[str, str, int, bool, Severity]]:
    """(code, name, count, fixable, severity) per rule that found something, most frequent first."""
    metas = {m.code: m for m in rules or []}
    counts: Counter = Counter()
    names: dict[str, str] = {}
    worst: dict[str, Severity] = {}
    fixable: dict[str, bool] = {}
    for result in results:
        for d in result.diagnostics:
            counts[d.code] += 1
            names.setdefault(d.code, d.rule)
            if d.code not in worst or d.severity.rank > worst[d.code].rank:
                worst[d.code] = d.severity
            fixable[d.code] = fixable.get(d.code, False) or d.fix is not None
    out = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        meta = metas.get(code)
        name = meta.name if meta is not None else names[code]
        can_fix = bool(getattr(meta, "fixable", False)) or fixable[code]
        out.append((code, name, n, can_fix, worst[code]))
    return out


def statistics_lines(results, rules=None) -> list[str]:
    stats = statistics(results, rules)
    if not stats:
        return ["各规则发现的问题：无"]
    rows = [[str(n), code, name, "可修复" if fix else ""] for code, name, n, fix, _ in stats]
    return ["各规则发现的问题：", *_table(["数量", "代码", "规则", "修复"], rows, right={0})]
