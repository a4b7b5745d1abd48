"""The arithmetic of the template tables: each identity taken in each column (or row) of a bound table,
and the one cell whose change would explain every broken identity."""

from __future__ import annotations

import operator

from .records import record
from .rulebook import Identity, TableSpec
from .rulebook.identities import Term, compile_identity
from .structure.tree import BoundTable, Cell


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def short_label(cell: Cell, axis: str) -> str:
    if axis == "column":
        return cell.column.label
    row = cell.row
    if row.label[:1].isdigit() and row.group.startswith("（"):
        return row.group[:3] + row.label
    return row.label


@record(frozen=False)
class Instance:
    identity: Identity
    where: str  # the column (or row) label the identity is taken in
    terms: list[tuple[Term, Cell]]

    @property
    def residual(self) -> float:
        return sum(t.sign * t.side * c.value for t, c in self.terms)

    def side_text(self, side: int) -> str:
        axis = "row" if self.identity.each == "column" else "column"
        parts, zeros, total = [], 0, 0.0
        terms = [(t, c) for t, c in self.terms if t.side == side]
        for t, c in terms:
            total += t.sign * c.value
            if c.value == 0 and len(terms) > 4:
                zeros += 1
                continue
            op = "" if not parts else (" + " if t.sign > 0 else " - ")
            parts.append(f"{op}{short_label(c, axis)} {fmt(c.value)}")
        text = "".join(parts) or "0"
        if zeros:
            text += f"（其余 {zeros} 项为 0）"
        return f"{text} = {fmt(total)}" if len(terms) > 1 else text

    def evidence(self) -> str:
        return f"{self.where}：左边 {self.side_text(1)}，右边 {self.side_text(-1)}"


def instances(table: BoundTable) -> list[Instance]:
    """Each identity in each column (or row) whose cells are all numbers."""
    found = []
    for identity, where, terms, keys, _ in _shape(table):
        cells = [table.cells.get(key) for key in keys]
        if any(c is None or c.value is None for c in cells):
            continue  # a missing, blank or non-numeric cell is reported on its own
        found.append(Instance(identity, where, list(zip(terms, cells))))
    return found


def balanced(table: BoundTable) -> bool:
    """Whether every instance holds, as `instances` would find: the usual answer, given without making
    them (the sum is the same, term by term, as `Instance.residual`)."""
    get = table.cells.get
    for _, _, _, keys, factors in _shape(table):
        values = [cell.value if cell is not None else None for cell in map(get, keys)]
        if None not in values and abs(sum(map(operator.mul, factors, values))) > 1e-9:
            return False
    return True


# Where each identity's terms lie, by the table's shape: its spec and the rows an older format collapses
# (the spec is kept in the entry, so its id is not reused). Every report of a batch has one of a few
# shapes, and working the keys out was most of the cost of checking the arithmetic.
_SHAPES: dict[tuple, tuple[TableSpec, list]] = {}


def _shape(table: BoundTable) -> list[tuple[Identity, str, tuple[Term, ...], tuple[tuple[str, str], ...], tuple]]:
    """(identity, where, terms, the cell key of each term, each term's sign × side) per instance."""
    spec: TableSpec = table.spec
    shape = (id(spec), tuple((c.group, c.rows) for c in table.collapsed))
    hit = _SHAPES.get(shape)
    if hit is not None and hit[0] is spec:
        return hit[1]
    # An older format's single row stands in for the rows it sums (the trial format's （六）其他处理).
    stands_for = {key: c.group for c in table.collapsed for key in c.rows}
    standing = {c.group for c in table.collapsed}
    rows = spec.rows + [g.as_row() for g in spec.collapsed if g.key in standing]
    found = []
    for identity in spec.identities:
        terms = compile_identity(identity, spec)
        axis_items = spec.columns if identity.each == "column" else rows
        for item in axis_items:
            used_terms, keys, used = [], [], set()
            for term in terms:
                row_key = term.key
                if identity.each == "column" and row_key in stands_for:
                    if stands_for[row_key] in used:
                        continue
                    row_key = stands_for[row_key]
                    used.add(row_key)
                used_terms.append(term)
                keys.append((row_key, item.key) if identity.each == "column" else (item.key, term.key))
            where = f"“{item.label}”{'列' if identity.each == 'column' else '行'}"
            found.append((identity, where, tuple(used_terms), tuple(keys), tuple(t.sign * t.side for t in used_terms)))
    if len(_SHAPES) >= 64:
        _SHAPES.clear()
    _SHAPES[shape] = (spec, found)
    return found


def locate_single_cell(broken: list[Instance], holding: list[Instance]) -> tuple[Cell, float] | None:
    """The one cell whose change would explain every broken identity without breaking another."""
    if len(broken) < 2:
        return None
    held = {id(c) for inst in holding for _, c in inst.terms}
    candidates = None
    for inst in broken:
        ids = {id(c) for _, c in inst.terms}
        candidates = ids if candidates is None else candidates & ids
    answer = None
    for inst in broken:
        for _, cell in inst.terms:
            if id(cell) in (candidates or set()) and id(cell) not in held:
                expected = {cell.value - b.residual / next(t.sign * t.side for t, c in b.terms if c is cell)
                            for b in broken}
                if len(expected) == 1:
                    if answer is not None and answer[0] is not cell:
                        return None
                    answer = (cell, expected.pop())
    return answer
