"""Which part of the report a finding is in, so that every output can name the place as a person finds
it ("第30段（六、其他需要报告的事项）"). Rules locate findings by reader locations; the part is added
once, here, from the tree, for all of them."""

from __future__ import annotations

from .model import Diagnostic, Location
from .rulebook import Rulebook
from .structure.tree import Report


def _place(location: Location) -> tuple:
    # A paragraph's spans carry the place where each piece starts; a finding inside it is shifted by a
    # column or an offset. (The fields of a Location but those, as a plain tuple: one is made for every
    # span of the report, and a tuple is cheaper to make and to hash than a Location.)
    return (location.line, location.paragraph, location.page, location.table, location.row, location.col,
            location.element)


def _paragraph_parts(report: Report) -> tuple[dict[tuple, str], dict[tuple, set[str]]]:
    """The part of each paragraph, by place and text, and the parts found at each place."""
    by_text: dict[tuple, str] = {}
    by_place: dict[tuple, set[str]] = {}
    for part in report.parts:
        name = part.heading.paragraph.text.strip()
        for paragraph in (part.heading.paragraph, *part.paragraphs):
            for span in paragraph.block.spans:
                where = _place(span.location)
                by_text[(where, paragraph.text)] = name
                by_place.setdefault(where, set()).add(name)
    return by_text, by_place


def with_parts(report: Report, diagnostics: list[Diagnostic], book: Rulebook) -> list[Diagnostic]:
    by_text: dict[tuple, str] | None = None
    by_place: dict[tuple, set[str]] = {}
    table_part = {spec.name: spec.part for spec in book.tables.values()}
    out = []
    for d in diagnostics:
        loc = d.location
        name = None
        if loc.cell_path:
            number = table_part.get(loc.cell_path.split(" · ")[0])
            part = report.part(number) if number is not None else None
            name = part.heading.paragraph.text.strip() if part is not None else None
        elif loc.line is not None or loc.paragraph is not None or loc.page is not None:
            if by_text is None:  # made when a finding first needs it
                by_text, by_place = _paragraph_parts(report)
            where = _place(loc)
            name = by_text.get((where, d.context))
            if name is None and len(by_place.get(where, ())) == 1:
                name = next(iter(by_place[where]))
        if name:
            d.location = loc.but(part=name)
        out.append(d)
    return out
