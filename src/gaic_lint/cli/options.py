"""The arguments of a lint run, and the configuration they make with the configuration file."""

from __future__ import annotations

import argparse
import os

from .. import __version__
from ..argparse_zh import ArgumentParser
from .history import history_config

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from ..config import Config

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


def lint_parser(formats: list[str]) -> ArgumentParser:
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
    p.add_argument("--show-fixes", action="store_true", help="与 --fix 一起使用：逐条列出修复了什么")
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


def reporter_options(args, config, linter, hidden: int) -> dict:
    """What every reporter may use: the fail-on level lets verdicts, JUnit and the review page agree
    with the exit code."""
    return {"color": {"always": True, "never": False}.get(args.color),
            "rules": [k for rule in linter.rules for k in rule.kinds()], "baseline_hidden": hidden,
            "fail_on": config.fail_on, "quiet": args.quiet, "statistics": args.statistics,
            "output": args.output}


def split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def configure(args) -> Config:
    from ..config import find_config, load_config

    if args.isolated:
        path = None
    elif args.config:
        from pathlib import Path  # named as the user wrote it, normalized as messages show it

        path = Path(args.config)
    else:
        path = find_config(os.getcwd())
    config = load_config(path)
    if args.select:
        config.select = split(args.select)
    if args.extend_select:
        config.select += split(args.extend_select)
    if args.ignore:
        config.ignore += split(args.ignore)
    config.rulebook += [os.path.realpath(p) for p in args.rulebook]
    if args.report_year:
        config.report_year = args.report_year
    if args.encoding:
        from ..config import check_encoding

        config.encoding = check_encoding(args.encoding, "--encoding")
    history_config(args, config)
    if args.fail_on:
        from ..model import Severity

        config.fail_on = Severity(args.fail_on)
    if args.memory_limit:
        config.memory_limit = args.memory_limit
    return config

