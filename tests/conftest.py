from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REAL_REPORTS = ROOT.parent / "shared" / "real-reports"

# The processes the tests start run gaic-lint as an installed copy does, from cached bytecode (kept
# outside the tree, in the temporary folder): where PYTHONDONTWRITEBYTECODE is set, as in some shells
# and CI images, each of them would otherwise compile every module again, a third of its time.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None and "PYTHONPYCACHEPREFIX" not in os.environ:
    import tempfile

    os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), f"gaic-lint-tests-pycache-{getattr(os, 'getuid', lambda: 0)()}")


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
    """The command line in this process: `gaic_lint.cli.main` with its own stdin/stdout/stderr and cwd.

    The streams are UTF-8 text layers over bytes, as a real process has, so that the CLI's stream
    reconfiguration and any unencodable text behave as they would on a pipe. An exception escaping
    `main` is printed as the interpreter would and gives exit code 1, so a crash still reads as one.
    """
    from gaic_lint.cli import main

    def stream(data: bytes = b"") -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", write_through=True)

    stdin, stdout, stderr = stream((input or "").encode("utf-8")), stream(), stream()
    saved = sys.stdin, sys.stdout, sys.stderr
    old_cwd = os.getcwd()
    os.chdir(cwd or ROOT)
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            stderr.write(f"{exc.code}\n")
    except Exception:
        traceback.print_exc(file=stderr)
        code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(old_cwd)
    return subprocess.CompletedProcess(["gaic-lint", *args], code, _text(stdout), _text(stderr))


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    # Read back the way `subprocess.run(text=True)` reads a pipe (universal newlines).
    return io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding="utf-8").read()


def run_cli_process(*args: str, cwd=None, input: str | None = None, env=None) -> subprocess.CompletedProcess:
    """The command line in a fresh interpreter, for tests of what only a real process shows."""
    return subprocess.run(
        [sys.executable, "-m", "gaic_lint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        input=input,
        env=env,
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


def pytest_xdist_auto_num_workers(config):
    """One worker more than there are cores: many tests spend their time waiting on a real program
    (LibreOffice, Chromium, pip, gaic-lint's own worker processes), and the extra worker keeps the
    cores busy meanwhile."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return cores + 1


@contextlib.contextmanager
def no_cache_beside_the_package():
    """No stored rulebook, patterns or pattern answers in the folder a run falls back to when the user
    cache folder is unusable, from start to end of the block, one block at a time across the test
    processes: that folder is shared with every run, and a run whose own cache is missing or damaged
    reads what is there (deleting a stored file is always safe)."""
    from gaic_lint import user_cache

    def clear():
        for path in Path(user_cache.folders()[-1]).glob("*.json"):
            if path.name.startswith(("rulebook-", "patterns-", "required-")):
                path.unlink(missing_ok=True)
    with open(Path(tempfile.gettempdir(), "gaic-lint-tests-fallback-cache.lock"), "w") as lock:
        try:
            import fcntl
        except ImportError:  # Windows: the tests of one process only
            pass
        else:
            fcntl.flock(lock, fcntl.LOCK_EX)
        clear()
        yield
        clear()
