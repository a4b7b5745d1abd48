#!/usr/bin/env python3
"""How fast the PDF reader is and how much memory a whole lint of a long PDF takes.

    python benchmarks/bench_pdf.py [--pages 100] [--runs 11]

Prints the parse time of every fixture PDF (best of 3); the CPU time of linting fixtures/pdf/000.pdf
(six pages, three of them tables) as a whole process, as a ratio to `python -c pass` (target 15x);
then lints a PDF of N pages in a fresh process and prints its CPU time as a ratio to
`pdftotext -layout` on the same file (target 1x) and its peak resident memory (target 80 MB). CPU
times are medians of alternating runs, so both sides see the same machine load. The long PDF is
built at run time in a temporary folder from fixtures/pdf/000.pdf: its pages as they are (tables
included, once), then its prose-only pages repeated until the page count is reached — a long report
is long prose around the same three tables. A second long PDF repeats every page, tables included
(the worst case: the table finder runs on every other page). After each long PDF, where a lint's CPU
time goes, measured inside one fresh process: the imports and plugin loading, reading the PDF (and,
of that, what pdfium itself spends loading every page and its text page, and what the ruled tables
take: the drawings, characters and cells of the pages that have them), the rules, and the rest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from process import environment, gaic_lint

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "pdf"


def parse_times() -> None:
    from gaic_lint.model import InputError
    from gaic_lint.readers import read

    paths = sorted(FIXTURES.glob("*.pdf")) + sorted((FIXTURES / "variants").glob("*.pdf"))
    for path in paths:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            try:
                read(str(path))
            except InputError:  # scanned.pdf: an input error is the expected result
                continue
            best = min(best, time.perf_counter() - started)
        print(f"parse  {path.relative_to(ROOT)!s:45} {best * 1000:8.1f} ms")


def build_long(source: Path, pages: int, out: Path, tables_everywhere: bool) -> None:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    prose = []
    for i in range(len(src)):
        text = src[i].get_textpage().get_text_range()
        if "第二十条" not in text and "申请数量" not in text and "行政复议" not in text:
            prose.append(i)
    pool = list(range(len(src))) if tables_everywhere else prose
    order = list(range(len(src)))
    order += [pool[k % len(pool)] for k in range(max(0, pages - len(order)))]
    dst = pdfium.PdfDocument.new()
    # one import call, so the repeated pages share their fonts as the pages of one document do
    dst.import_pages(src, order)
    dst.save(str(out))
    print(f"built  {out.name}: {len(dst)} pages, {out.stat().st_size / 1e6:.1f} MB")


def measure(command: list[str]) -> tuple[float, int]:
    """(CPU time in ms, peak resident memory in KB) of one process running `command`."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                               env=environment())
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss


def alternating(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median CPU time and largest peak memory of each command, the commands run in turn."""
    for command in commands.values():
        measure(command)  # warm the bytecode and file caches
    seen: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seen[name].append(measure(command))
    return {name: (statistics.median(t for t, _ in results), max(m for _, m in results))
            for name, results in seen.items()}


def lint_command(path: Path) -> list[str]:
    return [sys.executable, *gaic_lint(), str(path), "--format", "concise"]


def small_pdf_ratio(runs: int) -> None:
    path = FIXTURES / "000.pdf"
    result = alternating({"pass": [sys.executable, "-c", "pass"], "lint": lint_command(path)}, runs)
    ratio = result["lint"][0] / result["pass"][0]
    print(f"cpu    gaic-lint {path.relative_to(ROOT)} {result['lint'][0]:7.1f} ms, python -c pass "
          f"{result['pass'][0]:6.1f} ms: {ratio:5.1f}x  (target <= 15x)")


def long_pdf(path: Path, label: str, runs: int) -> None:
    commands = {"lint": lint_command(path)}
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        commands["pdftotext"] = [pdftotext, "-layout", str(path), str(path.with_suffix(".txt"))]
    result = alternating(commands, runs)
    cpu, rss = result["lint"]
    line = f"lint   {label:34} cpu {cpu:7.1f} ms  peak RSS {rss / 1024:6.1f} MB (target <= 80)"
    if pdftotext:
        line += f"  pdftotext -layout {result['pdftotext'][0]:7.1f} ms: {cpu / result['pdftotext'][0]:4.2f}x (target <= 1x)"
    else:
        line += "  (pdftotext not installed: no ratio)"
    print(line)


_PARTS = r"""
import io, contextlib, sys, time
clock = time.process_time
started = clock()
from gaic_lint import regex_cache
regex_cache.install()  # as the console script does
from gaic_lint import engine, batchrules, readers
from gaic_lint.cli import main
from gaic_lint.readers.pdf import pdfium, pdfium_ruled
spent = {"imports": clock() - started}
inside_read = {}

def timed(name, function, into=spent):
    def wrapper(*args, **kwargs):
        begun = clock()
        try:
            return function(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + clock() - begun
    return wrapper

readers.read = timed("read", readers.read)
pdfium_ruled._read = timed("tables", pdfium_ruled._read, inside_read)
engine.load_plugins = timed("plugins", engine.load_plugins)
engine.Linter.check = timed("rules", engine.Linter.check)
batchrules.run_batch_rules = timed("batch rules", batchrules.run_batch_rules)
begun = clock()
with contextlib.redirect_stdout(io.StringIO()):
    main([sys.argv[1], "--format", "concise"])
total = clock() - begun + spent["imports"]
begun = clock()
document = pdfium.PdfDocument(sys.argv[1])
for index in range(len(document)):
    page = document[index]
    text = page.get_textpage()
    text.get_text_range()
    text.close()
    page.close()
document.close()
floor = clock() - begun
rest = total - sum(spent.values())
print(" ".join(f"{name} {seconds * 1000:.0f}" for name, seconds in spent.items()), f"rest {rest * 1000:.0f}",
      f"| of the read, pdfium loading pages and text {floor * 1000:.0f},",
      f"ruled tables (their pages' drawings, characters and cells) {inside_read.get('tables', 0.0) * 1000:.0f}")
"""


def parts(path: Path) -> None:
    """Where one lint of `path` spends its CPU time (ms, one fresh process; the interpreter's own
    start is not counted)."""
    out = subprocess.run([sys.executable, "-c", _PARTS, str(path)], capture_output=True, text=True, cwd=ROOT,
                         env=environment(), check=False)
    print("parts  " + (out.stdout.strip() or out.stderr.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    parse_times()
    small_pdf_ratio(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        for label, everywhere in (("prose + tables once", False), ("every page repeated", True)):
            path = Path(tmp) / f"long-{int(everywhere)}.pdf"
            build_long(FIXTURES / "000.pdf", args.pages, path, everywhere)
            long_pdf(path, f"{args.pages}-page PDF ({label})", max(3, args.runs // 2))
            parts(path)


if __name__ == "__main__":
    main()
