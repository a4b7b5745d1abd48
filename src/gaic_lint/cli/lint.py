"""A lint run: the files checked (in worker processes with --jobs), fixes, baselines, the report written
and the exit code."""

from __future__ import annotations

import contextlib
import sys

from .exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, usage_error
from .fixes import apply_fixes
from .history import history_items
from .options import configure, lint_parser, reporter_options


def lint(argv: list[str]) -> int:
    from .. import reporters
    from ..plugins import load_plugins

    # Plugins first: the output formats they add are --format choices.
    plugins = load_plugins()
    parser = lint_parser(reporters.names())
    args = parser.parse_args(argv)

    from ..config import ConfigError
    from ..rulebook import RulebookError
    if not args.paths:
        parser.print_usage(sys.stderr)
        return usage_error("请给出要检查的文件或文件夹，例如：gaic-lint 报告.docx")
    try:
        config = configure(args)
        from ..engine import Linter

        linter = Linter(config, plugins)
    except (ConfigError, RulebookError) as exc:
        return usage_error(str(exc))
    unknown = [s for s in config.select + config.ignore if not known_selector(s, linter)]
    if unknown:
        return usage_error(f"未知的规则或代码：{', '.join(unknown)}（gaic-lint rules 列出全部规则）")

    from ..paths import expand_paths
    from ..reporters import get, get_stream
    from ..stdin import StdinInput

    fmt = args.format or "text"
    options = reporter_options(args, config, linter, 0)
    # Findings stream only where nothing has to be known about the whole batch before the first
    # file is shown (fixes re-lint, baselines count across files).
    streamer = get_stream(fmt)
    if args.fix or args.diff or args.baseline or args.write_baseline:
        streamer = None
    with StdinInput(args.paths, args.stdin_filename, config.max_file_size) as stdin:
        if stdin.error:
            return usage_error(stdin.error)
        if args.fix and stdin.used:
            return usage_error("从标准输入读取的内容无法就地修复；可用 --diff 查看修改")
        paths = expand_paths(stdin.paths, config.exclude)
        try:
            with output(args.output) as out:
                reporter = streamer(out, options) if streamer is not None else None
                results, late = run_batch(args, config, linter, paths, reporter, stdin.rename)
                if args.fix or args.diff:
                    outcome = apply_fixes(results, linter, write=args.fix, label=stdin.label,
                                          unsafe=args.unsafe_fixes, show=args.show_fixes)
                    if args.diff:
                        return outcome
                for r in results:
                    stdin.rename(r)
                if linter.plugins.errors and results and reporter is None:
                    for d in linter.plugins.errors:
                        d.file = "gaic-lint"
                    results[0].diagnostics[:0] = linter.plugins.errors

                if args.baseline or args.write_baseline:
                    from .. import baseline

                    try:
                        accepted = baseline.load(args.baseline) if args.baseline else None
                        if args.write_baseline:
                            recorded = baseline.write(args.write_baseline, results)
                            sys.stderr.write(f"gaic-lint: 已把 {recorded} 个问题记入基线文件 {args.write_baseline}\n")
                            # What was just recorded is accepted: the run reports (and fails on) nothing
                            # but unreadable files.
                            accepted = baseline.load(args.write_baseline)
                    except baseline.BaselineError as exc:
                        return usage_error(str(exc))
                    options["baseline_hidden"] = baseline.apply(results, accepted)
                if reporter is not None:
                    reporter.finish(results, late)
                else:
                    get(fmt)(results, out, options)
        except BrokenPipeError:
            if args.output:
                return usage_error(f"无法写入输出文件 {args.output}：管道已关闭")
            drop_stdout()
        except OSError as exc:
            return usage_error(f"无法写入输出文件 {args.output}：{exc.strerror or exc}")
    hidden = options["baseline_hidden"]
    if hidden and fmt not in ("text", "concise", "github"):
        # Machine formats have no summary line; the person running the job still needs to know.
        sys.stderr.write(f"gaic-lint: 另有 {hidden} 个已记录在基线中的问题未显示\n")

    if any(r.unreadable for r in results):
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= config.fail_on.rank else EXIT_OK


def drop_stdout() -> None:
    # The reader of our stdout (`| head`) has gone: nothing more can be shown, the exit code still
    # says what was found, and the interpreter must not fail again flushing at exit.
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextlib.contextmanager
def output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    # backslashreplace as on stdout: a file name with undecodable bytes must not abort the write.
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as out:
        yield out


def run_batch(args, config, linter, paths, reporter, rename):
    """Lint every path (in worker processes with --jobs above 1), feeding a streaming reporter file by
    file (each result first passed through `rename`: stdin is reported under its given name), then run
    the cross-report rules. Returns the results in path order and the cross-report findings by path."""
    from ..batch import Batch, Progress, usable_cpus
    from ..batchrules import run_batch_rules

    jobs = args.jobs or usable_cpus()
    show = len(paths) > 1 and sys.stderr.isatty() and not getattr(args, "quiet", False)
    progress = Progress(len(paths), show)
    first = True
    broken = False

    def emit(result) -> None:
        nonlocal first, broken
        if reporter is None or broken:
            return
        if first and linter.plugins.errors:
            for d in linter.plugins.errors:
                d.file = "gaic-lint"
            result.diagnostics[:0] = linter.plugins.errors
        first = False
        rename(result)
        try:
            with progress.writing():
                reporter.file(result)
        except BrokenPipeError:
            if args.output:
                raise
            broken = True
            drop_stdout()

    try:
        if reporter is not None:
            reporter.start(len(paths))
        batch = Batch(linter, jobs, config.memory_limit * 1024 * 1024)
        results = batch.run(paths, emit=emit, done=progress.advance)
    finally:
        progress.close()
    late = run_batch_rules(linter.rules, results, linter.context, linter.finish,
                           history=history_items(args, config, linter, results))
    return results, late


def known_selector(selector: str, linter) -> bool:
    from ..codes import expand

    metas = linter.plugins.metas()
    return selector.upper() == "ALL" or bool(expand(selector)) or any(
        m.name == selector or m.code.upper().startswith(selector.upper()) for m in metas)

