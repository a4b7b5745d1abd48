"""Plugins through the `gaic_lint` entry-point group: a third-party rule runs like a built-in one; a plugin
that fails to load and a rule that raises each become one diagnostic naming them, never a traceback."""

from __future__ import annotations

import json
import os
import textwrap

from conftest import lint, run_cli_process, seed

PLUGIN = textwrap.dedent('''
    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.model import Severity
    from gaic_lint.rules.base import Rule, RuleMeta


    class NoPlaceholder(Rule):
        meta = RuleMeta("X901", "no-xx-placeholder", "不得留有××占位符", Severity.ERROR)

        def check(self, report, ctx):
            for _, p in report.paragraphs():
                if "××" in p.text:
                    yield self.diagnostic("留有占位符“××”", p.location_at(p.text.index("××")))


    class Crashing(Rule):
        meta = RuleMeta("X902", "always-crashes", "测试用", Severity.WARNING)

        def check(self, report, ctx):
            raise RuntimeError("boom")


    @hookimpl
    def gaic_lint_rules():
        return [NoPlaceholder, Crashing]
''')


def install_plugins(site):
    (site / "demo_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (site / "broken_plugin.py").write_text("raise ImportError('missing dependency foo')\n", encoding="utf-8")
    for name, module in (("demo", "demo_plugin"), ("broken", "broken_plugin")):
        info = site / f"{name}_plugin-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-plugin\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[gaic_lint]\n{name} = {module}\n")


def run(site, *args):
    # A fresh interpreter: entry points are found on its path as in a real install, and the plugin
    # modules it imports do not stay behind in this process.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    return run_cli_process(*args, env=env)


def test_third_party_rule_broken_plugin_and_crashing_rule(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install_plugins(site)
    report = tmp_path / "r.txt"
    report.write_text(seed("003").read_text(encoding="utf-8").replace("全年组织开展业务培训3次", "全年组织开展业务培训××次"),
                      encoding="utf-8")
    other = seed("000")  # a report with findings of the built-in rules
    r = run(site, "--format", "json", str(report), str(other))
    assert "Traceback" not in r.stdout + r.stderr
    data = json.loads(r.stdout)
    placeholder = [d for d in data if d["code"] == "X901"]
    assert len(placeholder) == 1 and placeholder[0]["location"]["line"] > 1
    errors = [d["message"] for d in data if d["code"] == "F002"]
    assert any("插件“broken”无法加载" in m and "missing dependency foo" in m for m in errors)
    assert any("规则“always-crashes”（X902）运行出错" in m and "boom" in m for m in errors)
    # the built-in rules still ran, and found what they find without the plugins
    builtin = sorted((d.code, d.location.line) for d in lint(other))
    ran = sorted((d["code"], d["location"].get("line")) for d in data
                 if d["file"] == str(other) and d["code"] != "F002" and not d["code"].startswith("X9"))
    assert builtin and ran == builtin
    assert r.returncode == 1
    listing = run(site, "rules").stdout
    assert "X901" in listing and "no-xx-placeholder" in listing


def test_plugin_rule_can_be_ignored(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install_plugins(site)
    r = run(site, "--format", "json", "--ignore", "X9", str(seed("003")))
    data = json.loads(r.stdout)
    assert not any(d["code"].startswith("X9") for d in data)


PREFIXED = textwrap.dedent('''
    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.model import Severity
    from gaic_lint.rules.base import Rule, RuleMeta


    class LongTitle(Rule):
        meta = RuleMeta("ACME001", "acme-long-title", "标题过长", Severity.WARNING)

        def check(self, report, ctx):
            limit = ctx.rule_options(self.meta.name)["limit"]
            if report.title and len(report.title) > limit:
                yield self.diagnostic(f"标题超过 {limit} 字", report.title_paragraph.location)


    class Outside(Rule):
        meta = RuleMeta("ZZ001", "acme-outside", "前缀之外", Severity.WARNING)

        def check(self, report, ctx):
            return []


    @hookimpl
    def gaic_lint_code_prefixes():
        return ["ACME"]


    @hookimpl
    def gaic_lint_rule_options():
        return {"acme-long-title": {"limit": 5}}


    @hookimpl
    def gaic_lint_rules():
        return [LongTitle, Outside]
''')


def test_plugin_prefix_and_rule_options(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_plugin.py").write_text(PREFIXED, encoding="utf-8")
    (site / "greedy_plugin.py").write_text(
        "from gaic_lint.hookspecs import hookimpl\n\n@hookimpl\ndef gaic_lint_code_prefixes():\n    return ['TX']\n",
        encoding="utf-8")
    for name in ("acme", "greedy"):
        info = site / f"{name}_plugin-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-plugin\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[gaic_lint]\n{name} = {name}_plugin\n")
    r = run(site, "--format", "json", str(seed("003")))
    data = json.loads(r.stdout)
    assert [d["code"] for d in data if d["code"].startswith("ACME")] == ["ACME001"]  # the option was read
    errors = [d["message"] for d in data if d["code"] == "F002"]
    assert any("ZZ001" in m and "acme" in m for m in errors), "a code outside the registered prefix is refused"
    assert any("greedy" in m and "TX" in m for m in errors), "a prefix in a built-in family is refused"
    assert not any(d["code"] == "ZZ001" for d in data)


def test_the_hooks_asked_are_those_the_specification_declares():
    from gaic_lint import hookspecs, plugins

    declared = [name for name in vars(hookspecs.GaicLintSpec) if name.startswith("gaic_lint_")]
    assert sorted(plugins.HOOKS) == sorted(declared) and plugins.PROJECT == hookspecs.PROJECT


def test_the_built_in_plugin_alone_gives_through_pluggy_what_it_gives_directly():
    # Without another plugin the built-in hook is called directly; with one, it goes through pluggy.
    from gaic_lint import plugins
    from gaic_lint.entrypoints import entry_points

    found = [ep for ep in entry_points(group=plugins.PROJECT) if ep.name == "builtin"]
    errors = []
    direct = plugins._implementations(errors)
    through = plugins._through_pluggy(found, errors)
    assert errors == [] and direct == through
    assert [f.__name__ for _, f in direct["gaic_lint_rules"]] == ["gaic_lint_rules"]
