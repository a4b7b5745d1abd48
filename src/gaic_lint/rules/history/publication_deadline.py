"""publication-deadline: a report published after the deadline of 条例 第四十九条."""

from __future__ import annotations

import datetime as dt

from ...agency import level_of
from ...history.dates import deadline, level_override, manifest_entry, parse_date, portal_date
from ...model import Location, Severity
from ..base import Rule, RuleMeta


def level_for(report, ctx) -> str | None:
    """The body's level: the manifest's, the configuration's, else the last organ word of its name."""
    entry = manifest_entry(ctx.options.get("manifest") or {}, report.path)
    if entry and entry.level:
        return entry.level
    return level_override(ctx.options.get("levels") or {}, report.path, report.agency) or level_of(report.agency, ctx.rulebook.agency)


def publication(report, ctx) -> tuple[dt.date, str, Location] | None:
    """(date, where it came from, location) in the order --published, manifest, web page, portal line."""
    if ctx.options.get("published"):
        return parse_date(ctx.options["published"]), "--published", Location()
    entry = manifest_entry(ctx.options.get("manifest") or {}, report.path)
    if entry and entry.published:
        return parse_date(entry.published), "发布清单", Location()
    if report.metadata.get("published"):
        found = parse_date(report.metadata["published"])
        if found:
            return found, "网页的发布日期", Location()
    lines = ([report.title_paragraph] if report.title_paragraph else []) + list(report.preamble)
    hit = portal_date([p.text for p in lines], ctx.rulebook.cross_year)
    if hit:
        index, offset, found = hit
        return found, "报告开头的发布时间", lines[index].location_at(offset)
    return None


class PublicationDeadline(Rule):
    meta = RuleMeta(
        code="H005",
        name="publication-deadline",
        summary="年度报告发布晚于条例规定的期限",
        severity=Severity.ERROR,
        what="《政府信息公开条例》第四十九条：县级以上人民政府部门在每年1月31日前、县级以上地方人民政府"
             "在每年3月31日前公布本机关上一年度的年度报告。发布日期依次取自 --published、发布清单"
             "（--manifest 或配置 manifest）、网页上的发布日期、报告开头的“发布时间：”一行；都没有时不检查。"
             "层级按机关名称最后的机构用语判断，可在发布清单或配置 [levels] 中逐个改定。",
        why="不按时发布是考核扣分和追责的情形（国办公开办函〔2021〕30号）。",
        example="××区医疗保障局2025年度报告，发布日期 2026-02-03（部门应在 2026年1月31日前发布）。",
        use_instead="按期限发布；如果发布日期取错了，在发布清单中写明实际发布日期。",
    )

    def check(self, report, ctx):
        if not report.year:
            return
        found = publication(report, ctx)
        level = level_for(report, ctx)
        limit = deadline(report.year, level, ctx.rulebook.cross_year)
        if found is None or found[0] is None or limit is None:
            return
        date, source, where = found
        if date > limit:
            yield self.diagnostic(
                f"{source}为“{date.isoformat()}”，晚于{level}年度报告的发布期限 {limit.year}年{limit.month}月{limit.day}日"
                f"（条例第四十九条）",
                where, evidence=f"{source}：“{date.isoformat()}”；层级：{level}")
