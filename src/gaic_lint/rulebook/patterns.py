"""A static check of rulebook regular expressions for nested repetition.

Python's `re` backtracks: a repeat inside a repeat (`(a+)+`, `(\\s*\\d+)*`) can take exponential time on
a line that almost matches, and a report is text an author does not control. The check reads the parse
tree `re` itself builds, so it sees through groups, alternatives and lookarounds; possessive repeats and
atomic groups do not backtrack into themselves and are allowed.
"""

from __future__ import annotations

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# An outer repeat this wide or unbounded makes an inner variable-length repeat dangerous; `(?:…){2}`
# or an optional group only multiplies the work by a constant.
_WIDE = 10
_BACKTRACKING = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_NOT_BACKTRACKING = {getattr(_c, "POSSESSIVE_REPEAT", None), getattr(_c, "ATOMIC_GROUP", None)} - {None}


# Patterns found free of nested repeats by this interpreter: in this process, or in the run that wrote
# the rulebook cache (`trust`). Parsing them again in pure Python was most of reading the rulebook
# from its cache; the verdict depends only on the text and on the interpreter's parser.
_SAFE: set[str] = set()


def nested_repeat(pattern: str) -> bool:
    """Whether `pattern` (a valid regex) has a variable-length repeat inside a wide backtracking repeat."""
    if pattern in _SAFE:
        return False
    found = _nested(_parser.parse(pattern), False)
    if not found:
        _SAFE.add(pattern)
    return found


def safe() -> list[str]:
    """The patterns known to be free of nested repeats, in the form `trust` takes."""
    return sorted(_SAFE)


def trust(patterns: list[str]) -> None:
    _SAFE.update(patterns)


def forget() -> None:
    _SAFE.clear()


def _nested(items, inside: bool) -> bool:
    for op, av in items:
        if op in _BACKTRACKING:
            low, high, sub = av
            if inside and high > low:
                return True
            if _nested(sub, inside or high == _c.MAXREPEAT or high > _WIDE):
                return True
        elif op in _NOT_BACKTRACKING:
            if any(_nested(sub, False) for sub in _children(av)):
                return True
        elif any(_nested(sub, inside) for sub in _children(av)):
            return True
    return False


def _children(av):
    """The sub-patterns among an opcode's arguments (a group's body, an alternative's branches …)."""
    if isinstance(av, _parser.SubPattern):
        yield av
    elif isinstance(av, (tuple, list)):
        for x in av:
            if isinstance(x, _parser.SubPattern):
                yield x
            elif isinstance(x, list) and x and all(isinstance(y, _parser.SubPattern) for y in x):
                yield from x
