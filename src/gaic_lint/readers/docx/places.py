"""Locations of Word paragraphs and table slots, each made once per process: locations are frozen,
so one object serves every report, and making one costs about a microsecond."""

from __future__ import annotations

from ...model import Location, RawCell

SLOTS: dict[tuple[int, int, int], Location] = {}
_PARAGRAPHS: dict[int, Location] = {}
_MAX = 8192  # each: some 6 MB; real reports use a few thousand slots and paragraphs


def slot(table: int, row: int, col: int) -> Location:
    """Location(table=…, row=…, col=…), kept in `SLOTS`: a table has hundreds of slots, and the same
    ones from report to report. Callers look a slot up in `SLOTS` themselves first, in place."""
    found = Location(table=table).but(row=row, col=col)
    if len(SLOTS) < _MAX:
        SLOTS[(table, row, col)] = found
    return found


def paragraph_place(number: int) -> Location:
    """Location(paragraph=number), kept like the slots."""
    found = _PARAGRAPHS.get(number)
    if found is None:
        found = Location(paragraph=number)
        if len(_PARAGRAPHS) < _MAX:
            _PARAGRAPHS[number] = found
    return found


def covered(table: int, row: int, col: int) -> RawCell:
    """An empty slot covered by a span, a merge or a skip."""
    return RawCell("", SLOTS.get((table, row, col)) or slot(table, row, col), True)
