"""problems-substance: part 五 names the year's problems and the measures taken for them."""

from __future__ import annotations

from ...model import Severity
from ...substance import ProblemsWords, cjk_count, part_name, part_text, part_titled
from ..base import Rule, RuleMeta, quote

EMPTY, SHORT, NO_PROBLEMS, NO_MEASURES = "empty", "short", "no-problems", "no-measures"


def assess(text: str, words: ProblemsWords) -> str | None:
    """What part 五's folded text lacks: one of EMPTY, SHORT, NO_PROBLEMS, NO_MEASURES, or None."""
    if not text.strip():
        return EMPTY
    if cjk_count(text) < words.min_chars:
        return SHORT
    named = text
    for denial in words.denials:
        named = named.replace(denial, "")
    has_problems = any(w in named for w in words.problems)
    has_measures = any(w in text for w in words.measures)
    if not has_problems:
        return NO_PROBLEMS
    if not has_measures:
        return NO_MEASURES
    return None


_ADVICE = "应具体写明本年度工作存在的主要问题，并针对每个问题写明改进措施"


class ProblemsSubstance(Rule):
    meta = RuleMeta(
        code="Q001",
        name="problems-substance",
        summary="“存在的主要问题及改进情况”既写问题，也写改进措施",
        severity=Severity.WARNING,
        what="检查第五部分“存在的主要问题及改进情况”是否有实际内容：为空、只写“无”或只有一两句话，"
        "只写问题而没有改进措施，或只写措施而没有问题，都会报告。判断所用的词语（问题、不足、有待……；"
        "改进、措施、下一步……）在规则库 substance.toml 中。",
        why="《政府信息公开条例》第五十条要求年度报告载明存在的主要问题及改进情况；年报格式（国办公开办函〔2021〕30号）"
        "要求内容“不能遗漏，也不宜泛化”。评估中，问题与措施“泛泛而谈”或缺项会被扣分。",
        example="五、存在的主要问题及改进情况\n无。",
        use_instead="五、存在的主要问题及改进情况\n一是政策解读形式较为单一……。下一步，我局将丰富解读形式，……",
    )

    def check(self, report, ctx):
        words = ctx.rulebook.substance.problems
        part = part_titled(report, ctx.rulebook, words.part)
        if part is None:
            return  # a missing part is six-sections' finding
        text = part_text(part)
        lack = assess(text, words)
        if lack is None:
            return
        where = part.paragraphs[0] if part.paragraphs else part.heading.paragraph
        shown = quote(where.text)
        evidence = f"{part_name(part)}共 {cjk_count(text)} 个汉字"
        if lack == EMPTY:
            message = f"{part_name(part)}{quote(part.heading.text)}没有内容；{_ADVICE}"
        elif lack == SHORT:
            message = f"{part_name(part)}只有{quote(''.join(p.text for p in part.paragraphs))}，过于简略；{_ADVICE}"
        elif lack == NO_PROBLEMS:
            message = f"{part_name(part)}{shown}只写了改进措施，没有写明存在的问题；应具体写明本年度工作中存在的主要问题"
            evidence += "，未见写问题的用语（问题、不足、有待……）"
        else:
            message = f"{part_name(part)}{shown}只写了存在的问题，没有写改进措施；应针对每个问题写明改进措施（下一步如何做）"
            evidence += "，未见写措施的用语（改进、措施、下一步……）"
        yield self.diagnostic(message, where.location, evidence=evidence, context=where.text)
