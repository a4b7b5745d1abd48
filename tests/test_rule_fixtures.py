"""Every rule fixture under fixtures/rules/<rule>/ against the diagnostics recorded next to it:
exactly these places, these codes, and each message quoting the text it is about."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, lint
from gaic_lint.codes import expand

CASES = sorted(p for p in (FIXTURES / "rules").glob("*/*") if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixture(path):
    rule = path.parent.name
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    found = [d for d in lint(path) if d.rule == rule or d.code in expand(rule)]
    assert [(d.location.line, d.location.column, d.code) for d in found] == [
        (e["line"], e["column"], e["code"]) for e in expected
    ]
    for d, e in zip(found, expected):
        assert f"“{e['quote']}”" in d.message
        assert d.evidence
    if path.stem == "silent":
        assert expected == []
    else:
        assert expected, "a trigger fixture must trigger"
