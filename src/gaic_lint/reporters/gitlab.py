"""GitLab Code Quality report (a JSON array in the Code Climate issue format), shown in merge
requests when the CI job declares it as `artifacts: reports: codequality`.

GitLab matches issues between the base and head pipelines by `fingerprint`, so it must stay the same
when a finding merely moves (see `fingerprint.py`) and must be unique within one report (two equal
findings get distinct, still stable, fingerprints).
"""

from __future__ import annotations

import sys

from ..model import Diagnostic, Severity
from ..paths import display_path
from ..rules.file import file_notices
from .fingerprint import unique_fingerprints
from .sanitize import dumps

# GitLab's five levels. An unreadable file blocks everything; a rule that could not finish its check
# is serious but says nothing about the report itself.
SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}
SPECIAL = {file_notices.FILE_ERROR.code: "blocker", file_notices.RULE_ERROR.code: "major"}


def severity(d: Diagnostic) -> str:
    if d.severity is Severity.ERROR and d.code in SPECIAL:
        return SPECIAL[d.code]
    return SEVERITIES[d.severity]


def issue(d: Diagnostic, fp: str) -> dict:
    loc = d.location
    description = d.message
    described = loc.describe()
    if loc.line is None and described:
        description += f"（{described}）"
    if d.evidence:
        description += f" 依据：{d.evidence}"
    return {
        "type": "issue",
        "description": description,
        "check_name": f"{d.code} {d.rule}",
        "categories": ["Style" if d.severity is Severity.INFO else "Bug Risk"],
        "fingerprint": fp,
        "severity": severity(d),
        # GitLab needs a line; a Word or PDF finding is pinned to the top of the file.
        "location": {"path": display_path(d.file), "lines": {"begin": loc.line or 1}},
    }


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    diagnostics = [d for r in results for d in r.diagnostics]
    issues = [issue(d, fp) for d, fp in zip(diagnostics, unique_fingerprints(diagnostics))]
    stream.write(dumps(issues, indent=2) + "\n")
