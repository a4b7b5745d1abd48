"""Word (.docx): WordprocessingML read directly from the ZIP package (its directory with struct, or
zipfile for an unusual one) with lxml.

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

import posixpath

from ... import codes
from ...model import Document, InputError, Location, Notice, Severity
from ..registry import ReaderOptions
from .body import BodyReader, prepare, properties
from .numbering import Numbering
from .package import (
    DEFAULT_MAX_PART_SIZE,
    STRICT_W,
    W,
    open_zip,
    parse_xml,
    part_key,
    read_document,
    read_part,
    relationships,
)
from .styles import Styles, share, shared, styles_root
from .texts import paragraph_texts


def read_docx(path: str, data: bytes, options: ReaderOptions) -> Document:
    limit = options.max_part_size or DEFAULT_MAX_PART_SIZE
    with open_zip(path, data) as zf:
        listed = zf.namelist()
        names = set(listed)
        if len(names) != len(listed):
            raise InputError(path, _twice(listed))
        if "mimetype" in names and "content.xml" in names:
            raise InputError(path, "这是 OpenDocument 文本（.odt）文件，不是 .docx，请用 WPS/Word/LibreOffice 另存为 .docx")
        main = relationships(path, zf, data, names, "_rels/.rels", limit).get("officeDocument")
        if main is not None and main.startswith(("xl/", "ppt/")):
            raise InputError(path, "这是 Excel 或 PowerPoint 文件，不是 Word 文档，请另存为 .docx")
        if main not in names:
            main = "word/document.xml"
        if main not in names:
            if any(n.startswith(("xl/", "ppt/")) for n in names):
                raise InputError(path, "这是 Excel 或 PowerPoint 文件，不是 Word 文档，请另存为 .docx")
            raise InputError(path, "不是有效的 Word 文件：压缩包中没有 word/document.xml（正文），"
                                   "请用 Word/WPS 打开后另存为 .docx")
        main_data = read_part(path, zf, data, main, limit)
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        rels = relationships(path, zf, data, names, rels_name, limit)
        folder = posixpath.dirname(main)
        styles_name = rels.get("styles") or posixpath.join(folder, "styles.xml")
        numbering_name = rels.get("numbering") or posixpath.join(folder, "numbering.xml")
        styles_key = part_key(zf, data, styles_name, limit) if styles_name in names else None
        styles = shared(styles_key)
        styles_data = read_part(path, zf, data, styles_name, limit) if styles_name in names and styles is None else None
        numbering_data = read_part(path, zf, data, numbering_name, limit) if numbering_name in names else None

    root, run_text_only = read_document(path, main, main_data)
    if root.tag.startswith(STRICT_W):
        raise InputError(path, "这是“严格 Open XML”格式的 .docx，暂不支持，请用 Word 另存为普通 .docx 格式")
    if root.tag != W + "document":
        raise InputError(path, f"不是有效的 Word 文件：{main} 不是 Word 正文（根元素为 {root.tag.rsplit('}', 1)[-1]}），"
                               "请用 Word/WPS 打开后另存为 .docx")
    body = root.find(W + "body")
    if body is None:
        raise InputError(path, f"不是有效的 Word 文件：{main} 中没有正文（w:body）")
    if styles is None:
        styles = Styles(styles_root(path, styles_name, styles_data) if styles_data else None)
        share(styles_key, styles)
    numbering = Numbering(parse_xml(path, numbering_name, numbering_data) if numbering_data else None, styles)
    revisions, joined, anchor = prepare(body)
    reader = BodyReader(path, styles, numbering, joined, anchor, paragraph_texts(body, run_text_only),
                        properties(body))
    reader.body(body)
    reader.finish()
    notices = list(reader.notices)
    if reader.alt_chunks:
        notices.append(_not_read(path, reader))
    if revisions:
        notices.insert(0, Notice(
            codes.REVISIONS,
            f"文件中仍有 {revisions} 处未接受的修订（插入、删除、移动或格式修改），已按接受全部修订后的文本检查；"
            "发布前请在 Word 中“接受所有修订”",
            reader.anchor_location or Location(), Severity.INFO, evidence=f"修订 {revisions} 处"))
    # Whether the package has a comments part at all: suppression directives are Word comments, and a
    # package without one need not be opened again to look for them.
    comments = any(n.endswith("comments.xml") for n in names)
    return Document(path=path, format="docx", items=reader.items, notices=notices,
                    metadata={"paragraphs": reader.paragraphs, "tables": reader.tables, "word_comments": comments})


def _twice(listed: list[str]) -> str:
    # Word and zipfile each take a different one of two same-named parts; which text was checked
    # would then depend on the program, so neither is read.
    seen: set[str] = set()
    name = next(n for n in listed if n in seen or seen.add(n))
    return (f"Word 文件中有两个同名的部分 {name}，无法确定哪一个是 Word 显示的内容，"
            "文件可能被篡改或损坏，拒绝读取；请用 Word/WPS 打开后另存为 .docx")


def _not_read(path: str, reader: BodyReader) -> Notice:
    """Body content that comes from another file embedded in the package (w:altChunk: HTML, RTF or
    another .docx that Word merges in when it opens the file) is not read: say so, or refuse the file
    when nothing else is there, rather than report the parts it holds as missing."""
    count = len(reader.alt_chunks)
    if not any(getattr(item, "text", "").strip() for item in reader.items) and not reader.tables:
        raise InputError(path, f"Word 文件的正文全部来自 {count} 处嵌入的外部内容（altChunk，常见于系统导出的文件），"
                               "无法读取；请用 Word 打开后另存为 .docx 再检查")
    return Notice(codes.PARTIAL_READ,
                  f"正文中有 {count} 处嵌入的外部内容（altChunk，Word 打开时才合并进来），这些内容未检查，"
                  "缺少部分或表格的结论可能不准确；请用 Word 打开后另存为 .docx 再检查",
                  reader.alt_chunks[0], Severity.WARNING, evidence=f"altChunk {count} 处")
