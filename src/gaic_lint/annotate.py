"""`gaic-lint annotate 报告.docx -o 报告-批注.docx`: a copy of a Word report with every finding as a
comment (批注) where it is, for the author who works in Word or WPS rather than in a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .argparse_zh import ArgumentParser
from .model import Diagnostic, InputError


def comment_lines(d: Diagnostic) -> list[str]:
    """What the author reads in the margin: the finding, the rule, and what to write instead."""
    lines = [f"{d.message}", f"gaic-lint {d.code} {d.rule}（{d.severity.zh}）"]
    if d.fix is not None and d.fix.replacement:
        lines.append(f"建议改为：{d.fix.replacement}")
    if d.evidence:
        lines.append(f"依据：{d.evidence}")
    return lines


def main(argv: list[str]) -> int:
    from .cli.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
    from .cli.exits import usage_error as _usage_error
    from .config import ConfigError, find_config, load_config
    from .engine import Linter
    from .safe_write import write_new
    from .wordedit.edit import annotated_package

    parser = ArgumentParser(prog="gaic-lint annotate",
                                     description="把检查发现的问题作为批注写入 Word 报告的副本（原文件不变）")
    parser.add_argument("path", help="要检查的 .docx 报告")
    parser.add_argument("-o", "--output", help="写出的副本（默认：原文件名加“-批注”）")
    parser.add_argument("--config", help="配置文件")
    parser.add_argument("--isolated", action="store_true", help="不读取任何配置文件")
    args = parser.parse_args(argv)

    source = Path(args.path)
    output = Path(args.output) if args.output else source.with_name(f"{source.stem}-批注{source.suffix}")
    try:
        if output.exists() and source.exists() and os.path.samefile(source, output):
            return _usage_error("批注副本不能写到原文件上，请用 -o 指定另一个文件名")
        config_path = None if args.isolated else (Path(args.config) if args.config else find_config(Path.cwd()))
        linter = Linter(load_config(config_path))
    except (ConfigError, OSError) as exc:
        return _usage_error(str(exc))
    except Exception as exc:  # RulebookError and the like: one message, not a traceback
        return _usage_error(str(exc))
    result = linter.lint(str(source))
    if result.unreadable or result.report is None:
        for d in result.diagnostics:
            sys.stderr.write(f"gaic-lint: {source}：{d.message}\n")
        return EXIT_USAGE
    if result.report.format != "docx":
        return _usage_error(f"{source}：只能为 Word（.docx）文件添加批注")
    try:
        data, made = annotated_package(source.read_bytes(), result.diagnostics, comment_lines)
        write_new(str(output), data)
    except (OSError, InputError) as exc:
        return _usage_error(f"无法写入 {output}：{getattr(exc, 'message', None) or exc}")
    sys.stderr.write(f"gaic-lint: 已在 {output} 中写入 {made} 条批注\n")
    worst = max((d.severity.rank for d in result.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= config_fail_rank(linter) else EXIT_OK


def config_fail_rank(linter) -> int:
    return linter.config.fail_on.rank
