"""表二's mistyped column headers are found in text and in Word, and its numbers still read by place."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts import write

from conftest import lint

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_mistyped_headers_of_table_two(tmp_path, fmt):
    text = SKELETON.replace("本年废止件数\t现行有效件数", "本年废纸件数\t先行有效件数")
    found = lint(write(text, tmp_path, fmt))
    assert [(d.code, d.fields["found"], d.fields["expected"]) for d in found] == [
        ("T304", "本年废纸件数", "本年废止件数"), ("T304", "先行有效件数", "现行有效件数")]
