"""A PDF's compressed streams, measured before pdfium or pdfminer sees the file: both decode a page's
content stream whole, and 1.5 MB of Flate or LZW can decode to 1.5 GB, which aborts the process under
a memory ceiling. Streams are decoded in bounded pieces and counted, not kept."""

from __future__ import annotations

import re
import zlib

from ...model import InputError

_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# The filters that can expand more than a hundredfold; the others (run-length, ASCII) cannot, and
# image codecs (DCT, JPX, JBIG2, CCITT) are not decoded to read text.
_FILTER = re.compile(rb"/(FlateDecode|Fl|LZWDecode|LZW)\b")
# Images are not decoded to read text and a scan can be large, so an image may be eight times the
# limit and is not counted in the total; a content stream that calls itself an image is still stopped.
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_IMAGE_FACTOR = 8
_DICT_LOOKBACK = 4096
_CHUNK = 1 << 16
_MAX_LAYERS = 4


def check_streams(path: str, data: bytes, limit: int) -> None:
    """Refuse a PDF when one of its Flate or LZW streams decodes past `limit` bytes (an image: eight
    times that), or its other streams together past four times that."""
    budget = 4 * limit
    for start, end in _stream_starts(data):
        head = data[max(0, start - _DICT_LOOKBACK):start]
        head = head[head.rfind(b"obj") + 1:]
        filters = [name.startswith(b"L") for name in _FILTER.findall(head)][:_MAX_LAYERS]  # True: LZW
        if not filters:
            continue
        image = _IMAGE.search(head) is not None
        most = limit * _IMAGE_FACTOR if image else limit
        size = _decoded_size(data, end, filters, most)
        if size > most:
            raise InputError(path, f"PDF 中有数据流解压后超过上限 {most} 字节，拒绝读取（文件可能是恶意构造的"
                                   "压缩炸弹；可用 max-part-size 调整上限）")
        if not image:
            budget -= size
        if budget < 0:
            raise InputError(path, f"PDF 中的数据流解压后共超过 {4 * limit} 字节，拒绝读取（文件可能是恶意构造的"
                                   "压缩炸弹；可用 max-part-size 调整上限）")


def _stream_starts(data: bytes):
    """(where the keyword starts, where the stream's data starts) of every `stream` keyword standing
    as a word ("endstream" is not one) and followed by its end of line. A search for the word, not a
    regular expression tried at every byte of the file, which took longer than the decoding."""
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if at == 0 or data[at - 1] not in _WORD:
            if data.startswith(b"\r\n", after):
                yield at, after + 2
            elif data.startswith(b"\n", after) or data.startswith(b"\r", after):
                yield at, after + 1
        at = data.find(b"stream", after)


def _decoded_size(data: bytes, start: int, filters: list[bool], limit: int) -> int:
    """Bytes the stream at `start` decodes to through `filters` (in order; True for LZW, False for
    Flate), counting no further than just past `limit`; a stream that is not valid counts what it
    gave before the error. The outer layers of a chain are kept (at most `limit` bytes each)."""
    for lzw in filters[:-1]:
        parts: list[bytes] = []
        (_lzw if lzw else _inflate)(data, start, limit, parts.append)
        data, start = b"".join(parts), 0
    return (_lzw if filters[-1] else _inflate)(data, start, limit, None)


def _inflate(data: bytes, start: int, limit: int, sink) -> int:
    out = zlib.decompressobj()
    total, pos = 0, start
    try:
        while pos < len(data) and not out.eof and total <= limit:
            pending = data[pos:pos + _CHUNK]
            pos += _CHUNK
            while pending and total <= limit:
                chunk = out.decompress(pending, limit + 1 - total)
                pending = out.unconsumed_tail
                total += len(chunk)
                if sink is not None and chunk:
                    sink(chunk)
    except zlib.error:
        pass
    return total


def _lzw(data: bytes, start: int, limit: int, sink) -> int:
    """PDF's LZW (early change), as pdfium reads it; the table holds at most 4,096 entries."""
    table = [bytes((i,)) for i in range(256)] + [b"", b""]
    bits, acc, held, pos, total, old = 9, 0, 0, start, 0, None
    end = len(data)
    while total <= limit:
        while held < bits:
            if pos >= end:
                return total
            acc = ((acc << 8) | data[pos]) & 0xFFFFFF
            pos += 1
            held += 8
        held -= bits
        code = (acc >> held) & ((1 << bits) - 1)
        if code == 257:
            break
        if code == 256:
            del table[258:]
            bits, old = 9, None
            continue
        if code < len(table) and (code < 256 or code > 257):
            decoded = table[code]
            if old is not None:
                table.append(table[old] + decoded[:1])
        elif code == len(table) and old is not None:
            decoded = table[old] + table[old][:1]
            table.append(decoded)
        else:
            break  # not LZW: pdfium stops here too
        if len(table) > 4096:
            table.pop()
        elif len(table) in (511, 1023, 2047):
            bits += 1
        total += len(decoded)
        if sink is not None:
            sink(decoded)
        old = code
    return total
