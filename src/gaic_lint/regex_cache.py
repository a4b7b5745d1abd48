"""Compiled regular expressions kept from one run to the next.

Python compiles every pattern anew in each process, in pure Python (`re._parser`, `re._compiler`).
gaic-lint's ~200 patterns (the rules', the readers', the rulebook's claims) cost 30-50 ms of every run:
a sixth of linting a 100-page PDF. A class of CJK characters such as [一-鿿] alone costs a millisecond,
as the compiler marks its 21,000 characters one by one. What compiling yields is plain data: the
program of the C matching engine (a list of integers), the number of groups and their names.

After a run that compiled something new, `save` stores that data for every pattern in the `re`
module's cache; at the next start, `install` reads the stored programs and puts a wrapper in front of
`re._compile` (which `re.compile`, `re.search` and the rest look up as a module global on each call).
A pattern is built from its stored program (by `_sre.compile`, C, which validates it) only when the run
first asks for it and then goes into re's cache: a run pays for the patterns it uses, not for every
pattern any earlier run stored (a .txt run uses about two thirds of what runs of each format stored).
What a pattern matches never depends on this: a stored program is the one the compiler made for that
pattern, `save` stores a program only after checking that it rebuilds a pattern equal to the one
compiled (pattern equality compares the programs), and a pattern not stored is compiled as always.

The file is JSON behind its CRC (`user_cache`; nothing in it can run), the programs' words following
it as raw bytes (as hexadecimal text they were nine tenths of the JSON, and parsing it cost more than
reading the rest of a small report); one file per interpreter and keyed
on it (`sys.version`, the engine's MAGIC and code size, the byte order). A file of another key, corrupt or of
an unexpected shape is ignored and written anew. Where the interpreter's `re` is not of the shape this
relies on (CPython 3.11 to 3.13: `re._cache`, `re._compiler._code`, `_sre.compile` with six arguments),
nothing is stored and nothing is read.
"""

from __future__ import annotations

import re
import sys
from array import array

from .user_cache import read_checked, write_checked

FORMAT = 2
_MAX = 512  # what re keeps; more is never in its cache at once

# Stored entries not yet asked for, by re's cache key (type, pattern, flags).
_stored: dict[tuple, list] = {}
# The keys of re's cache built from a stored entry, and that entry (to save it again).
_installed: dict[tuple, list] = {}
# Stored entries of patterns compiled before `install` (at the import of a module), to save them again.
_kept: dict[tuple, list] = {}


def _engine():
    """(_sre, re._parser, re._compiler) where re is of the expected shape, else None."""
    try:
        import _sre

        parser, compiler = re._parser, re._compiler
        if not (isinstance(re._cache, dict) and callable(compiler._code) and callable(parser.parse)
                and callable(re._compile) and _sre.CODESIZE == array("I").itemsize):
            return None
    except AttributeError:
        return None
    return _sre, parser, compiler


def _key() -> str:
    import _sre

    return f"{sys.implementation.name}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.byteorder}"


def file_name() -> str:
    """One file per interpreter and format: a user who runs gaic-lint from two Pythons, or two versions
    of it that store in different formats, keeps one for each instead of each run rewriting the other's."""
    import zlib

    return f"patterns-{FORMAT}-{zlib.crc32(_key().encode()):08x}.json"


def install() -> int:
    """Make the stored patterns available to re; how many. Never raises: a cache that does not serve
    is the same as none."""
    engine = _engine()
    if engine is None:
        return 0
    try:
        entries = read_checked(file_name(), _entries, with_bytes=True)
    except Exception:  # noqa: BLE001 - anything odd: compile as always
        return 0
    if not entries:
        return 0
    for entry in entries:
        kind, text = entry[0], entry[1]
        pattern = text.encode("latin-1") if kind == "b" else text
        key = (type(pattern), pattern, entry[2])
        # Compiled already, by a module imported before this ran: kept as it is, and not new to `save`.
        (_kept if key in re._cache else _stored)[key] = entry
    re._compile = _compile
    return len(_stored)


