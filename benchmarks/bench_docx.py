"""Speed of the Word reader: parse time per fixture .docx in-process (reader alone, and reader plus the
whole lint), and wall time of `gaic-lint file.docx` as a process.

    python benchmarks/bench_docx.py [--runs N]

Prints numbers; asserts nothing. Targets: under 20 ms in-process (aim: about 2.5 ms for the reader),
under 0.3 s as a whole process. "read_docx" reads the file again and again, as a batch of reports made
from one template does (their styles part is parsed once); "own styles" forgets the parsed styles
part before each read, as for a report whose styles part no other report in the batch shares.
Last, "distinct": the reader's CPU time per report over copies of the fixtures whose every part
differs (as bench_startup.py makes them), each read once per round, as in a batch of real reports.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import distinct_copy
from process import wall_ms

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "fixtures" / "docx").glob("*.docx")) + sorted((ROOT / "fixtures" / "docx" / "variants").glob("*.docx"))


def median_ms(fn, runs: int, clock=time.perf_counter) -> float:
    fn()  # warm: first import of lxml, compiled rulebook
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times) * 1000


def loop_ms() -> float:
    """CPU time of a fixed pure-Python loop, to compare machines (about 40 ms on a quiet laptop)."""
    def spin():
        total = 0
        for i in range(1_000_000):
            total += i
    return median_ms(spin, 5, time.process_time)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    sys.path.insert(0, str(ROOT / "src"))
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter
    from gaic_lint.readers.docx import read_docx
    from gaic_lint.readers.docx.styles import forget_shared
    from gaic_lint.readers.registry import ReaderOptions

    linter = Linter(Config())
    print(f"python {sys.version.split()[0]}; in-process: median of {runs * 10} runs; process: median of {runs}")
    print(f"machine: 1M-iteration Python loop takes {loop_ms():.0f} ms CPU")
    print("read_docx and lint: CPU time of this process (wall time is noisier on a busy machine)")
    print(f"{'file':<34}{'size':>9}{'read_docx':>12}{'own styles':>12}{'lint':>10}{'process':>11}")
    for path in FILES:
        data = path.read_bytes()
        name = str(path.relative_to(ROOT / "fixtures" / "docx"))
        reader = median_ms(lambda p=str(path), d=data: read_docx(p, d, ReaderOptions()), runs * 10, time.process_time)

        def cold(p=str(path), d=data):
            forget_shared()
            read_docx(p, d, ReaderOptions())
        own = median_ms(cold, runs * 10, time.process_time)
        whole = median_ms(lambda p=str(path): linter.lint(p), runs * 10, time.process_time)
        process = wall_ms([str(path)], runs)
        print(f"{name:<34}{len(data) // 1024:>7} K{reader:>9.2f} ms{own:>9.2f} ms{whole:>7.2f} ms{process:>8.0f} ms")
    print(f"distinct: read_docx {distinct_ms(read_docx, ReaderOptions(), runs):.2f} ms per report (median of {runs} rounds)")


def distinct_ms(read_docx, options, runs: int, count: int = 100) -> float:
    """The reader's CPU time per report over `count` distinct copies of the Word fixtures."""
    sources = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))
    with tempfile.TemporaryDirectory(prefix="gaic-lint-bench-") as folder:
        files = []
        for i in range(count):
            target = Path(folder) / f"{i:04d}.docx"
            distinct_copy(sources[i % len(sources)], target, i)
            files.append((str(target), target.read_bytes()))

    def batch():
        for path, data in files:
            read_docx(path, data, options)
    return median_ms(batch, runs, time.process_time) / count


if __name__ == "__main__":
    main()
