"""The files a command line names: files as given, folders expanded to the report files inside them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .readers import registry


def _inside(path: str, folder: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def expand_paths(paths: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given, and the supported files inside folders (sorted, hidden folders skipped).

    In a folder only regular files are taken (not devices or pipes a link may point to), and a symbolic
    link that leads out of the folder is not followed: a folder of reports must not make gaic-lint read
    /dev/zero or someone's home. A file named on the command line is read as the user asked."""
    supported = tuple(registry.extensions())
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = len(out)
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(supported) and not name.startswith(("~$", ".")):
                        full = os.path.join(root, name)
                        if os.path.islink(full) and not _inside(full, path):
                            continue
                        try:
                            regular = stat.S_ISREG(os.stat(full).st_mode)
                        except OSError:
                            regular = True  # let the reader say what is wrong with it
                        if regular:
                            out.append(full)
            if len(out) == found:
                # A folder the user named that holds no report (or a folder named like a file,
                # `report.docx/`) is reported as unreadable rather than silently checked as nothing.
                out.append(path)
        else:
            out.append(path)
    if exclude:
        import fnmatch

        out = [p for p in out if not any(fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(Path(p).name, pat) for pat in exclude)]
    return out
