"""JSON Lines: one diagnostic object per line, the same objects as `--format json`, so a batch of
thousands of reports can be streamed and appended without holding one big array."""

from __future__ import annotations

import sys

from .json import finding_data
from .sanitize import dumps


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    for result in results:
        for d in result.diagnostics:
            stream.write(dumps(finding_data(d)) + "\n")
