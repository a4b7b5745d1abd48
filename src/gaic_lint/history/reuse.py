"""How much of one text is found in another: the share of its characters covered by passages of at
least `min_run` characters that also occur in the other text, after the template's fixed wording,
figures and dates are stripped (otherwise two unrelated bodies share ~0.44 of their text, all of it the
template). Linear: every `min_run`-character window of last year's text goes into a dict, every window of
this year's text is looked up once; stripping works on runs of letters, not character by character."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from ..records import record

# Dates (the 年/月/日 after a figure; the figures themselves go with the punctuation) and numbered list
# markers ("一是", "（三）"): what is left, letters only, is the wording an author chose.
_FIGURES = re.compile(r"(?<=\d)(?:年度|年|月|日)|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[）)]")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ENDS = re.compile(r"[。！？；!?;]")
_SEP = "\ue000"  # between paragraphs: a private-use character, neither letter nor space, in no pattern
# Two passes, each a single character class, are quicker than one alternation.
_NOT_WORD_NOR_BREAKS = re.compile(r"[^\w\n\ue000]+")
_DIGITS = re.compile(r"[\d_]+")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


@record
class Piece:
    """One paragraph as stripped: where its letters start in the report's stripped text, the paragraph
    without its spaces (template wording and figures blanked, punctuation kept), the spaces' offsets,
    and how many letters each of its sentences kept."""

    start: int
    paragraph: int
    cleaned: str
    text: str  # the paragraph as written, for finding offsets in it
    sentences: tuple[int, ...]

    @property
    def spaces(self) -> list[int]:
        return [m.start() for m in _SPACE.finditer(self.text)]

    def written(self, offset: int) -> int:
        """An offset in `cleaned` as an offset in the paragraph as written."""
        for space in self.spaces:
            if space <= offset:
                offset += 1
            else:
                break
        return offset


@record
class Text:
    """Report text stripped for comparing (letters only), and where its characters came from."""

    chars: str
    pieces: tuple[Piece, ...]
    # Where `chars` starts in the whole report's stripped text (a part is a slice of it).
    base: int = 0

    def _piece(self, root: int) -> Piece:
        return self.pieces[bisect.bisect_right(self.pieces, root, key=lambda p: p.start) - 1]

    def place(self, index: int) -> tuple[int, int]:
        """(paragraph, offset as written) of the character at `index`."""
        piece = self._piece(index + self.base)
        left = index + self.base - piece.start
        for m in _LETTERS.finditer(piece.cleaned):
            if left < m.end() - m.start():
                return piece.paragraph, piece.written(m.start() + left)
            left -= m.end() - m.start()
        return piece.paragraph, piece.written(len(piece.cleaned))

    def slice(self, paragraphs: range) -> Text:
        """The characters that came from these paragraphs (consecutive)."""
        first = bisect.bisect_left(self.pieces, paragraphs.start, key=lambda p: p.paragraph)
        last = bisect.bisect_left(self.pieces, paragraphs.stop, key=lambda p: p.paragraph)
        end = self.base + len(self.chars)
        lo = self.pieces[first].start if first < len(self.pieces) else end
        hi = self.pieces[last].start if last < len(self.pieces) else end
        return Text(self.chars[lo - self.base:hi - self.base], self.pieces[first:last], lo)

    def start_of(self, paragraph: int, offset: int) -> int:
        """Index of the first character at or after (paragraph, offset as written)."""
        for piece in self.pieces:
            if piece.paragraph < paragraph:
                continue
            if piece.paragraph > paragraph:
                return piece.start - self.base
            compact = offset - sum(1 for s in piece.spaces if s < offset)
            return piece.start + len(_NOT_LETTERS.sub("", piece.cleaned[:compact])) - self.base
        return len(self.chars)


_TO_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TO_FULL = {c - 0xFEE0: c for c in range(0xFF01, 0xFF5F)}


@lru_cache(maxsize=8)
def _dropped(fixed: tuple[str, ...]) -> re.Pattern:
    # The template's phrases, longest first, matched on the text with its spaces taken out (a PDF copy
    # breaks lines and spaces words anywhere); each also in half and in full width ("(一)", "（一）"), as
    # literals, which the engine matches far faster than character classes.
    words = {re.sub(r"\s+", "", f) for f in fixed}
    words |= {w.translate(_TO_HALF) for w in words} | {w.translate(_TO_FULL) for w in words}
    ordered = sorted(words - {""}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered) or "(?!)")


def _blank(m: re.Match) -> str:
    return "\0" * (m.end() - m.start())


def strip(paragraphs: Sequence[str], fixed: Sequence[str]) -> Text:
    """Keep what the author wrote: no template wording (`fixed`, in full or half width), no figures, no
    punctuation or spaces. The whole report goes through each regular expression once,
    its paragraphs joined by a separator no pattern crosses; Python only splits the results."""
    dropped = _dropped(tuple(fixed))
    written = _SEP.join(p.replace(_SEP, " ") for p in paragraphs)
    cleaned = _FIGURES.sub(_blank, dropped.sub(_blank, _SPACE.sub("", written)))
    # The letters, with a line break where a sentence ends: the letters per sentence come for free.
    broken = _DIGITS.sub("", _NOT_WORD_NOR_BREAKS.sub("", _ENDS.sub("\n", cleaned)))
    pieces: list[Piece] = []
    letters: list[str] = []
    length = 0
    for index, (text, clean, kept) in enumerate(zip(written.split(_SEP), cleaned.split(_SEP), broken.split(_SEP))):
        counts = [len(s) for s in kept.split("\n")]
        kept = kept.replace("\n", "")
        if not kept:
            continue
        pieces.append(Piece(length, index, clean, text, tuple(counts)))
        letters.append(kept)
        length += len(kept)
    return Text("".join(letters), tuple(pieces))


def told(text: Text, least: int) -> int:
    """How many sentences of `text` kept at least `least` letters: the sentences of narrative, not a
    table label or a figure."""
    return sum(1 for piece in text.pieces for n in piece.sentences if n >= least)


def windows(text: Text, size: int) -> dict[str, int]:
    """Every `size`-character window of `text` → where it first starts."""
    s = text.chars
    # Backwards, so that the first start of a repeated window is the one kept.
    return {s[i:i + size]: i for i in range(len(s) - size, -1, -1)}


@record
class Passage:
    start: int  # in this year's stripped text
    end: int
    other: int  # where it starts in last year's stripped text


def copied(this: Text, known: dict[str, int], size: int) -> tuple[float, list[Passage]]:
    """The share of `this` covered by windows found in `known` (from `windows`), and the covered runs,
    longest first."""
    s = this.chars
    if not s:
        return 0.0, []
    hits = [i for i in range(len(s) - size + 1) if s[i:i + size] in known]
    runs: list[Passage] = []
    start = end = -1
    for i in hits:
        if i > end:  # a new run: the windows so far do not touch it
            if start >= 0:
                runs.append(Passage(start, end, known[s[start:start + size]]))
            start = i
        end = i + size
    if start >= 0:
        runs.append(Passage(start, end, known[s[start:start + size]]))
    share = sum(p.end - p.start for p in runs) / len(s)
    runs.sort(key=lambda p: p.start - p.end)
    return share, runs


def sentences(paragraphs: Sequence[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, offset, sentence) of every sentence that has words in it."""
    return [(i, m.start(), m.group()) for i, p in enumerate(paragraphs) for m in _SENTENCE.finditer(p)
            if _LETTERS.search(m.group())]
