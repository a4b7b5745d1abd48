"""citation-number: 发文字号 that contradict the registry, and 发文字号 that are malformed (GB/T 9704—2012 §7.2.5)."""

from __future__ import annotations

import re

from ...model import Applicability, Fix, Severity
from ...records import record
from ...rulebook import CitedDocument
from ...text.lexicon import CJK_COMMON
from ...text.normalize import norm_label, squash
from ...text.sentences import SentenceIndex
from ..base import FixAvailability, Rule, RuleMeta, Violation, quote

_GBT9704 = "GB/T 9704—2012 第7.2.5条规定了发文字号的写法：机关代字〔年份〕序号号。"


@record
class Malformed(Violation):
    code, name, severity = "C101", "citation-format", Severity.ERROR
    summary = "文号格式不规范"
    what = ("文号的年份没有用六角括号〔〕、年份没有写全四位、序号前加了“第”、序号编了虚位（01）或缺少“号”。"
            "年份写全四位时可自动修复；两位年份的世纪是猜的，只显示规范写法，不自动修改。")
    why = _GBT9704
    example = "国办发(2021)第03号"
    use_instead = "国办发〔2021〕3号"
    template = "文号{quoted}格式不规范：{problems}；应为“{canonical}”"
    fix_title = "改为规范文号"
    fix_availability = FixAvailability.SOMETIMES
    found: str
    canonical: str
    brackets: str  # the brackets used, when they are not 〔〕
    year: str
    di: bool
    num: str
    hao: bool

    def derived(self):
        problems = []
        if self.brackets:
            problems.append(f"括号应为六角括号“〔〕”，不是“{self.brackets}”")
        if len(self.year) != 4:
            problems.append(f"年份应写全四位，不是“{self.year}”")
        if self.di:
            problems.append("序号前不加“第”")
        if len(self.num) > 1 and self.num.startswith("0"):
            problems.append(f"序号不编虚位，应为“{int(self.num)}”而不是“{self.num}”")
        if not self.hao:
            problems.append("序号后缺少“号”")
        return {"quoted": quote(self.found), "problems": "；".join(problems)}


@record
class Unclosed(Violation):
    code, name, severity = "C102", "citation-unclosed", Severity.ERROR
    summary = "文号缺少右括号，年份与序号连在一起"
    what = "文号的“〔”之后没有“〕”，年份和序号连成一串数字（常见于从网页复制）。"
    why = _GBT9704
    example = "国办发〔202130号"
    use_instead = "国办发〔2021〕30号"
    template = "文号{quoted}缺少右括号“〕”，年份与序号连在一起"
    found: str

    def derived(self):
        return {"quoted": quote(self.found)}


@record
class YearOutside(Violation):
    code, name, severity = "C103", "citation-year-outside", Severity.ERROR
    summary = "文号的年份没有用六角括号括起"
    what = "文号把年份写在括号外（如“京社保发2021年9号”）。"
    why = _GBT9704
    example = "京社保发2021年9号"
    use_instead = "京社保发〔2021〕9号"
    template = "文号{quoted}的年份未用六角括号括起，应为“{canonical}”"
    found: str
    canonical: str

    def derived(self):
        return {"quoted": quote(self.found)}


@record
class WrongNumber(Violation):
    code, name, severity = "C104", "citation-wrong-number", Severity.ERROR
    summary = "所引文件的文号与登记不符"
    what = ("把报告中引用的发文字号与规则库中登记的文件对照：标题对应的文件文号不同，或写成了已知的错误文号"
            "（如把信息处理费办法写成国办函〔2021〕109号），报告错误并给出正确文号。规则库中没有的地方文件不报告。"
            "登记的文件是按标题关键词或上下文找到的，替换只在 --unsafe-fixes 时进行。")
    why = "文号是文件的唯一标识，写错文号就是引错了文件。"
    example = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2021〕109号）"
    use_instead = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"
    template = "文号写作“{found}”，《{title}》的正确文号是“{number}”"
    fix_title = "改为登记的文号"
    fix_availability = FixAvailability.ALWAYS
    found: str
    title: str
    number: str

