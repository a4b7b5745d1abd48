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

import codecs
import datetime
import re

from .. import codes
from ..model import Block, Document, InputError, Location, Notice, RawCell, RawTable, Severity, Span
from ..text.charsets import codec_for, plausible_chinese
from ..text.lexicon import is_cjk_text
from ..text.normalize import squash
from ..text.numerals import chinese
from .encoding import decode
from .registry import ReaderOptions

# Elements whose content is never part of the text a reader sees.
_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "frame",
         "frameset", "object", "embed", "svg", "math", "canvas", "select", "option", "button", "input",
         "textarea", "map", "area", "audio", "video", "source", "track", "img"}
# Page furniture by its HTML5 meaning (not by class name).
_FURNITURE = {"nav", "aside", "footer", "header", "menu"}
_BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "center", "address", "figure",
          "figcaption", "dl", "dt", "dd", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
          "body", "html", "fieldset", "legend", "details", "summary"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = " \t\r\n\f\xa0\u3000\u200b\ufeff"
_WS_RUN = re.compile(r"[ \t\r\n\f\xa0\u3000\u200b\ufeff]+")
_WS_SPLIT = re.compile(r"([ \t\r\n\f\xa0\u3000\u200b\ufeff]+)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# A child holding at least this share of its parent's non-link text is where the body continues.
_DESCEND_SHARE = 0.75
# Below this many characters of non-link text the page has no article (a list page, a portal frame,
# a page whose content a script loads).
_MIN_BODY_CHARS = 200
# An article has a few hundred characters of prose (or a long table); what is left of a portal page
# without its article (info box, a date line, the footer) has less.
_MIN_PROSE_CHARS = 300
_MIN_ARTICLE_CHARS = 1000
# A container that is mostly links (and has several) is navigation, wherever it stands.
_LINK_DENSITY = 0.5

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|table|span|br|meta|title|h[1-6])\b", re.IGNORECASE)

_DATE_LABELS = ("发布日期", "公开日期", "发布时间", "成文日期", "发文日期", "印发日期")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "dc.date", "article:published_time")
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|ofd)(\?|#|$)", re.IGNORECASE)


def read_html(path: str, data: bytes, options: ReaderOptions) -> Document:
    import lxml.etree
    import lxml.html

    text, used = _decode(data, path, options)
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
    page = _Page(root, path, options.base_url or (path if "://" in path else None))
    page.measure(body)
    container = page.find_container(body)
    if page.weight.get(container, 0) < _MIN_BODY_CHARS:
        if too_deep:
            raise InputError(path, _TOO_DEEP)
        raise InputError(path, page.no_article_message(body))

    flow = _Flow(page)
    try:
        flow.walk(container)
    except RecursionError:
        raise InputError(path, _TOO_DEEP) from None
    flow.flush()
    items = flow.items
    prose = sum(len(squash(i.text)) for i in items if isinstance(i, Block))
    cells = sum(len(c.text) for i in items if isinstance(i, RawTable) for r in i.rows for c in r)
    if prose < _MIN_PROSE_CHARS and prose + cells < _MIN_ARTICLE_CHARS:
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
        metadata["title"] = _WS_RUN.sub(" ", page_title).strip()
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


# --------------------------------------------------------------------------- encoding

def _decode(data: bytes, path: str, options: ReaderOptions) -> tuple[str, str]:
    """The user's --encoding, a BOM, the HTTP header, `<meta charset>`, then detection.

    A declared charset that does not decode the bytes is a mislabelled page (common: `gb2312`
    declared, UTF-8 served, or the reverse); detection then decides.
    """
    if options.encoding:
        return decode(data, path, options.encoding)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    declared = []
    for name in (options.http_charset, *(m.group(1).decode("ascii", "replace")
                                               for m in _META_CHARSET.finditer(data[:8192]))):
        charset = codec_for(name)
        if charset and charset not in declared:
            declared.append(charset)
    for charset in declared:
        if charset in ("latin-1", "iso8859-1", "cp1252", "ascii"):
            # Pages that declare a Western charset but carry Chinese text were saved by tools that
            # default to it; the bytes are UTF-8 or GB18030, which detection recognises.
            continue
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if charset == "gb18030" and not plausible_chinese(text):
            continue
        return text, charset
    return decode(data, path)


# --------------------------------------------------------------------------- the page

def _chars(text: str | None) -> int:
    """Visible characters: whitespace does not count."""
    if not text or text.isspace():
        return 0
    return len("".join(text.split()))


def _normalize(text: str) -> str:
    """Whitespace as a browser shows it: runs collapse to one space, and a line break between two
    Chinese characters disappears."""
    if not _WS_RUN.search(text):
        return text

    def space(m) -> str:
        start, end = m.start(), m.end()
        if start == 0 or end == len(text):
            return ""
        if "\n" in m.group() and is_cjk_text(text[start - 1]) and is_cjk_text(text[end]):
            return ""
        return " "

    return _WS_RUN.sub(space, text)


def _hidden(el) -> bool:
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style))


