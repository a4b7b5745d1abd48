"""report-dates: the 落款 date, malformed dates and a statistical period short of the whole year."""

from __future__ import annotations

import datetime as dt
import re

from ...history.dates import deadline, latest_deadline, parse_date
from ...model import Severity
from ..base import Rule, RuleMeta, quote
from .publication_deadline import level_for

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
    if "月" not in text:
        return out  # every date these patterns read has its month (most paragraphs have no date)
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
        conf = ctx.rulebook.cross_year
        tail = [p for _, p in report.paragraphs()][-conf.last_paragraphs:]
        for paragraph in reversed(tail):
            text = paragraph.text.strip()
            m = _SIGN.search(text)
            if not m or len(text) > 40:
                continue
            signed = parse_date(m.group())
            if signed is None:
                return
            level = level_for(report, ctx)
            limit = deadline(report.year, level, conf) or latest_deadline(report.year, conf)
            where = paragraph.location_at(paragraph.text.find(m.group()))
            if signed <= dt.date(report.year, 12, 31):
                yield self.diagnostic(f"落款日期{quote(m.group())}不晚于报告年度（{report.year}年）的年底："
                                      f"应写{report.year + 1}年的成文日期", where, evidence=m.group())
            elif signed > limit:
                yield self.diagnostic(f"落款日期{quote(m.group())}晚于发布期限 {limit.year}年{limit.month}月"
                                      f"{limit.day}日：请核对成文日期", where, evidence=m.group())
            return
