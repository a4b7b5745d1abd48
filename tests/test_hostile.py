"""Hostile input: the corpus in fixtures/bad/ (see its README.md) and a few files built at test time.

Every file must give a clear Chinese message naming the file and the cause (exit 2), or be linted
for what can be read (exit 0/1); never a traceback, never more than a bounded time and memory, never
a network connection, never a change to the input; the good report in the same batch is still
linted and every output format stays parseable.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, run_cli, run_cli_process, seed
from gaic_lint.readers.registry import ReaderOptions

BAD = FIXTURES / "bad"
SCANNED = FIXTURES / "pdf" / "variants" / "scanned.pdf"
GOOD = FIXTURES / "docx" / "000.docx"

# name -> (exit code of a run on that file alone, text its F001/F003 message must contain; None when
# the file is linted as a report and only the findings matter).
EXPECTED: dict[str, tuple[int, str | None]] = {
    "empty.txt": (2, "文件为空"),
    "empty.docx": (2, "文件为空"),
    "empty.pdf": (2, "文件为空"),
    "empty.html": (2, "文件为空"),
    "pdf-named.docx": (1, "扩展名表明是Word (.docx)，但文件内容是PDF"),
    "html-named.txt": (1, "扩展名表明是纯文本，但文件内容是HTML"),
    "docx-named.pdf": (1, "扩展名表明是PDF，但文件内容是Word (.docx)"),
    "truncated.docx": (2, "Word 文件不完整或已损坏（ZIP 目录缺失"),
    "truncated.pdf": (2, "PDF 文件不完整（末尾缺少 %%EOF"),
    "bitflip.docx": (2, "word/document.xml 无法解压（校验和错误）"),
    "bitflip.pdf": (0, None),
    "zip-bomb.docx": (2, "解压后有 314572961 字节，超过上限 52428800 字节，拒绝读取（文件可能是恶意构造的压缩炸弹"),
    "zip-bomb-lying.docx": (2, "word/document.xml 无法解压（校验和错误）"),
    "billion-laughs.docx": (2, "word/document.xml 含有 DTD（<!DOCTYPE>/实体声明），正常的 Word 文件不会有"),
    "xxe.docx": (2, "word/document.xml 含有 DTD（<!DOCTYPE>/实体声明），正常的 Word 文件不会有"),
    "billion-laughs.html": (1, None),
    "xxe.html": (1, None),
    "nested-tables.docx": (2, "word/document.xml 元素嵌套超过 256 层"),
    "nested-tables.html": (2, "网页元素嵌套层次过深（超过 255 层"),
    "long-table.md": (1, None),
    "long-line.md": (1, None),
    "encrypted.pdf": (2, "该 PDF 已加密，需要密码才能打开"),
    "encrypted-owner-only.pdf": (1, None),
    "encrypted.docx": (2, "文件已加密（设置了打开密码），请去除密码后另存为 .docx"),
    "shift-jis.txt": (2, "无法识别文件编码：按 GB18030 解码得到大量罕见字符"),
    "high-bytes.txt": (2, "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK"),
    "surrogate.txt": (2, "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK"),
    "control-chars.txt": (1, None),
    "control-chars.md": (1, None),
    "injection.docx": (1, None),
    "injection.md": (1, None),
    "x.docx": (2, "这是一个文件夹，不是文件"),
    "loop-a.docx": (2, "符号链接循环"),
    "loop-b.docx": (2, "符号链接循环"),
    # found by fuzz/fuzz_docx.py
    "fuzz-zip-version.docx": (2, "Word 文件使用了不支持的 ZIP 格式（zip file version 12.0）"),
}
CORPUS = [BAD / name for name in EXPECTED] + [SCANNED]
EXPECTED["scanned.pdf"] = (2, "该 PDF 没有文字层（可能是扫描件）")

# Each file alone takes well under 2 s; the engine's own per-file limit (`timeout`) is set to this for the
# batch, so a file that hangs shows up as "检查超时" in its message and fails the message checks.
PER_FILE_SECONDS = 20
TIME_LIMIT = 120.0  # seconds for a whole guarded run
MEMORY_LIMIT_MB = 400

# Runs the CLI in-process under an audit hook that refuses every network operation, then reports to
# the parent wrapper. Any network attempt is printed as NETWORK-ATTEMPT and fails.
_CHILD = r"""
import runpy, sys
NET = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.bind", "socket.sendto",
       "urllib.Request", "http.client.connect", "ftplib.connect"}
