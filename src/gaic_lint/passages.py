"""Passages two texts share, found by hashing overlapping runs of characters (shingles).

Texts are compared in a folded form: width folded (NFKC), only letters and digits kept, every run of
digits one placeholder — so that a copied passage whose figures, spaces or punctuation were changed is
still one passage. Offsets given back are offsets into the original texts.

The work is linear in the texts' lengths: each shingle is hashed once and looked up in a dict; runs
of consecutive matching shingles are merged into passages. `Index` does the same across many texts
to pick the pairs worth comparing, so a batch is not compared pair by pair."""

from __future__ import annotations

import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence

from .records import field, record

DIGITS = "#"


@record
class Folded:
    """A text in its folded form, with the offset in the original text of each folded character."""

    text: str
    offsets: array  # of unsigned ints: a batch keeps one per report, a tuple of ints is 9 times larger
    source: str
    # Shingles by size, and where each shingle lies by (size, ignored hashes): a batch compares one
    # text with many others, which must not hash it again for each pair.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def shingled(self, size: int) -> tuple[array, array]:
        """Positions and hashes of `shingles(self, size)`, computed once."""
        found = self._memo.get(size)
        if found is None:
            positions, hashes = array("L"), array("L")
            for pos, h in shingles(self, size):
                positions.append(pos)
                hashes.append(h)
            found = self._memo[size] = (positions, hashes)
        return found

    def where(self, size: int, ignore: frozenset[int]) -> dict[int, list[int]]:
        """Hash -> its first positions (at most 8) for the shingles not in `ignore`, computed once."""
        key = (size, ignore)
        found = self._memo.get(key)
        if found is None:
            found = {}
            positions, hashes = self.shingled(size)
            for pos, h in zip(positions, hashes):
                if h not in ignore:
                    bucket = found.setdefault(h, [])
                    if len(bucket) < 8:  # a shingle repeated all over one text says nothing about copying
                        bucket.append(pos)
            self._memo[key] = found
        return found

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded range [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def fold(text: str, breaks: str = "\n") -> Folded:
    """Fold `text`; a character of `breaks` becomes a barrier no passage crosses."""
    out: list[str] = []
    offsets = array("L")
    in_digits = False
    classes = _CLASSES
    for i, ch in enumerate(text):
        if ch in breaks:
            out.append("\0")
            offsets.append(i)
            in_digits = False
            continue
        kept = classes.get(ch)
        if kept is None:
            kept = _classify(ch)
        for c in kept:
            if c is None:
                if not in_digits:
                    out.append(DIGITS)
                    offsets.append(i)
                in_digits = True
            else:
                out.append(c)
                offsets.append(i)
                in_digits = False
    return Folded("".join(out), offsets, text)


# Each character's folded form as kept by `fold`: a letter as itself, a digit as None. A report has a
# few thousand distinct characters; a hostile text with more is classified afresh past the bound.
_CLASSES: dict[str, tuple[str | None, ...]] = {}
_MAX_CLASSES = 65536


def _classify(ch: str) -> tuple[str | None, ...]:
    kept = tuple(None if c.isdigit() else c for c in unicodedata.normalize("NFKC", ch)
                 if c.isdigit() or c.isalpha())
    if len(_CLASSES) < _MAX_CLASSES:
        _CLASSES[ch] = kept
    return kept


def shingles(folded: Folded, size: int) -> Iterable[tuple[int, int]]:
    """(position, hash) of each run of `size` folded characters that crosses no barrier."""
    text = folded.text
    barrier = -1
    for end in range(len(text)):
        if text[end] == "\0":
            barrier = end
            continue
        start = end - size + 1
        if start > barrier:
            yield start, zlib.crc32(text[start:end + 1].encode("utf-8"))


@record
class Passage:
    """A passage found in both texts: [a_start, a_end) of the first, [b_start, b_end) of the second,
    as original offsets; `length` counts folded characters."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    length: int


def shared_passages(a: Folded, b: Folded, size: int = 16, min_length: int = 40,
                    ignore: frozenset[int] = frozenset()) -> list[Passage]:
    """The passages of at least `min_length` folded characters that `a` and `b` share, longest runs
    first merged, in the order they appear in `a`. Shingle hashes in `ignore` (wording every text has)
    match nothing."""
    where = b.where(size, ignore)
    # A run of shingles matching at consecutive positions of both texts lies on one diagonal
    # (b position − a position); each diagonal's open run is extended or closed as `a` is scanned.
    open_runs: dict[int, tuple[int, int]] = {}  # diagonal -> (first a position, last a position)
    found: list[tuple[int, int, int]] = []  # (a start, b start, shingles in run)
    positions, hashes = a.shingled(size)
    for pos, h in zip(positions, hashes):
        for j in where.get(h, ()):
            diagonal = j - pos
            run = open_runs.get(diagonal)
            if run is not None and run[1] == pos - 1:
                open_runs[diagonal] = (run[0], pos)
                continue
            if run is not None:
                found.append((run[0], run[0] + diagonal, run[1] - run[0] + 1))
            open_runs[diagonal] = (pos, pos)
    for diagonal, (first, last) in open_runs.items():
        found.append((first, first + diagonal, last - first + 1))
    passages: list[Passage] = []
    covered_until = -1
    for sa, sb, count in sorted(found, key=lambda f: (f[0], -f[2])):
        length = count + size - 1
        if length < min_length or sa + length <= covered_until:
            continue
        a0, a1 = a.span(sa, sa + length)
        b0, b1 = b.span(sb, sb + length)
        passages.append(Passage(a0, a1, b0, b1, length))
        covered_until = sa + length
    return passages


class Index:
    """Which texts share shingles, without comparing every pair: each text keeps a sample of its
    shingle hashes (those ≡ 0 mod `every`), and texts sharing at least `min_shared` samples are
    candidates. Samples found in more than `max_share` keys' texts (template wording) count for none.

    A text added again under the same key (the same `Folded`: one report copied under several names)
    is indexed once and stands for all its copies, so many copies cost no pair counting of their own."""

    def __init__(self, size: int = 16, every: int = 4):
        self.size = size
        self.every = every
        self.owners: dict[int, set[int]] = {}
        self.keys: list[str] = []
        self.copies: dict[int, list[int]] = {}  # number of an indexed text -> it and its copies
        self._first: dict[tuple[int, str], tuple[int, Folded]] = {}

    def add(self, folded: Folded, key: str) -> int:
        number = len(self.keys)
        self.keys.append(key)
        first = self._first.get((id(folded), key))
        if first is not None:  # (the Folded is kept in the entry, so its id is not reused)
            self.copies[first[0]].append(number)
            return number
        self._first[(id(folded), key)] = (number, folded)
        self.copies[number] = [number]
        for h in folded.shingled(self.size)[1]:
            if h % self.every == 0:
                self.owners.setdefault(h, set()).add(number)
        return number

    def common(self, max_share: int) -> frozenset[int]:
        """Sampled hashes in the texts of more than `max_share` distinct keys."""
        return frozenset(h for h, owners in self.owners.items()
                         if len({self.keys[o] for o in owners}) > max_share)

    def candidates(self, min_shared: int, ignore: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
        """Pairs (i < j) of texts of different keys that share at least `min_shared` sampled shingles."""
        counts: dict[tuple[int, int], int] = {}
        for h, owners in self.owners.items():
            if h in ignore or len(owners) < 2:
                continue
            ordered = sorted(owners)
            for x, i in enumerate(ordered):
                for j in ordered[x + 1:]:
                    if self.keys[i] != self.keys[j]:
                        counts[(i, j)] = counts.get((i, j), 0) + 1
        # A copy shares exactly what the text it copies shares.
        return sorted((min(a, b), max(a, b)) for (i, j), n in counts.items() if n >= min_shared
                      for a in self.copies[i] for b in self.copies[j])


def quote(text: str, start: int, end: int, width: int = 60) -> str:
    """The passage as a short quotation: its beginning and end when it is long."""
    passage = " ".join(text[start:end].split())
    if len(passage) <= width:
        return passage
    half = width // 2
    return passage[:half] + "……" + passage[-half + 2:]


def total(passages: Sequence[Passage]) -> int:
    return sum(p.length for p in passages)
