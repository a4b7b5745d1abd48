"""A report text written as a file of a given format: for tests that check one reading in several layouts.

`write` takes a text whose tables are tab-separated lines (what copying a Word table gives) and writes
it as .txt/.md as is, or as Word. `Report` holds such a text as paragraphs and tables, knows which
cells of each table hold values, and writes it in every table layout the readers take: tab-separated,
a Markdown pipe table, one cell per line, columns aligned with spaces (what `pdftotext -layout` gives),
Word and HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.table import _Cell


def write_docx(text: str, path: Path) -> Path:
    """Paragraphs line by line; consecutive tab-separated lines as one Word table."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            # Cell by cell through the XML: `table.cell(i, j)` lays out the whole grid on every call.
            for tr, row in zip(table._tbl.tr_lst, rows):
                for tc, cell in zip(tr.tc_lst, row):
                    _Cell(tc, table).text = cell
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(path)
    return path


def write(text: str, tmp_path: Path, fmt: str) -> Path:
    if fmt == "docx":
        return write_docx(text, tmp_path / "report.docx")
    path = tmp_path / f"report.{fmt}"
    path.write_text(text, encoding="utf-8")
    return path


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Table:
    rows: list[list[str]]
    values: list[list[int]]  # per row, the indexes of the cells that hold values (numbers when clean)


class Report:
    """A report as paragraphs (str) and tables, parsed from a text with tab-separated tables."""

    LAYOUTS = ("tsv", "markdown", "cells", "aligned", "docx", "html")
    # Layouts where a cell left empty leaves no cell behind: a row short of cells cannot be aligned.
    VANISHING = ("aligned",)

    def __init__(self, text: str):
        self.items: list[str | Table] = []
        for line in text.split("\n"):
            if "\t" not in line:
                self.items.append(line)
                continue
            if not self.items or not isinstance(self.items[-1], Table):
                self.items.append(Table([], []))
            cells = line.split("\t")
            self.items[-1].rows.append(cells)
            self.items[-1].values.append([i for i, c in enumerate(cells) if _NUMBER.fullmatch(c.strip())])

    def tables(self) -> list[Table]:
        return [item for item in self.items if isinstance(item, Table)]

    def value_rows(self, table: Table) -> list[int]:
        return [i for i, v in enumerate(table.values) if v]

    def copy(self) -> Report:
        out = Report.__new__(Report)
        out.items = [item if isinstance(item, str) else Table([list(r) for r in item.rows], item.values)
                     for item in self.items]
        return out

    def write(self, folder: Path, layout: str) -> Path:
        if layout == "docx":
            return write_docx(self.text("tsv"), folder / "report.docx")
        suffix = {"markdown": "md", "html": "html"}.get(layout, "txt")
        path = folder / f"report.{suffix}"
        path.write_text(self.text(layout), encoding="utf-8")
        return path

    def text(self, layout: str) -> str:
        if layout == "html":
            return _html(self.items)
        out: list[str] = []
        for item in self.items:
            if isinstance(item, str):
                out.append(item)
            else:
                out.extend(_TABLE_WRITERS[layout](item))
        return "\n".join(out)


def _tsv(table: Table) -> list[str]:
    return ["\t".join(row) for row in table.rows]


def _markdown(table: Table) -> list[str]:
    width = max(len(row) for row in table.rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in table.rows]
    return ["", lines[0], "|" + "---|" * width, *lines[1:], ""]


def _labels(row: list[str], values: list[int]) -> list[str]:
    return [c.strip() for i, c in enumerate(row) if i not in values and c.strip()]


def _cells(table: Table) -> list[str]:
    """One cell per line, each indented by a tab; rows apart by a blank line; an empty value cell is a
    tab alone."""
    out = [""]
    for row, values in zip(table.rows, table.values):
        out += ["\t" + c for c in _labels(row, values)] + ["\t" + row[i].strip() for i in values] + [""]
    return out + [""]


# Character columns of `pdftotext -layout`: labels padded to one width, each value right-aligned in
# its column.
_COLUMN = 8


def _aligned(table: Table) -> list[str]:
    rows = [(row, values) for row, values in zip(table.rows, table.values)]
    width = max((len(" ".join(_labels(r, v))) for r, v in rows if v), default=0) + 4
    out = [""]
    for row, values in rows:
        label = " ".join(_labels(row, values))
        if not values:
            out.append("    ".join(_labels(row, values)))
            continue
        line = label.ljust(width) + "".join(row[i].strip().rjust(_COLUMN) for i in values)
        out.append(line.rstrip())
    return out + [""]


_TABLE_WRITERS = {"tsv": _tsv, "markdown": _markdown, "cells": _cells, "aligned": _aligned}


def _html(items: list) -> str:
    body = []
    for item in items:
        if isinstance(item, str):
            if item.strip():
                body.append(f"<p>{html.escape(item)}</p>")
            continue
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in item.rows)
        body.append(f"<table>{rows}</table>")
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + "\n".join(body) + "</body></html>"
