"""Stable identities for findings, shared by the GitLab report and the baseline.

A fingerprint must survive edits elsewhere in the document: inserting a paragraph moves every later
finding down by some lines, and a baselined finding must not come back because of that. So the hash
covers what the finding *says* (rule, file, message and evidence, the template cell it is about) and
never where it physically sits (line, column, page, paragraph number). Change the quoted sentence and
the fingerprint changes: that is a new finding.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath, PurePosixPath

from ..model import Diagnostic

# Physical places a message might mention in passing ("第12行", "第3页", "段落7"); they move with edits.
_PLACE = re.compile(r"第\s*\d+\s*[行页]|段落\s*\d+")
_SPACE = re.compile(r"\s+")


def display_path(path: str) -> str:
    """`path` relative to the current folder with forward slashes, or absolute when it lies outside.

    Every machine-readable format and the baseline name files this way, so a baseline written on
    Windows matches a CI run on Linux when both run from the repository root.
    """
    if not path:
        return path
    try:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return PurePath(path).as_posix()
    if relative == ".." or relative.startswith(".." + os.sep):
        return PurePath(absolute).as_posix()
    return PurePosixPath(*PurePath(relative).parts).as_posix()


def _normal(text: str | None) -> str:
    return _SPACE.sub("", _PLACE.sub("", text or ""))


def fingerprint(d: Diagnostic) -> str:
    """The finding's identity: 32 hex digits, unchanged when the finding merely moves."""
    parts = [d.code, d.rule, display_path(d.file), _normal(d.message), _normal(d.evidence),
             d.location.cell_path or ""]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def unique_fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic, distinct even when two findings say exactly the same thing.

    The n-th repetition (in reading order) gets the base fingerprint re-hashed with n, so the first
    occurrence keeps the plain fingerprint and the set stays stable when findings move.
    """
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        base = fingerprint(d)
        n = seen[base]
        seen[base] += 1
        out.append(base if n == 0 else hashlib.sha256(f"{base}:{n}".encode()).hexdigest()[:32])
    return out
