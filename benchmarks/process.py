"""Timing gaic-lint as a whole process, the way an installed copy runs.

An installed package has its bytecode compiled at install time; a process that may not write
bytecode (PYTHONDONTWRITEBYTECODE, set in some shells and CI images) recompiles every module on
every start, which costs more than the linting. So the timed processes may cache bytecode (in a
temporary folder, leaving the tree clean), and one untimed run warms that cache.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CACHE = tempfile.mkdtemp(prefix="gaic-lint-bench-pycache-")
atexit.register(shutil.rmtree, _CACHE, True)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = _CACHE
    return env


def run(args: list[str], cwd=ROOT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, cwd=cwd, env=environment(),
                          check=False, **kwargs)


def gaic_lint() -> list[str]:
    """The arguments to python that run gaic-lint as a user runs it: the installed console script
    (which leaves without the interpreter's teardown), else `-m gaic_lint`."""
    script = Path(sys.executable).parent / "gaic-lint"
    return [str(script)] if script.is_file() else ["-m", "gaic_lint"]


def wall_ms(args: list[str], runs: int) -> float:
    """Median wall time of `gaic-lint ARGS` in milliseconds, after one warm-up run."""
    run([*gaic_lint(), *args])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run([*gaic_lint(), *args])
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cpu_ms(args: list[str], cwd=ROOT) -> float:
    """CPU time (user + system) of one `python ARGS` process, in milliseconds."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run(args, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
