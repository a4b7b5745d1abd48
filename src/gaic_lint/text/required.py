"""The characters every match of a regular expression contains, and those it can start with. A text
that lacks them cannot match, and an `in` test or a one-class search says so many times sooner than a
search for the pattern: a pattern that opens with alternatives or a repeated class is tried at every
position of the text.

Read from the parsed pattern (the standard library's own parser); anything it does not know requires
nothing, so the answer is always safe, at worst empty. That parser is pure Python: the rulebook's
patterns take it a twentieth of a short run, so the answers are kept between runs in the user cache,
keyed on the interpreter and on this module's source (`save`, at the end of a command-line run)."""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable
from functools import lru_cache

from ..user_cache import read_checked, write_checked

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
    return frozenset(_remembered("required", pattern, _required_of))


def _required_of(pattern: re.Pattern) -> str:
    try:
        return "".join(sorted(_required(_parser.parse(pattern.pattern, pattern.flags))))
    except Exception:  # a parser of another Python version: no answer is a safe answer
        return ""


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
    found = _remembered("first", pattern, _first_of)
    return None if found is None else frozenset(found)


def _first_of(pattern: re.Pattern) -> str | None:
    try:
        found = _first(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a parser of another Python version: no answer is a safe answer
        return None
    return "".join(sorted(found)) if found and len(found) <= _MAX_FIRST else None


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


# The answers of earlier runs: {"required": {key: characters}, "first": {key: characters or None}},
# by `_key`. Bounded: a user's rulebooks add patterns, and they change.
_FORMAT = 1
_MAX_KEPT = 4096
_memo: dict[str, dict] | None = None
_added = False


def _key(pattern: re.Pattern) -> str:
    return f"{pattern.flags}:{pattern.pattern}"


def _remembered(kind: str, pattern: re.Pattern, work_out: Callable[[re.Pattern], str | None]) -> str | None:
    global _memo, _added
    if _memo is None:
        name = _store_name()
        _memo = (read_checked(name, _valid) if name else None) or {"required": {}, "first": {}}
    known = _memo[kind]
    key = _key(pattern)
    if key not in known:
        known[key] = work_out(pattern)
        _added = True
    return known[key]


@lru_cache(maxsize=1)
def _store_name() -> str | None:
    """The store's file name: a change of the interpreter (its parser) or of this module's reading of
    what it parses names another file. None where the source cannot be read."""
    try:
        with open(__file__, "rb") as fh:
            source = fh.read()
    except (OSError, NameError):
        return None
    return f"required-{zlib.crc32(sys.version.encode() + source):08x}.json"


def _valid(data) -> dict | None:
    if not (isinstance(data, dict) and data.get("format") == _FORMAT):
        return None
    required, first = data.get("required"), data.get("first")
    if not (isinstance(required, dict) and isinstance(first, dict)
            and all(type(v) is str for v in required.values())
            and all(v is None or type(v) is str for v in first.values())):
        return None
    return {"required": required, "first": first}


def save() -> None:
    """Store the answers when this run worked out new ones; nothing where no cache folder is writable."""
    if _added and _memo is not None and (name := _store_name()):
        kept = {kind: dict(list(answers.items())[-_MAX_KEPT:]) for kind, answers in _memo.items()}
        # Escaped: a pattern may name a lone surrogate, which UTF-8 cannot hold.
        write_checked(name, {"format": _FORMAT, **kept}, ascii_only=True)
