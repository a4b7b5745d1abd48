"""Page furniture: page numbers and running headers and footers are not text of the report."""

from __future__ import annotations

import re
from collections import Counter

from ...text.lexicon import is_page_number
from .textlayer import Line, Page


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_page_furniture(pages: list[Page]) -> None:
    """Page numbers and running headers/footers are not text of the report."""
    repeated: set[str] = set()
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for page in pages:
            keys = {_furniture_key(line.text) for line in page.lines if in_margin(line, page)}
            seen.update(keys)
        repeated = {key for key, n in seen.items() if n >= max(3, len(pages) // 2)}
    for page in pages:
        kept = []
        for line in page.lines:
            if is_page_number(line.text, bare=in_margin(line, page)):
                continue
            if repeated and in_margin(line, page) and _furniture_key(line.text) in repeated:
                continue
            kept.append(line)
        page.lines = kept


def in_margin(line: Line, page: Page) -> bool:
    return line.bottom < page.height * 0.1 or line.top > page.height * 0.9
