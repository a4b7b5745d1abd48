"""Tables laid out with spaces instead of rulings: rows are lines that end in values (the row rule of
`readers.tables.aligned`), and the short label lines between them are joined to the next row."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ...text.lexicon import ENUMERATOR
from .tables import CellBox, PageTable, cell_text, is_heading, numeric_tail

# A text-only table's label is short; a longer line or one with a full stop is prose.
_MAX_LABEL = 40


def text_tables(page, none_words: Collection[str] = ()) -> list[PageTable]:
    """A table laid out with spaces instead of rulings: rows are lines that end in numbers, and the
    short label lines between them (a wrapped or merged label) are prefixed to the next row.
    `none_words` are the words for "none" a cell may hold instead of a number."""
    lines = page.lines
    data = [i for i, line in enumerate(lines) if _is_data_line(line.text, none_words)]
    if not data:
        return []
    tables: list[PageTable] = []
    runs: list[list[int]] = [[data[0]]]
    for i in data[1:]:
        gap = lines[runs[-1][-1] + 1: i]
        if len(gap) <= 8 and all(_is_label_line(ln.text) and not is_heading(ln.text) for ln in gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        # one line is a table only when it is a row of numbers (表四 has a single data row)
        if len(run) < 2 and numeric_tail(lines[run[0]].text, none_words)[1] < 3:
            continue
        first = run[0]
        while first > 0 and run[0] - first < 8 and _is_label_line(lines[first - 1].text) \
                and not is_heading(lines[first - 1].text):
            first -= 1
        chosen = lines[first: run[-1] + 1]
        rows: list[list[CellBox]] = []
        pending: list = []
        for index, line in enumerate(chosen):
            label, count = numeric_tail(line.text, none_words)
            if index < run[0] - first:  # header lines above the first row: rows of their own
                rows.append([CellBox(cell_text(line.text), False, (line.x0, line.top, line.x1, line.bottom))])
                continue
            if count == 0:
                pending.append(line)
                continue
            tokens = line.text.split()[-count:]
            # Label lines above the numbers: each enumerator ("（六）" "1.") starts a cell, the other
            # lines continue the cell above them (a label wrapped inside its cell).
            groups: list[list] = []
            for item in pending:
                if not groups or ENUMERATOR.match(item.text):
                    groups.append([item])
                else:
                    groups[-1].append(item)
            if label and groups and ENUMERATOR.match(groups[-1][0].text) and not ENUMERATOR.match(label):
                groups[-1].append(_LabelPiece(label, line))
                label = ""
            cells = [
                CellBox(cell_text("\n".join(p.text for p in group)), False,
                        (group[0].x0, group[0].top, group[-1].x1, group[-1].bottom))
                for group in groups
            ]
            if label:
                cells.append(CellBox(cell_text(label), False, (line.x0, line.top, line.x1, line.bottom)))
            cells.extend(CellBox(t, False, (line.x0, line.top, line.x1, line.bottom)) for t in tokens)
            rows.append(cells)
            pending = []
        x0 = min(ln.x0 for ln in chosen)
        x1 = max(ln.x1 for ln in chosen)
        tables.append(PageTable(page.number, (x0, chosen[0].top, x1, chosen[-1].bottom), rows, blanks_vanish=True))
    return tables


@dataclass
class _LabelPiece:
    """The label part of a line that also holds numbers, placed like its line."""

    text: str
    line: object

    def __getattr__(self, name):
        return getattr(self.line, name)


def _is_data_line(text: str, none_words: Collection[str]) -> bool:
    label, count = numeric_tail(text, none_words)
    return count >= 1 and len(label) <= _MAX_LABEL and not re.search(r"[，。；,;]", label)


def _is_label_line(text: str) -> bool:
    return len(text) <= _MAX_LABEL and not text.rstrip().endswith("。")
