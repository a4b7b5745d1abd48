"""The typed sections of the rulebook. Every value is checked and every pattern compiled by `load`, so a
rule reading these never meets a malformed entry.

Lists that code elsewhere extends with its own items (a table's rows, columns, identities, collapsed rows;
the parts) are lists; every other sequence is a tuple.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..records import field, record
from ..text.normalize import norm_label


class RulebookError(Exception):
    """A rulebook file that cannot be used; the message names `file:section[i].key` and what is wrong."""


@record
class TemplateInfo:
    """The annual-report format the built-in rulebook describes."""

    id: str
    first_year: int  # the first statistical year the format applies to
    source: str = ""


@record
class TitleSpec:
    """How a report's title is recognised among its first lines."""

    words: tuple[str, ...]  # a title contains one of these
    line_endings: tuple[str, ...] = ()  # a title broken over two lines: the first line ends in one of these


@record
class CellWords:
    """What a report writes in a table cell instead of a number."""

    # Words saying nothing happened ("无", "暂无"): the cell is blank (table-blank-cell), like a dash,
    # and a table holding them is still read; other text in a cell is not a number (cell-not-number).
    none_words: tuple[str, ...] = ()


@record
class PartSpec:
    number: int
    title: str
    variants: tuple[str, ...] = ()
    role: str = ""  # what the part is for ("problems": last year's problems and how they were fixed, ...)
    # The part states this subject (`topic`), in one of these words: the template's notes put it here.
    mentions: tuple[str, ...] = ()
    topic: str = ""


@record
class ColumnSpec:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""
    kind: str = "count"


@record
class RowSpec:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""
    columns: tuple[str, ...] = ()


@record
class Identity:
    id: str
    each: str  # "row" or "column"
    expr: str
    note: str = ""


@record
class CollapsedRow:
    """One row of an older format standing for several template rows, whose sum it holds."""

    key: str
    label: str
    rows: tuple[str, ...]
    group: str = ""

    def as_row(self) -> RowSpec:
        return RowSpec(key=self.key, label=self.label, group=self.group)


@record(eq=False)
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


@record
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


@record
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


@record
class TermEntry(_ByKey):
    """A non-template term and the template's (rule terminology)."""

    find: str
    use: str
    why: str = ""
    title_only: bool = False
    # Words that hold the found text across their edge ("周转" for 转结 in 周转结余): where one of them
    # overlaps a match, the match is part of another word, not the term.
    unless_within: tuple[str, ...] = ()


@record
class PlaceholderEntry(_ByKey):
    """Template text left unfilled (rule placeholder). `pattern` is the source, `regex` compiled at load."""

    pattern: str
    what: str
    regex: re.Pattern = field(compare=False, repr=False, default=None)


# A cell of a table, by the table's name (as `Report.table` takes it), its row's and its column's labels.
CellRef = namedtuple("CellRef", "table row column")


@record
class Claim:
    """A sentence pattern whose number (the group `n`) must equal a sum of table cells."""

    what: str
    pattern: re.Pattern
    cells: tuple[CellRef, ...]
    needs: tuple[str, ...] = ()  # words the sentence must contain
    carried: CellRef | None = None  # a cell the text may have added in, reported apart
    # Other sums the same words may mean (办理 is said of the applications received and of those answered):
    # the stated number is wrong only when it equals none of them.
    readings: tuple[tuple[CellRef, ...], ...] = ()
    none: bool = False  # the sentence says there were none (未发生…, 全部办结): the cells must sum to 0
    unless: re.Pattern | None = None  # words that, in the clause, make it about something else


@record
class Share:
    """A percentage the text gives for one kind of answer (group `p`), against the table's own ratio."""

    what: str
    pattern: re.Pattern
    cells: tuple[CellRef, ...]
    bases: tuple[tuple[CellRef, ...], ...]  # the totals the share may be of; a share matching any one is right


@record
class ClaimSettings:
    """Where text-vs-table claims are looked for, and which clauses are never compared."""

    parts: tuple[int, ...] = ()
    skip_words: tuple[str, ...] = ()
    skip: re.Pattern | None = None  # any of skip_words, compiled
    share_skip_words: tuple[str, ...] = ()
    share_skip: re.Pattern | None = None  # sentences whose percentages are not compared


@record
class SentenceWords:
    """Words the year-reference rule reads sentences by."""

    current_year: tuple[str, ...] = ()
    comparison: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    fee: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()


# ---------------------------------------------------------------- agency.toml


