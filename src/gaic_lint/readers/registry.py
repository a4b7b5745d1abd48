"""The input formats: one `Reader` per format, and every list of extensions, media types and format
names derived from them (folder expansion, the URL reader's content types, which files `--fix` may
write), and `read_bytes`, which hands bytes to the reader of the format they are in. A plugin adds a
format through the `gaic_lint_readers` hook.

A reader is named by "module:function" so that the registry itself imports nothing: linting a
Markdown file never imports lxml or pdfplumber.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable

from .. import codes
from ..model import Document, InputError, Location, Notice, Severity
from ..records import record

# Containers a file's first bytes reveal; a reader that accepts one says so in `containers`.
ZIP = "zip"
CFB = "cfb"  # OLE compound file: old Word/WPS, and password-protected OOXML


@record
class ReaderOptions:
    """What a reader may be told. Built by `Config.reader_options()`; the engine adds the table cues."""

    encoding: str | None = None  # --encoding; None: detect
    max_file_size: int | None = None  # bytes; a larger file (or download) is refused
    max_part_size: int = 50 * 1024 * 1024  # bytes of one part of a .docx package, unpacked
    max_pages: int = 500  # PDF pages read
    timeout: float | None = None  # seconds for the whole file; a download leaves time to read within it
    # Words that only the template's tables carry: a PDF page holding one gets the (slow) ruled-table finder.
    table_cues: tuple[str, ...] = ()
    # Words a table cell holds for "none" ("无"): a cell, like a dash, where cells are told by position.
    none_words: tuple[str, ...] = ()
    # Set by the URL reader for the reader of what it downloaded.
    base_url: str | None = None
    http_charset: str | None = None


ReadFunction = Callable[[str, bytes, ReaderOptions], Document]


@record
class Reader:
    name: str  # format name, as in `Document.format`
    label: str  # how a message names the format
    extensions: tuple[str, ...]  # lower case, with the dot
    read: str | ReadFunction  # "module:function", imported when a file of the format is read
    media_types: tuple[str, ...] = ()  # HTTP content types served for it
    sniff: Callable[[bytes], bool] | None = None  # whether the first bytes declare this format
    containers: tuple[str, ...] = ()  # ZIP / CFB: which containers it reads
    # --fix may write it: text in place (locations are lines and columns of the file), Word as tracked changes.
    fixable: bool = False
    extra: str | None = None  # the pip extra holding its dependencies

    def load(self) -> ReadFunction:
        if callable(self.read):
            return self.read
        module, _, function = self.read.partition(":")
        # Asked for every file of a batch: a module already imported is taken without importlib's machinery.
        loaded = sys.modules.get(module)
        return getattr(loaded if loaded is not None else importlib.import_module(module), function)


def _pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _html(head: bytes) -> bool:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:256]


BUILTIN = (
    Reader("text", "纯文本", (".txt", ".text"), "gaic_lint.readers.text:read_text",
           media_types=("text/plain",), fixable=True),
    Reader("markdown", "Markdown", (".md", ".markdown"), "gaic_lint.readers.text:read_markdown",
           media_types=("text/markdown", "text/x-markdown"), fixable=True),
    Reader("docx", "Word (.docx)", (".docx",), "gaic_lint.readers.docx:read_docx",
           media_types=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
           containers=(ZIP,), extra="docx", fixable=True),
    Reader("doc", "旧版 Word/WPS", (".doc", ".wps"), "gaic_lint.readers.legacy:read_legacy",
           media_types=("application/msword", "application/vnd.ms-word", "application/kswps"),
           containers=(CFB,), extra="doc"),
    Reader("pdf", "PDF", (".pdf",), "gaic_lint.readers.pdf:read_pdf",
           media_types=("application/pdf", "application/x-pdf"), sniff=_pdf, extra="pdf"),
    Reader("html", "HTML", (".html", ".htm", ".xhtml"), "gaic_lint.readers.html:read_html",
           media_types=("text/html", "application/xhtml+xml"), sniff=_html, extra="html"),
)

_readers: dict[str, Reader] = {r.name: r for r in BUILTIN}


def register(reader: Reader) -> None:
    """Add a plugin's reader. A built-in format cannot be replaced."""
    if reader.name in {r.name for r in BUILTIN}:
        raise ValueError(f"格式“{reader.name}”是内置格式，不能由插件替换")
    taken = {ext: r.name for r in _readers.values() if r.name != reader.name for ext in r.extensions}
    clash = [ext for ext in reader.extensions if ext in taken]
    if clash:
        raise ValueError(f"扩展名 {', '.join(clash)} 已属于格式“{taken[clash[0]]}”")
    _readers[reader.name] = reader


def readers() -> list[Reader]:
    return list(_readers.values())


def get(name: str) -> Reader:
    return _readers[name]


def extensions() -> dict[str, str]:
    """extension -> format name."""
    return {ext: r.name for r in _readers.values() for ext in r.extensions}


def media_types() -> dict[str, str]:
    """HTTP content type -> format name."""
    return {media: r.name for r in _readers.values() for media in r.media_types}


def fixable() -> tuple[str, ...]:
    return tuple(r.name for r in _readers.values() if r.fixable)


def label(name: str) -> str:
    reader = _readers.get(name)
    return reader.label if reader else {ZIP: "ZIP 压缩包", CFB: "OLE 复合文档"}.get(name, name)


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves declare, when they declare one; a container (ZIP, CFB) goes
    to the reader that accepts it."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04"):
        container = ZIP
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        container = CFB
    else:
        container = None
    for reader in _readers.values():
        if container is not None and container in reader.containers:
            return reader.name
        if container is None and reader.sniff is not None and reader.sniff(head):
            return reader.name
    return container


def format_for(path: str) -> str | None:
    """The format a file's extension names."""
    return extensions().get(os.path.splitext(path)[1].lower())


def read_bytes(path: str, data: bytes, options: ReaderOptions, declared: str | None = None) -> Document:
    """Read bytes already in memory; `declared` is the format the source claims (default: by extension)."""
    declared = declared or format_for(path)
    actual = sniff(data)
    fmt = declared
    notices: list[Notice] = []
    if actual and actual != declared:
        if declared is not None:
            notices.append(Notice(codes.FORMAT_MISMATCH, f"扩展名表明是{label(declared)}，但文件内容是"
                                  f"{label(actual)}，按实际内容读取", Location(), Severity.WARNING))
        fmt = actual
    if fmt is None:
        fmt = "text"
    try:
        reader = get(fmt)
    except KeyError:
        raise InputError(path, f"暂不支持读取{label(fmt)}文件") from None
    try:
        read_function = reader.load()
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("gaic_lint"):
            raise InputError(path, f"暂不支持读取{reader.label}文件") from None
        raise InputError(path, f"读取{reader.label}文件需要安装 {exc.name}："
                               f"pip install 'gaic-lint[{reader.extra or fmt}]'") from None
    doc = read_function(path, data, options)
    doc.notices[:0] = notices
    return doc
