"""Rules that read several reports at once: last year's report of the same body, or the other bodies'
reports of one batch. They run after every file of the batch has been checked, on the reports'
summaries (`summary.ReportSummary`), never on the trees, which are dropped as the batch goes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .model import Diagnostic, Location, Severity
from .rule_guard import invalid_reason, rule_error
from .rules.base import Context, Rule
from .summary import ReportSummary

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from .engine import FileResult


class BatchItem:
    """One report of the batch for the batch rules: its path and summary. Made from a `FileResult`
    (`result=`), the summary is unpacked on each read (a batch keeps summaries packed), so a rule
    keeps what it needs of it in a variable rather than reading `item.summary` again and again."""

    __slots__ = ("path", "_summary", "_result", "history_only")

    def __init__(self, path: str, summary: ReportSummary | None = None, history_only: bool = False,
                 result: FileResult | None = None):
        self.path = path
        self._summary = summary
        self._result = result
        # Last year's reports named by --previous or the `history` setting: read to compare with,
        # never reported on.
        self.history_only = history_only

    @property
    def summary(self) -> ReportSummary:
        return self._summary if self._summary is not None else self._result.summary

    def __repr__(self) -> str:
        return f"BatchItem({self.path!r}, history_only={self.history_only})"


class BatchRule(Rule):
    """A rule over the whole batch. `check` (one report) finds nothing; `check_batch` returns findings
    whose `file` names the report each is about."""

    def check(self, report, ctx):
        return ()

    def check_batch(self, items: Sequence[BatchItem], ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError


def run_batch_rules(rules: Sequence[Rule], results: Sequence[FileResult], ctx: Context,
                    finish: Callable[[str, list[Diagnostic]], list[Diagnostic]],
                    history: Sequence[BatchItem] = ()) -> dict[str, list[Diagnostic]]:
    """Add each batch rule's findings to the result of the file they are about; `finish` applies the
    configuration (`Linter.finish`). Returns the findings added, by path (for outputs that print
    them apart, after the files)."""
    batch_rules = [r for r in rules if isinstance(r, BatchRule)]
    if not batch_rules:
        return {}
    items = [BatchItem(r.path, result=r) for r in results if r.has_summary] + list(history)
    by_path = {r.path: r for r in results}
    found_for: dict[str, list[Diagnostic]] = {}
    for rule in batch_rules:
        try:
            found = list(rule.check_batch(items, ctx))
            reasons = [invalid_reason(d) for d in found]
            if any(reasons):  # a plugin's junk would crash the outputs: one F002 instead
                found = [d for d, why in zip(found, reasons) if not why]
                error = rule_error(rule, f"{next(r for r in reasons if r)}，已忽略这些结果")
                error.file = results[0].path if results else ""
                found.append(error)
        except (Exception, SystemExit) as exc:  # one crashing rule must not cost the batch its other findings
            import traceback

            from .rules.file import file_notices

            meta = file_notices.RULE_ERROR
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            found = [Diagnostic(meta.code, meta.name, Severity.ERROR,
                                f"规则“{rule.meta.name}”（{rule.meta.code}）运行出错，未完成检查：{type(exc).__name__}: {exc}",
                                Location(), evidence=f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}",
                                file=results[0].path if results else "")]
        for d in found:
            if d.file in by_path:
                found_for.setdefault(d.file, []).append(d)
    added: dict[str, list[Diagnostic]] = {}
    for path, extra in found_for.items():
        target = by_path[path]
        target.diagnostics = finish(path, target.diagnostics + extra)
        kept = {id(d) for d in target.diagnostics}
        added[path] = sorted((d for d in extra if id(d) in kept), key=Diagnostic.sort_key)
    return added
