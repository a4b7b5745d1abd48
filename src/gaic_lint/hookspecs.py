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

    @hookspec
    def gaic_lint_readers(self) -> list:
        """Return input formats (`gaic_lint.readers.registry.Reader`) this plugin reads. A format's name
        and extensions must be new: a built-in format cannot be replaced."""

    @hookspec
    def gaic_lint_reporters(self) -> dict:
        """Return output formats as {name: render}, where `render(results, stream, options)` writes the
        results of a run (see `gaic_lint.reporters`). Built-in format names cannot be replaced."""

    @hookspec
    def gaic_lint_code_prefixes(self) -> list[str]:
        """Return the code prefixes this plugin's rules use (e.g. ["ACME"] for ACME001). Once a plugin
        registers prefixes, each of its codes must start with one; no other plugin may take them."""

    @hookspec
    def gaic_lint_rule_options(self) -> dict[str, dict]:
        """Return options for the plugin's own rules: {rule name: {option: default value}}. A rule reads
        them as `ctx.rule_options(self.meta.name)`."""
