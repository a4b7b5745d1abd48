"""What the text says about last year ("较上年增加5件", "同比下降20%", "与上年持平") against last year's
report of the same body."""

from __future__ import annotations

import re
from functools import lru_cache

from ...batchrules import BatchRule
from ...history import data
from ...history.figures import figure, name_of, shown
from ...history.pairing import pairs
from ...model import Severity
from ...records import record
from ...rulebook.schema import YearSubject
from ...text.sentences import iter_sentences
from ..base import RuleMeta, quote

_LAST = r"(?:上年度?|去年|上一年度?|{last}年度?)(?:同期)?"
_CHANGE = r"(?:较|比|与){last}(?:相比)?[，,]?\s*|同比\s*"
_DELTA = re.compile(r"(?P<way>增加|增长|上升|提高|多|减少|下降|降低|少)(?:了)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>件|个|条|%|％)")
_FLAT = re.compile(r"持平")
_UP = ("增加", "增长", "上升", "提高", "多")


@record
class Claim:
    offset: int  # of the comparison in the sentence
    subject: YearSubject  # one entry of [[year-over-year.subjects]]
    stated: float | None  # the figure the sentence gives for this year, if any
    change: float | None  # signed count, or signed percentage when `percent`
    percent: bool
    flat: bool


@lru_cache(maxsize=16)
def _lead(year: int) -> re.Pattern:
    return re.compile(_CHANGE.format(last=_LAST.format(last=year - 1)))


def claims(sentence: str, year: int, subjects: tuple[YearSubject, ...] | None = None) -> list[Claim]:
    """The comparisons with last year in one sentence, each with the subject named before it (one of
    `subjects`, by default the built-in rulebook's)."""
    if subjects is None:
        subjects = data().subjects
    if "年" not in sentence and "同比" not in sentence:
        return []
    lead = _lead(year)
    out = []
    for m in lead.finditer(sentence):
        rest = sentence[m.end():]
        delta = _DELTA.match(rest)
        flat = _FLAT.match(rest.lstrip("基本大致"))
        if delta is None and flat is None:
            continue
        before = sentence[: m.start()]
        subject = _subject(before, subjects)
        if subject is None:
            continue
        at = max(before.rfind(w) for w in subject.words)
        figures = re.findall(r"\d+(?:\.\d+)?", before[at:])
        stated = float(figures[-1]) if len(figures) == 1 else None
        if delta is not None:
            n = float(delta.group("n"))
            sign = 1 if delta.group("way") in _UP else -1
            out.append(Claim(m.start(), subject, stated, sign * n, delta.group("unit") in "%％", False))
        else:
            out.append(Claim(m.start(), subject, stated, None, False, True))
    return out


def _subject(before: str, subjects: tuple[YearSubject, ...]) -> YearSubject | None:
    best = None
    for subject in subjects:
        at = max(before.rfind(w) for w in subject.words)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, subject)
    return best[1] if best else None


def verdict(claim: Claim, now: float, then: float) -> str | None:
    """What is wrong with the claim given this year's and last year's figure, or None."""
    if claim.stated is not None and claim.stated != now:
        return None  # the sentence counts something else than the table's figure: not ours to judge
    if claim.flat:
        return None if now == then else f"实际为本年 {shown(now)}、上年 {shown(then)}，并不持平"
    if claim.percent:
        if then == 0:
            return None
        actual = (now - then) / then * 100
        decimals = len(str(abs(claim.change)).split(".")[1].rstrip("0")) if "." in str(claim.change) else 0
        if abs(actual - claim.change) <= 0.5 * 10 ** -decimals + 1e-9:
            return None
        return f"按本年 {shown(now)}、上年 {shown(then)} 计算，变化为 {actual:+.2f}%"
    if now - then == claim.change:
        return None
    return f"本年 {shown(now)}、上年 {shown(then)}，实际{'增加' if now >= then else '减少'} {shown(abs(now - then))}"


class YearOverYear(BatchRule):
    meta = RuleMeta(
        code="H004",
        name="year-over-year",
        summary="正文与上年相比的说法和上年报告的数字不符",
        severity=Severity.WARNING,
        what="正文中“较上年增加/减少N件”“同比下降N%”“与上年持平”一类说法，按本年和上年报告表格中的"
             "对应数字（政府信息公开申请、行政复议、行政许可、行政处罚、行政强制）核对。"
             "句中写出的本年数字与表格不同时不判断（说的可能是另一个口径）。",
        why="与上年比较的数字由两年的数据算出，算错或沿用上年的说法，都属于“数据不准确”。",
        example="本年新收申请 30 件，上年 25 件，正文却写“较上年减少 5 件”。",
        use_instead="按两年报告表格中的数字重新计算增减，或删去这句比较。",
    )

    def check_batch(self, items, ctx):
        found = pairs(items)
        for item in items:
            previous = found.get(item.path)
            if previous is None or not item.summary.year:
                continue
            words = ("上年", "去年", "上一年", "同比", f"{item.summary.year - 1}年")
            for number_, text, where in item.summary.paragraphs:
                if number_ == 0 or not any(w in text for w in words):
                    continue
                for _, sentence in iter_sentences(text):
                    for claim in claims(sentence, item.summary.year, ctx.rulebook.cross_year.subjects):
                        spec = ctx.rulebook.table(claim.subject.table)
                        now = figure(item.summary, spec, claim.subject.row, claim.subject.column)
                        then = figure(previous.summary, spec, claim.subject.row, claim.subject.column)
                        if now is None or then is None or now.value is None or then.value is None:
                            continue
                        wrong = verdict(claim, now.value, then.value)
                        if wrong:
                            d = self.diagnostic(
                                f"{quote(sentence.strip(), 70)}与上年报告（{name_of(previous.path)}）不符：{wrong}",
                                where,
                                evidence=f"{now.path} = “{now.text}”；{previous.path}：{then.path} = “{then.text}”")
                            d.file = item.path
                            yield d

