"""The OOXML package, read defensively: the ZIP container (size caps against compression bombs,
damaged archives), XML parts (no DTDs, no entities, no network) and relationships between parts."""

from __future__ import annotations

import codecs
import posixpath
import re
import zlib
from _thread import get_ident

from ...model import InputError
from . import directory

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Real document.xml parts are a few MB; parsing a 200 MB one would take gigabytes of memory.
DEFAULT_MAX_PART_SIZE = 50 * 1024 * 1024


_STORED, _DEFLATED = 0, 8  # zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


def open_zip(path: str, data: bytes) -> directory.Directory | zipfile.ZipFile:
    """The package's directory: read directly when it is plain, else by zipfile, which says what is
    wrong with it."""
    plain = directory.read(data)
    if plain is not None:
        return plain
    import io
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04"):
            raise InputError(path, "Word 文件不完整或已损坏（ZIP 目录缺失，可能是下载或复制中断），"
                                   "请重新获取原文件或用 Word/WPS 打开后另存为 .docx") from None
        raise InputError(path, "不是有效的 Word (.docx) 文件：文件内容不是 ZIP 格式，"
                               "请用 Word/WPS 打开后另存为 .docx") from None
    except NotImplementedError as exc:  # a directory entry asking for a ZIP version zipfile lacks
        raise InputError(path, f"Word 文件使用了不支持的 ZIP 格式（{exc}），文件可能已损坏，"
                               "请用 Word/WPS 打开后另存为 .docx") from None
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"Word 文件已损坏，无法打开（{exc}）") from None
    return zf


