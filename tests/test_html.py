"""Web reports: .html files and http(s) URLs read into the same findings as the seed texts."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time

import pytest

from conftest import FIXTURES, comparable, lint, run_cli, seed
from gaic_lint.model import Block, InputError, RawTable
from gaic_lint.readers import read
from gaic_lint.readers.registry import ReaderOptions

HTML = FIXTURES / "html"
VARIANTS = HTML / "variants"

PAIRS = [
    ("000", HTML / "000.html"),
    ("001", HTML / "001.html"),
    ("002", HTML / "002.html"),
    ("003", HTML / "003.html"),
    ("004", HTML / "004.html"),
    ("001", VARIANTS / "001-gbk.html"),
    ("002", VARIANTS / "002-portal.html"),
    ("003", VARIANTS / "003-libreoffice.html"),
]


def expected_findings(prefix: str) -> list[tuple]:
    found = comparable(lint(seed(prefix)))
    if prefix == "004":
        # The seed's stray "0" sits in a covered merged cell; HTML has no cell there, so the page
        # does not carry it (fixtures/README.md, html/000.html … html/004.html).
        found = [f for f in found if not (f[0] == "T301" and f[4] == "内容：0")]
    return found


@pytest.mark.parametrize("prefix,page", PAIRS, ids=[p.name for _, p in PAIRS])
def test_page_gives_the_seed_findings(prefix, page):
    assert comparable(lint(page)) == expected_findings(prefix)


@pytest.mark.parametrize("prefix,page", PAIRS, ids=[p.name for _, p in PAIRS])
def test_page_builds_the_same_report_tree(prefix, page):
    from gaic_lint import rulebook
    from gaic_lint.structure.build import build

    book = rulebook.load()
    ours, theirs = build(read(str(page)), book), build(read(str(seed(prefix))), book)
    assert (ours.title, ours.agency, ours.year) == (theirs.title, theirs.agency, theirs.year)
    assert [p.number for p in ours.parts] == [p.number for p in theirs.parts]
    assert sorted(ours.tables) == sorted(theirs.tables) == ["表三", "表二", "表四"]
    for name, table in theirs.tables.items():
        values = {k: c.value for k, c in table.cells.items()}
        assert {k: c.value for k, c in ours.tables[name].cells.items()} == values


def test_findings_point_at_line_and_element():
    page = HTML / "000.html"
    source = page.read_text(encoding="utf-8").split("\n")
    found = [d for d in lint(page) if not d.code.startswith("F")]
    assert found
    for d in found:
        assert d.location.line is not None and d.location.element
        tag = d.location.element.split("/")[-1].split("[")[0]
        assert f"<{tag}" in source[d.location.line - 1]
    cell = next(d for d in found if d.location.cell_path)
    assert re.fullmatch(r"table\[\d+\]/tr\[\d+\]/td\[\d+\]", cell.location.element)
    assert cell.location.table and cell.location.row and cell.location.col


def test_text_output_shows_line_and_element_path():
    page = HTML / "000.html"
    r = run_cli("--color", "never", str(page))
    assert r.returncode == 1
    places = re.findall(rf"^{re.escape(str(page))}:(\d+):1 \(([^)]+)\): ", r.stdout, re.MULTILINE)
    assert len(places) == 4
    source = page.read_text(encoding="utf-8").split("\n")
    for line, element in places:
        assert "<" + element.split("/")[-1].split("[")[0] in source[int(line) - 1]


# --------------------------------------------------------------------------- encodings

def test_gbk_page_is_decoded():
    doc = read(str(VARIANTS / "001-gbk.html"))
    assert doc.metadata["encoding"] == "gb18030"
    assert any("惠济区医疗保障局" in b.text for b in doc.items if isinstance(b, Block))


def test_gbk_page_without_declaration_is_detected(tmp_path):
    data = (VARIANTS / "001-gbk.html").read_bytes()
    bare = re.sub(rb"<meta charset=\"gbk\">", b"", data)
    assert bare != data
    path = tmp_path / "bare.html"
    path.write_bytes(bare)
    assert read(str(path)).metadata["encoding"] == "gb18030"
    assert comparable(lint(path)) == expected_findings("001")


def test_wrong_declaration_falls_back_to_detection(tmp_path):
    data = (VARIANTS / "001-gbk.html").read_bytes().replace(b'charset="gbk"', b'charset="utf-8"')
    path = tmp_path / "mislabelled.html"
    path.write_bytes(data)
    assert comparable(lint(path)) == expected_findings("001")


def test_http_equiv_and_bom(tmp_path):
    text = (HTML / "002.html").read_text(encoding="utf-8")
    text = text.replace('<meta charset="utf-8">',
                        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    path = tmp_path / "equiv.html"
    path.write_bytes(text.encode("gb18030"))
    assert read(str(path)).metadata["encoding"] == "gb18030"
    bom = tmp_path / "bom.html"
    bom.write_bytes(b"\xef\xbb\xbf" + (HTML / "002.html").read_bytes())
    assert comparable(lint(bom)) == comparable(lint(path)) == expected_findings("002")


# --------------------------------------------------------------------------- the body

def test_portal_furniture_is_left_out_and_date_read():
    doc = read(str(VARIANTS / "002-portal.html"))
    assert doc.metadata["published"] == "2026-01-20"
    text = "\n".join(b.text for b in doc.items if isinstance(b, Block))
    for furniture in ("首页", "当前位置", "索引号", "分享到", "相关链接", "主办单位", "浏览次数"):
        assert furniture not in text
    first = doc.items[0]
    assert isinstance(first, Block) and first.heading_level == 1 and "年度报告" in first.text
    assert first.location.element.startswith("h1[")
    tables = [t for t in doc.items if isinstance(t, RawTable)]
    assert len(tables) == 3  # the info box is not one of them


def test_headings_keep_their_level():
    doc = read(str(VARIANTS / "003-libreoffice.html"))
    levels = {b.text: b.heading_level for b in doc.items if isinstance(b, Block)}
    assert levels["一、总体情况"] == 1 and levels["六、其他需要报告的事项"] == 1


def test_br_splits_a_paragraph_and_the_title_is_joined_again():
    from gaic_lint import rulebook
    from gaic_lint.structure.build import build

    doc = read(str(HTML / "004.html"))
    lines = [b for b in doc.items[:3] if isinstance(b, Block)]
    assert lines[0].location.element == lines[1].location.element  # two lines of one <p>
    assert build(doc, rulebook.load()).title == build(read(str(seed("004"))), rulebook.load()).title


GRID_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<div id="content">
<p>{prose}</p>
<table border="1">
<tr><td rowspan="2">结果<br>维持</td><td colspan="2"><p>甲</p><p>乙</p></td></tr>
<tr><td>1</td><td>2</td></tr>
<tr><td>其
他</td><td colspan="2" rowspan="5">7</td></tr>
</table>
<table><tr><td>
  <p>外层表格里的段落，{prose}</p>
  <table border="1"><tr><th>自然人</th><th>总计</th></tr><tr><td>3</td><td>3</td></tr></table>
</td></tr></table>
<table border="1"><tr><td>单元格<table><tr><td>内</td><td>层</td></tr></table></td><td>9</td></tr></table>
<ol style="list-style-type: decimal"><li>第一项</li><li>第二项</li></ol>
</div></body></html>
"""


