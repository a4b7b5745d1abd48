"""Loading the rulebook: the manifest's files, then the user's packs, merged section by section, every
value checked and every pattern and identity compiled before any report is read.

A pack adds to the built-in rulebook: documents (replaced by `id`), part variants, outdated labels, terms,
placeholders, claims and words are added. A table the rulebook already has is changed only with an
explicit `mode`: "extend" adds aliases to its rows and columns and adds identities; "replace" defines it
anew. Anything malformed is one RulebookError naming `file:section[i].key`.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache

from ..records import fields as record_fields
from ..records import replace
from . import cache, patterns, sections
from .fields import REQUIRED, entries, fail, fields, regex, words_regex
from .identities import IdentityError, compile_identity, export, forget, install
from .schema import (
    CellRef,
    CellWords,
    CitedDocument,
    Claim,
    ClaimSettings,
    CollapsedRow,
    ColumnSpec,
    Identity,
    OutdatedLabel,
    PartSpec,
    PlaceholderEntry,
    RowSpec,
    Rulebook,
    RulebookError,
    SentenceWords,
    Share,
    TableSpec,
    TemplateInfo,
    TermEntry,
    TitleSpec,
)

MANIFEST = "manifest.toml"
_WORD_KEYS = tuple(f.name for f in record_fields(SentenceWords))
_SECTIONS = ("format", "source", "parts", "tables", "documents", "outdated", "terms", "placeholders",
             "claims", "title", "cells", *_WORD_KEYS, *sections.SECTIONS)
_MODES = ("extend", "replace")

_PART = {"number": ("int", REQUIRED), "title": ("text", None), "variants": ("words", ()), "role": ("str", None),
         "mentions": ("words", ()), "topic": ("str", None)}
_COLUMN = {"key": ("text", REQUIRED), "label": ("text", REQUIRED), "aliases": ("words", ()),
           "group": ("str", ""), "kind": ("text", "count")}
_ROW = {"key": ("text", REQUIRED), "label": ("text", REQUIRED), "aliases": ("words", ()),
        "group": ("str", ""), "columns": ("words", ())}
_IDENTITY = {"id": ("text", REQUIRED), "each": ("text", REQUIRED), "expr": ("text", REQUIRED), "note": ("str", "")}
_COLLAPSED = {"key": ("text", REQUIRED), "label": ("text", REQUIRED), "rows": ("words", REQUIRED),
              "group": ("str", "")}
_TABLE = {"mode": ("str", ""), "name": ("text", REQUIRED), "part": ("int", REQUIRED), "title": ("str", ""),
          "layout": ("text", "grid"), "columns": ("tables", []), "rows": ("tables", []),
          "identities": ("tables", []), "collapsed": ("tables", [])}
_EXTEND = {"mode": ("str", ""), "columns": ("tables", []), "rows": ("tables", []), "identities": ("tables", [])}
_ALIASES = {"key": ("text", REQUIRED), "aliases": ("words", ())}
_DOCUMENT = {"id": ("text", REQUIRED), "title": ("text", REQUIRED), "number": ("text", REQUIRED),
             "issuer": ("str", ""), "date": ("str", ""), "keywords": ("words", ()), "exclude": ("words", ()),
             "context": ("words", ()), "miscitations": ("words", ()), "valid_from": ("str", ""),
             "valid_to": ("str", ""), "superseded_by": ("str", "")}
_OUTDATED = {"label": ("text", REQUIRED), "instead": ("text", REQUIRED), "cell": ("bool", False),
             "with_numbers": ("bool", False)}
_TERM = {"find": ("text", REQUIRED), "use": ("text", REQUIRED), "why": ("str", ""), "title_only": ("bool", False),
         "unless_within": ("words", ())}
_PLACEHOLDER = {"pattern": ("text", REQUIRED), "what": ("text", REQUIRED)}
_CLAIMS = {"parts": ("ints", ()), "skip": ("words", ()), "claim": ("tables", []), "share_skip": ("words", ()),
           "share_tail": ("str", ""), "share": ("tables", [])}
_CLAIM = {"what": ("text", REQUIRED), "pattern": ("text", REQUIRED), "cells": ("words", REQUIRED),
          "needs": ("words", ()), "carried": ("str", ""), "readings": ("groups", ()), "none": ("bool", False),
          "unless": ("words", ())}
_SHARE = {"what": ("text", REQUIRED), "label": ("text", REQUIRED), "cells": ("words", REQUIRED),
          "bases": ("groups", REQUIRED)}
_CELLS = {"none_words": ("words", ())}
_TITLE = {"words": ("words", ()), "line_endings": ("words", ())}
_MANIFEST = {"template": ("text", REQUIRED), "first_year": ("int", REQUIRED), "files": ("words", REQUIRED)}


def builtin_dir() -> str:
    """The folder of the built-in rulebook: installed as the data package gaic_lint.data, or the
    top-level rules/ folder of a source checkout."""
    spec = importlib.util.find_spec("gaic_lint.data")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if os.path.isfile(os.path.join(location, MANIFEST)):
                return os.path.normpath(location)
    source = os.path.realpath(__file__)
    for _ in range(4):  # rulebook/, gaic_lint/, src/, the checkout
        source = os.path.dirname(source)
    return os.path.join(source, "rules")


def read_toml(path: str | os.PathLike, label: str) -> dict:
    # Imported here: a run with a valid rulebook cache reads no TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RulebookError(f"无法读取规则库文件 {label}：{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(f"规则库文件 {label} 不是合法的 TOML：{exc}") from None


class _Loader:
    def __init__(self, template: TemplateInfo):
        self.book = Rulebook(parts=[], tables={}, documents=[], sentence_words=SentenceWords(), sources=[],
                             template=template, title=TitleSpec(()))
        self.claim_where: list[str] = []
        self.share_where: list[str] = []
        self.share_tail = ""  # how a percentage follows a share's label; a later pack may replace it
        self.places: dict = {}  # where the sections of `sections` name other parts of the rulebook

    def merge(self, data: dict, source: str) -> None:
        unknown = [k for k in data if k not in _SECTIONS]
        if unknown:
            raise fail(f"{source}:{unknown[0]}", f"未知的部分（可用的部分：{'、'.join(_SECTIONS)}）")
        book = self.book
        if "source" in data:
            if not isinstance(data["source"], str):
                raise fail(f"{source}:source", "应为字符串")
            book.template = replace(book.template, source=data["source"])
        for where, entry in entries(data, "parts", source + ":"):
            self._part(fields(entry, where, _PART), where)
        tables = data.get("tables", {})
        if not isinstance(tables, dict):
            raise fail(f"{source}:tables", "应为表，如 [tables.t3]")
        for key, table in tables.items():
            self._table(key, table, f"{source}:tables.{key}")
        for where, entry in self._entries(data, "documents", source):
            doc = CitedDocument(**fields(entry, where, _DOCUMENT))
            book.documents = [d for d in book.documents if d.id != doc.id] + [doc]
        for where, entry in self._entries(data, "outdated", source):
            book.outdated.append(OutdatedLabel(**fields(entry, where, _OUTDATED)))
        for where, entry in self._entries(data, "terms", source):
            book.terms.append(TermEntry(**fields(entry, where, _TERM)))
        for where, entry in self._entries(data, "placeholders", source):
            values = fields(entry, where, _PLACEHOLDER)
            book.placeholders.append(PlaceholderEntry(**values, regex=regex(values["pattern"], f"{where}.pattern")))
        if "claims" in data:
            self._claims(data["claims"], f"{source}:claims")
        if "title" in data:
            values = fields(data["title"], f"{source}:title", _TITLE)
            book.title = TitleSpec(*(_extend(getattr(book.title, k), values[k]) for k in ("words", "line_endings")))
        if "cells" in data:
            values = fields(data["cells"], f"{source}:cells", _CELLS)
            book.cells = CellWords(_extend(book.cells.none_words, values["none_words"]))
        words = {}
        for key in _WORD_KEYS:
            if key in data:
                words[key] = _extend(getattr(book.sentence_words, key),
                                     fields({key: data[key]}, f"{source}:", {key: ("words", ())})[key])
        book.sentence_words = replace(book.sentence_words, **words)
        sections.merge(book, data, source, self.places)
        book.sources.append(source)

    @staticmethod
    def _entries(data: dict, key: str, source: str) -> list[tuple[str, dict]]:
        return entries(data, key, source + ":")

    def _part(self, values: dict, where: str) -> None:
        parts = self.book.parts
        index = next((i for i, p in enumerate(parts) if p.number == values["number"]), None)
        if index is None:
            if values["title"] is None:
                raise fail(f"{where}.title", f"第{values['number']}部分是新的部分，应给出标题")
            parts.append(PartSpec(values["number"], values["title"], values["variants"], values["role"] or "",
                                  values["mentions"], values["topic"] or ""))
            return
        old = parts[index]
        if values["title"] is not None and values["title"] != old.title:
            raise fail(f"{where}.title", f"第{old.number}部分的标题已是“{old.title}”，只能用 variants 补充其他写法")
        parts[index] = replace(
            old, variants=_extend(old.variants, values["variants"]),
            role=old.role if values["role"] is None else values["role"],
            mentions=_extend(old.mentions, values["mentions"]),
            topic=old.topic if values["topic"] is None else values["topic"])

    def _table(self, key: str, data, where: str) -> None:
        mode = data.get("mode", "") if isinstance(data, dict) else ""
        if mode not in ("", *_MODES):
            raise fail(f"{where}.mode", f"应为 \"extend\" 或 \"replace\"，不是 {mode!r}")
        existing = self.book.tables.get(key)
        if existing is not None and not mode:
            raise fail(f"{where}.mode", f"规则库已有表 {key}（{existing.name}）：用 mode = \"extend\" 补充其行列的"
                       "别名和勾稽关系，或 mode = \"replace\" 整体替换")
        if existing is None and mode == "extend":
            raise fail(f"{where}.mode", f"规则库中没有表 {key}，无法补充")
        spec = self._extended(existing, data, where) if mode == "extend" else self._defined(key, data, where)
        for i, identity in enumerate(spec.identities):
            try:
                compile_identity(identity, spec)
            except IdentityError as exc:
                raise fail(f"{where}.identities[{i}].expr", str(exc)) from None
        self.book.tables[key] = spec

    def _defined(self, key: str, data, where: str) -> TableSpec:
        values = fields(data, where, _TABLE)
        if values["part"] not in {p.number for p in self.book.parts}:
            raise fail(f"{where}.part", f"规则库中没有第{values['part']}部分")
        if values["layout"] not in ("grid", "flat"):
            raise fail(f"{where}.layout", f"应为 \"grid\" 或 \"flat\"，不是 {values['layout']!r}")
        columns = [ColumnSpec(**fields(c, f"{where}.columns[{i}]", _COLUMN)) for i, c in enumerate(values["columns"])]
        for i, column in enumerate(columns):
            if column.kind not in ("count", "amount"):
                raise fail(f"{where}.columns[{i}].kind", f"应为 \"count\" 或 \"amount\"，不是 {column.kind!r}")
        rows = [RowSpec(**fields(r, f"{where}.rows[{i}]", _ROW)) for i, r in enumerate(values["rows"])]
        _unique([c.key for c in columns], f"{where}.columns")
        _unique([r.key for r in rows], f"{where}.rows")
        for i, row in enumerate(rows):
            for name in row.columns:
                if name not in {c.key for c in columns}:
                    raise fail(f"{where}.rows[{i}].columns", f"表 {key} 没有列 {name}")
        collapsed = [CollapsedRow(**fields(c, f"{where}.collapsed[{i}]", _COLLAPSED))
                     for i, c in enumerate(values["collapsed"])]
        for i, group in enumerate(collapsed):
            for name in group.rows:
                if name not in {r.key for r in rows}:
                    raise fail(f"{where}.collapsed[{i}].rows", f"表 {key} 没有行 {name}")
        return TableSpec(key=key, name=values["name"], part=values["part"], title=values["title"],
                         columns=columns, rows=rows, identities=self._identities(values["identities"], where),
                         layout=values["layout"], collapsed=collapsed)

    def _extended(self, spec: TableSpec, data, where: str) -> TableSpec:
        values = fields(data, where, _EXTEND)
        rows, columns = list(spec.rows), list(spec.columns)
        for axis, items, name in (("rows", rows, "行"), ("columns", columns, "列")):
            for i, extra in enumerate(values[axis]):
                extra = fields(extra, f"{where}.{axis}[{i}]", _ALIASES)
                index = next((j for j, item in enumerate(items) if item.key == extra["key"]), None)
                if index is None:
                    raise fail(f"{where}.{axis}[{i}].key", f"表 {spec.key} 没有{name} {extra['key']}")
                items[index] = replace(items[index],
                                                   aliases=_extend(items[index].aliases, extra["aliases"]))
        identities = spec.identities + self._identities(values["identities"], where, len(spec.identities))
        return replace(spec, rows=rows, columns=columns, identities=identities)

    @staticmethod
    def _identities(items: list, where: str, first: int = 0) -> list[Identity]:
        out = []
        for i, item in enumerate(items, first):
            identity = Identity(**fields(item, f"{where}.identities[{i}]", _IDENTITY))
            if identity.each not in ("row", "column"):
                raise fail(f"{where}.identities[{i}].each", f"应为 \"row\" 或 \"column\"，不是 {identity.each!r}")
            out.append(identity)
        return out

    def _claims(self, data, where: str) -> None:
        values = fields(data, where, _CLAIMS)
        settings = self.book.claim_settings
        parts = _extend(settings.parts, values["parts"])
        known = {p.number for p in self.book.parts}
        for i, number in enumerate(values["parts"]):
            if number not in known:
                raise fail(f"{where}.parts[{i}]", f"规则库中没有第{number}部分")
        skip = _extend(settings.skip_words, values["skip"])
        share_skip = _extend(settings.share_skip_words, values["share_skip"])
        if values["share_tail"]:
            # It applies to the shares listed from here on; those already compiled keep theirs.
            if "p" not in regex(values["share_tail"], f"{where}.share_tail").groupindex:
                raise fail(f"{where}.share_tail", "应含有命名分组 (?P<p>…)，即正文中的百分数")
            self.share_tail = values["share_tail"]
        self.book.claim_settings = ClaimSettings(parts=parts, skip_words=skip, skip=words_regex(skip),
                                                 share_skip_words=share_skip, share_skip=words_regex(share_skip))
        for i, item in enumerate(values["claim"]):
            at = f"{where}.claim[{i}]"
            claim = fields(item, at, _CLAIM)
            pattern = regex(claim["pattern"], f"{at}.pattern")
            if not claim["none"] and "n" not in pattern.groupindex:
                raise fail(f"{at}.pattern", "应含有命名分组 (?P<n>\\d+)，即正文中的数字")
            self.book.claims.append(Claim(
                what=claim["what"], pattern=pattern, needs=claim["needs"],
                cells=self._cells(claim["cells"], f"{at}.cells"),
                carried=self._cell(claim["carried"], f"{at}.carried") if claim["carried"] else None,
                readings=tuple(self._cells(r, f"{at}.readings[{j}]") for j, r in enumerate(claim["readings"])),
                none=claim["none"], unless=words_regex(claim["unless"])))
            self.claim_where.append(at)
        for i, item in enumerate(values["share"]):
            at = f"{where}.share[{i}]"
            share = fields(item, at, _SHARE)
            if not self.share_tail:
                raise fail(f"{at}.label", "claims.share_tail 未给出（百分数跟在件数后的写法，含命名分组 p）")
            pattern = regex(share["label"] + self.share_tail, f"{at}.label")
            self.book.shares.append(Share(
                what=share["what"], pattern=pattern, cells=self._cells(share["cells"], f"{at}.cells"),
                bases=tuple(self._cells(b, f"{at}.bases[{j}]") for j, b in enumerate(share["bases"]))))
            self.share_where.append(at)

    def _cells(self, refs, where: str) -> tuple[CellRef, ...]:
        return tuple(self._cell(c, where) for c in refs)

    def _cell(self, ref: str, where: str) -> CellRef:
        """`table.row.column` (keys) as the cell reference rules look up."""
        pieces = ref.split(".")
        if len(pieces) != 3:
            raise fail(where, f"“{ref}”应写成 表.行.列 的键，如 t3.new.total")
        table, row, column = pieces
        spec = self.book.tables.get(table)
        if spec is None:
            raise fail(where, f"规则库中没有表 {table}")
        found = next((r for r in spec.rows if r.key == row), None)
        if found is None:
            raise fail(where, f"表 {table} 没有行 {row}")
        if column not in {c.key for c in spec.columns_of(found)}:
            raise fail(where, f"表 {table} 的行 {row} 没有列 {column}")
        return CellRef(spec.name, row, column)

    def finish(self) -> Rulebook:
        book = self.book
        # A later pack may have replaced a table a claim reads.
        names = {spec.name: key for key, spec in book.tables.items()}
        read = [(where, (*c.cells, *([c.carried] if c.carried else []), *(r for g in c.readings for r in g)))
                for c, where in zip(book.claims, self.claim_where)]
        read += [(where, (*s.cells, *(r for g in s.bases for r in g)))
                 for s, where in zip(book.shares, self.share_where)]
        for where, refs in read:
            for ref in refs:
                key = names.get(ref.table)
                if key is None:
                    raise fail(f"{where}.cells", f"规则库中没有表 {ref.table}")
                self._cell(f"{key}.{ref.row}.{ref.column}", f"{where}.cells")
        book.parts.sort(key=lambda p: p.number)
        sections.check(book, self.places)
        return book


def _extend(old: tuple[str, ...], new) -> tuple:
    return tuple(old) + tuple(v for v in new if v not in old)


def _unique(keys: list[str], where: str) -> None:
    seen = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise fail(f"{where}[{i}].key", f"键 {key} 重复")
        seen.add(key)


def load(extra: tuple[str, ...] = ()) -> Rulebook:
    """The built-in rulebook with the packs `extra` (paths) merged on top, in order."""
    return _load(tuple(extra))


@lru_cache(maxsize=1)
def _builtin_state() -> dict:
    """The built-in folder, the key its cache must have, and the cache if one is valid."""
    base = builtin_dir()
    valid_for = cache.key(base)
    return {"base": base, "key": valid_for, "cached": cache.read(base, valid_for) if valid_for else None}


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Rulebook:
    state = _builtin_state()
    base, valid_for = state["base"], state["key"]
    loader = None
    if state["cached"] is not None:
        try:
            if install(state["cached"]["identities"]):
                patterns.trust(state["cached"]["safe"])
                loader = _builtin(state["cached"]["manifest"], state["cached"]["files"])
        except RulebookError:
            pass
        if loader is None:
            # The files were fine when the cache was written, so the cache is wrong: none of it is used.
            forget()
            patterns.forget()
            state["cached"] = None
    if loader is None:
        manifest = read_toml(os.path.join(base, MANIFEST), MANIFEST)
        names = fields(manifest, MANIFEST + ":", _MANIFEST)["files"]
        files = [[name, read_toml(os.path.join(base, name), name)] for name in names]
        loader = _builtin(manifest, files)
        if valid_for:
            cache.write(base, valid_for, manifest, files,
                        [entry for spec in loader.book.tables.values() for entry in export(spec)], patterns.safe())
    for path in extra:
        loader.merge(read_toml(path, path), path)
    return loader.finish()

def _builtin(manifest_data: dict, files: list) -> _Loader:
    manifest = fields(manifest_data, MANIFEST + ":", _MANIFEST)
    if [name for name, _ in files] != list(manifest["files"]):
        raise RulebookError(f"{MANIFEST}: files")
    loader = _Loader(TemplateInfo(id=manifest["template"], first_year=manifest["first_year"]))
    for name, data in files:
        loader.merge(data, name)
    return loader