def read_part(path: str, zf: directory.Directory | zipfile.ZipFile, data: bytes, name: str, limit: int) -> bytes:
    """A part's bytes, refusing before inflating when its declared size is over the limit, and
    inflating with the same cap in case the declared size lies. `data` is the archive `zf` reads."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise InputError(path, f"Word 文件中的 {name} 解压后有 {info.file_size} 字节，超过上限 {limit} 字节，"
                               "拒绝读取（文件可能是恶意构造的压缩炸弹；可用 max-part-size 调整上限）")
    plain = _inflate(data, info)
    if plain is not None:
        return plain
    import zipfile  # for its exceptions: it reads the part

    try:
        with zf.open(info) as fh:
            chunks, total = [], 0
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise InputError(path, f"Word 文件中的 {name} 解压后超过上限 {limit} 字节，拒绝读取"
                                           "（压缩包声明的大小与实际不符，文件可能是恶意构造的）")
                chunks.append(chunk)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise InputError(path, f"Word 文件已损坏：{name} 无法解压（{_zip_cause(exc)}），"
                               "请重新获取原文件或用 Word/WPS 打开后另存为 .docx") from None
    except NotImplementedError:
        raise InputError(path, f"Word 文件中的 {name} 使用了不支持的压缩方式，请用 Word/WPS 另存为 .docx") from None
    except RuntimeError as exc:  # zipfile's "encrypted, password required"
        raise InputError(path, f"Word 文件中的 {name} 被 ZIP 密码保护（{exc}），请去除密码后另存为 .docx") from None
    return b"".join(chunks)


def _inflate(data: bytes, info: directory.Entry | zipfile.ZipInfo) -> bytes | None:
    """The part inflated straight from the archive's bytes when nothing about it is unusual, else
    None, and zipfile reads it (and says what is wrong). zipfile's file object costs as much as
    inflating a small part, and its reads in pieces as much again for a large one. Taken only when
    zipfile would take the same bytes without complaint: a local header that agrees with the
    directory, no encryption, stored or deflated data that ends where the directory says, inflating
    to the declared size (never more: a part that lies about its size goes to zipfile, which applies
    the limit) with the declared checksum."""
    start = info.header_offset
    if (info.flag_bits & 0x61 or info.compress_type not in (_STORED, _DEFLATED)
            or start < 0 or data[start:start + 4] != b"PK\x03\x04" or not info.orig_filename.isascii()):
        return None  # encrypted, patched or strongly encrypted (flag bits 0, 5, 6); another method
    name_end = start + 30 + int.from_bytes(data[start + 26:start + 28], "little")
    begin = name_end + int.from_bytes(data[start + 28:start + 30], "little")
    end = begin + info.compress_size
    # Python versions that refuse entries overlapping the next one (zip bombs) note where it starts.
    overlap = getattr(info, "_end_offset", None)
    if data[start + 30:name_end] != info.orig_filename.encode() or end > len(data) or (overlap is not None and end > overlap):
        return None
    if info.compress_type == _STORED:
        plain = data[begin:end]
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            plain = inflater.decompress(memoryview(data)[begin:end], info.file_size + 1)
        except zlib.error:
            return None
        if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
            return None
    if len(plain) != info.file_size or zlib.crc32(plain) != info.CRC:
        return None
    return plain


def part_key(zf: directory.Directory | zipfile.ZipFile, data: bytes, name: str, limit: int) -> bytes | None:
    """Everything `read_part` reads of a part: its local header, its compressed bytes, the directory's
    name, sizes, checksum, method and flags, and the size limit. Two packages with equal keys inflate
    the part to the same bytes with the same outcome, so what was made of it once (a parsed styles part)
    serves both. The bytes themselves, not a digest of them: a dict compares them whole, and hashlib's
    import (OpenSSL's) costs a short run more than they do. None when the local header lies outside
    the file."""
    info = zf.getinfo(name)
    start = info.header_offset
    if start < 0 or start + 30 > len(data):
        return None
    end = (start + 30 + int.from_bytes(data[start + 26:start + 28], "little")
           + int.from_bytes(data[start + 28:start + 30], "little") + info.compress_size)
    if end > len(data):
        return None
    return data[start:end] + repr((name, info.compress_type, info.compress_size, info.file_size, info.CRC,
                                   info.flag_bits, limit)).encode()


def _zip_cause(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验和错误"
    if isinstance(exc, zlib.error):
        return "压缩数据流损坏"
    if isinstance(exc, EOFError):
        return "数据被截断"
    return text or type(exc).__name__


# One parser per thread, by thread id (`_thread`, which the interpreter has loaded, rather than
# threading.local, whose module a run that starts no thread would import for it alone). A thread
# that ended leaves its parser to whichever thread gets its id next; past 64 ids all are dropped
# (a thread using one keeps it), so that threads made one per file cannot pile parsers up.
_PARSERS: dict[int, object] = {}
_MAX_PARSERS = 64


def xml_parser():
    """The XML parser of this thread, made once: a report has five parts to parse (relationships
    twice, document, styles, numbering), and a new parser for each sets up libxml2's parser context
    anew. lxml parsers must not be shared between threads."""
    parser = _PARSERS.get(get_ident())
    if parser is None:
        from lxml import etree

        if len(_PARSERS) >= _MAX_PARSERS:
            _PARSERS.clear()
        parser = _PARSERS[get_ident()] = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                                                         remove_comments=True, remove_pis=True, load_dtd=False)
    return parser


def parse_xml(path: str, name: str, data: bytes):
    from lxml import etree

    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        text = str(getattr(exc, "msg", None) or exc)
        if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
            raise InputError(path, _dtd_message(name)) from None
        if "Excessive depth" in text:
            raise InputError(path, f"Word 文件中的 {name} 元素嵌套超过 256 层（例如表格中层层套表格），"
                                   "超出 XML 解析器的安全上限，拒绝读取") from None
        raise InputError(path, f"Word 文件已损坏：{name} 不是有效的 XML（{text}）") from None
    if root is None:
        raise InputError(path, f"Word 文件已损坏：{name} 为空")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(path, _dtd_message(name))
    return root


# Formatting and bookkeeping elements of document.xml that nothing reads (fonts, sizes, spacing,
# borders, shading, widths, bookmarks): they are two thirds of the bytes of a typical report and
# most of its elements. Never a name the reader looks at, in any namespace.
_UNREAD = (b"rFonts", b"sz", b"szCs", b"lang", b"kern", b"color", b"b", b"bCs", b"i", b"iCs", b"u", b"shd",
           b"spacing", b"ind", b"jc", b"keepNext", b"keepLines", b"widowControl", b"suppressLineNumbers",
           b"suppressAutoHyphens", b"snapToGrid", b"adjustRightInd", b"autoSpaceDE", b"autoSpaceDN",
           b"textAlignment", b"rStyle", b"noProof", b"w", b"position", b"vertAlign", b"highlight",
           b"top", b"left", b"bottom", b"right", b"insideH", b"insideV", b"tcW", b"vAlign", b"trHeight",
           b"tblW", b"tblInd", b"tblLayout", b"tblLook", b"tblStyle", b"gridCol", b"cantSplit",
           b"tblHeader", b"bookmarkStart", b"bookmarkEnd", b"proofErr", b"lastRenderedPageBreak",
           b"pgSz", b"pgMar", b"cols", b"docGrid")


# First letters of Word's element names, most frequent first in a report's document part: the
# engine checks a tag's first letter against the groups in turn, so frequent tags (t, r, sz, p,
# vAlign, jc, ind) get there sooner. Every name needs a delimiter after it, so no two branches
# match at the same place and the order changes only the cost.
_FREQUENT_FIRST = b"trspvjibglkwcd"


def _names(tails: dict[bytes, bytes]) -> bytes:
    """An alternation of element names, each followed by its pattern in `tails`, grouped by first
    letter: the regex engine tries branches one by one at each of the thousands of tags, and the
    grouping lets it drop all but one at once."""
    groups: dict[bytes, dict[bytes, list[bytes]]] = {}
    for word in sorted(tails, key=len, reverse=True):  # longest first: no name stops at a prefix
        groups.setdefault(word[:1], {}).setdefault(tails[word], []).append(word[1:])
    order = sorted(groups, key=lambda first: _FREQUENT_FIRST.find(first) % (len(_FREQUENT_FIRST) + 1))
    return b"(?:" + b"|".join(
        first + b"(?:" + b"|".join(b"(?:" + b"|".join(rest) + b")" + tail for tail, rest in groups[first].items()) + b")"
        for first in order) + b")"


# Only an element that is certainly well-formed on its own is cut: attributes of the w prefix, one
# space apart (as Word writes them) with quoted values free of markup and control characters (the
# caller checks the encoding), so that cutting never turns a broken part into one that parses. The
# value's bytes are listed rather than excluded ([^"<&\x00-\x1f]): the engine then tests each byte
# against its bitmap once, without a negation, and values are most of the bytes cut.
_ATTRIBUTES = rb'(?: w:[A-Za-z]++="[\x20\x21\x23-\x25\x27-\x3b\x3d-\xff]*+")*+/>'
_LEAF = b"<w:" + _names(dict.fromkeys(_UNREAD, _ATTRIBUTES))


def _shell(name: bytes, content: bytes) -> bytes:
    """What follows the name of a property element whose content is nothing but `content`, up to
    its closing tag, unless another element of its name follows."""
    return b">(?:" + content + b")*+</w:" + name + rb">(?!\s*+<w:" + name + rb"[\s>/])"


# A property element left empty by the cut (the run, paragraph, cell and row properties of most
# content: a third of the elements of a table) is cut whole, when its content is nothing but unread
# leaves (a paragraph's may hold the run properties of its mark). The reader takes paragraph, row
# and cell properties only from a first child, so one is kept when another of its name follows.
# Leaves and property elements share one alternation: each tag is tried against one branch.
_UNREAD_LEAF = re.compile(b"<w:" + _names({
    **dict.fromkeys(_UNREAD, _ATTRIBUTES),
    **{name: _shell(name, _LEAF) for name in (b"rPr", b"tcPr", b"trPr")},
    b"pPr": _shell(b"pPr", _LEAF + rb"|<w:rPr>(?:" + _LEAF + rb")*+</w:rPr>")}))
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding=["']([^"']*)""")
_W_PREFIX = b'xmlns:w="' + W[1:-1].encode() + b'"'


