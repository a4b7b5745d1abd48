"""stock-continuity: 表二's documents in force against those issued, repealed and in force last year."""

from __future__ import annotations

from ...batchrules import BatchRule
from ...history.figures import figure, name_of, shown
from ...history.pairing import pairs
from ...model import Severity
from ..base import RuleMeta
from . import batch_finding

_KINDS = ("regulation", "normative")


class StockContinuity(BatchRule):
    meta = RuleMeta(
        code="H002",
        name="stock-continuity",
        summary="表二“现行有效件数”与本年制发、废止及上年现行有效件数接不上",
        severity=Severity.WARNING,
        what="表二规章、行政规范性文件的“现行有效件数”，应等于上年报告的现行有效件数加本年制发件数、"
             "减本年废止件数（警告：清理、机构调整等会合理地打破这一关系）。不需要上年报告的一条："
             "现行有效件数不可能小于本年制发件数减本年废止件数（错误）。",
        why="三个数描述同一批文件的存量和增减；接不上多半是填错了某一个数，督查时会被当作数据不准。",
        example="上年现行有效 665 件，本年制发 88 件、废止 55 件，本年现行有效却写 600 件（应为 698 件）。",
        use_instead="核对文件清理台账，改正现行有效件数，或在正文中说明差额的原因（如集中清理）。",
    )

    def check_batch(self, items, ctx):
        spec = ctx.rulebook.table("t2")
        found = pairs(items)
        for item in items:
            if item.history_only:
                continue
            previous = found.get(item.path)
            summary = item.summary
            for kind in _KINDS:
                issued, repealed, in_force = (figure(summary, spec, kind, c)
                                              for c in ("issued", "repealed", "in_force"))
                if any(f is None or f.value is None for f in (issued, repealed, in_force)):
                    continue
                label = spec.row(kind).label
                if in_force.value < issued.value - repealed.value:
                    yield batch_finding(
                        self,
                        f"{label}现行有效件数 {shown(in_force.value)} 小于本年制发 {shown(issued.value)} 件"
                        f"减废止 {shown(repealed.value)} 件，不可能：请核对这三个数",
                        in_force.location, item.path, f"{in_force.path} = “{in_force.text}”",
                        severity=Severity.ERROR)
                    continue
                before = figure(previous.summary, spec, kind, "in_force") if previous else None
                if before is None or before.value is None:
                    continue
                expected = before.value + issued.value - repealed.value
                if expected != in_force.value:
                    yield batch_finding(
                        self,
                        f"{label}现行有效件数为 {shown(in_force.value)}，而上年报告（{name_of(previous.path)}）"
                        f"现行有效 {shown(before.value)} 件 + 本年制发 {shown(issued.value)} 件 − 废止 "
                        f"{shown(repealed.value)} 件 = {shown(expected)} 件：请核对，或在正文中说明差额",
                        in_force.location, item.path,
                        f"{in_force.path} = “{in_force.text}”；{previous.path}：{before.path} = “{before.text}”")
