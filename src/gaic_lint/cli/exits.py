"""Exit codes, decided only by the command line: 0 no findings at the fail-on level, 1 findings,
2 a usage or configuration error or an unreadable input."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def usage_error(message: str) -> int:
    sys.stderr.write(f"gaic-lint: 错误：{message}\n")
    return EXIT_USAGE

