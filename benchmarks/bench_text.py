"""Wall time of linting each seed as a whole process, of `gaic-lint --version`, and in-process lint time.

    python benchmarks/bench_text.py [--runs N]

Prints numbers; asserts nothing. Target: a seed in under 0.3 s as a whole process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from process import run, wall_ms

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    print(f"python {sys.version.split()[0]}, median of {runs} runs")
    print(f"{'gaic-lint --version':<40}{wall_ms(['--version'], runs):8.1f} ms  (whole process)")
    print(f"{'python -c pass':<40}", end="")
    start = time.perf_counter()
    for _ in range(runs):
        run(["-c", "pass"])
    print(f"{(time.perf_counter() - start) / runs * 1000:8.1f} ms  (interpreter start, for scale)")
    for seed in SEEDS:
        print(f"{'gaic-lint ' + seed.name:<40}{wall_ms([str(seed)], runs):8.1f} ms  (whole process)")

    sys.path.insert(0, str(ROOT / "src"))
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    linter = Linter(Config())
    for seed in SEEDS:
        linter.lint(str(seed))  # warm caches (rulebook, compiled identities)
        times = []
        for _ in range(runs * 5):
            start = time.perf_counter()
            linter.lint(str(seed))
            times.append(time.perf_counter() - start)
        print(f"{'in-process ' + seed.name:<40}{statistics.median(times) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
