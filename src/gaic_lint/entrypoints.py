"""The entry points of one group, found by reading `*.dist-info/entry_points.txt` (and `*.egg-info/`)
in the folders of sys.path, the way importlib.metadata finds them but without importing its machinery
(email, zipfile, csv …: more than a tenth of the start-up of a small report).

Where sys.path holds something this scan does not read (a zip file, an egg) or an import hook offers
distributions of its own, importlib.metadata is asked instead, so the result is always the same.
"""

from __future__ import annotations

import os
import re
import sys
from importlib import import_module

from .records import record

_SUFFIXES = (".dist-info", ".egg-info")
# importlib.metadata.EntryPoint.pattern
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@record
class EntryPoint:
    name: str
    value: str
    group: str

    def load(self):
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"入口点的值无效：{self.value!r}")
        target = import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            target = getattr(target, attr)
        return target


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scannable() -> bool:
    if any(os.path.isfile(entry) or entry.lower().endswith(".egg") for entry in sys.path):
        return False
    standard = sys.modules["importlib._bootstrap_external"].PathFinder
    return not any(hasattr(f, "find_distributions") for f in sys.meta_path if f is not standard)


def _metadata_folders():
    """The metadata folder of each distribution on sys.path, the first of each name, as importlib.metadata
    orders them."""
    seen: set[str] = set()
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            continue
        found: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith(_SUFFIXES):
                found.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for folders in found.values():
            for child in folders:
                # importlib.metadata keeps the first distribution of a name, by its folder name.
                name = _normalize(os.path.splitext(child)[0].partition("-")[0])
                if name in seen:
                    continue
                seen.add(name)
                yield os.path.join(root, child)


def _parse(text: str, group: str) -> list[EntryPoint]:
    out, section = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, _, value = line.partition("=")
            out.append(EntryPoint(name.strip(), value.strip(), group))
    return out


def entry_points(group: str) -> list:
    """The entry points of `group` of every installed distribution (objects with name, value, load())."""
    if not _scannable():
        from importlib.metadata import entry_points as metadata_entry_points

        return list(metadata_entry_points(group=group))
    out: list[EntryPoint] = []
    for folder in _metadata_folders():
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            continue
        out.extend(_parse(text, group))
    return out
