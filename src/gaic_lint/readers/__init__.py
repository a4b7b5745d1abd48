"""Readers turn one file format into a flat `Document` of blocks and raw tables.

Each format lives in its own module and is imported only when a file of that format is read, so
linting a Markdown file never imports lxml or pdfplumber.
"""

from __future__ import annotations

import errno
import importlib
import os
from pathlib import Path

from ..model import Document, InputError, Location, Notice, Severity

# format name -> (module, function). The function takes (path, data, options) and returns a Document.
_READERS = {
    "text": ("gaic_lint.readers.text", "read_text"),
    "markdown": ("gaic_lint.readers.text", "read_text"),
    "docx": ("gaic_lint.readers.docx", "read_docx"),
    "doc": ("gaic_lint.readers.legacy", "read_legacy"),
    "pdf": ("gaic_lint.readers.pdf", "read_pdf"),
    "html": ("gaic_lint.readers.html", "read_html"),
}

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_FORMAT_ZH = {"text": "纯文本", "markdown": "Markdown", "docx": "Word (.docx)", "doc": "旧版 Word/WPS",
              "pdf": "PDF", "html": "HTML", "zip": "ZIP 压缩包", "cfb": "OLE 复合文档"}


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves declare, when they declare one."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "cfb"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:256]:
        return "html"
    return None


def format_for(path: str) -> str | None:
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def read(path: str, options: dict | None = None) -> Document:
    """Read any supported file or http(s) URL. Raises InputError with a Chinese message for anything
    unreadable."""
    options = options or {}
    if path[:8].lower().startswith(("http://", "https://")):
        from .fetch import read_url

        return read_url(path, options)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(path, "这是一个文件夹，不是文件，其中也没有可检查的报告文件"
                                   "（.docx .pdf .html .md .txt 等）")
        size = p.stat().st_size
        limit = options.get("max_file_size")
        if limit and size > limit:
            raise InputError(path, f"文件大小 {size} 字节超过上限 {limit} 字节（可用 max-file-size 调整）")
        with open(p, "rb") as fh:
            data = fh.read()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except PermissionError:
        raise InputError(path, "没有读取该文件的权限") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "无法读取文件：符号链接循环（链接层层指向，最终又指回自己）") from None
        raise InputError(path, f"无法读取文件：{exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(path, "文件为空")
    return read_bytes(path, data, options)


def read_bytes(path: str, data: bytes, options: dict, declared: str | None = None) -> Document:
    """Read bytes already in memory; `declared` is the format the source claims (default: by extension)."""
    declared = declared or format_for(path)
    actual = sniff(data)
    fmt = declared
    notices: list[Notice] = []
    if actual == "zip":
        actual = "docx"
    elif actual == "cfb":
        # Old binary Word/WPS files and password-protected OOXML are both OLE compound files.
        actual = "doc"
    if actual and actual != declared:
        if declared is not None:
            notices.append(Notice("F003", f"扩展名表明是{_FORMAT_ZH.get(declared, declared)}，但文件内容是"
                                  f"{_FORMAT_ZH.get(actual, actual)}，按实际内容读取", Location(),
                                  Severity.WARNING))
        fmt = actual
    if fmt is None:
        fmt = "text"
    module_name, func_name = _READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("gaic_lint"):
            raise InputError(path, f"暂不支持读取{_FORMAT_ZH.get(fmt, fmt)}文件") from None
        raise InputError(path, f"读取{_FORMAT_ZH.get(fmt, fmt)}文件需要安装 {exc.name}："
                               f"pip install 'gaic-lint[{fmt}]'") from None
    reader = getattr(module, func_name)
    if fmt in ("text", "markdown"):
        doc = reader(path, data, options.get("encoding"), markdown=(fmt == "markdown"))
    else:
        doc = reader(path, data, options)
    doc.notices[:0] = notices
    return doc
