"""The character set of a web page: the user's --encoding, a BOM, the HTTP header, `<meta charset>`,
then detection."""

from __future__ import annotations

import codecs
import re

from ...text.charsets import codec_for, plausible_chinese
from ..encoding import decode
from ..registry import ReaderOptions

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes, path: str, options: ReaderOptions) -> tuple[str, str]:
    """The user's --encoding, a BOM, the HTTP header, `<meta charset>`, then detection.

    A declared charset that does not decode the bytes is a mislabelled page (common: `gb2312`
    declared, UTF-8 served, or the reverse); detection then decides.
    """
    if options.encoding:
        return decode(data, path, options.encoding)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    declared = []
    for name in (options.http_charset, *(m.group(1).decode("ascii", "replace")
                                               for m in _META_CHARSET.finditer(data[:8192]))):
        charset = codec_for(name)
        if charset and charset not in declared:
            declared.append(charset)
    for charset in declared:
        if charset in ("latin-1", "iso8859-1", "cp1252", "ascii"):
            # Pages that declare a Western charset but carry Chinese text were saved by tools that
            # default to it; the bytes are UTF-8 or GB18030, which detection recognises.
            continue
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if charset == "gb18030" and not plausible_chinese(text):
            continue
        return text, charset
    return decode(data, path)
