"""The PDF reader's fast paths give what the straightforward ways give: the package's own pdfium
bindings read every page as pypdfium2 does, a table page read while it is open for its text gives the
tables a second load gives, and the rewritten geometry (cell search, table grouping, character
lookup, edge merging), noise count and stream scan agree with the plain algorithms they replace."""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict

import pytest

from conftest import FIXTURES, REAL_REPORTS

pypdfium2 = pytest.importorskip("pypdfium2")

from gaic_lint.readers.pdf import geometry, pdfium, pdfium_ruled  # noqa: E402
from gaic_lint.readers.pdf.streams import _stream_starts  # noqa: E402
from gaic_lint.readers.pdf.textlayer import Line, Page, read_page, unreadable_text  # noqa: E402

PDFS = [p for p in sorted((FIXTURES / "pdf").rglob("*.pdf")) if p.name != "scanned.pdf"]
REAL = sorted((REAL_REPORTS / "pdf").glob("*.pdf"))[:1] if (REAL_REPORTS / "pdf").is_dir() else []
# Every page of these, tables included, through both bindings (the others are read by the suite's
# comparison with pdfplumber and by the output-equivalence test, through the own bindings).
COMPARED = [FIXTURES / "pdf" / "000.pdf", FIXTURES / "pdf" / "variants" / "003-table-across-pages.pdf"] + REAL


def _pages(module, path):
    doc = module.PdfDocument(str(path))
    try:
        out = []
        for index in range(len(doc)):
            page = read_page(doc, index, module)
            out.append((page, pdfium_ruled.read_tables(doc, page)))
        return out
    finally:
        doc.close()


@pytest.mark.parametrize("path", COMPARED, ids=lambda p: p.name)
def test_own_bindings_read_every_page_as_pypdfium2_does(path):
    ours, theirs = _pages(pdfium, path), _pages(pypdfium2, path)
    assert [p for p, _ in ours] == [p for p, _ in theirs]
    assert [t for _, t in ours] == [t for _, t in theirs]
    assert sum(len(t or ()) for _, t in ours) >= 3


def _pdf_with_form() -> bytes:
    """One page whose rulings are drawn inside a form XObject, moved by the form's matrix and the page's."""
    grid = "".join(f"10 {y} m 210 {y} l " for y in (10, 40, 70)) + "".join(f"{x} 10 m {x} 70 l " for x in (10, 110, 210))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /XObject << /Fm1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 300] /Matrix [1 0 0 1 10 20] /Length %d >>\n"
        b"stream\n%sS\nendstream" % (len(grid) + 1, grid.encode()),
        b"<< /Length 26 >>\nstream\nq 1 0 0 1 5 5 cm /Fm1 Do Q\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_rulings_drawn_inside_a_form_are_read_through_both_bindings():
    """A form's objects are asked through a call of their own (its index is an unsigned long); the
    rulings inside come out where both matrices put them, as pypdfium2's calls read them."""
    found = []
    for module in (pdfium, pypdfium2):
        doc = module.PdfDocument(_pdf_with_form())
        try:
            page = doc[0]
            try:
                found.append(sorted(pdfium_ruled.page_edges(page.raw, page.get_size()[1], pdfium_ruled._api(page))))
            finally:
                page.close()
        finally:
            doc.close()
    assert found[0] == found[1]
    # x: 10 in the form, +10 by its matrix, +5 by the page's; y likewise, then turned top-down
    assert [e for e in found[0] if e[0] == "v"] == [("v", x, 205.0, x, 265.0) for x in (25.0, 125.0, 225.0)]
    (box, rows), = geometry.find_grids(found[0])
    assert box == (25.0, 205.0, 225.0, 265.0) and len(rows) == 2 and len(rows[0]) == 2


