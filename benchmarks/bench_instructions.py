#!/usr/bin/env python3
"""Instructions, not seconds: what a run costs counted by valgrind, so that two versions can be compared
on a machine whose speed swings from one minute to the next.

    python benchmarks/bench_instructions.py [--reports 20] [--pages 100] [--base OTHER/src]

Prints, for this checkout (and, with --base, for the checkout whose `src` folder is given,
alternately, with the ratio):
- instructions per Word report in a `--jobs 1` batch: a batch of 2N distinct copies less a batch of N,
  divided by N, so that start-up cancels out;
- instructions of linting a 100-page PDF (prose with its tables once; the worst case with every page
  repeated) as a ratio to `pdftotext -layout` on the same file;
- instructions of linting a .txt seed as a ratio to `python -c pass`.
An instruction ratio is not a CPU-time ratio (instructions per cycle differ between programs), but it
moves with every change of the work done and not with the machine's load. Needs valgrind; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_pdf import build_long
from bench_startup import distinct_copy
from process import ROOT, environment

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(command: list[str], src: str | None = None, cache: str | None = None) -> int:
    env = environment()
    if src is not None:
        env["PYTHONPATH"] = src
    if cache is not None:
        env["XDG_CACHE_HOME"] = cache
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          *command], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    found = _REFS.search(out.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count for {command}:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def lint(*args: str) -> list[str]:
    # `python -m gaic_lint` is the console script; the interpreter is named by its real path, as a
    # launcher (a pyenv shim) would be followed by valgrind into a shell instead.
    return [os.path.realpath(sys.executable), "-m", "gaic_lint", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--base", help="the src folder of another checkout to compare with")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("needs valgrind (Debian: apt-get install valgrind)")
    # Both sides from their src folders on PYTHONPATH: valgrind runs the real interpreter, outside any
    # virtualenv, which would otherwise import whatever copy it has installed (and an editable
    # install's import hook alone costs a few per cent of a short run).
    sides = {"this": str(ROOT / "src")} | ({"base": os.path.abspath(args.base)} if args.base else {})
    docx = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))
    seed = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[0]
    with tempfile.TemporaryDirectory(prefix="gaic-lint-bench-instructions-") as tmp:
        folders = {}
        for count in (args.reports, 2 * args.reports):
            folder = folders[count] = Path(tmp, f"batch-{count}")
            folder.mkdir()
            for i in range(count):
                distinct_copy(docx[i % len(docx)], folder / f"{i:04d}.docx", i)
        pdfs = {}
        for label, everywhere in (("prose + tables once", False), ("every page repeated", True)):
            pdfs[label] = Path(tmp, f"long-{int(everywhere)}.pdf")
            build_long(ROOT / "fixtures" / "pdf" / "000.pdf", args.pages, pdfs[label], everywhere)
        # Warm each side's bytecode and stored regular expressions, for every format measured: a first
        # run compiles them, and would be counted in the smaller batch only. Each side keeps its stores
        # in a cache folder of its own: two versions may store in formats the other rejects and rewrites.
        warm = [str(seed), str(folders[args.reports]), str(pdfs["every page repeated"])]
        caches = {side: str(Path(tmp, f"cache-{side}")) for side in sides}
        for side, src in sides.items():
            subprocess.run(lint("--jobs", "1", *warm), capture_output=True,
                           env=environment() | {"PYTHONPATH": src, "XDG_CACHE_HOME": caches[side]}, cwd=ROOT,
                           check=False)

        results: dict[str, dict[str, float]] = {side: {} for side in sides}
        python_pass = instructions([os.path.realpath(sys.executable), "-c", "pass"])
        pdftotext = shutil.which("pdftotext")
        reference = {label: instructions([pdftotext, "-layout", str(p), os.devnull]) for label, p in pdfs.items()} \
            if pdftotext else {}
        for side, src in sides.items():
            small = instructions(lint("--jobs", "1", str(folders[args.reports])), src, caches[side])
            large = instructions(lint("--jobs", "1", str(folders[2 * args.reports])), src, caches[side])
            results[side]["Word report in a batch (M instructions)"] = (large - small) / args.reports / 1e6
            for label, path in pdfs.items():
                spent = instructions(lint(str(path), "--format", "concise"), src, caches[side])
                key = f"{args.pages}-page PDF, {label}"
                results[side][key + (" / pdftotext -layout" if label in reference else " (M instructions)")] = (
                    spent / reference[label] if label in reference else spent / 1e6)
            results[side][".txt seed / python -c pass"] = instructions(lint(str(seed)), src, caches[side]) / python_pass
    for name in results["this"]:
        line = f"{name:52} {results['this'][name]:8.2f}"
        if "base" in results:
            line += f"   base {results['base'][name]:8.2f}   this/base {results['this'][name] / results['base'][name]:.3f}"
        print(line)


if __name__ == "__main__":
    main()
