"""Takes the rules the plugins give, applies the configuration, runs the rules over each file, and turns
every failure (unreadable file, crashing rule, broken plugin) into a diagnostic."""

from __future__ import annotations

import re
import time

from . import codes, rulebook
from .batchrules import BatchRule
from .config import Config
from .model import Diagnostic, InputError, Location, Severity
from .places import with_parts
from .plugins import Plugins, kinds_of, load_plugins
from .records import field, record, replace
from .rule_guard import RuleLimits, rule_seconds, run_rule, set_handler, signal
from .rules.base import Context
from .rules.file import file_notices
from .structure.tree import Report
from .summary import ReportSummary, pack_report, pack_summary, read_head, summarize, unpack_summary
from .text.lexicon import ENUMERATOR

# Shorter row labels (行政许可, 其他) are everyday words of the report's prose.
_MIN_CUE = 6


def table_cues(book: rulebook.Rulebook) -> tuple[str, ...]:
    """Words that only the template's tables carry, from their row labels: a PDF page holding one
    gets the ruled-table finder. A label is cut at its first bracket or comma (wrapped cells break
    there) and kept when what is left is long enough not to turn up in prose ("规章" does)."""
    cues: list[str] = []
    for spec in book.tables.values():
        for row in spec.rows:
            cue = re.split(r"[（(“”、，,]", ENUMERATOR.sub("", row.label), maxsplit=1)[0]
            cue = re.sub(r"\s+", "", cue)
            if len(cue) >= _MIN_CUE and cue not in cues:
                cues.append(cue)
    return tuple(cues)


@record(frozen=False)
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Report | None = None
    # A property (below): kept as is, or compressed by `pack()` and unpacked on each read.
    summary: ReportSummary | None = None
    unreadable: bool = False
    seconds: float = 0.0
    previous: str | None = None  # the report used as last year's by the cross-year rules
    # What outlives the tree when it is dropped (`Linter.lint(keep_report=False)`, as in a batch): the
    # reader's format and encoding, for --fix/--diff, and the source lines that findings point at, for
    # the text output.
    format: str | None = None
    encoding: str | None = None
    lines: dict[int, str] = field(default_factory=dict)

    def source_line(self, number: int | None) -> str | None:
        if number is None:
            return None
        if self.report is not None and self.report.source_lines is not None:
            return self.report.source_lines[number - 1] if 0 < number <= len(self.report.source_lines) else None
        return self.lines.get(number)

    @property
    def has_summary(self) -> bool:
        return self.__dict__.get("_packed") is not None or self.__dict__.get("_summary") is not None

    def pack(self) -> None:
        """Keep the summary compressed: a batch holds one per file, and a summary with its cell
        locations is some 80 KB as objects, 10-12 KB packed. A read of `summary` unpacks it (the last
        few unpacked are kept; tables and paragraphs only when read), so a reader that needs it more
        than once keeps it in a variable."""
        summary = self.__dict__.get("_summary")
        if summary is not None:
            self.__dict__["_packed"] = pack_summary(summary)
            self.__dict__["_summary"] = None


# The summaries unpacked last, by the id of their packed bytes (kept alive in the entry, so the id
# cannot be reused): the cross-report rules walk the batch reading each report's summary a few times
# in a row, and a summary is frozen, so one copy serves them all. Bounded: a batch's memory stays flat.
# (Each part of a summary is unpacked on first read: `summary.PackedSummary`.)
_UNPACKED: dict[int, tuple[bytes, ReportSummary]] = {}
_UNPACKED_MAX = 16


