#!/usr/bin/env python3
"""How fast the PDF reader is and how much memory a whole lint of a long PDF takes.

    python benchmarks/bench_pdf.py [--pages 100]

Prints the parse time of every fixture PDF (best of 3), then lints a PDF of N pages in a fresh
process and prints its wall time and peak resident memory. The long PDF is built at run time in a
temporary folder from fixtures/pdf/000.pdf: its pages as they are (tables included, once), then its
prose-only pages repeated until the page count is reached — a long report is long prose around the
same three tables. A second long PDF repeats every page, tables included (the worst case: the table
finder runs on every other page).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from process import run

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


def whole_lint(path: Path) -> tuple[float, float, int]:
    code = (
        "import resource, sys, time\n"
        "t = time.perf_counter()\n"
        "from gaic_lint.cli import main\n"
        "try:\n"
        "    code = main([sys.argv[1], '--format', 'concise', '--output', sys.argv[2]])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "assert code in (0, 1), code\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    run(["-c", code, str(path), str(path.with_suffix(".txt"))])  # warm the bytecode cache
    started = time.perf_counter()
    out = run(["-c", code, str(path), str(path.with_suffix(".txt"))], text=True)
    wall = time.perf_counter() - started
    inner, rss_kb = out.stdout.strip().splitlines()[-1].split()
    return wall, float(inner), int(rss_kb)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    parse_times()
    with tempfile.TemporaryDirectory() as tmp:
        for label, everywhere in (("prose + tables once", False), ("every page repeated", True)):
            path = Path(tmp) / f"long-{int(everywhere)}.pdf"
            build_long(FIXTURES / "000.pdf", args.pages, path, everywhere)
            wall, inner, rss = whole_lint(path)
            print(f"lint   {args.pages}-page PDF ({label:20}) wall {wall:6.2f} s  in-process {inner:6.2f} s  "
                  f"peak RSS {rss / 1024:6.1f} MB")
    print(f"(child ru_maxrss; this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB)")


if __name__ == "__main__":
    main()
