"""The files a command line names: files as given, folders expanded to the report files inside them;
and how a file or URL is named in every output (`shown_path`, `display_path`)."""

from __future__ import annotations

import os
import stat

from .readers import registry


def is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def redact(url: str) -> str:
    """`url` with its password replaced by `***` (`https://user:***@host/x`); a user name without a
    password is hidden whole (`https://***@host/x`), since a token is often given that way.

    Done on the text, not through urllib, so that a URL urllib refuses (a bad port or bracket) is
    redacted all the same and the rest of it stays exactly as typed."""
    if not is_url(url):
        return url
    start = url.index("//") + 2
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start)
        if found != -1:
            end = min(end, found)
    netloc = url[start:end]
    if "@" not in netloc:
        return url
    userinfo, host = netloc.rsplit("@", 1)
    user, colon, _ = userinfo.partition(":")
    hidden = f"{user}:***" if colon and user else "***"
    return f"{url[:start]}{hidden}@{host}{url[end:]}"


def shown_path(path: str) -> str:
    """A file as the text outputs and messages name it: as the user typed it, a URL with its password
    redacted."""
    return redact(path) if isinstance(path, str) and is_url(path) else path


def display_path(path: str) -> str:
    """`path` relative to the current folder with forward slashes, or absolute when it lies outside;
    a URL as typed, with its password redacted.

    Every machine-readable format and the baseline name files this way, so a baseline written on
    Windows matches a CI run on Linux when both run from the repository root.
    """
    if not path:
        return path
    if is_url(path):
        return redact(path)
    try:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return _posix(path)
    if relative == ".." or relative.startswith(".." + os.sep):
        return _posix(absolute)
    return _posix(relative)


def _posix(path: str) -> str:
    # abspath and relpath give normalized paths: where the separator is "/" they are written so already.
    if os.sep == "/":
        return path
    from pathlib import PurePath, PurePosixPath

    return PurePosixPath(*PurePath(path).parts).as_posix()


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
        from pathlib import Path

        out = [p for p in out if not any(fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(Path(p).name, pat) for pat in exclude)]
    return out