_original = getattr(re, "_compile", None)  # re's own, which `install` puts `_compile` in front of


def _compile(pattern, flags):
    """re._compile, but a pattern asked for the first time is built from its stored program."""
    if _stored:
        # A RegexFlag hashes and compares as its int value: the same key as re's cache.
        key = (type(pattern), pattern, flags)
        entry = _stored.pop(key, None)
        if entry is not None:
            _build(key, entry)
    return _original(pattern, flags)


def _build(key: tuple, entry: list) -> None:
    """Put the pattern of `entry` into re's cache, where `_original` finds it. A program _sre refuses
    marks the whole file as damaged: nothing more is taken from it and `save` writes it anew."""
    import _sre

    kind, pattern, flags = key
    if len(re._cache) >= _MAX or key in re._cache:
        return
    _, _, _, final_flags, code, groups, groupindex, indexgroup = entry
    try:
        compiled = _sre.compile(pattern, final_flags, array("I", code).tolist(), groups,
                                groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a program _sre refuses, or anything else odd: compile as always
        _stored.clear()
        _kept.clear()
        return
    re._cache[(kind, pattern, int(flags))] = compiled
    _installed[key] = entry


def _entries(data, programs: bytes) -> list | None:
    """The stored entries, each with its program's bytes (the file gives their lengths, in order) in
    place of the length; None for a file of another shape."""
    if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == _key()):
        return None
    entries = data.get("patterns")
    if not isinstance(entries, list) or len(entries) > _MAX:
        return None
    start, word = 0, array("I").itemsize
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 8):
            return None
        kind, text, flags, final_flags, size, groups, groupindex, indexgroup = entry
        if not (kind in ("s", "b") and isinstance(text, str) and type(flags) is int and type(final_flags) is int
                and type(size) is int and size > 0 and size % word == 0 and type(groups) is int
                and isinstance(groupindex, dict) and all(type(v) is int for v in groupindex.values())
                and isinstance(indexgroup, list) and all(v is None or isinstance(v, str) for v in indexgroup)):
            return None
        entry[4] = programs[start:start + size]
        start += size
    return entries if start == len(programs) else None


def save() -> bool:
    """Store every pattern in re's cache when one was compiled since `install`, with the stored ones
    this run did not ask for; whether it wrote."""
    engine = _engine()
    if engine is None:
        return False
    keys = [key for key in list(re._cache) if key not in _installed and key not in _kept and not key[2] & re.DEBUG]
    if not keys:
        return False
    entries = [*_kept.values(), *_installed.values()]
    for key in keys:
        entry = _entry(engine, key, re._cache.get(key))
        if entry is not None:
            entries.append(entry)
    entries += _stored.values()
    entries = entries[:_MAX]
    programs = b"".join(entry[4] for entry in entries)
    listed = [[*entry[:4], len(entry[4]), *entry[5:]] for entry in entries]
    # Escaped: a pattern may name a lone surrogate ([\ud800-\udfff]), which UTF-8 cannot hold.
    write_checked(file_name(), {"format": FORMAT, "key": _key(), "patterns": listed}, ascii_only=True, data=programs)
    return True


def _entry(engine, key: tuple, compiled) -> list | None:
    """What rebuilds `compiled` (cached under `key`), made as re._compiler.compile makes it, or None
    when the rebuilt pattern would not be equal to it."""
    sre, parser, compiler = engine
    kind, pattern, flags = key
    if kind not in (str, bytes) or compiled is None:
        return None
    try:
        parsed = parser.parse(pattern, flags)
        program = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if sre.compile(pattern, flags | parsed.state.flags, program, *args) != compiled:
            return None
        code = array("I", program).tobytes()
    except Exception:  # noqa: BLE001 - not storable (a program word out of range, say): compiled as always
        return None
    text = pattern.decode("latin-1") if kind is bytes else pattern
    return ["b" if kind is bytes else "s", text, flags, flags | parsed.state.flags, code, args[0], groupindex,
            indexgroup]
