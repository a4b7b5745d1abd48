"""Hostile baseline files: each is one clear error (exit 2) or is accepted, never a traceback."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_cli, seed


@pytest.fixture
def workdir(tmp_path):
    shutil.copy(seed("000"), tmp_path / "report.txt")  # 4 findings
    r = run_cli("--write-baseline", "good.json", "report.txt", cwd=tmp_path)
    assert r.returncode == 0
    return tmp_path


def _with(workdir, name: str, data: bytes):
    (workdir / name).write_bytes(data)
    return run_cli("--baseline", name, "report.txt", cwd=workdir)


def _good(workdir) -> dict:
    return json.loads((workdir / "good.json").read_text(encoding="utf-8"))


def _refused(r, words: str):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_nested_100000_deep_is_refused(workdir):
    _refused(_with(workdir, "deep.json", b"[" * 100_000 + b"]" * 100_000), "嵌套层次过深")
    inner = b'{"tool": "gaic-lint", "version": 2, "findings": [{"fingerprint": "x", "count": 1, "note": '
    _refused(_with(workdir, "deep2.json", inner + b"[" * 100_000 + b"]" * 100_000 + b"}]}"), "嵌套层次过深")


def test_a_5000_digit_count_hides_all_of_its_findings(workdir):
    data = _good(workdir)
    text = json.dumps(data).replace('"count": 1', '"count": ' + "9" * 5000)
    r = _with(workdir, "huge.json", text.encode())
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "另有 4 个已记录在基线中的问题未显示" in r.stdout


def test_a_5000_digit_negative_count_is_an_invalid_entry(workdir):
    text = json.dumps(_good(workdir)).replace('"count": 1', '"count": -' + "9" * 5000, 1)
    _refused(_with(workdir, "negative.json", text.encode()), "第 1 条记录无效")


def test_a_byte_order_mark_is_accepted(workdir):
    r = _with(workdir, "bom.json", b"\xef\xbb\xbf" + (workdir / "good.json").read_bytes())
    assert r.returncode == 0 and "另有 4 个已记录在基线中的问题未显示" in r.stdout


@pytest.mark.parametrize(("data", "words"), [
    (b"not json at all", "不是合法的 JSON"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b"", "不是合法的 JSON"),
    (b'{"tool": "gaic-lint", "version": true, "findings": []}', "版本"),
    (b'{"tool": "gaic-lint", "version": 2, "findings": [{"fingerprint": "x", "count": 1e999}]}', "记录无效"),
    (b'{"tool": "gaic-lint", "version": 2, "findings": [{"fingerprint": "x", "count": NaN}]}', "记录无效"),
    (b'{"tool": "gaic-lint", "version": 2, "findings": {"a": 1}}', "不是 gaic-lint 生成的基线"),
    (b"[1, 2, 3]", "不是 gaic-lint 生成的基线"),
])
def test_other_non_baselines_are_one_error(workdir, data, words):
    _refused(_with(workdir, "bad.json", data), words)


def test_a_folder_is_one_error(workdir):
    (workdir / "folder.json").mkdir()
    _refused(run_cli("--baseline", "folder.json", "report.txt", cwd=workdir), "folder.json")
