"""Readers turn one file format into a flat `Document` of blocks and raw tables.

Each format lives in its own module and is imported only when a file of that format is read, so
linting a Markdown file never imports lxml or pdfplumber.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .. import codes
from ..model import Document, InputError, Location, Notice, Severity
from . import registry
from .registry import ReaderOptions


def format_for(path: str) -> str | None:
    return registry.extensions().get(os.path.splitext(path)[1].lower())


def read(path: str, options: ReaderOptions | None = None) -> Document:
    """Read any supported file or http(s) URL. Raises InputError with a Chinese message for anything
    unreadable."""
    options = options or ReaderOptions()
    if path[:8].lower().startswith(("http://", "https://")):
        from .fetch import read_url

        return read_url(path, options)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(path, "这是一个文件夹，不是文件，其中也没有可检查的报告文件"
                                   "（.docx .pdf .html .md .txt 等）")
        size = p.stat().st_size
        limit = options.max_file_size
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


def read_bytes(path: str, data: bytes, options: ReaderOptions, declared: str | None = None) -> Document:
    """Read bytes already in memory; `declared` is the format the source claims (default: by extension)."""
    declared = declared or format_for(path)
    actual = registry.sniff(data)
    fmt = declared
    notices: list[Notice] = []
    if actual and actual != declared:
        if declared is not None:
            notices.append(Notice(codes.FORMAT_MISMATCH, f"扩展名表明是{registry.label(declared)}，但文件内容是"
                                  f"{registry.label(actual)}，按实际内容读取", Location(), Severity.WARNING))
        fmt = actual
    if fmt is None:
        fmt = "text"
    try:
        reader = registry.get(fmt)
    except KeyError:
        raise InputError(path, f"暂不支持读取{registry.label(fmt)}文件") from None
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
