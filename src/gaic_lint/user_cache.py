"""Where gaic-lint keeps what it derived in an earlier run (the built-in rulebook, compiled regular
expressions), and how such a file is read and written: JSON behind a line with its CRC, replaced
whole. Everything kept here is only a copy: deleting it costs one slower run, and a file that cannot be
read or does not check out is ignored and written anew.

Where: $XDG_CACHE_HOME/gaic-lint (or ~/.cache/gaic-lint), else beside this package when that is
writable, else nowhere. Each kind of file is named `<kind>-<key>.json`, one per version, checkout or
interpreter; writing one removes the oldest of its kind beyond `KEEP`, so that a folder shared by many
virtualenvs, checkouts and upgrades does not grow without end.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

# Files of one kind kept in a folder: enough for every virtualenv and checkout a user switches between.
KEEP = 8
# A temporary file older than this was left by a run that was killed while writing.
_STALE_SECONDS = 3600


def folders() -> list[str]:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    out = []
    if os.path.isabs(base):  # a relative XDG_CACHE_HOME is invalid by the specification
        out.append(os.path.join(os.path.normpath(base), "gaic-lint"))
    out.append(os.path.join(os.path.dirname(os.path.realpath(__file__)), "__pycache__"))
    return out


def read_checked(name: str, accept: Callable[..., T | None], with_bytes: bool = False) -> T | None:
    """`accept` of the JSON value of the first file `name` in the cache folders whose CRC line checks out
    and that `accept` takes (returns other than None), or None. `with_bytes`: the file has bytes after
    its JSON (see `write_checked`), and `accept` is given them too."""
    for folder in folders():
        try:
            with open(os.path.join(folder, name), "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        head, _, body = raw.partition(b"\n")
        try:
            if int(head, 16) != zlib.crc32(body):
                continue
            import json

            if with_bytes:
                body, _, data = body.partition(b"\n")
            value = json.loads(body)
        except (ValueError, RecursionError):  # a bad checksum line, bytes that are not UTF-8 or not JSON
            continue
        accepted = accept(value, data) if with_bytes else accept(value)
        if accepted is not None:
            return accepted
    return None


def write_checked(name: str, value, ascii_only: bool = False, data: bytes | None = None) -> None:
    """Store `value` as JSON under `name` in the first writable cache folder; silently nothing where
    none is writable or the value is not plain JSON. `ascii_only` escapes every character beyond
    ASCII, lone surrogates included (which UTF-8 cannot hold). `data`: bytes stored after the JSON,
    under the same checksum (JSON holds no raw line break, so a line break ends it), which a reader
    takes without the JSON parser looking at each of them."""
    import json

    try:
        body = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    if data is not None:
        body += b"\n" + data
    raw = b"%08x\n" % zlib.crc32(body) + body
    for folder in folders():
        target = os.path.join(folder, name)
        temporary = os.path.join(folder, f"{name}.{os.getpid()}.tmp")
        try:
            os.makedirs(folder, exist_ok=True)
            with open(temporary, "wb") as fh:
                fh.write(raw)
            # Readers see the old file or the new one, never half of one.
            os.replace(temporary, target)
        except OSError:
            _unlink(temporary)
            continue
        prune(folder, name.split("-", 1)[0] if "-" in name else name.removesuffix(".json"))
        return


def prune(folder: str | os.PathLike, kind: str) -> None:
    """Remove the oldest files `<kind>-*.json` (and a `<kind>.json` of an older version) of `folder`
    beyond the newest `KEEP`, and temporary files of that kind that a killed run left. A file another
    run is reading stays readable until it closes it; one that vanishes costs that run a rebuild."""
    import time

    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(kind) and e.is_file(follow_symlinks=False)]
    except OSError:
        return
    kept, stale = [], time.time() - _STALE_SECONDS
    for entry in entries:
        rest = entry.name[len(kind):]
        try:
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if rest.endswith(".tmp") and mtime < stale:
            _unlink(entry.path)
        elif rest == ".json" or (rest.startswith("-") and rest.endswith(".json")):
            kept.append((mtime, entry.path))
    kept.sort(reverse=True)
    for _, path in kept[KEEP:]:
        _unlink(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
