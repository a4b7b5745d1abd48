"""Applying fixes to text and Markdown reports (`--fix`, `--diff`).

Only formats whose locations are lines and columns of the file itself are fixed: a Word, PDF or HTML
file is never written. Only safe fixes are made, unsafe ones too with `--unsafe-fixes`; a display-only
fix is never made (see `Applicability`). A fix replaces its `original` text where it stands on the diagnostic's line;
a fix whose original is not found there exactly (the file changed, or the text spans lines) is left
alone. The new file is written next to the old one and renamed over it, only after it reads back.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import Applicability, Diagnostic, InputError

FIXABLE_FORMATS = ("text", "markdown")


def applicable(d: Diagnostic, unsafe: bool = False) -> bool:
    """Whether `--fix` (with `unsafe`: `--fix --unsafe-fixes`) makes this diagnostic's fix."""
    if d.fix is None:
        return False
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return d.fix.applicability in allowed


@dataclass
class Edit:
    line: int  # 1-based
    start: int  # 0-based character index in the line
    end: int
    replacement: str


def _edits(lines: list[str], diagnostics: list[Diagnostic]) -> list[Edit]:
    edits: list[Edit] = []
    for d in diagnostics:
        loc = d.location
        if d.fix is None or d.fix.applicability is Applicability.DISPLAY_ONLY or not d.fix.original or loc.line is None or not 0 < loc.line <= len(lines):
            continue
        line = lines[loc.line - 1]
        at = (loc.column or 1) - 1
        # The occurrence of the original that covers the reported column.
        start = line.find(d.fix.original, max(0, at - len(d.fix.original) + 1))
        while 0 <= start and start + len(d.fix.original) <= at:
            start = line.find(d.fix.original, start + 1)
        if start < 0 or start > at:
            continue
        edits.append(Edit(loc.line, start, start + len(d.fix.original), d.fix.replacement))
    # One edit per place; overlapping edits are left for the next run.
    edits.sort(key=lambda e: (e.line, e.start))
    kept: list[Edit] = []
    for e in edits:
        if kept and kept[-1].line == e.line and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def fixed_text(text: str, diagnostics: list[Diagnostic]) -> tuple[str, int]:
    """The text with every applicable fix made, and how many were made."""
    lines = text.split("\n")
    edits = _edits([ln.rstrip("\r") for ln in lines], diagnostics)
    for e in reversed(edits):
        line = lines[e.line - 1]
        lines[e.line - 1] = line[: e.start] + e.replacement + line[e.end:]
    return "\n".join(lines), len(edits)


@dataclass
class FixResult:
    path: str
    applied: int
    diff: str


def fix_file(path: str, encoding: str, diagnostics: list[Diagnostic], write: bool) -> FixResult:
    """Fix one file; with `write` False only compute the diff."""
    raw = Path(path).read_bytes()
    bom, codec = _codec(raw, encoding)
    text = raw[len(bom):].decode(codec)
    new, applied = fixed_text(text, diagnostics)
    diff = "".join(difflib.unified_diff(_display_lines(text), _display_lines(new),
                                        fromfile=f"{path}（原文）", tofile=f"{path}（修复后）"))
    if write and applied:
        _replace(path, bom + new.encode(codec))
    return FixResult(path, applied, diff)


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _codec(raw: bytes, encoding: str) -> tuple[bytes, str]:
    """(the byte-order mark to keep, the codec for the rest): the file is written back as it came."""
    if encoding in ("utf-8-sig", "utf-16", "utf-32"):
        for bom, codec in _BOMS:
            if raw.startswith(bom):
                return bom, codec
    return b"", encoding


def _display_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # so that a diff of the last line still ends its line
    return lines


def _replace(path: str, data: bytes) -> None:
    """Write `data` over `path` atomically, and only if the result still reads as a report."""
    from .readers import read

    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".gaic-lint-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        read(temp)  # raises InputError if the fixed file no longer reads
        os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except InputError as exc:
        raise InputError(path, f"修复后的文件无法读取，未写入：{exc.message}") from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
