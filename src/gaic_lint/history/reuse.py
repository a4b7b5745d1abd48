"""How much of one text is found in another: the share of its characters covered by passages of at
least `min_run` characters that also occur in the other text, after the template's fixed wording,
figures and dates are stripped (otherwise two unrelated bodies share ~0.44 of their text, all of it the
template). Linear: every `min_run`-character window of last year's text goes into a dict, every window of
this year's text is looked up once; stripping works on runs of letters, not character by character."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Figures and dates (2024年1月1日, 36件, 12.5%), numbered list markers ("一是", "（三）"): what is left,
# letters only, is the wording an author chose.
_FIGURES = re.compile(r"\d+(?:\.\d+)?(?:年度|年|月|日|%|％)?|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


@dataclass(frozen=True)
class Text:
    """Report text stripped for comparing, and where its characters came from."""

    chars: str
    # (index in `chars`, paragraph, offset in the paragraph without its spaces) of each run of letters.
    runs: tuple[tuple[int, int, int], ...]
    # Offsets of the spaces taken out of each paragraph, to find a character in the paragraph as written.
    spaces: tuple[tuple[int, ...], ...] = ()

    def place(self, index: int) -> tuple[int, int]:
        """(paragraph, offset as written) of the character at `index`."""
        k = bisect.bisect_right(self.runs, (index, float("inf"))) - 1
        start, paragraph, offset = self.runs[k]
        offset += index - start
        for space in self.spaces[paragraph] if paragraph < len(self.spaces) else ():
            if space <= offset:
                offset += 1
            else:
                break
        return paragraph, offset

    def slice(self, paragraphs: range) -> Text:
        """The characters that came from these paragraphs (consecutive)."""
        lo = next((s for s, p, _ in self.runs if p >= paragraphs.start), len(self.chars))
        hi = next((s for s, p, _ in self.runs if p >= paragraphs.stop), len(self.chars))
        runs = tuple((s - lo, p, o) for s, p, o in self.runs if lo <= s < hi)
        return Text(self.chars[lo:hi], runs, self.spaces)

    def start_of(self, paragraph: int, offset: int) -> int:
        """Index of the first run of letters at or after (paragraph, offset as written)."""
        return next((start for start, _, _ in self.runs if self.place(start) >= (paragraph, offset)), len(self.chars))


@lru_cache(maxsize=8)
def _phrases(fixed: tuple[str, ...]) -> re.Pattern | None:
    # One alternation, longest phrase first, matched on the text with its spaces taken out: a PDF copy
    # breaks lines and spaces words anywhere.
    words = sorted({re.sub(r"\s+", "", unicodedata.normalize("NFKC", f)) for f in fixed} - {""}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _blank(m: re.Match) -> str:
    return "\0" * (m.end() - m.start())


def strip(paragraphs: Sequence[str], fixed: Sequence[str]) -> Text:
    """Keep what the author wrote: no template wording (`fixed`, compared after NFKC), no figures, no
    punctuation or spaces."""
    pieces: list[str] = []
    runs: list[tuple[int, int, int]] = []
    spaces: list[tuple[int, ...]] = []
    phrases = _phrases(tuple(fixed))
    length = 0
    for index, paragraph in enumerate(paragraphs):
        text = paragraph if unicodedata.is_normalized("NFKC", paragraph) else unicodedata.normalize("NFKC", paragraph)
        if len(text) != len(paragraph):  # NFKC changed the length: offsets would drift, keep the original
            text = paragraph
        spaces.append(tuple(m.start() for m in _SPACE.finditer(text)))
        compact = _SPACE.sub("", text) if spaces[-1] else text
        if phrases is not None:
            compact = phrases.sub(_blank, compact)
        compact = _FIGURES.sub(_blank, compact)
        for m in _LETTERS.finditer(compact):
            runs.append((length, index, m.start()))
            pieces.append(m.group())
            length += m.end() - m.start()
    return Text("".join(pieces), tuple(runs), tuple(spaces))


def told(paragraphs: Sequence[str], text: Text, least: int) -> int:
    """How many sentences of `paragraphs` keep at least `least` characters in `text` (their `strip`):
    the sentences of narrative, not a table label or a figure. A run of letters never crosses the
    punctuation that ends a sentence, so runs are counted, not characters."""
    ends = {}
    counts: dict[tuple[int, int], int] = {}
    for k, (start, _, _) in enumerate(text.runs):
        length = (text.runs[k + 1][0] if k + 1 < len(text.runs) else len(text.chars)) - start
        paragraph, offset = text.place(start)
        if paragraph not in ends:
            ends[paragraph] = [m.end() for m in _SENTENCE.finditer(paragraphs[paragraph])]
        key = (paragraph, bisect.bisect_right(ends[paragraph], offset))
        counts[key] = counts.get(key, 0) + length
    return sum(1 for n in counts.values() if n >= least)


def windows(text: Text, size: int) -> dict[str, int]:
    """Every `size`-character window of `text` → where it first starts."""
    out: dict[str, int] = {}
    s = text.chars
    for i in range(len(s) - size, -1, -1):  # backwards, so the first start wins without a test
        out[s[i:i + size]] = i
    return out


@dataclass(frozen=True)
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
    runs: list[Passage] = []
    start = end = other = -1
    get = known.get
    for i in range(len(s) - size + 1):
        hit = get(s[i:i + size])
        if hit is None:
            continue
        if i > end:  # a new run: the windows so far do not touch it
            if end > start >= 0:
                runs.append(Passage(start, end, other))
            start, other = i, hit
        end = i + size
    if end > start >= 0:
        runs.append(Passage(start, end, other))
    share = sum(p.end - p.start for p in runs) / len(s)
    runs.sort(key=lambda p: p.start - p.end)
    return share, runs


def sentences(paragraphs: Sequence[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, offset, sentence) of every sentence that has words in it."""
    return [(i, m.start(), m.group()) for i, p in enumerate(paragraphs) for m in _SENTENCE.finditer(p)
            if _LETTERS.search(m.group())]
