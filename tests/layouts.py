"""A report text written as a file of a given format: for tests that check one reading in several layouts."""

from __future__ import annotations

from pathlib import Path

import docx


def write_docx(text: str, path: Path) -> Path:
    """Paragraphs line by line; consecutive tab-separated lines as one Word table."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            # Row by row: table.cell(i, j) walks the whole grid each time, which is quadratic.
            for drawn, row in zip(table.rows, rows):
                for cell, text in zip(drawn.cells, row):
                    cell.text = text
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
