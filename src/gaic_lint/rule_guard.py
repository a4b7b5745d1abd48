"""Running one rule so that nothing it does can take the run down.

A rule, built in or from a plugin, may raise, call `sys.exit`, hang, or hand back things that are not
findings. Each of these becomes one F002 naming the rule; the other rules' findings for the file are
kept, and the run goes on, its exit code decided by the findings as always. Only the file's own
limits (`_FileTimeout`, `MemoryError`) and an interrupt by the user pass through.
"""

from __future__ import annotations

import time

from .model import Diagnostic, Location, Severity
from .rules.file import file_notices

# The share of the file's time limit one rule may use: a hanging rule is stopped with time left for
# the others, so the file keeps its findings instead of becoming one "检查超时".
RULE_SHARE = 0.25
# The C module under `signal`: that one makes enums of every signal, handler and mask at import, and
# its `signal.signal` wraps the C function to turn handlers into enums and back, several times its cost
# (the handler is set twice a file by the rules' limits and twice by the file's). The handlers the C
# function returns are the raw ones (an int for SIG_DFL or SIG_IGN), which it takes back as they are.
try:
    import _signal as signal
except ImportError:  # an interpreter without the C module
    import signal  # type: ignore[no-redef]
set_handler = signal.signal
# What a plugin rule's bad return values are shown as, at most: the message names the type, not the data.
_SHOWN = 60


class _RuleTimeout(BaseException):
    # BaseException so that the rule's own `except Exception` cannot swallow it.
    pass


def rule_seconds(file_seconds: float | None) -> float | None:
    """The per-rule time limit for a file limit of `file_seconds` (None: no limit)."""
    return file_seconds * RULE_SHARE if file_seconds else None


class RuleLimits:
    """The time limit of each of one file's rules, kept by one SIGALRM handler for all of them.

    A handler installed and removed around every rule cost more than most rules take on a short report,
    so it is installed once for the file's rules; and the timer is set for a rule only when it would
    not fire by the rule's deadline, so most rules cost no system call. A rule notes its deadline; when
    it ends, the deadline is dropped and the timer left running. A timer that fires early (set for a
    rule that has ended) is set again: the handler reads the clock, and past the file's deadline calls
    the handler that was there before (which raises the file's timeout), past the running rule's stops
    the rule, and otherwise sets the timer for the nearest deadline. On leaving, the file's timer is
    put back as it would have run. Only on the main thread of a POSIX process, like the file's limit;
    elsewhere rules run without a limit."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._usable = bool(seconds) and hasattr(signal, "setitimer")
        self._previous = None
        self._file_deadline: float | None = None  # when the file's own limit expires (None: no limit)
        self._rule_deadline: float | None = None  # when the running rule's expires (None: none runs)
        self._fires: float | None = None  # when the timer fires (None: it is not set)

    def __enter__(self) -> RuleLimits:
        if self._usable:
            left = signal.getitimer(signal.ITIMER_REAL)[0]
            self._file_deadline = self._fires = time.monotonic() + left if left else None
            try:
                self._previous = set_handler(signal.SIGALRM, self._expire)
            except ValueError:
                # Not the main thread, where alone handlers can be set (asked so, not of `threading`,
                # which a run does not otherwise import): the rules run without a limit.
                self._usable = False
                self._file_deadline = self._fires = None
        return self

    def __exit__(self, *exc) -> None:
        if self._usable:
            self._rule_deadline = None
            self._rearm(time.monotonic())
            set_handler(signal.SIGALRM, self._previous)

    def _rearm(self, now: float) -> None:
        """Set the timer for the nearest deadline (none: no timer). Never 0 while there is one, which
        would cancel the timer instead of letting it fire."""
        deadlines = [d for d in (self._file_deadline, self._rule_deadline) if d is not None]
        delay = max(min(deadlines) - now, 0.001) if deadlines else 0
        self._fires = now + delay if delay else None
        signal.setitimer(signal.ITIMER_REAL, delay)

    def _expire(self, signum, frame) -> None:
        now = time.monotonic()
        if self._file_deadline is not None and now >= self._file_deadline:
            if callable(self._previous):
                self._previous(signum, frame)
        elif self._rule_deadline is not None and now >= self._rule_deadline:
            self._rule_deadline = None
            self._rearm(now)
            raise _RuleTimeout()
        else:  # set by a rule that has ended, or a little before a deadline by this clock
            self._rearm(now)

    def arm(self) -> None:
        """Start the running rule's limit."""
        if not self._usable:
            return
        now = time.monotonic()
        self._rule_deadline = now + self.seconds
        if self._fires is None or self._fires > self._rule_deadline:
            self._rearm(now)

    def disarm(self) -> None:
        """End the running rule's limit. The timer runs on: when it fires, the handler sets it for the
        deadline nearest then."""
        self._rule_deadline = None


