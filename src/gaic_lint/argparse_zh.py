"""argparse speaking Chinese: the help's headings, the help and version options, and usage errors.
Option names stay as they are (they are typed, not read). argparse builds its messages in English
without a hook per parser, so errors are translated by their shape; an unknown shape is shown as it is."""

from __future__ import annotations

import argparse
import os
import re
import sys

EXIT_USAGE = 2

_ERRORS = [
    (re.compile(r"^the following arguments are required: (.+)$"), "缺少参数：{0}"),
    (re.compile(r"^unrecognized arguments: (.+)$"), "无法识别的参数：{0}"),
    (re.compile(r"^argument (\S+): expected one argument$"), "选项 {0} 需要一个值"),
    (re.compile(r"^argument (\S+): expected at least one argument$"), "选项 {0} 至少需要一个值"),
    (re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"), "选项 {0} 的值 {1} 无效，可选：{2}"),
    (re.compile(r"^argument (\S+): invalid int value: (.+)$"), "选项 {0} 应为整数，而不是 {1}"),
    (re.compile(r"^argument (\S+): invalid float value: (.+)$"), "选项 {0} 应为数字，而不是 {1}"),
    (re.compile(r"^argument (\S+): invalid (\S+) value: (.+)$"), "选项 {0} 的值 {2} 无效"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), "选项 {0} 不能与 {1} 同时使用"),
    (re.compile(r"^argument (\S+): ignored explicit argument (.+)$"), "选项 {0} 不接受值 {1}"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), "选项 {0} 不明确，可能是：{1}"),
    # A message of our own (argparse.ArgumentTypeError) after argparse's English prefix.
    (re.compile(r"^argument (\S+): (.+)$"), "选项 {0}：{1}"),
]


def translate(message: str) -> str:
    for pattern, template in _ERRORS:
        m = pattern.match(message)
        if m:
            return template.format(*m.groups())
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        # argparse makes a formatter for every option added (to check its metavar) and asks shutil for
        # the terminal's width; shutil brings bz2 and lzma, which a run that shows no help never needs.
        if width is None:
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` gives it: $COLUMNS, else the
    width of the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class ArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, version: str | None = None, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")
        if version:
            self.add_argument("--version", action="version", version=version, help="显示版本号并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 错误：{translate(message)}\n")
