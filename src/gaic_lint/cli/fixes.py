"""--fix and --diff over the results of a run."""

from __future__ import annotations

import sys

from .exits import EXIT_FINDINGS, EXIT_OK


def apply_fixes(results, linter, write: bool, label=lambda path: path, unsafe: bool = False,
                show: bool = False) -> int:
    """Fix (or with `write` False, show the diff of fixing) each fixable file; with `write`, lint the
    fixed files again so that what is reported is what remains; with `show`, list on stderr what was
    changed. Returns the exit code for --diff."""
    from ..fixer import applicable, fix_file, fixable_formats
    from ..model import InputError
    from ..paths import is_url, shown_path
    from ..reporters.sanitize import inline
    from ..reporters.text import place

    applied = files = 0
    for i, result in enumerate(results):
        fixable = [d for d in result.diagnostics if applicable(d, unsafe)]
        if result.format is None or not fixable:
            continue
        if is_url(result.path):
            # What was downloaded is gone once checked; the file to fix is on the server.
            sys.stderr.write(f"gaic-lint: {inline(shown_path(result.path))}：网址下载的内容无法自动修复，未修改\n")
            continue
        if result.format not in fixable_formats():
            sys.stderr.write(f"gaic-lint: {inline(shown_path(result.path))}：只能自动修复 .txt/.md/.docx 文件，此文件未修改\n")
            continue
        try:
            done = fix_file(result.path, result.encoding or "utf-8", fixable, write, result.format,
                            label=label(result.path))
        except (InputError, OSError) as exc:
            sys.stderr.write(f"gaic-lint: {inline(shown_path(result.path))}：{inline(str(getattr(exc, 'message', None) or exc))}\n")
            continue
        if not done.applied:
            continue
        applied += done.applied
        files += 1
        if show and write:
            for d in fixable:
                sys.stderr.write(f"  {inline(place(d))}: {d.code} “{inline(d.fix.original)}” → “{inline(d.fix.replacement)}”\n")
        if write:
            results[i] = linter.lint(result.path, keep_report=False)
        else:
            sys.stdout.write(done.diff)
    verb = "已修复" if write else "可修复"
    sys.stderr.write(f"gaic-lint: {verb} {applied} 处问题（{files} 个文件）\n")
    return EXIT_FINDINGS if applied and not write else EXIT_OK

