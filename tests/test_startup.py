"""Start-up: the built-in rulebook read from its cache (no tomllib, no pyparsing), entry points found by
scanning sys.path (no importlib.metadata), and the console script leaving without teardown — each
giving exactly what the slow path gives."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, no_cache_beside_the_package, seed
from gaic_lint.rulebook import builtin_dir, cache

# Lints the files of argv in-process (the rulebook folder may be redirected by GAIC_TEST_RULES) and
# prints the output, the exit code, and which slow modules the run imported.
_CHILD = textwrap.dedent("""
    import contextlib, io, json, os, sys
    from pathlib import Path
    started = set(sys.modules)  # with what the interpreter's own site hooks imported
    if os.environ.get("GAIC_TEST_RULES"):
        import gaic_lint.rulebook
        load = sys.modules["gaic_lint.rulebook.load"]  # the package's `load` is the function
        load.builtin_dir = lambda: Path(os.environ["GAIC_TEST_RULES"])
    from gaic_lint.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--isolated", "--color", "never", *sys.argv[1:]])
    slow = [m for m in ("pyparsing", "tomllib", "importlib.metadata", "lxml", "pypdfium2", "pdfplumber")
            if m in sys.modules]
    # Modules only a failure, a help text, a manifest, worker processes or a third-party plugin need.
    unused = [m for m in ("shutil", "bz2", "lzma", "csv", "traceback", "signal", "threading", "pluggy",
                          "dataclasses", "typing", "inspect", "pathlib", "zipfile", "hashlib")
              if m in sys.modules and m not in started]
    print(json.dumps({"out": out.getvalue(), "code": code, "slow": slow, "unused": unused}))
""")


@pytest.fixture(autouse=True)
def nothing_beside_the_package():
    with no_cache_beside_the_package():
        yield


def child(cache_home, *args, rules=None) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    env.pop("GAIC_TEST_RULES", None)
    if rules is not None:
        env["GAIC_TEST_RULES"] = str(rules)
    r = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, encoding="utf-8",
                       cwd=cache_home, env=env, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])


def cache_file(cache_home):
    found = list((cache_home / "gaic-lint").glob("rulebook-*.json"))
    assert len(found) == 1, found
    return found[0]


def test_a_warm_run_of_a_text_file_imports_nothing_it_does_not_use(tmp_path):
    cold = child(tmp_path, str(seed("000")))
    assert {"pyparsing", "tomllib"} <= set(cold["slow"])  # the cold run read the files, compiled the identities
    assert cache_file(tmp_path).stat().st_size > 0
    warm = child(tmp_path, str(seed("000")))
    assert warm["slow"] == []
    assert warm["unused"] == []
    assert (warm["out"], warm["code"]) == (cold["out"], cold["code"]) and warm["code"] == 1
    # Word and HTML need lxml, and nothing of the PDF readers; a plain Word package needs no zipfile.
    for report in (ROOT / "fixtures" / "docx" / "000.docx", ROOT / "fixtures" / "html" / "000.html"):
        run = child(tmp_path, str(report))
        assert run["slow"] == ["lxml"]
        assert set(run["unused"]) <= {"typing", "inspect"}  # which lxml.etree imports itself


def _tamper_identity(raw: bytes) -> bytes:
    # A cache with a valid checksum whose identity names a key its table does not have.
    data = json.loads(raw.partition(b"\n")[2])
    data["identities"][0][5][0][1] = "no_such_key"
    return _sealed(data)


def _sealed(data) -> bytes:
    import zlib

    body = json.dumps(data, ensure_ascii=False).encode()
    return b"%08x\n" % zlib.crc32(body) + body


def _broken_manifest(raw: bytes) -> bytes:
    data = json.loads(raw.partition(b"\n")[2])
    data["manifest"]["first_year"] = "not a year"
    return _sealed(data)


def _wrong_shape(raw: bytes) -> bytes:
    data = json.loads(raw.partition(b"\n")[2])
    data["files"] = {"not": "a list"}
    return _sealed(data)


def _wrong_verdicts(raw: bytes) -> bytes:
    data = json.loads(raw.partition(b"\n")[2])
    data["safe"] = data["safe"][1]  # the list without the interpreter that checked it
    return _sealed(data)


@pytest.fixture(scope="module")
def cold_run(tmp_path_factory):
    """A cold run's output and the cache it wrote (name, bytes), shared by the damaged-cache cases."""
    home = tmp_path_factory.mktemp("cold")
    with no_cache_beside_the_package():
        first = child(home, str(seed("001")))
    path = cache_file(home)
    return first, path.name, path.read_bytes()


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # truncated
    lambda raw: raw.replace(b'"t3"', b'"t9"', 1),  # edited without fixing the checksum
    lambda raw: b"\x00\xff" * 200,  # not text at all
    lambda raw: b"",
    _tamper_identity,
    _broken_manifest,
    _wrong_shape,
    _wrong_verdicts,
], ids=["truncated", "edited", "binary", "empty", "identity-key", "manifest", "shape", "verdicts"])
def test_a_corrupt_cache_is_rebuilt_and_the_output_is_the_same(cold_run, tmp_path, damage):
    first, name, good = cold_run
    path = tmp_path / "gaic-lint" / name
    path.parent.mkdir()
    path.write_bytes(damage(good))
    again = child(tmp_path, str(seed("001")))
    assert (again["out"], again["code"]) == (first["out"], first["code"])
    assert "pyparsing" in again["slow"]  # nothing of the damaged cache was used
    # Written anew, as the cold run wrote it.
    assert json.loads(path.read_bytes().partition(b"\n")[2]) == json.loads(good.partition(b"\n")[2])


