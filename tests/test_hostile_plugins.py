"""Plugin rules that misbehave: each is one F002 naming the rule, never a traceback, never the end of
the run, and the built-in findings of the same file are kept. Real plugins, installed through entry
points in a fresh interpreter, as in `test_plugins.py`."""

from __future__ import annotations

import json
import os
import textwrap
import time

import pytest

from conftest import lint, run_cli_process, seed

PLUGIN = textwrap.dedent('''
    import sys
    import time

    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.rules.base import Rule, RuleMeta


    class Exits(Rule):
        meta = RuleMeta("X911", "exits", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            sys.exit(0)


    class ExitsLater(Rule):
        meta = RuleMeta("X912", "exits-in-generator", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            yield self.diagnostic("第一条", Location())
            raise SystemExit("bye")


    class Junk(Rule):
        meta = RuleMeta("X913", "returns-junk", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            return [self.diagnostic("有效的一条", Location()), 42, "text", None]


    class StrSeverity(Rule):
        meta = RuleMeta("X914", "str-severity", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            return [Diagnostic("X914", "str-severity", "error", "严重程度是字符串", Location())]


    class NotIterable(Rule):
        meta = RuleMeta("X915", "returns-int", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            return 7


    class Sleeps(Rule):
        meta = RuleMeta("X916", "sleeps", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            time.sleep(3600)
            return []


    class Spins(Rule):
        meta = RuleMeta("X917", "spins", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            while True:
                try:
                    pass
                except Exception:
                    pass


    @hookimpl
    def gaic_lint_rules():
        return [Exits, ExitsLater, Junk, StrSeverity, NotIterable, Sleeps, Spins]
''')

TIMEOUT = 4  # seconds per file; a rule gets a quarter of it
# Where only the output format is under test, the two hanging rules need not cost a second each.
SHORT_TIMEOUT = 0.8


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "hostile_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "hostile_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[gaic_lint]\nhostile = hostile_plugin\n")
    (site / "gaic-lint.toml").write_text(f"timeout = {TIMEOUT}\n", encoding="utf-8")
    (site / "short.toml").write_text(f"timeout = {SHORT_TIMEOUT}\n", encoding="utf-8")
    return site


def run(site, *args, config="gaic-lint.toml"):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    return run_cli_process("--config", str(site / config), *args, env=env)


def test_misbehaving_rules_are_one_f002_each_and_the_run_goes_on(site):
    report = seed("000")  # a report with findings of the built-in rules
    started = time.monotonic()
    r = run(site, "--format", "json", str(report))
    elapsed = time.monotonic() - started
    assert "Traceback" not in r.stdout + r.stderr
    data = json.loads(r.stdout)
    errors = {}
    for d in data:
        if d["code"] == "F002":
            code = next(c for c in ("X911", "X912", "X913", "X914", "X915", "X916", "X917") if c in d["message"])
            errors.setdefault(code, []).append(d["message"])
    assert sorted(errors) == ["X911", "X912", "X913", "X914", "X915", "X916", "X917"]
    assert all(len(found) == 1 for found in errors.values())
    assert "SystemExit" in errors["X911"][0] and "SystemExit" in errors["X912"][0]
    assert "int" in errors["X913"][0] and "（共 3 个）" in errors["X913"][0]
    assert "severity" in errors["X914"][0]
    assert f"{TIMEOUT / 4:g} 秒" in errors["X916"][0] and f"{TIMEOUT / 4:g} 秒" in errors["X917"][0]
    # What a rule yielded before it misbehaved, and its valid findings, are kept.
    assert [d["message"] for d in data if d["code"] == "X913"] == ["有效的一条"]
    assert [d["message"] for d in data if d["code"] == "X912"] == ["第一条"]
    # The built-in findings of the file are all there, and the file was not given up on.
    builtin = sorted((d.code, d.location.line) for d in lint(report))
    ran = sorted((d["code"], d["location"].get("line")) for d in data if not d["code"].startswith(("F", "X9")))
    assert builtin and ran == builtin
    assert not any(d["code"] == "F001" for d in data)
    assert r.returncode == 1  # the findings decide, not the plugin's sys.exit(0)
    # Two hanging rules cost their limits, not the file's, nor forever.
    assert elapsed < TIMEOUT * 3


def test_every_output_format_survives_the_plugins(site):
    for fmt in ("text", "sarif", "junit", "github"):
        r = run(site, "--format", fmt, str(seed("004")), config="short.toml")
        assert "Traceback" not in r.stdout + r.stderr and r.returncode == 1, fmt
        assert "X911" in r.stdout and "X914" in r.stdout


BATCH_PLUGIN = textwrap.dedent('''
    import sys

    from gaic_lint.batchrules import BatchRule
    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.model import Severity
    from gaic_lint.rules.base import RuleMeta


    class BatchExits(BatchRule):
        meta = RuleMeta("X921", "batch-exits", "测试用", Severity.WARNING)

        def check_batch(self, items, ctx):
            sys.exit(0)


    class BatchJunk(BatchRule):
        meta = RuleMeta("X922", "batch-junk", "测试用", Severity.WARNING)

        def check_batch(self, items, ctx):
            return [5, object()]


    @hookimpl
    def gaic_lint_rules():
        return [BatchExits, BatchJunk]
''')


def test_misbehaving_batch_rules_are_one_f002_each(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "batch_plugin.py").write_text(BATCH_PLUGIN, encoding="utf-8")
    info = site / "batch_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: batch-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[gaic_lint]\nbatch = batch_plugin\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    r = run_cli_process("--format", "json", str(seed("000")), str(seed("003")), env=env)
    assert "Traceback" not in r.stdout + r.stderr and r.returncode == 1
    errors = [d["message"] for d in json.loads(r.stdout) if d["code"] == "F002"]
    assert len(errors) == 2
    assert any("X921" in m and "SystemExit" in m for m in errors)
    assert any("X922" in m and "int" in m for m in errors)
