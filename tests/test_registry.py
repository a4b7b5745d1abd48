"""The reader registry: every list of formats is derived from it, containers go to the reader that
accepts them, options are typed, and the PDF table cues come from the template."""

from __future__ import annotations

import dataclasses

import pytest

from gaic_lint import rulebook
from gaic_lint.config import Config
from gaic_lint.engine import table_cues
from gaic_lint.fixer import fixable_formats
from gaic_lint.paths import expand_paths
from gaic_lint.readers import registry
from gaic_lint.readers.registry import Reader, ReaderOptions


def test_a_folder_expands_to_every_registered_extension_and_nothing_else(tmp_path):
    wanted = sorted(registry.extensions())
    for ext in wanted:
        (tmp_path / f"r{ext}").write_bytes(b"x")
    for name in ("notes.rst", "data.csv", "~$r.docx", ".hidden.txt"):
        (tmp_path / name).write_bytes(b"x")
    found = sorted("." + p.rsplit(".", 1)[1] for p in expand_paths([str(tmp_path)]))
    assert found == wanted


@pytest.mark.parametrize("head, fmt", [
    (b"%PDF-1.7\n", "pdf"), (b"PK\x03\x04rest", "docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"), ("一、总体情况".encode(), None),
])
def test_the_first_bytes_name_the_reader(head, fmt):
    assert registry.sniff(head) == fmt


def test_media_types_and_fixable_formats_come_from_the_readers():
    types = registry.media_types()
    assert types["application/pdf"] == "pdf" and types["text/html"] == "html"
    assert types["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] == "docx"
    assert set(fixable_formats()) == {"text", "markdown", "docx"}


def test_a_format_is_added_once_and_never_over_a_built_in_one(monkeypatch):
    monkeypatch.setattr(registry, "_readers", dict(registry._readers))
    rst = Reader("rst", "reStructuredText", (".rst",), "nowhere:read")
    registry.register(rst)
    assert registry.format_for("a/b.RST") == "rst"
    with pytest.raises(ValueError):
        registry.register(Reader("pdf", "PDF", (".pdf2",), "nowhere:read"))
    with pytest.raises(ValueError):
        registry.register(Reader("other", "其他", (".rst",), "nowhere:read"))


def test_reader_options_are_typed_and_built_from_the_configuration():
    config = Config(encoding="gb18030", max_pages=7, max_part_size=123, timeout=5.0)
    options = config.reader_options()
    assert isinstance(options, ReaderOptions)
    assert (options.encoding, options.max_pages, options.max_part_size, options.timeout) == ("gb18030", 7, 123, 5.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.encoding = "utf-8"


def test_pdf_table_cues_are_taken_from_every_template_table():
    book = rulebook.load()
    cues = table_cues(book)
    for spec in book.tables.values():
        assert any(cue in row.label for row in spec.rows for cue in cues), spec.name
    assert "规章" not in cues and "其他" not in cues  # everyday words of prose
    assert all("（" not in cue for cue in cues)  # cut before brackets, where wrapped cells break
