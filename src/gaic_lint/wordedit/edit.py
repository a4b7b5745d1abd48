"""`--fix` and `annotate` for Word files: from findings to a rewritten package."""

from __future__ import annotations

import difflib

from ..model import Diagnostic, InputError
from ..reporters.sanitize import diff_path
from .comments import Note, add_comments
from .package import Package, parse_xml, serialize
from .revisions import Change, apply_changes


def _changes(diagnostics: list[Diagnostic]) -> list[Change]:
    out = []
    for d in diagnostics:
        if d.fix is None or not d.fix.original:
            continue
        loc = d.location
        table = (loc.table, loc.row, loc.col) if loc.table is not None else None
        if table is None and loc.paragraph is None:
            continue
        out.append(Change(loc.paragraph, table, d.fix.original, d.fix.replacement, loc.offset))
    return out


def _document(package: Package):
    raw = package.read(package.main)
    if raw is None:
        raise InputError("", "Word 文件中没有正文部分")
    return parse_xml(raw)


def _text_lines(path: str) -> list[str]:
    from ..model import Block
    from ..readers import read

    doc = read(path)
    return [item.text + "\n" for item in doc.items if isinstance(item, Block)]


def fixed_package(data: bytes, diagnostics: list[Diagnostic], date: str | None = None) -> tuple[bytes, int]:
    package = Package(data)
    document = _document(package)
    made = apply_changes(document, _changes(diagnostics), date)
    if not made:
        return data, 0
    package.replaced[package.main] = serialize(document)
    return package.write(), made


def annotated_package(data: bytes, diagnostics: list[Diagnostic], lines_of) -> tuple[bytes, int]:
    package = Package(data)
    document = _document(package)
    notes = []
    for d in diagnostics:
        loc = d.location
        table = (loc.table, loc.row, loc.col) if loc.table is not None and loc.row is not None else None
        notes.append(Note(loc.paragraph, table, lines_of(d)))
    made = add_comments(package, document, notes)
    package.replaced[package.main] = serialize(document)
    return package.write(), made


def diff_of(name: str, old: str, new: str) -> str:
    """The change as text, paragraph by paragraph, with a/ b/ paths as `git diff` writes them."""
    return "".join(difflib.unified_diff(_text_lines(old), _text_lines(new), fromfile=diff_path(f"a/{name}"),
                                        tofile=diff_path(f"b/{name}")))
