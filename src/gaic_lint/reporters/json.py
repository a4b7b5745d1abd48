"""JSON output: an array of diagnostics, one object each."""

from __future__ import annotations

import json
import sys

from .sanitize import clean_data


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    # `previous`: the report the cross-year rules used as this file's last year's report.
    data = [clean_data({**d.to_dict(), **({"previous": r.previous} if getattr(r, "previous", None) else {})})
            for r in results for d in r.diagnostics]
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
