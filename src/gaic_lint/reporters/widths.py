"""How many columns a piece of text takes on a terminal: CJK characters (East Asian width W or F) two,
every other one."""

from __future__ import annotations

import unicodedata


class _Widths(dict):
    """Each character's width, worked out on first sight: the text output measures every quoted
    line and every cell of the verdict table, character by character, and a report has a few thousand
    distinct characters. Bounded: a text of every character of Unicode is measured, not all remembered."""

    def __missing__(self, ch: str) -> int:
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if len(self) < 65536:
            self[ch] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    if text.isascii():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))
