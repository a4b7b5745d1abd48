"""Ruled tables from edges: the same grid rules pdfplumber's table finder applies ("lines" strategy,
its default tolerances), on edges and characters read from pdfium instead of pdfminer.

Edges are (orientation, x0, top, x1, bottom) in top-down page coordinates; a horizontal edge has
top == bottom, a vertical one x0 == x1. Characters are (text, x0, top, x1, bottom). Keeping the rules
identical is what lets the two readers be checked against each other cell by cell.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import defaultdict

SNAP = 3.0
JOIN = 3.0
INTERSECTION = 3.0
MIN_LENGTH = 3.0
MIN_LENGTH_PREFILTER = 1.0
TEXT_TOLERANCE = 3.0

Edge = tuple  # (orientation, x0, top, x1, bottom)
Box = tuple  # (x0, top, x1, bottom)


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
    for edge in edges:  # a cluster's edges in their order, as a stable sort by cluster leaves them
        groups[cluster_of[edge[index]]].append(edge)
    position = operator.itemgetter(index)
    snapped = []
    for number in sorted(groups):
        group = groups[number]
        mean = sum(map(position, group)) / len(group)
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
    ordered = sorted(edges, key=operator.itemgetter(lo))
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
    vertical = _snap([e for e in edges if e[0] == "v" and e[4] - e[2] >= MIN_LENGTH_PREFILTER], 1, SNAP)
    horizontal = _snap([e for e in edges if e[0] == "h" and e[3] - e[1] >= MIN_LENGTH_PREFILTER], 2, SNAP)
    merged: list[Edge] = []
    # horizontal lines, then vertical ones, each by position: the order of (orientation, position)
    for orientation, found, position in (("h", horizontal, _TOP_OF), ("v", vertical, _X_OF)):
        for _, line in itertools.groupby(sorted(found, key=position), key=position):
            merged.extend(_join(list(line), orientation))
    return [e for e in merged if (e[4] - e[2] if e[0] == "v" else e[3] - e[1]) >= MIN_LENGTH]


_X_OF = operator.itemgetter(1)
_TOP_OF = operator.itemgetter(2)


def _intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    """Point (x, top) -> (the vertical edges through it, the horizontal ones), each edge by its number:
    merged edges are distinct, so a number stands for its edge and sets of numbers compare faster."""
    points: dict[tuple[float, float], tuple[set, set]] = {}
    vertical = sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2]))
    horizontal = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    tops = [h[2] for h in horizontal]
    for number, (_, x, top, _, bottom) in enumerate(vertical):
        # only the horizontals whose line passes within reach of this vertical's span
        start = bisect.bisect_left(tops, top - INTERSECTION)
        end = bisect.bisect_right(tops, bottom + INTERSECTION, start)
        for other in range(start, end):
            _, left, line, right, _ = horizontal[other]
            if (top <= line + INTERSECTION and bottom >= line - INTERSECTION
                    and left - INTERSECTION <= x <= right + INTERSECTION):
                found = points.get((x, line))
                if found is None:
                    found = points[(x, line)] = (set(), set())
                found[0].add(number)
                found[1].add(other)
    return points


def _cells(points: dict[tuple[float, float], tuple[set, set]]) -> list[Box]:
    ordered = sorted(points)
    # Points sharing an x (or a top), in sorted order: what lies directly below (or right of) a point
    # is the rest of its column (or row) after it.
    columns: dict[float, list] = defaultdict(list)
    rows: dict[float, list] = defaultdict(list)
    places = []
    for point in ordered:
        column, row = columns[point[0]], rows[point[1]]
        places.append((column, len(column), row, len(row)))
        column.append(point)
        row.append(point)
    cells = []
    for point, (column, down, row, across) in zip(ordered, places):
        cell = _smallest_cell(point, column, down + 1, row, across + 1, points)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point, column: list, down: int, row: list, across: int, points) -> Box | None:
    """The smallest cell whose top-left corner is `point`: the first point below it (`column[down:]`)
    on a shared vertical edge, the first right of it (`row[across:]`) on a shared horizontal one,
    closed by a fourth corner on an edge with each. Points below share the point's x and points to the
    right its top, so pdfplumber's two-way "connects" test reduces to one set of edges each time.
    The points to the right are tested only as far as needed: the first usually closes the cell."""
    vertical, horizontal = points[point]
    reached: list = []  # (point, its verticals) of the points to the right tested so far that connect
    untested = across
    while untested < len(row) and not reached:
        right_point = row[untested]
        untested += 1
        if not horizontal.isdisjoint(points[right_point][1]):
            reached.append((right_point, points[right_point][0]))
    if not reached:
        return None
    for below_index in range(down, len(column)):
        below_point = column[below_index]
        below_vertical, below_horizontal = points[below_point]
        if vertical.isdisjoint(below_vertical):
            continue
        k = 0
        while True:
            if k == len(reached):
                if untested == len(row):
                    break
                right_point = row[untested]
                untested += 1
                if horizontal.isdisjoint(points[right_point][1]):
                    continue
                reached.append((right_point, points[right_point][0]))
            right_point, right_vertical = reached[k]
            k += 1
            corner = points.get((right_point[0], below_point[1]))
            if corner is not None and not corner[0].isdisjoint(right_vertical) \
                    and not corner[1].isdisjoint(below_horizontal):
                return (point[0], point[1], right_point[0], below_point[1])
    return None


def _group_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells that share a corner belong to one table: pdfplumber's grouping, which repeats its pass
    over the remaining cells until the table stops growing, i.e. the connected groups of cells
    (found here in one walk), ordered by their top-left cell."""
    by_corner: dict[tuple, list[int]] = defaultdict(list)
    corners = [((c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3])) for c in cells]
    for index, mine in enumerate(corners):
        for corner in mine:
            by_corner[corner].append(index)
    seen = [False] * len(cells)
    tables = []
    for first in range(len(cells)):
        if seen[first]:
            continue
        seen[first] = True
        group, stack = [], [first]
        while stack:
            index = stack.pop()
            group.append(index)
            for corner in corners[index]:
                for other in by_corner[corner]:
                    if not seen[other]:
                        seen[other] = True
                        stack.append(other)
        tables.append([cells[i] for i in sorted(group)])
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_grids(edges: list[Edge], merged: list[Edge] | None = None) -> list[tuple[Box, list[list[Box | None]]]]:
    """Every ruled table as (its box, its rows of cell boxes; None where a merged cell covers).
    `merged`: `merge_edges(edges)` when the caller has it already."""
    cells = _cells(_intersections(merge_edges(edges) if merged is None else merged))
    grids = []
    for table in _group_tables(cells):
        xs = sorted({c[0] for c in table})
        table.sort(key=_TOP_LEFT)
        rows = []
        for _, row_cells in itertools.groupby(table, key=_TOP):
            by_x = {c[0]: c for c in row_cells}
            rows.append([by_x.get(x) for x in xs])
        box = (xs[0], table[0][1], max(c[2] for c in table), max(c[3] for c in table))
        grids.append((box, rows))
    return grids


