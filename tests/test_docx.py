"""The Word (.docx) reader: the fixture reports read as their seed texts do, locations point at the real
paragraph or cell, Word's own features (numbering, merges, revisions, fields) come out as a reader of
the document sees them, and broken files are refused with a clear message."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, REAL_REPORTS, comparable, lint, run_cli, seed
from gaic_lint.codes import expand
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.model import Block, InputError, RawTable
from gaic_lint.readers import read
from gaic_lint.readers.registry import ReaderOptions

DOCX = FIXTURES / "docx"
VARIANTS = DOCX / "variants"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def parse(path):
    return Linter(Config()).parse(str(path))


def blocks(path) -> list[Block]:
    return [item for item in read(str(path)).items if isinstance(item, Block)]


def rewrite(src: Path, dst: Path, part: str, edit) -> Path:
    """Copy a .docx, passing one part's text through `edit`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                new = edit(data.decode("utf-8"))
                assert new != data.decode("utf-8"), "the edit did not change the part"
                data = new.encode("utf-8")
            zout.writestr(info, data)
    return dst


# ---------------------------------------------------------------- same findings as the seed text


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_fixture_reads_like_its_seed(key):
    assert comparable(lint(DOCX / f"{key}.docx")) == comparable(lint(seed(key)))


@pytest.mark.parametrize("name,key", [("000-tracked", "000"), ("001-autonumber", "001"),
                                      ("002-split-table", "002"), ("003-libreoffice", "003")])
def test_variant_reads_like_its_seed(name, key):
    assert comparable(lint(VARIANTS / f"{name}.docx")) == comparable(lint(seed(key)))


def test_fixtures_have_findings_to_compare():
    # The comparison above must not be vacuous: seeds 000 and 004 have findings.
    assert comparable(lint(DOCX / "000.docx"))
    assert comparable(lint(DOCX / "004.docx"))


def test_autonumbered_part_headings_are_found():
    numbered = VARIANTS / "001-autonumber.docx"
    with zipfile.ZipFile(numbered) as zf:
        document = zf.read("word/document.xml").decode("utf-8")
    assert "一、总体情况" not in document  # the numbers really come from numbering.xml
    texts = [b.text for b in blocks(numbered)]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert heading in texts
    report = parse(numbered)
    assert [p.number for p in report.parts] == [1, 2, 3, 4, 5, 6]


def test_table_split_in_two_binds_whole():
    path = VARIANTS / "002-split-table.docx"
    raw = [item for item in read(str(path)).items if isinstance(item, RawTable)]
    assert len(raw) == 4  # 表二, 表三 in two pieces, 表四
    table = parse(path).tables["表三"]
    assert len(table.cells) == 175
    assert all(c.text is not None for c in table.cells.values())
    assert not table.missing_rows and not table.duplicates


def test_tracked_changes_are_accepted_and_reported():
    path = VARIANTS / "000-tracked.docx"
    diagnostics = lint(path)
    f004 = [d for d in diagnostics if d.code == "F004"]
    assert len(f004) == 1 and f004[0].severity.value == "info"
    text = "\n".join(b.text for b in blocks(path))
    assert "2025 年，东昌府区医疗保障局深入贯彻" in text  # the insertion
    assert "2024 年，东昌府区" not in text  # the deletion
    assert "逐一" not in text
    # Comments, headers and footers are not report text.
    assert "请核对文号" not in text
    assert "— 1 —" not in text and not any(b.text == "东昌府区医疗保障局政府信息公开工作年度报告" for b in blocks(path))
    assert not [d for d in lint(DOCX / "000.docx") if d.code == "F004"]


# ---------------------------------------------------------------- locations