def hook(event, args):
    if event in NET:
        sys.__stderr__.write(f"NETWORK-ATTEMPT {event} {args!r}\n")
        raise RuntimeError("network access during a file-only run")
sys.addaudithook(hook)
sys.argv = ["gaic-lint", *sys.argv[1:]]
runpy.run_module("gaic_lint", run_name="__main__", alter_sys=True)
"""
# A fresh process whose only child is the linter: its RUSAGE_CHILDREN peak is the linter's alone.
_WRAPPER = r"""
import resource, subprocess, sys
r = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]])
sys.stderr.write(f"\nPEAK-RSS-KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(r.returncode)
"""


def run_guarded(*args: str, cwd=None) -> tuple[subprocess.CompletedProcess, float]:
    """The CLI with network blocked; returns the result and the linter's peak RSS in MB."""
    r = subprocess.run([sys.executable, "-c", _WRAPPER, _CHILD, *args], capture_output=True, text=True,
                       encoding="utf-8", cwd=cwd or ROOT, timeout=TIME_LIMIT, check=False)
    peak = next(int(line.split()[1]) for line in r.stderr.splitlines() if line.startswith("PEAK-RSS-KB"))
    return r, peak / 1024


def _fingerprint(paths: list[Path]) -> dict[str, tuple]:
    out = {}
    for path in paths:
        if path.is_symlink():
            out[path.name] = ("link", os.readlink(path))
        elif path.is_dir():
            out[path.name] = ("dir", sorted(p.name for p in path.iterdir()))
        else:
            st_ = path.stat()
            out[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), st_.st_mtime_ns, st_.st_mode)
    return out


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One guarded run of the whole corpus and a good report, in text format."""
    before = _fingerprint(CORPUS)
    cfg = tmp_path_factory.mktemp("cfg") / "gaic-lint.toml"
    cfg.write_text(f"timeout = {PER_FILE_SECONDS}\n", encoding="utf-8")
    args = ["--config", str(cfg), "--color", "never", *(_rel(p) for p in CORPUS), _rel(GOOD)]
    result, peak = run_guarded(*args)
    return result, peak, before


def test_corpus_is_complete():
    listed = {line.split("`")[1] for line in (BAD / "README.md").read_text(encoding="utf-8").splitlines()
              if line.startswith("| `")}
    present = {p.name for p in BAD.iterdir() if p.name not in ("README.md", "make.py")}
    assert present == listed, "every corpus file has a README line and every README line a file"
    assert set(EXPECTED) - {"scanned.pdf"} <= present
    assert (BAD / "x.docx").is_dir() and (BAD / "loop-a.docx").is_symlink()
    assert (BAD / "zip-bomb.docx").stat().st_size < 400_000  # small on disk, 300 MB inflated


def test_batch_is_bounded_and_offline_and_the_good_report_is_linted(batch):
    result, peak, _ = batch
    out = result.stdout + result.stderr
    assert result.returncode == 2
    assert "Traceback" not in out and "内部错误" not in out
    assert "NETWORK-ATTEMPT" not in out
    assert peak < MEMORY_LIMIT_MB, f"peak RSS {peak:.0f} MB"
    assert f"{_rel(GOOD)}:第30段（六、其他需要报告的事项）: C104" in result.stdout  # the good report after 33 hostile files
    assert f"检查了 {len(CORPUS) + 1} 个文件" in result.stdout


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_gets_a_clear_message(batch, name):
    result, _, _ = batch
    path = _rel(SCANNED if name == "scanned.pdf" else BAD / name)
    code, words = EXPECTED[name]
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith((f"{path}:", f"{path} "))]
    errors = [ln for ln in lines if " F001 " in ln]
    if code == 2:
        assert len(errors) == 1, lines
        assert errors[0].startswith(f"{path}: F001 [错误] ") and words in errors[0], errors[0]
    else:
        assert not errors, errors
        assert lines or code == 0, f"{name} was linted and should give findings"
        if words is not None:
            assert any(" F003 " in ln and words in ln for ln in lines), lines


def test_exit_code_of_each_kind_alone():
    # One representative per outcome, run alone: refused (2), linted with errors (1), linted clean (0).
    # The refusal in a real process, since its exit status is what a script or CI job sees.
    assert run_cli_process("--isolated", _rel(BAD / "zip-bomb.docx")).returncode == 2
    assert run_cli("--isolated", _rel(BAD / "long-table.md")).returncode == 1
    assert run_cli("--isolated", _rel(BAD / "bitflip.pdf")).returncode == 0


def test_no_input_file_is_modified(batch):
    _, _, before = batch
    assert _fingerprint(CORPUS) == before


def test_entities_are_never_expanded_nor_files_included(batch):
    result, _, _ = batch
    assert "lollol" not in result.stdout
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text(errors="replace").split(":", 1)[0]
        assert f"{first}:x:" not in result.stdout


def test_control_characters_do_not_reach_the_terminal(batch):
    result, _, _ = batch
    assert not any(ch in result.stdout for ch in "\x00\x07\x08\x1b\x7f")
    quote = next(ln for ln in result.stdout.splitlines() if "control-chars.md" in ln and "Y101" in ln)
    assert "2024年度政府" in quote and "信息公开未收取" in quote


# --------------------------------------------------------------- machine-readable formats


def _parse(fmt: str, text: str) -> int:
    """Parse the output as its consumer would and return the number of F001 findings."""
    if fmt == "json":
        return sum(d["code"] == "F001" for d in json.loads(text))
    if fmt == "json-lines":
        return sum(json.loads(line)["code"] == "F001" for line in text.splitlines())
    if fmt == "gitlab":
        return sum(i["check_name"].startswith("F001") for i in json.loads(text))
    if fmt == "sarif":
        return sum(r["ruleId"] == "F001" for r in json.loads(text)["runs"][0]["results"])
    if fmt == "junit":
        root = ElementTree.fromstring(text.encode("utf-8"))
        return sum(1 for case in root.iter("testcase") if case.find("error") is not None)
    if fmt == "github":
        lines = text.splitlines()
        assert all(ln.startswith("::") for ln in lines[:-1])
        return sum(1 for ln in lines if ln.startswith("::error ") and "title=F001" in ln)
    raise AssertionError(fmt)


@pytest.fixture(scope="module")
def corpus_results():
    """The whole batch linted once in this process, as `gaic-lint --isolated` lints it, for the formats."""
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter
    from gaic_lint.paths import expand_paths

    linter = Linter(Config())
    cwd = os.getcwd()
    os.chdir(ROOT)  # the paths are given relative, as in the guarded run
    try:
        results = [linter.lint(p) for p in expand_paths([*(_rel(p) for p in CORPUS), _rel(GOOD)])]
    finally:
        os.chdir(cwd)
    assert len(results) == len(CORPUS) + 1
    return results, linter


@pytest.mark.parametrize("fmt", ["json", "json-lines", "junit", "sarif", "gitlab", "github"])
def test_every_format_stays_parseable_over_the_whole_batch(fmt, corpus_results):
    from gaic_lint.reporters import get

    results, linter = corpus_results
    # strict: a lone surrogate or other unencodable text left in the output fails here
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    get(fmt)(results, out, {"color": False, "rules": [rule.meta for rule in linter.rules], "baseline_hidden": 0})
    out.flush()
    text = out.buffer.getvalue().decode("utf-8")
    assert not any(ch in text for ch in "\x00\x01\x07\x08\x0b\x0c\x1b\x7f")
    refused = sum(1 for code, _ in EXPECTED.values() if code == 2)
    assert _parse(fmt, text) == refused


def test_json_never_writes_lone_surrogates(tmp_path):
    """A file name the OS cannot decode reaches the reporters as lone surrogates."""
    if not sys.platform.startswith("linux"):
        pytest.skip("needs a file system that stores raw bytes in names")
    raw = os.path.join(os.fsencode(tmp_path), b"\xb1\xa8\xb8\xe6.docx")
    with open(raw, "wb") as fh:
        fh.write((BAD / "truncated.docx").read_bytes())
    out = tmp_path / "out.json"
    r = subprocess.run([sys.executable, "-m", "gaic_lint", "--isolated", "--format", "json", "--output", str(out),
                        os.fsdecode(raw)], capture_output=True, cwd=ROOT, timeout=60, check=False)
    assert r.returncode == 2
    data = json.loads(out.read_bytes().decode("utf-8"))
    assert data[0]["file"].endswith("\ufffd\ufffd\ufffd\ufffd.docx") and "不完整或已损坏" in data[0]["message"]


# --------------------------------------------------------------- network


def test_audit_hook_sees_a_connection_when_a_url_is_given():
    # The positive control for the offline check above: a URL does reach the network layer.
    r, _ = run_guarded("--isolated", "http://127.0.0.1:9/report.html")
    assert "NETWORK-ATTEMPT urllib.Request ('http://127.0.0.1:9/report.html'" in r.stderr
    assert "Traceback" not in r.stdout + r.stderr and r.returncode == 2


@pytest.fixture
def listener():
    """A local TCP port that records every connection (libxml2 would fetch from C, past the hook)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits: list[str] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(200).decode("latin-1"))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def test_external_dtds_entities_and_resources_are_never_fetched(listener, tmp_path):
    port, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-7f3a", encoding="utf-8")
    url = f"http://127.0.0.1:{port}/x"
    text = seed("000").read_text(encoding="utf-8")
    paragraphs = "".join(f"<w:p><w:r><w:t>{ln}</w:t></w:r></w:p>" for ln in text.splitlines()[:30]
                         if ln.strip() and "|" not in ln and "<" not in ln and "&" not in ln)
    for name, doctype in (("remote.docx", f'<!DOCTYPE d SYSTEM "{url}.dtd">'),
                          ("local.docx", f'<!DOCTYPE d [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'),
                          ("param.docx", f'<!DOCTYPE d [<!ENTITY % p SYSTEM "{url}.ent"> %p;]>')):
        body = paragraphs + "<w:p><w:r><w:t>&s;</w:t></w:r></w:p>" if name == "local.docx" else paragraphs
        document = (f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            zf.writestr("word/document.xml", document)
    prose = "".join(f"<p>{ln}</p>" for ln in text.splitlines()[:40] if ln.strip() and "|" not in ln)
    (tmp_path / "remote.html").write_text(
        f'<!DOCTYPE html SYSTEM "{url}.dtd"><html><head><link rel="stylesheet" href="{url}.css">'
        f'<script src="{url}.js"></script></head><body><img src="{url}.png"><iframe src="{url}"></iframe>'
        f"{prose}<p>&s;</p></body></html>", encoding="utf-8")
    (tmp_path / "local.html").write_text(
        f'<!DOCTYPE html [<!ENTITY s SYSTEM "{secret.as_uri()}">]><html><body>{prose}<p>&s;</p></body></html>',
        encoding="utf-8")
    files = [str(tmp_path / n) for n in ("remote.docx", "local.docx", "param.docx", "remote.html", "local.html")]
    r, _ = run_guarded("--isolated", "--format", "json", *files)
    assert "NETWORK-ATTEMPT" not in r.stderr and "Traceback" not in r.stderr
    assert hits == []
    assert "SECRET-MARKER" not in r.stdout
    by_file = {}
    for d in json.loads(r.stdout):
        by_file.setdefault(Path(d["file"]).name, []).append(d)
    for name in ("remote.docx", "local.docx", "param.docx"):
        assert [d["code"] for d in by_file[name]] == ["F001"] and "含有 DTD" in by_file[name][0]["message"]
    for name in ("remote.html", "local.html"):
        assert all(d["code"] != "F001" for d in by_file[name])  # linted; nothing fetched or included


# --------------------------------------------------------------- file system


def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(seed("004").read_bytes())
    path.chmod(0)
    try:
        r = run_cli("--isolated", str(path))
        if os.access(path, os.R_OK):
            # Running as root: permissions do not stop reading, so the file is simply linted.
            assert r.returncode == 0 and "F001" not in r.stdout, r.stdout
        else:
            assert r.returncode == 2 and f"{path}: F001 [错误] 没有读取该文件的权限" in r.stdout
        assert "Traceback" not in r.stdout + r.stderr
    finally:
        path.chmod(0o644)


def test_folder_without_reports_is_reported(tmp_path):
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    r = run_cli("--isolated", str(tmp_path), str(seed("004")))
    assert r.returncode == 2
    assert f"{tmp_path}: F001 [错误] 这是一个文件夹，不是文件，其中也没有可检查的报告文件" in r.stdout


def test_html_nested_past_the_parser_depth_is_read_up_to_it_and_says_so(tmp_path):
    prose = "".join(f"<p>{ln}</p>" for ln in seed("000").read_text(encoding="utf-8").splitlines()
                    if ln.strip() and "|" not in ln)
    deep = "<div>" * 400 + "深处的文字" + "</div>" * 400
    page = tmp_path / "deep.html"
    page.write_text(f"<!DOCTYPE html><html><body><div>{prose}</div>{deep}</body></html>", encoding="utf-8")
    r = run_cli("--isolated", "--format", "json", str(page))
    found = json.loads(r.stdout)
    partial = [d for d in found if d["code"] == "F007"]
    assert len(partial) == 1 and "嵌套超过 255 层" in partial[0]["message"]
    assert any(d["code"] == "Y101" for d in found)  # the readable part was checked


# --------------------------------------------------------------- limits


def _config(tmp_path: Path, text: str) -> Path:
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


GOOD_FILES = [seed("000"), FIXTURES / "docx" / "000.docx", FIXTURES / "pdf" / "000.pdf",
              FIXTURES / "html" / "000.html"]


def test_max_file_size_applies_to_every_format(tmp_path):
    cfg = _config(tmp_path, "max-file-size = 5000\n")
    small = tmp_path / "small.md"
    small.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    r = run_cli("--config", str(cfg), *map(str, GOOD_FILES), str(small))
    assert r.returncode == 2
    for path in GOOD_FILES:
        size = path.stat().st_size
        assert f"{path}: F001 [错误] 文件大小 {size} 字节超过上限 5000 字节（可用 max-file-size 调整）" in r.stdout
    assert f"{small}: F001" not in r.stdout


def test_max_part_size_applies_to_word_parts(tmp_path):
    cfg = _config(tmp_path, "max-part-size = 10000\n")
    r = run_cli("--config", str(cfg), str(GOOD), str(seed("000")))
    assert r.returncode == 2
    assert f"{GOOD}: F001 [错误] Word 文件中的 word/document.xml 解压后有" in r.stdout
    assert "超过上限 10000 字节" in r.stdout and "可用 max-part-size 调整上限" in r.stdout


def test_max_pages_from_the_config_file(tmp_path):
    cfg = _config(tmp_path, "max-pages = 1\n")
    pdf = FIXTURES / "pdf" / "000.pdf"
    r = run_cli("--config", str(cfg), "--format", "json", str(pdf))
    partial = [d for d in json.loads(r.stdout) if d["code"] == "F007"]
    assert len(partial) == 1 and "超过页数上限 1，只检查了前 1 页（可用 max-pages 调整）" in partial[0]["message"]


def test_timeout_applies_to_every_format(tmp_path):
    cfg = _config(tmp_path, "timeout = 0.00001\n")
    r = run_cli("--config", str(cfg), *map(str, GOOD_FILES))
    assert r.returncode == 2
    for path in GOOD_FILES:
        assert f"{path}: F001 [错误] 检查超时（超过 1e-05 秒），已跳过该文件（可用 timeout 配置项调整）" in r.stdout


@pytest.mark.parametrize("text", ["max-file-size = 0\n", "max-part-size = -1\n", "max-pages = \"many\"\n",
                                  "timeout = 0\n"])
def test_bad_limit_values_are_refused(tmp_path, text):
    r = run_cli("--config", str(_config(tmp_path, text)), str(seed("004")))
    assert r.returncode == 2 and "应为正数" in r.stderr


# --------------------------------------------------------------- properties

_HTML_BITS = st.sampled_from(["<html>", "<body>", "<table>", "<tr>", "<td rowspan=\"3\">", "<td colspan=0>",
                              "</td>", "</tr>", "</table>", "<p>", "</p>", "<br>", "<h1>", "<meta charset=gbk>",
                              "<!DOCTYPE html [<!ENTITY a \"aa\">]>", "&a;", "&#0;", "&#xD800;", "<![CDATA[",
                              "<?xml version='1.0' encoding='utf-16'?>", "一、总体情况", "表三", "12", "\x00",
                              "\udc80", "<div style='display:none'>", "<script>", "2025年度"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_HTML_BITS, st.text(max_size=20)), max_size=60).map("".join))
