"""title-marks: 书名号 nested as GB/T 15834—2011 says (《》 outside, 〈〉 inside), balanced."""

from __future__ import annotations

from ...model import Applicability, Fix, Severity
from ..base import Rule, RuleMeta, quote

_ASCII_INNER = {"<": "〈", ">": "〉", "‹": "〈", "›": "〉", "＜": "〈", "＞": "〉"}


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

    def check(self, report, ctx):
        for _, paragraph in report.paragraphs():
            yield from self._paragraph(paragraph)

    def _paragraph(self, paragraph):
        text = paragraph.text
        depth, opened = 0, []
        inner: list[str] = []  # the marks open at this point, outermost first: 《 or 〈
        for i, ch in enumerate(text):
            if ch == "〈":
                inner.append(ch)
            elif ch == "〉" and inner and inner[-1] == "〈":
                inner.pop()
            if ch == "《":
                # A third level goes back to 《》: only 《 right inside 《 is wrong.
                if depth >= 1 and inner and inner[-1] == "《":
                    yield self.diagnostic(
                        f"书名号内层应使用单书名号“〈〉”，不是再用“《》”：{quote(self._span(text, opened[0]))}",
                        paragraph.location_at(i), evidence="GB/T 15834—2011：书名号中还有书名号时，外层用双书名号，里层用单书名号",
                        context=text)
                depth += 1
                opened.append(i)
                inner.append(ch)
            elif ch == "》":
                if depth == 0:
                    yield self.diagnostic("“》”没有对应的“《”", paragraph.location_at(i), context=text,
                                          evidence="书名号应成对使用", severity=Severity.WARNING)
                    continue
                depth -= 1
                opened.pop()
                while inner and inner.pop() != "《":
                    pass
            elif depth >= 1 and ch in _ASCII_INNER:
                title = self._span(text, opened[0])
                if ch in "<‹＜":
                    yield self.diagnostic(
                        f"书名号内层用了“{ch}…”，应使用单书名号“〈〉”：{quote(title)}",
                        paragraph.location_at(i),
                        evidence="GB/T 15834—2011：单书名号不能用数学符号“< >”代替",
                        context=text,
                        fix=Fix("改为单书名号", title.translate(str.maketrans(_ASCII_INNER)), original=title,
                                applicability=Applicability.SAFE),
                    )
        if depth > 0:
            yield self.diagnostic(f"“《”没有对应的“》”：{quote(text[opened[0]:opened[0] + 30])}",
                                  paragraph.location_at(opened[0]), context=text,
                                  evidence="书名号应成对使用", severity=Severity.WARNING)

    @staticmethod
    def _span(text: str, start: int) -> str:
        depth = 0
        for j in range(start, len(text)):
            depth += {"《": 1, "》": -1}.get(text[j], 0)
            if depth == 0:
                return text[start:j + 1]
        return text[start:]
