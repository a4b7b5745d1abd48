"""Stable identities for findings, shared by the GitLab report and the baseline.

A fingerprint must survive edits elsewhere in the document: inserting a paragraph moves every later
finding down by some lines, and a baselined finding must not come back because of that. So the hash
covers what the finding is about and never where it physically sits (line, column, page, paragraph
number). For a kind with typed fields that is (code, file, fields, the template cell): rewording a
message template changes no fingerprint. A rule that reports only a message (a plugin written for
0.1.0) is identified by its message and evidence, as before.

`legacy_fingerprint` is 0.1.0's algorithm, with the split codes mapped back to the codes they replaced;
it is what a baseline written by 0.1.0 recorded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable

from ..codes import legacy
from ..model import Diagnostic
from ..paths import display_path

__all__ = ["display_path", "fingerprint", "legacy_fingerprint", "unique_fingerprints"]

# Physical places a message might mention in passing ("第12行", "第3页", "段落7"); they move with edits.
_PLACE = re.compile(r"第\s*\d+\s*[行页]|段落\s*\d+")
_SPACE = re.compile(r"\s+")


def _normal(text: str | None) -> str:
    return _SPACE.sub("", _PLACE.sub("", text or ""))


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprint(d: Diagnostic) -> str:
    """The finding's identity: 32 hex digits, unchanged when the finding merely moves."""
    if not d.fields:
        return legacy_fingerprint(d)
    fields = json.dumps(d.fields, ensure_ascii=False, sort_keys=True, default=str)
    return _digest(["v2", d.code, display_path(d.file), fields, d.location.cell_path or ""])


def legacy_fingerprint(d: Diagnostic) -> str:
    """The identity 0.1.0 gave the same finding (its code and rule name, its message and evidence)."""
    code, rule = legacy(d.code, d.rule)
    return _digest([code, rule, display_path(d.file), _normal(d.message), _normal(d.evidence),
                    d.location.cell_path or ""])


def unique_fingerprints(diagnostics: Iterable[Diagnostic], of=fingerprint) -> list[str]:
    """One fingerprint per diagnostic, distinct even when two findings say exactly the same thing.

    The n-th repetition (in reading order) gets the base fingerprint re-hashed with n, so the first
    occurrence keeps the plain fingerprint and the set stays stable when findings move.
    """
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        base = of(d)
        n = seen[base]
        seen[base] += 1
        out.append(base if n == 0 else hashlib.sha256(f"{base}:{n}".encode()).hexdigest()[:32])
    return out
