"""Ruled PDF tables read from pdfium's page objects and text page: the same cells pdfplumber's table
finder gives on every PDF at hand, a bounded cost on pages drawn with huge numbers of objects, and
pdfplumber still asked where pdfium's rulings could form a grid it did not find."""

from __future__ import annotations

import time

import pytest

from conftest import FIXTURES, REAL_REPORTS

pdfium = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")

from gaic_lint.readers.pdf import pdfium_ruled  # noqa: E402
from gaic_lint.readers.pdf.ruled import _ruled_tables  # noqa: E402
from gaic_lint.readers.pdf.textlayer import read_page  # noqa: E402

PDFS = sorted((FIXTURES / "pdf").rglob("*.pdf"))
REAL = sorted((REAL_REPORTS / "pdf").glob("*.pdf")) if (REAL_REPORTS / "pdf").is_dir() else []


def _shape(tables):
    return [[[(c.text, c.covered) for c in row] for row in t.rows] for t in tables]


def _close(a, b, tolerance=0.5):
    return a is None and b is None or (a is not None and b is not None
                                       and all(abs(x - y) <= tolerance for x, y in zip(a, b)))


def _compare(path):
    doc = pdfium.PdfDocument(str(path))
    plumber = pdfplumber.open(str(path))
    tables_seen = 0
    try:
        for index in range(len(doc)):
            page = read_page(doc, index, pdfium)
            ours = pdfium_ruled.read_tables(doc, page)
            theirs = _ruled_tables(plumber.pages[index], index + 1)
            if ours is None:  # left to pdfplumber: it must not find a table either, or it is a loss
                assert not theirs, f"page {index + 1}: pdfium found no grid, pdfplumber did"
                continue
            assert _shape(ours) == _shape(theirs), f"page {index + 1}"
            for mine, other in zip(ours, theirs):
                assert _close(mine.bbox, other.bbox), f"page {index + 1}"
                for row_a, row_b in zip(mine.rows, other.rows):
                    assert all(_close(a.bbox, b.bbox) for a, b in zip(row_a, row_b)), f"page {index + 1}"
            tables_seen += len(ours)
    finally:
        plumber.close()
        doc.close()
    return tables_seen


@pytest.mark.parametrize("path", [p for p in PDFS if p.name != "scanned.pdf"], ids=lambda p: p.name)
def test_pdfium_cells_equal_pdfplumber_cells_on_fixtures(path):
    assert _compare(path) >= 3


@pytest.mark.skipif(not REAL, reason="real reports not available")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_pdfium_cells_equal_pdfplumber_cells_on_real_reports(path):
    assert _compare(path) >= 3


def _pdf(content: bytes) -> bytes:
    """A one-page A4 PDF drawing `content` with Helvetica as /F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# Three lines that end in numbers: the page goes to the table finder.
_ROWS = b"".join(b"BT /F1 11 Tf 72 %d Td (Requests row %d    %d    %d    %d) Tj ET\n" % (700 - 20 * k, k, k, k + 1, k + 2)
                 for k in range(3))


def _lint(path):
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    return Linter(Config()).lint(str(path))


@pytest.mark.parametrize("drawing", [
    # 300,000 rectangles, each its own path object
    b"0.5 g\n" + b"10 10 1 1 re f\n" * 300_000,
    # the same as one path of 1,200,000 segments
    b"0.5 g\n" + b"10 10 1 1 re\n" * 300_000 + b"f\n",
], ids=["objects", "segments"])
def test_page_with_too_many_drawings_is_noticed_and_its_text_still_read(tmp_path, drawing):
    path = tmp_path / "crowded.pdf"
    path.write_bytes(_pdf(_ROWS + drawing))
    started = time.perf_counter()
    report = _lint(path)
    elapsed = time.perf_counter() - started
    notices = [d for d in report.diagnostics if d.code == "F007" and "图形过多" in d.message]
    assert len(notices) == 1 and notices[0].location.page == 1
    from gaic_lint.readers import read

    document = read(str(path))
    texts = [getattr(item, "text", "") for item in document.items]
    rows = [item for item in document.items if hasattr(item, "rows")]
    assert rows or any("Requests" in t for t in texts)  # read from text positions
    assert elapsed < 20


def test_rulings_that_close_no_cell_are_left_to_pdfplumber(tmp_path):
    """Two horizontal and two vertical rules that never meet: pdfium's rules find no grid, so the page
    is pdfplumber's to judge (it agrees: no table), and the text table is still read."""
    rules = b"0 G 1 w 72 600 m 300 600 l S 72 580 m 300 580 l S 400 100 m 400 300 l S 450 100 m 450 300 l S\n"
    path = tmp_path / "apart.pdf"
    path.write_bytes(_pdf(_ROWS + rules))
    doc = pdfium.PdfDocument(str(path))
    try:
        page = read_page(doc, 0, pdfium)
        assert pdfium_ruled.read_tables(doc, page) is None
    finally:
        doc.close()
    with pdfplumber.open(str(path)) as plumber:
        assert _ruled_tables(plumber.pages[0], 1) == []
    report = _lint(path)
    assert not [d for d in report.diagnostics if d.code == "F007"]


def test_a_drawn_grid_is_a_table_with_its_cells(tmp_path):
    """A 3 x 2 grid drawn as rectangles around text: both readers give the same rows and texts."""
    grid = b"0 G 0.5 w\n" + b"".join(b"%d %d 100 20 re S\n" % (72 + 100 * col, 700 - 20 * row)
                                       for row in range(2) for col in range(3))
    text = b"".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET\n" % (78 + 100 * col, 706 - 20 * row, word)
                    for row, words in enumerate([[b"Item", b"Count", b"Total"], [b"Apples", b"3", b"7"]])
                    for col, word in enumerate(words))
    path = tmp_path / "grid.pdf"
    path.write_bytes(_pdf(grid + text))
    doc = pdfium.PdfDocument(str(path))
    try:
        tables = pdfium_ruled.read_tables(doc, read_page(doc, 0, pdfium))
    finally:
        doc.close()
    assert [[c.text for c in row] for row in tables[0].rows] == [["Item", "Count", "Total"], ["Apples", "3", "7"]]
    assert _compare(path) == 1


def test_ruled_fixture_tables_are_read_without_pdfplumber():
    """The point of reading tables from pdfium: a report whose tables are ruled never loads pdfminer
    (nor pypdfium2: the reader binds the few pdfium calls it makes itself)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from gaic_lint.readers import read\n"
            "document = read(sys.argv[1])\n"
            "print(sum(1 for item in document.items if hasattr(item, 'rows')),"
            " 'pdfplumber' in sys.modules, 'pdfminer' in sys.modules, 'pypdfium2' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "pdf" / "000.pdf")],
                         capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 3 and out[1:] == ["False", "False", "False"]


def test_page_whose_fonts_pdfium_cannot_map_goes_to_pdfplumber():
    """A bit-flipped report: pdfium shows many of the table pages' text objects as no characters at
    all, so the page is pdfplumber's (pdfminer decodes the damaged fonts its own way)."""
    path = FIXTURES / "bad" / "bitflip.pdf"
    doc = pdfium.PdfDocument(str(path))
    plumber = pdfplumber.open(str(path))
    try:
        for number in (3, 4):
            page = read_page(doc, number - 1, pdfium)
            assert pdfium_ruled.read_tables(doc, page) is None
            assert _ruled_tables(plumber.pages[number - 1], number)
    finally:
        plumber.close()
        doc.close()