def _body_paragraph_texts(path: Path) -> list[str]:
    """Body paragraphs with text, in order, read with the standard library (not the reader)."""
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.find(W + "body").findall(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if text.strip():
            out.append(text)
    return out


def test_paragraph_finding_points_at_the_paragraph():
    path = DOCX / "000.docx"
    [c001] = [d for d in lint(path) if d.code == "C104"]
    n = c001.location.paragraph
    # Word's own count of paragraphs with text, and the part the paragraph is in.
    assert n is not None and c001.location.describe() == f"第{n}段（六、其他需要报告的事项）"
    assert "国办函〔2021〕109号" in _body_paragraph_texts(path)[n - 1]


def test_changed_cell_is_located_by_table_row_and_column(tmp_path):
    # 003.docx, 表三 (the second table): （一）予以公开 / 自然人 is 18; make it 19.
    def edit(xml):
        start = xml.index("（一）予以公开</w:t>")
        m = re.compile(r'(<w:t xml:space="preserve">)18(</w:t>)').search(xml, start)
        return xml[:m.start()] + m.group(1) + "19" + m.group(2) + xml[m.end():]

    path = rewrite(DOCX / "003.docx", tmp_path / "003.docx", "word/document.xml", edit)
    found = [d for d in lint(path) if d.code in expand("table-balance")]
    assert len(found) == 1
    loc = found[0].location
    assert loc.cell_path == "表三 · （一）予以公开 · 自然人"
    assert (found[0].rule, found[0].fields["value"]) == ("cell-wrong-value", 19)
    # Where that cell is, counted independently: table, row (w:tr) and grid column (gridSpan summed).
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    for t_index, tbl in enumerate(root.find(W + "body").findall(W + "tbl"), 1):
        for r_index, tr in enumerate(tbl.findall(W + "tr"), 1):
            col = 1
            labels = []
            for tc in tr.findall(W + "tc"):
                text = "".join(t.text or "" for t in tc.iter(W + "t"))
                labels.append(text)
                if "（一）予以公开" in labels[:-1] and text == "19":
                    assert (loc.table, loc.row, loc.col) == (t_index, r_index, col)
                    # The template's name for the table, the row and column as Word draws them.
                    assert found[0].location.describe() == f"表三 第{r_index}行第{col}列（（一）予以公开·自然人）"
                    return
                span = tc.find(W + "tcPr/" + W + "gridSpan")
                col += int(span.get(W + "val")) if span is not None else 1
    pytest.fail("edited cell not found")


def test_hidden_number_in_merged_cell_is_reported():
    path = DOCX / "004.docx"
    f005 = [d for d in lint(path) if d.code == "F005"]
    assert len(f005) == 1
    d = f005[0]
    assert d.severity.value == "warning" and "“0”" in d.message
    assert (d.location.table, d.location.row, d.location.col) == (2, 10, 1)
    # That slot really is a vMerge continuation holding "0".
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    tc = root.find(W + "body").findall(W + "tbl")[1].findall(W + "tr")[9].findall(W + "tc")[0]
    assert tc.find(W + "tcPr/" + W + "vMerge") is not None
    assert "".join(t.text for t in tc.iter(W + "t")) == "0"
    raw = [i for i in read(str(path)).items if isinstance(i, RawTable)][1]
    assert raw.rows[9][0].covered and raw.rows[9][0].text == "0"


# ---------------------------------------------------------------- Word features, in small hand-made files

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def make_docx(path: Path, body: str, styles: str = "", numbering: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        if styles:
            zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
        if numbering:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
    return path


def p(text: str = "", ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "nothing") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>')


def test_automatic_numbering_as_displayed(tmp_path):
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%1.%2")
        + lvl(2, "decimal", "（%3）", suff="space") + '</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1">' + lvl(0, "bullet", "•") + '</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    body = "".join([
        numbered("总体情况", 1), numbered("甲", 1, 1), numbered("乙", 1, 1), numbered("丙", 1, 2),
        numbered("主动公开", 1), numbered("丁", 1, 1), numbered("要点", 2), p(),
        *[numbered(f"第{i}部分", 1) for i in range(3, 12)],
        numbered("重新开始", 3), numbered("", 1),
    ])
    texts = [b.text for b in blocks(make_docx(tmp_path / "n.docx", body, numbering=numbering))]
    assert texts[:7] == ["一、总体情况", "一.1甲", "一.2乙", "（1） 丙", "二、主动公开", "二.1丁", "要点"]
    assert texts[7:16] == [f"{n}、第{i}部分" for i, n in zip(range(3, 12), "三四五六七八九十") ] + ["十一、第11部分"]
    assert texts[16] == "一、重新开始"  # the second list instance restarts
    assert len(texts) == 17  # a numbered empty paragraph draws nothing worth reading


