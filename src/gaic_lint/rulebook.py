"""The rulebook: the knowledge rules check against, loaded from the TOML files of the `rules/` folder.

The folder ships inside the wheel as `gaic_lint.rulebook`; a user's own TOML packs (config key
`rulebook`) are merged on top: their documents are added to the registry, their part variants and
label aliases extend the template, their word lists extend the built-in ones.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text.normalize import norm_label

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class RulebookError(Exception):
    pass


@dataclass
class PartSpec:
    number: int
    title: str
    variants: list[str]


@dataclass
class ColumnSpec:
    key: str
    label: str
    aliases: list[str] = field(default_factory=list)
    group: str = ""
    kind: str = "count"


@dataclass
class RowSpec:
    key: str
    label: str
    aliases: list[str] = field(default_factory=list)
    group: str = ""
    columns: list[str] = field(default_factory=list)


@dataclass
class Identity:
    id: str
    each: str  # "row" or "column"
    expr: str
    note: str


@dataclass
class CollapsedRow:
    """One row of an older format standing for several template rows, whose sum it holds."""

    key: str
    label: str
    rows: list[str]
    group: str = ""

    def as_row(self) -> RowSpec:
        return RowSpec(key=self.key, label=self.label, group=self.group)


@dataclass
class TableSpec:
    key: str
    name: str
    part: int
    title: str
    columns: list[ColumnSpec]
    rows: list[RowSpec]
    identities: list[Identity]
    layout: str = "grid"
    collapsed: list[CollapsedRow] = field(default_factory=list)

    def column(self, key: str) -> ColumnSpec:
        return next(c for c in self.columns if c.key == key)

    def row(self, key: str) -> RowSpec:
        return next(r for r in self.rows if r.key == key)

    def columns_of(self, row: RowSpec) -> list[ColumnSpec]:
        return [self.column(k) for k in row.columns] if row.columns else self.columns


@dataclass
class CitedDocument:
    id: str
    title: str
    number: str
    issuer: str = ""
    date: str = ""
    keywords: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    miscitations: list[str] = field(default_factory=list)

    def matches_title(self, title: str) -> bool:
        t = norm_label(title)
        return bool(self.keywords) and all(norm_label(k) in t for k in self.keywords) and not any(
            norm_label(x) in t for x in self.exclude
        )


@dataclass
class OutdatedLabel:
    label: str
    instead: str
    cell: bool = False
    with_numbers: bool = False


@dataclass
class Rulebook:
    parts: list[PartSpec]
    tables: dict[str, TableSpec]
    documents: list[CitedDocument]
    wording: dict[str, list[str]]
    sources: list[str]
    outdated: list[OutdatedLabel] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    placeholders: list[dict] = field(default_factory=list)

    def table(self, name: str) -> TableSpec:
        for spec in self.tables.values():
            if spec.name == name or spec.key == name:
                return spec
        raise KeyError(name)


def builtin_dir() -> Path:
    # In an installed wheel the data lands in gaic_lint/rulebook/ beside this module, and the import
    # system resolves "gaic_lint.rulebook" to this module rather than to that folder.
    beside = Path(__file__).resolve().parent / "rulebook"
    if (beside / "template-2021.toml").exists():
        return beside
    spec = importlib.util.find_spec("gaic_lint.rulebook")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location, "template-2021.toml").exists():
                return Path(location)
    # Running from a source checkout without installing.
    return Path(__file__).resolve().parents[2] / "rules"


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RulebookError(f"无法读取规则库文件 {path}：{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(f"规则库文件 {path} 不是合法的 TOML：{exc}") from None


def _table(key: str, data: dict) -> TableSpec:
    return TableSpec(
        key=key,
        name=data["name"],
        part=int(data["part"]),
        title=data.get("title", ""),
        columns=[ColumnSpec(**c) for c in data.get("columns", [])],
        rows=[RowSpec(**r) for r in data.get("rows", [])],
        identities=[Identity(**i) for i in data.get("identities", [])],
        layout=data.get("layout", "grid"),
        collapsed=[CollapsedRow(**c) for c in data.get("collapsed", [])],
    )


def _merge(book: Rulebook, data: dict, source: str) -> None:
    try:
        for part in data.get("parts", []):
            existing = next((p for p in book.parts if p.number == part["number"]), None)
            if existing is None:
                book.parts.append(PartSpec(part["number"], part["title"], list(part.get("variants", []))))
            else:
                existing.variants.extend(v for v in part.get("variants", []) if v not in existing.variants)
        for key, table in data.get("tables", {}).items():
            if key in book.tables and "name" not in table:
                # An extension pack adds aliases to an existing table's labels.
                spec = book.tables[key]
                for extra in table.get("rows", []):
                    spec.row(extra["key"]).aliases.extend(extra.get("aliases", []))
                for extra in table.get("columns", []):
                    spec.column(extra["key"]).aliases.extend(extra.get("aliases", []))
            else:
                book.tables[key] = _table(key, table)
        for doc in data.get("documents", []):
            book.documents = [d for d in book.documents if d.id != doc["id"]]
            book.documents.append(CitedDocument(**doc))
        for entry in data.get("outdated", []):
            book.outdated.append(OutdatedLabel(**entry))
        book.terms.extend(data.get("terms", []))
        book.placeholders.extend(data.get("placeholders", []))
        for key, words in data.items():
            if isinstance(words, list) and key not in ("parts", "documents", "outdated", "terms", "placeholders"):
                book.wording.setdefault(key, [])
                book.wording[key].extend(w for w in words if w not in book.wording[key])
    except (KeyError, TypeError, StopIteration) as exc:
        raise RulebookError(f"规则库文件 {source} 的内容不完整或字段有误：{exc!r}") from None
    book.sources.append(source)


def load(extra: tuple[str, ...] = ()) -> Rulebook:
    return _load(tuple(extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Rulebook:
    book = Rulebook(parts=[], tables={}, documents=[], wording={}, sources=[])
    base = builtin_dir()
    for name in ("template-2021.toml", "registry.toml", "wording.toml", "terminology.toml"):
        _merge(book, _read(base / name), name)
    for path in extra:
        _merge(book, _read(Path(path)), path)
    book.parts.sort(key=lambda p: p.number)
    return book
