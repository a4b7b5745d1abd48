"""Checking many files: in this process (`--jobs 1`) or in a pool of worker processes, each file under
a memory ceiling and a time limit. A file that crashes, hangs or exhausts its worker costs that file
(one F001), never the batch: a dead worker is replaced and the batch goes on.

Results are handed on in the order of the paths as soon as a file and every file before it are done,
so the text output can stream while the machine formats still come out in a fixed order."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence

from .config import Config
from .engine import FileResult, Linter
from .model import Diagnostic, Location, Severity
from .plugins import Plugins
from .records import record
from .rules.file import file_notices

DEFAULT_MEMORY_LIMIT = 2 * 1024 ** 3


def _grace(limit: float) -> float:
    # A worker stuck where SIGALRM cannot reach it (inside a C library) is killed by the parent after
    # the file's time limit and this much more.
    return max(2.0, min(10.0, limit / 2))


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _failure(path: str, message: str) -> FileResult:
    meta = file_notices.FILE_ERROR
    d = Diagnostic(meta.code, meta.name, Severity.ERROR, message, Location(), file=path)
    return FileResult(path, [d], unreadable=True)


def _death_message(exitcode: int | None, memory_limit: int | None) -> str:
    # `signal` (enums of every signal, built at import) only where a worker died or starts: a run of
    # one process never needs it.
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"信号 {-exitcode}"
        how = f"被系统终止（{name}）"
    else:
        how = f"意外退出（退出码 {exitcode}）"
    message = f"检查该文件的进程{how}，已跳过该文件"
    if memory_limit and exitcode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV):
        from .engine import _size

        message += f"；可能是所需内存超过上限（{_size(memory_limit)}，可用 memory-limit 配置项或 --memory-limit 调整）"
    return message


def _worker(conn, linter: Linter | tuple[Config, Plugins], memory_limit: int | None) -> None:
    """Entry point of a worker process: lint the paths sent to it with one Linter — the parent's,
    inherited by fork, or built here once from its configuration and plugins."""
    import signal

    # The parent handles Ctrl-C for the whole batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the parent held when it forked (the results so far) is never collected here: the
    # collector would touch, and so copy, every page of it.
    import gc

    gc.freeze()
    if memory_limit:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory_limit = min(memory_limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, hard))
    if not isinstance(linter, Linter):
        linter = Linter(*linter)
    linter.memory_limit = memory_limit
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        result = linter.lint(path, keep_report=False, packed=True)
        # What a MemoryError left half-built is not trusted for the next file: the worker retires
        # and the parent starts a fresh one.
        retiring = linter.exhausted
        try:
            conn.send((index, result, retiring))
        except MemoryError:
            from .engine import _memory_error

            failed = FileResult(path, linter.finish(path, [_memory_error(memory_limit)]), unreadable=True)
            conn.send((index, failed, True))
            return
        if retiring:
            return


@record(frozen=False)
class _Slot:
    process: object
    conn: object
    task: tuple[int, str] | None = None
    deadline: float = 0.0


class Batch:
    """Lints `paths` with `jobs` processes. `emit(result)` is called for each file in path order;
    `done()` after each file in completion order (for a progress line)."""

    def __init__(self, linter: Linter, jobs: int, memory_limit: int | None = DEFAULT_MEMORY_LIMIT):
        self.linter = linter
        self.jobs = max(1, jobs)
        self.memory_limit = memory_limit

    def run(self, paths: Sequence[str], emit: Callable[[FileResult], None] = lambda r: None,
            done: Callable[[], None] = lambda: None) -> list[FileResult]:
        if self.jobs == 1 or len(paths) <= 1:
            results = []
            for path in paths:
                # Packed to keep a batch's memory flat; one report stays as it is.
                result = self.linter.lint(path, keep_report=False, packed=len(paths) > 1)
                results.append(result)
                done()
                emit(result)
            return results
        return self._pool(list(paths), emit, done)

    def _start(self, ctx) -> _Slot:
        parent, child = ctx.Pipe()
        forked = ctx.get_start_method() == "fork"
        linter = self.linter if forked else (self.linter.config, self.linter.plugins)
        # A forked worker flushes the standard streams it inherited when it ends: they must be empty.
        sys.stdout.flush()
        sys.stderr.flush()
        process = ctx.Process(target=_worker, args=(child, linter, self.memory_limit), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def _pool(self, paths: list[str], emit, done) -> list[FileResult]:
        import multiprocessing
        from multiprocessing.connection import wait

        # Fork where it is safe (Linux): a worker starts at once with the parent's Linter (plugins and
        # rulebook loaded once) and no socket is opened. Elsewhere each worker builds its own.
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        results: list[FileResult | None] = [None] * len(paths)
        todo = list(reversed(list(enumerate(paths))))
        emitted = 0
        limit = self.linter.config.timeout
        slots = [self._start(ctx) for _ in range(min(self.jobs, len(paths)))]

        def finished(index: int, result: FileResult) -> None:
            nonlocal emitted
            results[index] = result
            done()
            while emitted < len(results) and results[emitted] is not None:
                emit(results[emitted])
                emitted += 1

        try:
            while emitted < len(paths):
                for i, slot in enumerate(slots):
                    if slot.task is None and todo:
                        if not slot.process.is_alive():
                            slot = self._replace(ctx, slots, i)
                        slot.task = todo.pop()
                        slot.deadline = time.monotonic() + (limit + _grace(limit) if limit else float("inf"))
                        try:
                            slot.conn.send(slot.task)
                        except OSError:
                            pass  # the worker is gone: its sentinel reports it below
                busy = [s for s in slots if s.task is not None]
                soonest = min(s.deadline for s in busy) - time.monotonic()
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy],
                             timeout=max(0.0, min(soonest, 60.0)))
                for i, slot in enumerate(slots):
                    if slot.task is None:
                        continue
                    index, path = slot.task
                    if slot.conn in ready or slot.process.sentinel in ready:
                        try:
                            _, result, retiring = slot.conn.recv()
                        except (EOFError, OSError):
                            slot.process.join(5)
                            result = self._failure(path, _death_message(slot.process.exitcode, self.memory_limit))
                            retiring = True
                        slot.task = None
                        if retiring:
                            self._replace(ctx, slots, i)
                        finished(index, result)
                    elif time.monotonic() > slot.deadline:
                        slot.task = None
                        self._replace(ctx, slots, i)
                        finished(index, self._failure(
                            path, f"检查超时（超过 {limit:g} 秒），已跳过该文件（可用 timeout 配置项调整）"))
        finally:
            for slot in slots:
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
            for slot in slots:
                slot.process.join(2)
                if slot.process.is_alive():
                    slot.process.kill()
                    slot.process.join()
        return results  # type: ignore[return-value]

    def _replace(self, ctx, slots: list[_Slot], i: int) -> _Slot:
        old = slots[i]
        old.conn.close()
        old.process.join(1)
        if old.process.is_alive():
            old.process.kill()
            old.process.join()
        slots[i] = self._start(ctx)
        return slots[i]

    def _failure(self, path: str, message: str) -> FileResult:
        result = _failure(path, message)
        result.diagnostics = self.linter.finish(path, result.diagnostics)
        return result


class Progress:
    """A progress line on stderr (files done / total, rate) while a batch runs; nothing unless `show`.
    tqdm is imported only when the line is shown."""

    def __init__(self, total: int, show: bool):
        self.bar = None
        if show:
            import tqdm as tqdm_module
            from tqdm import tqdm

            # No monitor thread: worker processes are forked, and a fork must not copy a thread
            # holding a lock.
            tqdm_module.tqdm.monitor_interval = 0
            self.bar = tqdm(total=total, file=sys.stderr, unit="份", desc="检查", leave=False,
                            dynamic_ncols=True, mininterval=0.2)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def writing(self):
        """Around output to stdout: the line is lifted off the terminal and redrawn after."""
        if self.bar is None:
            import contextlib

            return contextlib.nullcontext()
        return self.bar.external_write_mode()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
