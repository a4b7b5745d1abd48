"""Which report of a batch is last year's report of the same body: same body (`agency.same_body`: one
spelling, place prefixes) and the year before. Never a guess: without both the body and the year, or
without a candidate, a report has no pair."""

from __future__ import annotations

from collections.abc import Sequence

from ..agency import body_key, default_words, keys_match

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from ..batchrules import BatchItem


_LAST: list = [None, None]


def pairs(items: Sequence[BatchItem]) -> dict[str, BatchItem]:
    """Path of each report that is reported on → the item used as its last year's report. Every batch
    rule asks for the same batch; it is paired once."""
    if _LAST[0] is items and _LAST[1] is not None:
        return _LAST[1]
    _LAST[:] = [items, _pair(items)]
    return _LAST[1]


def _pair(items: Sequence[BatchItem]) -> dict[str, BatchItem]:
    words = default_words()
    by_year: dict[int, list[tuple[str, BatchItem]]] = {}
    keys: dict[int, tuple[str, int]] = {}
    for item in items:
        s = item.summary
        if s.agency and s.year:
            key = body_key(s.agency, words)
            by_year.setdefault(s.year, []).append((key, item))
            keys[id(item)] = (key, s.year)
    out: dict[str, BatchItem] = {}
    for item in items:
        if item.history_only or id(item) not in keys:
            continue
        key, year = keys[id(item)]
        candidates = [c for k, c in by_year.get(year - 1, ()) if k == key]
        if not candidates:
            candidates = [c for k, c in by_year.get(year - 1, ()) if keys_match(key, k, words)]
        if candidates:
            out[item.path] = _closest(item, candidates)
    return out


def _closest(item: BatchItem, candidates: list[BatchItem]) -> BatchItem:
    # One body's report often exists in several copies (the page and its PDF): prefer the copy in the
    # same format, then the one in the same folder, then the first by name, so the choice is stable.
    from pathlib import Path  # only where reports are compared

    suffix, folder = Path(item.path).suffix.lower(), str(Path(item.path).parent)
    return min(candidates, key=lambda c: (Path(c.path).suffix.lower() != suffix,
                                          str(Path(c.path).parent) != folder, c.path))


def unpaired(items: Sequence[BatchItem], found: dict[str, BatchItem]) -> int:
    """How many reports checked in the batch had no last year's report."""
    return sum(1 for item in items if not item.history_only and item.path not in found)
