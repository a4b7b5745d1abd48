"""Web pages: the article body of a published report, without the portal around it.

A government portal wraps the report in navigation, breadcrumbs, an info box (索引号, 发布机构,
发布日期), share buttons and related links. The body is found by where the text is, not by class
names: starting from `<body>`, descend into the child that holds nearly all of the non-link text,
until no single child does. The title, which portals often print above the body in an `<h1>`, is
taken from just before the body when the body does not already start with it. The publication date
is read from the whole page into `Document.metadata["published"]`.

Tables are resolved into grids with `rowspan`/`colspan` (slots covered by a span are
`RawCell(covered=True)`); a cell's paragraphs and `<br>` lines are joined without a separator between
Chinese characters. Tables used only for layout (one cell, or cells holding other tables) are read
as flowing text.
"""

from __future__ import annotations

import re

from ... import codes
from ...model import Block, Document, InputError, Location, Notice, RawTable, Severity
from ...text.normalize import squash
from ..registry import ReaderOptions
from .article import MIN_ARTICLE_CHARS, MIN_BODY_CHARS, MIN_PROSE_CHARS, Page
from .decode import decode_page
from .dom import WS_RUN
from .flow import Flow

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|table|span|br|meta|title|h[1-6])\b", re.IGNORECASE)


def read_html(path: str, data: bytes, options: ReaderOptions) -> Document:
    import lxml.etree
    import lxml.html

    text, used = decode_page(data, path, options)
    if not _TAG.search(text[:65536]):
        raise InputError(path, "文件内容不是 HTML 网页（没有找到任何 HTML 标签）；请确认文件格式与扩展名一致")
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(remove_comments=True,
                                                                               remove_pis=True))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(path, f"无法解析 HTML：{exc}") from None
    # libxml2's HTML parser stops nesting at this depth and silently drops what lies deeper; say so
    # rather than let the lost text look like a page without an article.
    too_deep = _depth_reached(root, _MAX_PARSER_DEPTH)
    notices: list[Notice] = []
    if too_deep:
        notices.append(Notice(codes.PARTIAL_READ, f"网页元素嵌套超过 {_MAX_PARSER_DEPTH} 层（HTML 解析器的上限），"
                              "更深处的内容未能读取、未检查", Location(), Severity.WARNING))
    body = root.find("body")
    if body is None:
        body = root
    page = Page(root, path, options.base_url or (path if "://" in path else None))
    page.measure(body)
    container = page.find_container(body)
    if page.weight.get(container, 0) < MIN_BODY_CHARS:
        if too_deep:
            raise InputError(path, _TOO_DEEP)
        raise InputError(path, page.no_article_message(body))

    flow = Flow(page)
    try:
        flow.walk(container)
    except RecursionError:
        raise InputError(path, _TOO_DEEP) from None
    flow.flush()
    items = flow.items
    prose = sum(len(squash(i.text)) for i in items if isinstance(i, Block))
    cells = sum(len(c.text) for i in items if isinstance(i, RawTable) for r in i.rows for c in r)
    if prose < MIN_PROSE_CHARS and prose + cells < MIN_ARTICLE_CHARS:
        raise InputError(path, _TOO_DEEP if too_deep else page.no_article_message(body))
    title = page.title_before(container, items)
    if title is not None:
        items.insert(0, title)
    metadata = {"encoding": used}
    published = page.published_date()
    if published:
        metadata["published"] = published
    page_title = root.findtext(".//title")
    if page_title and page_title.strip():
        metadata["title"] = WS_RUN.sub(" ", page_title).strip()
    return Document(path=path, format="html", items=items, notices=notices, source_lines=None, metadata=metadata)


_MAX_PARSER_DEPTH = 255  # libxml2's HTML parser nests no deeper (it needs XML_PARSE_HUGE for more)
_TOO_DEEP = f"网页元素嵌套层次过深（超过 {_MAX_PARSER_DEPTH} 层，例如表格中层层套表格），无法读取正文"


def _depth_reached(root, limit: int) -> bool:
    """Whether any element lies `limit` levels below the root (counted without recursion)."""
    import lxml.etree

    depth = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= limit:
            return True
    return False