def test_headings_by_style_chain_name_and_outline_level(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="Heading1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="正文缩进"/><w:basedOn w:val="Heading1"/>'
        '<w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>')
    body = (p("一、总体情况", '<w:pStyle w:val="Heading1"/>') + p("（一）主动公开", '<w:pStyle w:val="a3"/>')
            + p("二、主动公开政府信息情况", '<w:pStyle w:val="Mine"/>') + p("正文", '<w:pStyle w:val="Body"/>')
            + p("三、收到和处理政府信息公开申请情况", '<w:outlineLvl w:val="0"/>') + p("普通段落"))
    levels = [(b.text, b.heading_level) for b in blocks(make_docx(tmp_path / "h.docx", body, styles))]
    assert levels == [("一、总体情况", 1), ("（一）主动公开", 2), ("二、主动公开政府信息情况", 1), ("正文", None),
                      ("三、收到和处理政府信息公开申请情况", 1), ("普通段落", None)]


def test_only_paragraph_styles_count_among_styles_of_every_kind(tmp_path):
    """Paragraph styles are cut out of the styles part before parsing: a style without a type is one,
    a table or character style is none (even named "heading 1", even holding type="paragraph" deeper
    down), and neither a style that closes itself nor a name that begins with "style" confuses the cut."""
    styles = (
        '<w:style w:type="table" w:styleId="Grid"><w:name w:val="heading 1"/>'
        '<w:tblStylePr w:type="paragraph"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:tblStylePr></w:style>'
        '<w:style w:type="character" w:styleId="H1Char"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:styleId="Plain"><w:name w:val="heading 3"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Empty"/><w:styleLink w:val="Grid"/>'
        '<w:style w:type="paragraph" w:styleId="Two"><w:name w:val="heading 2"/></w:style>')
    body = "".join(p(text, f'<w:pStyle w:val="{sid}"/>')
                   for text, sid in (("一、表", "Grid"), ("二、字", "H1Char"), ("三、无类型", "Plain"), ("四、空", "Empty"), ("五、二级", "Two")))
    levels = [b.heading_level for b in blocks(make_docx(tmp_path / "k.docx", body, styles))]
    assert levels == [None, None, 3, None, 2]


@pytest.mark.parametrize("unit", ['<w:style w:type="table" ', '<w:style w:type="paragraph">', "<w:style "])
def test_cutting_the_paragraph_styles_out_takes_linear_time(unit):
    """Thousands of style tags that share one ">" (or none) are each passed over once."""
    from gaic_lint.readers.docx.styles import styles_root

    def seconds(count: int) -> float:
        data = f'<w:styles xmlns:w="{W_NS}">'.encode() + unit.encode() * count + b'>'
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            with contextlib.suppress(InputError):
                styles_root("s.docx", "word/styles.xml", data)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = seconds(5_000), seconds(20_000)
    assert large < 10 * small + 0.05, (small, large)  # four times the input: 4x linear, 16x quadratic