def _get_summary(result: FileResult) -> ReportSummary | None:
    packed = result.__dict__.get("_packed")
    if packed is not None:
        hit = _UNPACKED.get(id(packed))
        if hit is not None and hit[0] is packed:
            return hit[1]
        # The head, read once and kept: batch rules read every report's summary once each, far more
        # reports than the summaries kept below, and the head is a few small values of the report's.
        state = result.__dict__
        head = state.get("_head")
        if head is None or head[0] is not packed:
            head = state["_head"] = (packed, read_head(packed))
        summary = unpack_summary(packed, head[1])
        if len(_UNPACKED) >= _UNPACKED_MAX:
            del _UNPACKED[next(iter(_UNPACKED))]
        _UNPACKED[id(packed)] = (packed, summary)
        return summary
    return result.__dict__.get("_summary")


def _set_summary(result: FileResult, value: ReportSummary | None) -> None:
    result.__dict__["_summary"] = value
    result.__dict__["_packed"] = None


FileResult.summary = property(_get_summary, _set_summary)  # type: ignore[assignment]


class Linter:
    def __init__(self, config: Config, plugins: Plugins | None = None):
        self.config = config
        self.plugins = plugins or load_plugins()
        config.check_severity_keys(self.plugins.metas())
        self.rulebook = rulebook.load(tuple(self.plugins.rulebook_paths) + tuple(config.rulebook))
        self.rules = [cls() for cls in self.plugins.rules if any(config.enabled(k) for k in kinds_of(cls))]
        # The rules a single file is checked with: a batch rule that keeps `BatchRule.check` finds
        # nothing in one report, and guarding its call cost as much as a small rule's work.
        self.file_rules = [r for r in self.rules if type(r).check is not BatchRule.check]
        self.kinds = {k.code: k for k in self.plugins.metas()}
        self.context = Context(self.rulebook, config.options(), self.plugins.rule_options)
        self.reader_options = replace(config.reader_options(), table_cues=table_cues(self.rulebook),
                                      none_words=self.rulebook.cells.none_words)
        # The address-space ceiling a batch worker runs under (bytes), named when a file exceeds it.
        self.memory_limit: int | None = None
        # Set when a file ran out of memory: a worker process then starts afresh.
        self.exhausted = False
        self._told: dict[tuple, tuple[bool, Severity | None]] = {}

    def finish(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Findings about `path` as the configuration wants them: disabled notices dropped, severities
        overridden, sorted."""
        out = []
        # What the configuration says of a kind, by (rule, code): the same few kinds are found in
        # every file of a batch, and matching them against every selector each time cost more than
        # the rest of finishing. Bounded, as a plugin may name codes of its own.
        told = self._told
        for d in diagnostics:
            key = (d.rule, d.code)
            verdict = told.get(key)
            if verdict is None:
                kind = self.kinds.get(d.code)
                verdict = (kind is None or d.code == codes.FILE_ERROR or self.config.enabled(kind),
                           self.config.severity_for(d.rule, d.code))
                if len(told) < 4096:
                    told[key] = verdict
            if not verdict[0]:
                continue
            d.file = path
            if verdict[1] is not None:
                d.severity = verdict[1]
            out.append(d)
        out.sort(key=Diagnostic.sort_key)
        return out

    def lint(self, path: str, keep_report: bool = True, packed: bool = False) -> FileResult:
        """Check one file. With `keep_report` False the tree is dropped once checked and the result
        keeps only its summary and what the outputs need, so a batch's memory stays flat; with `packed`
        the summary is kept packed from the start (as `FileResult.pack` leaves it)."""
        started = time.perf_counter()
        result = FileResult(path)
        try:
            with _time_limit(self.config.timeout):
                report = result.report = self.parse(path)
                if report is not None:
                    result.diagnostics = self.suppressed(path, report, with_parts(report, self.check(report),
                                                                                  self.rulebook))
                    if packed:
                        result.__dict__["_packed"] = pack_report(report)
                        result.__dict__["_summary"] = None
                    else:
                        result.summary = summarize(report)
                    result.format = report.format
                    result.encoding = report.metadata.get("encoding")
                    result.lines = _pointed_lines(report, result.diagnostics)
        except MemoryError:
            result.report = None
            self.exhausted = True
            result.diagnostics = [_memory_error(self.memory_limit)]
            result.unreadable = True
        except _FileTimeout:
            meta = file_notices.FILE_ERROR
            result.report = None
            result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR,
                                             f"检查超时（超过 {self.config.timeout:g} 秒），已跳过该文件"
                                             f"（可用 timeout 配置项调整）", Location())]
            result.unreadable = True
        except Exception as exc:
            meta = file_notices.FILE_ERROR
            result.report = None
            result.unreadable = True
            if _out_of_memory(exc):
                # A reader that turned the MemoryError into an error of its own: still the ceiling.
                self.exhausted = True
                result.diagnostics = [_memory_error(self.memory_limit)]
            elif isinstance(exc, InputError):
                result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR, exc.message, Location())]
            else:  # a reader bug must not stop the batch
                result.diagnostics = [Diagnostic(meta.code, meta.name, Severity.ERROR,
                                                 f"读取文件时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                                                 Location())]
        result.diagnostics = self.finish(path, result.diagnostics)
        result.seconds = time.perf_counter() - started
        if not keep_report:
            result.report = None
        return result

    def parse(self, path: str) -> Report:
        from .readers import read
        from .structure.build import build

        document = read(path, self.reader_options)
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
        # A rule that raises, exits, hangs or returns junk is one F002; the other rules' findings stay.
        with RuleLimits(rule_seconds(self.config.timeout)) as limits:
            for rule in self.file_rules:
                diagnostics.extend(run_rule(rule, report, self.context, limits))
        return diagnostics


def _directives(path: str, document) -> list:
    from . import suppress

    if document.format in ("text", "markdown"):
        return suppress.take_text_directives(document)
    if document.format == "docx":
        if document.metadata.get("word_comments") is False:
            return []
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            # Directives are Word comments, kept in a part named …/comments.xml; part names are stored
            # uncompressed in the package, so a file without that name has none, and the package
            # need not be opened again.
            if b"comments.xml" not in data:
                return []
            return suppress.word_directives(data)
        except (OSError, ValueError, KeyError):
            return []  # the reader read it; a suppression we cannot place is no reason to fail the file
    return []


def _pointed_lines(report: Report, diagnostics: list[Diagnostic]) -> dict[int, str]:
    source = report.source_lines
    if not source:
        return {}
    wanted = {d.location.line for d in diagnostics if d.location.line is not None}
    return {n: source[n - 1] for n in wanted if 0 < n <= len(source)}


def _out_of_memory(exc: BaseException) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _size(limit: int) -> str:
    return f"{limit / 1024 ** 3:g} GB" if limit >= 1024 ** 3 else f"{limit / 1024 ** 2:g} MB"


def _memory_error(limit: int | None) -> Diagnostic:
    meta = file_notices.FILE_ERROR
    if limit:
        message = (f"检查该文件所需内存超过上限（{_size(limit)}），已跳过该文件"
                   f"（可用 memory-limit 配置项或 --memory-limit 调整）")
    else:
        message = "检查该文件时内存不足，已跳过该文件"
    return Diagnostic(meta.code, meta.name, Severity.ERROR, message, Location())


class _FileTimeout(BaseException):
    # BaseException so that no reader's or rule's `except Exception` swallows it.
    pass


class _time_limit:
    """Bound the time one file may take. Uses SIGALRM, so it works on the main thread of a POSIX
    process; elsewhere the limit is not enforced. (A class rather than a generator context manager:
    it is entered once per file.)"""

    __slots__ = ("seconds", "previous")

    def __init__(self, seconds: float):
        self.seconds = seconds if seconds and _USABLE else 0
        self.previous = None

    def __enter__(self) -> None:
        if self.seconds:
            try:
                self.previous = set_handler(signal.SIGALRM, _expire)
            except ValueError:  # not the main thread: the file runs without a limit
                self.seconds = 0
                return
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            set_handler(signal.SIGALRM, self.previous)


def _expire(signum, frame):
    raise _FileTimeout()


_USABLE = hasattr(signal, "setitimer")