def parse_document(path: str, name: str, data: bytes):
    """The main document part, parsed without the formatting elements nothing reads."""
    return read_document(path, name, data)[0]


def read_document(path: str, name: str, data: bytes):
    """The main document part, parsed without the formatting elements nothing reads, and whether
    every text of it past the root's start tag is the text of a run (`_run_text_only`). libxml2's time
    goes with the number of elements, and cutting them out of the bytes with one regular expression
    costs a third of parsing them. Cut only where the prefix w is Word's namespace on the root and
    the part is UTF-8, and when the rest does not parse, parse the original for its own message.
    (What cutting cannot keep: a part whose one fault is a repeated attribute of a cut element, or
    a cut element just past the parser's depth limit, is read rather than refused.)"""
    head = data[:4096]
    root_tag = head.find(b"<w:document")
    declared = _ENCODING.match(head)
    if (root_tag < 0 or head.count(b"<", 0, root_tag) > 1  # the root after the XML declaration alone
            or _W_PREFIX not in head[root_tag:head.find(b">", root_tag)] or b"<![CDATA[" in data
            or (declared and declared.group(1).lower() not in (b"utf-8", b"utf8"))):
        return parse_xml(path, name, data), False
    if not _utf8(data):
        return parse_xml(path, name, data), False
    from lxml import etree

    try:
        # Word marks most text runs xml:space="preserve"; libxml2 keeps every space anyway (blank
        # text is never removed), and the attribute costs a tenth of parsing what the cut leaves.
        # The whole start tag is matched, so no attribute of it can be repeated or malformed.
        lean = _UNREAD_LEAF.sub(b"", data).replace(b'<w:t xml:space="preserve">', b"<w:t>")
        root = etree.fromstring(lean, xml_parser())
    except etree.XMLSyntaxError:
        return parse_xml(path, name, data), False
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(path, _dtd_message(name))
    return root, _run_text_only(lean, lean.find(b">", root_tag))


