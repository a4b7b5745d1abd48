"""PDF: paragraphs from the text layer, ruled tables from the page drawings.

pdfium (bound in `pdfium`) gives every page's text with character positions in under a millisecond;
enough for paragraphs (lines are joined back into paragraphs by indent, enumerators and line length). Tables are
looked for only on the pages whose text looks tabular (see `tables.wants_table_finder`): their rulings
come from the same open document's path objects and their cell text from its character boxes
(`pdfium_ruled`), with pdfplumber asked only for a page pdfium cannot settle. A page naming a template
table word has its tables read while it is open for its text, so it is loaded once. Text inside a
table's box is left out of the paragraphs.
"""

from __future__ import annotations

import re

from ... import codes
from ...model import Document, InputError, Location, Notice, Severity
from ..registry import ReaderOptions
from .furniture import drop_page_furniture
from .paragraphs import assemble, finish
from .streams import check_streams
from .tables import join_across_pages, number_tables, wants_table_finder
from .textlayer import Line, Page, open_pdf, read_page, unreadable_text

__all__ = ["Line", "Page", "read_pdf"]

DEFAULT_MAX_PAGES = 500
DEFAULT_MAX_STREAM = 50 * 1024 * 1024

_SCANNED = "该 PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）再检查"


def read_pdf(path: str, data: bytes, options: ReaderOptions) -> Document:
    from . import pdfium

    check_streams(path, data, options.max_part_size or DEFAULT_MAX_STREAM)
    pdf = open_pdf(path, data, pdfium)
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
        early = _TablesWhileOpen(options.table_cues)
        pages = [read_page(pdf, index, pdfium, early) for index in range(count)]
        _check_pages(path, pages, notices)
        pages = _without_noise(path, pages, notices)
        drop_page_furniture(pages)
        table_pages = [p for p in pages if wants_table_finder(p.lines, options.table_cues)]
        if table_pages:
            from .pdfium_ruled import find_tables

            notices.extend(find_tables(path, data, pdf, table_pages, options.none_words))
    finally:
        pdf.close()

    items = assemble(pages)
    join_across_pages(items)
    number_tables(items)
    return Document(path=path, format="pdf", items=[finish(item) for item in items], notices=notices,
                    metadata={"pages": total, "pages_read": count})


class _TablesWhileOpen:
    """A page that names one of the template's table words is almost surely a table page: its ruled
    tables are read while it is open for its text, instead of loading it a second time (a page load
    costs as much as reading its tables). Whether a page's tables are used is still decided once the
    page furniture is gone (`wants_table_finder`); a page it wants that was not read here is loaded
    again."""

    def __init__(self, cues: tuple[str, ...]) -> None:
        self.cues = cues

    def __call__(self, page: Page, handle, textpage):
        if not self.cues:
            return None
        squashed = _SPACES.sub("", "".join(line.text for line in page.lines))
        if not any(cue in squashed for cue in self.cues):
            return None
        from .pdfium_ruled import read_open

        return read_open(handle, textpage, page.number)


_SPACES = re.compile(r"\s+")


def _check_pages(path: str, pages: list[Page], notices: list[Notice]) -> None:
    """Damaged pages and pages without a text layer are named; a file with no text at all is refused."""
    damaged = [p.number for p in pages if p.damaged]
    if len(damaged) == len(pages):
        raise InputError(path, "PDF 文件已损坏，所有页面都无法读取")
    if damaged:
        notices.append(Notice(codes.PARTIAL_READ, f"第{_page_list(damaged)}页数据损坏，无法读取，这些页的内容未检查",
                              Location(page=damaged[0]), Severity.WARNING))
    with_text = {id(p) for p in pages if any(line.text.strip() for line in p.lines)}
    if sum(len(line.text.strip()) for p in pages for line in p.lines) < 10:
        raise InputError(path, _SCANNED)
    without_text = [p.number for p in pages if id(p) not in with_text and not p.damaged]
    if without_text:
        notices.append(Notice(codes.PARTIAL_READ, f"第{_page_list(without_text)}页没有文字层（可能是扫描图片），这些页的内容未检查",
                              Location(page=without_text[0]), Severity.WARNING))


def _without_noise(path: str, pages: list[Page], notices: list[Notice]) -> list[Page]:
    """Pages whose text layer is noise are not linted: their parts would be reported missing."""
    noisy = [p.number for p in pages if unreadable_text(p)]
    if not noisy:
        return pages
    if all(p.number in noisy for p in pages if p.lines):
        raise InputError(path, "PDF 的文字层无法识别：提取出的是乱码（字体缺少 ToUnicode 编码映射），无法检查；"
                               "请用原文件重新导出 PDF，或先进行文字识别（OCR）")
    notices.append(Notice(codes.PARTIAL_READ, f"第{_page_list(noisy)}页的文字层无法识别（字体缺少编码映射，提取出的是乱码），"
                          "这些页的内容未检查", Location(page=noisy[0]), Severity.WARNING))
    return [p for p in pages if p.number not in noisy]


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:10]) + ("等" if len(numbers) > 10 else "")