_TOP_LEFT = operator.itemgetter(1, 0)
_TOP = operator.itemgetter(1)


def placed(chars: list) -> list:
    """(vertical middle, horizontal middle, character) for each of `chars`, as `CharIndex` takes them."""
    return [((c[2] + c[4]) / 2, (c[1] + c[3]) / 2, c) for c in chars]


class CharIndex:
    """The page's characters ordered by their vertical middle, so a cell looks only at its own band;
    a band (the cells of one table row share it) is ordered by horizontal middle once, so each cell
    then finds its own characters by bisection."""

    def __init__(self, placed: list) -> None:
        """`placed`: the page's characters as `placed` (or `pdfium_ruled.page_chars`) gives them,
        sorted here in place."""
        placed.sort()
        self.placed = placed
        # three columns in one step (zip runs in C; a table page has several hundred characters)
        self.middles, self.centres, self.chars = (list(column) for column in zip(*placed)) if placed else ([], [], [])
        self.bands: dict[tuple[int, int], tuple[list, list]] = {}

    def within(self, box: Box) -> list:
        """The characters whose middle lies in `box` (left and top edges included), in the order of
        the page's (vertical middle, horizontal middle) sort."""
        start = bisect.bisect_left(self.middles, box[1])
        end = bisect.bisect_left(self.middles, box[3], start)
        if start == end:
            return []
        band = self.bands.get((start, end))
        if band is None:
            centres = self.centres
            # a stable sort of ascending ranks: ties in x keep the page's order, as sorting (x, rank) would
            ranks = sorted(range(start, end), key=centres.__getitem__)
            band = self.bands[(start, end)] = (list(map(centres.__getitem__, ranks)), ranks)
        xs, ranks = band
        low = bisect.bisect_left(xs, box[0])
        high = bisect.bisect_left(xs, box[2], low)
        chars = self.chars
        if high - low < 2:  # an empty cell or a lone digit: nothing to order
            return [chars[ranks[low]]] if high > low else []
        return [chars[i] for i in sorted(ranks[low:high])]


def text_in(chars: CharIndex, box: Box) -> str:
    """The characters whose middle lies in `box`, as lines of words: a line is a run of tops no more
    than 3 pt apart, a word ends at a space or a gap over 3 pt (pdfplumber's extract_text)."""
    inside = chars.within(box)
    if len(inside) < 2:
        return "" if not inside or inside[0][0].isspace() else inside[0][0]
    tops = [c[2] for c in inside]
    if max(tops) - min(tops) <= TEXT_TOLERANCE:  # one line: no gap between sorted tops can exceed it
        return _line_text(inside)
    line_of = _clusters(tops, TEXT_TOLERANCE)
    lines: dict[int, list] = defaultdict(list)
    for char in inside:
        lines[line_of[char[2]]].append(char)
    return "\n".join(_line_text(lines[number]) for number in sorted(lines))


_X0 = operator.itemgetter(1)


def _line_text(chars: list) -> str:
    text, last_x1, spaced = "", 0.0, False
    for char in sorted(chars, key=_X0):
        if char[0].isspace():
            spaced = bool(text)
            continue
        if text and (spaced or char[1] > last_x1 + TEXT_TOLERANCE):
            text += " "
        text += char[0]
        last_x1, spaced = char[3], False
    return text