def test_reports_sharing_a_styles_part_each_read_their_own_headings(tmp_path):
    def styles(level):
        return ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                '<w:style w:type="paragraph" w:styleId="T"><w:name w:val="t"/>'
                f'<w:pPr><w:outlineLvl w:val="{level}"/></w:pPr></w:style>')

    body = p("一、总体情况", '<w:pStyle w:val="T"/>')
    first = make_docx(tmp_path / "a.docx", body, styles(0))
    shutil.copy(first, tmp_path / "b.docx")  # the same package: its parsed styles may be reused
    other = make_docx(tmp_path / "c.docx", body, styles(1))  # same size, other levels
    levels = [blocks(path)[0].heading_level for path in (first, tmp_path / "b.docx", other, first)]
    assert levels == [1, 1, 2, 1]


def test_runs_fields_breaks_and_hidden_text(tmp_path):
    body = (
        '<w:p><w:r><w:t>二〇二五</w:t></w:r><w:r><w:t xml:space="preserve">年 共</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 1+2 </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>件</w:t></w:r></w:fldSimple>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
        '<w:hyperlink><w:r><w:t>，链接</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>第二行</w:t>'
        '<w:br w:type="page"/><w:t>续</w:t></w:r></w:p>'
        + p("") + p("　") +
        '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        '<w:r><w:t>前半句</w:t></w:r></w:p>' + p("后半句。") + p("最后"))
    doc = read(str(make_docx(tmp_path / "r.docx", body)))
    got = [(b.text, b.location.paragraph) for b in doc.items]
    assert got == [("二〇二五年 共3件，链接\t甲", 1), ("第二行续", 1), ("前半句后半句。", 2), ("最后", 3)]
    assert [n.code for n in doc.notices] == ["F004"]


def test_table_grid_with_spans_skipped_slots_and_nested_table(tmp_path):
    def tc(text, tcpr=""):
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(text)}</w:tc>"

    nested = "<w:tbl>" + "<w:tr>" + tc("内1") + tc("内2") + "</w:tr></w:tbl>"
    body = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            "<w:tr>" + tc("A", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>') + tc("B") + tc("C") + "</w:tr>"
            "<w:tr>" + tc("", '<w:gridSpan w:val="2"/><w:vMerge/>') + tc("1") + tc("2") + "</w:tr>"
            '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>' + tc("x") + tc("y") + "</w:tr>"
            '<w:tr><w:trPr><w:del w:id="3" w:author="a" w:date="2026-01-01T00:00:00Z"/></w:trPr>'
            + tc("删") + tc("删") + tc("删") + tc("删") + "</w:tr>"
            "<w:tr><w:tc>" + p("外") + nested + "</w:tc>" + tc("9", '<w:gridSpan w:val="3"/>') + "</w:tr>"
            "</w:tbl>" + p("之后"))
    doc = read(str(make_docx(tmp_path / "t.docx", body)))
    outer, inner = [i for i in doc.items if isinstance(i, RawTable)]
    grid = [[(c.text, c.covered) for c in row] for row in outer.rows]
    assert grid == [
        [("A", False), ("", True), ("B", False), ("C", False)],
        [("", True), ("", True), ("1", False), ("2", False)],
        [("", True), ("x", False), ("y", False), ("", True)],
        [("外", False), ("9", False), ("", True), ("", True)],
    ]
    c = outer.rows[3][1]
    assert (c.location.table, c.location.row, c.location.col) == (1, 4, 2)
    assert [[c.text for c in row] for row in inner.rows] == [["内1", "内2"]]
    assert inner.location.table == 2
    assert [type(i).__name__ for i in doc.items] == ["RawTable", "RawTable", "Block"]
    assert [n.code for n in doc.notices] == ["F004"]  # the deleted row


