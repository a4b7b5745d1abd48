"""From a reader's flat Document to the Report tree.

Everything messy about real documents is absorbed here: headings typed as plain lines or marked by
the format, sentences cut by page breaks, titles split over two lines, tables in several pieces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..agency import agency_from_title
from ..model import Block, Document, RawTable, Span
from ..rulebook import PartSpec, Rulebook, TitleSpec
from ..text.lexicon import NUMERALS
from ..text.lexicon import PART_HEADING as _PART
from ..text.normalize import bigram_similarity, norm_label
from ..text.numerals import zh_numeral
from ..text.sentences import CLOSED_END as _SENTENCE_END
from .findings import Reason, Unbound
from .tables import bind, mentions_labels
from .tree import Heading, Paragraph, Part, Report, Section

_SECTION = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.*)$")

# A heading is short; a longer line starting with "一、" is a numbered paragraph.
_MAX_HEADING = 40
# A line this long that stops mid-sentence was cut by a page or line break.
_MIN_BROKEN_LINE = 15


# Numberings other than "一、" that reports give their parts: "3.", "## 3 …", "（三）", "第三部分：".
# A heading so numbered is taken only before a template title, since the same shapes number
# sub-headings and list items.
_OTHER_PART = re.compile(
    rf"^\s*(?P<prefix>(?P<arabic>\d{{1,2}})\s*[.．、]?|[（(]\s*(?P<paren>[{NUMERALS}]+)\s*[)）])\s*(?P<title>[^\d\s].*)$")
_CANONICAL_NUMBERING = re.compile(rf"^[{NUMERALS}]+、$")


def _clean_title(title: str) -> str:
    return title.lstrip("：: ").rstrip("。：:")


def _part_candidate(block: Block) -> tuple[int, str, str, bool] | None:
    """(number, title, numbering as typed, whether the numbering needs a template title)."""
    if len(block.text.strip()) > 4 * _MAX_HEADING:
        return None  # far longer than any heading: a paragraph (and no pattern need look at all of it)
    m = _PART.match(block.text)
    strict = False
    if m:
        number = zh_numeral(m.group(1))
        title = m.group(2)
        numbering = block.text[: m.start(2)].strip()
    else:
        m = _OTHER_PART.match(block.text)
        if not m:
            return None
        number = int(m.group("arabic")) if m.group("arabic") else zh_numeral(m.group("paren"))
        title = m.group("title").rstrip()
        numbering = m.group("prefix").strip()
        strict = True
    title = _clean_title(title)
    if number is None or not title or len(title) > _MAX_HEADING or "。" in title:
        return None
    return number, title, numbering, strict


def is_canonical_numbering(numbering: str) -> bool:
    return bool(_CANONICAL_NUMBERING.match(numbering))


def classify_part_title(title: str, parts: list[PartSpec]) -> tuple[PartSpec | None, str, float]:
    """(part, kind, similarity) with kind 'exact', 'variant' or 'other'."""
    # Remembered by the titles the answer depends on: hashing the parts themselves (records, hashed
    # field by field) cost more than the comparisons it saved.
    index, kind, score = _classify(title, _titles(parts))
    return (parts[index] if index is not None else None), kind, score


# The titles of a list of parts, by the list's id (kept in the entry, so the id is not reused): every
# heading-like line of a report is classified against the rulebook's one list.
_TITLES: dict[int, tuple[list, tuple]] = {}


def _titles(parts: list[PartSpec]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    hit = _TITLES.get(id(parts))
    if hit is not None and hit[0] is parts:
        return hit[1]
    titles = tuple([(part.title, tuple(part.variants)) for part in parts])
    if len(parts) > 1:  # a list made for one call (build's one spec) is not kept
        if len(_TITLES) >= 16:
            _TITLES.clear()
        _TITLES[id(parts)] = (parts, titles)
    return titles


# Every heading-like line of every report is compared with every part title, and reports write the
# same headings: the answer is remembered (titles are short, `_MAX_HEADING`).
@lru_cache(maxsize=4096)
def _classify(title: str, parts: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[int | None, str, float]:
    key = norm_label(title)
    for i, (part_title, _) in enumerate(parts):
        if key == norm_label(part_title):
            return i, "exact", 1.0
    for i, (_, variants) in enumerate(parts):
        if key in (norm_label(v) for v in variants):
            return i, "variant", 1.0
    best, score = None, 0.0
    for i, (part_title, _) in enumerate(parts):
        s = bigram_similarity(title, part_title)
        if s > score:
            best, score = i, s
    return best, "other", score


_Found = dict[int, tuple[int, str, str]]


def _choose_part_headings(blocks: list[Block], book: Rulebook) -> tuple[_Found, _Found]:
    """Block index -> (part number, title, numbering as typed), for the part headings and for headings
    that repeat a part already found. Exact and variant titles are taken wherever they stand; another
    title is taken when its numeral is the next part expected."""
    chosen: _Found = {}
    repeated: _Found = {}
    taken: set[int] = set()
    candidates = []
    for index, block in enumerate(blocks):
        found = _part_candidate(block)
        if found:
            candidates.append((index, *found, classify_part_title(found[1], book.parts)))
    # The template's numbering first, so that "（三）收到和处理…" inside a part never takes the place
    # of a "三、" heading further on.
    for strict_pass in (False, True):
        for index, numeral, title, numbering, strict, (part, kind, _) in candidates:
            if strict != strict_pass:
                continue
            if part is None or kind not in ("exact", "variant") or (strict and numeral != part.number):
                continue
            if part.number in taken:
                # The template's numbering and title once more: the part is written twice. The
                # other shapes number sub-headings too, and say nothing about a repetition.
                if not strict and numeral == part.number:
                    repeated[index] = (part.number, title, numbering)
                continue
            chosen[index] = (part.number, title, numbering)
            taken.add(part.number)
    last = 0
    for index, numeral, title, numbering, strict, (_, _, score) in candidates:
        if index in chosen:
            last = max(last, chosen[index][0])
            continue
        if strict:
            continue
        if numeral not in taken and numeral <= len(book.parts) and (numeral == last + 1 or score >= 0.5):
            if not any(i > index and n == numeral for i, (n, _, _) in chosen.items()):
                chosen[index] = (numeral, title, numbering)
                taken.add(numeral)
                last = numeral
    return chosen, repeated


def _looks_like_title(text: str, title: TitleSpec) -> bool:
    # A title names the report; it does not cite documents or run on with commas.
    return (any(w in text for w in title.words) and len(text) <= 60 and text.rstrip()[-1:] not in _SENTENCE_END
            and not any(ch in text for ch in "《》（）()，,"))


def _join(run: list[Block]) -> Block:
    if len(run) == 1:
        return run[0]
    spans, offset = [], 0
    for block in run:
        spans += [Span(offset + s.offset, s.location) for s in block.spans]
        offset += len(block.text)
    return Block("".join(b.text for b in run), spans, run[0].heading_level)


def _is_template_part(block: Block, book: Rulebook) -> bool:
    found = _part_candidate(block)
    return found is not None and classify_part_title(found[1], book.parts)[1] in ("exact", "variant")


# How much of a paragraph being joined the heading checks look at: they test how it starts, and
# testing (or building) the whole of it for every line joined is quadratic in a run of broken lines.
_HEAD = 256


class _Run:
    """Lines that join into one paragraph, kept as pieces until the paragraph is complete."""

    def __init__(self, block: Block):
        self.blocks = [block]
        self.length = len(block.text)
        self.head = block.text[:_HEAD]
        self.last = block.text[-1:]

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        self.length += len(block.text)
        if len(self.head) < _HEAD:
            self.head = (self.head + block.text)[:_HEAD]
        self.last = block.text[-1:] or self.last

    def continues_with(self, b: Block, book: Rulebook) -> bool:
        """Whether `b` goes on the paragraph: a line cut by a page or line break."""
        a = self.head  # the whole text while it is short, which is when a heading or title can match
        if self.blocks[0].heading_level or b.heading_level or self.length < _MIN_BROKEN_LINE:
            return False
        if self.last in _SENTENCE_END or _PART.match(a) or _SECTION.match(a):
            return False
        if self.length <= 60 and _looks_like_title(a, book.title):
            return False
        if len(self.blocks) == 1 and _is_template_part(self.blocks[0], book):
            return False
        if _PART.match(b.text) or _SECTION.match(b.text) or re.match(r"^\s*\d+\s*[.、．]", b.text):
            return False
        return True


def _merge_broken(items: list[Block | RawTable], book: Rulebook) -> list[Block | RawTable]:
    out: list[Block | RawTable] = []
    run: _Run | None = None
    for item in items:
        if isinstance(item, Block) and run is not None and run.continues_with(item, book):
            run.add(item)
            continue
        if run is not None:
            out.append(_join(run.blocks))
            run = None
        if isinstance(item, Block):
            run = _Run(item)
        else:
            out.append(item)
    if run is not None:
        out.append(_join(run.blocks))
    return out


# A title cut over this many lines at most is put back together.
_MAX_TITLE_LINES = 3
_HAS_YEAR = re.compile(r"\d{4}\s*年")


def _title_at(lines: list[str], i: int, spec: TitleSpec) -> str | None:
    """The title starting at line i, on that line alone or cut over the next ones."""
    for j in range(i, min(i + _MAX_TITLE_LINES, len(lines))):
        if any(w in "".join(lines[i + 1:j + 1]) for w in spec.words) and j > i:
            # The title words lie wholly on a later line: the title starts there, unless this line
            # carries the year the rest lacks, or visibly breaks off mid-title.
            rest = "".join(lines[i + 1:j + 1])
            if _HAS_YEAR.search(rest) or not (_HAS_YEAR.search(lines[i]) or lines[i].endswith(spec.line_endings)):
                return None
        joined = "".join(lines[i:j + 1])
        if not any(w in joined for w in spec.words):
            if any(ch in lines[j] for ch in "：:。；"):
                return None
            continue
        return joined if _looks_like_title(joined, spec) else None
    return None


def _title_and_agency(preamble: list[Block], spec: TitleSpec) -> tuple[str | None, Block | None, str | None, int | None]:
    lines = [block.text.strip() for block in preamble[:8]]
    for i, block in enumerate(preamble[:8]):
        title = _title_at(lines, i, spec)
        if title is None:
            continue
        agency, year = agency_from_title(title)
        if not agency and i > 0:
            previous = preamble[i - 1].text.strip()
            if len(previous) <= 30 and not any(ch in previous for ch in "，。：；"):
                agency = previous
        return re.sub(r"\s+", " ", title), block, agency or None, year
    return None, None, None, None


def build(doc: Document, book: Rulebook) -> Report:
    items = _merge_broken(doc.items, book)
    blocks = [item for item in items if isinstance(item, Block)]
    chosen, repeated = _choose_part_headings(blocks, book)
    heading_of = {id(blocks[i]): found for i, found in chosen.items()}
    repeat_of = {id(blocks[i]): found for i, found in repeated.items()}
    repeated_parts: list[Heading] = []

    preamble: list[Paragraph] = []
    parts: list[Part] = []
    stray_tables: list[RawTable] = []
    current: Part | None = None
    for item in items:
        if isinstance(item, RawTable):
            if current is None:
                stray_tables.append(item)
            else:
                current.tables.append(item)
            continue
        paragraph = Paragraph(item)
        if id(item) in heading_of:
            number, title, numbering = heading_of[id(item)]
            spec = next((p for p in book.parts if p.number == number), None)
            _, kind, similarity = classify_part_title(title, [spec] if spec else [])
            current = Part(number, Heading(title, paragraph, number, kind, similarity, numbering))
            parts.append(current)
            continue
        if id(item) in repeat_of:
            number, title, numbering = repeat_of[id(item)]
            repeated_parts.append(Heading(title, paragraph, number, numbering=numbering))
        if current is None:
            preamble.append(paragraph)
            continue
        current.paragraphs.append(paragraph)
        section = _SECTION.match(item.text)
        if section and zh_numeral(section.group(1)):
            heading_text = re.split(r"[。]", item.text, maxsplit=1)[0]
            current.sections.append(Section(Heading(heading_text, paragraph, zh_numeral(section.group(1)))))
        elif current.sections:
            current.sections[-1].paragraphs.append(paragraph)

    title, title_block, agency, year = _title_and_agency([p.block for p in preamble], book.title)
    title_paragraph = next((p for p in preamble if p.block is title_block), None)

    tables = {}
    unbound = {}
    all_tables = stray_tables + [t for part in parts for t in part.tables]
    for spec in book.tables.values():
        part = next((p for p in parts if p.number == spec.part), None)
        scope = part.tables if part else []
        bound = bind(spec, scope, book.cells.none_words) if scope else None
        if bound is None:
            elsewhere = [t for t in all_tables if t not in scope and mentions_labels(spec, t)]
            bound = bind(spec, elsewhere, book.cells.none_words) if elsewhere else None
        if bound is None:
            reason = Reason.NO_PART if part is None else Reason.NO_TABLES if not scope else Reason.NO_LABELS
            unbound[spec.name] = Unbound(spec.name, spec.part, reason)
        else:
            tables[spec.name] = bound

    return Report(
        path=doc.path,
        format=doc.format,
        title=title,
        title_paragraph=title_paragraph,
        agency=agency,
        year=year,
        preamble=preamble,
        parts=parts,
        tables=tables,
        unbound=unbound,
        repeated_parts=repeated_parts,
        notices=list(doc.notices),
        source_lines=doc.source_lines,
        metadata=dict(doc.metadata),
    )
