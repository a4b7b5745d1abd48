"""Cost of the cross-year rules in a batch: 200 reports (40 bodies × 5 years, made from the rule fixture
text with the body's name and the year changed) are checked with every rule, then paired and compared by
the batch rules (carry-over, stock-continuity, text-reuse, year-over-year).

    python benchmarks/bench_pairing.py [--bodies N] [--years N] [--runs N] [--source REPORT.txt]

Prints the CPU time (other processes on a shared machine do not count) of the per-file checks, of the batch rules (best of --runs each), and the share the
batch rules add. The copies share most of their text, so text-reuse reports on every pair: the slow case.
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


def make_batch(folder: Path, bodies: int, years: int, source: Path = SOURCE) -> list[str]:
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    text = source.read_text(encoding="utf-8")
    report = Linter(Config()).parse(str(source))
    agency, year = report.agency, report.year
    paths = []
    for b in range(bodies):
        for y in range(year - years + 1, year + 1):
            body = f"第{b + 1}区{agency}"
            page = text.replace(agency, body).replace(str(year), str(y))
            # Each year a little different, as real reports are.
            page = page.replace("。", f"。{b}{y}", 1)
            path = folder / f"{b:03d}-{y}{source.suffix}"
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
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the .txt report the copies are made from (default: a rule fixture)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_batch(Path(tmp), args.bodies, args.years, args.source)
        linter = Linter(Config())
        # Best of --runs: the machine is shared, and the least disturbed run is the one to compare.
        files = batch = float("inf")
        for _ in range(args.runs):
            started = time.process_time()
            results = [linter.lint(p) for p in paths]
            files = min(files, time.process_time() - started)
            started = time.process_time()
            run_batch_rules(linter.rules, results, linter.context, linter.finish)
            batch = min(batch, time.process_time() - started)
        items = [BatchItem(r.path, r.summary) for r in results]
        started = time.process_time()
        found = pairs(items)
        pairing = time.process_time() - started
    rules = ", ".join(r.meta.name for r in linter.rules if isinstance(r, BatchRule))
    print(f"{len(paths)} reports, {len(found)} paired with last year's")
    print(f"per-file checks:      {files:8.3f} s")
    print(f"batch rules:          {batch:8.3f} s  ({rules})")
    print(f"  of which pairing:   {pairing * 1000:8.1f} ms (once)")
    print(f"added by the batch:   {batch / files:8.1%} of the per-file time (target < 10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