def test_html_reader_gives_a_document_or_an_input_error(text):
    from gaic_lint.model import Document, InputError
    from gaic_lint.readers.html import read_html

    for data in (text.encode("utf-8", "surrogatepass"), ("<html><body>" + text * 20).encode("gb18030", "replace")):
        try:
            doc = read_html("x.html", data, ReaderOptions())
        except InputError as exc:
            assert exc.message
        else:
            assert isinstance(doc, Document)


_DOCX = GOOD.read_bytes()


def _mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    raw = bytearray(data)
    for op, where, value in ops:
        i = where % max(len(raw), 1)
        if op == "flip" and raw:
            raw[i] ^= 1 << (value % 8)
        elif op == "truncate":
            del raw[i:]
        elif op == "insert":
            raw[i:i] = bytes([value % 256]) * (1 + value % 7)
        elif op == "delete":
            del raw[i:i + 1 + value % 50]
    return bytes(raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["flip", "truncate", "insert", "delete"]),
                          st.integers(0, len(_DOCX)), st.integers(0, 255)), min_size=1, max_size=6))
def test_docx_reader_on_mutated_bytes_gives_a_document_or_an_input_error(ops):
    from gaic_lint.model import Document, InputError
    from gaic_lint.readers.docx import read_docx

    try:
        doc = read_docx("x.docx", _mutate(_DOCX, ops), ReaderOptions())
    except InputError as exc:
        assert exc.message
    else:
        assert isinstance(doc, Document)


def _rezip(data: bytes, edit) -> bytes:
    """Mutate the XML inside the package and zip it again, so that the mutation reaches the XML
    reader instead of stopping at the checksum."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(info.filename, edit(info.filename, part))
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.integers(1, 30))
def test_docx_reader_on_mutated_xml_gives_a_document_or_an_input_error(rng_seed, flips):
    from gaic_lint.model import Document, InputError
    from gaic_lint.readers.docx import read_docx

    rng = random.Random(rng_seed)

    def edit(name: str, part: bytes) -> bytes:
        if not name.endswith(".xml") or not part:
            return part
        raw = bytearray(part)
        for _ in range(flips):
            i = rng.randrange(len(raw))
            raw[i] = rng.choice(b'<>/"=&;#:wtpr0123456789 \x00\xff')
        return bytes(raw)

    try:
        doc = read_docx("x.docx", _rezip(_DOCX, edit), ReaderOptions())
    except InputError as exc:
        assert exc.message
    else:
        assert isinstance(doc, Document)
