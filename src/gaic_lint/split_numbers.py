"""A number split across two cells: "12" read as "1" and "2" when a PDF or web page is extracted.

The rest of the row then slides one cell to the right and its last number falls outside the template
(it becomes a stray cell, or is lost). When the identities of a table are broken, joining two adjacent
cells back into one number, and sliding the row back, may make every identity hold again: then the
fault is in the reading, not in the report's arithmetic, and a clerk should be told so.

Pure functions over cell keys and texts, so the check is testable without a document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .records import record
from .text.normalize import parse_number

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from .model import Location
    from .structure.tree import BoundTable

Key = tuple[str, str]  # (row key, column key)
Identity = Sequence[tuple[float, Key]]  # sum of coefficient × cell value is 0
_EPS = 1e-9


@record
class Split:
    """Two adjacent readings that were one number. `second` is None when the second part is the number
    read after the line's last template cell (a stray)."""

    first: Key
    second: Key | None
    parts: tuple[str, str]
    value: int

    @property
    def text(self) -> str:
        return "".join(self.parts)


def join_parts(a: str, b: str) -> str | None:
    """The number two readings make when written together, if they can be one number at all."""
    a, b = a.strip(), b.strip()
    if not (a.isascii() and b.isascii() and a.isdigit() and b.isdigit()):
        return None
    if a.startswith("0"):  # a written number does not start with 0, so "0" + "5" was never "05"
        return None
    return a + b


def _solve(identities: Sequence[Identity], values: Mapping[Key, float], unknown: Key | None) -> bool:
    """Whether every identity holds, choosing the unknown cell (if any) as one non-negative integer."""
    fixed: float | None = None
    for identity in identities:
        rest, coef = 0.0, 0.0
        for c, key in identity:
            if key == unknown:
                coef += c
            elif key in values:
                rest += c * values[key]
            else:
                return False
        if abs(coef) < _EPS:
            if abs(rest) > _EPS:
                return False
            continue
        x = -rest / coef
        if x < -_EPS or abs(x - round(x)) > _EPS or (fixed is not None and abs(x - fixed) > _EPS):
            return False
        fixed = x
    return True


def find_split(
    texts: Mapping[Key, str],
    lines: Sequence[Sequence[Key]],
    identities: Sequence[Identity],
    stray: Mapping[int, str] | None = None,
) -> Split | None:
    """The one split whose repair makes every identity hold, or None (none, or more than one: "7" "70"
    and "77" "0" may both balance, and then the reading cannot tell which)."""
    found = split_candidates(texts, lines, identities, stray)
    return found[0] if len(found) == 1 else None


def split_candidates(
    texts: Mapping[Key, str],
    lines: Sequence[Sequence[Key]],
    identities: Sequence[Identity],
    stray: Mapping[int, str] | None = None,
) -> list[Split]:
    """Every split whose repair makes every identity hold; none when the identities hold as read.

    `lines` are the runs of cells read in order (a template row; a flat table's whole row), `stray` the
    text read after line i's last cell, when there was one.
    """
    stray = stray or {}
    values = {k: parse_number(t) for k, t in texts.items()}
    values = {k: v for k, v in values.items() if v is not None}
    if _solve(identities, values, None):
        return []  # nothing to explain
    found: list[Split] = []
    for index, keys in enumerate(lines):
        if any(k not in texts for k in keys):
            continue
        read = [texts[k] for k in keys] + ([stray[index]] if index in stray else [])
        for i in range(len(read) - 1):
            joined = join_parts(read[i], read[i + 1])
            if joined is None:
                continue
            repaired = read[:i] + [joined] + read[i + 2:]
            trial = dict(values)
            for key, text in zip(keys, repaired):
                number = parse_number(text)
                if number is None:
                    break
                trial[key] = number
            else:
                unknown = keys[-1] if len(repaired) < len(keys) else None
                if unknown is not None:
                    trial.pop(unknown, None)
                if _solve(identities, trial, unknown):
                    second = keys[i + 1] if i + 1 < len(keys) else None
                    found.append(Split(keys[i], second, (read[i].strip(), read[i + 1].strip()), int(joined)))
    return found


def _position(where: Location) -> tuple:
    """Document order of a place, in whichever terms its format gives it."""
    return tuple(-1 if v is None else v for v in (where.page, where.table, where.row, where.line, where.col,
                                                   where.column, where.offset))


def _strays(table: BoundTable, lines: Sequence[Sequence[Key]]) -> dict[int, str]:
    """For each line, the stray number read right after its last cell (before any other cell)."""
    order = sorted((_position(c.location), i, key == keys[-1])
                   for i, keys in enumerate(lines) for key in keys
                   if (c := table.cells.get(key)) is not None and c.text is not None)
    found: dict[int, str] = {}
    for text, where in (cell for group in table.stray for cell in group.cells):
        here = _position(where)
        before = [entry for entry in order if entry[0] < here]
        if before and before[-1][2] and before[-1][1] not in found:
            found[before[-1][1]] = text
    return found


def table_split(table: BoundTable, identities: Sequence[Identity]) -> Split | None:
    """`find_split` on a bound table: its template rows (or its one flat row) and its stray numbers."""
    spec = table.spec
    texts = {k: c.text for k, c in table.cells.items() if c.text is not None}
    if spec.layout == "flat":
        lines = [[(r.key, c.key) for r in spec.rows for c in spec.columns]]
    else:
        standing = {c.group for c in table.collapsed}
        rows = spec.rows + [g.as_row() for g in spec.collapsed if g.key in standing]
        lines = [[(r.key, c.key) for c in spec.columns_of(r)] for r in rows]
    return find_split(texts, lines, identities, _strays(table, lines))


def describe(table: BoundTable, split: Split) -> str:
    """What table-balance says about a split: which two readings, the number they make, and that the
    arithmetic then holds."""
    first = table.cells[split.first]
    second = f"“{table.cells[split.second].column.label}”列的“{split.parts[1]}”" if split.second else \
        f"该行之后多出的“{split.parts[1]}”"
    return (f"{first.path} 的“{split.parts[0]}”与{second}可能是一个数字被拆到了两个单元格：合起来是 {split.value}，"
            f"其后的数字依次左移一格，{table.name}的勾稽关系即全部成立。请核对原件中该行的数字，而不是查找计算错误")
