"""Ruled tables from edges: the same grid rules pdfplumber's table finder applies ("lines" strategy,
its default tolerances), on edges and characters read from pdfium instead of pdfminer.

Edges are (orientation, x0, top, x1, bottom) in top-down page coordinates; a horizontal edge has
top == bottom, a vertical one x0 == x1. Characters are (text, x0, top, x1, bottom). Keeping the rules
identical is what lets the two readers be checked against each other cell by cell.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict

SNAP = 3.0
JOIN = 3.0
INTERSECTION = 3.0
MIN_LENGTH = 3.0
MIN_LENGTH_PREFILTER = 1.0
TEXT_TOLERANCE = 3.0

Edge = tuple  # (orientation, x0, top, x1, bottom)
Box = tuple  # (x0, top, x1, bottom)


def _length(edge: Edge) -> float:
    return edge[4] - edge[2] if edge[0] == "v" else edge[3] - edge[1]


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """Value -> cluster number, chaining sorted distinct values no more than `tolerance` apart."""
    result: dict[float, int] = {}
    number, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            number += 1
        result[value] = number
        last = value
    return result


def _snap(edges: list[Edge], index: int, tolerance: float) -> list[Edge]:
    """Move edges whose position (x0 of a vertical, top of a horizontal) is within `tolerance` of
    another's to the mean position of their cluster."""
    cluster_of = _clusters([e[index] for e in edges], tolerance)
    groups: dict[int, list[Edge]] = defaultdict(list)
    for edge in sorted(edges, key=lambda e: cluster_of[e[index]]):
        groups[cluster_of[edge[index]]].append(edge)
    snapped = []
    for number in sorted(groups):
        group = groups[number]
        mean = sum(e[index] for e in group) / len(group)
        for o, x0, top, x1, bottom in group:
            if o == "v":
                shift = mean - x0
                snapped.append((o, x0 + shift, top, x1 + shift, bottom))
            else:
                shift = mean - top
                snapped.append((o, x0, top + shift, x1, bottom + shift))
    return snapped


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    """Edges on one line that touch or nearly touch become one."""
    lo, hi = (1, 3) if orientation == "h" else (2, 4)
    ordered = sorted(edges, key=lambda e: e[lo])
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[lo] <= last[hi] + JOIN:
            if edge[hi] > last[hi]:
                extended = list(last)
                extended[hi] = edge[hi]
                joined[-1] = tuple(extended)
        else:
            joined.append(edge)
    return joined


def merge_edges(edges: list[Edge]) -> list[Edge]:
    edges = [e for e in edges if _length(e) >= MIN_LENGTH_PREFILTER]
    vertical = _snap([e for e in edges if e[0] == "v"], 1, SNAP)
    horizontal = _snap([e for e in edges if e[0] == "h"], 2, SNAP)
    merged: list[Edge] = []
    for key, group in itertools.groupby(sorted(vertical + horizontal, key=_line_of), key=_line_of):
        merged.extend(_join(list(group), key[0]))
    return [e for e in merged if _length(e) >= MIN_LENGTH]


def _line_of(edge: Edge) -> tuple[str, float]:
    return (edge[0], edge[2] if edge[0] == "h" else edge[1])


def _intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    points: dict[tuple[float, float], tuple[set, set]] = {}
    vertical = sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2]))
    horizontal = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    tops = [h[2] for h in horizontal]
    for v in vertical:
        # only the horizontals whose line passes within reach of this vertical's span
        start = bisect.bisect_left(tops, v[2] - INTERSECTION)
        end = bisect.bisect_right(tops, v[4] + INTERSECTION, start)
        for h in horizontal[start:end]:
            if (v[2] <= h[2] + INTERSECTION and v[4] >= h[2] - INTERSECTION
                    and h[1] - INTERSECTION <= v[1] <= h[3] + INTERSECTION):
                vs, hs = points.setdefault((v[1], h[2]), (set(), set()))
                vs.add(v[1:])
                hs.add(h[1:])
    return points


def _cells(points: dict[tuple[float, float], tuple[set, set]]) -> list[Box]:
    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and points[p1][0] & points[p2][0]:
            return True
        return p1[1] == p2[1] and bool(points[p1][1] & points[p2][1])

    ordered = sorted(points)
    # Points sharing an x (or a top), in sorted order: what lies directly below (or right of) a point.
    columns: dict[float, list] = defaultdict(list)
    rows: dict[float, list] = defaultdict(list)
    for point in ordered:
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    cells = []
    for point in ordered:
        column, row = columns[point[0]], rows[point[1]]
        below = column[bisect.bisect_right(column, point):]
        right = row[bisect.bisect_right(row, point):]
        cell = _smallest_cell(point, below, right, points, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point, below, right, points, connects) -> Box | None:
    for below_point in below:
        if not connects(point, below_point):
            continue
        for right_point in right:
            if not connects(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in points and connects(corner, right_point) and connects(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _group_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells that share a corner belong to one table (pdfplumber's grouping, kept in its order)."""
    remaining = list(cells)
    corners: set = set()
    current: list[Box] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            mine = ((cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3]))
            if not current or any(c in corners for c in mine):
                corners.update(mine)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_grids(edges: list[Edge]) -> list[tuple[Box, list[list[Box | None]]]]:
    """Every ruled table as (its box, its rows of cell boxes; None where a merged cell covers)."""
    cells = _cells(_intersections(merge_edges(edges)))
    grids = []
    for table in _group_tables(cells):
        xs = sorted({c[0] for c in table})
        rows = []
        for _, row_cells in itertools.groupby(sorted(table, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            by_x = {c[0]: c for c in row_cells}
            rows.append([by_x.get(x) for x in xs])
        box = (min(c[0] for c in table), min(c[1] for c in table),
               max(c[2] for c in table), max(c[3] for c in table))
        grids.append((box, rows))
    return grids


class CharIndex:
    """The page's characters ordered by their vertical middle, so a cell looks only at its own band."""

    def __init__(self, chars: list) -> None:
        placed = sorted(((c[2] + c[4]) / 2, (c[1] + c[3]) / 2, c) for c in chars)
        self.middles = [m for m, _, _ in placed]
        self.placed = placed

    def within(self, box: Box) -> list:
        start = bisect.bisect_left(self.middles, box[1])
        end = bisect.bisect_left(self.middles, box[3], start)
        return [c for _, x, c in self.placed[start:end] if box[0] <= x < box[2]]


def text_in(chars: CharIndex, box: Box) -> str:
    """The characters whose middle lies in `box`, as lines of words: a line is a run of tops no more
    than 3 pt apart, a word ends at a space or a gap over 3 pt (pdfplumber's extract_text)."""
    inside = chars.within(box)
    if not inside:
        return ""
    line_of = _clusters([c[2] for c in inside], TEXT_TOLERANCE)
    lines: dict[int, list] = defaultdict(list)
    for char in inside:
        lines[line_of[char[2]]].append(char)
    out = []
    for number in sorted(lines):
        text, last_x1, spaced = "", 0.0, False
        for char in sorted(lines[number], key=lambda c: c[1]):
            if char[0].isspace():
                spaced = bool(text)
                continue
            if text and (spaced or char[1] > last_x1 + TEXT_TOLERANCE):
                text += " "
            text += char[0]
            last_x1, spaced = char[3], False
        out.append(text)
    return "\n".join(out)
