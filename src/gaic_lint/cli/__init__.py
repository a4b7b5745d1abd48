"""The command line: `main` (in-process, returns the exit code) and `entry` (the console script). The only
place that decides exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage/config error or an
unreadable input."""

from __future__ import annotations

import sys

from .exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, usage_error

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "entry", "main", "usage_error"]

_SUBCOMMANDS = ("check", "rules", "rule", "dump", "annotate")


def _reconfigure_streams() -> None:
    # Chinese output must not die on a console that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    _reconfigure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in _SUBCOMMANDS:
        command, rest = argv[0], argv[1:]
        if command in ("rules", "rule", "dump"):
            from . import subcommands

            return getattr(subcommands, command)(rest)
        if command == "annotate":
            from ..annotate import main as annotate

            return annotate(rest)
        argv = rest
    if argv == ["--version"]:
        # Answered before the plugins are loaded (they add --format choices): a version check is instant.
        from .. import __version__

        sys.stdout.write(f"gaic-lint {__version__}\n")
        return 0
    from .lint import lint

    return lint(argv)


def entry() -> None:
    """The console script: `main`, then out of the process without the interpreter's teardown (freeing
    every object of a finished run, 7-30 ms). Output is flushed and exit handlers run first; files the
    run wrote were closed by it. In-process callers use `main`, which returns the exit code."""
    import gc

    # A run makes most of its objects once and keeps them (modules, the rulebook, a report's tree): at
    # the default thresholds the collector walks them again and again for no garbage, 5-10 ms of a
    # 150 ms run. Less often it still runs, so a long batch's cycles are still freed.
    gc.set_threshold(50_000, 20, 10)
    # A version check compiles no pattern: it neither reads nor imports the regex cache (which brings
    # pathlib and typing, half of what such a run would import).
    quick = sys.argv[1:] == ["--version"]
    if not quick:
        from .. import regex_cache

        regex_cache.install()
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

    if not quick:
        regex_cache.save()
        required = sys.modules.get("gaic_lint.text.required")
        if required is not None:
            required.save()
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

