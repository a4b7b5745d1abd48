"""doubled-word: a word written twice in a row ("公开公开"), outside tables and quotations."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import Severity
from ...rulebook.schema import DoubledWords
from ...text.sentences import SentenceIndex
from ..base import Rule, RuleMeta, quote

_HAN = "\u4e00-\u9fff"


@lru_cache(maxsize=4)
def _pattern(low: int, high: int) -> re.Pattern:
    # The shortest word first at each place: "公开公开公开" is "公开" doubled (once), not a longer word.
    return re.compile(rf"([{_HAN}]{{{low},{high}}}?)\1")


def mask_quotes(text: str, quotes: tuple[tuple[str, str], ...]) -> str:
    """The text with every quoted stretch blanked out, offsets kept."""
    spans = []
    for open_, close in quotes:
        # From each opening mark to the first closing mark after it; an opening mark inside a quoted
        # stretch is part of it, one left open at the end masks nothing.
        start = text.find(open_)
        while start >= 0:
            end = text.find(close, start + 1)
            if end < 0:
                break
            spans.append((start, end + 1))
            start = text.find(open_, end + 1)
    if not spans:
        return text
    # The text rebuilt from its pieces, not character by character: most paragraphs quote something.
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end > at:
            start = max(start, at)
            pieces += [text[at:start], " " * (end - start)]
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


def deliberate(word: str, words: DoubledWords) -> bool:
    """Repetition Chinese uses on purpose: ABAB verbs (研究研究), 一X一X (一步一步), and runs of
    reduplicated words (人人 written next to 人人, AA or AABB forms), which are not a slip of one word."""
    if word + word in words.deliberate or word in words.reduplicated:
        return True
    if word[0] in words.deliberate_heads:
        return True
    if len(set(word)) == 1:
        return True
    return len(word) == 4 and word[0] == word[1] and word[2] == word[3]


_PUNCTUATION = re.compile("[，。；：、！？,;:!?]")


def doubled_words(text: str, words: DoubledWords, breaks: tuple[int, ...] = ()) -> list[tuple[int, str]]:
    """(offset, word) for each word written twice in a row. `breaks` are the offsets where the text
    continues from another source line; a word is never doubled across one of them."""
    if not _PUNCTUATION.search(text):
        return []  # no line of it can be running text (below): a heading, a title
    masked = mask_quotes(text, words.quotes)
    found = []
    inner = [b for b in breaks if 0 < b < len(text)]
    # Most paragraphs are one source line (every Word paragraph): one piece, the whole text.
    bounds = [0, *sorted(inner), len(text)] if inner else (0, len(text))
    for start, end in zip(bounds, bounds[1:]):
        piece = masked[start:end]
        if not _PUNCTUATION.search(piece):
            # A line without any punctuation is a heading or, far more often, header cells of a table
            # the reader could not rebuild ("结果结果其他尚未"): not running text.
            continue
        for m in _pattern(words.min_length, words.max_length).finditer(piece):
            if not deliberate(m.group(1), words):
                found.append((start + m.start(), m.group(1)))
    return found


class DoubledWord(Rule):
    meta = RuleMeta(
        code="W003",
        name="doubled-word",
        summary="同一个词连写两遍",
        severity=Severity.INFO,
        what="检查正文中同一个两字及以上的词连续写了两遍（如“资金资金”“公开公开”），这通常是修改时留下的重复。"
        "表格单元格、引号和书名号内的文字、没有任何标点的一行（多为未能还原成表格的表头）不检查；汉语有意使用的重叠（常常、人人、一一、研究研究、一步一步、"
        "AABB 式）不报告，这些词在规则库 substance.toml 中。",
        why="年度报告是对外公开的正式文件，重复的词语是明显的文字差错，影响报告的规范性和严肃性。",
        example="全年共主动公开公开政府信息1200条。",
        use_instead="全年共主动公开政府信息1200条。",
        fixable=False,
    )

    def check(self, report, ctx):
        words = ctx.rulebook.substance.doubled
        for _, paragraph in report.paragraphs():
            text = paragraph.text
            found = doubled_words(text, words, tuple(span.offset for span in paragraph.block.spans))
            if not found:
                continue
            sentences = SentenceIndex(text)
            for offset, word in found:
                sentence = sentences.around(offset)
                yield self.diagnostic(
                    f"{quote(word + word)}把“{word}”连写了两遍，应为“{word}”",
                    paragraph.location_at(offset),
                    evidence=f"所在句子：{quote(sentence, 80)}",
                    context=text,
                )
