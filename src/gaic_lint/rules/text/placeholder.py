"""placeholder: template placeholders left unfilled (`[[placeholder]]` in rules/terminology.toml)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import Severity
from ...records import record
from ...text.required import could_match
from ..base import Rule, RuleMeta, Violation, quote, texts_where


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
        entries = [(entry, _compile(entry["pattern"])) for entry in ctx.rulebook.placeholders]
        holds_one = _holds_one(tuple(pattern for _, pattern in entries))
        for text, locate in texts_where(report, holds_one):
            for entry, pattern in entries:
                for m in pattern.finditer(text):
                    yield self.report(
                        Unfilled(m.group(0), entry["what"]),
                        locate(m.start()),
                        evidence=f"所在文字：{quote(text, 40)}",
                        context=text,
                    )


@lru_cache(maxsize=8)
def _holds_one(patterns: tuple[re.Pattern, ...]):
    """Whether a text holds a match of one of `patterns`: one test for the rulebook, so that
    `texts_where` remembers its answers for the cells every report repeats."""
    # Each pattern is searched for only in a text holding a character its matches start with:
    # tried at every position of a long paragraph, a pattern opening with a class or with
    # alternatives costs far more than that one scan (`could_match`).
    gated = [(could_match(pattern), pattern.search) for pattern in patterns]
    # (Most texts, the number cells, hold none of the characters any of them starts with.)
    any_gate = could_match(*patterns)

    def holds_one(text: str) -> bool:
        return any_gate(text) and any(gate(text) and search(text) for gate, search in gated)

    return holds_one
