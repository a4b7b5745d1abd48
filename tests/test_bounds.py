"""Sizes read from a file are bounded by what a report can need; what is not a regular file is not read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import FIXTURES, ROOT, run_cli


def _with_document(source, target, edit):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return target


@pytest.mark.parametrize("attribute", ["gridSpan", "gridBefore", "gridAfter"])
def test_a_huge_word_span_is_clamped_and_the_report_still_read(tmp_path, attribute):
    def edit(xml):
        if attribute == "gridSpan":
            return xml.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="100000000"/>', 1)
        return xml.replace("<w:tr>", f'<w:tr><w:trPr><w:{attribute} w:val="100000000"/></w:trPr>', 1)

    path = _with_document(FIXTURES / "docx" / "003.docx", tmp_path / "span.docx", edit)
    # In a child process under a 1 GB address-space limit: the span alone would need gigabytes.
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from gaic_lint.engine import Linter; from gaic_lint.config import Config;"
            f"r = Linter(Config()).lint({str(path)!r}); print('UNREADABLE' if r.unreadable else 'READ')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "READ", out.stderr[-2000:]


def test_a_page_asking_for_millions_of_html_slots_is_read_in_bounded_memory(tmp_path):
    rows = "".join("<tr><td>x</td></tr>" for _ in range(20_000))
    page = (f'<html><body><h1>某局2025年政府信息公开工作年度报告</h1><table><tr><td rowspan="0" colspan="1000">a</td></tr>'
            f"{rows}</table></body></html>")
    path = tmp_path / "spans.html"
    path.write_text(page, encoding="utf-8")
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from gaic_lint.engine import Linter; from gaic_lint.config import Config;"
            f"r = Linter(Config()).lint({str(path)!r}); print('UNREADABLE' if r.unreadable else 'READ')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "READ", out.stderr[-2000:]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_link_to_a_device_in_a_folder_is_skipped_and_named_it_is_refused(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(next((FIXTURES / "seeds").glob("003_*.txt")), folder / "good.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "outside.txt").symlink_to(next((FIXTURES / "seeds").glob("000_*.txt")))
    os.mkfifo(folder / "pipe.md")
    r = run_cli("--format", "json-report", str(folder))
    import json

    assert [f["path"].rsplit("/", 1)[-1] for f in json.loads(r.stdout)["files"]] == ["good.txt"]
    r = run_cli("--format", "concise", str(folder / "zero.txt"))
    assert r.returncode == 2 and "不是普通文件" in r.stdout


def test_a_file_that_grows_past_the_limit_is_read_no_further(tmp_path):
    from gaic_lint.model import InputError
    from gaic_lint.readers import ReaderOptions, read

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="超过"):
        read(str(path), ReaderOptions(max_file_size=1000))


@pytest.mark.parametrize(("grown_to", "refused"), [(900, False), (5000, True)])
def test_a_file_that_grew_after_its_size_was_read_is_read_whole_up_to_the_limit(tmp_path, monkeypatch, grown_to,
                                                                                  refused):
    # The file's size is read first and then that many bytes and one more: a file that grew in between
    # is read on, to its end or past the limit.
    from gaic_lint import readers
    from gaic_lint.model import InputError
    from gaic_lint.readers import ReaderOptions, read

    path = tmp_path / "growing.txt"
    line = "一、总体情况\n".encode()
    text = line * (grown_to // len(line))
    path.write_bytes(text)
    real_stat = os.stat

    def stat_before_it_grew(p, *args, **kwargs):
        st = real_stat(p, *args, **kwargs)
        return os.stat_result((st.st_mode, *st[1:6], 100, *st[7:])) if str(p) == str(path) else st

    monkeypatch.setattr(readers.os, "stat", stat_before_it_grew)
    if refused:
        with pytest.raises(InputError, match="超过大小上限"):
            read(str(path), ReaderOptions(max_file_size=1000))
    else:
        document = read(str(path), ReaderOptions(max_file_size=1000))
        assert document.source_lines.count("一、总体情况") == 900 // len(line)  # all, not 100 bytes
