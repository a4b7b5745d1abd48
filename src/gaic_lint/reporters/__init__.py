"""Reporters render diagnostics; they never re-parse a document.

Each reporter is `render(results, stream, options)`; they are imported only when chosen.
"""

from __future__ import annotations

import importlib

FORMATS = {
    "text": ("gaic_lint.reporters.text", "render"),
    "json": ("gaic_lint.reporters.json", "render"),
}


def get(name: str):
    module, func = FORMATS[name]
    return getattr(importlib.import_module(module), func)
