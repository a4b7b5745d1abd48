"""`gaic-lint dump` shows text from the file and the file's name escaped as the text output does: no
line of its output can be run by a CI log as a workflow command."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, run_cli, seed

BAD = FIXTURES / "bad"
COMMAND = "::error file=README.md,line=1::INJECTED"


def _one_line_each(out: str) -> list[str]:
    lines = out.splitlines()  # splits at CR, NEL, U+2028, U+2029… too
    assert len(lines) == out.count("\n"), "a line break other than LF reached the output"
    assert not any(line.lstrip().startswith(("::", "##")) for line in lines), out
    return lines


@pytest.mark.parametrize("name", ["injection.docx", "injection.md"])
def test_dump_escapes_the_text_of_the_file(name):
    r = run_cli("dump", "--cells", str(BAD / name))
    assert r.returncode == 0, r.stderr
    lines = _one_line_each(r.stdout)
    if name.endswith(".docx"):
        # The second paragraph of table cells, shown escaped on the cell's own line.
        assert sum(f"\\n{COMMAND}" in line for line in lines) >= 2


def test_dump_escapes_the_name_of_the_file_and_its_errors(tmp_path):
    path = tmp_path / f"报告\r{COMMAND}\u2028.txt"
    shutil.copy(seed("000"), path)
    r = run_cli("dump", str(path))
    assert r.returncode == 0, r.stderr
    assert f"\\r{COMMAND}\\u2028.txt" in _one_line_each(r.stdout)[0]
    empty = tmp_path / f"空\n{COMMAND}.txt"
    empty.write_bytes(b"")
    r = run_cli("dump", str(empty))
    assert r.returncode == 2
    assert f"\\n{COMMAND}" in _one_line_each(r.stderr)[0]
