"""Where gaic-lint keeps what it derived in an earlier run (the built-in rulebook, compiled regular
expressions), and how such a file is read and written: JSON behind a line with its CRC, replaced
whole. Everything kept here is only a copy: deleting it costs one slower run, and a file that cannot be
read or does not check out is ignored and written anew.

Where: $XDG_CACHE_HOME/gaic-lint (or ~/.cache/gaic-lint), else beside this package when that is
writable, else nowhere.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def folders() -> list[Path]:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    out = []
    if os.path.isabs(base):  # a relative XDG_CACHE_HOME is invalid by the specification
        out.append(Path(base, "gaic-lint"))
    out.append(Path(__file__).resolve().parent / "__pycache__")
    return out


def read_checked(name: str, accept: Callable[[object], T | None]) -> T | None:
    """`accept` of the JSON value of the first file `name` in the cache folders whose CRC line checks out
    and that `accept` takes (returns other than None), or None."""
    for folder in folders():
        try:
            raw = (folder / name).read_bytes()
        except OSError:
            continue
        head, _, body = raw.partition(b"\n")
        try:
            if int(head, 16) != zlib.crc32(body):
                continue
            import json

            value = json.loads(body)
        except (ValueError, RecursionError):  # a bad checksum line, bytes that are not UTF-8 or not JSON
            continue
        accepted = accept(value)
        if accepted is not None:
            return accepted
    return None


def write_checked(name: str, value, ascii_only: bool = False) -> None:
    """Store `value` as JSON under `name` in the first writable cache folder; silently nothing where
    none is writable or the value is not plain JSON. `ascii_only` escapes every character beyond
    ASCII, lone surrogates included (which UTF-8 cannot hold)."""
    import json

    try:
        body = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    raw = b"%08x\n" % zlib.crc32(body) + body
    for folder in folders():
        target = folder / name
        temporary = folder / f"{name}.{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(raw)
            # Readers see the old file or the new one, never half of one.
            os.replace(temporary, target)
            return
        except OSError:
            try:
                temporary.unlink()
            except OSError:
                pass