def test_a_changed_rulebook_file_invalidates_the_cache(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_dir(), rules)
    home = tmp_path / "home"
    home.mkdir()
    report = str(seed("000"))
    before = child(home, report, rules=rules)
    assert before["code"] == 1
    child(home, report, rules=rules)  # from the cache
    key = cache.key(rules)
    terms = rules / "terminology.toml"
    # A term every report has: the changed rulebook must be the one used.
    terms.write_text(terms.read_text(encoding="utf-8")
                     + '\n[[terms]]\nfind = "政府信息公开"\nuse = "政务信息公开"\nwhy = "测试"\n', encoding="utf-8")
    assert cache.key(rules) != key
    after = child(home, report, rules=rules)
    assert "pyparsing" in after["slow"]  # rebuilt
    assert after["out"] != before["out"] and "政务信息公开" in after["out"]
    assert "政务信息公开" not in child(home, report)["out"]  # the built-in rulebook has its own cache


def test_the_cache_key_follows_each_file_s_content_and_time(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(builtin_dir(), rules)
    key = cache.key(rules)
    assert cache.key(rules) == key
    claims = rules / "claims.toml"
    data = claims.read_bytes()
    claims.write_bytes(data.replace(b"#", b"%", 1))  # same size, same mtime second, other content
    os.utime(claims, ns=(0, 0))
    changed = cache.key(rules)
    claims.write_bytes(data)
    os.utime(claims, ns=(0, 0))
    assert len({key, changed, cache.key(rules)}) == 3
    assert cache.key(tmp_path / "missing") is None


def test_the_nested_repeat_verdicts_are_taken_only_by_the_interpreter_that_reached_them(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    base = builtin_dir()
    key = cache.key(base)
    for checked_by, taken in ((sys.version, ["[0-9]+件"]), ("CPython 3.99.0", [])):
        cache.write(base, key, {}, [], [], ["[0-9]+件"])
        path = next((tmp_path / "gaic-lint").glob("rulebook-*.json"))
        data = json.loads(path.read_bytes().partition(b"\n")[2])
        assert data["safe"] == [sys.version, ["[0-9]+件"]]
        data["safe"][0] = checked_by
        path.write_bytes(_sealed(data))
        assert cache.read(base, key)["safe"] == taken


def test_the_cache_folder_can_be_deleted_or_unwritable(tmp_path):
    first = child(tmp_path, str(seed("002")))
    shutil.rmtree(tmp_path / "gaic-lint")
    assert child(tmp_path, str(seed("002")))["out"] == first["out"]
    # A file where the cache folder would be: no cache there, the same findings.
    env_home = tmp_path / "file-home"
    env_home.write_text("")
    r = subprocess.run([sys.executable, "-c", _CHILD, str(seed("002"))], capture_output=True, text=True,
                       encoding="utf-8", cwd=tmp_path, env=dict(os.environ, XDG_CACHE_HOME=str(env_home)),
                       timeout=120, check=False)
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[-1])["out"] == first["out"]


# Entry points -------------------------------------------------------------------------------------

def _dist(site, folder, group_lines):
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {folder.split('-')[0]}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(group_lines)


def test_entry_points_match_importlib_metadata(tmp_path, monkeypatch):
    from gaic_lint.entrypoints import entry_points

    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "Demo_Plugin-1.0.dist-info", "[gaic_lint]\n# a comment\ndemo = demo_plugin:hooks\n\n"
                                              "[console_scripts]\ndemo = demo_plugin:main\n")
    # The same distribution again further down sys.path: importlib.metadata keeps the first.
    _dist(second, "demo.plugin-2.0.dist-info", "[gaic_lint]\nshadowed = other_plugin\n")
    _dist(second, "legacy_plugin.egg-info", "[gaic_lint]\nlegacy = legacy_plugin [extra]\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    importlib.invalidate_caches()
    for group in ("gaic_lint", "console_scripts", "pytest11", "no_such_group"):
        ours = [(e.name, e.value, e.group) for e in entry_points(group)]
        theirs = [(e.name, e.value, e.group) for e in importlib.metadata.entry_points(group=group)]
        assert sorted(ours) == sorted(theirs), group
    names = {e.name for e in entry_points("gaic_lint")}
    assert {"builtin", "demo", "legacy"} <= names and "shadowed" not in names


def test_an_entry_point_loads_its_object(tmp_path, monkeypatch):
    from gaic_lint.entrypoints import EntryPoint

    (tmp_path / "ep_target_mod.py").write_text("class A:\n    class B:\n        value = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert EntryPoint("x", "ep_target_mod:A.B", "g").load().value == 42
    assert EntryPoint("x", "ep_target_mod", "g").load().__name__ == "ep_target_mod"
    with pytest.raises(ValueError):
        EntryPoint("x", "not a value!", "g").load()


def test_a_plugin_installed_on_sys_path_is_run_without_importlib_metadata(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "seen_plugin.py").write_text(textwrap.dedent('''
        from gaic_lint.hookspecs import hookimpl
        from gaic_lint.model import Location, Severity
        from gaic_lint.rules.base import Rule, RuleMeta

        class Seen(Rule):
            meta = RuleMeta("X955", "plugin-seen", "测试用", Severity.WARNING)

            def check(self, report, ctx):
                yield self.diagnostic("插件已运行", Location())

        @hookimpl
        def gaic_lint_rules():
            return [Seen]
    '''), encoding="utf-8")
    _dist(site, "seen_plugin-1.0.dist-info", "[gaic_lint]\nseen = seen_plugin\n")
    env = dict(os.environ, PYTHONPATH=str(site), XDG_CACHE_HOME=str(tmp_path))
    code = ("import sys\nfrom gaic_lint.cli import main\nmain(['rules'])\n"
            "print('METADATA', 'importlib.metadata' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                       cwd=tmp_path, env=env, timeout=120, check=False)
    assert "X955" in r.stdout and "METADATA False" in r.stdout, r.stderr


# The console script ------------------------------------------------------------------------------

_ENTRY = ("import atexit, sys\n"
          "marker = sys.argv.pop(1)\n"
          "atexit.register(lambda: open(marker, 'w').write('ran'))\n"
          "from gaic_lint.cli import entry\n"
          "entry()\n"
          "print('NOT REACHED')\n")


@pytest.mark.parametrize("args", [[str(seed("000"))], ["--version"], ["--bogus"], [], ["rules"],
                                  ["--format", "json", str(seed("003"))], ["--exit-zero", str(seed("000"))]])
def test_the_console_script_exits_as_main_returns(tmp_path, args):
    marker = tmp_path / "atexit-ran"
    fast = subprocess.run([sys.executable, "-c", _ENTRY, str(marker), *args], capture_output=True, cwd=ROOT,
                          timeout=120, check=False)
    plain = subprocess.run([sys.executable, "-m", "gaic_lint", *args], capture_output=True, cwd=ROOT,
                           timeout=120, check=False)
    assert (fast.returncode, fast.stdout, fast.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert b"NOT REACHED" not in fast.stdout and marker.read_text() == "ran"


def test_the_console_script_writes_the_whole_output_file(tmp_path):
    out = tmp_path / "out.json"
    r = subprocess.run([sys.executable, "-c", _ENTRY, str(tmp_path / "m"), "--format", "json", "-o", str(out),
                        str(seed("000")), str(seed("001"))], capture_output=True, cwd=ROOT, timeout=120,
                       check=False)
    assert r.returncode == 1
    assert len(json.loads(out.read_text(encoding="utf-8"))) > 0


@pytest.mark.parametrize("columns", [None, "", "0", "abc", "57", "200"])
def test_the_help_is_as_wide_as_shutil_says(monkeypatch, columns):
    # The parsers find the terminal's width without shutil; it must be the width shutil gives.
    from gaic_lint.argparse_zh import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
