"""Arithmetic identities of the rulebook, written as expressions and parsed with pyparsing (never eval).

    new + carried == results_total + carry_over
    results_total == sum(public:other_handling)
    total == natural + business + research + welfare + legal + other

Names are row keys (identities that hold in each column) or column keys (identities that hold in
each row); `sum(a:b)` is every key from a to b in template order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .schema import Identity, TableSpec


class IdentityError(ValueError):
    pass


@dataclass(frozen=True)
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


@lru_cache(maxsize=64)
def _compile(expr: str, each: str, table: str, rows: tuple[str, ...], columns: tuple[str, ...]) -> list[Term]:
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