def rule_error(rule, message: str, evidence: str = "") -> Diagnostic:
    meta = file_notices.RULE_ERROR
    return Diagnostic(meta.code, meta.name, Severity.ERROR,
                      f"规则“{rule.meta.name}”（{rule.meta.code}）{message}", Location(), evidence=evidence)


def invalid_reason(d) -> str | None:
    """Why `d` is not a finding the outputs can show, or None."""
    if not isinstance(d, Diagnostic):
        return f"返回了不是检查结果的对象（{type(d).__name__}）"
    for name, kind in (("code", str), ("rule", str), ("message", str), ("evidence", str),
                       ("severity", Severity), ("location", Location)):
        value = getattr(d, name, None)
        if not isinstance(value, kind):
            return f"返回的检查结果字段 {name} 类型错误（{type(value).__name__}，应为 {kind.__name__}）"
    if d.context is not None and not isinstance(d.context, str):
        return f"返回的检查结果字段 context 类型错误（{type(d.context).__name__}，应为 str）"
    if not isinstance(d.file, str):
        return f"返回的检查结果字段 file 类型错误（{type(d.file).__name__}，应为 str）"
    if not isinstance(d.fields, dict):
        return f"返回的检查结果字段 fields 类型错误（{type(d.fields).__name__}，应为 dict）"
    return None


def run_rule(rule, report, context, limits: RuleLimits) -> list[Diagnostic]:
    """`rule`'s findings on `report`, and what it did wrong as one F002, within `limits` (entered by
    the caller for all of the file's rules). What a rule yielded before it failed is kept, as the
    findings of a rule that raises always were."""
    found: list = []
    error = None
    try:
        try:
            limits.arm()
            result = rule.check(report, context)
            if result is not None and (isinstance(result, (str, bytes, dict)) or not hasattr(result, "__iter__")):
                error = rule_error(rule, f"返回了 {type(result).__name__[:_SHOWN]}，应返回检查结果的列表，未完成检查")
            elif result is not None:
                for d in result:  # a generator runs here, inside the limit
                    found.append(d)
        finally:
            limits.disarm()
    except MemoryError:
        raise  # not one rule's fault: the file as a whole is past the memory ceiling
    except _RuleTimeout:
        error = rule_error(rule, f"运行超过 {limits.seconds:g} 秒，已停止（时间上限为 timeout 的 {RULE_SHARE:.0%}）")
    except SystemExit as exc:
        error = rule_error(rule, f"试图结束程序（SystemExit: {str(exc.code)[:_SHOWN]}），已忽略，未完成检查")
    except Exception as exc:  # one crashing rule becomes one diagnostic
        import traceback  # only a run with a crashing rule needs it
        from pathlib import Path

        frame = traceback.extract_tb(exc.__traceback__)[-1]
        error = rule_error(rule, f"运行出错，未完成检查：{type(exc).__name__}: {exc}",
                            evidence=f"{Path(frame.filename).name}:{frame.lineno}")
    good, bad = [], []
    for d in found:
        reason = invalid_reason(d)
        (bad if reason else good).append(reason or d)
    if error is not None:
        good.append(error)
    elif bad:
        more = f"（共 {len(bad)} 个）" if len(bad) > 1 else ""
        good.append(rule_error(rule, f"{bad[0]}{more}，已忽略这些结果"))
    return good
