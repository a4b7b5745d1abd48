"""The characters every match of a regular expression contains, and those it can start with. A text
that lacks them cannot match, and an `in` test or a one-class search says so many times sooner than a
search for the pattern: a pattern that opens with alternatives or a repeated class is tried at every
position of the text.

Read from the parsed pattern (the standard library's own parser); anything it does not know requires
nothing, so the answer is always safe, at worst empty."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

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


# A class wider than this is not worth a gate: nearly any text holds one of its characters.
_MAX_FIRST = 64


@lru_cache(maxsize=256)
def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with; None when a match may start with any
    character or be empty, or when the pattern is beyond this reading."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        found = _first(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a parser of another Python version: no answer is a safe answer
        return None
    return frozenset(found) if found and len(found) <= _MAX_FIRST else None


def _first(items) -> set[str] | None:
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # lookaround and anchors consume nothing: the next item starts the match
        if op is _parser.LITERAL:
            return {chr(av)}
        if op is _parser.IN:
            return _members(av)
        if op is _parser.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else _first(av[-1])
        if op in _REPEATS:
            return _first(av[2]) if av[0] >= 1 else None
        if op is _parser.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                chars = _first(branch)
                if chars is None:
                    return None
                out |= chars
            return out
        return None  # any character, a backreference, a conditional…
    return None  # the pattern can match the empty string


def _members(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _parser.LITERAL:
            out.add(chr(av))
        elif op is _parser.RANGE and av[1] - av[0] < _MAX_FIRST:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a negated class, a category (\s, \d), a wide range
            return None
    return out


_ZERO_WIDTH = {_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT}


@lru_cache(maxsize=256)
def could_match(*patterns: re.Pattern) -> Callable[[str], bool]:
    """A test that is False for a text none of `patterns` finds anything in (and may be True for
    some): a search for one class of the characters their matches start with, which the
    regular-expression engine scans for at C speed, where a pattern is tried position by position."""
    chars: set[str] = set()
    for pattern in patterns:
        first = first_chars(pattern)
        if first is None:
            return lambda text: True
        chars |= first
    gate = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return lambda text: gate.search(text) is not None
