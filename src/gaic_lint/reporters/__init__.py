"""Reporters render diagnostics; they never re-parse a document.

Each reporter is `render(results, stream, options)`; they are imported only when chosen. `options`
may hold `color`, `rules` (metadata of the enabled rules, for formats that list every rule),
`baseline_hidden` (how many findings a baseline suppressed), `fail_on` (the `Severity` at which a report
fails, so that verdicts, JUnit failures and the exit code agree), `quiet` and `statistics` (text only), and `output` (the file written, if any: the review page links
the reports relative to it).
"""

from __future__ import annotations

import importlib

FORMATS = {
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


def get(name: str):
    module, func = FORMATS[name]
    return getattr(importlib.import_module(module), func)
