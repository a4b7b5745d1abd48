"""Lines back into paragraphs (by indent, enumerators and line length), tables placed among them in
reading order."""

from __future__ import annotations

import re
from collections import Counter

from ...model import Block, Location, RawTable, Span
from ...text.lexicon import ENUMERATOR
from ...text.normalize import normalize_spaces
from ...text.sentences import CLAUSE_END
from .textlayer import Line, Page

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


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


def assemble(pages: list[Page]) -> list:
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
        # most lines of Chinese prose hold no space at all: nothing for the expression to drop
        piece = normalize_spaces(line.text) if " " in line.text or "\u00a0" in line.text else line.text
        joined = _join_lines(text, piece)
        offset = len(joined) - len(piece)
        if not spans or spans[-1].location.page != line.page:
            spans.append(Span(offset, Location(page=line.page)))
        text = joined
    return Block(text, spans)


def finish(item) -> Block | RawTable:
    if isinstance(item, Block):
        return item
    return item.raw
