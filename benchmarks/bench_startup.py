"""Start-up of gaic-lint as a whole process, as ratios to `python -c pass` measured in the same run.

    python benchmarks/bench_startup.py [--runs N] [--batch N]

CPU time (user + system) of each process; the commands are run in turn, round after round, and the
median of each is taken, so a machine that gets busier part-way slows them all alike. The processes run
in an empty temporary folder, as in a user's folder of reports: the repository's own pyproject.toml
would otherwise be read as a possible configuration file. One untimed run of each warms the bytecode
and rulebook caches first.

Then a folder of N .docx (copies of the Word fixtures, every part of each copy made distinct) is
checked by one process (`--jobs 1`): reports per second of that process's CPU time, start-up included.

Prints numbers; asserts nothing. Targets: .txt <= 6x, .docx <= 7x, .html <= 8x, --version <= 2x;
batch >= 150 reports/s.

Run it with the python of a clean virtualenv that has gaic-lint installed, as a user has it: an
interpreter whose site-packages loads extra `.pth` files (sandbox certificates, editable installs of
other projects) makes `python -c pass` several times dearer and every ratio look better than it is.
The `.pth` files the interpreter loads are printed, so that a reading can be judged.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from process import ROOT, cpu_ms, gaic_lint

FIXTURES = ROOT / "fixtures"
CASES = [
    ("python -c pass", None, ["-c", "pass"]),
    ("gaic-lint --version", 2.0, ["--version"]),
    (".txt seed", 6.0, [str(FIXTURES / "seeds" / "000_d72c9593a288d433.txt")]),
    (".docx", 7.0, [str(FIXTURES / "docx" / "000.docx")]),
    (".html", 8.0, [str(FIXTURES / "html" / "000.html")]),
]


def loop_ms() -> float:
    """Median CPU time of a fixed pure-Python loop: how fast this machine is right now, since its speed
    swings during a day and the batch's target is in reports per second, not a ratio."""
    times = []
    for _ in range(5):
        start = time.process_time()
        total = 0
        for i in range(1_000_000):
            total += i
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def site_hooks() -> list[str]:
    """The `.pth` files in this interpreter's site-packages: each runs at every start of python."""
    import site

    folders = [*site.getsitepackages(), site.getusersitepackages()]
    return sorted(p.name for folder in folders if Path(folder).is_dir() for p in Path(folder).glob("*.pth"))


def distinct_copy(source: Path, target: Path, number: int) -> None:
    """A copy of a Word file whose every XML part differs from the source's by a comment at its end, so
    that no cache keyed on a part's bytes serves one report of the batch from another: a batch of real
    reports shares no part byte for byte."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.endswith((".xml", ".rels")):
                data += f"<!-- copy {number} -->".encode()
            new.writestr(item, data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--batch", type=int, default=200)
    options = parser.parse_args()
    command = gaic_lint()

    with tempfile.TemporaryDirectory(prefix="gaic-lint-bench-") as folder:
        argv = {name: args if name.startswith("python") else [*command, *args] for name, _, args in CASES}
        for name, _, _ in CASES:
            cpu_ms(argv[name], cwd=folder)
        times: dict[str, list[float]] = {name: [] for name, _, _ in CASES}
        for _ in range(options.runs):
            for name, _, _ in CASES:
                times[name].append(cpu_ms(argv[name], cwd=folder))
        base = statistics.median(times["python -c pass"])
        print(f"python {sys.version.split()[0]}; CPU time, median of {options.runs} alternating runs; "
              f"command: python {' '.join(Path(c).name for c in command)}")
        print(f".pth files run at start: {', '.join(site_hooks()) or 'none'}")
        for name, target, _ in CASES:
            ms = statistics.median(times[name])
            goal = f"target <= {target:g}x: {'ok' if ms / base <= target else 'MISSED'}" if target else ""
            print(f"{name:<24}{ms:8.1f} ms {ms / base:6.2f}x  {goal}")

        docx = sorted((FIXTURES / "docx").glob("*.docx"))
        batch = Path(folder, "batch")
        batch.mkdir()
        for i in range(options.batch):
            distinct_copy(docx[i % len(docx)], batch / f"{i:04d}.docx", i)
        batch_run = [*command, "--jobs", "1", str(batch)]
        cpu_ms(batch_run, cwd=folder)
        spent = statistics.median(cpu_ms(batch_run, cwd=folder) for _ in range(3))
        rate = options.batch / (spent / 1000)
        print(f"{options.batch} .docx in one process (--jobs 1): {spent:.0f} ms CPU, {rate:.0f} reports/s "
              f"(target >= 150: {'ok' if rate >= 150 else 'MISSED'})")
        print(f"machine: a 1M-iteration Python loop takes {loop_ms():.0f} ms CPU "
              f"(to compare runs on machines or days of different speed)")


if __name__ == "__main__":
    main()