def test_rows_cells_and_paragraphs_in_content_controls_read_as_plain_ones(tmp_path):
    def tc(text):
        return f"<w:tc>{p(text)}</w:tc>"

    def sdt(inner, props=""):
        return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"

    def grid(body, name):
        doc = read(str(make_docx(tmp_path / name, body)))
        return [[(c.text, c.location.row, c.location.col) for c in row]
                for table in doc.items if isinstance(table, RawTable) for row in table.rows]

    plain = "<w:tbl><w:tr>" + tc("A") + tc("B") + "</w:tr><w:tr>" + tc("1") + tc("2") + "</w:tr></w:tbl>"
    expected = [[("A", 1, 1), ("B", 1, 2)], [("1", 2, 1), ("2", 2, 2)]]
    assert grid(plain, "p.docx") == expected
    # A row in a content control, a cell in one, a row in custom XML.
    rows = ("<w:tbl>" + sdt("<w:tr>" + tc("A") + sdt(tc("B")) + "</w:tr>")
            + '<w:customXml w:element="row"><w:tr>' + tc("1") + tc("2") + "</w:tr></w:customXml></w:tbl>")
    assert grid(rows, "r.docx") == expected
    # Only a paragraph in one, whose properties hold a paragraph that is no text of the cell.
    paragraph = ("<w:tbl><w:tr>" + tc("A") + tc("B") + "</w:tr><w:tr><w:tc>" + sdt(p("1"), p("不显示")) + "</w:tc>"
                 + tc("2") + "</w:tr></w:tbl>")
    assert grid(paragraph, "c.docx") == expected


def test_a_broken_document_part_is_refused_with_the_message_of_the_part_as_written():
    from gaic_lint.readers.docx.package import parse_document, parse_xml

    paragraph = ('<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="0"/></w:pPr>'
                 '<w:r><w:rPr><w:rFonts w:ascii="仿宋"/><w:sz w:val="32"/></w:rPr><w:t>文字</w:t></w:r></w:p>')
    data = f'<w:document xmlns:w="{W_NS}"><w:body>{paragraph * 5}<w:p></w:body></w:document>'.encode()
    with pytest.raises(InputError) as whole:
        parse_xml("a.docx", "word/document.xml", data)
    with pytest.raises(InputError) as lean:
        parse_document("a.docx", "word/document.xml", data)
    assert "column" in whole.value.message  # the place in the part, which cutting elements out would move
    assert lean.value.message == whole.value.message


def test_formatting_cut_before_parsing_changes_nothing_that_is_read(tmp_path):
    """The document part is parsed without its unread formatting only when its prefix is w; the same
    part with another prefix is parsed whole. Both must read alike, where property elements emptied
    by the cut stand first and a second one of the same name follows (which the reader ignores)."""
    from gaic_lint.readers.docx.package import parse_document, parse_xml

    jc, size = '<w:jc w:val="center"/>', '<w:sz w:val="32"/><w:rFonts w:ascii="仿宋"/>'
    run = f"<w:r><w:rPr>{size}</w:rPr><w:t>文字</w:t></w:r>"
    tc = f"<w:tc><w:tcPr><w:tcW w:w=\"10\"/></w:tcPr><w:p><w:pPr>{jc}</w:pPr>{run}</w:p></w:tc>"
    body = (
        f'<w:p><w:pPr>{jc}<w:rPr>{size}</w:rPr></w:pPr><w:pPr><w:outlineLvl w:val="0"/></w:pPr>{run}</w:p>'
        f'<w:p><w:pPr>{jc}</w:pPr>\n <w:pPr><w:outlineLvl w:val="0"/></w:pPr>{run}</w:p>'
        f'<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr>{run}<w:r><w:rPr>{size}<w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr>{size}<w:del w:id="1" w:author="a"/></w:rPr></w:pPr>{run}</w:p><w:p>{run}</w:p>'
        '<w:tbl><w:tr><w:trPr><w:trHeight w:val="1"/></w:trPr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        f'{tc}<w:tc><w:tcPr><w:tcW w:w="10"/></w:tcPr><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>{run}</w:p></w:tc>'
        f'</w:tr><w:tr>{tc}{tc}{tc}</w:tr></w:tbl>')
    cut = make_docx(tmp_path / "w.docx", body)
    whole = tmp_path / "x.docx"
    with zipfile.ZipFile(cut) as zin, zipfile.ZipFile(whole, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(b"w:", b"x:").replace(b"xmlns:w=", b"xmlns:x=") if info.filename == "word/document.xml" else data)
    part = zipfile.ZipFile(cut).read("word/document.xml")
    assert len(list(parse_document("w.docx", "word/document.xml", part).iter())) < len(list(parse_xml("w.docx", "word/document.xml", part).iter()))

    def reading(path):
        doc = read(str(path))
        return ([(i.text, i.heading_level) if isinstance(i, Block) else [[(c.text, c.covered) for c in row] for row in i.rows]
                 for i in doc.items], [n.code for n in doc.notices])

    assert reading(cut) == reading(whole)
    items, notices = reading(cut)
    assert [level for level in (i[1] for i in items if isinstance(i, tuple))] == [None, None, 2, None]
    assert notices == ["F004"]