# A text that follows the end of anything but a start tag <w:t> (see `_run_text_only`).
_NOT_RUN_TEXT = re.compile(rb">[^<](?<!<w:t>[^<])")


def _run_text_only(lean: bytes, start: int) -> bool:
    """Whether every text of a parsed part past `start` (the end of the root's start tag) directly
    follows a start tag `<w:t>`, and no element binds the prefix w anew. A text begins after the ">"
    ending a tag, comment or instruction (there is no CDATA here), and libxml2 joins the characters
    and references of one text, so each text is then the content of a w:t before any child of it.
    Word writes no other text into its document part; fields, deleted text, formulas and indentation
    for people to read make this false (as may a ">" in a text or comment: false is always safe)."""
    return (lean.find(b"xmlns:w", start) < 0
            and _NOT_RUN_TEXT.search(lean, start, lean.rfind(b">") + 1) is None)


def _utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8, decoded 64 KB at a time: decoding a part at once builds a string twice
    its size (Chinese text makes it two bytes a character), and allocating and filling that much fresh
    memory costs three times the check itself."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 1 << 16):
            decoder.decode(view[start:start + (1 << 16)])
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return False
    return True


def _dtd_message(name: str) -> str:
    # Word never writes a DTD (the OOXML standard forbids one); a part that declares entities is built
    # to expand them (billion laughs) or to pull in local files (XXE). Entities are never resolved,
    # but nor is such a file read as if it were a report.
    return (f"Word 文件中的 {name} 含有 DTD（<!DOCTYPE>/实体声明），正常的 Word 文件不会有，"
            "文件可能是恶意构造的（实体膨胀或外部实体攻击），拒绝读取")


def relationships(path: str, zf: directory.Directory | zipfile.ZipFile, data: bytes, names: set[str], rels_name: str,
                  limit: int) -> dict[str, str]:
    """Relationship type suffix -> target part name (resolved against the source part's folder)."""
    if rels_name not in names:
        return {}
    part = read_part(path, zf, data, rels_name, limit)
    found = _plain_relationships(part)
    if found is None:
        found = [rel.attrib for rel in parse_xml(path, rels_name, part).iter(_REL_NS + "Relationship")]
    base = posixpath.dirname(posixpath.dirname(rels_name))
    out: dict[str, str] = {}
    for rel in found:
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.setdefault(kind, target)
    return out


# A relationships part as Word, WPS, LibreOffice and python-docx write it: one of their XML
# declarations, the root with its namespace as its one attribute, empty Relationship elements (spaces
# between them) with attributes one space apart and values of printable ASCII free of markup, then
# nothing but spaces and comments. Such a part is well-formed once no attribute of an element repeats, and is read without
# a parser: setting one up and parsing costs as much as reading a small part. Anything else is parsed.
_ASCII_VALUE = rb'"[\x20\x21\x23-\x25\x27-\x3b\x3d-\x7e]*+"'
_COMMENT_CHAR = rb"[\x09\x0a\x0d\x20-\x2c\x2e-\x7e]"
_REL_ELEMENT = re.compile(rb"<Relationship(?: [A-Za-z]++=" + _ASCII_VALUE + rb")*+/>")
_REL_PART = re.compile(
    rb"""(?:<\?xml version=(["'])1\.0\1 encoding=\1UTF-8\1(?: standalone=\1yes\1)?\?>)?[ \t\r\n]*+"""
    rb'<Relationships xmlns="http://schemas\.openxmlformats\.org/package/2006/relationships">'
    rb"(?P<elements>(?:[ \t\r\n]*+" + _REL_ELEMENT.pattern + rb")*+)[ \t\r\n]*+</Relationships>"
    rb"(?:[ \t\r\n]++|<!--(?:" + _COMMENT_CHAR + rb"|-" + _COMMENT_CHAR + rb")*+-->)*+")
_REL_ATTRIBUTE = re.compile(rb' ([A-Za-z]++)="([^"]*+)"')


def _plain_relationships(part: bytes) -> list[dict[str, str]] | None:
    """The attributes of each Relationship of a part written as `_REL_PART` says, else None."""
    whole = _REL_PART.fullmatch(part)
    if whole is None:
        return None
    found = []
    for element in _REL_ELEMENT.finditer(part, *whole.span("elements")):
        pairs = _REL_ATTRIBUTE.findall(element.group())
        attributes = {name.decode(): value.decode() for name, value in pairs}
        if len(attributes) != len(pairs):
            return None  # a repeated attribute: the parser says what is wrong
        found.append(attributes)
    return found