@record
class Superseded(Violation):
    code, name, severity = "C105", "citation-superseded", Severity.WARNING
    summary = "所引文件在报告年度已被新文件取代"
    what = ("报告引用的文件在报告所述年度之前已经废止或被新文件取代，如把《政府信息公开条例》写作"
            "国务院令第492号（2007年条例，2019年5月15日起由国务院令第711号取代），或2021年以后的年报"
            "仍说按试行格式（国办公开办函〔2019〕60号）编制。文件的有效期和取代关系是规则库数据。")
    why = "依据已被取代的文件编制年报，说明报告没有按现行规定编制；年报格式自2021年度起为国办公开办函〔2021〕30号。"
    example = "依据《中华人民共和国政府信息公开条例》（国务院令第492号）"
    use_instead = "依据《中华人民共和国政府信息公开条例》（国务院令第711号）"
    template = "“{number}”（{valid_to}止）在{year}年已被取代，现行文件为《{current_title}》（{current_number}）"
    number: str
    valid_to: str
    year: int
    current_title: str
    current_number: str


_CJK = f"[{CJK_COMMON}]"
# 国务院令第711号: decrees are numbered without a year.
_DECREE = re.compile(r"(?P<org>国务院令|[\u4e00-\u9fff]{1,8}?令)\s*第\s*(?P<num>\d{1,4})\s*号")
# 机关代字 + bracketed year + serial + 号. Spaces are tolerated everywhere (PDF extraction puts them in).
_DOCNO = re.compile(
    rf"(?P<org>{_CJK}(?:\s*{_CJK}){{0,14}}?)\s*"
    r"(?P<open>[〔［\[【（(﹝⦗{])\s*(?P<year>\d{2,4})\s*(?P<close>[〕］\]】）)﹞⦘}])"
    r"\s*(?P<di>第)?\s*(?P<num>\d{1,5})\s*(?P<hao>号)?"
)
# The part of `_DOCNO` every citation has: a bracketed year.
_BRACKETED_YEAR = re.compile(r"[〔［\[【（(﹝⦗{]\s*\d{2,4}\s*[〕］\]】）)﹞⦘}]")
# 〔202130: the closing bracket lost, year and serial run together (copied from a web page).
_UNCLOSED = re.compile(rf"(?P<org>{_CJK}{{1,15}}?)〔(?P<digits>\d{{5,}})(?!\s*〕)")
# 京社保发2021年9号: the year written outside brackets.
_YEAR_OUTSIDE = re.compile(rf"(?P<org>{_CJK}{{1,12}}[发函字])(?P<year>\d{{4}})年(?P<di>第)?(?P<num>\d{{1,5}})号")
# What a match of each of the two patterns above holds after its 机关代字: searched for first, as it is
# found at C speed where the patterns, which start with a run of characters, are tried at each one.
_UNCLOSED_AT = re.compile(r"〔\d{5}")
_YEAR_OUTSIDE_AT = re.compile(r"[发函字]\d{4}年")
# Codes of issuing bodies end in these; a bracketed year after anything else is ordinary text.
_CODE_END = set("发函字办令规告厅委局部府通电")
# The 机关代字 is what follows the last of these in the run of characters before the bracket:
# "根据国办发〔…" -> "国办发", "本机关依国办函〔…" -> "国办函".
_BEFORE_CODE = re.compile(r"^.*(?:根据|依据|按照|依照|参照|对照|落实|执行|印发|转发|下发|关于|[和及与的依据照按为是在作曾将由于对从向经、])")
_MAX_CODE = 10
_MAX_TITLE = 500


def code_of(run: str) -> str:
    """The issuing body's code from the characters before the bracket."""
    code = _BEFORE_CODE.sub("", squash(run))
    return code[-_MAX_CODE:]