def test_real_template_binds_all_tables():
    template = REAL_REPORTS / "template" / "template-2021.docx"
    if not template.is_file():
        pytest.skip("real reports not available")
    report = parse(template)
    assert len(report.parts) == 6
    assert len(report.tables["表三"].cells) == 175
    assert {"表二", "表三"} <= set(report.tables)
    # 表四 of the blank template has no numbers to bind, but its merged header reads as a full grid.
    table4 = [i for i in read(str(template)).items if isinstance(i, RawTable)][2]
    assert [len(row) for row in table4.rows] == [15, 15, 15, 15]
    assert table4.rows[1][5].text == "未经复议直接起诉" and table4.rows[1][6].covered


# ---------------------------------------------------------------- bad files


def _fake_cfb(stream_names: list[str]) -> bytes:
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for name in stream_names:
        data += name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
    return bytes(data.ljust(4096, b"\0"))


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    good = (DOCX / "000.docx").read_bytes()
    files: dict[str, tuple[Path, str]] = {}

    notzip = tmp / "notzip.docx"
    notzip.write_bytes("这不是 Word 文件，只是一段文字。\n".encode() * 20)
    files["notzip"] = (notzip, "不是 ZIP 格式")

    truncated = tmp / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    files["truncated"] = (truncated, "不完整或已损坏")

    # Corrupt word/document.xml's deflate stream in place (the zip directory stays intact).
    corrupt = tmp / "corrupt.docx"
    with zipfile.ZipFile(DOCX / "000.docx") as zf:
        info = zf.getinfo("word/document.xml")
    raw = bytearray(good)
    name_len = int.from_bytes(raw[info.header_offset + 26: info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28: info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 100, start + info.compress_size - 100, 7):
        raw[i] ^= 0x5A
    corrupt.write_bytes(bytes(raw))
    files["corrupt"] = (corrupt, "word/document.xml 无法解压")

    nodoc = tmp / "nodoc.docx"
    with zipfile.ZipFile(nodoc, "w") as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}"/>')
    files["nodoc"] = (nodoc, "没有 word/document.xml")

    encrypted = tmp / "encrypted.docx"
    encrypted.write_bytes(_fake_cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    files["encrypted"] = (encrypted, "文件已加密（设置了打开密码），请去除密码后另存为 .docx")

    bomb = tmp / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
    files["bomb"] = (bomb, "超过上限")
    return files


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    return _bad_files(tmp_path_factory.mktemp("bad"))


def test_bad_files_are_refused_and_the_batch_goes_on(bad_files):
    files = bad_files
    assert files["bomb"][0].stat().st_size < 2_000_000  # small on disk, 300 MB inflated
    good = DOCX / "000.docx"
    for name, (path, cause) in files.items():
        result = run_cli(str(path), str(good))
        out = result.stdout + result.stderr
        assert result.returncode == 2, (name, out)
        assert "Traceback" not in out, name
        line = next((ln for ln in out.splitlines() if str(path) in ln and "F001" in ln), None)
        assert line is not None, (name, out)
        assert cause in line, (name, line)
        assert f"{good}:第30段（六、其他需要报告的事项）: C104" in out, name  # the good file was still linted


def test_zip_bomb_is_refused_before_inflating(bad_files):
    bomb = bad_files["bomb"][0]
    with pytest.raises(InputError) as err:
        read(str(bomb), ReaderOptions(max_part_size=200 * 1024 * 1024))
    assert "314572800" in err.value.message  # the declared size, read from the directory


def test_zip_part_larger_than_its_header_says_is_refused(tmp_path):
    # A central directory that understates the inflated size: reading stops at the declared size and the
    # part is refused (its checksum cannot match), whatever the real size.
    src = tmp_path / "big.docx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("word/document.xml", b"<w:document/>" + b" " * 3_000_000)
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("word/document.xml")
    central = bytes(raw).index(b"word/document.xml", bytes(raw).index(b"PK\x01\x02")) - 46
    raw[central + 24: central + 28] = (1000).to_bytes(4, "little")  # uncompressed size: 1000 bytes
    lying = tmp_path / "lying.docx"
    lying.write_bytes(bytes(raw))
    assert zipfile.ZipFile(lying).getinfo("word/document.xml").file_size == 1000 < info.file_size
    with pytest.raises(InputError) as err:
        read(str(lying), ReaderOptions(max_part_size=1_000_000))
    assert "word/document.xml" in err.value.message


def _central_entry(raw: bytes, name: str) -> int:
    return raw.index(name.encode(), raw.index(b"PK\x01\x02")) - 46


@pytest.mark.parametrize("damage, cause", [
    ("checksum", "校验和错误"),       # the directory's CRC-32 of the part is wrong
    ("encrypted", "密码保护"),        # flag bit 0: the part says it is encrypted
    ("method", "不支持的压缩方式"),    # a compression method zipfile does not know
    ("header name", "无法解压"),      # the local header names another part
])
def test_a_part_whose_directory_entry_disagrees_is_refused_as_zipfile_refuses_it(tmp_path, damage, cause):
    """Parts are inflated straight from the file's bytes only when nothing about them is unusual;
    whatever is, zipfile reads and the reader refuses with zipfile's reason."""
    raw = bytearray((DOCX / "000.docx").read_bytes())
    central = _central_entry(bytes(raw), "word/document.xml")
    local = int.from_bytes(raw[central + 42:central + 46], "little")
    if damage == "checksum":
        raw[central + 16] ^= 0xFF
    elif damage == "encrypted":
        raw[central + 8] |= 1
    elif damage == "method":
        raw[central + 10:central + 12] = (99).to_bytes(2, "little")
    else:
        raw[local + 30 + len("word/")] = ord("W")
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(InputError) as err:
        read(str(damaged))
    assert "word/document.xml" in err.value.message and cause in err.value.message


def test_a_stored_part_reads_as_a_deflated_one(tmp_path):
    stored = tmp_path / "stored.docx"
    with zipfile.ZipFile(DOCX / "000.docx") as zin, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info), zipfile.ZIP_STORED)
    assert read(str(stored)).items == read(str(DOCX / "000.docx")).items


