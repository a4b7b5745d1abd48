"""The ZIP directory of a Word package read with struct, as zipfile reads it, for the packages Word,
WPS, LibreOffice and python-docx write. Importing zipfile (which brings pathlib, shutil, bz2 and lzma)
costs more than reading a whole small report; it is imported only for a package this module does not
take: an archive comment, ZIP64, a damaged or unusual directory. zipfile then reads the package and
says what is wrong with it, as it did for every package before."""

from __future__ import annotations

import os
import struct

_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_EXTRA = struct.Struct("<HH")
_MAX_EXTRACT_VERSION = 63  # zipfile.MAX_EXTRACT_VERSION
_UTF8_NAME = 0x800


class Entry:
    """The attributes of a zipfile.ZipInfo that reading a package uses, with zipfile's values."""

    __slots__ = ("CRC", "_end_offset", "compress_size", "compress_type", "file_size", "filename", "flag_bits",
                 "header_offset", "orig_filename")

    def __init__(self, filename: str, header_offset: int, flag_bits: int, compress_type: int,
                 compress_size: int, file_size: int, crc: int):
        self.filename = self.orig_filename = filename
        self.header_offset, self.flag_bits, self.compress_type = header_offset, flag_bits, compress_type
        self.compress_size, self.file_size, self.CRC = compress_size, file_size, crc
        self._end_offset = None


class Directory:
    """`namelist`, `getinfo` and `open` of the zipfile.ZipFile of the same bytes; `open` (a part the
    quick path does not inflate) hands the package to zipfile."""

    def __init__(self, data: bytes, entries: list[Entry]):
        self._data = data
        self._entries = entries
        self._by_name = {entry.filename: entry for entry in entries}  # the last of a name, as zipfile
        self._zip = None

    def namelist(self) -> list[str]:
        return [entry.filename for entry in self._entries]

    def getinfo(self, name: str) -> Entry:
        return self._by_name[name]

    def open(self, entry: Entry):
        if self._zip is None:
            import io
            import zipfile

            self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        return self._zip.open(entry.filename)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read(data: bytes) -> Directory | None:
    """The directory of the package `data`, as zipfile.ZipFile would list it; None for a package whose
    directory is anything but plain."""
    if len(data) < _END.size:
        return None
    location = len(data) - _END.size
    signature, _, _, _, _, size, offset, comment = _END.unpack_from(data, location)
    if signature != b"PK\x05\x06" or comment != 0:
        return None  # not at the very end: a comment, or not a ZIP archive
    if location >= 20 and data[location - 20:location - 16] == b"PK\x06\x07":
        return None  # ZIP64
    start = location - size
    if start < 0:
        return None
    # Bytes before the archive (a self-extracting stub) shift every offset, as zipfile reckons it.
    shift = start - offset
    directory = memoryview(data)[start:location]
    entries: list[Entry] = []
    position = 0
    while position < size:
        if position + _ENTRY.size > size:
            return None
        (signature, _, _, extract_version, _, flags, method, _, _, crc, compressed, plain, name_size,
         extra_size, comment_size, _, _, _, header) = _ENTRY.unpack_from(directory, position)
        name_end = position + _ENTRY.size + name_size
        extra_end = name_end + extra_size
        if signature != b"PK\x01\x02" or extract_version > _MAX_EXTRACT_VERSION or extra_end + comment_size > size:
            return None
        try:
            name = bytes(directory[position + _ENTRY.size:name_end]).decode("utf-8" if flags & _UTF8_NAME else "cp437")
        except UnicodeDecodeError:
            return None
        if "\x00" in name or (os.sep != "/" and os.sep in name) or not _plain_extra(directory[name_end:extra_end]):
            return None  # names zipfile rewrites; ZIP64 or damaged extra fields
        entries.append(Entry(name, header + shift, flags, method, compressed, plain, crc))
        position = extra_end + comment_size
    # Where each entry's data must end, as zipfile versions that refuse overlapping entries note it.
    end = start
    for entry in sorted(entries, key=lambda e: e.header_offset, reverse=True):
        entry._end_offset = end
        end = entry.header_offset
    return Directory(data, entries)


def _plain_extra(extra: memoryview) -> bool:
    """Whether zipfile reads these extra fields without complaint and without changing a size or offset
    (no ZIP64 field)."""
    position = 0
    while len(extra) - position >= _EXTRA.size:
        kind, size = _EXTRA.unpack_from(extra, position)
        if position + size + _EXTRA.size > len(extra) or kind == 0x0001:
            return False
        position += size + _EXTRA.size
    return True