def test_white_rulings_are_not_edges_whatever_their_alpha():
    """WPS shades lines with white rectangles; a half-transparent white is still white, a grey is not."""
    grid = "".join(f"10 {y} m 210 {y} l " for y in (10, 40)) + "".join(f"{x} 10 m {x} 40 l " for x in (10, 210))
    found = {}
    for grey in ("1", "0.5"):
        content = f"/Half gs {grey} G {grid}S".encode()
        data = _pdf_with_form().replace(b"/Resources << /XObject << /Fm1 4 0 R >> >>",
                                        b"/Resources << /ExtGState << /Half << /CA 0.5 >> >> >>")
        data = data.replace(b"<< /Length 26 >>\nstream\nq 1 0 0 1 5 5 cm /Fm1 Do Q\nendstream",
                            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        doc = pdfium.PdfDocument(data)
        try:
            page = doc[0]
            try:
                found[grey] = pdfium_ruled.page_edges(page.raw, page.get_size()[1], pdfium.raw)
            finally:
                page.close()
        finally:
            doc.close()
    assert found["1"] == [] and len(found["0.5"]) == 4


def test_tables_read_while_the_page_is_open_equal_a_second_load():
    doc = pdfium.PdfDocument(str(FIXTURES / "pdf" / "000.pdf"))
    try:
        found = 0
        for index in range(len(doc)):
            handle = doc[index]
            textpage = handle.get_textpage()
            try:
                early = pdfium_ruled.read_open(handle, textpage, index + 1)
            finally:
                textpage.close()
                handle.close()
            again = pdfium_ruled.read_tables(doc, read_page(doc, index, pdfium))
            assert early == ("tables", again), index
            found += len(again or ())
        assert found >= 3
    finally:
        doc.close()


def test_open_errors_carry_pdfiums_codes():
    with pytest.raises(pdfium.PdfiumError) as caught:
        pdfium.PdfDocument(b"%PDF-1.4\nnot a pdf at all\n")
    assert caught.value.err_code == 3  # FPDF_ERR_FORMAT
    encrypted = FIXTURES / "bad" / "encrypted.pdf"
    if encrypted.is_file():
        with pytest.raises(pdfium.PdfiumError) as caught:
            pdfium.PdfDocument(encrypted.read_bytes())
        assert caught.value.err_code == 4  # FPDF_ERR_PASSWORD


# The plain algorithms the geometry module's faster ones replace (pdfplumber's, as they were here).

def _reference_cells(points):
    def connects(p1, p2):
        if p1[0] == p2[0] and points[p1][0] & points[p2][0]:
            return True
        return p1[1] == p2[1] and bool(points[p1][1] & points[p2][1])

    cells = []
    for point in sorted(points):
        below = sorted(p for p in points if p[0] == point[0] and p[1] > point[1])
        right = sorted(p for p in points if p[1] == point[1] and p[0] > point[0])
        cell = None
        for b in below:
            if cell or not connects(point, b):
                continue
            for r in right:
                if not connects(point, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and connects(corner, r) and connects(corner, b):
                    cell = (point[0], point[1], corner[0], corner[1])
                    break
        if cell:
            cells.append(cell)
    return cells


def _reference_groups(cells):
    remaining, corners, current, tables = list(cells), set(), [], []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            mine = ((cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3]))
            if not current or any(c in corners for c in mine):
                corners.update(mine)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [sorted(t) for t in tables if len(t) > 1]


def _reference_merge(edges):
    """pdfplumber's merge_edges as it was here: snap each orientation to cluster means, then join the
    edges of each line, ordered by (orientation, position)."""
    def length(e):
        return e[4] - e[2] if e[0] == "v" else e[3] - e[1]

    def snap(found, index):
        cluster_of = geometry._clusters([e[index] for e in found], geometry.SNAP)
        groups = defaultdict(list)
        for edge in sorted(found, key=lambda e: cluster_of[e[index]]):
            groups[cluster_of[edge[index]]].append(edge)
        snapped = []
        for number in sorted(groups):
            group = groups[number]
            mean = sum(e[index] for e in group) / len(group)
            for o, x0, top, x1, bottom in group:
                shift = mean - (x0 if o == "v" else top)
                snapped.append((o, x0 + shift, top, x1 + shift, bottom) if o == "v"
                               else (o, x0, top + shift, x1, bottom + shift))
        return snapped

    def line_of(e):
        return (e[0], e[2] if e[0] == "h" else e[1])

    edges = [e for e in edges if length(e) >= geometry.MIN_LENGTH_PREFILTER]
    both = snap([e for e in edges if e[0] == "v"], 1) + snap([e for e in edges if e[0] == "h"], 2)
    merged = []
    for key, group in itertools.groupby(sorted(both, key=line_of), key=line_of):
        merged.extend(geometry._join(list(group), key[0]))
    return [e for e in merged if length(e) >= geometry.MIN_LENGTH]


def test_merge_equals_the_plain_algorithm():
    rng = random.Random(19)
    for _ in range(300):
        edges = []
        for _ in range(rng.randint(0, 40)):
            # positions a fraction of a point apart, so clusters chain and snapped positions collide
            at, a, b = rng.choice([10, 10.4, 11.7, 13.1, 50, 50.5]) + rng.random() / 4, rng.uniform(0, 90), rng.uniform(0, 90)
            a, b = min(a, b), max(a, b) + rng.choice([0, 0.5, 2, 20])
            edges.append(("v", at, a, at, b) if rng.random() < 0.5 else ("h", a, at, b, at))
        assert geometry.merge_edges(edges) == _reference_merge(edges)


def _random_edges(rng):
    """A few ruled grids, some rulings cut short or missing, on a small lattice (shared corners)."""
    edges = []
    for _ in range(rng.randint(1, 3)):
        x0, y0 = rng.choice([0, 40, 200]), rng.choice([0, 60, 300])
        xs = sorted({x0 + 20 * k for k in range(rng.randint(2, 5))})
        ys = sorted({y0 + 15 * k for k in range(rng.randint(2, 6))})
        for y in ys:
            if rng.random() < 0.9:
                a, b = sorted(rng.sample(xs, 2)) if rng.random() < 0.2 else (xs[0], xs[-1])
                edges.append(("h", a, y, b, y))
        for x in xs:
            if rng.random() < 0.9:
                a, b = sorted(rng.sample(ys, 2)) if rng.random() < 0.2 else (ys[0], ys[-1])
                edges.append(("v", x, a, x, b))
    return edges


def test_cells_and_groups_equal_the_plain_algorithms():
    rng = random.Random(15)
    for _ in range(150):
        points = geometry._intersections(geometry.merge_edges(_random_edges(rng)))
        cells = geometry._cells(points)
        assert cells == _reference_cells(points)
        assert [sorted(t) for t in geometry._group_tables(cells)] == _reference_groups(cells)


def test_char_index_finds_what_a_scan_finds():
    rng = random.Random(16)
    chars = []
    for _ in range(400):
        x, y = rng.choice(range(0, 300, 7)), rng.choice(range(0, 200, 11))
        chars.append((rng.choice("数量一二 3"), x, y, x + rng.choice((5, 10)), y + 10))
    index = geometry.CharIndex(geometry.placed(chars))
    for _ in range(300):
        # on a half-point lattice, so box edges fall on characters' middles (edges in, far edges out)
        x0, y0 = rng.randrange(-10, 600) / 2, rng.randrange(-10, 400) / 2
        box = (x0, y0, x0 + rng.randrange(0, 160) / 2, y0 + rng.randrange(0, 80) / 2)
        plain = [c for m, x, c in index.placed if box[1] <= m < box[3] and box[0] <= x < box[2]]
        assert index.within(box) == plain


def _reference_unreadable(page):
    visible = noise = ideographs = 0
    for line in page.lines:
        for ch in line.text:
            if ch.isspace():
                continue
            visible += 1
            if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
                ideographs += 1
            elif ch < " " or "\ue000" <= ch <= "\uf8ff" or ch in "\ufffd\ufffe":
                noise += 1
    return visible >= 50 and (noise * 5 > visible or ideographs * 50 < visible)


def test_noise_count_equals_the_character_loop():
    rng = random.Random(17)
    alphabet = "政府信息abcXYZ \t\x01\x07\x1b\x1c\ue000\uf8ff\ufffd\ufffe\u3000\u00a0豈1"
    for _ in range(300):
        lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(rng.randint(1, 5))]
        page = Page(1, 595, 842, [Line(text, 1, 0, 10, 0, 10, 10) for text in lines])
        assert unreadable_text(page) == _reference_unreadable(page), lines


