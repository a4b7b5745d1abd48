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
from pathlib import Path

import pluggy

from . import hookspecs, rulebook
from .config import Config
from .entrypoints import entry_points
from .model import Diagnostic, InputError, Location, Severity
from .rules import file_notices
from .rules.base import Context, Rule, RuleMeta
from .structure.tree import Report
from .summary import ReportSummary, summarize


@dataclass
class Plugins:
    rules: list[type[Rule]]
    rulebook_paths: list[str]
    errors: list[Diagnostic]

    def metas(self) -> list[RuleMeta]:
        from .suppress import UNUSED

        return [r.meta for r in self.rules] + file_notices.ALL + [UNUSED]


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
    rules: list[type[Rule]] = []
    seen: dict[str, str] = {}
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
            if meta.code in seen or meta.name in seen:
                errors.append(_plugin_error(impl.plugin_name, ValueError(f"规则 {meta.code} {meta.name} 重复注册")))
                continue
            seen[meta.code] = seen[meta.name] = impl.plugin_name
            rules.append(rule)
    paths: list[str] = []
    for impl in pm.hook.gaic_lint_rulebook_paths.get_hookimpls():
        try:
            paths.extend(str(p) for p in impl.function() or [])
        except Exception as exc:
            errors.append(_plugin_error(impl.plugin_name, exc))
    return Plugins(rules, paths, errors)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Report | None = None
    summary: ReportSummary | None = None
    unreadable: bool = False
    seconds: float = 0.0


class Linter:
    def __init__(self, config: Config, plugins: Plugins | None = None):
        self.config = config
        self.plugins = plugins or load_plugins()
        self.rulebook = rulebook.load(tuple(self.plugins.rulebook_paths) + tuple(config.rulebook))
        self.rules = [cls() for cls in self.plugins.rules if config.enabled(cls.meta)]
        self.context = Context(self.rulebook, config.options())

    def finish(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Findings about `path` as the configuration wants them: disabled notices dropped, severities
        overridden, sorted."""
        out = []
        for d in diagnostics:
            meta = file_notices.BY_CODE.get(d.code)
            if meta is not None and d.code != "F001" and not self.config.enabled(meta):
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
                    result.diagnostics = self.suppressed(path, result.report, self.check(result.report))
                    result.summary = summarize(result.report)
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
        result.diagnostics = self.finish(path, result.diagnostics)
        result.seconds = time.perf_counter() - started
        return result

    def parse(self, path: str) -> Report:
        from .readers import read
        from .structure.build import build

        document = read(path, self.config.reader_options())
        directives = _directives(path, document)
        report = build(document, self.rulebook)
        report.metadata["suppressions"] = directives
        return report

    def suppressed(self, path: str, report: Report, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Findings left after the report's own suppressions and the configuration's per-file-ignores."""
        from . import suppress

        directives = list(report.metadata.get("suppressions") or ())
        directives += suppress.per_file(path, self.config.per_file_ignores)
        return suppress.apply(directives, diagnostics, self.config._matches,
                              report_unused=self.config.enabled(suppress.UNUSED))

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


def _directives(path: str, document) -> list:
    from . import suppress

    if document.format in ("text", "markdown"):
        return suppress.take_text_directives(document)
    if document.format == "docx":
        try:
            with open(path, "rb") as fh:
                return suppress.word_directives(fh.read())
        except (OSError, ValueError, KeyError):
            return []  # the reader read it; a suppression we cannot place is no reason to fail the file
    return []


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
