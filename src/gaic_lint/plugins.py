"""The plugins of the `gaic_lint` entry-point group: rule classes, rulebook files, input and output
formats, code prefixes and rule options, each checked as it comes in. A broken plugin becomes a
diagnostic and never stops the others.

The built-in rules are an entry point of the group like any plugin's. When they are its only one, as in
most runs, their hook is called directly: pluggy, with the `inspect` and `typing` it imports (a sixth of
the start-up of a short run), is imported only when another distribution brings a plugin. Then the
built-in plugin is registered with pluggy like the others, so the order and the checks are pluggy's."""

from __future__ import annotations

from .codes import ALIASES, PrefixError, PrefixRegistry
from .entrypoints import entry_points
from .model import Diagnostic, Location
from .records import field, record
from .rules.base import Rule, RuleMeta
from .rules.file import file_notices

PROJECT = "gaic_lint"
# The hooks of hookspecs.GaicLintSpec (a test keeps the two alike), in the order they are asked.
HOOKS = ("gaic_lint_code_prefixes", "gaic_lint_rules", "gaic_lint_rulebook_paths", "gaic_lint_readers",
         "gaic_lint_reporters", "gaic_lint_rule_options")
_BUILTIN = ("builtin", "gaic_lint.rules.builtin")


@record(frozen=False)
class Plugins:
    rules: list[type[Rule]]
    rulebook_paths: list[str]
    errors: list[Diagnostic]
    rule_options: dict[str, dict] = field(default_factory=dict)

    def metas(self) -> list[RuleMeta]:
        """One entry per code: every kind of every rule, the file notices and unused suppressions."""
        from .suppress import UNUSED

        return [k for r in self.rules for k in kinds_of(r)] + file_notices.ALL + [UNUSED]


def kinds_of(rule) -> list[RuleMeta]:
    # A 0.1.0 plugin rule may not derive from Rule: its only kind is its meta.
    kinds = getattr(rule, "kinds", None)
    return kinds() if callable(kinds) else [rule.meta]


def _plugin_error(name: str, exc: BaseException) -> Diagnostic:
    import traceback  # only by a run with a failure to show

    meta = file_notices.RULE_ERROR
    return Diagnostic(meta.code, meta.name, meta.severity, f"插件“{name}”无法加载：{type(exc).__name__}: {exc}",
                      Location(), evidence="".join(traceback.format_exception_only(type(exc), exc)).strip())


def _implementations(errors: list[Diagnostic]) -> dict[str, list[tuple[str, object]]]:
    """{hook: [(plugin name, function)]}, in the order pluggy would list them."""
    found = sorted(entry_points(group=PROJECT), key=lambda e: (e.name != "builtin", e.name))
    if len(found) > 1 or any((ep.name, ep.value) != _BUILTIN for ep in found):
        return _through_pluggy(found, errors)
    hooks: dict[str, list[tuple[str, object]]] = {name: [] for name in HOOKS}
    for ep in found:
        try:
            plugin = ep.load()
        except Exception as exc:
            errors.append(_plugin_error(ep.name, exc))
            continue
        for name in HOOKS:
            if (function := getattr(plugin, name, None)) is not None:
                hooks[name].append((ep.name, function))
    return hooks


def _through_pluggy(found: list, errors: list[Diagnostic]) -> dict[str, list[tuple[str, object]]]:
    import pluggy

    from . import hookspecs

    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs.GaicLintSpec)
    for ep in found:
        try:
            plugin = ep.load()
            if (ep.name, ep.value) == _BUILTIN:
                # The built-in hooks carry no marker, so that their module imports no pluggy.
                for name in HOOKS:
                    if (function := getattr(plugin, name, None)) is not None:
                        hookspecs.hookimpl(function)
            pm.register(plugin, name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the others
            errors.append(_plugin_error(ep.name, exc))
    return {name: [(impl.plugin_name, impl.function) for impl in getattr(pm.hook, name).get_hookimpls()]
            for name in HOOKS}


def load_plugins() -> Plugins:
    errors: list[Diagnostic] = []
    hooks = _implementations(errors)
    prefixes = PrefixRegistry()
    for plugin, function in hooks["gaic_lint_code_prefixes"]:
        try:
            for prefix in function() or []:
                prefixes.register(prefix, plugin)
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
    rules: list[type[Rule]] = []
    seen: dict[str, str] = {key: "builtin" for key in ALIASES}
    for plugin, function in hooks["gaic_lint_rules"]:
        try:
            provided = list(function() or [])
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
            continue
        for rule in provided:
            meta = getattr(rule, "meta", None)
            if not isinstance(meta, RuleMeta) or not callable(getattr(rule, "check", None)):
                errors.append(_plugin_error(plugin, TypeError(f"{rule!r} 不是规则类")))
                continue
            kinds = kinds_of(rule)
            names = {meta.code, meta.name} if len(kinds) == 1 else {k for kind in kinds for k in (kind.code, kind.name)}
            if names & set(seen):
                errors.append(_plugin_error(plugin, ValueError(f"规则 {meta.code} {meta.name} 重复注册")))
                continue
            owned = [p for p, o in prefixes.owners.items() if o == plugin]
            stray = [k.code for k in kinds if owned and not k.code.upper().startswith(tuple(owned))]
            foreign = [k.code for k in kinds if prefixes.owner(k.code) not in (None, plugin)]
            if stray or foreign:
                errors.append(_plugin_error(plugin, PrefixError(
                    f"规则代码 {', '.join(stray or foreign)} 不在该插件登记的代码前缀之下")))
                continue
            for k in names:
                seen[k] = plugin
            rules.append(rule)
    paths: list[str] = []
    for plugin, function in hooks["gaic_lint_rulebook_paths"]:
        try:
            paths.extend(str(p) for p in function() or [])
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
    _register_formats(hooks, errors)
    options: dict[str, dict] = {}
    for plugin, function in hooks["gaic_lint_rule_options"]:
        try:
            for name, values in (function() or {}).items():
                options.setdefault(str(name), {}).update(dict(values))
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
    return Plugins(rules, paths, errors, options)


def _register_formats(hooks: dict[str, list[tuple[str, object]]], errors: list[Diagnostic]) -> None:
    """Input formats and output formats that plugins add (registries are per process)."""
    from . import reporters
    from .readers import registry

    for plugin, function in hooks["gaic_lint_readers"]:
        try:
            for reader in function() or []:
                if not isinstance(reader, registry.Reader):
                    raise TypeError(f"{reader!r} 不是 gaic_lint.readers.registry.Reader")
                registry.register(reader)
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
    for plugin, function in hooks["gaic_lint_reporters"]:
        try:
            for name, render in dict(function() or {}).items():
                reporters.register(name, render)
        except Exception as exc:
            errors.append(_plugin_error(plugin, exc))
