"""Loads the rules through pluggy, applies the configuration, runs the rules over each file, and turns
every failure (unreadable file, crashing rule, broken plugin) into a diagnostic."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

from . import hookspecs, rulebook
from .codes import ALIASES, PrefixError, PrefixRegistry
from .config import Config
from .model import Diagnostic, InputError, Location, Severity
from .rules.base import Context, Rule, RuleMeta
from .rules.file import file_notices
from .structure.tree import Report


@dataclass
class Plugins:
    rules: list[type[Rule]]
    rulebook_paths: list[str]
    errors: list[Diagnostic]
    rule_options: dict[str, dict] = field(default_factory=dict)

    def metas(self) -> list[RuleMeta]:
        """One entry per code: every kind of every rule, and the file notices."""
        return [k for r in self.rules for k in _kinds(r)] + file_notices.ALL


def _kinds(rule) -> list[RuleMeta]:
    # A 0.1.0 plugin rule may not derive from Rule: its only kind is its meta.
    kinds = getattr(rule, "kinds", None)
    return kinds() if callable(kinds) else [rule.meta]


def _plugin_error(name: str, exc: BaseException) -> Diagnostic:
    meta = file_notices.RULE_ERROR
    return Diagnostic(meta.code, meta.name, meta.severity, f"插件“{name}”无法加载：{type(exc).__name__}: {exc}",
                      Location(), evidence="".join(traceback.format_exception_only(type(exc), exc)).strip())


def load_plugins() -> Plugins:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.GaicLintSpec)
    errors: list[Diagnostic] = []
    for ep in sorted(entry_points(group=hookspecs.PROJECT), key=lambda e: (e.name != "builtin", e.name)):
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the others
            errors.append(_plugin_error(ep.name, exc))
    prefixes = PrefixRegistry()
    for impl in pm.hook.gaic_lint_code_prefixes.get_hookimpls():
        try:
            for prefix in impl.function() or []:
                prefixes.register(prefix, impl.plugin_name)
        except Exception as exc:
            errors.append(_plugin_error(impl.plugin_name, exc))
    rules: list[type[Rule]] = []
    seen: dict[str, str] = {key: "builtin" for key in ALIASES}
    for impl in pm.hook.gaic_lint_rules.get_hookimpls():
        try:
            provided = list(impl.function() or [])
        except Exception as exc:
            errors.append(_plugin_error(impl.plugin_name, exc))
            continue
        for rule in provided:
            meta = getattr(rule, "meta", None)
            if not isinstance(meta, RuleMeta) or not callable(getattr(rule, "check", None)):
                errors.append(_plugin_error(impl.plugin_name, TypeError(f"{rule!r} 不是规则类")))
                continue
            kinds = _kinds(rule)
            names = {meta.code, meta.name} if len(kinds) == 1 else {k for kind in kinds for k in (kind.code, kind.name)}
            if names & set(seen):
                errors.append(_plugin_error(impl.plugin_name, ValueError(f"规则 {meta.code} {meta.name} 重复注册")))
                continue
            owned = [p for p, o in prefixes.owners.items() if o == impl.plugin_name]
            stray = [k.code for k in kinds if owned and not k.code.upper().startswith(tuple(owned))]
            foreign = [k.code for k in kinds if prefixes.owner(k.code) not in (None, impl.plugin_name)]
            if stray or foreign:
                errors.append(_plugin_error(impl.plugin_name, PrefixError(
                    f"规则代码 {', '.join(stray or foreign)} 不在该插件登记的代码前缀之下")))
                continue
            for k in names:
                seen[k] = impl.plugin_name
            rules.append(rule)
    paths: list[str] = []
    for impl in pm.hook.gaic_lint_rulebook_paths.get_hookimpls():
        try:
            paths.extend(str(p) for p in impl.function() or [])
        except Exception as exc:
            errors.append(_plugin_error(impl.plugin_name, exc))
    options: dict[str, dict] = {}
    for impl in pm.hook.gaic_lint_rule_options.get_hookimpls():
        try:
            for name, values in (impl.function() or {}).items():
                options.setdefault(str(name), {}).update(dict(values))
        except Exception as exc:
            errors.append(_plugin_error(impl.plugin_name, exc))
    return Plugins(rules, paths, errors, options)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Report | None = None
    unreadable: bool = False
    seconds: float = 0.0


class Linter:
    def __init__(self, config: Config, plugins: Plugins | None = None):
        self.config = config
        self.plugins = plugins or load_plugins()
        self.rulebook = rulebook.load(tuple(self.plugins.rulebook_paths) + tuple(config.rulebook))
        self.rules = [cls() for cls in self.plugins.rules if any(config.enabled(k) for k in _kinds(cls))]
        self.kinds = {k.code: k for k in self.plugins.metas()}
        self.context = Context(self.rulebook, config.options(), self.plugins.rule_options)

    def _finish(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        out = []
        for d in diagnostics:
            kind = self.kinds.get(d.code)
            if kind is not None and d.code != "F001" and not self.config.enabled(kind):
                continue
            d.file = path
            override = self.config.severity_for(d.rule, d.code)
            if override is not None:
                d.severity = override
            out.append(d)
        out.sort(key=Diagnostic.sort_key)
        return out

    def lint(self, path: str) -> FileResult:
        started = time.perf_counter()
        result = FileResult(path)
        try:
            with _time_limit(self.config.timeout):
                result.report = self.parse(path)
                if result.report is not None:
                    result.diagnostics = self.check(result.report)
        except _FileTimeout:
            meta = file_notices.FILE_ERROR
            result.report = None
            result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR,
                                             f"检查超时（超过 {self.config.timeout:g} 秒），已跳过该文件"
                                             f"（可用 timeout 配置项调整）", Location())]
            result.unreadable = True
        except InputError as exc:
            meta = file_notices.FILE_ERROR
            result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR, exc.message, Location())]
            result.unreadable = True
        except Exception as exc:  # a reader bug must not stop the batch
            meta = file_notices.FILE_ERROR
            result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR,
                                             f"读取文件时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                                             Location())]
            result.unreadable = True
        result.diagnostics = self._finish(path, result.diagnostics)
        result.seconds = time.perf_counter() - started
        return result

    def parse(self, path: str) -> Report:
        from .readers import read
        from .structure.build import build

        document = read(path, self.config.reader_options())
        return build(document, self.rulebook)

    def check(self, report: Report) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        for notice in report.notices:
            meta = file_notices.BY_CODE.get(notice.code, file_notices.PARTIAL_READ)
            diagnostics.append(Diagnostic(notice.code, meta.name, notice.severity, notice.message, notice.location,
                                          evidence=notice.evidence))
        for rule in self.rules:
            try:
                diagnostics.extend(rule.check(report, self.context))
            except Exception as exc:  # one crashing rule becomes one diagnostic
                meta = file_notices.RULE_ERROR
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                diagnostics.append(Diagnostic(
                    meta.code, meta.name, Severity.ERROR,
                    f"规则“{rule.meta.name}”（{rule.meta.code}）运行出错，未完成检查：{type(exc).__name__}: {exc}",
                    Location(), evidence=f"{Path(frame.filename).name}:{frame.lineno}"))
        return diagnostics


class _FileTimeout(BaseException):
    # BaseException so that no reader's or rule's `except Exception` swallows it.
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Bound the time one file may take. Uses SIGALRM, so it works on the main thread of a POSIX
    process; elsewhere the limit is not enforced."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or not seconds:
        yield
        return

    def expire(signum, frame):
        raise _FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


SUPPORTED = (".txt", ".text", ".md", ".markdown", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".xhtml")


def expand_paths(paths: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given, and the supported files inside folders (sorted, hidden folders skipped)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = len(out)
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUPPORTED) and not name.startswith(("~$", ".")):
                        out.append(os.path.join(root, name))
            if len(out) == found:
                # A folder the user named that holds no report (or a folder named like a file,
                # `report.docx/`) is reported as unreadable rather than silently checked as nothing.
                out.append(path)
        else:
            out.append(path)
    if exclude:
        import fnmatch

        out = [p for p in out if not any(fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(Path(p).name, pat) for pat in exclude)]
    return out
