"""The command line. The only place that decides exit codes:
0 no errors (warnings allowed), 1 errors found, 2 usage/config error or an unreadable input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .config import Config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

_SUBCOMMANDS = ("check", "rules", "rule", "dump")

_DESCRIPTION = """检查政府信息公开工作年度报告（.docx .pdf .html .md .txt）。

用法:
  gaic-lint 报告.docx [更多文件或文件夹…]   检查报告
  gaic-lint rules                         列出全部规则
  gaic-lint rule 规则名或代码              查看一条规则的说明
  gaic-lint dump 报告.md                  显示报告被识别成的结构（部分、表格、单元格）
"""


def _reconfigure_streams() -> None:
    # Chinese output must not die on a console that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _lint_parser() -> argparse.ArgumentParser:
    from .reporters import FORMATS

    p = argparse.ArgumentParser(prog="gaic-lint", description=_DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹")
    p.add_argument("--format", "-f", choices=sorted(FORMATS), default=None, help="输出格式（默认 text）")
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
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="彩色输出")
    p.add_argument("--version", action="version", version=f"gaic-lint {__version__}")
    return p


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
        config.encoding = args.encoding
    if args.fail_on:
        from .model import Severity

        config.fail_on = Severity(args.fail_on)
    return config


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
        argv = rest
    return _lint(argv)


def _lint(argv: list[str]) -> int:
    parser = _lint_parser()
    args = parser.parse_args(argv)

    from .config import ConfigError
    from .rulebook import RulebookError
    if not args.paths:
        parser.print_usage(sys.stderr)
        return _usage_error("请给出要检查的文件或文件夹，例如：gaic-lint 报告.docx")
    try:
        config = _config(args)
        from .engine import Linter, expand_paths

        linter = Linter(config)
    except (ConfigError, RulebookError) as exc:
        return _usage_error(str(exc))
    unknown = [s for s in config.select + config.ignore if not _known_selector(s, linter)]
    if unknown:
        return _usage_error(f"未知的规则或代码：{', '.join(unknown)}（gaic-lint rules 列出全部规则）")

    paths = expand_paths(args.paths, config.exclude)
    results = [linter.lint(path) for path in paths]
    if args.fix or args.diff:
        outcome = _apply_fixes(results, linter, write=args.fix, unsafe=args.unsafe_fixes)
        if args.diff:
            return outcome
    if linter.plugins.errors and results:
        for d in linter.plugins.errors:
            d.file = "gaic-lint"
        results[0].diagnostics[:0] = linter.plugins.errors

    hidden = 0
    if args.baseline or args.write_baseline:
        from . import baseline

        try:
            accepted = baseline.load(args.baseline) if args.baseline else None
            if args.write_baseline:
                recorded = baseline.write(args.write_baseline, results)
                sys.stderr.write(f"gaic-lint: 已把 {recorded} 个问题记入基线文件 {args.write_baseline}\n")
                # What was just recorded is accepted: the run reports (and fails on) nothing but
                # unreadable files.
                accepted = baseline.load(args.write_baseline)
        except baseline.BaselineError as exc:
            return _usage_error(str(exc))
        hidden = baseline.apply(results, accepted)

    from .reporters import get

    fmt = args.format or "text"
    options = {"color": {"always": True, "never": False}.get(args.color),
               "rules": [k for rule in linter.rules for k in rule.kinds()], "baseline_hidden": hidden}
    try:
        if args.output:
            # backslashreplace as on stdout: a file name with undecodable bytes must not abort the write.
            with open(args.output, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as out:
                get(fmt)(results, out, options)
        else:
            get(fmt)(results, sys.stdout, options)
    except BrokenPipeError:
        if args.output:
            return _usage_error(f"无法写入输出文件 {args.output}：管道已关闭")
        # The reader of our stdout (`| head`) has gone: nothing more can be shown, the exit code
        # still says what was found, and the interpreter must not fail again flushing at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        return _usage_error(f"无法写入输出文件 {args.output}：{exc.strerror or exc}")
    if hidden and fmt not in ("text", "concise", "github"):
        # Machine formats have no summary line; the person running the job still needs to know.
        sys.stderr.write(f"gaic-lint: 另有 {hidden} 个已记录在基线中的问题未显示\n")

    if any(r.unreadable for r in results):
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= config.fail_on.rank else EXIT_OK


def _apply_fixes(results, linter, write: bool, unsafe: bool = False) -> int:
    """Fix (or with `write` False, show the diff of fixing) each fixable file; with `write`, lint the
    fixed files again so that what is reported is what remains. Returns the exit code for --diff."""
    from .fixer import FIXABLE_FORMATS, applicable, fix_file
    from .model import InputError

    applied = files = 0
    for i, result in enumerate(results):
        report = result.report
        fixable = [d for d in result.diagnostics if applicable(d, unsafe)]
        if report is None or not fixable:
            continue
        if report.format not in FIXABLE_FORMATS:
            sys.stderr.write(f"gaic-lint: {result.path}：只能自动修复 .txt/.md 文件，此文件未修改\n")
            continue
        try:
            done = fix_file(result.path, report.metadata.get("encoding", "utf-8"), fixable, write)
        except (InputError, OSError) as exc:
            sys.stderr.write(f"gaic-lint: {result.path}：{getattr(exc, 'message', None) or exc}\n")
            continue
        if not done.applied:
            continue
        applied += done.applied
        files += 1
        if write:
            results[i] = linter.lint(result.path)
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

    parser = argparse.ArgumentParser(prog="gaic-lint dump", description="显示报告被识别成的结构")
    parser.add_argument("path")
    parser.add_argument("--cells", action="store_true", help="列出每个表格单元格")
    parser.add_argument("--encoding")
    args = parser.parse_args(argv)
    try:
        from .config import Config

        config = Config(encoding=args.encoding)
        linter = Linter(config)
        report = linter.parse(args.path)
    except InputError as exc:
        return _usage_error(f"{args.path}：{exc.message}")
    except ConfigError as exc:
        return _usage_error(str(exc))
    sys.stdout.write(render_tree(report, cells=args.cells))
    return EXIT_OK
