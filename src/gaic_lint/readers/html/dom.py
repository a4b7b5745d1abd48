"""What a browser would show of an element: skipped and hidden elements, whitespace as rendered,
visible character counts, table rows and numeric attributes. Shared by the article finder and the
text flow."""

from __future__ import annotations

import re

from ...text.lexicon import is_cjk_text

# Elements whose content is never part of the text a reader sees.
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "frame",
        "frameset", "object", "embed", "svg", "math", "canvas", "select", "option", "button", "input",
        "textarea", "map", "area", "audio", "video", "source", "track", "img"}
# Page furniture by its HTML5 meaning (not by class name).
FURNITURE = {"nav", "aside", "footer", "header", "menu"}
BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "center", "address", "figure",
         "figcaption", "dl", "dt", "dd", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
         "body", "html", "fieldset", "legend", "details", "summary"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Whitespace as HTML collapses it (with the full-width space and the zero-width ones Word pastes).
_WS = r"[ \t\r\n\f\xa0\u3000\u200b\ufeff]+"
WS_RUN = re.compile(_WS)
WS_SPLIT = re.compile(f"({_WS})")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def chars(text: str | None) -> int:
    """Visible characters: whitespace does not count."""
    if not text or text.isspace():
        return 0
    return len("".join(text.split()))


def normalize_ws(text: str) -> str:
    """Whitespace as a browser shows it: runs collapse to one space, and a line break between two
    Chinese characters disappears."""
    if not WS_RUN.search(text):
        return text

    def space(m) -> str:
        start, end = m.start(), m.end()
        if start == 0 or end == len(text):
            return ""
        if "\n" in m.group() and is_cjk_text(text[start - 1]) and is_cjk_text(text[end]):
            return ""
        return " "

    return WS_RUN.sub(space, text)


def is_hidden(el) -> bool:
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style))


def int_attr(el, name: str, default: int, upper: int) -> int:
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


def table_rows(table) -> list:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows
