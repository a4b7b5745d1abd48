"""Rules reading a report against last year's report of the same body, and against its publication date."""

from __future__ import annotations

from ...model import Location


def batch_finding(rule, message, location, file, evidence, severity=None):
    """A batch rule's diagnostic on the file `file`, at `location` or the file as a whole."""
    d = rule.diagnostic(message, location or Location(), evidence=evidence, severity=severity)
    d.file = file
    return d
