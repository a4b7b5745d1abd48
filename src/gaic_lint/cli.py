"""The command line. The only place that decides exit codes:
0 no errors (warnings allowed), 1 errors found, 2 usage/config error or an unreadable input."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .argparse_zh import ArgumentParser

if TYPE_CHECKING:
    from .config import Config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

_SUBCOMMANDS = ("check", "rules", "rule", "dump", "annotate")

_DESCRIPTION = """检查政府信息公开工作年度报告（.docx .pdf .html .md .txt）。

用法:
  gaic-lint 报告.docx [更多文件或文件夹…]   检查报告
  gaic-lint rules                         列出全部规则
  gaic-lint rule 规则名或代码              查看一条规则的说明
  gaic-lint dump 报告.md                  显示报告被识别成的结构（部分、表格、单元格）
  gaic-lint annotate 报告.docx -o 副本.docx 把发现的问题作为批注写入 Word 副本
"""


_EXIT_CODES = """退出码：
  0  没有达到 --fail-on 级别的问题（默认：没有错误）
  1  发现了达到 --fail-on 级别的问题
  2  用法或配置错误，或有文件无法读取
"""


def _reconfigure_streams() -> None:
    # Chinese output must not die on a console that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _lint_parser(formats: list[str]) -> ArgumentParser:
    p = ArgumentParser(prog="gaic-lint", description=_DESCRIPTION, epilog=_EXIT_CODES,
                       version=f"gaic-lint {__version__}")
    p.add_argument("paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹；- 表示从标准输入读取")
    p.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取时报告所用的文件名（其扩展名决定格式）")
    p.add_argument("--format", "-f", choices=formats, default=None, help="输出格式（默认 text）")
    p.add_argument("--output", "-o", metavar="FILE", help="把结果写入文件而不是标准输出")
    p.add_argument("--select", metavar="CODES", help="只启用这些规则：代码、代码前缀（族）或规则名，逗号分隔")
    p.add_argument("--ignore", metavar="CODES", help="停用这些规则，逗号分隔")
    p.add_argument("--extend-select", metavar="CODES", help="在配置的基础上再启用这些规则")
    p.add_argument("--config", metavar="FILE", help="配置文件（默认向上查找 gaic-lint.toml 或 pyproject.toml）")
    p.add_argument("--isolated", action="store_true", help="不读取任何配置文件")
    p.add_argument("--rulebook", action="append", default=[], metavar="FILE", help="追加的规则库 TOML 文件")
    p.add_argument("--report-year", type=int, metavar="YEAR", help="报告年度（标题中没有写明时使用）")
    p.add_argument("--encoding", metavar="NAME", help="文本文件的编码（默认自动识别）")
    p.add_argument("--exit-zero", action="store_true", help="发现问题时也以 0 退出")
    p.add_argument("--fix", action="store_true",
                   help="自动修复可修复的问题（只改 .txt/.md 文件；先写临时文件，能重新读取才替换原文件）")
    p.add_argument("--unsafe-fixes", action="store_true",
                   help="--fix 和 --diff 也做不一定正确的修复（如按标题关键词从登记中找到的文号）")
    p.add_argument("--diff", action="store_true", help="显示 --fix 将做的修改（统一差异格式），不写文件")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="达到此严重级别的问题导致以 1 退出（默认 error，配置项 fail-on）")
    p.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有记录的新问题")
    p.add_argument("--write-baseline", metavar="FILE", help="把本次发现的全部问题记入基线文件")
    _output_options(p)
    p.add_argument("--previous", metavar="FILE", help="同一机关上一年度的报告（跨年度规则与它比较，不检查它）")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="报告的发布日期（publication-deadline 规则使用）")
    p.add_argument("--manifest", metavar="FILE",
                   help="发布清单：CSV 或 TOML 文件，逐个文件给出发布日期和层级（配置项 manifest）")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="彩色输出")
    p.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help="同时检查的进程数（默认为可用的 CPU 数；1 表示在本进程内逐个检查）")
    p.add_argument("--memory-limit", type=_positive, metavar="MB",
                   help="多进程检查时每个进程的内存上限（MB，默认 2048，配置项 memory-limit）")
    return p


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是 {value}")
    return number


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true",
                   help="只输出每份报告的结论表（机关、年度、层级、错误与警告数、是否通过）和合计（text 格式）")
    p.add_argument("--statistics", action="store_true",
                   help="按规则统计问题数量（代码、规则名、数量、是否可修复），代替逐条列出（text 格式）")


def _reporter_options(args, config, linter, hidden: int) -> dict:
    """What every reporter may use: the fail-on level lets verdicts, JUnit and the review page agree
    with the exit code."""
    return {"color": {"always": True, "never": False}.get(args.color),
            "rules": [k for rule in linter.rules for k in rule.kinds()], "baseline_hidden": hidden,
            "fail_on": config.fail_on, "quiet": args.quiet, "statistics": args.statistics,
            "output": args.output}


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _config(args) -> Config:
    from .config import find_config, load_config

    if args.isolated:
        path = None
    elif args.config:
        path = Path(args.config)
    else:
        path = find_config(Path.cwd())
    config = load_config(path)
    if args.select:
        config.select = _split(args.select)
    if args.extend_select:
        config.select += _split(args.extend_select)
    if args.ignore:
        config.ignore += _split(args.ignore)
    config.rulebook += [str(Path(p).resolve()) for p in args.rulebook]
    if args.report_year:
        config.report_year = args.report_year
    if args.encoding:
        from .config import check_encoding

        config.encoding = check_encoding(args.encoding, "--encoding")
    _history_config(args, config)
    if args.fail_on:
        from .model import Severity

        config.fail_on = Severity(args.fail_on)
    if args.memory_limit:
        config.memory_limit = args.memory_limit
    return config


def _history_config(args, config) -> None:
    from .config import ConfigError
    from .history.dates import parse_date

    if args.published:
        if parse_date(args.published) is None:
            raise ConfigError(f"--published 应为 YYYY-MM-DD 格式的日期，不是“{args.published}”")
        config.published = parse_date(args.published).isoformat()
    if args.manifest:
        config.manifest = str(Path(args.manifest).resolve())


def _history_items(args, config, linter, results) -> list:
    """Last year's reports named by --previous and the config's `history` folders, read (not checked)
    for the cross-year rules; the pairing each checked report got is kept on its result, and the
    reports that had none are counted on stderr."""
    import os

    from .batchrules import BatchItem, BatchRule
    from .history.pairing import pairs, unpaired
    from .model import InputError
    from .paths import expand_paths
    from .summary import summarize

    if not any(isinstance(rule, BatchRule) for rule in linter.rules):
        return []  # nothing compares reports: last year's are not even read
    checked = {os.path.abspath(r.path) for r in results}
    paths = ([args.previous] if args.previous else []) + (expand_paths(config.history) if config.history else [])
    history = []
    for path in paths:
        if os.path.abspath(path) in checked or not Path(path).is_file():
            continue
        try:
            history.append(BatchItem(path, summarize(linter.parse(path)), history_only=True))
        except InputError as exc:
            sys.stderr.write(f"gaic-lint: 往年报告 {path} 无法读取，未用于比较：{exc.message}\n")
    items = [BatchItem(r.path, r.summary) for r in results if r.summary is not None] + history
    found = pairs(items)
    for r in results:
        r.previous = found[r.path].path if r.path in found else None
    if args.previous and not any(item.path == args.previous for item in found.values()):
        sys.stderr.write(f"gaic-lint: --previous 指定的 {args.previous} 不是同一机关上一年度的报告"
                         f"（按标题中的机关和年度判断），未做跨年度比较\n")
    missing = unpaired(items, found)
    if found and missing:
        sys.stderr.write(f"gaic-lint: {missing} 个报告没有找到同一机关上一年度的报告，跨年度规则未检查它们\n")
    return history


def _usage_error(message: str) -> int:
    sys.stderr.write(f"gaic-lint: 错误：{message}\n")
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    _reconfigure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in _SUBCOMMANDS:
        command, rest = argv[0], argv[1:]
        if command == "rules":
            return _rules(rest)
        if command == "rule":
            return _rule(rest)
        if command == "dump":
            return _dump(rest)
        if command == "annotate":
            from .annotate import main as annotate

            return annotate(rest)
        argv = rest
    return _lint(argv)


def entry() -> None:
    """The console script: `main`, then out of the process without the interpreter's teardown (freeing
    every object of a finished run, 7-30 ms). Output is flushed and exit handlers run first; files the
    run wrote were closed by it. In-process callers use `main`, which returns the exit code."""
    try:
        code = main()
    except SystemExit as exc:  # --help, --version and usage errors of argparse
        code = exc.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            sys.stderr.write(f"{code}\n")
            code = 1
    import atexit
    import os

    atexit._run_exitfuncs()
    try:
        if sys.stdout is not None:  # None when started with stdout closed
            sys.stdout.flush()
    except (OSError, ValueError):
        code = 120  # what the interpreter exits with when it cannot flush stdout at exit
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code & 0xFF)


def _lint(argv: list[str]) -> int:
    from . import reporters
    from .engine import load_plugins

    # Plugins first: the output formats they add are --format choices.
    plugins = load_plugins()
    parser = _lint_parser(reporters.names())
    args = parser.parse_args(argv)

    from .config import ConfigError
    from .rulebook import RulebookError
    if not args.paths:
        parser.print_usage(sys.stderr)
        return _usage_error("请给出要检查的文件或文件夹，例如：gaic-lint 报告.docx")
    try:
        config = _config(args)
        from .engine import Linter

        linter = Linter(config, plugins)
    except (ConfigError, RulebookError) as exc:
        return _usage_error(str(exc))
    unknown = [s for s in config.select + config.ignore if not _known_selector(s, linter)]
    if unknown:
        return _usage_error(f"未知的规则或代码：{', '.join(unknown)}（gaic-lint rules 列出全部规则）")

    from .paths import expand_paths
    from .reporters import get, get_stream
    from .stdin import StdinInput

    fmt = args.format or "text"
    options = _reporter_options(args, config, linter, 0)
    # Findings stream only where nothing has to be known about the whole batch before the first
    # file is shown (fixes re-lint, baselines count across files).
    streamer = get_stream(fmt)
    if args.fix or args.diff or args.baseline or args.write_baseline:
        streamer = None
    with StdinInput(args.paths, args.stdin_filename, config.max_file_size) as stdin:
        if stdin.error:
            return _usage_error(stdin.error)
        if args.fix and stdin.used:
            return _usage_error("从标准输入读取的内容无法就地修复；可用 --diff 查看修改")
        paths = expand_paths(stdin.paths, config.exclude)
        try:
            with _output(args.output) as out:
                reporter = streamer(out, options) if streamer is not None else None
                results, late = _run_batch(args, config, linter, paths, reporter, stdin.rename)
                if args.fix or args.diff:
                    outcome = _apply_fixes(results, linter, write=args.fix, label=stdin.label,
                                            unsafe=args.unsafe_fixes)
                    if args.diff:
                        return outcome
                for r in results:
                    stdin.rename(r)
                if linter.plugins.errors and results and reporter is None:
                    for d in linter.plugins.errors:
                        d.file = "gaic-lint"
                    results[0].diagnostics[:0] = linter.plugins.errors

                if args.baseline or args.write_baseline:
                    from . import baseline

                    try:
                        accepted = baseline.load(args.baseline) if args.baseline else None
                        if args.write_baseline:
                            recorded = baseline.write(args.write_baseline, results)
                            sys.stderr.write(f"gaic-lint: 已把 {recorded} 个问题记入基线文件 {args.write_baseline}\n")
                            # What was just recorded is accepted: the run reports (and fails on) nothing
                            # but unreadable files.
                            accepted = baseline.load(args.write_baseline)
                    except baseline.BaselineError as exc:
                        return _usage_error(str(exc))
                    options["baseline_hidden"] = baseline.apply(results, accepted)
                if reporter is not None:
                    reporter.finish(results, late)
                else:
                    get(fmt)(results, out, options)
        except BrokenPipeError:
            if args.output:
                return _usage_error(f"无法写入输出文件 {args.output}：管道已关闭")
            _drop_stdout()
        except OSError as exc:
            return _usage_error(f"无法写入输出文件 {args.output}：{exc.strerror or exc}")
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


def _drop_stdout() -> None:
    # The reader of our stdout (`| head`) has gone: nothing more can be shown, the exit code still
    # says what was found, and the interpreter must not fail again flushing at exit.
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextlib.contextmanager
def _output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    # backslashreplace as on stdout: a file name with undecodable bytes must not abort the write.
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as out:
        yield out


def _run_batch(args, config, linter, paths, reporter, rename):
    """Lint every path (in worker processes with --jobs above 1), feeding a streaming reporter file by
    file (each result first passed through `rename`: stdin is reported under its given name), then run
    the cross-report rules. Returns the results in path order and the cross-report findings by path."""
    from .batch import Batch, Progress, usable_cpus
    from .batchrules import run_batch_rules

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
            _drop_stdout()

    try:
        if reporter is not None:
            reporter.start(len(paths))
        batch = Batch(linter, jobs, config.memory_limit * 1024 * 1024)
        results = batch.run(paths, emit=emit, done=progress.advance)
    finally:
        progress.close()
    late = run_batch_rules(linter.rules, results, linter.context, linter.finish,
                           history=_history_items(args, config, linter, results))
    return results, late


def _apply_fixes(results, linter, write: bool, label=lambda path: path, unsafe: bool = False) -> int:
    """Fix (or with `write` False, show the diff of fixing) each fixable file; with `write`, lint the
    fixed files again so that what is reported is what remains. Returns the exit code for --diff."""
    from .fixer import applicable, fix_file, fixable_formats
    from .model import InputError

    applied = files = 0
    for i, result in enumerate(results):
        fixable = [d for d in result.diagnostics if applicable(d, unsafe)]
        if result.format is None or not fixable:
            continue
        if result.format not in fixable_formats():
            sys.stderr.write(f"gaic-lint: {result.path}：只能自动修复 .txt/.md/.docx 文件，此文件未修改\n")
            continue
        try:
            done = fix_file(result.path, result.encoding or "utf-8", fixable, write, result.format,
                            label=label(result.path))
        except (InputError, OSError) as exc:
            sys.stderr.write(f"gaic-lint: {result.path}：{getattr(exc, 'message', None) or exc}\n")
            continue
        if not done.applied:
            continue
        applied += done.applied
        files += 1
        if write:
            results[i] = linter.lint(result.path, keep_report=False)
        else:
            sys.stdout.write(done.diff)
    verb = "已修复" if write else "可修复"
    sys.stderr.write(f"gaic-lint: {verb} {applied} 处问题（{files} 个文件）\n")
    return EXIT_FINDINGS if applied and not write else EXIT_OK


def _known_selector(selector: str, linter) -> bool:
    from .codes import expand

    metas = linter.plugins.metas()
    return selector.upper() == "ALL" or bool(expand(selector)) or any(
        m.name == selector or m.code.upper().startswith(selector.upper()) for m in metas)


def _rules(argv: list[str]) -> int:
    from .engine import load_plugins

    plugins = load_plugins()
    for meta in sorted(plugins.metas(), key=lambda m: m.code):
        rule = f"（规则 {meta.rule}）" if meta.rule and meta.rule != meta.name else ""
        sys.stdout.write(f"{meta.code:<6}{meta.name:<24}{meta.severity.value:<9}{meta.summary}{rule}\n")
    for d in plugins.errors:
        sys.stderr.write(f"gaic-lint: {d.message}\n")
    return EXIT_OK


def _rule(argv: list[str]) -> int:
    from .engine import load_plugins
    from .ruledocs import render_rule

    if len(argv) != 1:
        return _usage_error("用法：gaic-lint rule 规则名或代码，例如 gaic-lint rule table-balance")
    plugins = load_plugins()
    meta = next((m for m in plugins.metas() if argv[0] in (m.name, m.code, m.code.lower())), None)
    if meta is None:
        from .ruledocs import render_alias

        rule = next((r for r in plugins.rules if len(getattr(r, "violations", ())) > 1
                     and argv[0] in (r.meta.name, r.meta.code, r.meta.code.lower())), None)
        if rule is not None:
            sys.stdout.write(render_alias(rule.meta, rule.kinds()))
            return EXIT_OK
        return _usage_error(f"没有名为“{argv[0]}”的规则（gaic-lint rules 列出全部规则）")
    sys.stdout.write(render_rule(meta))
    return EXIT_OK


def _dump(argv: list[str]) -> int:
    from .config import ConfigError
    from .dump import render_tree
    from .engine import Linter
    from .model import InputError
    from .rulebook import RulebookError

    parser = ArgumentParser(prog="gaic-lint dump", description="显示报告被识别成的结构")
    parser.add_argument("path")
    parser.add_argument("--cells", action="store_true", help="列出每个表格单元格")
    parser.add_argument("--encoding")
    parser.add_argument("--previous", metavar="FILE", help="同一机关上一年度的报告：显示能否配对")
    args = parser.parse_args(argv)
    try:
        from .config import Config

        config = Config(encoding=args.encoding)
        linter = Linter(config)
        report = linter.parse(args.path)
    except InputError as exc:
        return _usage_error(f"{args.path}：{exc.message}")
    except (ConfigError, RulebookError) as exc:
        return _usage_error(str(exc))
    sys.stdout.write(render_tree(report, cells=args.cells))
    if args.previous:
        sys.stdout.write(_dump_pairing(linter, report, args.previous))
    return EXIT_OK


def _dump_pairing(linter, report, previous: str) -> str:
    from .batchrules import BatchItem
    from .history.pairing import pairs
    from .model import InputError
    from .summary import summarize

    try:
        before = summarize(linter.parse(previous))
    except InputError as exc:
        return f"上年报告：{previous} 无法读取（{exc.message}）\n"
    found = pairs([BatchItem(report.path, summarize(report)), BatchItem(previous, before, history_only=True)])
    if report.path in found:
        return f"上年报告：{previous}（{before.agency} {before.year}年度）\n"
    return f"上年报告：未配对（{previous} 为 {before.agency or '未识别的机关'} {before.year or '未识别的'}年度）\n"
