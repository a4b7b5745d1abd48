"""terminology: wording checked against the list in rules/terminology.toml (`[[term]]`)."""

from __future__ import annotations

import functools
import re

from ...model import Applicability, Fix, Severity
from ...records import record
from ..base import FixAvailability, Rule, RuleMeta, Violation, quote, texts_where


@record
class NonStandardTerm(Violation):
    code, name, severity = "W001", "terminology", Severity.INFO
    template = "{quoted}应为“{use}”"
    fix_title = "改为规范用语"
    fix_availability = FixAvailability.ALWAYS
    find: str
    use: str

    def derived(self):
        return {"quoted": quote(self.find)}


def _within_other_word(text: str, i: int, length: int, words) -> bool:
    """Whether one of `words` overlaps text[i:i+length] and reaches beyond it: the match is then a
    piece of that word, as 转结 is of 周转结余."""
    for word in words:
        lo = max(0, i - len(word) + 1)
        start = lo
        while (p := text.find(word, start, i + length + len(word) - 1)) >= 0:
            if p < i + length and p + len(word) > i and (p < i or p + len(word) > i + length):
                return True
            start = p + 1
    return False


@functools.lru_cache(maxsize=8)
def _any_of(words: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(re.escape(w) for w in words)) if words and all(words) else None


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

    violations = (NonStandardTerm,)

    def check(self, report, ctx):
        terms = [term for term in ctx.rulebook.terms if not term.get("title_only")]
        # One scan says whether a text holds any of the words at all: most texts (every number cell)
        # hold none, and then the words are not looked for one by one.
        anywhere = _any_of(tuple(term["find"] for term in terms))
        for text, locate in texts_where(report, anywhere.search if anywhere is not None else None):
            for term in terms:
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
            if _within_other_word(text, i, len(term["find"]), term.get("unless_within", ())):
                continue
            yield self.report(
                NonStandardTerm(term["find"], term["use"]),
                locate(i),
                evidence=term.get("why", ""),
                context=text,
                fix=Fix(f"改为“{term['use']}”", term["use"], original=term["find"], applicability=Applicability.SAFE),
            )
