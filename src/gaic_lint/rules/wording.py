"""terminology and placeholder: wording checked against the lists in rules/terminology.toml."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Fix, Severity
from .base import Rule, RuleMeta, quote


def _texts(report):
    """Running text and table cells, each with a way to locate an offset in it."""
    for _, paragraph in report.paragraphs():
        yield paragraph.text, paragraph.location_at
    for part in report.parts:
        for table in part.tables:
            for row in table.rows:
                for cell in row:
                    if cell.text:
                        yield cell.text, cell.location.shifted


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class Terminology(Rule):
    meta = RuleMeta(
        code="W001",
        name="terminology",
        summary="用语与年报格式或规范写法不一致",
        severity=Severity.INFO,
        what="找出与年报格式用语或规范写法不一致的词语，如“转结”（应为“结转”）、“信息公开处理费”（应为“信息处理费”）、"
        "“国令711号”（应为“国务院令第711号”），标题写成“政府信息公开工作报告”。词表在 rules/terminology.toml，"
        "可用自己的规则库文件补充。",
        why="同一概念在全国的年报中用同一个词，读者和上级检查才能对照；非规范写法也常被列为“不规范”问题。",
        example="本年度转结下年度办理申请2件。",
        use_instead="本年度结转下年度办理申请2件。",
        fixable=True,
    )

    def check(self, report, ctx):
        for text, locate in _texts(report):
            for term in ctx.rulebook.terms:
                if term.get("title_only"):
                    continue
                yield from self._find(term, text, locate)
        if report.title:
            for term in ctx.rulebook.terms:
                if term.get("title_only") and report.title_paragraph is not None:
                    p = report.title_paragraph
                    yield from self._find(term, p.text, p.location_at)

    def _find(self, term, text, locate):
        start = 0
        while (i := text.find(term["find"], start)) >= 0:
            start = i + len(term["find"])
            if term["use"] in text[max(0, i - len(term["use"])): i + len(term["use"])]:
                continue  # the right term already contains the wrong one
            d = self.diagnostic(
                f"{quote(term['find'])}应为“{term['use']}”",
                locate(i),
                evidence=term.get("why", ""),
                context=text,
            )
            d.fix = Fix(f"改为“{term['use']}”", term["use"], original=term["find"])
            yield d


class Placeholder(Rule):
    meta = RuleMeta(
        code="W002",
        name="placeholder",
        summary="模板中的占位符或空缺没有填写",
        severity=Severity.ERROR,
        what="找出没有填上内容的模板占位符：“××”“XX”“某某”、待填写的横线“____”、“【待填】”标记，"
        "以及“共  件”这样数字空缺的地方。",
        why="留有占位符说明报告照模板改写时漏填了内容，发布出去就是错误的报告。",
        example="2025年，本机关共主动公开政府信息××条。",
        use_instead="2025年，本机关共主动公开政府信息126条。",
    )

    def check(self, report, ctx):
        for text, locate in _texts(report):
            for entry in ctx.rulebook.placeholders:
                for m in _compile(entry["pattern"]).finditer(text):
                    yield self.diagnostic(
                        f"{quote(m.group(0))}是没有填写的{entry['what']}，应填入实际内容",
                        locate(m.start()),
                        evidence=f"所在文字：{quote(text, 40)}",
                        context=text,
                    )
