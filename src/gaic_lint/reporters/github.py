"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, one per finding,
which GitHub shows as annotations on the pull request's files.

Escaping follows the runner's rules: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in a
property value `:` and `,` become `%3A` and `%2C` as well, since they separate the properties.
"""

from __future__ import annotations

import sys

from ..model import Diagnostic, Severity
from ..paths import display_path
from .sanitize import clean, inline
from .text import summary

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # The runner decodes only %25, %0D and %0A; other line separators are shown as escapes, so that
    # a log viewer or a script reading the output line by line never sees a line begin inside one.
    return inline(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    loc = d.location
    props = [("file", display_path(d.file))]
    if loc.line is not None:
        props.append(("line", str(loc.line)))
        if loc.column is not None:
            props.append(("col", str(loc.column)))
    props.append(("title", f"{d.code} {d.rule}"))
    lines = [d.message]
    # Word and PDF findings have no line: GitHub then pins them to the file, so say where in words.
    described = loc.describe()
    if loc.line is None and described:
        lines.append(f"位置：{described}")
    if loc.cell_path:
        lines.append(f"单元格：{loc.cell_path}")
    if d.evidence:
        lines.append(f"依据：{d.evidence}")
    head = ",".join(f"{k}={escape_property(clean(v))}" for k, v in props)
    return f"::{LEVELS[d.severity]} {head}::{escape_data(clean(chr(10).join(lines)))}"


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    options = options or {}
    for result in results:
        for d in result.diagnostics:
            stream.write(command(d) + "\n")
    # A plain line for the job log; it is not a command, so GitHub shows it as is.
    stream.write(escape_data(summary(results, hidden=options.get("baseline_hidden", 0))) + "\n")
