"""The Word reader lists a package's parts without zipfile when its directory is plain: the same
names, offsets, sizes, checksums, methods and flags zipfile reads, and for anything else (a comment,
ZIP64, a damaged directory) no listing at all, so that zipfile reads the package and says what is wrong.
Nor does it import threading for its XML parsers, one per thread."""

from __future__ import annotations

import glob
import io
import os
import struct
import warnings
import zipfile

import pytest

from conftest import FIXTURES, REAL_REPORTS
from gaic_lint.readers.docx import directory

_FIELDS = ("filename", "orig_filename", "header_offset", "flag_bits", "compress_type", "compress_size",
           "file_size", "CRC")


def listing(data: bytes) -> directory.Directory | None:
    """The quick listing of `data`, checked against zipfile's: equal where taken, and never taken where
    zipfile refuses the archive."""
    quick = directory.read(data)
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError):
        assert quick is None
        return None
    if quick is not None:
        assert quick.namelist() == z.namelist()
        for name in set(z.namelist()):
            ours, theirs = quick.getinfo(name), z.getinfo(name)
            assert [getattr(ours, f) for f in _FIELDS] == [getattr(theirs, f) for f in _FIELDS], name
            # Versions of zipfile that refuse overlapping entries note where each must end.
            assert getattr(theirs, "_end_offset", ours._end_offset) == ours._end_offset
    return quick


def package(**extra) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("word/document.xml")
        info.extra = extra.get("extra", b"")
        z.writestr(info, b"<w:document/>" * 50, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("[Content_Types].xml", b"<Types/>", compress_type=zipfile.ZIP_STORED)
        z.writestr("word/\u6837\u5f0f.xml", b"<styles/>")  # a non-ASCII name: UTF-8 flag
        if extra.get("twice"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zipfile's "Duplicate name": written on purpose
                z.writestr("word/document.xml", b"<w:document>second</w:document>")
        if "comment" in extra:
            z.comment = extra["comment"]
    return out.getvalue()


def test_every_word_file_at_hand_is_listed_as_zipfile_lists_it():
    paths = [p for pattern in (f"{FIXTURES}/**/*.docx", f"{REAL_REPORTS}/**/*.docx")
             for p in glob.glob(pattern, recursive=True) if os.path.isfile(p)]
    taken = [p for p in paths if listing(open(p, "rb").read()) is not None]
    # Word, WPS, LibreOffice and python-docx write plain directories: the fixtures they made are taken.
    assert [p for p in glob.glob(f"{FIXTURES}/docx/*.docx") if p not in taken] == []


@pytest.mark.parametrize(("name", "data", "taken"), [
    ("plain", package(), True),
    ("a second part of the same name (zipfile takes the last)", package(twice=True), True),
    ("bytes before the archive", b"MZ" + b"\0" * 500 + package(), True),
    ("an extended-timestamp extra field", package(extra=struct.pack("<HHB", 0x5455, 1, 1)), True),
    ("an archive comment", package(comment=b"made by hand"), False),
    ("a ZIP64 extra field", package(extra=struct.pack("<HHQ", 0x0001, 8, 5)), False),
    ("an extra field longer than its room", package(extra=struct.pack("<HH", 0x5455, 9) + b"ab"), False),
    ("a cut-off archive", package()[:-30], False),
    ("no archive", b"PK\x03\x04" + b"\0" * 100, False),
])
def test_a_listing_is_taken_only_from_a_plain_directory(name, data, taken):
    assert (listing(data) is not None) is taken


def test_a_damaged_directory_entry_is_left_to_zipfile():
    data = bytearray(package())
    start = data.rfind(b"PK\x01\x02")
    for offset, value in ((0, b"PK\x09\x09"), (6, b"\x7f")):  # a bad signature; a newer ZIP version
        damaged = bytearray(data)
        damaged[start + offset:start + offset + len(value)] = value
        assert listing(bytes(damaged)) is None


def test_a_part_is_opened_by_zipfile_on_the_same_bytes():
    # What read_part does with a part it does not inflate itself.
    quick = directory.read(package())
    with quick.open(quick.getinfo("[Content_Types].xml")) as fh:
        assert fh.read() == b"<Types/>"
    quick.close()


def test_each_thread_parses_with_its_own_parser_and_threads_cannot_pile_parsers_up():
    import threading

    from gaic_lint.readers.docx import package

    assert package.xml_parser() is package.xml_parser()
    barrier, got = threading.Barrier(100), []

    def work():
        barrier.wait()  # all alive at once: a hundred thread ids
        got.append(package.xml_parser())
        barrier.wait()  # none ends (and frees its id) before each has its parser

    threads = [threading.Thread(target=work) for _ in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(p) for p in got}) == 100 and len(package._PARSERS) <= package._MAX_PARSERS
