"""The plugin interface. Built-in rules are registered through these very hooks, under the entry-point
group `gaic_lint`, exactly as a third-party package registers its own."""

from __future__ import annotations

import pluggy

PROJECT = "gaic_lint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class GaicLintSpec:
    @hookspec
    def gaic_lint_rules(self) -> list[type]:
        """Return the rule classes (subclasses of `gaic_lint.rules.base.Rule`) this plugin provides."""

    @hookspec
    def gaic_lint_rulebook_paths(self) -> list[str]:
        """Return paths of extra rulebook TOML files (registry entries, part variants, label aliases)."""
