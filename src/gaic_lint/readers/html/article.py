"""Finding the article in a portal page: where the body text is (by weight, not by class names),
the title printed above it, the publication date, and the attachments a page without an article
links to."""

from __future__ import annotations

import datetime
import re

from ...model import Block, Location, Span
from ...text.normalize import squash
from .dom import FURNITURE, HEADINGS, SKIP, WS_RUN, chars, int_attr, is_hidden, table_rows

# A child holding at least this share of its parent's non-link text is where the body continues.
_DESCEND_SHARE = 0.75
# Below this many characters of non-link text the page has no article (a list page, a portal frame,
# a page whose content a script loads).
MIN_BODY_CHARS = 200
# An article has a few hundred characters of prose (or a long table); what is left of a portal page
# without its article (info box, a date line, the footer) has less.
MIN_PROSE_CHARS = 300
MIN_ARTICLE_CHARS = 1000
# A container that is mostly links (and has several) is navigation, wherever it stands.
_LINK_DENSITY = 0.5

_DATE_LABELS = ("发布日期", "公开日期", "发布时间", "成文日期", "发文日期", "印发日期")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "dc.date", "article:published_time")
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|ofd)(\?|#|$)", re.IGNORECASE)


class Page:
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
            if el.tag in SKIP or is_hidden(el):
                self.weight[el] = self.links[el] = 0
                self.hidden.add(el)
                continue
            weight = chars(el.text)
            links = 0
            for child in el:
                weight += chars(child.tail)
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
            rows = self._rows[table] = table_rows(table)
        return rows

    def cells(self, row) -> list:
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = [c for c in row if (c.tag == "td" or c.tag == "th") and c not in self.hidden]
        return cells

    def is_furniture(self, el) -> bool:
        """Navigation and link lists, by what they are rather than by what they are called."""
        if el.tag in FURNITURE or el.get("role") in ("navigation", "banner", "contentinfo", "search"):
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
        columns = max(sum(int_attr(c, "colspan", 1, 1000) or 1 for c in self.cells(r)) for r in self.rows(table))
        for cell in cells:
            # A data cell holds a label or a number, never a passage of prose; a frame of one column
            # around other tables only stacks content.
            if self.weight.get(cell, 0) >= MIN_BODY_CHARS:
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
            if any(self.is_furniture(a) or is_hidden(a) for a in el.iterancestors()) or self.is_furniture(el):
                continue
            text = WS_RUN.sub(" ", el.text_content()).strip()
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
            return Block(text, [Span(0, self.location(el))], heading_level=HEADINGS.get(el.tag))
        if meta_title and meta_title.strip() and not present(meta_title):
            meta = next(m for m in self.root.iter("meta") if m.get("content") == meta_title)
            return Block(WS_RUN.sub(" ", meta_title).strip(), [Span(0, self.location(meta))])
        return None

    def published_date(self) -> str | None:
        """The ISO date of publication from the info box, or from the page's metadata."""
        body = self.root.find("body")
        text = " ".join(t for t in (body.itertext() if body is not None else ()) if t.strip())
        text = WS_RUN.sub(" ", text)
        found = {}
        for label in _DATE_LABELS:
            # Not `\s*[:：]?\s*`: two runs that can share the same spaces backtrack quadratically on a long run.
            m = re.search(re.escape(label) + r"\s*(?:[:：]\s*)?" + _DATE.pattern, text)
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
        message = (f"网页中没有找到报告正文（正文文字不足 {MIN_PROSE_CHARS} 字，只有导航、链接等页面框架）；"
                   "请确认这是报告全文页面，而不是栏目列表页或需要脚本加载内容的页面")
        if attachments:
            message += "。页面中的附件：" + "、".join(attachments[:3]) + "，可直接检查附件"
        return message


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
