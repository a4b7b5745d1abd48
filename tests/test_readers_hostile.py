"""Hostile inputs for the readers: small files that would take gigabytes, and files a reader cannot read
whole, which must say so rather than be linted as reports with missing parts."""

from __future__ import annotations

import http.server
import io
import json
import re
import subprocess
import sys
import threading
import warnings
import zipfile
import zlib
from collections import Counter

import pytest

from conftest import FIXTURES, ROOT, lint, seed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Run in a child process under an address-space ceiling: a reader that expands what the file asks
# for dies there with MemoryError (or an abort) instead of taking the machine's memory.
_READ_UNDER_LIMIT = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from gaic_lint.model import InputError
from gaic_lint.readers import read
try:
    doc = read(sys.argv[1])
except InputError as exc:
    out = {{"error": str(exc)}}
else:
    texts = [getattr(item, "text", "") for item in doc.items]
    out = {{"items": len(doc.items), "longest": max(map(len, texts), default=0), "texts": texts[:20],
           "notices": [n.code for n in doc.notices]}}
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(out, ensure_ascii=False))
"""


def _read_under_limit(path, limit_mb: int = 1024) -> dict:
    code = _READ_UNDER_LIMIT.format(limit=limit_mb << 20)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def _docx(path, document: str, **parts: str):
    """A minimal .docx: the body paragraphs/tables given, plus any other word/ parts by name."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
           f"<w:body>{document}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
        for name, text in parts.items():
            zf.writestr(f"word/{name}.xml", text)
    return path


def _p(text: str, num: str | None = None) -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>"


# ---- Word: counters and repeat counts read from the file


def test_word_list_counters_and_number_formats_are_clamped(tmp_path):
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="2000000000"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{"%1" * 500_000}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="2000000000"/></w:lvlOverride></w:num>'
        "</w:numbering>")
    body = "".join(_p(f"第{i}段", num) for i in range(200) for num in ("1", "2", "3"))
    result = _read_under_limit(_docx(tmp_path / "counters.docx", body, numbering=numbering))
    assert "error" not in result, result
    assert result["items"] == 600
    # A label is at most Word's 255-character number format with short counters in it.
    assert result["longest"] < 2000, result["longest"]
    assert result["texts"][0].endswith("第0段") and result["texts"][0] != "第0段"


def test_styles_with_thousands_of_unclosed_styles_are_read_in_bounded_memory(tmp_path):
    padding = "<w:name w:val='x'/>" * 20
    styles = (f'<w:styles xmlns:w="{W_NS}">'
              + "".join(f'<w:style w:type="paragraph" w:styleId="s{i}">{padding}' for i in range(10_000))
              + "</w:style></w:styles>")
    result = _read_under_limit(_docx(tmp_path / "styles.docx", _p("正文"), styles=styles))
    # Not well-formed XML: refused with a message (a document would do as well); never gigabytes.
    assert "error" in result or result["items"] == 1, result
    assert result["rss_mb"] < 600, result


# ---- Word: content the reader could not take whole


def _wrapped_in_one_cell(xml: str) -> str:
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.rindex("<w:sectPr")
    return (xml[:start] + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w='9000'/></w:tblGrid><w:tr><w:tc>"
            + xml[start:end] + "</w:tc></w:tr></w:tbl>" + xml[end:])


def _rewrite(source, target, edit):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return target


def test_a_report_inside_a_one_cell_layout_table_is_read_as_the_report(tmp_path):
    source = FIXTURES / "docx" / "003.docx"
    framed = _rewrite(source, tmp_path / "framed.docx", _wrapped_in_one_cell)
    alone = Counter(d.code for d in lint(source))
    inside = Counter(d.code for d in lint(framed))
    assert inside == alone
    assert not any(code.startswith("S1") for code in inside)


