"""title-marks: 书名号 nested as GB/T 15834—2011 says (《》 outside, 〈〉 inside), balanced."""

from __future__ import annotations

import re

from ...model import Applicability, Fix, Severity
from ...records import record
from ...text.sentences import SENTENCE_END
from ..base import FixAvailability, Rule, RuleMeta, Violation, quote

_ASCII_INNER = {"<": "〈", ">": "〉", "‹": "〈", "›": "〉", "＜": "〈", "＞": "〉"}
_INNER_TABLE = str.maketrans(_ASCII_INNER)
_TITLE_MARKS = re.compile("[《》〈〉" + re.escape("".join(_ASCII_INNER)) + "]")
_DOUBLE_MARKS = re.compile("[《》]")
_STANDARD = "GB/T 15834—2011：书名号中还有书名号时，外层用双书名号，里层用单书名号"


@record
class NestedDouble(Violation):
    code, name, severity = "P101", "title-mark-nested", Severity.ERROR
    summary = "书名号里层又用了双书名号《》"
    what = "书名号里再用书名号时，里层应为单书名号〈〉，不能再用《》（GB/T 15834—2011）。"
    why = "里外都用《》，读者分不清书名的起止；上级检查会列为标点不规范。"
    example = "《关于印发《政府信息公开信息处理费管理办法》的通知》"
    use_instead = "《关于印发〈政府信息公开信息处理费管理办法〉的通知》"
    template = "书名号内层应使用单书名号“〈〉”，不是再用“《》”：{quoted}"
    title: str

    def derived(self):
        return {"quoted": quote(self.title)}


@record
class AsciiInner(Violation):
    code, name, severity = "P102", "title-mark-ascii", Severity.ERROR
    summary = "书名号里层用了“<>”代替单书名号〈〉"
    what = "书名号里层用了数学符号“<>”（或“‹›”“＜＞”）代替单书名号〈〉。可自动修复。"
    why = "用“<>”代替〈〉是从网页复制时最常见的标点错误，上级检查会列为不规范。"
    example = "《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》"
    use_instead = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
    template = "书名号内层用了“{mark}…”，应使用单书名号“〈〉”：{quoted}"
    fix_title = "改为单书名号"
    fix_availability = FixAvailability.ALWAYS
    mark: str
    title: str

    def derived(self):
        return {"quoted": quote(self.title)}


@record
class Unpaired(Violation):
    code, name, severity = "P103", "title-mark-unpaired", Severity.WARNING
    summary = "书名号《》没有成对出现"
    what = "同一段中的“《”没有对应的“》”，或“》”没有对应的“《”。"
    why = "不成对的书名号让读者分不清书名的起止，常是复制或删改时留下的。"
    template = "{text}"
    mark: str  # the mark that has no partner
    start: str  # for an unclosed 《: the text from it on

    def derived(self):
        if self.mark == "》":
            return {"text": "“》”没有对应的“《”"}
        return {"text": f"“《”没有对应的“》”：{quote(self.start)}"}


@record
class UnpairedBracket(Violation):
    code, name, severity = "P104", "bracket-unpaired", Severity.WARNING
    summary = "括号或引号没有成对出现"
    what = "同一段中的“（”没有对应的“）”、“）”没有对应的“（”，或“““”没有对应的“””（反之亦然）。"
    why = "不成对的括号、引号让读者分不清插入语或引文的起止，常是复制或删改时留下的。"
    example = "本年度共受理申请7件（其中自然人申请5件，均已按期答复。"
    use_instead = "本年度共受理申请7件（其中自然人申请5件），均已按期答复。"
    template = "{text}"
    mark: str  # the mark that has no partner
    partner: str  # the mark it lacks
    start: str  # for an opening mark: the text from it on

    def derived(self):
        if self.start:
            return {"text": f"“{self.mark}”没有对应的“{self.partner}”：{quote(self.start)}"}
        return {"text": f"“{self.mark}”没有对应的“{self.partner}”"}


# Opening mark -> closing mark; ASCII brackets pair with full-width ones (mixed widths are common and
# a matter of style, not of pairing).
_PAIRS = {"（": "）", "(": ")", "“": "”"}
_FAMILY = {"（": "（）", "(": "（）", "）": "（）", ")": "（）", "“": "“”", "”": "“”"}
_MARKS = re.compile("[" + re.escape("".join(_FAMILY)) + "]")
# "1）", "a)" at the start of a paragraph or clause number a list item and open nothing.
_LIST_NUMBER = re.compile(r"(?:^|[。；;：:\s])\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})$")


