"""JSON output: an array of diagnostics, one object each."""

from __future__ import annotations

import json
import sys

from .sanitize import clean_data


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    data = [clean_data(d.to_dict()) for r in results for d in r.diagnostics]
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
