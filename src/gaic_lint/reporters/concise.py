"""One line per finding, `path:line:col: CODE [severity] message`, then the summary: for editors'
problem matchers and for grep."""

from __future__ import annotations

import sys

from .sanitize import clean, line_start
from .text import place, summary


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    options = options or {}
    for result in results:
        for d in result.diagnostics:
            # Control characters from the document must not reach a terminal or break the one-line shape.
            message = " ".join(clean(d.message).split())
            stream.write(f"{line_start(place(d))}: {d.code} [{d.severity.value}] {message}\n")
    stream.write(summary(results, hidden=options.get("baseline_hidden", 0), marks=False) + "\n")