def _page(tmp_path, name="grid.html", prose="这是一段足够长的正文文字，用来让正文容器超过最少字数。" * 12):
    path = tmp_path / name
    path.write_text(GRID_PAGE.format(prose=prose), encoding="utf-8")
    return path


def test_spans_resolve_into_a_grid(tmp_path):
    doc = read(str(_page(tmp_path)))
    tables = [t for t in doc.items if isinstance(t, RawTable)]
    grid = [[(c.text, c.covered) for c in row] for row in tables[0].rows]
    assert grid == [
        [("结果维持", False), ("甲乙", False), ("", True)],
        [("", True), ("1", False), ("2", False)],
        [("其他", False), ("7", False), ("", True)],  # rowspan cut at the end of the table
    ]
    covered = tables[0].rows[1][0]
    assert (covered.location.row, covered.location.col) == (2, 1)
    cell = tables[0].rows[2][1]
    assert cell.location.element == "table[1]/tr[3]/td[2]" and (cell.location.row, cell.location.col) == (3, 2)
    assert cell.location.line == GRID_PAGE.split("\n").index('他</td><td colspan="2" rowspan="5">7</td></tr>') + 1


def test_layout_and_nested_tables(tmp_path):
    doc = read(str(_page(tmp_path)))
    blocks = [b.text for b in doc.items if isinstance(b, Block)]
    assert any(b.startswith("外层表格里的段落") for b in blocks)  # the layout table is read as text
    tables = [[[c.text for c in row] for row in t.rows] for t in doc.items if isinstance(t, RawTable)]
    assert [["自然人", "总计"], ["3", "3"]] in tables
    outer = tables.index([["单元格", "9"]])
    assert tables[outer + 1] == [["内", "层"]]  # a table inside a cell follows the table holding it
    assert blocks[-2:] == ["1.第一项", "2.第二项"]


