"""Publication dates and deadlines: when a report had to be out (条例 第四十九条, by the body's level),
when it was out (the run's --published, a batch manifest, the web page, the portal line at the top of a
copied page), and the batch manifest itself."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re

from ..records import record
from . import data

_ISO = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


class ManifestError(Exception):
    pass


def parse_date(text: str | None) -> dt.date | None:
    m = _ISO.search(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def deadline(year: int, level: str | None, conf=None) -> dt.date | None:
    """The last day the report on `year` may be published, for a body of `level`. `conf` is the
    rulebook's `cross_year` section (default: the built-in rulebook's)."""
    day = (conf or data()).deadline(level)
    if not day:
        return None
    month, d = day
    return dt.date(year + 1, month, d)


def latest_deadline(year: int, conf=None) -> dt.date:
    conf = conf or data()
    return max(deadline(year, level, conf) for level in conf.levels)


def portal_date(texts: list[str], conf=None) -> tuple[int, int, dt.date] | None:
    """(paragraph index, offset, date) of a "发布时间：2022-02-08 16:34" line among the first paragraphs."""
    conf = (conf or data()).published
    labels = "|".join(re.escape(label) for label in conf.labels)
    pattern = re.compile(rf"(?:{labels})\s*[:：]?\s*" + _ISO.pattern)
    for index, text in enumerate(texts[: conf.first_paragraphs]):
        m = pattern.search(text)
        if m:
            found = parse_date(m.group(0)[m.start(1) - m.start():])
            if found:
                return index, m.start(1), found
    return None


@record
class Entry:
    published: str | None = None  # YYYY-MM-DD
    level: str | None = None


def load_manifest(path: str | os.PathLike) -> dict[str, Entry]:
    """A CSV (columns file, published, level) or TOML ([[reports]] file = …, published = …, level = …)
    file → {file name, pattern, or path resolved against the manifest's folder: Entry}."""
    from pathlib import Path  # only a run given a manifest reads one

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ManifestError(f"无法读取发布清单 {path}：{exc.strerror or exc}") from None
    if path.suffix.lower() == ".toml":
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        try:
            rows = tomllib.loads(text).get("reports", [])
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"发布清单 {path} 不是合法的 TOML：{exc}") from None
    else:
        import csv  # as tomllib above: only a run given a manifest reads one

        rows = list(csv.DictReader(text.splitlines()))
    out: dict[str, Entry] = {}
    for row in rows:
        name = str(row.get("file") or "").strip()
        if not name:
            raise ManifestError(f"发布清单 {path}：每一行都要有 file（报告文件）")
        published = str(row.get("published") or "").strip() or None
        if published and parse_date(published) is None:
            raise ManifestError(f"发布清单 {path}：{name} 的发布日期“{published}”不是 YYYY-MM-DD")
        level = str(row.get("level") or "").strip() or None
        if level and level not in data().levels:
            raise ManifestError(f"发布清单 {path}：{name} 的层级应为 {'、'.join(data().levels)}，不是“{level}”")
        # A bare file name or a pattern matches wherever the report lies; a path is read from the
        # manifest's folder.
        bare = "/" not in name and "\\" not in name
        key = name if bare or any(c in name for c in "*?[") else os.path.abspath(path.parent / name)
        out[key] = Entry(parse_date(published).isoformat() if published else None, level)
    return out


def manifest_entry(manifest: dict[str, Entry], file: str) -> Entry | None:
    """The entry for `file`: by its full path, else by a pattern (`*.html`, `2024/*`) or a bare name."""
    resolved = os.path.abspath(file)
    if resolved in manifest:
        return manifest[resolved]
    return next((entry for key, entry in manifest.items()
                 if fnmatch.fnmatch(file, key) or fnmatch.fnmatch(_name(file), key)), None)


def _name(file: str) -> str:
    from pathlib import Path  # only a run with a manifest or configured levels asks

    return Path(file).name


def level_override(levels: dict[str, str], file: str, agency: str | None) -> str | None:
    """The configured level for a file (a pattern of its path) or a body (its name, any spelling)."""
    from ..agency import same_body

    for key, level in levels.items():
        if fnmatch.fnmatch(file, key) or fnmatch.fnmatch(_name(file), key):
            return level
        if agency and same_body(agency, key):
            return level
    return None
