"""overview-coverage: part 一 covers the aspects the format lists for it."""

from __future__ import annotations

from ...agency import GOVERNMENT, level_of
from ...model import Severity
from ...substance import Aspect, part_name, part_text, part_titled
from ..base import Rule, RuleMeta, quote


def missing_aspects(text: str, aspects: tuple[Aspect, ...]) -> list[str]:
    """The aspects none of whose words appears in the folded text of the part."""
    return [a.name for a in aspects if not a.found_in(text)]


class OverviewCoverage(Rule):
    meta = RuleMeta(
        code="Q002",
        name="overview-coverage",
        summary="“总体情况”涵盖格式列出的各个方面",
        severity=Severity.INFO,
        what="检查第一部分“总体情况”是否写到年报格式列出的五个方面：主动公开、依申请公开、政府信息管理、"
        "政府信息公开平台建设、监督保障；本级人民政府的报告还应写到工作考核、社会评议和责任追究结果。"
        "小标题或正文中出现相应的词语即视为写到（词语在规则库 substance.toml 中）。",
        why="年报格式（国办公开办函〔2021〕30号）规定总体情况“主要包括主动公开、依申请公开、政府信息管理、"
        "政府信息公开平台建设、监督保障”等方面，各级人民政府还应包括《政府信息公开条例》第五十条第四项"
        "规定的“工作考核、社会评议和责任追究结果情况”。",
        example="一、总体情况\n（一）主动公开\n（二）依申请公开\n（三）平台建设   ← 未写政府信息管理、监督保障",
        use_instead="一、总体情况\n（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）政府信息公开平台建设\n"
        "（五）监督保障",
    )

    def check(self, report, ctx):
        words = ctx.rulebook.substance.overview
        part = part_titled(report, ctx.rulebook, words.part)
        if part is None:
            return  # a missing part is six-sections' finding
        text = part_text(part)
        missing = missing_aspects(text, words.aspects)
        government = level_of(report.agency, ctx.rulebook.agency) == GOVERNMENT
        if government:
            missing += missing_aspects(text, words.government)
        if not missing:
            return
        listed = words.aspects + (words.government if government else ())
        yield self.diagnostic(
            f"{part_name(part)}{quote(part.heading.text)}未写到格式列出的{'、'.join(missing)}方面；应逐一说明这些方面的工作情况",
            part.heading.location,
            evidence="格式列出的方面：" + "、".join(a.name for a in listed)
            + ("（本级人民政府报告）" if government else ""),
            context=part.heading.paragraph.text,
        )
