"""Compiled regular expressions kept across runs (`regex_cache`): a warm run compiles none of the
patterns a cold run stored, every stored program rebuilds exactly the pattern the compiler makes, and
a damaged or foreign cache is ignored and rewritten, with the same output every time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zlib
from array import array

import pytest

from conftest import ROOT, no_cache_beside_the_package, seed
from gaic_lint import regex_cache

pytestmark = pytest.mark.skipif(regex_cache._engine() is None, reason="this interpreter's re is not CPython 3.11+'s")

# The console script's path (install, main, save), counting what the run compiled.
_CHILD = textwrap.dedent("""
    import json, sys
    from re import _compiler
    compiled = []
    original = _compiler.compile
    def counting(p, flags=0):
        compiled.append(p if isinstance(p, (str, bytes)) else None)
        return original(p, flags)
    _compiler.compile = counting
    import gaic_lint.regex_cache as cache
    sys.argv = ["gaic-lint", "--isolated", "--color", "never", *sys.argv[1:]]
    from gaic_lint.cli import entry
    import atexit
    atexit.register(lambda: print(json.dumps({"compiled": len(compiled), "installed": len(cache._installed)})))
    entry()
""")


@pytest.fixture(autouse=True)
def nothing_beside_the_package():
    # The fallback folder is read after a damaged file in the user's: these tests run without one.
    with no_cache_beside_the_package():
        yield


def run(home, *args) -> tuple[str, dict]:
    env = dict(os.environ, XDG_CACHE_HOME=str(home))
    r = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, encoding="utf-8",
                       cwd=home, env=env, timeout=120, check=False)
    assert r.returncode in (0, 1), r.stderr
    *out, counts = r.stdout.splitlines()
    return "\n".join(out), json.loads(counts)


def stored(home) -> bytes:
    return (home / "gaic-lint" / regex_cache.file_name()).read_bytes()


@pytest.fixture(scope="module")
def cold_run(tmp_path_factory):
    """(output, counts, stored file) of a run of seed 000 with no cache: made once, and each test that
    starts from it gets a copy of the file in its own cache folder."""
    home = tmp_path_factory.mktemp("cold")
    with no_cache_beside_the_package():
        out, counts = run(home, str(seed("000")))
    return out, counts, stored(home)


def _start_from(home, cold_run) -> None:
    folder = home / "gaic-lint"
    folder.mkdir()
    (folder / regex_cache.file_name()).write_bytes(cold_run[2])


def test_a_warm_run_compiles_nothing_a_cold_run_stored(tmp_path, cold_run):
    report = str(seed("000"))
    cold_out, cold, first = cold_run
    assert cold["compiled"] > 50 and cold["installed"] == 0
    _start_from(tmp_path, cold_run)
    warm_out, warm = run(tmp_path, report)
    assert warm_out == cold_out
    assert warm["installed"] >= cold["compiled"] - 5
    assert warm["compiled"] == 0
    assert stored(tmp_path) == first  # nothing new: not written again


def test_another_format_adds_its_patterns_to_the_same_file(tmp_path, cold_run):
    _start_from(tmp_path, cold_run)
    text_only = len(_parts(stored(tmp_path))[0]["patterns"])
    run(tmp_path, str(ROOT / "fixtures" / "docx" / "000.docx"))
    both = _parts(stored(tmp_path))[0]["patterns"]
    assert len(both) > text_only
    _, warm = run(tmp_path, str(seed("000")))
    assert warm["compiled"] == 0


def test_a_run_builds_only_the_patterns_it_uses_and_stores_the_others_again(tmp_path, cold_run):
    docx = str(ROOT / "fixtures" / "docx" / "000.docx")
    _start_from(tmp_path, cold_run)
    run(tmp_path, docx)
    both = len(_parts(stored(tmp_path))[0]["patterns"])
    _, text = run(tmp_path, str(seed("000")))
    assert text["compiled"] == 0 and 50 < text["installed"] < both
    # A run that compiles patterns of its own writes the file again, with those it never asked for.
    _, html = run(tmp_path, str(ROOT / "fixtures" / "html" / "000.html"))
    assert html["compiled"] > 0
    _, again = run(tmp_path, docx)
    assert again["compiled"] == 0


def test_every_stored_program_is_the_one_the_compiler_makes(tmp_path):
    run(tmp_path, str(ROOT / "fixtures" / "docx" / "000.docx"))
    import _sre

    data, programs = _parts(stored(tmp_path))
    assert data["patterns"]
    start = 0
    for kind, text, flags, final_flags, size, groups, groupindex, indexgroup in data["patterns"]:
        pattern = text.encode("latin-1") if kind == "b" else text
        code, start = programs[start:start + size], start + size
        rebuilt = _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex,
                               tuple(indexgroup))
        fresh = re._compiler.compile(pattern, flags)
        assert rebuilt == fresh, pattern  # equal patterns have equal programs
        assert (rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)


def _parts(raw: bytes) -> tuple[dict, bytes]:
    """The JSON of a stored file and the programs' bytes after it."""
    text, _, programs = raw.partition(b"\n")[2].partition(b"\n")
    return json.loads(text), programs


def _rewrite(home, change) -> None:
    path = home / "gaic-lint" / regex_cache.file_name()
    data, programs = _parts(path.read_bytes())
    programs = change(data, programs)
    body = json.dumps(data).encode() + b"\n" + programs
    path.write_bytes(b"%08x\n" % zlib.crc32(body) + body)


def _bad_program(data, programs) -> bytes:
    # Programs _sre refuses: the first one the run asks for marks the whole file as damaged.
    for entry in data["patterns"]:
        entry[4] = 12
    return b"\xff" * 12 * len(data["patterns"])


def _other_interpreter(data, programs) -> bytes:
    data["key"] = "CPython|2.7"
    return programs


def _wrong_shape(data, programs) -> bytes:
    data["patterns"][0][2] = "0"
    return programs


def _programs_cut_short(data, programs) -> bytes:
    return programs[:-4]


@pytest.mark.parametrize("damage", ["truncated", "checksum", "program", "interpreter", "shape", "short"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(tmp_path, damage, cold_run):
    report = str(seed("000"))
    cold_out, _, good = cold_run
    _start_from(tmp_path, cold_run)
    path = tmp_path / "gaic-lint" / regex_cache.file_name()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "checksum":
        path.write_bytes(b"0" + good[1:] if good[:1] != b"0" else b"1" + good[1:])
    else:
        _rewrite(tmp_path, {"program": _bad_program, "interpreter": _other_interpreter, "shape": _wrong_shape,
                            "short": _programs_cut_short}[damage])
    out, counts = run(tmp_path, report)
    assert out == cold_out
    assert counts["installed"] == 0 and counts["compiled"] > 50
    assert run(tmp_path, report)[1]["compiled"] == 0  # written anew
