"""One code per kind changed no finding: every fixture and real report gives, once each new code is
mapped back to the 0.1.0 code it was split from, exactly the (code, severity, place) 0.1.0 gave.

tests/data/findings-0.1.0.json was captured from 0.1.0 with the default configuration."""

from __future__ import annotations

import json
import os

import pytest

from conftest import FIXTURES, REAL_REPORTS, ROOT
from gaic_lint.codes import legacy
from gaic_lint.config import Config
from gaic_lint.engine import Linter, expand_paths

EXPECTED = json.loads((ROOT / "tests" / "data" / "findings-0.1.0.json").read_text(encoding="utf-8"))
_REAL = "real-reports/"


def _path(key: str) -> str:
    if key.startswith(_REAL):
        return str(REAL_REPORTS / key[len(_REAL):])
    return str(ROOT / key)


@pytest.fixture(scope="module")
def linter():
    return Linter(Config())


def test_the_capture_covers_every_fixture():
    found = set()
    for sub in ("seeds", "docx", "pdf", "html", "rules"):
        found.update(os.path.relpath(p, ROOT) for p in expand_paths([str(FIXTURES / sub)]))
    assert found == {k for k in EXPECTED if not k.startswith(_REAL)}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_same_findings_as_0_1_0(key, linter):
    if key.startswith(_REAL) and not REAL_REPORTS.is_dir():
        pytest.skip("real reports not available")
    result = linter.lint(_path(key))
    found = [[legacy(d.code, d.rule)[0], d.severity.value, d.location.to_dict()] for d in result.diagnostics]
    assert found == EXPECTED[key]