# ---------------------------------------------------------------- .doc / .wps

needs_soffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                   reason="LibreOffice not installed")


@needs_soffice
def test_doc_is_converted_with_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "-env:UserInstallation=" + (tmp_path / "profile").as_uri(), "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(DOCX / "000.docx")],
                   check=True, capture_output=True, timeout=180)
    doc = tmp_path / "000.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    diagnostics = lint(doc)
    assert [d.code for d in diagnostics if d.code == "F006"] == ["F006"]
    assert comparable(diagnostics) == comparable(lint(seed("000")))


def test_doc_without_libreoffice_asks_to_save_as_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice here
    doc = tmp_path / "old.doc"
    doc.write_bytes(_fake_cfb(["Root Entry", "WordDocument", "1Table"]))
    [d] = lint(doc)
    assert d.code == "F001" and "另存为" in d.message and ".docx" in d.message


def test_text_output_points_inside_a_long_paragraph():
    # Word has no line and column: the finding's offset in its paragraph places the excerpt and caret.
    r = run_cli("--color", "never", "--select", "Y001", str(FIXTURES / "docx" / "000.docx"))
    block = r.stdout.split("\n\n")[0].splitlines()
    assert block[0].startswith(f"{FIXTURES / 'docx' / '000.docx'}:第30段（六、其他需要报告的事项）: Y101")
    excerpt, caret = block[1], block[2]
    assert caret.rstrip().endswith("^")
    from gaic_lint.reporters.widths import display_width as _width

    column = _width(caret[: caret.index("^")])
    # the caret stands under the "2" of "2024年度"
    prefix_width = 0
    for i, ch in enumerate(excerpt):
        if prefix_width == column:
            assert excerpt[i:i + 6] == "2024年度"
            break
        prefix_width += _width(ch)
    else:
        raise AssertionError("caret not under the excerpt")


