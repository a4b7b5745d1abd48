"""The text layer of each page through pypdfium2: lines with their extent, font size and position,
in top-down page coordinates."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import InputError
from ...text.lexicon import is_ideograph


@dataclass
class Line:
    """One text line of a page, in top-down page coordinates (points)."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size estimate: the height of the line's glyph boxes

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list = field(default_factory=list)  # tables.PageTable
    damaged: bool = False
    drawings: int = 0  # page objects that are not text (paths, images): what a table finder must read


def unreadable_text(page: Page) -> bool:
    """Whether the page's text layer is noise: fonts without a ToUnicode map give glyph numbers as
    characters (Latin, Cyrillic, control or private-use characters) instead of the Chinese text drawn.
    A page of a Chinese report with fifty visible characters has ideographs among them."""
    visible = noise = ideographs = 0
    for line in page.lines:
        for ch in line.text:
            if ch.isspace():
                continue
            visible += 1
            if is_ideograph(ch):
                ideographs += 1
            elif ch < " " or "\ue000" <= ch <= "\uf8ff" or ch in "\ufffd\ufffe":
                noise += 1
    return visible >= 50 and (noise * 5 > visible or ideographs * 50 < visible)


def open_pdf(path: str, data: bytes, pdfium):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        reason = exc.args[0] if exc.args else ""
        if code == 4 or "password" in str(reason).lower():
            raise InputError(path, "该 PDF 已加密，需要密码才能打开；请提供未加密的文件") from None
        if code == 5 or "security" in str(reason).lower():
            raise InputError(path, "该 PDF 使用了不支持的加密或权限保护方式，无法读取") from None
        tail = data[-2048:]
        if b"%%EOF" not in tail:
            raise InputError(path, "PDF 文件不完整（末尾缺少 %%EOF，可能下载未完成或被截断），无法读取") from None
        raise InputError(path, "PDF 文件已损坏，无法解析（文件结构错误）") from None


def read_page(pdf, index: int, pdfium) -> Page:
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return Page(index + 1, 0.0, 0.0, damaged=True)
    try:
        width, height = page.get_size()
        result = Page(index + 1, width, height, drawings=_drawings(page, pdfium))
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count else ""
            if len(text) != count:
                # The text and the character indices disagree (surrogates). Reading the text without
                # positions would lose the tables, so read it character by character instead.
                text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
            start = 0
            for raw in text.split("\r\n"):
                line = _make_line(textpage, raw, start, result.number, height)
                if line is not None:
                    result.lines.append(line)
                start += len(raw) + 2
        finally:
            textpage.close()
    finally:
        page.close()
    return result


def _drawings(page, pdfium) -> int:
    # Counted by pdfium, which has loaded the page's objects already; pdfplumber would first parse
    # every one of them into a Python object.
    return max(0, pdfium.raw.FPDFPage_CountObjects(page.raw))


def _make_line(textpage, raw: str, start: int, page: int, height: float) -> Line | None:
    stripped = raw.strip()
    if not stripped:
        return None
    # The first and last glyphs give the line's extent; one CJK glyph gives the font size. Asking
    # pdfium for every glyph's box costs more than the rest of the page.
    visible = [i for i, ch in enumerate(raw) if not ch.isspace()]
    probes = {visible[0], visible[-1]}
    cjk = next((i for i in visible if is_ideograph(raw[i])), None)
    if cjk is not None:
        probes.add(cjk)
    boxes = {i: textpage.get_charbox(start + i) for i in probes}
    x0 = boxes[visible[0]][0]
    x1 = boxes[visible[-1]][2]
    high = max(b[3] for b in boxes.values())
    low = min(b[1] for b in boxes.values())
    if x1 < x0 or high < low:  # glyphs without boxes (rotated or empty text): skip the line
        return None
    top, bottom = height - high, height - low
    size = (boxes[cjk][3] - boxes[cjk][1]) if cjk is not None else (bottom - top)
    size = size or 10.0
    return Line(stripped, page, x0, x1, top, bottom, size)
