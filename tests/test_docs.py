"""The rule docs pages are generated from the rule metadata and must be kept up to date."""

from __future__ import annotations

from conftest import ROOT


def test_rule_docs_are_up_to_date(tmp_path):
    from gaic_lint.ruledocs import write_all

    names = write_all(str(tmp_path))
    for name in names:
        committed = ROOT / "docs" / "rules" / name
        assert committed.exists(), f"docs/rules/{name} is missing: run python -m gaic_lint.ruledocs docs/rules"
        assert committed.read_text(encoding="utf-8") == (tmp_path / name).read_text(encoding="utf-8"), (
            f"docs/rules/{name} is stale: run python -m gaic_lint.ruledocs docs/rules"
        )


def test_every_rule_documents_what_why_and_an_example():
    from gaic_lint.rules.builtin import gaic_lint_rules

    for rule in gaic_lint_rules():
        meta = rule.meta
        assert meta.what and meta.why and meta.example and meta.use_instead, meta.name
