"""Cost of the cross-year rules in a batch: 200 reports (40 bodies × 5 years, made from the rule fixture
text with the body's name and the year changed) are checked with every rule, then paired and compared by
the batch rules (carry-over, stock-continuity, text-reuse, year-over-year).

    python benchmarks/bench_pairing.py [--bodies N] [--years N]

Prints the time of the per-file checks, of the batch rules, and the share the batch rules add.
Target: under 10 % of the batch time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "fixtures" / "rules" / "text-reuse" / "trigger" / "2025.txt"


def make_batch(folder: Path, bodies: int, years: int) -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    paths = []
    for b in range(bodies):
        for y in range(2025 - years + 1, 2026):
            body = f"第{b + 1}区医疗保障局"
            page = text.replace("北关区医疗保障局", body).replace("2025", str(y))
            # Each year a little different, as real reports are.
            page = page.replace("主动公开 12 条信息", f"主动公开 {b + y % 7} 条信息")
            path = folder / f"{b:03d}-{y}.txt"
            path.write_text(page, encoding="utf-8")
            paths.append(str(path))
    return paths


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from gaic_lint.batchrules import BatchItem, BatchRule, run_batch_rules
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter
    from gaic_lint.history.pairing import pairs

    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_batch(Path(tmp), args.bodies, args.years)
        linter = Linter(Config())
        started = time.perf_counter()
        results = [linter.lint(p) for p in paths]
        files = time.perf_counter() - started
        started = time.perf_counter()
        run_batch_rules(linter.rules, results, linter.context, linter.finish)
        batch = time.perf_counter() - started
        items = [BatchItem(r.path, r.summary) for r in results]
        started = time.perf_counter()
        found = pairs(items)
        pairing = time.perf_counter() - started
    rules = ", ".join(r.meta.name for r in linter.rules if isinstance(r, BatchRule))
    print(f"{len(paths)} reports, {len(found)} paired with last year's")
    print(f"per-file checks:      {files:8.3f} s")
    print(f"batch rules:          {batch:8.3f} s  ({rules})")
    print(f"  of which pairing:   {pairing * 1000:8.1f} ms (once)")
    print(f"added by the batch:   {batch / files:8.1%} of the per-file time (target < 10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
