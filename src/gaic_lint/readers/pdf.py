"""PDF: paragraphs from the text layer, ruled tables from the page drawings.

pypdfium2 gives every page's text with character positions in a few milliseconds; that is enough for
paragraphs (lines are joined back into paragraphs by indent, enumerators and line length). Finding
ruled tables needs the page's drawn lines, which pdfplumber (pdfminer) reads at 100-300 ms a page, so
it only runs on the pages whose text looks tabular (see `pdf_tables.wants_table_finder`). Text inside
a table's box is left out of the paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import codes
from ..model import Block, Document, InputError, Location, Notice, RawTable, Severity, Span
from ..text.lexicon import ENUMERATOR, is_ideograph, is_page_number
from ..text.normalize import normalize_spaces
from ..text.sentences import CLAUSE_END
from .registry import ReaderOptions

DEFAULT_MAX_PAGES = 500

_SCANNED = "该 PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）再检查"

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


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
    tables: list = field(default_factory=list)  # pdf_tables.PageTable
    damaged: bool = False


def read_pdf(path: str, data: bytes, options: ReaderOptions) -> Document:
    import pypdfium2 as pdfium

    pdf = _open(path, data, pdfium)
    try:
        total = len(pdf)
        if total == 0:
            raise InputError(path, "该 PDF 没有任何页面")
        limit = int(options.max_pages or DEFAULT_MAX_PAGES)
        count = min(total, limit)
        notices: list[Notice] = []
        if total > limit:
            notices.append(Notice(codes.PARTIAL_READ, f"PDF 共 {total} 页，超过页数上限 {limit}，只检查了前 {limit} 页"
                                  "（可用 max-pages 调整）", Location(page=limit), Severity.WARNING,
                                  evidence=f"共 {total} 页"))
        pages = [_read_page(pdf, index, pdfium) for index in range(count)]
    finally:
        pdf.close()

    damaged = [p.number for p in pages if p.damaged]
    if len(damaged) == len(pages):
        raise InputError(path, "PDF 文件已损坏，所有页面都无法读取")
    if damaged:
        notices.append(Notice(codes.PARTIAL_READ, f"第{_page_list(damaged)}页数据损坏，无法读取，这些页的内容未检查",
                              Location(page=damaged[0]), Severity.WARNING))

    with_text = [p for p in pages if any(line.text.strip() for line in p.lines)]
    if sum(len(line.text.strip()) for p in pages for line in p.lines) < 10:
        raise InputError(path, _SCANNED)
    without_text = [p.number for p in pages if p not in with_text and not p.damaged]
    if without_text:
        notices.append(Notice(codes.PARTIAL_READ, f"第{_page_list(without_text)}页没有文字层（可能是扫描图片），这些页的内容未检查",
                              Location(page=without_text[0]), Severity.WARNING))

    _drop_page_furniture(pages)

    from . import pdf_tables

    table_pages = [p for p in pages if pdf_tables.wants_table_finder(p.lines, options.table_cues)]
    if table_pages:
        notices.extend(pdf_tables.find_tables(path, data, table_pages))

    items = _assemble(pages)
    pdf_tables.join_across_pages(items)
    pdf_tables.number_tables(items)
    return Document(path=path, format="pdf", items=[_finish(item) for item in items], notices=notices,
                    metadata={"pages": total, "pages_read": count})


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:10]) + ("等" if len(numbers) > 10 else "")


def _open(path: str, data: bytes, pdfium):
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


def _read_page(pdf, index: int, pdfium) -> Page:
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return Page(index + 1, 0.0, 0.0, damaged=True)
    try:
        width, height = page.get_size()
        result = Page(index + 1, width, height)
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count else ""
            if len(text) != count:
                # The text and the character indices disagree (surrogates): fall back to one
                # line per pdfium line without positions would lose tables, so read char by char.
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


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_page_furniture(pages: list[Page]) -> None:
    """Page numbers and running headers/footers are not text of the report."""
    repeated: set[str] = set()
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for page in pages:
            keys = {_furniture_key(line.text) for line in page.lines if _in_margin(line, page)}
            seen.update(keys)
        repeated = {key for key, n in seen.items() if n >= max(3, len(pages) // 2)}
    for page in pages:
        kept = []
        for line in page.lines:
            if is_page_number(line.text, bare=_in_margin(line, page)):
                continue
            if repeated and _in_margin(line, page) and _furniture_key(line.text) in repeated:
                continue
            kept.append(line)
        page.lines = kept


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom < page.height * 0.1 or line.top > page.height * 0.9


def _body_geometry(pages: list[Page]) -> tuple[float, float]:
    """The left and right edges of the text body: where most lines start and end."""
    lefts: Counter[int] = Counter()
    rights: Counter[int] = Counter()
    for page in pages:
        for line in page.lines:
            lefts[round(line.x0)] += 1
            rights[round(line.x1)] += 1
    left = min((x for x, n in lefts.items() if n >= max(2, lefts.most_common(1)[0][1] // 3)), default=0)
    right = max((x for x, n in rights.items() if n >= max(2, rights.most_common(1)[0][1] // 3)), default=0)
    return float(left), float(right)


def _assemble(pages: list[Page]) -> list:
    """Paragraph lines and tables in reading order; a paragraph runs on across a page break unless a
    table stands between."""
    non_empty = [p for p in pages if p.lines]
    left, right = _body_geometry(non_empty) if non_empty else (0.0, 0.0)
    items: list = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            items.append(_paragraph(current))
            current.clear()

    for page in pages:
        tables = sorted(page.tables, key=lambda t: t.bbox[1])
        lines = [ln for ln in page.lines if not any(t.holds(ln) for t in tables)]
        # Tables enter the stream before the first line below their top edge.
        pending = list(tables)
        for line in lines:
            while pending and pending[0].bbox[1] <= line.top:
                flush()
                items.append(pending.pop(0))
            if current and _starts_paragraph(current[-1], line, left, right):
                flush()
            current.append(line)
        while pending:
            flush()
            items.append(pending.pop(0))
    flush()
    return items


def _starts_paragraph(previous: Line, line: Line, left: float, right: float) -> bool:
    size = max(line.size, 6.0)
    if ENUMERATOR.match(line.text):
        return True
    if line.x0 > left + 0.8 * size:  # indented, or centred like a heading
        return True
    if previous.x1 < right - 1.5 * size:  # the previous line stopped short: its paragraph ended
        return True
    if previous.x0 > left + 4 * size:  # a centred title line
        return True
    if previous.text[-1] in CLAUSE_END and abs(previous.x1 - right) > 0.5 * size:
        return True
    return False


def _join_lines(a: str, b: str) -> str:
    # CJK wraps anywhere without a space; Latin words and numbers wrap at a space that was dropped.
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return a + " " + b
    return a + b


def _paragraph(lines: list[Line]) -> Block:
    text = ""
    spans: list[Span] = []
    for line in lines:
        piece = normalize_spaces(line.text)
        joined = _join_lines(text, piece)
        offset = len(joined) - len(piece)
        if not spans or spans[-1].location.page != line.page:
            spans.append(Span(offset, Location(page=line.page)))
        text = joined
    return Block(text, spans)


def _finish(item) -> Block | RawTable:
    if isinstance(item, Block):
        return item
    return item.raw
