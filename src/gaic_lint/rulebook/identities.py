"""Arithmetic identities of the rulebook, written as expressions and parsed with pyparsing (never eval).

    new + carried == results_total + carry_over
    results_total == sum(public:other_handling)
    total == natural + business + research + welfare + legal + other

Names are row keys (identities that hold in each column) or column keys (identities that hold in
each row); `sum(a:b)` is every key from a to b in template order.
"""

from __future__ import annotations

from functools import lru_cache

from ..records import record
from .schema import Identity, TableSpec


class IdentityError(ValueError):
    pass


@record
class Term:
    sign: int  # +1 or -1 as written
    key: str
    side: int  # +1 left of ==, -1 right of ==


@lru_cache(maxsize=1)
def _grammar():
    import pyparsing as pp

    name = pp.Word(pp.alphas + "_", pp.alphanums + "_")
    span = pp.Group(pp.Suppress(pp.Keyword("sum") + "(") + name + pp.Suppress(":") + name + pp.Suppress(")"))
    term = span | name
    side = pp.Group(term + pp.ZeroOrMore(pp.one_of("+ -") + term))
    return side + pp.Suppress("==") + side + pp.StringEnd()


def _expand(item, order: list[str]) -> list[str]:
    if isinstance(item, str):
        if item not in order:
            raise IdentityError(f"未知的名称 {item}")
        return [item]
    first, last = item[0], item[1]
    if first not in order or last not in order or order.index(first) > order.index(last):
        raise IdentityError(f"区间 sum({first}:{last}) 无效")
    return order[order.index(first): order.index(last) + 1]


def compile_identity(identity: Identity, spec: TableSpec) -> list[Term]:
    """The identity as signed terms over the keys of one axis."""
    return _compile(identity.expr, identity.each, spec.key, tuple(r.key for r in spec.rows),
                    tuple(c.key for c in spec.columns))


# Identities compiled in an earlier run, installed from the rulebook cache, so that a run whose
# identities are all known never imports pyparsing (a fifth of the start-up of a small report).
_PRECOMPILED: dict[tuple, list[Term]] = {}


def install(entries: list) -> bool:
    """Take identities compiled earlier: each entry is (expr, each, table, rows, columns, terms) with
    terms as (sign, key, side) triples. False, and nothing taken, when one of them does not fit its axis."""
    found = {}
    for expr, each, table, rows, columns, terms in entries:
        order = set(rows if each == "column" else columns)
        if not all(sign in (1, -1) and side in (1, -1) and name in order for sign, name, side in terms):
            return False
        found[(expr, each, table, tuple(rows), tuple(columns))] = [Term(*term) for term in terms]
    _PRECOMPILED.update(found)
    return True


def export(spec: TableSpec) -> list:
    """The identities of `spec` compiled, in the plain form `install` takes."""
    rows, columns = [r.key for r in spec.rows], [c.key for c in spec.columns]
    return [[i.expr, i.each, spec.key, rows, columns,
             [[t.sign, t.key, t.side] for t in compile_identity(i, spec)]] for i in spec.identities]


def forget() -> None:
    _PRECOMPILED.clear()
    _compile.cache_clear()


@lru_cache(maxsize=64)
def _compile(expr: str, each: str, table: str, rows: tuple[str, ...], columns: tuple[str, ...]) -> list[Term]:
    known = _PRECOMPILED.get((expr, each, table, rows, columns))
    if known is not None:
        return list(known)
    import pyparsing as pp

    order = list(rows if each == "column" else columns)
    try:
        left, right = _grammar().parse_string(expr, parse_all=True)
    except pp.ParseException as exc:
        raise IdentityError(f"{table} 的勾稽关系表达式“{expr}”无法解析：{exc}") from None
    terms: list[Term] = []
    for side_sign, side in ((1, left), (-1, right)):
        sign = 1
        for token in side:
            if token in ("+", "-"):
                sign = 1 if token == "+" else -1
                continue
            for key in _expand(token if isinstance(token, str) else list(token), order):
                terms.append(Term(sign, key, side_sign))
            sign = 1
    return terms
