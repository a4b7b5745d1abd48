"""Exit codes, decided only by the command line: 0 no findings at the fail-on level, 1 findings,
2 a usage or configuration error or an unreadable input."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def usage_error(message: str) -> int:
    from ..reporters.sanitize import inline

    # Messages name files and quote input: no line break or control character of theirs reaches the log.
    sys.stderr.write(f"gaic-lint: 错误：{inline(message)}\n")
    return EXIT_USAGE

