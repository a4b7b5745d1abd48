"""The typed sections of the rulebook. Every value is checked and every pattern compiled by `load`, so a
rule reading these never meets a malformed entry.

Lists that code elsewhere extends with its own items (a table's rows, columns, identities, collapsed rows;
the parts) are lists; every other sequence is a tuple.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..text.normalize import norm_label


class RulebookError(Exception):
    """A rulebook file that cannot be used; the message names `file:section[i].key` and what is wrong."""


@dataclass(frozen=True)
class TemplateInfo:
    """The annual-report format the built-in rulebook describes."""

    id: str
    first_year: int  # the first statistical year the format applies to
    source: str = ""


@dataclass(frozen=True)
class TitleSpec:
    """How a report's title is recognised among its first lines."""

    words: tuple[str, ...]  # a title contains one of these
    line_endings: tuple[str, ...] = ()  # a title broken over two lines: the first line ends in one of these


@dataclass(frozen=True)
class PartSpec:
    number: int
    title: str
    variants: tuple[str, ...] = ()
    role: str = ""  # what the part is for ("problems": last year's problems and how they were fixed, ...)
    # The part states this subject (`topic`), in one of these words: the template's notes put it here.
    mentions: tuple[str, ...] = ()
    topic: str = ""


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""
    kind: str = "count"


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    id: str
    each: str  # "row" or "column"
    expr: str
    note: str = ""


@dataclass(frozen=True)
class CollapsedRow:
    """One row of an older format standing for several template rows, whose sum it holds."""

    key: str
    label: str
    rows: tuple[str, ...]
    group: str = ""

    def as_row(self) -> RowSpec:
        return RowSpec(key=self.key, label=self.label, group=self.group)


@dataclass(frozen=True, eq=False)
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


@dataclass(frozen=True)
class CitedDocument:
    id: str
    title: str
    number: str
    issuer: str = ""
    date: str = ""
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    miscitations: tuple[str, ...] = ()
    # In force from / until (YYYY-MM-DD, empty: open), and the id of the document that replaced it.
    valid_from: str = ""
    valid_to: str = ""
    superseded_by: str = ""

    def in_force_through(self, year: int) -> bool:
        """Whether it was still in force at the end of `year`: a report on that year may follow it."""
        return not self.valid_to or self.valid_to >= f"{year}-12-31"

    def matches_title(self, title: str) -> bool:
        t = norm_label(title)
        return bool(self.keywords) and all(norm_label(k) in t for k in self.keywords) and not any(
            norm_label(x) in t for x in self.exclude
        )


@dataclass(frozen=True)
class OutdatedLabel:
    label: str
    instead: str
    cell: bool = False
    with_numbers: bool = False


class _ByKey:
    # Entries were plain dicts before they were typed; `entry["find"]` keeps reading them that way.
    def __getitem__(self, key: str):
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default=None):
        return getattr(self, key, default)


@dataclass(frozen=True)
class TermEntry(_ByKey):
    """A non-template term and the template's (rule terminology)."""

    find: str
    use: str
    why: str = ""
    title_only: bool = False
    # Words that hold the found text across their edge ("周转" for 转结 in 周转结余): where one of them
    # overlaps a match, the match is part of another word, not the term.
    unless_within: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceholderEntry(_ByKey):
    """Template text left unfilled (rule placeholder). `pattern` is the source, `regex` compiled at load."""

    pattern: str
    what: str
    regex: re.Pattern = field(compare=False, repr=False, default=None)


class CellRef(NamedTuple):
    table: str  # the table's name, as `Report.table` takes it
    row: str
    column: str


@dataclass(frozen=True)
class Claim:
    """A sentence pattern whose number (the group `n`) must equal a sum of table cells."""

    what: str
    pattern: re.Pattern
    cells: tuple[CellRef, ...]
    needs: tuple[str, ...] = ()  # words the sentence must contain
    carried: CellRef | None = None  # a cell the text may have added in, reported apart


@dataclass(frozen=True)
class ClaimSettings:
    """Where text-vs-table claims are looked for, and which clauses are never compared."""

    parts: tuple[int, ...] = ()
    skip_words: tuple[str, ...] = ()
    skip: re.Pattern | None = None  # any of skip_words, compiled


@dataclass(frozen=True)
class SentenceWords:
    """Words the year-reference rule reads sentences by."""

    current_year: tuple[str, ...] = ()
    comparison: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    fee: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()


@dataclass
class Rulebook:
    parts: list[PartSpec]
    tables: dict[str, TableSpec]
    documents: list[CitedDocument]
    sentence_words: SentenceWords
    sources: list[str]
    template: TemplateInfo
    title: TitleSpec
    outdated: list[OutdatedLabel] = field(default_factory=list)
    terms: list[TermEntry] = field(default_factory=list)
    placeholders: list[PlaceholderEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_settings: ClaimSettings = field(default_factory=ClaimSettings)

    def table(self, name: str) -> TableSpec:
        for spec in self.tables.values():
            if spec.name == name or spec.key == name:
                return spec
        raise KeyError(name)

    def part_numbers(self, role: str) -> frozenset[int]:
        """The numbers of the parts that play `role` in the template."""
        return frozenset(p.number for p in self.parts if p.role == role)

    @property
    def wording(self) -> dict[str, list[str]]:
        # The untyped view older code read sentence words through.
        return {k: list(v) for k, v in self.sentence_words.__dict__.items()}
