"""Old codes and rule names stand for the kinds they were split into, in select, ignore and [severity]."""

from __future__ import annotations

import pytest

from conftest import lint, run_cli
from gaic_lint.codes import ALIASES, LEGACY, PrefixError, PrefixRegistry, expand
from gaic_lint.config import Config
from gaic_lint.model import Severity
from gaic_lint.plugins import load_plugins


def _unbalanced(tmp_report):
    def edit(text):
        lines = text.split("\n")
        lines[104] = "\t18件"  # 表三 · （一）予以公开 · 自然人: not a number
        lines[114] = "\t-1"
        return "\n".join(lines)

    return tmp_report("003", edit)


def test_every_alias_names_existing_codes_and_every_split_code_maps_back():
    codes = {m.code for m in load_plugins().metas()}
    for old, group in ALIASES.items():
        assert group and group <= codes, old
        assert {LEGACY[c][0] if old[0].isupper() else LEGACY[c][1] for c in group} == {old}
    assert {c for group in ALIASES.values() for c in group} == set(LEGACY)


def test_old_code_selects_and_ignores_all_its_kinds(tmp_report):
    path = _unbalanced(tmp_report)
    kinds = {d.code for d in lint(path) if d.code in expand("T001")}
    assert kinds == {"T104", "T105", "T109"}
    assert {d.code for d in lint(path, select="T001")} == kinds
    assert {d.code for d in lint(path, select="table-balance")} == kinds
    assert not {d.code for d in lint(path, config=Config(ignore=["T001"]))} & kinds
    assert {d.code for d in lint(path, select="T104")} == {"T104"}


def test_old_name_of_a_rule_with_one_severity_regrades_every_kind(tmp_report):
    path = _unbalanced(tmp_report)
    found = [d for d in lint(path, config=Config(severity={"table-balance": Severity.WARNING}))
             if d.code in expand("table-balance")]
    assert found and {d.severity for d in found} == {Severity.WARNING}


def test_plugin_prefixes_are_owned():
    registry = PrefixRegistry()
    registry.register("acme", "acme")
    assert registry.owner("ACME001") == "acme" and registry.owner("X001") is None
    for prefix in ("AC", "ACMEX", "T9", "1A", "A"):
        with pytest.raises(PrefixError):
            registry.register(prefix, "other")


def test_old_codes_and_names_are_known_selectors_on_the_command_line(tmp_report):
    path = _unbalanced(tmp_report)
    for selector in ("T001", "table-balance"):
        r = run_cli("--select", selector, "--format", "concise", str(path))
        assert r.returncode == 1 and "T104" in r.stdout and "未知" not in r.stderr, r.stderr
    r = run_cli("--select", "no-such-rule", str(path))
    assert r.returncode == 2


def test_no_kind_has_a_field_that_hides_its_documentation():
    import dataclasses

    from gaic_lint.rules.base import Violation
    from gaic_lint.rules.builtin import gaic_lint_rules

    reserved = {"code", "name", "summary", "severity", "template", "fix_title", "fix_availability", "what", "why",
                "example", "use_instead"}
    kinds = [v for rule in gaic_lint_rules() for v in rule.violations]
    assert {k.code for k in kinds} >= set(LEGACY)
    for kind in kinds:
        assert issubclass(kind, Violation) and dataclasses.is_dataclass(kind)
        assert not {f.name for f in dataclasses.fields(kind)} & reserved, kind.__name__