def unpaired_brackets(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(closing marks without an opening one, opening marks left open), each as (offset, family),
    in one pass."""
    open_at: dict[str, list[int]] = {"（）": [], "“”": []}
    closes = []
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        family = _FAMILY[ch]
        if ch in _PAIRS:
            open_at[family].append(i)
        elif open_at[family]:
            open_at[family].pop()
        elif not (family == "（）" and _LIST_NUMBER.search(text, max(0, i - 6), i)):
            closes.append((i, family))
    opens = sorted((stack[0], family) for family, stack in open_at.items() if stack)
    return closes, opens


def _finished(text: str) -> bool:
    """A paragraph that ends a sentence; one that does not was cut (by a page, a table, a wrapped
    line the reader could not join) and may close its brackets further on."""
    return text.rstrip().rstrip("”」）)")[-1:] in SENTENCE_END


# An opening mark left open at the end of a cut paragraph may be closed this many paragraphs on.
_CARRY = 3


class TitleMarks(Rule):
    meta = RuleMeta(
        code="P001",
        name="title-marks",
        summary="书名号嵌套或配对不规范",
        severity=Severity.ERROR,
        what="书名号里再用书名号时，里层应为单书名号〈〉（GB/T 15834—2011）：不能用数学符号“<>”，也不能再用《》。"
        "同一段中的《》也应成对出现。",
        why="用“<>”代替〈〉是从网页复制时最常见的标点错误，上级检查会列为不规范。",
        example="《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》",
        use_instead="《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》",
        fixable=True,
    )

    violations = (NestedDouble, AsciiInner, Unpaired, UnpairedBracket)

    def check(self, report, ctx):
        carried: dict[str, int] = {}  # family -> paragraphs left in which a cut paragraph's mark may close
        for _, paragraph in report.paragraphs():
            yield from self._paragraph(paragraph)
            text = paragraph.text
            closes, opens = unpaired_brackets(text)
            for i, family in closes:
                if carried.get(family, 0) > 0:
                    carried[family] = 0
                    continue
                yield self._bracket(paragraph, i, "")
            carried = {f: n - 1 for f, n in carried.items() if n > 1}
            for i, family in opens:
                if _finished(text):
                    yield self._bracket(paragraph, i, text[i:i + 30])
                else:
                    carried[family] = _CARRY

    def _bracket(self, paragraph, i: int, start: str):
        mark = paragraph.text[i]
        partner = _PAIRS.get(mark) or _FAMILY[mark][0]
        return self.report(UnpairedBracket(mark, partner, start), paragraph.location_at(i),
                           context=paragraph.text, evidence="括号、引号应成对使用")

    def _paragraph(self, paragraph):
        text = paragraph.text
        if "《" not in text and "》" not in text:
            return  # every finding here is about a 《 or a 》
        spans = _Titles(text)
        depth, opened = 0, []
        inner: list[str] = []  # the marks open at this point, outermost first: 《 or 〈
        for m in _TITLE_MARKS.finditer(text):  # the marks only: every other character changes nothing
            i, ch = m.start(), m.group()
            if ch == "〈":
                inner.append(ch)
            elif ch == "〉" and inner and inner[-1] == "〈":
                inner.pop()
            if ch == "《":
                # A third level goes back to 《》: only 《 right inside 《 is wrong. "《《《" is one mistake.
                if depth >= 1 and inner and inner[-1] == "《" and text[i - 1] != "《":
                    yield self.report(NestedDouble(spans.title(opened[0])), paragraph.location_at(i),
                                      evidence=_STANDARD, context=text)
                depth += 1
                opened.append(i)
                inner.append(ch)
            elif ch == "》":
                if depth == 0:
                    yield self.report(Unpaired("》", ""), paragraph.location_at(i), context=text,
                                      evidence="书名号应成对使用")
                    continue
                depth -= 1
                opened.pop()
                while inner and inner.pop() != "《":
                    pass
            elif depth >= 1 and ch in _ASCII_INNER:
                # One finding per run of marks: "<<<<" is one mistake, and each finding's fix is the same.
                if ch in "<‹＜" and not (i and text[i - 1] == ch):
                    title = spans.title(opened[0])
                    yield self.report(
                        AsciiInner(ch, title),
                        paragraph.location_at(i),
                        evidence="GB/T 15834—2011：单书名号不能用数学符号“< >”代替",
                        context=text,
                        fix=Fix("改为单书名号", spans.fixed(opened[0]), original=title,
                                applicability=Applicability.SAFE),
                    )
        if depth > 0:
            yield self.report(Unpaired("《", text[opened[0]:opened[0] + 30]), paragraph.location_at(opened[0]),
                              context=text, evidence="书名号应成对使用")



class _Titles:
    """Each 《 with the 》 that closes it, found in one pass: walking to the close from every 《 is
    quadratic in a paragraph of nested or unclosed marks. A title and its fix are made once per 《."""

    def __init__(self, text: str):
        self.text = text
        self.ends: dict[int, int] = {}
        stack: list[int] = []
        for m in _DOUBLE_MARKS.finditer(text):
            if m.group() == "《":
                stack.append(m.start())
            elif stack:
                self.ends[stack.pop()] = m.end()
        self._titles: dict[int, str] = {}
        self._fixed: dict[int, str] = {}

    def title(self, start: int) -> str:
        """From the 《 at `start` to its 》, or to the end of the paragraph when it is not closed."""
        if start not in self._titles:
            self._titles[start] = self.text[start:self.ends.get(start, len(self.text))]
        return self._titles[start]

    def fixed(self, start: int) -> str:
        if start not in self._fixed:
            self._fixed[start] = self.title(start).translate(_INNER_TABLE)
        return self._fixed[start]
