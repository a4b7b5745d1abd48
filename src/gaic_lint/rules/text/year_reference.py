"""year-reference: years that must be the report year (statistical period, fee sentences, 本年 statements,
the 政务公开工作要点 followed), and silence on the years that may differ (comparisons, plans, citations)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ...model import Severity
from ...records import record
from ...text.required import required_chars
from ...text.sentences import iter_sentences
from ..base import Rule, RuleMeta, Violation, quote

_PERIOD = re.compile(
    r"(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日"
)
# A year standing for a period ("2024年", "2024年度"), not a date ("2024年1月").
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?(?!\s*\d{1,2}\s*月)")
# Every year the patterns here judge is four digits before 年 (blanks aside): one scan finds them all.
_ANY_YEAR = re.compile(r"(\d{4})\s*年")
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度)?\s*[，,]")
_NAMES_REPORT = re.compile(r"\s*(?:度)?(?:政府信息公开|政务公开)?(?:工作)?(?:年度)?(?:报告|年报)")
# A bracket's contents stop at the next 〔 too: an unclosed 〔 then costs one scan to the next one, not
# one to the end of the sentence per 〔.
_CITED = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|〔[^〔〕]*〕|[（(][^（）()]*〔[^〔〕]*〕[^（）()]*[)）]")


# A clause boundary right before a position, and a count in a clause (the figures a data clause states).
_COUNT = re.compile(r"\d+(?:\.\d+)?\s*[件条个项次篇家人万%]")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")


def _regions(sentence: str, mentions: list[re.Match]) -> dict[int, str]:
    """For each year mentioned, from it to the next year the sentence names: the clauses it heads."""
    starts = [m.start() for m in mentions] + [len(sentence)]
    return {start: sentence[start:starts[i + 1]] for i, start in enumerate(starts[:-1])}


def _after_clause_break(sentence: str, at: int) -> bool:
    """Whether a clause boundary (，；：) comes right before `at`, blanks aside; looks back a bounded way."""
    i = at - 1
    while i >= 0 and at - i <= 16 and sentence[i].isspace():
        i -= 1
    return i >= 0 and sentence[i] in "，,；;：:"


@lru_cache(maxsize=4)
def _key_points(names: tuple[str, ...]) -> re.Pattern:
    """A year followed closely by the name of the 政务公开工作要点 (rulebook words `key_points`)."""
    return re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?[^。；，、《》〈〉]{0,16}?(?:"
                      + "|".join(re.escape(n) for n in names) + ")")


@lru_cache(maxsize=4)
def _key_points_needs(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(required_chars(_key_points(names))))


def _may_name_key_points(sentence: str, words) -> bool:
    """Whether the sentence has every character a mention of the 工作要点 needs (most have not, and the
    pattern, opening with a lookbehind, is tried at every character)."""
    return bool(words.key_points) and all(map(sentence.__contains__, _key_points_needs(words.key_points)))


@record
class WrongYear(Violation):
    code, name, severity = "Y101", "year-mismatch", Severity.ERROR
    summary = "应为报告年度的年份写成了其他年份"
    what = ("找出必须等于报告年度的年份：统计期限、信息处理费的说明、“本年度”语句中的年份、报告所落实的"
            "政务公开工作要点的年份、各部分以“××××年”开头的数据语句或分句。与上年的比较（只免除比较所在的分句）、下一步的计划、"
            "所引文件的标题和文号中的年份不检查。")
    why = "年报常以上一年的报告为底稿修改，留下上一年的年份，读者会误以为数字属于另一年度。"
    example = "（2025年度报告）2024年度政府信息公开未收取信息处理费。"
    use_instead = "2025年度政府信息公开未收取信息处理费。"
    template = "{quoted}中的“{found}”与报告年度 {year} 不符：{because}"
    sentence: str
    found: str
    year: int
    reason: str  # which kind of sentence requires the report year: a key of _BECAUSE

    def derived(self):
        return {"quoted": quote(self.sentence, 50), "because": _BECAUSE[self.reason].format(year=self.year)}


_BECAUSE = {
    "period": "统计期限应为 {year}年1月1日至{year}年12月31日",
    "key-points": "落实的应是 {year} 年的政务公开工作要点",
    "fee": "信息处理费的说明应写 {year} 年度的情况",
    "current-year": "“本年度”的数据应属于报告年度",
    "leading-year": "本部分叙述的是报告年度的工作",
}


@record
class UnknownYear(Violation):
    code, name, severity = "Y102", "year-unknown", Severity.WARNING
    summary = "无法确定报告年度，年份检查未运行"
    what = "标题中没有写明年度，也没有用 --report-year 或配置项 report-year 指定，year-mismatch 无法运行。"
    why = "不知道报告年度就无法检查年份；不报告的话，用户会以为年份都对。"
    template = "无法从标题确定报告年度，year-reference 未运行；请在标题中写明年度，或用 --report-year 指定"


def _masked(sentence: str) -> list[tuple[int, int]]:
    """Spans of cited titles and 文号: their years are the cited document's, not the report's."""
    return [m.span() for m in _CITED.finditer(sentence)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    # The spans come from one finditer: sorted and disjoint, so the one that could hold `pos` is found
    # by bisection rather than by a scan per year mention.
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and pos < spans[k][1]


def _has(sentence: str, words: list[str]) -> bool:
    return any(w in sentence for w in words)


class YearReference(Rule):
    meta = RuleMeta(
        code="Y001",
        name="year-reference",
        summary="应为报告年度的年份写成了其他年份",
        severity=Severity.ERROR,
        what="找出必须等于报告年度的年份：统计期限、信息处理费的说明、“本年度”语句中的年份、报告所落实的"
        "政务公开工作要点的年份、各部分以“××××年”开头的数据语句或分句。与上年的比较（只免除比较所在的分句）、下一步的计划、"
        "所引文件的标题和文号中的年份不检查。",
        why="年报常以上一年的报告为底稿修改，留下上一年的年份，读者会误以为数字属于另一年度。",
        example="（2025年度报告）2024年度政府信息公开未收取信息处理费。",
        use_instead="2025年度政府信息公开未收取信息处理费。",
    )

    violations = (WrongYear, UnknownYear)

    def check(self, report, ctx):
        year = ctx.options.get("report_year") or report.year
        if year is None:
            location = report.parts[0].heading.location if report.parts else None
            if location is not None:
                yield self.report(UnknownYear(), location)
            return
        words = ctx.rulebook.sentence_words
        problems = ctx.rulebook.part_numbers("problems")
        source = f"报告年度 {year}" + (f"（取自标题“{report.title}”）" if report.year == year and report.title else "")
        seen: set[tuple[int, int]] = set()
        for part, paragraph in report.paragraphs():
            if "年" not in paragraph.text:
                continue  # every year this rule judges is written "…年"
            if all(int(y) == year for y in _ANY_YEAR.findall(paragraph.text)):
                continue  # every year it names is the report's: no sentence of it can be wrong
            for offset, sentence in iter_sentences(paragraph.text):
                if "年" not in sentence:
                    continue
                stripped = None  # once per sentence, not once per finding in it
                for found in self._sentence(sentence, year, words, part, problems):
                    start, text, why = found
                    key = (id(paragraph), offset + start)
                    if key in seen:
                        continue
                    seen.add(key)
                    stripped = sentence.strip() if stripped is None else stripped
                    yield self.report(
                        WrongYear(stripped, text.strip(), year, why),
                        paragraph.location_at(offset + start),
                        evidence=source,
                        context=paragraph.text,
                    )

    def _sentence(self, sentence: str, year: int, words, part, problems=frozenset()):
        for m in _PERIOD.finditer(sentence):
            for group in (1, 2):
                if m.group(group) and int(m.group(group)) != year:
                    yield m.start(group), m.group(0), "period"
                    break
        # Whether the sentence speaks of plans or compares, asked only of a sentence with another year.
        future = None
        for m in (_key_points(words.key_points).finditer(sentence) if _may_name_key_points(sentence, words) else ()):
            if int(m.group(1)) != year:
                future = _has(sentence, words.future) if future is None else future
                if not future:
                    yield m.start(1), m.group(0), "key-points"
        years = list(_YEAR.finditer(sentence))
        if all(int(m.group(1)) == year for m in years):
            return  # (the usual sentence: then the cited titles need not be found)
        masked = _masked(sentence)
        # "2024年度报告" names last year's report (the "problems" part reports on its problems), not this year's data.
        mentions = [m for m in years if not _inside(m.start(), masked) and not _NAMES_REPORT.match(sentence, m.end())]
        others = [m for m in mentions if int(m.group(1)) != year]
        if not others:
            return
        future = _has(sentence, words.future) if future is None else future
        comparison = _has(sentence, words.comparison)
        names_year = any(int(m.group(1)) == year for m in mentions)
        if _has(sentence, words.fee) and not (comparison and names_year):
            for m in others:
                yield m.start(), m.group(0), "fee"
        if _has(sentence, words.current_year) and not comparison and not future:
            for m in others:
                yield m.start(), m.group(0), "current-year"
        if part is None or part.number in problems or future or (comparison and names_year):
            return
        # A year that opens the sentence or one of its clauses heads a data clause: it states the report
        # year's figures unless a comparison is made in that clause (up to the next year named). Words
        # in brackets ("（含上年结转1件）") qualify a figure and compare nothing.
        leading = _LEADING_YEAR.match(sentence)
        regions = _regions(sentence, mentions)
        for m in others:
            at_start = leading is not None and leading.start(1) == m.start(1)
            region = regions[m.start()]
            if not at_start and not (_after_clause_break(sentence, m.start()) and _COUNT.search(region)):
                continue
            if _has(_BRACKETED.sub("", region), words.comparison):
                continue
            text = leading.group(0).rstrip("，,") if at_start else m.group(0)
            yield m.start(1), text, "leading-year"
