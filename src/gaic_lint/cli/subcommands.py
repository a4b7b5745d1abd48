"""The subcommands that check nothing: rules, rule, dump."""

from __future__ import annotations

import sys

from ..argparse_zh import ArgumentParser
from .exits import EXIT_OK, usage_error


def rules(argv: list[str]) -> int:
    from ..plugins import load_plugins

    plugins = load_plugins()
    for meta in sorted(plugins.metas(), key=lambda m: m.code):
        rule = f"（规则 {meta.rule}）" if meta.rule and meta.rule != meta.name else ""
        sys.stdout.write(f"{meta.code:<6}{meta.name:<24}{meta.severity.value:<9}{meta.summary}{rule}\n")
    for d in plugins.errors:
        sys.stderr.write(f"gaic-lint: {d.message}\n")
    return EXIT_OK


def rule(argv: list[str]) -> int:
    from ..plugins import load_plugins
    from ..ruledocs import render_rule

    if len(argv) != 1:
        return usage_error("用法：gaic-lint rule 规则名或代码，例如 gaic-lint rule table-balance")
    plugins = load_plugins()
    meta = next((m for m in plugins.metas() if argv[0] in (m.name, m.code, m.code.lower())), None)
    if meta is None:
        from ..ruledocs import render_alias

        rule = next((r for r in plugins.rules if len(getattr(r, "violations", ())) > 1
                     and argv[0] in (r.meta.name, r.meta.code, r.meta.code.lower())), None)
        if rule is not None:
            sys.stdout.write(render_alias(rule.meta, rule.kinds()))
            return EXIT_OK
        return usage_error(f"没有名为“{argv[0]}”的规则（gaic-lint rules 列出全部规则）")
    sys.stdout.write(render_rule(meta))
    return EXIT_OK


def dump(argv: list[str]) -> int:
    from ..config import ConfigError
    from ..dump import render_tree
    from ..engine import Linter, _FileTimeout, _time_limit
    from ..model import InputError
    from ..paths import shown_path
    from ..reporters.sanitize import inline
    from ..rulebook import RulebookError

    parser = ArgumentParser(prog="gaic-lint dump", description="显示报告被识别成的结构")
    parser.add_argument("path")
    parser.add_argument("--cells", action="store_true", help="列出每个表格单元格")
    parser.add_argument("--encoding")
    parser.add_argument("--previous", metavar="FILE", help="同一机关上一年度的报告：显示能否配对")
    parser.add_argument("--config", metavar="FILE", help="配置文件（默认向上查找 gaic-lint.toml 或 pyproject.toml）")
    args = parser.parse_args(argv)
    try:
        from pathlib import Path

        from ..config import find_config, load_config

        # The configuration a lint of the same file would use: its rulebook packs and its time limit.
        config = load_config(Path(args.config) if args.config else find_config(Path.cwd()))
        if args.encoding:
            config.encoding = args.encoding
        linter = Linter(config)
        # The same per-file limit as linting: dump is how a user looks at a file that misbehaves.
        with _time_limit(config.timeout):
            report = linter.parse(args.path)
    except _FileTimeout:
        return usage_error(f"{inline(shown_path(args.path))}：读取超时（超过 {config.timeout:g} 秒），已停止")
    except InputError as exc:
        return usage_error(f"{inline(shown_path(args.path))}：{inline(exc.message)}")
    except (ConfigError, RulebookError) as exc:
        return usage_error(str(exc))
    sys.stdout.write(render_tree(report, cells=args.cells))
    if args.previous:
        sys.stdout.write(_dump_pairing(linter, report, args.previous))
    return EXIT_OK


def _dump_pairing(linter, report, previous: str) -> str:
    from ..batchrules import BatchItem
    from ..engine import _FileTimeout, _time_limit
    from ..history.pairing import pairs
    from ..model import InputError
    from ..paths import shown_path
    from ..reporters.sanitize import inline
    from ..summary import summarize

    shown = inline(shown_path(previous))
    try:
        with _time_limit(linter.config.timeout):
            before = summarize(linter.parse(previous))
    except InputError as exc:
        return f"上年报告：{shown} 无法读取（{inline(exc.message)}）\n"
    except _FileTimeout:
        return f"上年报告：{shown} 读取超时（超过 {linter.config.timeout:g} 秒）\n"
    found = pairs([BatchItem(report.path, summarize(report)), BatchItem(previous, before, history_only=True)])
    if report.path in found:
        return f"上年报告：{shown}（{inline(before.agency or '')} {before.year}年度）\n"
    return f"上年报告：未配对（{shown} 为 {inline(before.agency or '未识别的机关')} {before.year or '未识别的'}年度）\n"

