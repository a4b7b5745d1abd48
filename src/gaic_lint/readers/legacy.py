""".doc and .wps (OLE compound files): converted to .docx by LibreOffice when it is installed.

A password-protected .docx is an OLE compound file too (the encrypted package sits in a stream named
"EncryptedPackage", described by "EncryptionInfo"); it is recognised here and refused with its own
message, since converting it would only fail on the password.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .. import codes
from ..model import Document, InputError, Location, Notice, Severity
from .registry import ReaderOptions

DEFAULT_TIMEOUT = 120  # seconds; a first LibreOffice start with a fresh profile takes a few

_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def is_encrypted_ooxml(data: bytes) -> bool:
    return any(name in data for name in _ENCRYPTED_STREAMS)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_legacy(path: str, data: bytes, options: ReaderOptions) -> Document:
    if is_encrypted_ooxml(data):
        raise InputError(path, "文件已加密（设置了打开密码），请去除密码后另存为 .docx")
    ext = os.path.splitext(path)[1].lower()
    kind = ".wps" if ext == ".wps" else ".doc"
    soffice = find_soffice()
    if soffice is None:
        raise InputError(path, f"这是旧版 Word/WPS 文件（{kind}），无法直接检查：请用 Word 或 WPS 打开后"
                               "“另存为” .docx 再检查（或安装 LibreOffice，本工具会自动转换）")
    timeout = DEFAULT_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="gaic-lint-") as tmp:
        folder = Path(tmp)
        source = folder / ("input" + kind)
        source.write_bytes(data)
        out_dir = folder / "out"
        # A private profile: a user's running LibreOffice would otherwise lock the default one.
        command = [soffice, "-env:UserInstallation=" + (folder / "profile").as_uri(), "--headless",
                   "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"用 LibreOffice 转换 {kind} 文件超过 {timeout} 秒仍未完成，"
                                   "请用 Word 或 WPS 另存为 .docx 后再检查") from None
        except OSError as exc:
            raise InputError(path, f"无法启动 LibreOffice 转换 {kind} 文件（{exc.strerror or exc}），"
                                   "请用 Word 或 WPS 另存为 .docx 后再检查") from None
        converted = out_dir / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise InputError(path, f"LibreOffice 无法转换该 {kind} 文件（文件可能已损坏或设置了密码），"
                                   "请用 Word 或 WPS 打开后另存为 .docx 再检查")
        converted_data = converted.read_bytes()

    from .docx import read_docx

    doc = read_docx(path, converted_data, options)
    doc.format = "doc"
    doc.notices.insert(0, Notice(
        codes.CONVERTED, f"旧版 {kind} 文件已用 LibreOffice 转换为 .docx 后检查；段落和表格的位置按转换后的文件计算，"
                "建议用 Word 或 WPS 另存为 .docx 后发布和检查", Location(), Severity.INFO,
        evidence=f"转换工具：{os.path.basename(soffice)}"))
    return doc
