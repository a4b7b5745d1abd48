"""A batch of 300 files with every later class of hostile input (`fixtures/bad/make.py`, `build_heavy`)
among copies of good reports, checked as a real process with two workers under a 2 GB address-space
ceiling: it finishes, every good copy is reported exactly as its source alone, every hostile file gets
its one clear file-level finding or the finding its class is documented to give (docs/security.md)."""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter

import pytest

from conftest import FIXTURES, ROOT, SEEDS

TOTAL = 300
ADDRESS_SPACE = 2 << 30
GOOD = [*SEEDS, *sorted((FIXTURES / "docx").glob("*.docx")), *sorted((FIXTURES / "html").glob("*.html"))]
DOCX_003 = FIXTURES / "docx" / "003.docx"
SEED_003 = next(p for p in SEEDS if p.name.startswith("003"))

# What each hostile file is documented to give. "F001": that one finding and nothing else; "F007": a
# partial read said so, the rest linted; "as:<source>": the findings of that good report alone; "read":
# linted, within the time limit (no F001) and without a rule stopped (no F002).
EXPECTED = {
    "inflating-stream.pdf": "F001",
    "rectangles.pdf": "F007",
    "grid-span.docx": "as:docx/003", "grid-before.docx": "as:docx/003", "grid-after.docx": "as:docx/003",
    "counters.docx": "read",
    "unclosed-styles.docx": "F001",  # not well-formed: refused without taking gigabytes
    "spans.html": "read",
    "long-paragraph.txt": "read",
    "md-separator.md": "read", "heading-spaces.md": "read", "part-title-blanks.txt": "read",
    "open-placeholder.txt": "read", "date-spaces.html": "read", "many-citations.txt": "read",
    "nested-title-marks.txt": "read", "less-than-in-title.txt": "read", "year-mentions.txt": "read",
    "unpunctuated-lines.txt": "read",
    "glyph-numbers.pdf": "F001",
    "one-cell-layout.docx": "as:docx/003",
    "alt-chunk.docx": "F007",
    "two-documents.docx": "F001",
    "workbook.docx": "F001",
    "tab-ended.txt": "as:seeds/003",
    "injection.docx": "read", "injection.md": "read",
}
NOT_READ = {"zero.txt", "pipe.md", "outside.txt"}  # a device, a pipe, a link out of the folder


def _make():
    spec = importlib.util.spec_from_file_location("bad_make", FIXTURES / "bad" / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ceiling() -> None:
    # In the child before exec: the linter and its workers share this ceiling.
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _findings(diagnostics) -> list[tuple[str, str]]:
    return sorted((d["code"], json.dumps(d["location"], sort_keys=True)) for d in diagnostics)


@pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "mkfifo"), reason="POSIX only")
def test_300_files_with_every_hostile_class_under_a_2_gb_ceiling(tmp_path):
    from gaic_lint.config import load_config
    from gaic_lint.engine import Linter

    folder = tmp_path / "batch"
    folder.mkdir()
    hostile = _make().build_heavy(folder)
    for name in ("injection.docx", "injection.md"):
        shutil.copy(FIXTURES / "bad" / name, folder / name)
        hostile.append(folder / name)
    assert {p.name for p in hostile} == set(EXPECTED)
    # Good copies in folders of their own under the source's name, so nothing a rule reads from the
    # name differs from the source.
    copies = (TOTAL - len(hostile) - len(NOT_READ)) // len(GOOD)
    for n in range(copies):
        for source in GOOD:
            target = folder / f"good-{n:02d}" / source.parent.name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / source.name)
    assert sum(1 for _ in folder.rglob("*") if not _.is_dir()) == TOTAL
    config = tmp_path / "gaic-lint.toml"
    config.write_text("timeout = 20\n", encoding="utf-8")

    started = time.monotonic()
    # Batch rules (B…) compare the reports of a batch with one another: copies of one report are
    # their business, not this test's.
    r = subprocess.run([sys.executable, "-m", "gaic_lint", "--jobs", "2", "--format", "json-report", "--ignore", "B",
                        "--config", str(config), str(folder)], capture_output=True, text=True, encoding="utf-8",
                       cwd=ROOT, timeout=240, preexec_fn=_ceiling)
    seconds = time.monotonic() - started
    assert r.returncode == 2, r.stderr[-3000:]  # some files are unreadable
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    files = {f["path"]: f for f in json.loads(r.stdout)["files"]}
    assert len(files) == TOTAL - len(NOT_READ), sorted(files)
    assert not any(os.path.basename(p) in NOT_READ for p in files)

    linter = Linter(load_config(config))
    alone = {f"{p.parent.name}/{p.name[:3]}": _findings(
        [d.to_dict() for d in linter.lint(str(p), keep_report=False).diagnostics]) for p in GOOD}
    for n in range(copies):
        for source in GOOD:
            path = str(folder / f"good-{n:02d}" / source.parent.name / source.name)
            assert not files[path]["unreadable"], path
            assert _findings(files[path]["diagnostics"]) == alone[f"{source.parent.name}/{source.name[:3]}"], path

    for path in hostile:
        entry = files[str(path)]
        found = entry["diagnostics"]
        codes = Counter(d["code"] for d in found)
        expected = EXPECTED[path.name]
        if expected == "F001":
            assert entry["unreadable"] and [d["code"] for d in found] == ["F001"], (path.name, found)
        else:
            assert not entry["unreadable"] and not codes["F001"] and not codes["F002"], (path.name, found)
        if expected == "F007":
            assert codes["F007"] == 1, (path.name, codes)
        if expected.startswith("as:"):
            assert sorted(d["code"] for d in found) == sorted(d[0] for d in alone[expected[3:]]), path.name
    [bomb] = files[str(folder / "inflating-stream.pdf")]["diagnostics"]
    assert "max-part-size" in bomb["message"]
    contexts = [d.get("context") or "" for d in files[str(folder / "long-paragraph.txt")]["diagnostics"]]
    assert contexts and max(map(len, contexts)) <= 2002
    # Far more than the few seconds it takes: a hang or a class gone quadratic again, not noise.
    assert seconds < 90, seconds