# --------------------------------------------------------------------------- bad pages

def _bad_pages(tmp_path):
    pages = {}
    pages["image.html"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    pages["plain.html"] = "这不是网页，只是一行文字。".encode()
    portal = (VARIANTS / "002-portal.html").read_text(encoding="utf-8")
    start, end = portal.index('<div class="article-content">'), portal.index('<div class="share">')
    pages["no-article.html"] = (portal[:start] + portal[end:]).encode()
    pages["empty-body.html"] = b"<!DOCTYPE html><html><head><title>x</title></head><body>  </body></html>"
    pages["undecodable.html"] = b"<html><body><p>" + b"\x81\x20\xfe\x7f" * 200 + b"</p></body></html>"
    for name, data in pages.items():
        (tmp_path / name).write_bytes(data)
    return pages


@pytest.mark.parametrize("name,words", [
    ("image.html", "二进制"),
    ("plain.html", "不是 HTML"),
    ("no-article.html", "没有找到报告正文"),
    ("empty-body.html", "没有找到报告正文"),
    ("undecodable.html", "编码"),
])
def test_bad_page_is_a_clear_input_error(tmp_path, name, words):
    _bad_pages(tmp_path)
    with pytest.raises(InputError) as info:
        read(str(tmp_path / name))
    assert words in info.value.message


def test_bad_pages_do_not_stop_the_batch(tmp_path):
    pages = _bad_pages(tmp_path)
    good = tmp_path / "good.html"
    good.write_bytes((HTML / "000.html").read_bytes())
    r = run_cli("--format", "json", str(tmp_path))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    data = json.loads(r.stdout)
    errors = {d["file"]: d["message"] for d in data if d["code"] == "F001"}
    assert set(errors) == {str(tmp_path / n) for n in pages}
    assert {d["code"] for d in data if d["file"] == str(good)} == {"C104", "Y101", "T002"}


def test_page_linking_only_an_attachment_names_it(tmp_path):
    path = tmp_path / "attachment.html"
    path.write_text('<html><body><div class="nav"><a href="/">首页</a></div><p>详见附件：'
                    '<a href="/files/2024ndbg.pdf">2024年度报告.pdf</a></p></body></html>', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(str(path))
    assert "/files/2024ndbg.pdf" in info.value.message


# --------------------------------------------------------------------------- URLs

class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"", content_type: str = "text/html", headers=()):
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first: what the stalled route is for

    def do_GET(self):
        if self.path == "/redirect":
            return self._send(302, headers=[("Location", "/html/001.html")])
        if self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            return self._send(302, headers=[("Location", f"/loop{n + 1}")])
        if self.path == "/gbk":
            data = re.sub(rb"<meta charset=\"gbk\">", b"", (VARIANTS / "001-gbk.html").read_bytes())
            return self._send(200, data, "text/html; charset=GBK")
        if self.path == "/stall":
            time.sleep(2)
            return self._send(200, (HTML / "000.html").read_bytes())
        if self.path == "/broken":
            return self._send(500, b"oops")
        if self.path == "/empty":
            return self._send(200, b"")
        if self.path == "/image":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        if self.path == "/seed":
            return self._send(200, seed("003").read_bytes(), "text/plain; charset=utf-8")
        if self.path == "/gzip":
            import gzip

            return self._send(200, gzip.compress((HTML / "002.html").read_bytes()),
                              headers=[("Content-Encoding", "gzip")])
        return super().do_GET()


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_Handler, directory=str(FIXTURES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    # A proxy configured on the machine must not intercept the local test server.
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_url_gives_the_seed_findings(server):
    assert comparable(lint(f"{server}/html/000.html")) == expected_findings("000")
    assert comparable(lint(f"{server}/html/variants/002-portal.html")) == expected_findings("002")


def test_redirect_is_followed(server):
    doc = read(f"{server}/redirect")
    assert doc.metadata["url"] == f"{server}/html/001.html"
    assert comparable(lint(f"{server}/redirect")) == expected_findings("001")


def test_charset_only_in_http_header(server):
    doc = read(f"{server}/gbk")
    assert doc.metadata["encoding"] == "gb18030"
    assert comparable(lint(f"{server}/gbk")) == expected_findings("001")


def test_url_serving_text_and_gzip(server):
    assert comparable(lint(f"{server}/seed")) == expected_findings("003")
    assert comparable(lint(f"{server}/gzip")) == expected_findings("002")


@pytest.mark.parametrize("route,words", [
    ("/missing.html", "HTTP 404"),
    ("/broken", "HTTP 500"),
    ("/loop", "重定向次数过多"),
    ("/empty", "内容为空"),
    ("/image", "image/png"),
])
def test_url_failures_are_input_errors(server, route, words):
    with pytest.raises(InputError) as info:
        read(f"{server}{route}")
    assert words in info.value.message and f"{server}{route}" in info.value.message


def test_stalled_server_times_out(server):
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        read(f"{server}/stall", ReaderOptions(timeout=0.3))
    assert "连接超时" in info.value.message
    assert time.monotonic() - started < 1.5


def test_download_size_limit(server):
    with pytest.raises(InputError) as info:
        read(f"{server}/html/000.html", ReaderOptions(max_file_size=1000))
    assert "上限" in info.value.message


def test_refused_connection_and_bad_scheme():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError) as info:
        read(f"http://127.0.0.1:{port}/report.html")
    assert "拒绝连接" in info.value.message
    with pytest.raises(InputError) as info:
        read("http:///nohost")
    assert "网址" in info.value.message and "无效" in info.value.message


def test_cli_with_urls_and_files(server, tmp_path):
    config = tmp_path / "gaic-lint.toml"
    config.write_text("timeout = 1\n", encoding="utf-8")
    urls = [f"{server}/html/000.html", f"{server}/missing.html", f"{server}/stall", f"{server}/gbk"]
    r = run_cli("--config", str(config), "--format", "json", *urls, str(HTML / "003.html"))
    assert r.returncode == 2
    assert "Traceback" not in r.stdout + r.stderr
    data = json.loads(r.stdout)
    by_file: dict[str, set] = {}
    for d in data:
        by_file.setdefault(d["file"], set()).add(d["code"])
    assert by_file[urls[0]] == {"C104", "Y101", "T002"}
    assert by_file[urls[1]] == by_file[urls[2]] == {"F001"}
    assert by_file[urls[3]] == {"P102"}  # seed 001 as GBK: its one finding, read through the header charset
    assert str(HTML / "003.html") not in by_file  # clean
    stalled = next(d for d in data if d["file"] == urls[2])
    assert "连接超时" in stalled["message"] and urls[2] in stalled["message"]

    r = run_cli("--color", "never", f"{server}/html/000.html")
    assert r.returncode == 1
    assert re.search(rf"^{re.escape(server)}/html/000\.html:\d+:1 \(p\[\d+\]\): C104", r.stdout, re.MULTILINE)


def test_reading_a_text_file_loads_neither_lxml_nor_the_network(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from gaic_lint.config import Config; from gaic_lint.engine import Linter; "
            f"Linter(Config()).lint({str(seed('000'))!r}); "
            "print(sorted(m for m in ('lxml', 'urllib.request', 'gaic_lint.readers.fetch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
