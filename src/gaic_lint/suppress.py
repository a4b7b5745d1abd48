"""Suppressions: places where the author has said a finding is not a problem.

- Text and Markdown: `<!-- gaic-lint-disable-next-line CODE[,CODE] -->`, `<!-- gaic-lint-disable CODE -->`
  … `<!-- gaic-lint-enable CODE -->` and `<!-- gaic-lint-disable-file CODE -->`, each on a line of its own.
  The comment line is taken out of the document before any rule reads it.
- Word: a comment (批注) whose text starts with `gaic-lint-disable CODE` covers the paragraphs and table
  cells of its commented range.
- Configuration: `per-file-ignores = { "glob" = ["CODE", …] }` (applied by the engine).
CODE may be a code, a family or a rule name, several separated by commas or spaces; none means all.
A suppression that suppresses nothing is reported (F008), as Ruff reports an unused `noqa`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Block, Diagnostic, Document, Location, Severity
from .records import field, record
from .rules.base import RuleMeta

UNUSED = RuleMeta("F008", "unused-suppression", "没有压制任何问题的 gaic-lint-disable 注释", Severity.INFO,
                  what="gaic-lint-disable 注释（文本中的 <!-- … --> 或 Word 批注）所在范围内没有它所指的问题。",
                  why="过时的压制注释会在以后把真正的问题藏起来；问题改正后应删除注释。",
                  example="<!-- gaic-lint-disable-next-line C001 -->\n按照《…》（国办函〔2020〕109号）…  ← 文号已正确",
                  use_instead="删除这条注释")

_DIRECTIVE = re.compile(r"<!--\s*gaic-lint-(disable-next-line|disable-file|disable|enable)((?:(?!-->).){0,200})-->")
_WORD_DIRECTIVE = re.compile(r"^\s*gaic-lint-disable\b(.{0,200})", re.S)


@record(frozen=False)
class Directive:
    selectors: tuple[str, ...]  # empty: every finding
    location: Location  # where the directive is written
    lines: tuple[int, int] | None = None  # text: first and last line covered
    paragraphs: frozenset[int] = frozenset()  # Word: body paragraphs covered
    cells: frozenset[tuple[int, int, int]] = frozenset()  # Word: (table, row, col) covered
    whole_file: bool = False
    used: bool = field(default=False, compare=False)

    def covers(self, d: Diagnostic) -> bool:
        if self.whole_file:
            return True
        loc = d.location
        if self.lines is not None:
            return loc.line is not None and self.lines[0] <= loc.line <= self.lines[1]
        if loc.table is not None:
            return (loc.table, loc.row, loc.col) in self.cells
        return loc.paragraph is not None and loc.paragraph in self.paragraphs


def _selectors(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,，]+", text.strip()) if s)


def take_text_directives(document: Document) -> list[Directive]:
    """Remove directive comments from a text or Markdown document and return what they cover."""
    found: list[tuple[str, tuple[str, ...], int, Location]] = []
    kept = []
    for item in document.items:
        if isinstance(item, Block):
            matches = list(_DIRECTIVE.finditer(item.text))
            if matches and not _DIRECTIVE.sub("", item.text).strip():
                line = item.location.line or 0
                for m in matches:
                    found.append((m.group(1), _selectors(m.group(2)), line, item.location))
                continue
        kept.append(item)
    if not found:
        return []
    document.items = kept
    last = len(document.source_lines or ()) or 10**9
    lines = document.source_lines or []
    directives: list[Directive] = []
    open_ranges: dict[tuple[str, ...], tuple[int, Location]] = {}
    for kind, selectors, line, location in found:
        if kind == "disable-file":
            directives.append(Directive(selectors, location, whole_file=True))
        elif kind == "disable-next-line":
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            directives.append(Directive(selectors, location, lines=(target, target)))
        elif kind == "disable":
            open_ranges.setdefault(selectors, (line, location))
        else:  # enable: closes the range opened with the same codes (or, without codes, every range)
            for key in [k for k in open_ranges if k == selectors or not selectors]:
                start, where = open_ranges.pop(key)
                directives.append(Directive(key, where, lines=(start + 1, line - 1)))
    for key, (start, where) in open_ranges.items():
        directives.append(Directive(key, where, lines=(start + 1, last)))
    return directives


def word_directives(data: bytes) -> list[Directive]:
    """The Word comments that start with gaic-lint-disable, with the paragraphs and cells they cover."""
    from .wordedit.package import Package, W, parse_xml
    from .wordedit.places import Places

    package = Package(data)
    comments_name = package.main.rsplit("/", 1)[0] + "/comments.xml"
    raw = package.read(comments_name)
    if raw is None:
        return []
    wanted: dict[str, tuple[str, ...]] = {}
    for comment in parse_xml(raw).iter(W + "comment"):
        text = "".join(t.text or "" for t in comment.iter(W + "t"))
        m = _WORD_DIRECTIVE.match(text)
        if m:
            wanted[comment.get(W + "id")] = _selectors(m.group(1))
    if not wanted:
        return []
    document = parse_xml(package.read(package.main))
    places = Places(document.find(W + "body"))
    where: dict = {p: ("p", n) for n, p in enumerate(places.paragraphs, start=1)}
    for t, grid in enumerate(places.tables, start=1):
        for (r, c), tc in grid.items():
            for p in tc.iter(W + "p"):
                where[p] = ("c", (t, r, c))
    covered: dict[str, tuple[set, set]] = {cid: (set(), set()) for cid in wanted}
    active: set[str] = set()
    for el in document.iter(W + "p", W + "commentRangeStart", W + "commentRangeEnd"):
        tag = el.tag
        cid = el.get(W + "id")
        if tag == W + "commentRangeStart" and cid in wanted:
            active.add(cid)
            el = next(el.iterancestors(W + "p"), None)
            tag = W + "p" if el is not None else tag
        if tag == W + "p" and el is not None:
            place = where.get(el)
            for c in active:
                if place is not None:
                    covered[c][0 if place[0] == "p" else 1].add(place[1])
        if tag == W + "commentRangeEnd":
            active.discard(cid)
    return [Directive(wanted[cid], Location(), paragraphs=frozenset(ps), cells=frozenset(cs))
            for cid, (ps, cs) in covered.items()]


def per_file(path: str, table: dict[str, list[str]]) -> list[Directive]:
    """`per-file-ignores` entries whose glob matches the path (or its file name)."""
    if not table:
        return []
    import fnmatch
    from pathlib import PurePath

    out = []
    for pattern, selectors in table.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(PurePath(path).name, pattern) or \
                PurePath(path).match(pattern):
            # Configuration is not part of the report: an entry that hides nothing in one file of many
            # is not worth a finding, so these are marked used from the start.
            out.append(Directive(tuple(selectors), Location(), whole_file=True, used=True))
    return out


def apply(directives: list[Directive], diagnostics: list[Diagnostic],
          matches: Callable[[str, str, str], bool], report_unused: bool = True) -> list[Diagnostic]:
    """The findings no directive covers, plus one F008 per directive that covered nothing."""
    if not directives:
        return diagnostics
    kept = []
    for d in diagnostics:
        hit = None
        for directive in directives:
            if directive.covers(d) and (not directive.selectors or
                                        any(matches(s, d.code, d.rule) for s in directive.selectors)):
                hit = directive
                directive.used = True
        if hit is None:
            kept.append(d)
    for directive in directives if report_unused else ():
        if not directive.used:
            what = "、".join(directive.selectors) or "全部规则"
            kept.append(Diagnostic(UNUSED.code, UNUSED.name, UNUSED.severity,
                                   f"gaic-lint-disable（{what}）所在范围内没有要压制的问题，可以删除这条注释",
                                   directive.location))
    return kept
