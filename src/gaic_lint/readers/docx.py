"""Word (.docx): WordprocessingML read directly with zipfile and lxml.

What the reader delivers and how it decides (docs/formats.md, section "Word", says it for users):

- Text is what the document reads like with every tracked change accepted: `w:ins` and `w:moveTo`
  are kept, `w:del`, `w:moveFrom` and deleted rows are dropped; a deleted paragraph mark joins the
  paragraph to the next one. Any revision left in the file gives one F004 notice.
- Fields show their result, never their code; comments, headers, footers, footnotes and drawings
  (text boxes included) are not report text. Directly hidden text (`w:vanish`) is not read.
- Automatic numbering becomes the visible text Word draws ("一、", "1.", "（二）"), counted the way
  Word counts: per abstract list, deeper levels restart when a shallower one advances, a `w:num`
  with a start override restarts. Bullets are dropped, as list markers are in Markdown.
- A soft line break (`w:br`, `w:cr`) ends a line: each line becomes its own block, as a line of a
  text file would, all located at the same paragraph. Page and column breaks are not line breaks.
- Paragraph numbers count the body paragraphs that have text, as Word's own word-count dialog
  counts paragraphs; empty paragraphs and paragraphs in tables are not counted. Tables are numbered
  in the order they start, nested tables included; a cell is (table, row, grid column), 1-based.
- Tables become grids: a `gridSpan` cell fills its first slot and covers the rest, a `vMerge`
  continuation slot is covered; slots a row skips (`gridBefore`/`gridAfter`) are covered and empty.
  Text left in a covered continuation cell stays in the slot (covered) and gives an F005 notice.
  A nested table is emitted as a table of its own, right after the table that holds it: templates
  are sometimes pasted into a one-cell layout table, and its numbers must stay bindable.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from .. import codes
from ..model import Block, Document, InputError, Location, Notice, RawCell, RawTable, Severity, Span
from ..text.numerals import format_number
from .registry import ReaderOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"

# Real document.xml parts are a few MB; parsing a 200 MB one would take gigabytes of memory.
DEFAULT_MAX_PART_SIZE = 50 * 1024 * 1024

_T, _R, _P, _TBL, _TR, _TC, _SDT = (W + t for t in ("t", "r", "p", "tbl", "tr", "tc", "sdt"))
_TAB, _BR, _CR = W + "tab", W + "br", W + "cr"
_NOBREAK_HYPHEN = W + "noBreakHyphen"
_VAL = W + "val"
_BLANK = " \t\u3000\u00a0\ufeff\u200b"


# ------------------------------------------------------------------ zip and XML


def _open_zip(path: str, data: bytes) -> zipfile.ZipFile:
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


def _read_part(path: str, zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A part's bytes, refusing before inflating when its declared size is over the limit, and
    inflating with the same cap in case the declared size lies."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise InputError(path, f"Word 文件中的 {name} 解压后有 {info.file_size} 字节，超过上限 {limit} 字节，"
                               "拒绝读取（文件可能是恶意构造的压缩炸弹；可用 max-part-size 调整上限）")
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


def _zip_cause(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验和错误"
    if isinstance(exc, zlib.error):
        return "压缩数据流损坏"
    if isinstance(exc, EOFError):
        return "数据被截断"
    return text or type(exc).__name__


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                           remove_pis=True, load_dtd=False)


def _parse_xml(path: str, name: str, data: bytes):
    from lxml import etree

    try:
        root = etree.fromstring(data, _parser())
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


def _dtd_message(name: str) -> str:
    # Word never writes a DTD (the OOXML standard forbids one); a part that declares entities is built
    # to expand them (billion laughs) or to pull in local files (XXE). Entities are never resolved,
    # but nor is such a file read as if it were a report.
    return (f"Word 文件中的 {name} 含有 DTD（<!DOCTYPE>/实体声明），正常的 Word 文件不会有，"
            "文件可能是恶意构造的（实体膨胀或外部实体攻击），拒绝读取")


def _relationships(path: str, zf: zipfile.ZipFile, names: set[str], rels_name: str, limit: int) -> dict[str, str]:
    """Relationship type suffix -> target part name (resolved against the source part's folder)."""
    if rels_name not in names:
        return {}
    root = _parse_xml(path, rels_name, _read_part(path, zf, rels_name, limit))
    base = posixpath.dirname(posixpath.dirname(rels_name))
    out: dict[str, str] = {}
    for rel in root.iter(_REL_NS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.setdefault(kind, target)
    return out


# ------------------------------------------------------------------ styles and numbering


class _Styles:
    """Paragraph styles: heading level and numbering, each resolved along the basedOn chain."""

    def __init__(self, root):
        self.based_on: dict[str, str] = {}
        self.own_level: dict[str, int | None] = {}
        self.own_num: dict[str, tuple[str | None, int | None]] = {}
        self.default: str | None = None
        self._level_cache: dict[str, int | None] = {}
        self._num_cache: dict[str, tuple[str | None, int]] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            if style.get(W + "type") not in (None, "paragraph"):
                continue
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            if style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            based = style.find(W + "basedOn")
            if based is not None and based.get(_VAL):
                self.based_on[sid] = based.get(_VAL)
            level: int | None = None
            ppr = style.find(W + "pPr")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            if outline is not None:
                level = _outline_level(outline.get(_VAL))
            else:
                name = style.find(W + "name")
                level = _level_from_name(name.get(_VAL) if name is not None else sid) or _level_from_name(sid)
            if level is not None or outline is not None:
                self.own_level[sid] = level
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                self.own_num[sid] = _num_pr(numpr)

    def heading_level(self, sid: str | None) -> int | None:
        sid = sid or self.default
        if sid is None:
            return None
        if sid in self._level_cache:
            return self._level_cache[sid]
        level, seen, cur = None, set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            if cur in self.own_level:
                level = self.own_level[cur]
                break
            cur = self.based_on.get(cur)
        self._level_cache[sid] = level
        return level

    def numbering(self, sid: str | None) -> tuple[str | None, int]:
        sid = sid or self.default
        if sid is None:
            return None, 0
        if sid in self._num_cache:
            return self._num_cache[sid]
        num_id, ilvl, seen, cur = None, None, set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            own = self.own_num.get(cur)
            if own is not None:
                if num_id is None and own[0] is not None:
                    num_id = own[0]
                if ilvl is None and own[1] is not None:
                    ilvl = own[1]
            cur = self.based_on.get(cur)
        result = (num_id, ilvl or 0)
        self._num_cache[sid] = result
        return result


def _outline_level(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n + 1 if 0 <= n <= 8 else None  # 9 means "body text"


def _level_from_name(name: str | None) -> int | None:
    if not name:
        return None
    key = name.replace(" ", "").lower()
    for prefix in ("heading", "标题"):
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            n = int(key[len(prefix):])
            return n if 1 <= n <= 9 else None
    return None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(numpr) -> tuple[str | None, int | None]:
    num = numpr.find(W + "numId")
    lvl = numpr.find(W + "ilvl")
    return (num.get(_VAL) if num is not None else None,
            _int(lvl.get(_VAL)) if lvl is not None else None)


class _Level:
    __slots__ = ("fmt", "legal", "restart", "start", "suffix", "text")

    def __init__(self, lvl):
        def val(tag, default=None):
            el = lvl.find(W + tag)
            return el.get(_VAL, default) if el is not None else default

        self.start = _int(val("start"), 1)
        self.fmt = val("numFmt", "decimal")
        self.text = val("lvlText")
        self.suffix = {"nothing": "", "space": " "}.get(val("suff", "tab"), " ")
        self.restart = _int(val("lvlRestart"))
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off")


class _Numbering:
    """numbering.xml and the running counters of every list in the document."""

    def __init__(self, root, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for absnum in root.iter(W + "abstractNum"):
            aid = absnum.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl"), 0): _Level(lvl) for lvl in absnum.iter(W + "lvl")}
            link = absnum.find(W + "numStyleLink")
            if link is not None and link.get(_VAL):
                self.style_link[aid] = link.get(_VAL)
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid_el = num.find(W + "abstractNumId")
            if nid is None or aid_el is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[ilvl] = _int(so.get(_VAL), 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _Level(lvl)
            self.nums[nid] = (aid_el.get(_VAL), overrides, starts)

    def _levels(self, aid: str) -> tuple[str, dict[int, _Level]]:
        # An abstractNum that only links to a numbering style takes the levels of that style's list.
        seen = set()
        while aid in self.style_link and aid not in seen:
            seen.add(aid)
            num_id, _ = self.styles.numbering(self.style_link[aid])
            target = self.nums.get(num_id or "")
            if target is None:
                break
            aid = target[0]
        return aid, self.abstract.get(aid, {})

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The visible number of the next paragraph of list `num_id` at level `ilvl` (and advance)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides, starts = self.nums[num_id]
        aid, levels = self._levels(aid)
        levels = {**levels, **overrides}
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in starts.items():
                if 0 <= level < 10:
                    counters[level] = start - 1
        if not 0 <= ilvl < 10:
            return ""
        counters[ilvl] = (lvl.start if counters[ilvl] is None else counters[ilvl] + 1)
        for deeper in range(ilvl + 1, 10):
            deeper_lvl = levels.get(deeper)
            if deeper_lvl is not None and deeper_lvl.restart == 0:
                continue
            if deeper_lvl is None or deeper_lvl.restart is None or deeper_lvl.restart - 1 >= ilvl:
                counters[deeper] = None
        if lvl.fmt == "bullet" or lvl.text is None:
            return ""
        text = lvl.text
        for k in range(9, -1, -1):  # %10 is not a thing; go high to low so %1 does not eat %1x
            token = f"%{k + 1}"
            if token not in text:
                continue
            other = levels.get(k)
            value = counters[k]
            if value is None:
                value = other.start if other is not None else 1
            fmt = "decimal" if (lvl.legal and k != ilvl) or other is None else other.fmt
            text = text.replace(token, format_number(value, fmt))
        return text + lvl.suffix if text else ""


# ------------------------------------------------------------------ the body

_PPR, _PSTYLE, _NUMPR, _OUTLINE = W + "pPr", W + "pStyle", W + "numPr", W + "outlineLvl"
_TRPR, _TCPR, _GRIDSPAN, _VMERGE, _HMERGE = W + "trPr", W + "tcPr", W + "gridSpan", W + "vMerge", W + "hMerge"
_GRIDBEFORE, _GRIDAFTER = W + "gridBefore", W + "gridAfter"
_RPR, _VANISH = W + "rPr", W + "vanish"
_CUSTOMXML, _SDTCONTENT = W + "customXml", W + "sdtContent"
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NOBREAK_HYPHEN)
# Containers whose children are paragraphs, tables or rows as if they stood in the parent.
_BLOCK_WRAPPERS = {_CUSTOMXML, W + "ins", W + "moveTo", _SDTCONTENT}
# Revisions Word lists as tracked changes (content and formatting).
_REVISIONS = tuple(W + t for t in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge",
                                   "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                                   "sectPrChange", "tblGridChange", "numberingChange"))
# Subtrees whose w:t is not text of the page: drawings and text boxes, alternate renderings, ruby
# annotations. Field codes (w:instrText) and deleted text (w:delText) have tags of their own.
_NOT_TEXT = (W + "drawing", W + "pict", W + "object", W + "rt",
             "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
_FALSE = ("0", "false", "off")


def _prepare(root) -> tuple[int, set, object]:
    """Accept every tracked change in place and drop what is never text, so that the walk afterwards
    can take a paragraph's text with one C-level iteration. Returns (revisions, paragraphs whose mark
    was deleted, the child of `root` holding the first revision)."""
    revisions = 0
    joined: set = set()
    marks: list = []
    doomed: list = []
    for el in root.iter(*_REVISIONS):
        revisions += 1
        marks.append(el)
        tag = el.tag
        parent = el.getparent()
        ptag = parent.tag
        if tag in (W + "del", W + "moveFrom"):
            if ptag == _RPR:
                owner = parent.getparent()
                if owner is not None and owner.tag == _PPR and owner.getparent() is not None:
                    joined.add(owner.getparent())
            elif ptag == _TRPR:
                doomed.append(parent.getparent())  # a deleted row
            else:
                doomed.append(el)
        elif tag == W + "cellDel":
            doomed.append(parent.getparent())
        elif tag.endswith("Change"):
            doomed.append(el)  # the old properties, kept for rejecting
    doomed.extend(root.iter(*_NOT_TEXT))
    for v in root.iter(_VANISH):
        rpr = v.getparent()
        run = rpr.getparent() if rpr is not None else None
        if run is not None and run.tag == _R and v.get(_VAL, "1") not in _FALSE:
            doomed.append(run)
    anchor = marks[0] if marks else None
    while anchor is not None and anchor.getparent() is not None and anchor.getparent() is not root:
        anchor = anchor.getparent()
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return revisions, joined, anchor


def _paragraph_texts(root) -> dict:
    """Every paragraph's text, keyed by its element, from one iteration over the whole body (paragraphs
    do not nest once text boxes are gone, so text belongs to the paragraph last opened). Much cheaper
    than iterating each paragraph on its own: lxml sets up a tag matcher per iteration."""
    texts: dict = {}
    current: list[str] = []
    for el in root.iter(_P, *_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            text = el.text
            if text:
                current.append(text)
        elif tag == _P:
            current = texts[el] = []
        elif tag == _TAB:
            if el.getparent().tag == _R:  # not a tab stop in paragraph properties
                current.append("\t")
        elif tag == _BR:
            if el.get(W + "type") in (None, "textWrapping"):  # page and column breaks are not lines
                current.append("\n")
        elif tag == _CR:
            current.append("\n")
        else:
            current.append("-")
    return {p: "".join(parts) for p, parts in texts.items()}


class _Reader:
    def __init__(self, path: str, styles: _Styles, numbering: _Numbering, joined: set, anchor=None,
                 texts: dict | None = None):
        self.path = path
        self.texts = texts or {}
        self.anchor = anchor  # where the first revision is; its location goes on the F004 notice
        self.anchor_location: Location | None = None
        self.styles = styles
        self.numbering = numbering
        self.joined = joined
        self.items: list[Block | RawTable] = []
        self.notices: list[Notice] = []
        self.paragraphs = 0
        self.tables = 0
        self.carry: list[str] = []  # text of paragraphs whose mark was deleted, joined to the next

    def _paragraph_text(self, p) -> tuple[str, int | None]:
        """(visible text with "\n" for soft line breaks, heading level)."""
        style = num_id = None
        ilvl: int | None = None
        level: int | None = None
        ppr = p[0] if len(p) and p[0].tag == _PPR else None  # the schema puts pPr first
        if ppr is not None:
            for c in ppr:
                tag = c.tag
                if tag == _PSTYLE:
                    style = c.get(_VAL)
                elif tag == _NUMPR:
                    num_id, ilvl = _num_pr(c)
                elif tag == _OUTLINE:
                    level = _outline_level(c.get(_VAL)) or 0
        text = self.texts.get(p, "")
        if level is None:
            level = self.styles.heading_level(style)
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style)
            if ilvl is None:
                ilvl = style_ilvl
        if num_id and num_id != "0" and (not self.joined or p not in self.joined):
            label = self.numbering.label(num_id, ilvl or 0)
            if label and text.strip(_BLANK):
                text = label + text
        return text, level or None

    # ---- body paragraphs

    def body_paragraph(self, p) -> None:
        text, level = self._paragraph_text(p)
        if self.joined and p in self.joined:
            # Accepting the deletion of a paragraph mark joins this paragraph to the next one.
            self.carry.append(text)
            return
        if self.carry:
            text = "".join(self.carry) + text
            self.carry = []
        self._emit(text, level)

    def _emit(self, text: str, level: int | None) -> None:
        if not text.strip(_BLANK + "\n"):
            return
        self.paragraphs += 1
        location = Location(paragraph=self.paragraphs)
        for line in text.split("\n"):
            stripped = line.strip(_BLANK)
            if stripped:
                self.items.append(Block(stripped, [Span(0, location)], heading_level=level))

    # ---- tables

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        nested: list = []
        rows = self._rows(tbl, number, nested)
        if rows:
            self.items.append(RawTable(rows, Location(table=number)))
        for inner in nested:
            self.table(inner)

    def _children(self, el, tag: str):
        """Children with `tag`, looking through content controls and custom XML wrappers."""
        for child in el:
            ctag = child.tag
            if ctag == tag:
                yield child
            elif ctag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif ctag in _BLOCK_WRAPPERS:
                yield from self._children(child, tag)

    def _cell_lines(self, el, lines: list[str], nested: list) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                text, _ = self._paragraph_text(child)
                lines.extend(text.split("\n"))
            elif tag == _TBL:
                nested.append(child)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self._cell_lines(content, lines, nested)
            elif tag in _BLOCK_WRAPPERS:
                self._cell_lines(child, lines, nested)

    def _rows(self, tbl, number: int, nested: list) -> list[list[RawCell]]:
        rows: list[list[RawCell]] = []
        for tr in self._children(tbl, _TR):
            before = after = 0
            trpr = tr[0] if len(tr) and tr[0].tag == _TRPR else None
            if trpr is not None:
                for c in trpr:
                    if c.tag == _GRIDBEFORE:
                        before = _int(c.get(_VAL), 0) or 0
                    elif c.tag == _GRIDAFTER:
                        after = _int(c.get(_VAL), 0) or 0
            r = len(rows) + 1
            row: list[RawCell] = []
            for _ in range(before):
                row.append(RawCell("", Location(table=number, row=r, col=len(row) + 1), True))
            for tc in self._children(tr, _TC):
                span, continues = 1, False
                tcpr = tc[0] if len(tc) and tc[0].tag == _TCPR else None
                if tcpr is not None:
                    for c in tcpr:
                        tag = c.tag
                        if tag == _GRIDSPAN:
                            span = max(1, _int(c.get(_VAL), 1) or 1)
                        elif (tag == _VMERGE or tag == _HMERGE) and c.get(_VAL, "continue") == "continue":
                            # A legacy hMerge continuation is part of the cell before, like a span.
                            continues = True
                lines: list[str] = []
                self._cell_lines(tc, lines, nested)
                text = "\n".join(stripped for stripped in (line.strip(_BLANK) for line in lines) if stripped)
                col = len(row) + 1
                location = Location(table=number, row=r, col=col)
                row.append(RawCell(text, location, continues))
                if continues and text:
                    shown = text.replace("\n", " ")
                    self.notices.append(Notice(
                        codes.HIDDEN_CONTENT, f"表{number}第{r}行第{col}列是被合并单元格覆盖的位置，其中仍有读者看不到的内容“{shown}”",
                        location, Severity.WARNING, evidence=f"隐藏内容：{shown}"))
                for _ in range(span - 1):
                    row.append(RawCell("", Location(table=number, row=r, col=len(row) + 1), True))
            for _ in range(after):
                row.append(RawCell("", Location(table=number, row=r, col=len(row) + 1), True))
            rows.append(row)
        return rows

    # ---- the body

    def body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self.body_paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self.body(content)
            elif tag in _BLOCK_WRAPPERS:
                self.body(child)
            if child is self.anchor:
                self.anchor_location = (Location(table=self.tables) if tag == _TBL
                                        else Location(paragraph=max(1, self.paragraphs)))

    def finish(self) -> None:
        if self.carry:  # a deleted mark on the last paragraph: nothing follows to join
            text, self.carry = "".join(self.carry), []
            self._emit(text, None)


# ------------------------------------------------------------------ entry point


def _styles_root(path: str, name: str, data: bytes):
    """Only the paragraph styles of styles.xml. Word's styles part is mostly latent and table styles
    (350 KB in a default template, most of a report's parse time); the paragraph styles are cut out
    and parsed alone, with the root's namespace declarations. Anything unexpected: parse it whole."""
    import re

    head = re.search(rb"<(?:([\w.-]+):)?styles\b[^>]*>", data)
    if head is not None:
        prefix = head.group(1)
        qualified = prefix + b":" if prefix else b""
        declared = b'xmlns:%s="%s"' % (prefix, W[1:-1].encode()) if prefix else b'xmlns="%s"' % W[1:-1].encode()
        if declared in head.group(0):
            opening = re.compile(rb"<" + re.escape(qualified) + rb"style\b[^>]*>")
            closing = b"</" + qualified + b"style>"
            kept, ok = [], True
            for m in opening.finditer(data, head.end()):
                tag = m.group(0)
                if b'type="paragraph"' not in tag and b"type=" in tag:
                    continue
                if tag.endswith(b"/>"):
                    kept.append(tag)
                    continue
                end = data.find(closing, m.end())
                if end < 0:
                    ok = False
                    break
                kept.append(data[m.start():end + len(closing)])
            if ok:
                try:
                    from lxml import etree

                    return etree.fromstring(head.group(0) + b"".join(kept) + b"</" + qualified + b"styles>", _parser())
                except etree.XMLSyntaxError:
                    pass  # fall back to the full, checked parse below
    return _parse_xml(path, name, data)


def read_docx(path: str, data: bytes, options: ReaderOptions) -> Document:
    limit = options.max_part_size or DEFAULT_MAX_PART_SIZE
    with _open_zip(path, data) as zf:
        names = set(zf.namelist())
        if "mimetype" in names and "content.xml" in names:
            raise InputError(path, "这是 OpenDocument 文本（.odt）文件，不是 .docx，请用 WPS/Word/LibreOffice 另存为 .docx")
        main = _relationships(path, zf, names, "_rels/.rels", limit).get("officeDocument")
        if main not in names:
            main = "word/document.xml"
        if main not in names:
            if any(n.startswith(("xl/", "ppt/")) for n in names):
                raise InputError(path, "这是 Excel 或 PowerPoint 文件，不是 Word 文档，请另存为 .docx")
            raise InputError(path, "不是有效的 Word 文件：压缩包中没有 word/document.xml（正文），"
                                   "请用 Word/WPS 打开后另存为 .docx")
        main_data = _read_part(path, zf, main, limit)
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        rels = _relationships(path, zf, names, rels_name, limit)
        folder = posixpath.dirname(main)
        styles_name = rels.get("styles") or posixpath.join(folder, "styles.xml")
        numbering_name = rels.get("numbering") or posixpath.join(folder, "numbering.xml")
        styles_data = _read_part(path, zf, styles_name, limit) if styles_name in names else None
        numbering_data = _read_part(path, zf, numbering_name, limit) if numbering_name in names else None

    root = _parse_xml(path, main, main_data)
    if root.tag.startswith(_STRICT_W):
        raise InputError(path, "这是“严格 Open XML”格式的 .docx，暂不支持，请用 Word 另存为普通 .docx 格式")
    body = root.find(W + "body")
    if body is None:
        raise InputError(path, f"不是有效的 Word 文件：{main} 中没有正文（w:body）")
    styles = _Styles(_styles_root(path, styles_name, styles_data) if styles_data else None)
    numbering = _Numbering(_parse_xml(path, numbering_name, numbering_data) if numbering_data else None, styles)
    revisions, joined, anchor = _prepare(body)
    reader = _Reader(path, styles, numbering, joined, anchor, _paragraph_texts(body))
    reader.body(body)
    reader.finish()
    notices = list(reader.notices)
    if revisions:
        notices.insert(0, Notice(
            codes.REVISIONS,
            f"文件中仍有 {revisions} 处未接受的修订（插入、删除、移动或格式修改），已按接受全部修订后的文本检查；"
            "发布前请在 Word 中“接受所有修订”",
            reader.anchor_location or Location(), Severity.INFO, evidence=f"修订 {revisions} 处"))
    return Document(path=path, format="docx", items=reader.items, notices=notices,
                    metadata={"paragraphs": reader.paragraphs, "tables": reader.tables})
