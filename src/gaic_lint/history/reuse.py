"""How much of one text is found in another: the share of its characters covered by passages of at
least `min_run` characters that also occur in the other text, after the template's fixed wording,
figures and dates are stripped (otherwise two unrelated bodies share ~0.44 of their text, all of it the
template). Linear: every `min_run`-character window of last year's text goes into a set, every window of
this year's text is looked up once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Figures and dates (2024年1月1日, 36件, 12.5%), numbered list markers, and everything that is not a
# letter: what is left is the wording an author chose.
_FIGURES = re.compile(r"\d+(?:\.\d+)?\s*(?:年度|年|月|日|%|％)?|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]")
_KEEP = re.compile(r"\w")


@dataclass(frozen=True)
class Text:
    """A stretch of report text stripped for comparing, and where each kept character came from."""

    chars: str
    # For each kept character: (index of the paragraph in `sources`, offset in that paragraph).
    origin: tuple[tuple[int, int], ...]


def strip(paragraphs: Sequence[str], fixed: Sequence[str]) -> Text:
    """Keep what the author wrote: no template wording (`fixed`, compared after NFKC), no figures, no
    punctuation or spaces."""
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    # Phrases are matched with the spaces taken out: a PDF copy breaks lines and spaces words anywhere.
    phrases = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", f)) for f in fixed]
    for index, paragraph in enumerate(paragraphs):
        text = unicodedata.normalize("NFKC", paragraph)
        if len(text) != len(paragraph):  # NFKC changed the length: offsets would drift, keep the original
            text = paragraph
        at = [k for k, ch in enumerate(text) if not ch.isspace()]
        compact = "".join(text[k] for k in at)
        dropped = [False] * len(compact)
        for phrase in phrases:
            start = compact.find(phrase)
            while start >= 0:
                dropped[start:start + len(phrase)] = [True] * len(phrase)
                start = compact.find(phrase, start + len(phrase))
        for m in _FIGURES.finditer(compact):
            dropped[m.start():m.end()] = [True] * (m.end() - m.start())
        for k, ch in enumerate(compact):
            if not dropped[k] and _KEEP.match(ch) and not ch.isdigit():
                chars.append(ch)
                origin.append((index, at[k]))
    return Text("".join(chars), tuple(origin))


def windows(text: Text, size: int) -> dict[str, int]:
    """Every `size`-character window of `text` → where it first starts."""
    out: dict[str, int] = {}
    s = text.chars
    for i in range(len(s) - size + 1):
        out.setdefault(s[i:i + size], i)
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
    covered = [False] * len(s)
    first: dict[int, int] = {}
    for i in range(len(s) - size + 1):
        hit = known.get(s[i:i + size])
        if hit is not None:
            covered[i:i + size] = [True] * size
            first.setdefault(i, hit)
    runs: list[Passage] = []
    i = 0
    while i < len(s):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j < len(s) and covered[j]:
            j += 1
        runs.append(Passage(i, j, first.get(i, 0)))
        i = j
    share = sum(covered) / len(s)
    runs.sort(key=lambda p: p.start - p.end)
    return share, runs


_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


def sentences(paragraphs: Sequence[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, offset, sentence) of every sentence that has words in it."""
    return [(i, m.start(), m.group()) for i, p in enumerate(paragraphs) for m in _SENTENCE.finditer(p)
            if any(_KEEP.match(ch) and not ch.isdigit() for ch in m.group())]
