"""What the cells of raw tables say to one template table: a row label, a mistyped column header, a
number, a cell left blank.

A raw row is told by its label, and a label comes typed every way: with or without its enumerator,
with inner punctuation a converter changed, with trailing words, glued to fragments of a merged cell,
or mistyped. Binding asks this of every cell of every raw table for each template table, and the
answer depends on the cell's text alone: so a `Labels` is made once per template table and remembers
its answers by text. Reports repeat the template's labels and the same small numbers, so a batch
works each distinct text out once.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from ..model import RawCell
from ..rulebook import ColumnSpec, RowSpec, TableSpec
from ..text.lexicon import is_blank_cell
from ..text.normalize import bigram_similarity, norm_label, parse_number, strip_enumerator
from .tree import cell_path

# How close a mistyped label must be to a template label to be read as it, and how much closer than
# to any other.
FUZZY = 0.6
FUZZY_MARGIN = 0.15

_LABEL_PUNCTUATION = re.compile(r"[,，、;；:：\"'“”‘’]")
# An enumerator as `norm_label` writes it: "(三)", "4.".
_INNER_ENUMERATOR = re.compile(r"\([一二三四五六七八九十\d]+\)|(?<!\d)\d+\.(?!\d)")

# What a template table remembers: answers for texts up to this long (every label and number; a long
# text is a sentence, seldom seen twice), and this many of them, so a file of distinct cells cannot
# make it grow.
_LONGEST = 100
_REMEMBERED = 4096
_UNKNOWN = object()


def is_blank(text: str, none_words: Collection[str] = ()) -> bool:
    """A cell left empty on purpose: nothing, a dash, or a word for "none" ("无", "暂无")."""
    return is_blank_cell(text) or text.strip() in none_words


# Binding keys every cell of every table against the template: the same labels and numbers each time.
@lru_cache(maxsize=8192)
def row_key(text: str) -> str:
    """Labels compared without inner punctuation: converters turn 、 into "," and drop quotes."""
    return _LABEL_PUNCTUATION.sub("", norm_label(text))


def _row_matchers(spec: TableSpec) -> tuple[dict[str, RowSpec], dict[str, RowSpec]]:
    """Exact keys (label with its enumerator) and, where unambiguous, keys without the enumerator."""
    exact: dict[str, RowSpec] = {}
    cores: dict[str, list[RowSpec]] = {}
    for row in spec.rows:
        for label in [row.label, *row.aliases]:
            exact[row_key(label)] = row
            cores.setdefault(row_key(strip_enumerator(label)), []).append(row)
    loose = {core: rows[0] for core, rows in cores.items() if len({r.key for r in rows}) == 1 and len(core) >= 4}
    return exact, loose


def _label_at_start(key: str, exact: dict[str, RowSpec]) -> RowSpec | None:
    if key in exact:
        return exact[key]
    # A label with trailing words (a footnote mark, "（件）") still names its row.
    for label, row in exact.items():
        if len(label) >= 6 and key.startswith(label):
            return row
    return None


class Labels:
    """One template table's row and column labels, and what each cell text seen so far says. A cell is
    blank when it is empty, a dash, or one of the rulebook's words for "none" (`none_words`)."""

    def __init__(self, spec: TableSpec, none_words: tuple[str, ...] = ()):
        self.spec = spec
        self.none_words = none_words
        self.exact, self.loose = _row_matchers(spec)
        self.columns = {row_key(label): column for column in spec.columns for label in (column.label, *column.aliases)}
        self.known = set(self.columns) | {row_key(c.group) for c in spec.columns if c.group} | {
            row_key(r.group) for r in spec.rows if r.group} | {row_key(spec.title), row_key(spec.name)}
        self._long_columns = [k for k in self.columns if len(k) >= 4]
        self._rows: dict[str, RowSpec | None] = {}
        self._headers: dict[str, ColumnSpec | None] = {}
        # The readings known, by text: the binder reads this first, as `reading` would, for every cell.
        self.readings: dict[str, tuple[float | None, bool]] = {}
        rows = spec.rows + [group.as_row() for group in spec.collapsed]
        self.paths = {(row.key, column.key): cell_path(spec.name, row, column) for row in rows for column in spec.columns}
        self._slots: dict[tuple[str, int], list[tuple[ColumnSpec, tuple[str, str], str]]] = {}

    def reading(self, text: str) -> tuple[float | None, bool]:
        """The number a cell holds (None: not a number), and whether it is blank."""
        found = self.readings.get(text)
        if found is None:
            found = self._remember(self.readings, text, (parse_number(text), is_blank(text, self.none_words)))
        return found

    def slots(self, row: RowSpec, columns: list[ColumnSpec]) -> list[tuple[ColumnSpec, tuple[str, str], str]]:
        """(column, cell key, cell path) of each of `columns` in `row` (a row has the same columns
        whenever it is bound): worked out once, not for every cell of every report."""
        found = self._slots.get((row.key, len(columns)))
        if found is None:
            found = self._slots[row.key, len(columns)] = [
                (column, (row.key, column.key), self.paths[row.key, column.key]) for column in columns]
        return found

    def blank(self, text: str) -> bool:
        return self.reading(text)[1]

    def label_of(self, raw_row: list[RawCell]) -> tuple[int, RowSpec | None]:
        """The index of a raw row's most specific label cell (the last) and the template row it names."""
        label_index, row_spec = -1, None
        known = self._rows  # every cell of every row passes here: the answers known are read inline
        for i, cell in enumerate(raw_row):
            match = known.get(cell.text, _UNKNOWN)
            if match is _UNKNOWN:
                match = self.row(cell.text)
            if match is not None:
                label_index, row_spec = i, match
        return label_index, row_spec

    def row(self, text: str) -> RowSpec | None:
        """The template row a cell's text names, if it is a row label."""
        found = self._rows.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._remember(self._rows, text, self._match_row(text))
        return found

    def mistyped_column(self, text: str) -> ColumnSpec | None:
        """The template column a header cell names with a typo: clearly closest to one column label and
        to nothing else the table names. None for a column's own label and for any other text."""
        found = self._headers.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._remember(self._headers, text, self._mistyped(row_key(text)))
        return found

    @staticmethod
    def _remember(memo: dict, text: str, answer):
        if len(text) <= _LONGEST:
            if len(memo) >= _REMEMBERED:
                memo.clear()
            memo[text] = answer
        return answer

    def _match_row(self, text: str) -> RowSpec | None:
        key = row_key(text)
        if not key or parse_number(key) is not None:
            return None
        if key in self.exact:
            return self.exact[key]
        core = row_key(strip_enumerator(text))
        if core in self.loose:
            return self.loose[core]
        found = _label_at_start(key, self.exact)
        if found is None:
            # Column-aligned text glues the fragments of a merged group cell ("(三) 不", "予公开") to the
            # label of the row beside them: the row's own label starts at its enumerator.
            for m in _INNER_ENUMERATOR.finditer(key, 1):
                found = _label_at_start(key[m.start():], self.exact)
                if found is not None:
                    break
        return found

    def _mistyped(self, key: str) -> ColumnSpec | None:
        # A header with a unit or a note after the label ("现行有效件数（件）") names its column;
        # a part of a label ("社会公益") is a header wrapped over two lines.
        if len(key) < 4 or key in self.known or any(key.startswith(k) or k.startswith(key) or key in k
                                                     for k in self._long_columns):
            return None
        scored = sorted(((bigram_similarity(key, k), c) for k, c in self.columns.items()), key=lambda p: -p[0])
        runner_up = next((s for s, c in scored[1:] if c.key != scored[0][1].key), 0.0)
        if scored[0][0] >= FUZZY and scored[0][0] - runner_up >= FUZZY_MARGIN:
            return scored[0][1]
        return None


@lru_cache(maxsize=32)
def labels_of(spec: TableSpec, none_words: tuple[str, ...] = ()) -> Labels:
    """The `Labels` of a template table (a rulebook's tables live as long as the process)."""
    return Labels(spec, none_words)