@record
class AgencyWords:
    """Organ words that end a body's name, by level, and how names of one body differ (agency.toml)."""

    government: tuple[str, ...] = ()
    department: tuple[str, ...] = ()
    same: tuple[tuple[str, ...], ...] = ()  # spellings of one organ; each read as the last of its group
    place_ends: tuple[str, ...] = ()


# ---------------------------------------------------------------- substance.toml
# Words of parts 一 and 五 are folded (width, spaces) at load, as the parts' text is before matching.


@record
class Aspect:
    name: str
    words: tuple[str, ...]

    def found_in(self, text: str) -> bool:
        return any(w in text for w in self.words)


@record
class ProblemsWords:
    part: str = ""  # the template's title of the part read
    min_chars: int = 0
    problems: tuple[str, ...] = ()
    denials: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@record
class OverviewWords:
    part: str = ""
    aspects: tuple[Aspect, ...] = ()
    government: tuple[Aspect, ...] = ()  # asked of 本级政府 reports only


@record
class DoubledWords:
    min_length: int = 2
    max_length: int = 6
    deliberate: frozenset[str] = frozenset()
    deliberate_heads: tuple[str, ...] = ()
    reduplicated: frozenset[str] = frozenset()
    quotes: tuple[tuple[str, str], ...] = ()  # (opening, closing)


@record
class SubstanceWords:
    problems: ProblemsWords = field(default_factory=ProblemsWords)
    overview: OverviewWords = field(default_factory=OverviewWords)
    doubled: DoubledWords = field(default_factory=DoubledWords)


# ---------------------------------------------------------------- cross-year.toml


@record
class PublishedLine:
    """The publication date a portal copy carries in its first lines."""

    labels: tuple[str, ...] = ()
    first_paragraphs: int = 0


@record
class ReuseSettings:
    """The text-reuse measure against last year's report."""

    threshold: float = 0.5
    min_run: int = 13
    min_sentences: int = 3
    min_sentence_chars: int = 10
    min_measure: int = 20
    quotes: int = 2
    min_nonzero_cells: int = 3
    measure_starts: tuple[str, ...] = ()
    template: tuple[str, ...] = ()


@record
class YearSubject:
    """What a statement about last year speaks of, and the table figure it means."""

    words: tuple[str, ...]
    table: str  # keys of the template
    row: str
    column: str


@record
class CrossYear:
    deadlines: tuple[tuple[str, int, int], ...] = ()  # (level, month, day) of 条例 第四十九条
    published: PublishedLine = field(default_factory=PublishedLine)
    text_reuse: ReuseSettings = field(default_factory=ReuseSettings)
    subjects: tuple[YearSubject, ...] = ()
    last_paragraphs: int = 4  # where report-dates looks for the 落款 date

    def deadline(self, level: str | None) -> tuple[int, int] | None:
        """(month, day) by which a report of `level` is published, None for an unknown level."""
        return next(((m, d) for name, m, d in self.deadlines if name == level), None)

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(name for name, _, _ in self.deadlines)


# ---------------------------------------------------------------- batch.toml


@record
class CopySettings:
    """batch-copy: which parts are compared and how passages are found."""

    parts: tuple[int, ...] = ()
    shingle: int = 16
    min_length: int = 50
    sample_every: int = 4
    min_shared_samples: int = 3
    common_share: float = 0.3
    findings_per_pair: int = 3
    template: tuple[str, ...] = ()


@record
class SelfWords:
    """foreign-name: words showing the report speaks of a body as its author, right after or before its name."""

    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()


@record
class BatchSettings:
    batch_copy: CopySettings = field(default_factory=CopySettings)
    foreign_name: SelfWords = field(default_factory=SelfWords)


@record(frozen=False)
class Rulebook:
    parts: list[PartSpec]
    tables: dict[str, TableSpec]
    documents: list[CitedDocument]
    sentence_words: SentenceWords
    sources: list[str]
    template: TemplateInfo
    title: TitleSpec
    cells: CellWords = field(default_factory=CellWords)
    outdated: list[OutdatedLabel] = field(default_factory=list)
    terms: list[TermEntry] = field(default_factory=list)
    placeholders: list[PlaceholderEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_settings: ClaimSettings = field(default_factory=ClaimSettings)
    shares: list[Share] = field(default_factory=list)
    agency: AgencyWords = field(default_factory=AgencyWords)
    substance: SubstanceWords = field(default_factory=SubstanceWords)
    cross_year: CrossYear = field(default_factory=CrossYear)
    batch: BatchSettings = field(default_factory=BatchSettings)

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
