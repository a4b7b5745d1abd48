"""Property-based tests of the text reader, the tree builder and the table binder."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import seed
from gaic_lint import rulebook
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.model import InputError
from gaic_lint.readers.registry import ReaderOptions
from gaic_lint.readers.text import read_markdown, read_text
from gaic_lint.structure.build import build

BOOK = rulebook.load()
T3 = BOOK.table("表三")
RESULT_ROWS = [r.key for r in T3.rows[2:-2]]  # （一）予以公开 … 3.其他
APPLICANTS = [c.key for c in T3.columns[:-1]]
TEMPLATE = seed("001").read_text(encoding="utf-8")
START = TEMPLATE.index("一、本年新收政府信息公开申请数量")
END = TEMPLATE.index("\n", TEMPLATE.index("四、结转下年度继续办理"))

# Report-like text: the characters real reports are made of, plus anything else.
report_chars = st.sampled_from(list("一二三四五六（）()、。，|\t\n 0123456789#-年度报告第二十条总计行政复议本年新收结转〔〕号《》"))
report_text = st.lists(st.one_of(report_chars, st.characters()), max_size=400).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_any_text_reads_and_builds_without_exception(text):
    try:
        doc = read_markdown("x.md", text.encode("utf-8", "surrogatepass"), ReaderOptions())
    except InputError:
        return
    report = build(doc, BOOK)
    # Each of the template's parts at most once, and the tree keeps the document's paragraphs in their
    # order, a paragraph being one block or adjacent blocks joined, none invented or repeated.
    numbers = [part.number for part in report.parts]
    assert len(set(numbers)) == len(numbers), numbers
    blocks = [item.text for item in doc.items if not hasattr(item, "rows")]
    placed = [p.text for p in report.preamble] + [p.text for part in report.parts for p in part.paragraphs]
    i = 0
    for text in placed:
        while i < len(blocks) and not (blocks[i] and text.startswith(blocks[i])):
            i += 1
        joined = ""
        while i < len(blocks) and len(joined) < len(text):
            joined += blocks[i]
            i += 1
        assert joined == text, (text, blocks)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_or_give_a_clear_error(data):
    try:
        read_text("x.txt", data, ReaderOptions())
    except InputError as exc:
        assert exc.message


def balanced_table(draw) -> dict[tuple[str, str], int]:
    small = st.integers(min_value=0, max_value=6)
    cells: dict[tuple[str, str], int] = {}
    for column in APPLICANTS:
        results = {row: draw(st.one_of(st.just(0), small)) for row in RESULT_ROWS}
        carry_over = draw(small)
        total = sum(results.values())
        carried = draw(st.integers(min_value=0, max_value=total + carry_over))
        cells.update({(row, column): v for row, v in results.items()})
        cells[("results_total", column)] = total
        cells[("carry_over", column)] = carry_over
        cells[("carried", column)] = carried
        cells[("new", column)] = total + carry_over - carried
    for row in T3.rows:
        cells[(row.key, "total")] = sum(cells[(row.key, c)] for c in APPLICANTS)
    return cells


def render(cells) -> str:
    lines = [
        "\t".join([row.label, *(str(cells[(row.key, c.key)]) for c in T3.columns)]) for row in T3.rows
    ]
    return TEMPLATE[:START] + "\n".join(lines) + TEMPLATE[END:]


# One linter for every example: a Linter keeps nothing from one file to the next, and building it
# (plugins, rulebook) costs more than linting one report.
BALANCE = Linter(Config(select=["table-balance"]))


def lint_text(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return list(BALANCE.lint(str(path)).diagnostics)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_balanced_random_table_is_silent(tmp_path, data):
    cells = data.draw(st.composite(lambda d: balanced_table(d))())
    assert lint_text(tmp_path, render(cells)) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_changed_number_is_found_at_exactly_its_cell(tmp_path, data):
    cells = data.draw(st.composite(lambda d: balanced_table(d))())
    key = data.draw(st.sampled_from(sorted(cells)))
    original = cells[key]
    cells[key] = original + data.draw(st.integers(min_value=1, max_value=9))
    found = lint_text(tmp_path, render(cells))
    row, column = T3.row(key[0]), T3.column(key[1])
    assert len(found) == 1, [d.message for d in found]
    d = found[0]
    assert d.location.cell_path == f"表三 · {row.label} · {column.label}"
    assert re.search(rf"应为 {original}$", d.message)
