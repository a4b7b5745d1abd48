"""Where a Word report's CPU time goes in a `--jobs 1` batch: the reader's steps, the structure, the
rules and the packed summary, in milliseconds per report and as shares of the whole.

    python benchmarks/bench_stages.py [--reports 100] [--rounds 3]

The reports are distinct copies of fixtures/docx/*.docx (every part differs, as in bench_startup), linted
in-process by one Linter the way a batch lints them, with the console script's collector thresholds and
stored regular expressions. Each step is timed by wrapping the function that does it, so the steps add up
to the whole less what no function names (the file's bytes, the tree freed, the guards around each
rule); the remainder is printed as "rest". Prints the round of `--rounds` whose whole is the lowest;
asserts nothing. What a step costs in instructions, independent of the machine's speed: bench_instructions.py.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench_startup import distinct_copy
from process import ROOT

sys.path.insert(0, str(ROOT / "src"))

# (module, class or None, function, step): the steps of `read_docx` in the order it takes them, then the
# engine's. The reader's functions are wrapped where `read_docx` finds them, in its own module.
STEPS = [
    ("gaic_lint.readers.docx", None, "open_zip", "reader: ZIP directory"),
    ("gaic_lint.readers.docx", None, "relationships", "reader: relationships"),
    ("gaic_lint.readers.docx", None, "read_part", "reader: parts inflated"),
    ("gaic_lint.readers.docx", None, "read_document", "reader: document cut and parsed"),
    ("gaic_lint.readers.docx", None, "styles_root", "reader: paragraph styles parsed"),
    ("gaic_lint.readers.docx", None, "Styles", "reader: styles indexed"),
    ("gaic_lint.readers.docx", None, "Numbering", "reader: numbering"),
    ("gaic_lint.readers.docx", None, "prepare", "reader: tracked changes"),
    ("gaic_lint.readers.docx", None, "paragraph_texts", "reader: paragraph texts"),
    ("gaic_lint.readers.docx", None, "properties", "reader: properties"),
    ("gaic_lint.readers.docx.body", "BodyReader", "body", "reader: body walk (tables, blocks)"),
    ("gaic_lint.readers", None, "read", "read, whole"),
    ("gaic_lint.structure.build", None, "build", "structure"),
    ("gaic_lint.engine", "Linter", "check", "rules"),
    ("gaic_lint.engine", None, "pack_report", "summary packed"),
]


def instrument(spent: Counter) -> None:
    import importlib

    for module, cls, name, step in STEPS:
        owner = importlib.import_module(module)
        if cls is not None:
            owner = getattr(owner, cls)
        inner = getattr(owner, name)

        def timed(*args, _inner=inner, _step=step, **kwargs):
            started = time.process_time()
            try:
                return _inner(*args, **kwargs)
            finally:
                spent[_step] += time.process_time() - started

        setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from gaic_lint import regex_cache
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    regex_cache.install()
    gc.set_threshold(50_000, 20, 10)  # as the console script sets it
    docx = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))
    with tempfile.TemporaryDirectory(prefix="gaic-lint-bench-stages-") as tmp:
        paths = [Path(tmp, f"{i:04d}.docx") for i in range(args.reports)]
        for i, path in enumerate(paths):
            distinct_copy(docx[i % len(docx)], path, i)
        linter = Linter(Config())
        linter.lint(str(paths[0]), keep_report=False, packed=True)  # warm: imports, rulebook
        spent: Counter = Counter()
        instrument(spent)
        best: Counter = Counter()
        for _ in range(args.rounds):
            spent.clear()
            started = time.process_time()
            for path in paths:
                linter.lint(str(path), keep_report=False, packed=True)
            spent["whole lint"] = time.process_time() - started
            if not best or spent["whole lint"] < best["whole lint"]:
                best = Counter(spent)  # one round's steps, so that they add up to its whole

    per = {step: best.get(step, 0.0) * 1000 / args.reports for step in best}
    whole = per["whole lint"]
    reader_steps = [step for _, _, _, step in STEPS if step.startswith("reader:")]
    rows = [(step, per.get(step, 0.0)) for step in reader_steps]
    rows.append(("reader: rest (file, sniff, tree freed)", per["read, whole"] - sum(v for _, v in rows)))
    rows += [(step, per.get(step, 0.0)) for step in ("structure", "rules", "summary packed")]
    rows.append(("rest (suppressions, guards, results)",
                 whole - per["read, whole"] - sum(per.get(s, 0.0) for s in ("structure", "rules", "summary packed"))))
    print(f"{args.reports} distinct Word reports, the fastest of {args.rounds} rounds; CPU ms per report")
    for step, ms in rows:
        print(f"  {step:42} {ms:7.3f} ms  {100 * ms / whole:5.1f} %")
    print(f"  {'whole lint':42} {whole:7.3f} ms  = {1000 / whole:.0f} reports/s before start-up and batch rules")


if __name__ == "__main__":
    main()
