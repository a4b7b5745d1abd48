"""Speed of the HTML reader: parse time per fixture page in-process (reader alone, and reader plus the
whole lint), wall time of `gaic-lint page.html` as a process, and of the same page fetched from a
local HTTP server (`gaic-lint http://127.0.0.1:…/page.html`).

    python benchmarks/bench_html.py [--runs N]

Prints numbers; asserts nothing. Targets: about 3 ms for the reader on a report page, under 0.3 s as a
whole process.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

from process import wall_ms

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "fixtures" / "html"
FILES = sorted(HTML.glob("*.html")) + sorted((HTML / "variants").glob("*.html"))


def median_ms(fn, runs: int) -> float:
    fn()  # warm: first import of lxml, compiled rulebook
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    sys.path.insert(0, str(ROOT / "src"))
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter
    from gaic_lint.readers.html import read_html
    from gaic_lint.readers.registry import ReaderOptions

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"

    linter = Linter(Config())
    print(f"python {sys.version.split()[0]}; in-process: median of {runs * 10} runs; process: median of {runs}")
    print(f"{'file':<30}{'size':>8}{'read_html':>12}{'lint':>10}{'process':>11}{'via URL':>11}")
    for path in FILES:
        data = path.read_bytes()
        name = str(path.relative_to(HTML))
        reader = median_ms(lambda p=str(path), d=data: read_html(p, d, ReaderOptions()), runs * 10)
        whole = median_ms(lambda p=str(path): linter.lint(p), runs * 10)
        process = wall_ms([str(path)], runs)
        url = wall_ms([f"{base}/{path.relative_to(HTML).as_posix()}"], runs)
        print(f"{name:<30}{len(data) // 1024:>6} K{reader:>9.2f} ms{whole:>7.2f} ms{process:>8.0f} ms{url:>8.0f} ms")
    print(f"{'gaic-lint --version':<30}{'':>8}{'':>12}{'':>10}{wall_ms(['--version'], runs):>8.0f} ms")
    httpd.shutdown()
    httpd.server_close()


if __name__ == "__main__":
    main()