def test_an_alt_chunk_is_said_to_be_unread(tmp_path):
    chunk = '<w:altChunk r:id="rId9"/>'
    some = _docx(tmp_path / "some.docx", _p("某局2025年政府信息公开工作年度报告") + chunk + _p("一、总体情况"))
    result = _read_under_limit(some)
    assert "F007" in result["notices"], result
    in_cell = "<w:tbl><w:tr><w:tc>" + _p("1") + chunk + "</w:tc><w:tc>" + _p("2") + "</w:tc></w:tr></w:tbl>"
    assert "F007" in _read_under_limit(_docx(tmp_path / "cell.docx", _p("标题") + in_cell))["notices"]
    only = _docx(tmp_path / "only.docx", chunk)
    assert "error" in _read_under_limit(only)
    [finding] = lint(only)
    assert finding.code == "F001"


def test_two_document_parts_of_one_name_are_refused(tmp_path):
    path = tmp_path / "twice.docx"
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{_p("一")}</w:body></w:document>')
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{_p("二")}</w:body></w:document>')
    [finding] = lint(path)
    assert finding.code == "F001" and "word/document.xml" in finding.message


def test_a_workbook_named_docx_is_refused_as_a_workbook(tmp_path):
    path = tmp_path / "sheet.docx"
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    [finding] = lint(path)
    assert finding.code == "F001" and "Excel" in finding.message


# ---- PDF


def _pdf(contents: list[bytes], filters: int = 1, font: str = "helvetica") -> bytes:
    """A PDF of one page per content stream, each compressed through `filters` Flate layers."""
    objects: list[bytes] = []
    if font == "helvetica":
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    else:  # a CID font with Identity ordering: without a ToUnicode map text extracts as glyph numbers
        mapped = b" /ToUnicode 4 0 R" if font in ("cid-mapped", "both") else b""
        objects += [b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [2 0 R]"
                    b"%s >>" % mapped,
                    b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe)"
                    b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor 3 0 R /DW 1000 >>",
                    b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] /ItalicAngle 0"
                    b" /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>"]
        if mapped:
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_CMAP), _CMAP))
        if font == "both":  # /F2: the same glyphs without the map
            objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
                           b" /DescendantFonts [2 0 R] >>")
    pages_id = len(objects) + 2 * len(contents) + 1
    for content in contents:
        for _ in range(filters):
            content = zlib.compress(content, 9)
        chain = b" ".join([b"/FlateDecode"] * filters)
        objects.append(b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(content), chain) + content + b"\nendstream")
        fonts = b"/F1 1 0 R /F2 5 0 R" if font == "both" else b"/F1 1 0 R"
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >>"
                       b" /Contents %d 0 R >>" % (pages_id, fonts, len(objects)))
    kids = b" ".join(b"%d 0 R" % (len(objects) - 2 * len(contents) + 2 * i + 2) for i in range(len(contents)))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % len(objects))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)


# Glyph numbers below 0x100 are ASCII, 0x100-0x1FF are U+4E00-U+4EFF ("一", "二", "三"...).
_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
         b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
         b"2 beginbfrange <0020> <007E> <0020> <0100> <01FF> <4E00> endbfrange\n"
         b"endcmap CMapName currentdict /CMap defineresource pop end end")


def _glyphs(text: str) -> bytes:
    return b"<%s>" % "".join("%04x" % (ord(ch) if ord(ch) < 0x100 else 0x100 + ord(ch) - 0x4E00)
                             for ch in text).encode()


def _bomb(size: int, layers: int) -> bytes:
    # Compressed in pieces: the test never holds the inflated stream in memory.
    packer = zlib.compressobj(9)
    block = b"0 0 m " * (1 << 17)
    data = b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def _pdf_with_raw_stream(stream: bytes, layers: int) -> bytes:
    marker = b"MARKER-STREAM"
    pdf = _pdf([marker], filters=0)
    chain = b" ".join([b"/FlateDecode"] * layers)
    old = b"<< /Length %d /Filter [] >>\nstream\n%s" % (len(marker), marker)
    new = b"<< /Length %d /Filter [%s] >>\nstream\n%s" % (len(stream), chain, stream)
    assert old in pdf
    # The cross-reference table goes stale; pdfium rebuilds it, as it does for many published files.
    return pdf.replace(old, new)


