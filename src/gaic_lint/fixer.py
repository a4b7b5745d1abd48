"""Applying fixes to text and Markdown reports (`--fix`, `--diff`).

Text and Markdown are fixed in place: a fix replaces its `original` text where it stands on the
diagnostic's line; a fix whose original is not found there exactly (the file changed, or the text
spans lines) is left alone. Word files get each fix as a tracked change for the author to accept
(`wordedit`). PDF and HTML are never written. Only safe fixes are made, unsafe ones too with
`--unsafe-fixes`; a display-only fix is never made (see `Applicability`). The new file is written next
to the old one and renamed over it, only after it reads back.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .model import Applicability, Diagnostic, InputError
from .records import record
from .reporters.sanitize import diff_path
from .safe_write import replace_file


def fixable_formats() -> tuple[str, ...]:
    """The formats --fix may write (from the reader registry)."""
    from .readers import registry

    return registry.fixable()


def applicable(d: Diagnostic, unsafe: bool = False) -> bool:
    """Whether `--fix` (with `unsafe`: `--fix --unsafe-fixes`) makes this diagnostic's fix."""
    if d.fix is None:
        return False
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return d.fix.applicability in allowed


@record(frozen=False)
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


@record(frozen=False)
class FixResult:
    path: str
    applied: int
    diff: str


def diff_name(path: str) -> str:
    """The path as a unified diff names it: relative to the current folder where it lies below it,
    with forward slashes, so that `git apply` and `patch -p1` find the file."""
    p = Path(path)
    try:
        p = p.resolve().relative_to(Path.cwd().resolve()) if p.is_absolute() else p
    except ValueError:
        pass
    return p.as_posix().lstrip("/")


def fix_file(path: str, encoding: str, diagnostics: list[Diagnostic], write: bool,
             fmt: str = "text", label: str | None = None) -> FixResult:
    """Fix one file; with `write` False only compute the diff. `label` names the file in the diff."""
    name = diff_name(label or path)
    if fmt == "docx":
        return _fix_docx(path, diagnostics, write, name)
    raw = Path(path).read_bytes()
    bom, codec = _codec(raw, encoding)
    text = raw[len(bom):].decode(codec)
    new, applied = fixed_text(text, diagnostics)
    diff = "".join(difflib.unified_diff(_display_lines(text), _display_lines(new),
                                        fromfile=diff_path(f"a/{name}"), tofile=diff_path(f"b/{name}")))
    if write and applied:
        replace_file(path, bom + new.encode(codec), raw, lambda temp: _reads_back(path, temp))
    return FixResult(path, applied, diff)


def _fix_docx(path: str, diagnostics: list[Diagnostic], write: bool, name: str) -> FixResult:
    from .wordedit.edit import diff_of, fixed_package

    raw = Path(path).read_bytes()
    new, applied = fixed_package(raw, diagnostics)
    if not applied:
        return FixResult(path, 0, "")
    diff = ""

    def check(temp: str) -> None:
        nonlocal diff
        _reads_back(path, temp)
        diff = diff_of(name, path, temp)

    if write:
        replace_file(path, new, raw, check)
    else:
        with tempfile.TemporaryDirectory(prefix="gaic-lint-") as folder:
            temp = os.path.join(folder, "fixed.docx")
            Path(temp).write_bytes(new)
            check(temp)
    return FixResult(path, applied, diff)


def _reads_back(path: str, temp: str) -> None:
    from .readers import read

    try:
        read(temp)
    except InputError as exc:
        raise InputError(path, f"修复后的文件无法读取，未写入：{exc.message}") from None


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
