"""JSON output.

`json` is a flat array of findings, one object each: the shape existing users parse, kept stable.
`json-report` is one object for the whole batch, listing every file, clean and unreadable ones too,
with who published it, its verdict and its findings: a separate format rather than a flag, because a
consumer must know the shape from the format name alone.
"""

from __future__ import annotations

import sys

from .sanitize import clean_data, dumps

REPORT_VERSION = 1


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    # `previous`: the report the cross-year rules used as this file's last year's report.
    data = [({**d.to_dict(), **({"previous": r.previous} if getattr(r, "previous", None) else {})})
            for r in results for d in r.diagnostics]
    stream.write(dumps(data, indent=2) + "\n")


def report_data(results, options: dict | None = None) -> dict:
    from .verdicts import fail_level, statistics, verdict_of

    level = fail_level(options)
    files = []
    for result in results:
        entry = verdict_of(result, level).to_dict()
        entry["published"] = result.summary.published if result.summary is not None else None
        entry["diagnostics"] = [d.to_dict() for d in result.diagnostics]
        files.append(entry)
    passed = sum(1 for f in files if f["passed"])
    return clean_data({
        "version": REPORT_VERSION,
        "fail_on": level.value,
        "files": files,
        "totals": {"files": len(files), "passed": passed, "failed": len(files) - passed,
                   "unreadable": sum(1 for f in files if f["unreadable"]),
                   "counts": {s: sum(f["counts"][s] for f in files) for s in ("error", "warning", "info")}},
        "rules": [{"code": code, "name": name, "count": n, "fixable": fix}
                  for code, name, n, fix, _ in statistics(results, (options or {}).get("rules"))],
    })


def render_report(results, stream=sys.stdout, options: dict | None = None) -> None:
    stream.write(dumps(report_data(results, options), indent=2) + "\n")
