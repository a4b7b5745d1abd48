"""Make strings safe for machine-readable output.

Diagnostics can carry characters no XML or JSON consumer accepts: file names that the OS handed over
with undecodable bytes (Python represents them as lone surrogates, U+DC80–U+DCFF), text extracted from
PDFs with broken font maps, control characters pasted from Word (vertical tab, form feed, ESC). A lone
surrogate cannot even be encoded as UTF-8, and XML 1.0 forbids most C0 controls outright, so one such
character would make a whole JUnit or SARIF file unreadable for every report in the batch.
"""

from __future__ import annotations

import json
import re

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
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


# Everything a terminal, a CI log or `str.splitlines` takes as the end of a line (what `clean` keeps
# of them: CR, LF, NEL and the Unicode line and paragraph separators). Shown as escapes, so that text
# from a document or a file name can never start an output line of its own.
_BREAKS = {"\r": "\\r", "\n": "\\n", "\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# GitHub Actions runs a log line as a workflow command when it starts with `::` after leading
# whitespace; Azure Pipelines does the same with `##vso[`, and old runners with `##[`.
_COMMAND = re.compile(r"\s*(::|##)")


def inline(text: str) -> str:
    """`clean(text)` on one line: line breaks written as `\\n`, `\\r`, `\\u2028`…"""
    text = clean(text)
    if not isinstance(text, str) or (text.isascii() and text.isprintable()):
        return text
    return _BREAK.sub(lambda m: _BREAKS[m.group()], text)


def line_start(text: str) -> str:
    """`inline(text)` for text that begins an output line and starts with a path (the place of a
    finding, a row of the verdict table): `./` goes before a relative path that would otherwise make
    the line a CI workflow command, the same file under a name no CI log runs."""
    text = inline(text)
    if isinstance(text, str) and _COMMAND.match(text):
        return "./" + text
    return text


def guard_lines(text: str) -> str:
    """Multi-line text (a JUnit failure's details) with every line that a CI log would run as a
    workflow command defused by a leading `./` (the lines there begin with a finding's place)."""
    if "::" not in text and "##" not in text:
        return text
    return "\n".join("./" + line if _COMMAND.match(line) else line for line in text.split("\n"))


def dumps(value: Any, **kwargs) -> str:
    """JSON of `clean_data(value)` with the characters JSON keeps raw but line-oriented readers split
    on (U+2028, U+2029, NEL) escaped: still the same JSON value, and one JSON Lines record stays one
    line for JavaScript, Python's `splitlines` and log shippers alike."""
    text = json.dumps(clean_data(value), ensure_ascii=False, **kwargs)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return text


def diff_path(name: str) -> str:
    """A file name for a `---`/`+++` header of a unified diff, quoted as git quotes it when it holds a
    quote, a backslash, or a control or line-break character (so that the header stays one line and
    `git apply` still reads it); otherwise as it is."""
    name = clean(name)
    if not any(ch in '"\\' or ch in _BREAKS or ord(ch) < 0x20 for ch in name):
        return name
    out = []
    for ch in name:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch in _BREAKS or ord(ch) < 0x20:
            out.append("".join(f"\\{b:03o}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
