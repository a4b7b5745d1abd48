"""The data every stage shares: locations, reader blocks and diagnostics.

Readers produce `Block`s, the structure stage turns them into a `Report` tree (see `structure/tree.py`),
rules produce `Diagnostic`s. Nothing here knows about a file format.
"""

from __future__ import annotations

import bisect
import enum

from .records import field, record

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@record
class Location:
    """A place in the original file, in the file's own terms.

    Text and Markdown use `line`/`column` (1-based); Word uses `paragraph` or `table`/`row`/`col`;
    PDF uses `page`; HTML uses `element` (an element path) and `line`. `cell_path` names a template
    cell (`表三 · 四、结转下年度继续办理 · 总计`) whatever the format.
    """

    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    element: str | None = None
    cell_path: str | None = None
    # Character offset inside the quoted paragraph or cell, for formats without line and column.
    offset: int | None = None
    # The part of the report the place is in, as its heading is written ("六、其他需要报告的事项").
    part: str | None = None

    # The classes of this module are records with their hot methods written out: a dataclass would
    # compile its methods at every start (half a millisecond a class), the shared methods of a record
    # are slower per call, and a report makes thousands of locations, blocks and spans.
    def __init__(self, line=None, column=None, paragraph=None, page=None, table=None, row=None, col=None,
                 element=None, cell_path=None, offset=None, part=None):
        # Frozen: straight into the instance's dict, in field order (as `but` and pickle fill it).
        self.__dict__.update(line=line, column=column, paragraph=paragraph, page=page, table=table, row=row,
                             col=col, element=element, cell_path=cell_path, offset=offset, part=part)

    def _key(self) -> tuple:
        return (self.line, self.column, self.paragraph, self.page, self.table, self.row, self.col,
                self.element, self.cell_path, self.offset, self.part)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def shifted(self, chars: int) -> Location:
        """The location `chars` characters further along the same line."""
        if self.column is None or chars == 0:
            return self
        return self.but(column=self.column + chars)

    def with_cell_path(self, cell_path: str) -> Location:
        return self.but(cell_path=cell_path)

    def but(self, **changes: Any) -> Location:
        """A copy with `changes` (field names of Location only), as `dataclasses.replace` makes it but
        several times cheaper: every cell bound and every finding placed takes one."""
        new = object.__new__(Location)
        new.__dict__.update(self.__dict__, **changes)
        return new

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def describe(self) -> str:
        """The place as a person finds it in the document, one naming for every format and output:
        `第30段（六、其他需要报告的事项）` (Word counts paragraphs with text, headings included, as Word
        shows them), `第6页（六、…）`, `表四 第4行第1列（行政复议·结果维持）` for a template cell (the row
        and column of the table as it is drawn), `第3个表格 第5行第2列` for a cell of no template table."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        template = self.cell_path.split(" · ") if self.cell_path else None
        if self.table is not None or template:
            where = template[0] if template else f"第{self.table}个表格"
            if self.row is not None and self.col is not None:
                where += f" 第{self.row}行第{self.col}列"
            if template and len(template) > 1:
                where += "（" + "·".join(template[1:]) + "）"
            parts.append(where)
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.element:
            parts.append(self.element)
        text = " ".join(parts)
        if self.part and not template and text:
            text += f"（{self.part}）"
        return text


@record(frozen=False)
class Span:
    """Maps a stretch of a block's text back to where it came from."""

    offset: int
    location: Location

    def __init__(self, offset: int, location: Location):
        self.offset = offset
        self.location = location


