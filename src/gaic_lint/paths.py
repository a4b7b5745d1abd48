"""The files a command line names: files as given, folders expanded to the report files inside them."""

from __future__ import annotations

import os
from pathlib import Path

from .readers import registry


def expand_paths(paths: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given, and the supported files inside folders (sorted, hidden folders skipped)."""
    supported = tuple(registry.extensions())
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = len(out)
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(supported) and not name.startswith(("~$", ".")):
                        out.append(os.path.join(root, name))
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
