"""Reporters render diagnostics; they never re-parse a document.

Each reporter is `render(results, stream, options)`; they are imported only when chosen. `options`
may hold `color`, `rules` (metadata of the enabled rules, for formats that list every rule) and
`baseline_hidden` (how many findings a baseline suppressed).
"""

from __future__ import annotations

import importlib

FORMATS = {
    "text": ("gaic_lint.reporters.text", "render"),
    "json": ("gaic_lint.reporters.json", "render"),
    "json-lines": ("gaic_lint.reporters.jsonlines", "render"),
    "concise": ("gaic_lint.reporters.concise", "render"),
    "junit": ("gaic_lint.reporters.junit", "render"),
    "sarif": ("gaic_lint.reporters.sarif", "render"),
    "github": ("gaic_lint.reporters.github", "render"),
    "gitlab": ("gaic_lint.reporters.gitlab", "render"),
}


# Formats that can print each file as soon as it is checked: a class with `start(total)`,
# `file(result)`, `finish(results, late)` (see `text.Stream`).
STREAMS = {
    "text": ("gaic_lint.reporters.text", "Stream"),
}


def get_stream(name: str):
    """The streaming reporter class of a format, or None when the format is written at the end."""
    if name not in STREAMS:
        return None
    module, cls = STREAMS[name]
    return getattr(importlib.import_module(module), cls)


def get(name: str):
    module, func = FORMATS[name]
    return getattr(importlib.import_module(module), func)