def _title_before(text: str, start: int) -> str | None:
    """The 《title》 cited right before position `start` ("《…》（国办函〔2020〕109号）")."""
    i = start - 1
    while i >= 0 and text[i] in " \u3000（(":
        i -= 1
    if i < 0 or text[i] != "》":
        return None
    depth = 0
    # A cited title is short; an unbalanced run of 》 must not send every citation back to the start.
    for j in range(i, max(i - _MAX_TITLE, -1), -1):
        if text[j] == "》":
            depth += 1
        elif text[j] == "《":
            depth -= 1
            if depth == 0:
                return text[j + 1: i]
    return None


class CitationNumber(Rule):
    meta = RuleMeta(
        code="C001",
        name="citation-number",
        summary="所引文件的文号与登记不符，或文号格式不规范",
        severity=Severity.ERROR,
        what="把报告中引用的发文字号与规则库中登记的文件对照：标题对应的文件文号不同，或写成了已知的错误文号"
        "（如把信息处理费办法写成国办函〔2021〕109号），报告错误并给出正确文号。"
        "同时检查文号格式：年份用六角括号〔〕、年份写全四位、序号不加“第”、不编虚位（不写 01）、以“号”结尾。"
        "规则库中没有的地方文件，格式正确就不报告；PDF 提取产生的空格（“30 号”）不算错误。",
        why="文号是文件的唯一标识，写错文号就是引错了文件。GB/T 9704—2012 第7.2.5条规定了发文字号的写法。",
        example="《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2021〕109号）",
        use_instead="《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）",
        fixable=True,
    )

    violations = (Malformed, Unclosed, YearOutside, WrongNumber, Superseded)

    def check(self, report, ctx):
        documents = ctx.rulebook.documents
        # A report whose year is unknown is at least of the template's first year.
        year = report.year or ctx.rulebook.template.first_year
        for _, paragraph in report.paragraphs():
            text = paragraph.text
            # Each pattern below needs these marks; the citation pattern is costly on Chinese text (it
            # tries a code at every character), and nearly no paragraph cites anything.
            docnos = _DOCNO.finditer(text) if _BRACKETED_YEAR.search(text) else ()
            sentences = SentenceIndex(text) if docnos else None
            for m in docnos:
                yield from self._citation(m, text, paragraph, documents, sentences)
                number = f"{code_of(m.group('org'))}〔{m.group('year')}〕{int(m.group('num'))}号"
                yield from self._superseded(number, m.start("open"), paragraph, documents, year)
            for m in (_DECREE.finditer(text) if "令" in text and "第" in text and "号" in text else ()):
                number = f"{squash(m.group('org'))}第{int(m.group('num'))}号"
                yield from self._superseded(number, m.start(), paragraph, documents, year)
            for m in (_UNCLOSED.finditer(text) if "〔" in text and _UNCLOSED_AT.search(text) else ()):
                yield self.report(
                    Unclosed(code_of(m.group("org")) + text[m.start("digits") - 1: m.end()]),
                    paragraph.location_at(m.start("digits") - 1),
                    evidence="发文字号格式：机关代字〔年份〕序号号",
                    context=text,
                )
            for m in (_YEAR_OUTSIDE.finditer(text) if "号" in text and _YEAR_OUTSIDE_AT.search(text) else ()):
                org = code_of(m.group("org"))
                yield self.report(
                    YearOutside(org + text[m.start("year"): m.end()], f"{org}〔{m.group('year')}〕{int(m.group('num'))}号"),
                    paragraph.location_at(m.start("year")),
                    evidence="GB/T 9704—2012 第7.2.5条：年份应标全称，用六角括号“〔〕”括入",
                    context=text,
                )

    def _citation(self, m, text, paragraph, documents: list[CitedDocument], sentences: SentenceIndex):
        org = code_of(m.group("org"))
        bracket_ok = m.group("open") == "〔" and m.group("close") == "〕"
        if not bracket_ok and (org[-1:] not in _CODE_END or not m.group("hao")):
            return  # "（2021）" in ordinary text
        year, num = m.group("year"), m.group("num")
        found = org + squash(text[m.start("open"): m.end()])
        full_year = year if len(year) == 4 else ("20" + year if len(year) == 2 else year)
        canonical = f"{org}〔{full_year}〕{int(num)}号"
        location = paragraph.location_at(m.start("open"))
        malformed = Malformed(found, canonical, "" if bracket_ok else m.group("open") + m.group("close"), year,
                              bool(m.group("di")), num, bool(m.group("hao")))
        if malformed.derived()["problems"]:
            # A two-digit year's century is a guess: the canonical form is shown, never written.
            applicability = Applicability.SAFE if len(year) == 4 else Applicability.DISPLAY_ONLY
            yield self.report(
                malformed,
                location,
                evidence="GB/T 9704—2012 第7.2.5条：年份、发文顺序号用阿拉伯数字，年份标全称并用六角括号括入，"
                "序号不加“第”，不编虚位，在阿拉伯数字后加“号”",
                context=text,
                fix=Fix(f"改为“{canonical}”", canonical, original=found, applicability=applicability),
            )
        if len(year) != 4:
            return
        title = _title_before(text, m.start())
        by_title = next((d for d in documents if title and d.matches_title(title)), None)
        by_number = next((d for d in documents if canonical.endswith(d.number)), None)
        miscited = next((d for d in documents if any(canonical.endswith(x) for x in d.miscitations)), None)
        sentence = sentences.around(m.start())
        if by_title is not None and not canonical.endswith(by_title.number):
            # Same title words but another issuer (a local notice about the same matter, 《××办公室关于编制
            # 公布…年度报告有关事项的通知》（××办便函〔2021〕95号）) is another document: say nothing.
            if _issuer(by_title.number) == org:
                yield self._wrong(found, by_title, location, text, f"所引标题《{title}》", exact=_same(title, by_title))
        elif miscited is not None and (title is None or miscited.matches_title(title)) and (
            title is not None or any(w in sentence for w in miscited.context)
        ):
            yield self._wrong(found, miscited, location, text, "这是该文件常见的错误文号",
                              exact=title is not None and _same(title, miscited))
        elif by_number is not None and title is not None and by_title is None and any(
            d.matches_title(title) for d in documents
        ):
            other = next(d for d in documents if d.matches_title(title))
            if _issuer(other.number) == org:
                yield self._wrong(found, other, location, text, f"{by_number.number}是《{by_number.title}》的文号")

    def _superseded(self, number: str, start: int, paragraph, documents: list[CitedDocument], year: int):
        old = next((d for d in documents if d.superseded_by and number.endswith(d.number)), None)
        if old is None or old.in_force_through(year):
            return
        new = next((d for d in documents if d.id == old.superseded_by), None)
        if new is None:
            return
        since = f"，{new.valid_from}起施行" if new.valid_from else ""
        yield self.report(Superseded(old.number, old.valid_to, year, new.title, new.number),
                          paragraph.location_at(start), context=paragraph.text,
                          evidence=f"登记：《{old.title}》（{old.number}）有效至{old.valid_to}，"
                          f"由《{new.title}》（{new.number}{since}）取代")

    def _wrong(self, found: str, doc: CitedDocument, location, text, why: str, exact: bool = False):
        details = f"{doc.issuer}" + (f"，成文日期 {doc.date}" if doc.date else "")
        # Only the document's full title with its issuer's 文号 identifies it for certain; a registry entry
        # chosen by title keywords or context words may be another document the author meant, so that
        # replacement is made only with --unsafe-fixes.
        applicability = Applicability.SAFE if exact else Applicability.UNSAFE
        return self.report(
            WrongNumber(found, doc.title, doc.number),
            location,
            evidence=f"{why}；登记：《{doc.title}》（{doc.number}，{details}）",
            context=text,
            fix=Fix(f"改为“{doc.number}”", doc.number, original=found, applicability=applicability),
        )


def _issuer(number: str) -> str:
    """The 机关代字 of a registered 文号 ("国办函〔2020〕109号" → "国办函")."""
    return code_of(number.split("〔", 1)[0])


def _same(title: str, doc: CitedDocument) -> bool:
    return norm_label(title) == norm_label(doc.title)
