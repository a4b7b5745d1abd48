"""Make strings safe for machine-readable output.

Diagnostics can carry characters no XML or JSON consumer accepts: file names that the OS handed over
with undecodable bytes (Python represents them as lone surrogates, U+DC80–U+DCFF), text extracted from
PDFs with broken font maps, control characters pasted from Word (vertical tab, form feed, ESC). A lone
surrogate cannot even be encoded as UTF-8, and XML 1.0 forbids most C0 controls outright, so one such
character would make a whole JUnit or SARIF file unreadable for every report in the batch.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")
# XML 1.0 forbids C0 controls except tab, LF and CR, and the non-characters U+FFFE/U+FFFF; it
# discourages C1 controls, which junit-xml strips anyway, so they are dropped here too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD and illegal control characters removed.

    A surrogate is replaced rather than dropped so that the reader sees something was there (a file
    name with one undecodable byte stays distinguishable from its neighbour). CJK, full-width forms
    and astral characters pass untouched.
    """
    if not isinstance(text, str):
        return text
    if text.isascii() and text.isprintable():
        return text
    return _ILLEGAL.sub("", _SURROGATE.sub(REPLACEMENT, text))


def clean_data(value: Any) -> Any:
    """`clean` applied to every string (keys included) in nested dicts, lists and tuples."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value
