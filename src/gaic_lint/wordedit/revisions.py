"""Fixes as Word tracked changes: the text a fix replaces goes into a `w:del`, the replacement into a
`w:ins` right after it, both by author "gaic-lint" at the time of the run. The author accepts or
rejects each in Word or WPS; gaic-lint's reader reads the file with every change accepted."""

from __future__ import annotations

import copy
import datetime as _dt

from lxml import etree

from ..records import record
from .package import W
from .places import Places, text_pieces, visible_text

AUTHOR = "gaic-lint"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Runs may sit directly in a paragraph or in these; anywhere else (a field result, an existing
# revision) a fix is left for the author to make by hand.
_RUN_PARENTS = {W + "p", W + "hyperlink", W + "smartTag"}


@record(frozen=False)
class Change:
    paragraph: int | None
    table: tuple[int, int, int] | None
    original: str
    replacement: str
    offset: int | None = None


def now_stamp() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class RevisionIds:
    """w:id values must be unique among the document's revisions and comment anchors."""

    def __init__(self, root):
        used = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W[1:-1]}) if str(v).isdigit()]
        self.next = max(used, default=0) + 1

    def take(self) -> str:
        value, self.next = self.next, self.next + 1
        return str(value)


def _split_run(t, at: int):
    """Split the run holding `t` so that t's text before `at` stays and the rest starts a new run
    right after it; returns the new w:t. Properties (w:rPr) are copied to the new run."""
    run = t.getparent()
    text = t.text or ""
    new_run = etree.Element(W + "r")
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    new_t = etree.SubElement(new_run, W + "t")
    new_t.text = text[at:]
    new_t.set(_XML_SPACE, "preserve")
    following = list(t.itersiblings())
    for el in following:
        new_run.append(el)
    t.text = text[:at]
    t.set(_XML_SPACE, "preserve")
    run.addnext(new_run)
    return new_t


def _find(p, original: str, offset: int | None) -> int | None:
    text = visible_text(p)
    starts = []
    i = text.find(original)
    while i >= 0:
        starts.append(i)
        i = text.find(original, i + 1)
    if not starts:
        return None
    if offset is None or len(starts) == 1:
        return starts[0] if len(starts) == 1 else None
    # The reader's offset may count a list label in front of the text: take the nearest occurrence.
    return min(starts, key=lambda s: abs(s - offset))


def replace_in_paragraph(p, original: str, replacement: str, ids: RevisionIds, date: str,
                         offset: int | None = None) -> bool:
    start = _find(p, original, offset)
    if start is None:
        return False
    end = start + len(original)
    # Cut the runs at `start` and `end` so that whole runs cover the text replaced.
    for cut in (end, start):
        pos = 0
        for t in text_pieces(p):
            length = len(t.text or "")
            if pos < cut < pos + length:
                _split_run(t, cut - pos)
                break
            pos += length
    covered, pos = [], 0
    for t in text_pieces(p):
        length = len(t.text or "")
        if start <= pos and pos + length <= end and length:
            covered.append(t)
        pos += length
    runs = []
    for t in covered:
        run = t.getparent()
        if run.tag != W + "r" or run.getparent().tag not in _RUN_PARENTS:
            return False
        if run not in runs:
            runs.append(run)
    if not runs or any(len([c for c in r if c.tag == W + "t"]) != len([t for t in covered if t.getparent() is r])
                       for r in runs):
        return False  # a run holding text outside the change: leave it to the author
    first = runs[0]
    deletion = etree.Element(W + "del")
    deletion.set(W + "id", ids.take())
    deletion.set(W + "author", AUTHOR)
    deletion.set(W + "date", date)
    first.addprevious(deletion)
    for run in runs:
        deletion.append(run)
        for t in run.findall(W + "t"):
            t.tag = W + "delText"
            t.set(_XML_SPACE, "preserve")
    insertion = etree.Element(W + "ins")
    insertion.set(W + "id", ids.take())
    insertion.set(W + "author", AUTHOR)
    insertion.set(W + "date", date)
    new_run = etree.SubElement(insertion, W + "r")
    rpr = first.find(W + "rPr")
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    t = etree.SubElement(new_run, W + "t")
    t.text = replacement
    t.set(_XML_SPACE, "preserve")
    deletion.addnext(insertion)
    return True


def apply_changes(body_root, changes: list[Change], date: str | None = None) -> int:
    """Make every change it can as a tracked change; returns how many were made."""
    places = Places(body_root.find(W + "body"))
    ids = RevisionIds(body_root)
    date = date or now_stamp()
    made = 0
    for change in changes:
        targets = []
        if change.table is not None:
            tc = places.cell(*change.table)
            targets = list(tc.iter(W + "p")) if tc is not None else []
        else:
            p = places.paragraph(change.paragraph)
            if p is not None:
                targets = [p]
        for p in targets:
            if replace_in_paragraph(p, change.original, change.replacement, ids, date, change.offset):
                made += 1
                break
    return made