def _int_attr(el, name: str, default: int, upper: int) -> int:
    raw = el.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if not raw.isdigit():
        m = re.match(r"\d+", raw)
        if not m:
            return default
        raw = m.group()
    return max(0, min(int(raw), upper))


class _Page:
    """Measurements over the whole tree: text weights, element paths, tables."""

    def __init__(self, root, path: str, base_url: str | None):
        self.root = root
        self.path = path
        self.base_url = base_url
        self.weight: dict = {}  # element -> characters of visible non-link text
        self.hidden: set = set()  # skipped elements (script, style …) and hidden ones
        self._rows: dict = {}
        self._cells: dict = {}
        self.links: dict = {}  # element -> characters of link text
        self.paths: dict = {}
        counters: dict[str, int] = {}
        for el in root.iter():
            tag = el.tag
            if tag.__class__ is str:
                n = counters[tag] = counters.get(tag, 0) + 1
                self.paths[el] = n
        self.table_numbers = {el: n for el, n in self.paths.items() if el.tag == "table"}

    def path_of(self, el) -> str:
        n = self.paths.get(el)
        return f"{el.tag}[{n}]" if n else str(el.tag)

    def location(self, el, line_from=None) -> Location:
        line = (line_from if line_from is not None else el).sourceline
        return Location(line=line, element=self.path_of(el))

    def measure(self, body) -> None:
        # Children before parents: reversed document order.
        for el in reversed(list(body.iter())):
            if not isinstance(el.tag, str):
                continue
            if el.tag in _SKIP or _hidden(el):
                self.weight[el] = self.links[el] = 0
                self.hidden.add(el)
                continue
            weight = _chars(el.text)
            links = 0
            for child in el:
                weight += _chars(child.tail)
                if child.tag.__class__ is str:
                    weight += self.weight.get(child, 0)
                    links += self.links.get(child, 0)
            if el.tag == "a":
                weight, links = 0, weight + links
            self.weight[el] = weight
            self.links[el] = links

    def rows(self, table) -> list:
        rows = self._rows.get(table)
        if rows is None:
            rows = self._rows[table] = _rows(table)
        return rows

    def cells(self, row) -> list:
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = [c for c in row if (c.tag == "td" or c.tag == "th") and c not in self.hidden]
        return cells

    def is_furniture(self, el) -> bool:
        """Navigation and link lists, by what they are rather than by what they are called."""
        if el.tag in _FURNITURE or el.get("role") in ("navigation", "banner", "contentinfo", "search"):
            return True
        if el.tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span"):
            return False
        links = self.links.get(el, 0)
        weight = self.weight.get(el, 0)
        return links > 0 and links >= _LINK_DENSITY * (links + weight) and len(el.findall(".//a")) >= 2

    def is_layout_table(self, table) -> bool:
        """A table that only positions content: one cell, or cells holding other tables or long text."""
        cells = [c for r in self.rows(table) for c in self.cells(r)]
        if len(cells) <= 1:
            return True
        columns = max(sum(_int_attr(c, "colspan", 1, 1000) or 1 for c in self.cells(r)) for r in self.rows(table))
        for cell in cells:
            # A data cell holds a label or a number, never a passage of prose; a frame of one column
            # around other tables only stacks content.
            if self.weight.get(cell, 0) >= _MIN_BODY_CHARS:
                return True
            if columns == 1 and cell.find(".//table") is not None:
                return True
        return False

    def find_container(self, body):
        node = body
        while True:
            total = self.weight.get(node, 0)
            best, best_weight = None, -1
            for child in node:
                if isinstance(child.tag, str) and self.weight.get(child, 0) > best_weight:
                    best, best_weight = child, self.weight.get(child, 0)
            if best is None or total == 0 or best_weight < _DESCEND_SHARE * total:
                return node
            if best.tag == "table" and not self.is_layout_table(best):
                return node
            if best.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "span", "font", "strong", "b"):
                return node  # one long paragraph is still read with its neighbours
            node = best

    def title_before(self, container, items) -> Block | None:
        """The article title printed above the body, when the body does not start with it."""
        head = [squash(b.text) for b in items[:6] if isinstance(b, Block)]
        page_title = squash(self.root.findtext(".//title") or "")
        meta_title = next((m.get("content") for m in self.root.iter("meta")
                           if (m.get("name") or "").lower() in ("articletitle", "title")), None)

        def present(text: str) -> bool:
            t = squash(text)
            return any(t in h or (len(h) >= 8 and h in t) for h in head)

        ancestors = set(container.iterancestors())
        candidates = []
        for el in self.root.iter():
            if el is container:
                break
            if not isinstance(el.tag, str) or el in ancestors:
                continue
            is_heading = el.tag in ("h1", "h2", "h3")
            hinted = "title" in f"{el.get('class', '')} {el.get('id', '')}".lower() and el.tag in (
                "div", "p", "span", "td", "strong")
            if not (is_heading or hinted):
                continue
            if any(self.is_furniture(a) or _hidden(a) for a in el.iterancestors()) or self.is_furniture(el):
                continue
            text = _WS_RUN.sub(" ", el.text_content()).strip()
            if 4 <= len(text) <= 100 and self.weight.get(el, 0) > 0:
                candidates.append((el, text))
        chosen = None
        for el, text in reversed(candidates):
            if page_title and (squash(text) in page_title or (meta_title and squash(text) in squash(meta_title))):
                chosen = (el, text)
                break
        if chosen is None:
            chosen = next(((el, t) for el, t in reversed(candidates) if el.tag == "h1"), None)
        if chosen is not None:
            el, text = chosen
            if present(text):
                return None
            return Block(text, [Span(0, self.location(el))], heading_level=_HEADINGS.get(el.tag))
        if meta_title and meta_title.strip() and not present(meta_title):
            meta = next(m for m in self.root.iter("meta") if m.get("content") == meta_title)
            return Block(_WS_RUN.sub(" ", meta_title).strip(), [Span(0, self.location(meta))])
        return None

    def published_date(self) -> str | None:
        """The ISO date of publication from the info box, or from the page's metadata."""
        body = self.root.find("body")
        text = " ".join(t for t in (body.itertext() if body is not None else ()) if t.strip())
        text = _WS_RUN.sub(" ", text)
        found = {}
        for label in _DATE_LABELS:
            m = re.search(re.escape(label) + r"\s*[:：]?\s*" + _DATE.pattern, text)
            if m:
                found[label] = _iso(m.group(1), m.group(2), m.group(3))
        for label in _DATE_LABELS[:3]:
            if found.get(label):
                return found[label]
        for meta in self.root.iter("meta"):
            key = (meta.get("name") or meta.get("property") or "").lower()
            if key in _DATE_META:
                m = _DATE.search(meta.get("content") or "")
                if m and _iso(*m.groups()):
                    return _iso(*m.groups())
        return next((found[label] for label in _DATE_LABELS[3:] if found.get(label)), None)

    def no_article_message(self, body) -> str:
        from urllib.parse import urljoin

        attachments = []
        for a in body.iter("a"):
            href = (a.get("href") or "").strip()
            if _ATTACHMENT.search(href):
                url = urljoin(self.base_url, href) if self.base_url else href
                if url not in attachments:
                    attachments.append(url)
        message = (f"网页中没有找到报告正文（正文文字不足 {_MIN_PROSE_CHARS} 字，只有导航、链接等页面框架）；"
                   "请确认这是报告全文页面，而不是栏目列表页或需要脚本加载内容的页面")
        if attachments:
            message += "。页面中的附件：" + "、".join(attachments[:3]) + "，可直接检查附件"
        return message


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _rows(table) -> list:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows





