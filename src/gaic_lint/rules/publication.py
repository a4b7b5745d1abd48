"""When the report came out and the dates it gives: the deadline of 条例 第四十九条, the 落款 date, the
statistical period, and dates a copy-and-edit left malformed."""

from __future__ import annotations

import datetime as dt
import re

from ..agency import level_of
from ..history import data
from ..history.dates import deadline, latest_deadline, level_override, manifest_entry, parse_date, portal_date
from ..model import Location, Severity
from .base import Rule, RuleMeta, quote


def level_for(report, ctx) -> str | None:
    """The body's level: the manifest's, the configuration's, else the last organ word of its name."""
    entry = manifest_entry(ctx.options.get("manifest") or {}, report.path)
    if entry and entry.level:
        return entry.level
    return level_override(ctx.options.get("levels") or {}, report.path, report.agency) or level_of(report.agency)


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
    hit = portal_date([p.text for p in lines])
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
        limit = deadline(report.year, level)
        if found is None or found[0] is None or limit is None:
            return
        date, source, where = found
        if date > limit:
            yield self.diagnostic(
                f"{source}为“{date.isoformat()}”，晚于{level}年度报告的发布期限 {limit.year}年{limit.month}月{limit.day}日"
                f"（条例第四十九条）",
                where, evidence=f"{source}：“{date.isoformat()}”；层级：{level}")


_SIGN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_GLUED = re.compile(r"(?<![\d年])(20\d{2})(1[0-2]|0?[1-9])月(\d{1,2})日")
_BAD_MONTH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计周期|统计时间|统计区间|统计范围)[^。；]{0,12}?"
                     r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。；\d]{0,8}?"
                     r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def date_problems(text: str, year: int | None) -> list[tuple[int, str, str]]:
    """(offset, quoted text, what is wrong) for the malformed dates and the short statistical period of
    one paragraph."""
    out = []
    for m in _GLUED.finditer(text):
        out.append((m.start(), m.group(), f"年份与月份连在一起，应写“{m.group(1)}年{int(m.group(2))}月{m.group(3)}日”"))
    for m in _BAD_MONTH.finditer(text):
        y, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12:
            out.append((m.start(), m.group(), f"没有{month}月"))
        elif day is not None:
            try:
                dt.date(y, month, int(day))
            except ValueError:
                out.append((m.start(), m.group(), f"{month}月没有{int(day)}日"))
    for m in _PERIOD.finditer(text):
        start, end = (int(m.group(2)), int(m.group(3))), (int(m.group(5)), int(m.group(6)))
        if (start, end) != ((1, 1), (12, 31)):
            out.append((m.start(), m.group(),
                        "统计期限没有覆盖全年，应为1月1日至12月31日"))
    return out


class ReportDates(Rule):
    meta = RuleMeta(
        code="H006",
        name="report-dates",
        summary="落款日期、统计期限或日期写法有误",
        severity=Severity.WARNING,
        what="报告末尾的落款日期应晚于报告年度的12月31日、不晚于发布期限；“20251月1日”“2025年13月”"
             "这类写错的日期；统计期限没有覆盖全年（如“至6月30日”）。统计期限的年份由 year-reference 检查。",
        why="落款日期、统计期限和日期写法是报告的基本要素，写错说明报告没有认真核对，也会让读者误解数据口径。",
        example="本报告所列数据的统计期限自2025年1月1日起至2025年6月30日止。",
        use_instead="落款写报告年度次年的实际成文日期；统计期限写“自Y年1月1日起至Y年12月31日止”；日期写全“年月日”。",
    )

    def check(self, report, ctx):
        for _, paragraph in report.paragraphs():
            for offset, quoted, wrong in date_problems(paragraph.text, report.year):
                yield self.diagnostic(f"{quote(quoted)}：{wrong}", paragraph.location_at(offset), evidence=quoted)
        yield from self._signature(report, ctx)

    def _signature(self, report, ctx):
        if not report.year:
            return
        tail = [p for _, p in report.paragraphs()][-data()["report-dates"]["last-paragraphs"]:]
        for paragraph in reversed(tail):
            text = paragraph.text.strip()
            m = _SIGN.search(text)
            if not m or len(text) > 40:
                continue
            signed = parse_date(m.group())
            if signed is None:
                return
            level = level_for(report, ctx)
            limit = deadline(report.year, level) or latest_deadline(report.year)
            where = paragraph.location_at(paragraph.text.find(m.group()))
            if signed <= dt.date(report.year, 12, 31):
                yield self.diagnostic(f"落款日期{quote(m.group())}不晚于报告年度（{report.year}年）的年底："
                                      f"应写{report.year + 1}年的成文日期", where, evidence=m.group())
            elif signed > limit:
                yield self.diagnostic(f"落款日期{quote(m.group())}晚于发布期限 {limit.year}年{limit.month}月"
                                      f"{limit.day}日：请核对成文日期", where, evidence=m.group())
            return
