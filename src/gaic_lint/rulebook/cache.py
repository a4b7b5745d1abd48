"""The built-in rulebook as it was read in an earlier run: its TOML files' data and its identities
compiled, so that a normal run neither imports tomllib and pyparsing nor parses the files again.

The cache is plain JSON (nothing in it can run), keyed on the package version and on the size, time
and CRC of every file of the built-in rulebook, and carries a CRC of itself. It is only ever a copy:
deleting it costs one slower run; a cache that is unreadable, corrupt, of another key or of an
unexpected shape is ignored and written anew. What it holds still goes through every check of `load`,
and each cached identity must name only keys of its table. The one verdict it carries, which of the
rulebook's patterns are free of nested repeats (`patterns.nested_repeat`), is taken only by the
interpreter that reached it (`sys.version`): another one parses the patterns again.

Where: see `user_cache` (every run reads the files where no cache folder is writable).
"""

from __future__ import annotations

import os
import sys
import zlib

from .. import __version__
from ..user_cache import read_checked, write_checked

FORMAT = 4


def _name(base: str | os.PathLike) -> str:
    # Two checkouts of one version may hold different rulebooks: one cache file each.
    return f"rulebook-{__version__}-{zlib.crc32(os.fsencode(str(base))):08x}.json"


def key(base: str | os.PathLike) -> str | None:
    """What the cache is valid for: the version and every TOML file of `base` (name, size, mtime, CRC)."""
    try:
        names = sorted(n for n in os.listdir(base) if n.endswith(".toml"))
        parts = [__version__]
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as fh:
                data = fh.read()
                stat = os.fstat(fh.fileno())
            parts.append(f"{name}:{len(data)}:{stat.st_mtime_ns}:{zlib.crc32(data):08x}")
    except OSError:
        return None
    return "|".join(parts)


def read(base: str | os.PathLike, valid_for: str) -> dict | None:
    """The cached rulebook of `base` if one is valid for the key `valid_for`: {"manifest": data,
    "files": [[name, data], ...] (the manifest's), "identities": [...] (as `identities.install` takes
    them), "safe": [...] (as `patterns.trust` takes them; empty when written by another interpreter)}."""
    return read_checked(_name(base), lambda data: _valid(data, valid_for))


def _valid(data, valid_for: str) -> dict | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != valid_for:
        return None
    manifest, files, identities = data.get("manifest"), data.get("files"), data.get("identities")
    if not (isinstance(manifest, dict) and isinstance(files, list) and isinstance(identities, list)):
        return None
    if not all(isinstance(f, list) and len(f) == 2 and isinstance(f[0], str) and isinstance(f[1], dict)
               for f in files):
        return None
    if not all(_identity_shape(i) for i in identities):
        return None
    checked = data.get("safe")
    if not (isinstance(checked, list) and len(checked) == 2 and isinstance(checked[0], str) and _strings(checked[1])):
        return None
    return data | {"safe": checked[1] if checked[0] == sys.version else []}


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _identity_shape(entry) -> bool:
    if not (isinstance(entry, list) and len(entry) == 6):
        return False
    expr, each, table, rows, columns, terms = entry
    return (isinstance(expr, str) and each in ("row", "column") and isinstance(table, str) and _strings(rows)
            and _strings(columns) and isinstance(terms, list)
            and all(isinstance(t, list) and len(t) == 3 and type(t[0]) is int and isinstance(t[1], str)
                    and type(t[2]) is int for t in terms))


def write(base: str | os.PathLike, valid_for: str, manifest: dict, files: list, identities: list, safe: list[str]) -> None:
    """Store the rulebook of `base`; silently nothing where no folder is writable or the data is not
    plain JSON (a TOML date, say)."""
    write_checked(_name(base), {"format": FORMAT, "key": valid_for, "manifest": manifest, "files": files,
                                "identities": identities, "safe": [sys.version, safe]})
