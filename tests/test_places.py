"""One way of naming a place, in every format and output: a Word paragraph as Word counts it, with its part;
a template cell by the template's name for its table, row and column as drawn, and the cell's labels."""

import json

from conftest import FIXTURES, run_cli
from gaic_lint.model import Location


def test_the_same_findings_are_named_alike_in_word_and_pdf():
    out = {}
    for name in ("docx/000.docx", "pdf/000.pdf"):
        r = run_cli("--format", "json", str(FIXTURES / name))
        out[name] = {(d["code"], d["location"].get("part"), d["location"].get("cell_path"))
                     for d in json.loads(r.stdout)}
    assert out["docx/000.docx"] == out["pdf/000.pdf"]
    assert ("C104", "六、其他需要报告的事项", None) in out["docx/000.docx"]


def test_describe_names_template_cells_and_paragraphs():
    assert Location(paragraph=30, part="六、其他需要报告的事项").describe() == "第30段（六、其他需要报告的事项）"
    assert Location(table=3, row=4, col=1, cell_path="表四 · 行政复议 · 结果维持").describe() == \
        "表四 第4行第1列（行政复议·结果维持）"
    assert Location(page=4, table=4, row=4, col=1, cell_path="表四 · 行政复议 · 结果维持").describe() == \
        "第4页 表四 第4行第1列（行政复议·结果维持）"
    assert Location(table=7, row=2, col=3).describe() == "第7个表格 第2行第3列"
    assert Location(page=6, part="六、其他需要报告的事项").describe() == "第6页（六、其他需要报告的事项）"


def test_text_output_names_word_places_the_new_way():
    r = run_cli("--color", "never", str(FIXTURES / "docx" / "000.docx"))
    heads = [ln for ln in r.stdout.splitlines() if ": " in ln and "[" in ln and not ln.startswith(" ")]
    assert any("000.docx:第30段（六、其他需要报告的事项）: C104 [*] [错误]" in ln for ln in heads)
    assert any("000.docx:表四 第4行第1列（行政复议·结果维持）: T002 [警告]" in ln for ln in heads)
