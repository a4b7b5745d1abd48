"""Every finding on every fixture and real report is exactly what it was when tests/data/findings.json
was written: code, rule, severity, place, message, evidence, context and fix, as the JSON output writes
them. Work that is meant only to make gaic-lint faster or its code tidier must leave this file as it
is; a change that is meant to change findings rewrites it and shows the difference in review:

    python tests/test_findings_unchanged.py      # from the repository root

The real reports are not ours to copy (../shared/real-reports/README.md), so for them the file holds
only the number of findings and a SHA-256 of their JSON."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import FIXTURES, REAL_REPORTS, ROOT  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "findings.json"
_REAL = "real-reports/"
_FOLDERS = ("seeds", "docx", "pdf", "html", "rules")


def inputs() -> list[str]:
    """Keys of every input: paths from the repository root, real reports under `real-reports/`."""
    from gaic_lint.paths import expand_paths

    keys = [os.path.relpath(p, ROOT) for sub in _FOLDERS for p in expand_paths([str(FIXTURES / sub)])]
    if REAL_REPORTS.is_dir():
        keys += [_REAL + p.relative_to(REAL_REPORTS).as_posix() for p in sorted(REAL_REPORTS.rglob("*"))
                 if p.suffix in (".txt", ".pdf")]
    return keys


def _path(key: str) -> Path:
    return REAL_REPORTS / key[len(_REAL):] if key.startswith(_REAL) else ROOT / key


def findings(linter, key: str):
    """The findings of one input as the JSON output writes them (its own path left out, so that the
    snapshot does not depend on where the checkout is); for a real report, their count and digest."""
    from gaic_lint.reporters.json import finding_data

    result = linter.lint(str(_path(key)))
    text = json.dumps([{k: v for k, v in finding_data(d).items() if k != "file"} for d in result.diagnostics],
                      ensure_ascii=False, sort_keys=True)
    data = json.loads(text)  # as a reader of the output sees it: tuples are lists
    if not key.startswith(_REAL):
        return data
    return {"findings": len(data), "sha256": hashlib.sha256(text.encode()).hexdigest()}


@pytest.fixture(scope="module")
def linter():
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    return Linter(Config())


EXPECTED = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.is_file() else {}


def test_the_snapshot_covers_every_fixture():
    own = {k for k in inputs() if not k.startswith(_REAL)}
    assert own == {k for k in EXPECTED if not k.startswith(_REAL)}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_findings_unchanged(key, linter):
    if key.startswith(_REAL) and not REAL_REPORTS.is_dir():
        pytest.skip("real reports not available")
    assert findings(linter, key) == EXPECTED[key]


def write() -> None:
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    linter = Linter(Config())
    snapshot = {key: findings(linter, key) for key in inputs()}
    SNAPSHOT.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT.relative_to(ROOT)}: {len(snapshot)} inputs")


if __name__ == "__main__":
    write()