# --------------------------------------------------------------------------- text flow

class _Flow:
    """Walks the body in reading order and cuts it into blocks and tables."""

    def __init__(self, page: _Page):
        self.page = page
        self.items: list[Block | RawTable] = []
        self._text = ""
        self._spans: list[Span] = []
        self._pending_ws = ""
        self._block = None  # the block element the current text belongs to
        self._level: int | None = None
        self._ol_counters: list[list] = []

    # -- text accumulation
    def add(self, text: str | None, holder) -> None:
        if not text:
            return
        pieces = _WS_SPLIT.split(text)
        # pieces alternate: text, whitespace, text, …; the first and last may be empty
        for i, piece in enumerate(pieces):
            if not piece:
                continue
            if i % 2:
                self._pending_ws += piece
                continue
            # A line break in the source between two Chinese characters is not a space on screen.
            if self._text and self._pending_ws and not (
                    "\n" in self._pending_ws and is_cjk_text(self._text[-1]) and is_cjk_text(piece[0])):
                self._text += " "
            self._pending_ws = ""
            line = holder.sourceline
            if not self._spans or self._spans[-1].location.line != line:
                block = self._block if self._block is not None else holder
                self._spans.append(Span(len(self._text), Location(line=line, element=self.page.path_of(block))))
            self._text += piece

    def flush(self) -> None:
        self._pending_ws = ""
        if not self._text:
            self._level = None
            return
        self.items.append(Block(self._text, self._spans, heading_level=self._level))
        self._text, self._spans, self._level = "", [], None

    # -- the walk
    def walk(self, el) -> None:
        self.add(el.text, el)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.add(child.tail, el)

    def element(self, el) -> None:
        tag = el.tag
        if el in self.page.hidden:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag in _FURNITURE or (tag in _BLOCK and self.page.is_furniture(el)):
            return
        if tag not in _BLOCK and tag not in ("td", "th", "tr", "tbody", "thead", "tfoot", "caption"):
            self.walk(el)  # inline: part of the current block
            return
        self.flush()
        outer_block, self._block = self._block, el
        if tag in _HEADINGS:
            self._level = _HEADINGS[tag]
        if tag in ("ol", "ul"):
            self._ol_counters.append([tag, _int_attr(el, "start", 1, 10**6) - 1, _list_style(el)])
        if tag == "li":
            self.add(self._marker(el), el)
        self.walk(el)
        if tag in ("ol", "ul"):
            self._ol_counters.pop()
        self.flush()
        self._block = outer_block

    def _marker(self, li) -> str | None:
        """What a browser prints before an ordered list item, for the numbering the text relies on."""
        if not self._ol_counters or self._ol_counters[-1][0] != "ol":
            return None
        counter = self._ol_counters[-1]
        counter[1] = _int_attr(li, "value", counter[1] + 1, 10**6)
        style = _list_style(li) or counter[2]
        if style in ("cjk-ideographic", "cjk-decimal", "simp-chinese-informal", "trad-chinese-informal"):
            return chinese(counter[1]) + "、"
        if style in (None, "decimal"):
            return f"{counter[1]}."
        return None

    # -- tables
    def table(self, table) -> None:
        page = self.page
        if page.is_layout_table(table):
            for row in page.rows(table):
                for cell in page.cells(row):
                    outer, self._block = self._block, cell
                    self.walk(cell)
                    self.flush()
                    self._block = outer
            return
        caption = table.find("caption")
        if caption is not None:
            self._block = caption
            self.walk(caption)
            self.flush()
            self._block = None
        number = page.table_numbers.get(table)
        table_rows = page.rows(table)
        count = len(table_rows)
        grid: list[list[RawCell | None]] = [[] for _ in range(count)]
        nested: list = []
        for r, row in enumerate(table_rows):
            slots = grid[r]
            c = 0
            for index, cell in enumerate(page.cells(row), start=1):
                while c < len(slots) and slots[c] is not None:
                    c += 1
                # rowspan 0 means "to the end"; spans are cut at the end of the table, as browsers do
                rowspan = min(_int_attr(cell, "rowspan", 1, 65534) or count, count - r)
                colspan = _int_attr(cell, "colspan", 1, 1000) or 1
                path = f"table[{number}]/tr[{r + 1}]/{cell.tag}[{index}]"
                line = cell.sourceline
                text, inner = self._cell_text(cell)
                nested.extend(inner)
                for dr in range(rowspan):
                    target = grid[r + dr]
                    if len(target) < c + colspan:
                        target.extend([None] * (c + colspan - len(target)))
                    for dc in range(colspan):
                        loc = Location(line=line, table=number, row=r + dr + 1, col=c + dc + 1, element=path)
                        target[c + dc] = (RawCell(text, loc) if dr == 0 and dc == 0
                                          else RawCell("", loc, covered=True))
                c += colspan
        rows: list[list[RawCell]] = []
        for r, slots in enumerate(grid, start=1):
            for c, slot in enumerate(slots, start=1):
                if slot is None:  # a short row under a rowspan: the browser draws nothing there
                    slots[c - 1] = RawCell("", Location(line=table_rows[r - 1].sourceline, table=number, row=r,
                                                        col=c, element=f"table[{number}]/tr[{r}]"))
            rows.append(slots)
        if any(rows):
            self.items.append(RawTable(rows, Location(line=table.sourceline, table=number,
                                                      element=f"table[{number}]")))
        for inner in nested:
            self.table(inner)

    def _cell_text(self, cell) -> tuple[str, list]:
        """The text of a cell: its paragraphs and `<br>` lines joined, and the tables nested in it."""
        if len(cell) == 0:
            return _normalize(cell.text or ""), []
        lines: list[list[str]] = [[]]
        nested: list = []
        hidden = self.page.hidden

        def visit(el) -> None:
            if el.text:
                lines[-1].append(el.text)
            for child in el:
                tag = child.tag
                if isinstance(tag, str) and child not in hidden:
                    if tag == "table":
                        nested.append(child)  # read as a table of its own after this one
                    elif tag == "br":
                        lines.append([])
                    elif tag in _BLOCK:
                        lines.append([])
                        visit(child)
                        lines.append([])
                    else:
                        visit(child)
                if child.tail:
                    lines[-1].append(child.tail)

        visit(cell)
        text = ""
        for parts in lines:
            line = _normalize("".join(parts))
            if not line:
                continue
            if text and not (is_cjk_text(text[-1]) or is_cjk_text(line[0])):
                text += " "
            text += line
        return text, nested


def _list_style(el) -> str | None:
    style = el.get("style") or ""
    m = re.search(r"list-style(?:-type)?\s*:\s*([a-z-]+)", style, re.IGNORECASE)
    if m:
        return m.group(1).lower()
    kind = el.get("type")
    if kind is None:
        return None
    return "decimal" if kind == "1" else "other"
