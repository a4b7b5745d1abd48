from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REAL_REPORTS = ROOT.parent / "shared" / "real-reports"


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def lint(path, *, select: str | None = None, config=None, report_year=None):
    """Lint one file in-process, the way the CLI does, and return its diagnostics."""
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    config = config or Config()
    if select:
        config.select = select.split(",")
    if report_year:
        config.report_year = report_year
    return Linter(config).lint(str(path)).diagnostics


def lint_report(path, config=None):
    """Read one file in-process and return its Report tree."""
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    return Linter(config or Config()).lint(str(path)).report


def comparable(diagnostics, *, skip_file_notices: bool = True) -> list[tuple]:
    """What a user reads in a finding, without where it is: for comparing the same report in two formats."""
    out = []
    for d in diagnostics:
        if skip_file_notices and d.code.startswith("F"):
            continue
        squash = lambda s: re.sub(r"\s+", "", s or "")  # noqa: E731
        out.append((d.code, d.rule, d.severity.value, squash(d.message), squash(d.evidence), d.location.cell_path))
    return sorted(out)


def run_cli(*args: str, cwd=None, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gaic_lint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        input=input,
        timeout=120,
    )


@pytest.fixture
def tmp_report(tmp_path):
    """Write a variant of a seed (text edited by a function) and return its path."""

    def make(prefix: str, edit, name: str | None = None) -> Path:
        text = seed(prefix).read_text(encoding="utf-8")
        new = edit(text)
        assert new != text, "the edit did not change the report"
        path = tmp_path / (name or seed(prefix).name)
        path.write_text(new, encoding="utf-8")
        return path

    return make
