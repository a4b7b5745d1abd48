"""Readers turn one file format into a flat `Document` of blocks and raw tables.

Each format lives in its own module and is imported only when a file of that format is read, so
linting a Markdown file never imports lxml or pdfplumber.
"""

from __future__ import annotations

import errno
import os
import stat

from ..model import Document, InputError
from .registry import ReaderOptions, format_for, read_bytes

__all__ = ["ReaderOptions", "format_for", "read", "read_bytes"]


def read(path: str, options: ReaderOptions | None = None) -> Document:
    """Read any supported file or http(s) URL. Raises InputError with a Chinese message for anything
    unreadable."""
    options = options or ReaderOptions()
    if path[:8].lower().startswith(("http://", "https://")):
        from .fetch import read_url

        return read_url(path, options)
    p = path or "."  # as pathlib names the empty path
    try:
        if os.path.isdir(p):
            raise InputError(path, "这是一个文件夹，不是文件，其中也没有可检查的报告文件"
                                   "（.docx .pdf .html .md .txt 等）")
        st = os.stat(p)
        if not stat.S_ISREG(st.st_mode):
            # A device (/dev/zero reports size 0 and never ends) or a FIFO (blocks until a writer comes).
            raise InputError(path, "不是普通文件（设备、管道或套接字），未读取")
        size = st.st_size
        limit = options.max_file_size
        if limit and size > limit:
            raise InputError(path, f"文件大小 {size} 字节超过上限 {limit} 字节（可用 max-file-size 调整）")
        with open(p, "rb") as fh:
            if limit:
                # As much as the size read a moment ago, and one byte more: asking for the limit
                # would allocate that much for every file. A file that grows meanwhile is read on,
                # no further than the limit.
                data = fh.read(size + 1)
                if len(data) > size:
                    data += fh.read(limit + 1 - len(data))
            else:
                data = fh.read()
        if limit and len(data) > limit:
            raise InputError(path, f"文件超过大小上限 {limit} 字节（可用 max-file-size 调整）")
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
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise InputError(path, "文件为空")
    return read_bytes(path, data, options)