@pytest.mark.parametrize("layers", [1, 2])
def test_a_content_stream_that_inflates_to_gigabytes_is_refused_before_pdfium(tmp_path, layers):
    path = tmp_path / f"bomb{layers}.pdf"
    path.write_bytes(_pdf_with_raw_stream(_bomb(300 << 20, layers), layers))
    assert path.stat().st_size < 2 << 20
    result = _read_under_limit(path, 1024)
    assert "error" in result and "max-part-size" in result["error"], result


def _lzw_bomb(tables: int) -> bytes:
    """LZW codes that each name the entry just being made: every code decodes one byte longer than
    the one before, about 7 MB per table of 4,096 entries from 5.5 KB of codes."""
    codes: list[tuple[int, int]] = []
    for _ in range(tables):
        size, bits = 258, 9
        codes += [(256, bits), (ord("0"), bits)]
        while size < 4094:
            codes.append((size, bits))
            size += 1
            if size in (511, 1023, 2047):
                bits += 1
        codes.append((256, bits))
    codes.append((257, 9))
    # One string of bits, converted once: shifting a growing integer per code is quadratic.
    stream = "".join(format(code, f"0{bits}b") for code, bits in codes)
    stream += "0" * (-len(stream) % 8)
    return int(stream, 2).to_bytes(len(stream) // 8, "big")


def test_lzw_streams_are_counted_as_pdfium_reads_them(tmp_path):
    from pypdf._codecs._codecs import LzwCodec

    from gaic_lint.readers.pdf.streams import _lzw

    bomb = _lzw_bomb(2)
    decoded = LzwCodec().decode(bomb)
    assert _lzw(bomb, 0, 1 << 30, None) == len(decoded) > 1000 * len(bomb)
    content = b"\n".join(b"BT /F1 12 Tf 50 %d Td %s Tj ET" % (800 - 20 * i, _glyphs(f"一二三上下不与丑专且世丘丙业丛东{i}"))
                         for i in range(30))
    encoded = LzwCodec().encode(content)
    assert _lzw(encoded, 0, 1 << 30, None) == len(content)
    pdf = _pdf([b"MARKER-STREAM"], filters=0, font="cid-mapped")
    old = b"<< /Length 13 /Filter [] >>\nstream\nMARKER-STREAM"
    assert old in pdf
    path = tmp_path / "lzw.pdf"
    path.write_bytes(pdf.replace(old, b"<< /Length %d /Filter /LZWDecode >>\nstream\n%s" % (len(encoded), encoded)))
    result = _read_under_limit(path)
    assert result["texts"][0] == "一二三上下不与丑专且世丘丙业丛东0", result  # pdfium read the LZW stream
    bombed = tmp_path / "lzw-bomb.pdf"
    bombed.write_bytes(pdf.replace(old, b"<< /Length %d /Filter /LZW >>\nstream\n%s" % (len(bomb), _lzw_bomb(60))))
    assert bombed.stat().st_size < 1 << 20
    assert "max-part-size" in _read_under_limit(bombed)["error"]


def test_a_page_of_countless_rectangles_never_reaches_the_table_finder(tmp_path):
    text = b"".join(b"BT /F1 10 Tf 50 %d Td %s Tj ET\n" % (800 - 20 * i, _glyphs(f"一二三{i} 12 34 56 78"))
                    for i in range(6))
    text += b"BT /F1 10 Tf 50 600 Td %s Tj ET\n" % _glyphs("一二三上下不与丑专且世丘丙业丛东丝丞丢两严丧个中丰串临")
    rects = b"".join(b"%d %d 1 1 re f\n" % (i % 500, i // 500 % 800) for i in range(300_000))
    path = tmp_path / "rects.pdf"
    path.write_bytes(_pdf([text + rects], font="cid-mapped"))
    result = _read_under_limit(path, 1536)
    assert "F007" in result.get("notices", []), result
    assert result["rss_mb"] < 900, result


def _noise(font: bytes) -> bytes:
    return b"\n".join(b"BT /%s 12 Tf 50 %d Td <%s> Tj ET" % (font, 800 - 20 * k, "".join(
        "%04x" % (0x40 + (k * 23 + j * 7) % 300) for j in range(25)).encode()) for k in range(20))


def test_a_pdf_whose_text_layer_is_glyph_numbers_is_refused(tmp_path):
    path = tmp_path / "noise.pdf"
    path.write_bytes(_pdf([_noise(b"F1")], font="cid"))
    result = _read_under_limit(path)
    assert "error" in result and "文字层" in result["error"], result
    assert [d.code for d in lint(path)] == ["F001"]


def test_pages_whose_text_layer_is_glyph_numbers_are_named_and_not_linted(tmp_path):
    readable = b"BT /F1 12 Tf 50 800 Td %s Tj ET" % _glyphs("一二三上下不与丑专且世丘丙业丛东丝丞丢两严丧个中丰串临")
    path = tmp_path / "half.pdf"
    path.write_bytes(_pdf([readable, _noise(b"F2")], font="both"))
    result = _read_under_limit(path)
    assert result["notices"] == ["F007"], result
    assert result["texts"] == ["一二三上下不与丑专且世丘丙业丛东丝丞丢两严丧个中丰串临"]
    [notice] = [d for d in lint(path) if d.code == "F007"]
    assert notice.location.page == 2


# ---- download cut short


class _ShortHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802  (http.server's name)
        body = "<html><body><p>某局2025年政府信息公开工作年度报告</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) * 10))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


def test_a_download_cut_short_of_its_declared_length_is_refused():
    from gaic_lint.model import InputError
    from gaic_lint.readers.fetch import fetch

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ShortHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        with pytest.raises(InputError, match="不完整"):
            fetch(f"http://127.0.0.1:{server.server_port}/report.html")
    finally:
        server.shutdown()
        server.server_close()


# ---- text copied out of Word forms


def test_a_text_with_a_tab_at_the_end_of_every_line_is_prose_not_a_table(tmp_path):
    source = seed("003")
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "tabbed.txt"
    # Every line of prose ends with a tab; the tables' own rows (tab-separated already) are kept.
    lines = [line + "\t" if line.strip() and "\t" not in line else line for line in text.split("\n")]
    assert sum(line.endswith("\t") for line in lines) > 50
    path.write_text("\n".join(lines), encoding="utf-8")
    assert Counter(d.code for d in lint(path)) == Counter(d.code for d in lint(source))


# ---- JSON output


def test_json_context_is_bounded_around_the_place(tmp_path):
    from gaic_lint.engine import FileResult
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters import json as json_reporter
    from gaic_lint.reporters import jsonlines

    paragraph = "甲" * 40_000 + "【此处】" + "乙" * 40_000
    diagnostics = [Diagnostic("P101", "title-marks", Severity.WARNING, "x", Location(paragraph=1, offset=40_000),
                              evidence="【此处】", context=paragraph, file="a.txt") for _ in range(50)]
    result = FileResult("a.txt", diagnostics)
    stream = io.StringIO()
    json_reporter.render([result], stream)
    data = json.loads(stream.getvalue())
    assert len(stream.getvalue()) < 50 * 2 * json_reporter.MAX_CONTEXT * 2
    assert all("【此处】" in d["context"] and len(d["context"]) <= json_reporter.MAX_CONTEXT + 2 for d in data)
    lines = io.StringIO()
    jsonlines.render([result], lines)
    assert all(json.loads(line)["context"] == data[0]["context"] for line in lines.getvalue().splitlines())
    report = json_reporter.report_data([result])
    assert all(len(d["context"]) <= json_reporter.MAX_CONTEXT + 2 for d in report["files"][0]["diagnostics"])
    short = Diagnostic("P101", "title-marks", Severity.WARNING, "x", Location(paragraph=1), context="短段落")
    assert json_reporter.finding_data(short)["context"] == "短段落"
    assert re.fullmatch(r"…?甲*【此处】乙*…?", data[0]["context"])
