"""Findings as Word comments (批注), anchored at the paragraph or table cell they are about."""

from __future__ import annotations

from lxml import etree

from ..records import record
from .package import W_NS, Package, W, parse_xml, serialize
from .places import Places
from .revisions import AUTHOR, RevisionIds, now_stamp

_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@record(frozen=False)
class Note:
    paragraph: int | None
    table: tuple[int, int, int] | None
    lines: list[str]  # the comment's paragraphs


def _anchor(p, cid: str) -> None:
    start = etree.Element(W + "commentRangeStart")
    start.set(W + "id", cid)
    ppr = p.find(W + "pPr")
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    end = etree.SubElement(p, W + "commentRangeEnd")
    end.set(W + "id", cid)
    run = etree.SubElement(p, W + "r")
    ref = etree.SubElement(run, W + "commentReference")
    ref.set(W + "id", cid)


def _comment(parent, cid: str, lines: list[str], date: str) -> None:
    comment = etree.SubElement(parent, W + "comment")
    comment.set(W + "id", cid)
    comment.set(W + "author", AUTHOR)
    comment.set(W + "date", date)
    comment.set(W + "initials", "GL")
    for line in lines:
        p = etree.SubElement(comment, W + "p")
        r = etree.SubElement(p, W + "r")
        t = etree.SubElement(r, W + "t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def add_comments(package: Package, document, notes: list[Note]) -> int:
    """Anchor every note in `document` (the parsed main part, changed in place) and write the comments
    part into `package`; returns how many were anchored."""
    places = Places(document.find(W + "body"))
    ids = RevisionIds(document)
    comments_name = package.main.rsplit("/", 1)[0] + "/comments.xml"
    raw = package.read(comments_name)
    root = parse_xml(raw) if raw else etree.Element(W + "comments", nsmap={"w": W_NS})
    date = now_stamp()
    made = 0
    for note in notes:
        if note.table is not None:
            tc = places.cell(*note.table)
            p = tc.find(W + "p") if tc is not None else None
        else:
            p = places.paragraph(note.paragraph)
        if p is None:
            p = places.paragraph(1)  # a finding about the whole file: at the top
        if p is None:
            continue
        cid = ids.take()
        _anchor(p, cid)
        _comment(root, cid, note.lines, date)
        made += 1
    package.replaced[comments_name] = serialize(root)
    package.add_relationship(package.main, _COMMENTS_TYPE, "comments.xml")
    package.add_override(comments_name, _COMMENTS_CT)
    return made
