"""Replacing a report with its fixed version without losing a byte or a property of the file.

- The new content is written to a temporary file in the same folder, flushed and fsynced, checked by
  the caller (it must read back as a report), then renamed over the file and the folder is fsynced.
  Where the system has O_TMPFILE the temporary file has no name until the last moment, so a kill
  leaves nothing behind.
- Through a symlink, the target is fixed and the link stays a link.
- Owner, group and mode are kept; a file with hard links is rewritten in place (after the new content
  has been checked), so every link sees the fix.
- A read-only file is not written. A file that changed after it was read (another program saved it)
  is not overwritten.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .model import InputError


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temporary(folder: str, suffix: str, data: bytes) -> str:
    """A fsynced file holding `data`, with a name in `folder`."""
    if hasattr(os, "O_TMPFILE"):
        try:
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                os.write(fd, data) if len(data) < (1 << 30) else None
                os.fsync(fd)
                for n in range(100):
                    name = os.path.join(folder, f".gaic-lint-{os.getpid()}-{n}{suffix}")
                    try:
                        os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
                        return name
                    except FileExistsError:
                        continue
                    except OSError:
                        break
            finally:
                os.close(fd)
    fd, name = tempfile.mkstemp(prefix=".gaic-lint-", suffix=suffix, dir=folder)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return name


def replace_file(path: str, data: bytes, expected: bytes, check: Callable[[str], None]) -> None:
    """Write `data` over `path`, which held `expected` when it was read. `check(temp_path)` raises
    InputError when the new content must not be written."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except OSError as exc:
        raise InputError(path, f"无法修复：{exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "无法修复：不是普通文件")
    if not st.st_mode & 0o222:
        raise InputError(path, "文件为只读，未修改（去掉只读属性后再运行 --fix）")
    folder = os.path.dirname(target) or "."
    temp = _temporary(folder, Path(target).suffix, data)
    try:
        check(temp)
        if Path(target).read_bytes() != expected:
            raise InputError(path, "文件在检查之后被其他程序修改过，未写入修复；请重新运行")
        if st.st_nlink > 1:
            # Renaming would split the links: write the checked content into the file itself.
            with open(target, "r+b") as fh:
                fh.write(data)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
            return
        os.chmod(temp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(temp, st.st_uid, st.st_gid)
        except (PermissionError, AttributeError):
            pass  # only the owner's own files can be fixed then, and they keep their owner anyway
        os.replace(temp, target)
        _fsync_folder(folder)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_new(path: str, data: bytes) -> None:
    """Write a file of our own (an annotated copy) atomically: all of it or nothing."""
    folder = os.path.dirname(os.path.abspath(path))
    temp = _temporary(folder, Path(path).suffix, data)
    try:
        os.replace(temp, path)
        _fsync_folder(folder)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
