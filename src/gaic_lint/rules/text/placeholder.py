"""placeholder: template placeholders left unfilled (`[[placeholder]]` in rules/terminology.toml)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import Severity
from ...records import record
from ..base import Rule, RuleMeta, Violation, quote, report_texts


@record
class Unfilled(Violation):
    code, name, severity = "W002", "placeholder", Severity.ERROR
    template = "{quoted}是没有填写的{kind}，应填入实际内容"
    text: str
    kind: str  # what the rulebook calls this placeholder

    def derived(self):
        return {"quoted": quote(self.text)}


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# A pattern that numbers or names its groups, or sets flags, means something else inside a union.
_UNSAFE_IN_UNION = re.compile(r"\\[1-9]|\(\?P|\(\?[aiLmsux]")


@lru_cache(maxsize=8)
def _any_of(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that matches somewhere in a text exactly when one of `patterns` does: a text that
    has none (nearly all of them) is then scanned once, not once per pattern. None when the patterns
    cannot be joined safely."""
    if not patterns or any(_UNSAFE_IN_UNION.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


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

    violations = (Unfilled,)

    def check(self, report, ctx):
        entries = ctx.rulebook.placeholders
        anywhere = _any_of(tuple(entry["pattern"] for entry in entries))
        for text, locate in report_texts(report):
            if anywhere is not None and not anywhere.search(text):
                continue
            for entry in entries:
                for m in _compile(entry["pattern"]).finditer(text):
                    yield self.report(
                        Unfilled(m.group(0), entry["what"]),
                        locate(m.start()),
                        evidence=f"所在文字：{quote(text, 40)}",
                        context=text,
                    )
