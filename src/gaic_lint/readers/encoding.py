"""Decoding text files: BOMs, UTF-8, and the GB18030 family most Chinese .txt files are saved in."""

from __future__ import annotations

from ..model import InputError
from ..text.charsets import BOMS, plausible_chinese


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError when the bytes are not text we can trust."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"无法按指定编码 {encoding} 解码：{exc}") from None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(path, f"文件以 {name} 字节序标记开头，但内容无法按 {name} 解码（{exc.reason}，位置 {exc.start}）") from None
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM is the only text encoding with NUL bytes; anything else is binary.
        even = data[0:4096:2].count(0)
        odd = data[1:4096:2].count(0)
        guess = "utf-16-le" if odd > even else "utf-16-be"
        if max(even, odd) > len(data[:4096]) // 8:
            try:
                text = data.decode(guess)
            except UnicodeDecodeError:
                text = None
            if text is not None and plausible_chinese(text):
                return text, guess
        raise InputError(path, "文件含有二进制内容（NUL 字节），不是文本文件；请确认文件格式与扩展名一致")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（位置 {exc.start} 的字节无法解码）"
        ) from None
    if not plausible_chinese(text):
        raise InputError(path, "无法识别文件编码：按 GB18030 解码得到大量罕见字符，请另存为 UTF-8 后重试")
    return text, "gb18030"
