"""Reporters render diagnostics; they never re-parse a document.

Each reporter is `render(results, stream, options)`; the built-in ones are imported only when chosen.
`options` may hold `color`, `rules` (metadata of the enabled rules, for formats that list every rule),
`baseline_hidden` (how many findings a baseline suppressed), `fail_on` (the `Severity` at which a report
fails, so that verdicts, JUnit failures and the exit code agree), `quiet` and `statistics` (text only),
and `output` (the file written, if any: the review page links the reports relative to it). A plugin adds
a format through the `gaic_lint_reporters` hook; the command line's `--format` choices are the names
registered here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

BUILTIN = {
    "text": ("gaic_lint.reporters.text", "render"),
    "json": ("gaic_lint.reporters.json", "render"),
    "json-report": ("gaic_lint.reporters.json", "render_report"),
    "json-lines": ("gaic_lint.reporters.jsonlines", "render"),
    "concise": ("gaic_lint.reporters.concise", "render"),
    "junit": ("gaic_lint.reporters.junit", "render"),
    "sarif": ("gaic_lint.reporters.sarif", "render"),
    "github": ("gaic_lint.reporters.github", "render"),
    "gitlab": ("gaic_lint.reporters.gitlab", "render"),
    "html": ("gaic_lint.reporters.html", "render"),
}

_plugins: dict[str, Callable] = {}


def register(name: str, render: Callable) -> None:
    """Add a plugin's output format."""
    if name in BUILTIN:
        raise ValueError(f"输出格式“{name}”是内置格式，不能由插件替换")
    if not callable(render):
        raise TypeError(f"输出格式“{name}”的 {render!r} 不可调用")
    _plugins[name] = render


def names() -> list[str]:
    return sorted([*BUILTIN, *_plugins])


def get(name: str) -> Callable:
    if name in _plugins:
        return _plugins[name]
    module, func = BUILTIN[name]
    return getattr(importlib.import_module(module), func)


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
