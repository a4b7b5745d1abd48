"""text-table-match: a figure stated in the text that the table gives differently.

What is compared is data (rules/claims.toml): counts (a number and the cells it must equal), statements
that there was none (the cells must be 0), and percentages of one kind of answer. The kinds of finding and
the arithmetic are in claim_kinds.
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple

from ...model import Severity
from ...solver import fmt
from ...text.required import required_chars
from ...text.sentences import iter_sentences, squash_with_index
from ..base import Rule, RuleMeta
from .claim_kinds import (
    KINDS,
    CarriedOver,
    Mismatch,
    SaysNone,
    ShareMismatch,
    percent,
    share_fits,
    shown,
    values,
)


class TextTableMatch(Rule):
    meta = RuleMeta(
        code="X001",
        name="text-table-match",
        summary="正文中的数字与表格不一致",
        severity=Severity.WARNING,
        what="把正文中明确说出的数字与表格对照：收到（接收、受理）的政府信息公开申请件数与表三“一、本年新收”总计，"
        "上年结转、结转下年度、办结件数与表三相应的行，行政复议、行政诉讼案件数与表四的总计，作出的行政处罚、"
        "行政许可决定数和规章、行政规范性文件件数与表二；“未发生行政复议”“全部办结”与表四、表三“结转下年度”；"
        "各类办理结果的百分比与表三算出的比例。含“其中”“含上年结转”、同比、人大建议和政协提案的语句不对照。",
        why="正文和表格是同一组数字的两种写法，不一致时读者无法判断哪一个是对的；上级检查常把这类矛盾列为数据不准确。",
        example="全年共收到政府信息公开申请27件。（表三“一、本年新收政府信息公开申请数量”总计为 26）",
        use_instead="全年共收到政府信息公开申请26件。",
    )

    violations = KINDS

    def check(self, report, ctx):
        year = ctx.options.get("report_year") or report.year
        book = ctx.rulebook
        skip = book.claim_settings.skip
        plan = _plan(book)
        for part, paragraph in report.paragraphs():
            if part is None or part.number not in book.claim_settings.parts:
                continue
            # What a sentence needs is looked for in the paragraph first (squashed, a sentence's
            # squashed text is a piece of the paragraph's): most paragraphs lack most of it, and
            # their sentences are then not asked about those claims and shares at all.
            has = squash_with_index(paragraph.text)[0].__contains__
            gated = has(plan.gate)
            shares = [entry for entry in (plan.shares if gated else plan.ungated_shares) if all(map(has, entry[1]))]
            candidates = [entry for entry in (plan.claims if gated else plan.ungated_claims) if all(map(has, entry[1]))]
            if not shares and not candidates:
                continue
            for offset, sentence in iter_sentences(paragraph.text):
                squashed, index = squash_with_index(sentence)
                if shares and not _other_year(squashed, year):  # a share's count and its base may be clauses apart
                    yield from self._shares(report, paragraph, offset, squashed, index, book, shares)
                claims = _present(candidates, squashed)
                if not claims:
                    continue
                for start, clause in _clauses(squashed):
                    if _other_year(clause, year) or (skip and skip.search(clause)):
                        continue
                    counts = _DIGIT.search(clause) is not None
                    for claim in claims:
                        if not (counts or claim.none):
                            continue  # a count's number is digits: a clause without any states none
                        found = self._claim(report, claim, clause, start, index)
                        if found is not None:
                            violation, where, evidence = found
                            yield self.report(violation, paragraph.location_at(offset + where),
                                              evidence=evidence, context=paragraph.text)
                            if not claim.none:
                                break  # one count per clause; "未发生行政复议、行政诉讼" is two statements

    @staticmethod
    def _claim(report, claim, clause, start, index):
        """(violation, offset in the sentence, evidence) when the clause says this claim wrongly."""
        m = claim.pattern.search(clause)
        if m is None or (claim.unless and claim.unless.search(clause)):
            return None
        if claim.none and _COUNT.search(clause):
            return None  # "对3件申请均已办结": a clause that counts says "all" or "none" of those it counted
        cells = values(report, claim.cells)
        if cells is None:
            return None
        total = sum(c.value for c in cells)
        if claim.none:
            if total == 0:
                return None
            return SaysNone(m.group(0), claim.what, shown(cells)), index[start + m.start()], f"正文“{m.group(0)}”；{shown(cells)}"
        stated = int(m.group("n"))
        readings = [r for r in (values(report, refs) for refs in claim.readings) if r is not None]
        if stated == total or any(stated == sum(c.value for c in r) for r in readings):
            return None
        where = index[start + m.start("n")]
        table = "；".join(shown(r) for r in (cells, *readings))
        carried = values(report, (claim.carried,)) if claim.carried else None
        if carried and stated == total + carried[0].value:
            # The text counts last year's carried-over applications as received this year.
            return (CarriedOver(m.group(0), total, carried[0].value), where,
                    f"正文 {stated}；{table}，{carried[0].path} 为 {fmt(carried[0].value)}")
        return Mismatch(m.group(0), claim.what, total), where, f"正文 {stated}；{table}"

    def _shares(self, report, paragraph, offset, squashed, index, book, shares):
        skip = book.claim_settings.share_skip
        has = squashed.__contains__
        for share, needed in shares:
            if not all(map(has, needed)):
                continue  # a character every match has is missing
            for m in share.pattern.finditer(squashed):
                # The words around this one share only: "…，其中予以公开42件，占51.85%；…同比增长" is two.
                tail = squashed[m.end():m.end() + 8]
                if skip and (skip.search(m.group(0)) or skip.search(tail)):
                    continue
                cells = values(report, share.cells)
                if cells is None:
                    continue
                part = sum(c.value for c in cells)
                bases = [b for b in (values(report, refs) for refs in share.bases) if b is not None]
                wholes = [sum(c.value for c in b) for b in bases]
                stated = m.group("p")
                if not bases or any(share_fits(stated, part, w) for w in wholes):
                    continue
                decimals = len(stated.split(".")[1]) if "." in stated else 0
                base, whole = bases[0], wholes[0]
                yield self.report(
                    ShareMismatch(m.group(0), share.what, stated, part, "、".join(c.path for c in base), whole,
                                  percent(part, whole, decimals)),
                    paragraph.location_at(offset + index[m.start("p")]),
                    evidence=f"正文 {stated}%；{shown(cells)}；" + "；".join(shown(b) for b in bases),
                    context=paragraph.text,
                )


_COUNT = re.compile(r"\d+\s*[件起]")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_CLAUSE_END = re.compile(r"[，,；;。]")
# What lets a pattern see past the clause it is matched on: anchors, word boundaries and lookaround
# (a `^` right after `[` negates a class and is harmless).
_CONTEXTUAL = re.compile(r"(?<!\[)\^|\$|\\[AZbB]|\(\?<?[=!]")


def _present(candidates: list, sentence: str) -> list:
    """The claims of `candidates` (entries of `_Plan.claims`) the sentence may make: a count has a
    digit to state, every word and character a match needs is there, and a pattern that cannot look
    past its clause matches somewhere in the sentence (a match in a clause is one in the sentence). A
    sentence that makes no claim, the usual one, is then neither searched once per claim nor cut into
    clauses."""
    if not candidates:
        return []
    digits = _DIGIT.search(sentence) is not None
    has = sentence.__contains__
    return [claim for claim, needed, searchable in candidates
            if (claim.none or digits) and all(map(has, needed)) and (not searchable or claim.pattern.search(sentence))]


# What a sentence needs for each claim and share of a rulebook, worked out once per rulebook:
# - claims: (claim, the words and characters a match needs, whether to search the whole sentence);
# - shares: (share, the characters a match needs);
# - gate: the character most of them need ("件"); ungated_claims and ungated_shares: those that do not
#   need it. A paragraph without it, the usual one, is asked about those only.
_Plan = namedtuple("_Plan", "claims shares gate ungated_claims ungated_shares")


# By the rulebook's id (the book is kept in the entry, so the id is not reused; a few books at most).
# Not by pattern: hashing a compiled pattern hashes its whole code.
_PLANS: dict[int, tuple[object, _Plan]] = {}


def _plan(book) -> _Plan:
    hit = _PLANS.get(id(book))
    if hit is not None and hit[0] is book:
        return hit[1]
    claims = [(c, (*c.needs, *sorted(required_chars(c.pattern))), not _CONTEXTUAL.search(c.pattern.pattern))
              for c in book.claims]
    shares = [(s, tuple(sorted(required_chars(s.pattern)))) for s in book.shares]
    needed = Counter(ch for entry in claims + shares for ch in set(entry[1]) if len(ch) == 1)
    gate = max(sorted(needed), key=needed.__getitem__) if needed else ""
    plan = _Plan(claims, shares, gate, [e for e in claims if gate not in e[1]], [e for e in shares if gate not in e[1]])
    if len(_PLANS) >= 8:
        _PLANS.clear()
    _PLANS[id(book)] = (book, plan)
    return plan


def _other_year(text: str, year) -> bool:
    """Whether the text names a year other than the report's (its figures are that year's)."""
    if year is None or "年" not in text:
        return False
    return any(int(y) != year for y in _YEAR.findall(text))


def _clauses(text: str):
    start = 0
    for m in _CLAUSE_END.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]