@pytest.mark.parametrize("extra", [
    "",  # every text is a run's: the body's text is taken in one piece
    "<w:p><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>",  # a field code: element by element
    "<w:p><w:r><w:t>\ufdd0</w:t></w:r></w:p>",  # the paragraph mark in the text itself
    "<w:p>\n  <w:r><w:t>缩进</w:t></w:r>\n</w:p>",  # indentation between elements
    f'<w:p><w:r xmlns:w="{W_NS}"><w:t>重申</w:t></w:r></w:p>',  # the prefix bound anew
])
def test_the_text_of_runs_taken_in_one_piece_reads_as_element_by_element(tmp_path, extra):
    from lxml import etree

    from gaic_lint.readers.docx.body import prepare
    from gaic_lint.readers.docx.package import parse_xml, read_document
    from gaic_lint.readers.docx.texts import paragraph_texts

    body = ('<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/>'
            '<w:noBreakHyphen/><w:cr/></w:r><w:r><w:t>丁</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve"> 戊 </w:t></w:r></w:p>'
            '<w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            + extra)
    part = zipfile.ZipFile(make_docx(tmp_path / "t.docx", body)).read("word/document.xml")
    root, run_text_only = read_document("t.docx", "word/document.xml", part)
    assert run_text_only == (extra == "" or "\ufdd0" in extra)
    prepare(root[0])
    careful = parse_xml("t.docx", "word/document.xml", part)
    prepare(careful[0])

    def texts(found):
        return [(etree.QName(p).localname, text) for p, text in found.items()]

    expected = texts(paragraph_texts(careful[0]))
    assert expected[0][1] == "甲\t乙\n丙-\n丁" and expected[1][1] == " 戊 "
    assert texts(paragraph_texts(root[0], run_text_only)) == expected
    if "\ufdd0" in extra:  # taken in one piece, the text would not cut into paragraphs as it should
        assert texts(paragraph_texts(root[0], True)) == expected


@pytest.mark.parametrize("part, plain", [
    (_RELS, True),
    ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
     '<Relationship Id="rId1" Target="https://x.cn/a?b>c" TargetMode="External" Type="a/hyperlink"/>\n</Relationships>\n<!-- c -->', True),
    ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="a" Id="b" Type="t/x" Target="y"/></Relationships>', False),  # repeated: the parser refuses it
    ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Type="t/x" Target="&#x4E2D;.xml"/></Relationships>', False),  # a reference: parsed
    ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Type="t/x" Target="y"/></Relationships><!-- a --->', False),  # a broken comment
])
def test_relationships_written_plainly_are_read_as_the_parser_reads_them(part, plain):
    from gaic_lint.readers.docx.package import _plain_relationships, parse_xml

    data = part.encode()
    found = _plain_relationships(data)
    assert (found is not None) == plain
    if plain:
        root = parse_xml("r.docx", "_rels/.rels", data)
        assert found == [dict(rel.attrib) for rel in root.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")]
