"""The text layer of each page through pdfium (this package's bindings, or pypdfium2): lines with their extent, font size and position,
in top-down page coordinates."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

from ...model import InputError
from ...records import record
from ...text.lexicon import CJK_IDEOGRAPHS

# Counted with one regular expression each instead of a test per character: a page is read whole.
_IDEOGRAPH = re.compile(f"[{CJK_IDEOGRAPHS}]")
# Control characters that are not whitespace, private-use characters and the replacement marks.
_NOISE = re.compile("[\x00-\x08\x0e-\x1b\ue000-\uf8ff\ufffd\ufffe]")


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


@record(frozen=False)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list = field(default_factory=list)  # tables.PageTable
    damaged: bool = False
    drawings: int = 0  # page objects that are not text (paths, images): what a table finder must read
    # The ruled-table reader's outcome when it ran while the page was open for its text
    # (pdfium_ruled.read_open), so a table page is loaded once; None: not read yet.
    ruled: tuple | None = None


def unreadable_text(page: Page) -> bool:
    """Whether the page's text layer is noise: fonts without a ToUnicode map give glyph numbers as
    characters (Latin, Cyrillic, control or private-use characters) instead of the Chinese text drawn.
    A page of a Chinese report with fifty visible characters has ideographs among them."""
    text = "".join("".join(line.text.split()) for line in page.lines)  # the visible characters
    visible = len(text)
    if visible < 50:
        return False
    noise = len(_NOISE.findall(text))
    ideographs = len(_IDEOGRAPH.findall(text))
    return noise * 5 > visible or ideographs * 50 < visible


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


def read_page(pdf, index: int, pdfium, tables_now=None) -> Page:
    """The page's text lines. `tables_now(page, handle, textpage)`, given, may read the page's ruled
    tables while it is open: its result, unless None, is kept as `Page.ruled`."""
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
            boxes = _CharBoxes(textpage.raw, pdfium.raw, pdfium.PdfiumError)
            start = 0
            for raw in text.split("\r\n"):
                line = _make_line(boxes, raw, start, result.number, height)
                if line is not None:
                    result.lines.append(line)
                start += len(raw) + 2
            if tables_now is not None:
                result.ruled = tables_now(result, page, textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return result


def _drawings(page, pdfium) -> int:
    # Counted by pdfium, which has loaded the page's objects already; pdfplumber would first parse
    # every one of them into a Python object.
    return max(0, pdfium.raw.FPDFPage_CountObjects(page.raw))


class _CharBoxes:
    """A glyph's box (left, bottom, right, top) from the raw call, its four outputs allocated once
    per page rather than per glyph; through the unchecked call where the bindings have one (see
    `pdfium._UNCHECKED`): a page asks for several boxes a line."""

    def __init__(self, raw_textpage, c, error: type[Exception]) -> None:
        calls = getattr(c, "unchecked", None)
        if calls is not None and isinstance(raw_textpage, int):
            self.raw, self.get = ctypes.c_void_p(raw_textpage), calls.FPDFText_GetCharBox
        else:
            self.raw, self.get = raw_textpage, c.FPDFText_GetCharBox
        self.error = error
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.refs = tuple(ctypes.byref(v) for v in (self.left, self.right, self.bottom, self.top))

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        if not self.get(self.raw, index, *self.refs):
            raise self.error("Failed to get charbox.")
        return self.left.value, self.bottom.value, self.right.value, self.top.value


def _make_line(boxes: _CharBoxes, raw: str, start: int, page: int, height: float) -> Line | None:
    stripped = raw.strip()
    if not stripped:
        return None
    # The first and last glyphs give the line's extent; one CJK glyph gives the font size. Asking
    # pdfium for every glyph's box costs more than the rest of the page.
    first = len(raw) - len(raw.lstrip())
    last = first + len(stripped) - 1
    found = _IDEOGRAPH.search(raw, first, last + 1)
    cjk = found.start() if found else None
    left = boxes(start + first)
    right = left if last == first else boxes(start + last)
    high, low = max(left[3], right[3]), min(left[1], right[1])
    if cjk is not None:
        mid = left if cjk == first else right if cjk == last else boxes(start + cjk)
        high, low = max(high, mid[3]), min(low, mid[1])
    x0 = left[0]
    x1 = right[2]
    if x1 < x0 or high < low:  # glyphs without boxes (rotated or empty text): skip the line
        return None
    top, bottom = height - high, height - low
    size = (mid[3] - mid[1]) if cjk is not None else (bottom - top)
    size = size or 10.0
    return Line(stripped, page, x0, x1, top, bottom, size)
