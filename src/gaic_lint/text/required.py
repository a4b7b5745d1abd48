"""The characters every match of a regular expression contains. A text that lacks one of them cannot
match, and an `in` test says so many times sooner than a search: a search for a pattern that opens with
alternatives tries each of them at every position of the text.

Read from the parsed pattern (the standard library's own parser); anything it does not know requires
nothing, so the answer is always safe, at worst empty."""

from __future__ import annotations

import re

try:
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

_REPEATS = {op for op in (getattr(_parser, name, None) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
            if op is not None}
_ATOMIC = getattr(_parser, "ATOMIC_GROUP", None)


def required_chars(pattern: re.Pattern) -> frozenset[str]:
    """Characters that every match of `pattern` contains (not every such character: a safe subset)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return frozenset()
    try:
        return frozenset(_required(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a parser of another Python version: no answer is a safe answer
        return frozenset()


def _required(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _parser.LITERAL:
            out.add(chr(av))
        elif op is _parser.SUBPATTERN:
            if not av[1] & re.IGNORECASE:  # (?i:…) matches either case
                out |= _required(av[-1])
        elif op in _REPEATS:
            if av[0] >= 1:
                out |= _required(av[2])
        elif op is _parser.BRANCH:
            out |= set.intersection(*(_required(branch) for branch in av[1]))
        elif op is _ATOMIC:
            out |= _required(av)
        # Classes, any character, lookaround, anchors, backreferences, conditionals: no one character.
    return out
