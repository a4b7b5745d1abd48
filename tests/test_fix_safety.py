"""--fix never loses a byte or a property of the file it fixes."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from conftest import FIXTURES, run_cli, seed
from gaic_lint.model import InputError
from gaic_lint.safe_write import replace_file

FIXED = "国办函〔2020〕109号"


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "报告.md"
    shutil.copy(seed("000"), path)
    return path


def _fixed(path) -> bool:
    return FIXED in path.read_text(encoding="utf-8")


def test_through_a_symlink_the_target_is_fixed_and_the_link_stays(report, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(report.name)
    run_cli("--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == report.name
    assert _fixed(report)


def test_hard_links_all_see_the_fix(report, tmp_path):
    other = tmp_path / "other.md"
    os.link(report, other)
    run_cli("--fix", str(report))
    assert _fixed(report) and _fixed(other)
    assert os.stat(report).st_ino == os.stat(other).st_ino


def test_mode_and_owner_are_kept(report):
    os.chmod(report, 0o640)
    if os.geteuid() == 0:
        os.chown(report, 4321, 4322)
    run_cli("--fix", str(report))
    st = os.stat(report)
    assert _fixed(report) and stat.S_IMODE(st.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (4321, 4322)


def test_a_read_only_file_is_not_written(report):
    before = report.read_bytes()
    os.chmod(report, 0o444)
    r = run_cli("--fix", str(report))
    assert report.read_bytes() == before
    assert "只读" in r.stderr


def test_a_file_changed_after_it_was_read_is_not_overwritten(report, tmp_path):
    read = report.read_bytes()
    data = read.replace("国办函〔2021〕109号".encode(), FIXED.encode())

    def someone_saves_meanwhile(temp):
        report.write_bytes(read + "另一个程序刚写入的一段。\n".encode())

    with pytest.raises(InputError, match="其他程序修改"):
        replace_file(str(report), data, read, someone_saves_meanwhile)
    assert report.read_bytes().endswith("另一个程序刚写入的一段。\n".encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.md"]


def test_no_temporary_file_is_left_and_a_word_file_keeps_its_mode(tmp_path):
    path = tmp_path / "r.docx"
    shutil.copy(FIXTURES / "docx" / "000.docx", path)
    os.chmod(path, 0o600)
    run_cli("--fix", str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
