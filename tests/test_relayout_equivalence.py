"""One code per kind changed no finding: every fixture and real report gives, once each new code is
mapped back to the 0.1.0 code it was split from, exactly the (code, severity, place) 0.1.0 gave.

tests/data/findings-0.1.0.json was captured from 0.1.0 with the default configuration. A fixture's
findings today are read from tests/data/findings.json, which test_findings_unchanged holds to what
gaic-lint finds now; a real report, whose findings that file does not hold, is linted here."""

from __future__ import annotations

import json
import os

import pytest

from conftest import FIXTURES, REAL_REPORTS, ROOT
from gaic_lint.codes import legacy
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.paths import expand_paths

EXPECTED = json.loads((ROOT / "tests" / "data" / "findings-0.1.0.json").read_text(encoding="utf-8"))
CURRENT = json.loads((ROOT / "tests" / "data" / "findings.json").read_text(encoding="utf-8"))
_REAL = "real-reports/"
# The codes 0.1.0 had; rules added since (substance, cross-year, batch, suppressions) are compared by
# their own tests.
_OLD_CODES = {"S001", "S002", "T001", "T002", "T003", "Y001", "X001", "C001", "P001", "W001", "W002",
              *(f"F00{n}" for n in range(1, 8))}
# Kinds added since under an old rule (their aliases include them), compared by their own tests too.
_ADDED_KINDS = {"S106", "S107", "S108", "T304", "T305", "C105", "P104", "X103", "X104"}
# Findings of old kinds that 0.1.0 did not give, each read in its report and found real.
_FOUND_SINCE = {
    # text-table-match compares 表二's documents since: the text says 393 行政规范性文件 in force, 表二 470.
    "real-reports/text/003.txt": [["X001", "warning", {"line": 7, "column": 154}]],
}


def _path(key: str) -> str:
    if key.startswith(_REAL):
        return str(REAL_REPORTS / key[len(_REAL):])
    return str(ROOT / key)


@pytest.fixture(scope="module")
def linter():
    return Linter(Config())


def test_the_capture_covers_every_fixture_of_0_1_0():
    found = set()
    for sub in ("seeds", "docx", "pdf", "html", "rules"):
        found.update(os.path.relpath(p, ROOT) for p in expand_paths([str(FIXTURES / sub)]))
    captured = {k for k in EXPECTED if not k.startswith(_REAL)}
    assert captured <= found
    # What was added since belongs to the rules added since.
    assert all(p.startswith("fixtures/rules/") for p in found - captured)


def _today(key: str, linter) -> list[tuple[str, str, str, dict]]:
    """(code, rule, severity, place) of each finding gaic-lint gives today."""
    if not key.startswith(_REAL):
        return [(f["code"], f["rule"], f["severity"], f["location"]) for f in CURRENT[key]]
    return [(d.code, d.rule, d.severity.value, d.location.to_dict()) for d in linter.lint(_path(key)).diagnostics]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_same_findings_as_0_1_0(key, linter):
    if key.startswith(_REAL) and not REAL_REPORTS.is_dir():
        pytest.skip("real reports not available")
    # `part` (the part a finding is in) was added to locations since.
    found = [[legacy(code, rule)[0], severity, {k: v for k, v in where.items() if k != "part"}]
             for code, rule, severity, where in _today(key, linter) if code not in _ADDED_KINDS]
    assert [f for f in found if f[0] in _OLD_CODES] == EXPECTED[key] + _FOUND_SINCE.get(key, [])