@record(frozen=False)
class Block:
    """A paragraph-like piece of text as a reader found it.

    `heading_level` is set when the format itself marks the block as a heading (Markdown `#`, a Word
    heading style or outline level, an HTML `<h1>`…); plain-text headings are recognised later.
    `spans` map offsets in `text` back to source locations; there is always at least one.
    """

    text: str
    spans: list[Span]
    heading_level: int | None = None

    def __init__(self, text: str, spans: list[Span], heading_level: int | None = None):
        self.text = text
        self.spans = spans
        self.heading_level = heading_level

    @property
    def location(self) -> Location:
        return self.spans[0].location

    def location_at(self, offset: int) -> Location:
        # Spans are in text order; a paragraph joined from thousands of lines has thousands of them and
        # a finding on each line, so the span is found by bisection, not by a walk from the start.
        k = bisect.bisect_right(self.spans, offset, key=_span_offset) - 1
        chosen = self.spans[max(k, 0)]
        location = chosen.location.shifted(offset - chosen.offset)
        if location.column is None and offset:
            location = location.but(offset=offset)
        return location


def _span_offset(span: Span) -> int:
    return span.offset


@record(frozen=False)
class RawCell:
    """One grid slot of a table. A slot covered by a merge has `covered=True` and the text that the
    format kept there (usually empty; non-empty text in a covered slot is hidden from readers)."""

    text: str
    location: Location
    covered: bool = False

    def __init__(self, text: str, location: Location, covered: bool = False):
        self.text = text
        self.location = location
        self.covered = covered


@record(frozen=False)
class RawTable:
    """A table as a reader found it: rows of cells with merges resolved into a grid."""

    rows: list[list[RawCell]]
    location: Location
    # A cell left empty leaves no cell behind (text aligned with spaces): a row short of cells cannot
    # be aligned by position.
    blanks_vanish: bool = False

    def __init__(self, rows: list[list[RawCell]], location: Location, blanks_vanish: bool = False):
        self.rows = rows
        self.location = location
        self.blanks_vanish = blanks_vanish


@record(frozen=False)
class Notice:
    """Something a reader wants the user to know about the file itself (not the report's content):
    unaccepted revisions, content hidden in merged cells, a conversion that took place."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.INFO
    evidence: str = ""


@record(frozen=False)
class Document:
    """What a reader returns: the flat stream of blocks and tables, in reading order."""

    path: str
    format: str
    items: list[Block | RawTable]
    notices: list[Notice] = field(default_factory=list)
    source_lines: list[str] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Applicability(str, enum.Enum):
    """How far a fix can be trusted. `--fix` makes safe fixes, `--unsafe-fixes` unsafe ones too; a
    display-only fix is a suggestion that is shown and never made."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@record(frozen=False)
class Fix:
    """Replace `original` (text that starts on the diagnostic's line) with `replacement`."""

    message: str
    replacement: str
    original: str = ""
    applicability: Applicability = Applicability.SAFE


@record(frozen=False)
class Diagnostic:
    """One finding as every output shows it: its kind, severity, wording, place and fix."""

    code: str
    rule: str
    severity: Severity
    message: str
    location: Location
    evidence: str = ""
    context: str | None = None
    fix: Fix | None = None
    file: str = ""
    # The kind's typed fields (see rules/base.py `Violation`): what the finding is about, free of wording.
    fields: dict[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, rule: str, severity: Severity, message: str, location: Location,
                 evidence: str = "", context: str | None = None, fix: Fix | None = None, file: str = "",
                 fields: dict[str, Any] | None = None):
        self.code = code
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.evidence = evidence
        self.context = context
        self.fix = fix
        self.file = file
        self.fields = {} if fields is None else fields

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            self.file,
            loc.page or 0,
            loc.line or 0,
            loc.paragraph or 0,
            loc.table or 0,
            loc.row or 0,
            loc.col or 0,
            loc.column or 0,
            self.code,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
        }
        if self.context is not None:
            data["context"] = self.context
        if self.fields:
            data["fields"] = dict(self.fields)
        if self.fix is not None:
            data["fix"] = {"message": self.fix.message, "original": self.fix.original,
                           "replacement": self.fix.replacement, "applicability": self.fix.applicability.value}
        return data


class InputError(Exception):
    """The file cannot be read as a report. The message is for the user, in Chinese."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message