def test_stream_scan_equals_the_regular_expression():
    pattern = re.compile(rb"\bstream(?:\r\n|\n|\r)")
    rng = random.Random(18)
    pieces = [b"stream", b"endstream", b"\r", b"\n", b"\r\n", b" ", b"x", b"_", b"1", b"/", b"s"]
    samples = [b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    samples += [p.read_bytes() for p in PDFS[:2]]
    for data in samples:
        assert list(_stream_starts(data)) == [(m.start(), m.end()) for m in pattern.finditer(data)], data[:80]


def test_a_grid_found_on_a_fixture_page_is_found_once():
    """find_grids given the merged edges finds what it finds merging them itself."""
    doc = pdfium.PdfDocument(str(FIXTURES / "pdf" / "000.pdf"))
    try:
        seen = defaultdict(int)
        for index in range(len(doc)):
            page = doc[index]
            try:
                height = page.get_size()[1]
                edges = pdfium_ruled.page_edges(page.raw, height, pdfium.raw)
            finally:
                page.close()
            merged = geometry.merge_edges(edges)
            grids = geometry.find_grids(edges, merged)
            assert grids == geometry.find_grids(edges)
            seen[index] = len(grids)
        assert sum(seen.values()) >= 3
    finally:
        doc.close()


def test_unmapped_text_shortcut_equals_asking_every_object():
    """Objects proven to have text by a character they own are not asked; the verdict is the one
    asking every object gives, on a sound report and on a bit-flipped one whose fonts pdfium cannot map."""
    c = pdfium.raw
    verdicts = []
    for path in (FIXTURES / "pdf" / "000.pdf", FIXTURES / "bad" / "bitflip.pdf"):
        doc = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(doc)):
                page = doc[index]
                textpage = page.get_textpage()
                try:
                    texts: list = []
                    pdfium_ruled.page_edges(page.raw, page.get_size()[1], c, texts)
                    empty = sum(1 for obj in texts if c.FPDFTextObj_GetText(obj, textpage.raw, None, 0) <= 2)
                    plain = empty >= 5 and empty >= 0.2 * len(texts)
                    assert pdfium_ruled._unmapped_text(texts, textpage.raw, c) == plain, (path.name, index)
                    verdicts.append(plain)
                finally:
                    textpage.close()
                    page.close()
        finally:
            doc.close()
    assert True in verdicts and False in verdicts


def test_a_page_with_too_many_drawings_read_early_keeps_no_frames(monkeypatch):
    """The early read keeps the exception, not the frames (and the edges) behind it."""
    monkeypatch.setattr(pdfium_ruled, "MAX_SEGMENTS", 10)
    doc = pdfium.PdfDocument(str(FIXTURES / "pdf" / "000.pdf"))
    try:
        outcomes = []
        for index in range(len(doc)):
            handle = doc[index]
            textpage = handle.get_textpage()
            try:
                outcomes.append(pdfium_ruled.read_open(handle, textpage, index + 1))
            finally:
                textpage.close()
                handle.close()
    finally:
        doc.close()
    errors = [value for kind, value in outcomes if kind == "error"]
    assert errors and all(isinstance(e, pdfium_ruled.TooManyDrawings) for e in errors)
    assert all(e.__traceback__ is None for e in errors)
