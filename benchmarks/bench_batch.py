"""Throughput and memory of a batch: reports per second for 200 .docx with `--jobs 1` and `--jobs 2`,
and the peak memory of a 1,000-file batch against a 10-file batch (target: at most 1.5×).

    python benchmarks/bench_batch.py [--large 1000]

Memory is the peak, sampled every 20 ms, of the summed resident memory of gaic-lint and every process
under it (workers, the fork server) — an upper bound, as pages the workers share are counted in each.
The largest single process (getrusage of the children) is printed too. The batches are copies of
fixtures/docx/*.docx (each part of each copy made distinct, as in bench_startup) and fixtures/seeds/*.txt in
a temporary folder. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_startup import distinct_copy
from process import ROOT, environment

DOCX = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))
TEXT = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


def make_batch(folder: Path, sources: list[Path], count: int) -> Path:
    folder.mkdir()
    for i, src in zip(range(count), itertools.cycle(sources)):
        if src.suffix == ".docx":
            distinct_copy(src, folder / f"{i:05d}{src.suffix}", i)  # no part shared byte for byte
        else:
            shutil.copy(src, folder / f"{i:05d}{src.suffix}")
    return folder


def _tree_rss(root: int) -> int:
    """Summed VmRSS (bytes) of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            with open(f"/proc/{entry}/statm") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def run(folder: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak summed RSS of `gaic-lint --jobs N folder`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "gaic_lint", "--jobs", str(jobs), str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment())
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    stop.set()
    sampler.join()
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=1000)
    args = parser.parse_args()
    if not hasattr(os, "sched_getaffinity") or not os.path.isdir("/proc"):
        sys.exit("needs Linux (/proc)")
    work = Path(tempfile.mkdtemp(prefix="gaic-lint-bench-batch-"))
    try:
        docx = make_batch(work / "docx", DOCX, 200)
        run(make_batch(work / "warm", DOCX, 4), 2)  # bytecode cache, fork server
        for jobs in (1, 2):
            seconds, _ = run(docx, jobs)
            print(f"200 .docx, --jobs {jobs}: {seconds:.1f} s, {200 / seconds:.1f} reports/s")
        mixed = DOCX + TEXT
        small = make_batch(work / "small", mixed, 10)
        large = make_batch(work / "large", mixed, args.large)
        _, small_peak = run(small, 2)
        seconds, large_peak = run(large, 2)
        print(f"peak memory, all processes, --jobs 2:  10 files {small_peak / 2**20:.0f} MB;  "
              f"{args.large} files {large_peak / 2**20:.0f} MB ({seconds:.0f} s);  "
              f"ratio {large_peak / small_peak:.2f} (target ≤ 1.5)")
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"largest single process over all runs: {largest:.0f} MB")
        print(f"usable CPUs: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
