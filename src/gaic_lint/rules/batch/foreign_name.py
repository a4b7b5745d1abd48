"""foreign-name: a report that names another body of the batch where it speaks of itself — the mark
of a report copied from that body's and not fully adapted."""

from __future__ import annotations

import re

from ...agency import body_key, same_body
from ...batchrules import BatchRule
from ...model import Severity
from ...rulebook.schema import SelfWords
from ...text.normalize import nfkc
from ..base import RuleMeta, quote

_YEAR = re.compile(r"\s*\d{4}\s*年度?\s*")
_MAX_PER_NAME = 3
_MAX_REMEMBERED = 4096  # paragraphs whose places of names are remembered across the batch's reports


def _plain(text: str) -> str:
    return "".join(nfkc(text).split())


def speaks_of_itself(text: str, start: int, end: int, words: SelfWords, opening_or_closing: bool) -> bool:
    """Whether the name at [start, end) of a paragraph is where the report names its own author: as
    the author of the report, of its guide or website, or alone on a line of the opening or closing."""
    rest = text[end:]
    year = _YEAR.match(rest)
    after = rest[year.end():] if year else rest
    if any(rest.startswith(w) or after.startswith(w) for w in words.after):
        return True
    if any(text[:start].rstrip().endswith(w) for w in words.before):
        return True
    if opening_or_closing:
        # 落款: the name alone, or the name and a date.
        line = text[:start].rsplit("\n", 1)[-1] + text[start:].split("\n", 1)[0]
        remainder = _DATE.sub("", line.replace(text[start:end], ""))
        return not remainder.strip()
    return False


_YEAR_BEFORE = re.compile(r"\d{4}\s*年度?\s*$")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _occurrences(text: str, word: str):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def name_spots(text: str, names: frozenset[str], lengths: tuple[int, ...], words: SelfWords,
               opening_or_closing: bool):
    """(start, end) of each name of `names` standing where a report names its author. Only the places
    next to the self-words are looked at, so the work grows with the text, not with the number of
    names in the batch."""
    spots = set()
    for word in words.after:
        for k in _occurrences(text, word):
            ends = {k}
            year = _YEAR_BEFORE.search(text[max(0, k - 12):k])
            if year:
                ends.add(k - len(year.group()))
            for end in ends:
                spots.update((end - n, end) for n in lengths if end >= n and text[end - n:end] in names)
    for word in words.before:
        for k in _occurrences(text, word):
            start = k + len(word)
            spots.update((start, start + n) for n in lengths if text[start:start + n] in names)
    if opening_or_closing:
        at = 0
        for line in text.split("\n"):
            bare = _DATE.sub("", line).strip()
            if bare in names:
                start = at + line.index(bare)
                spots.add((start, start + len(bare)))
            at += len(line) + 1
    return sorted(spots)


def _related(own: str, other: str) -> bool:
    """The same body, or one whose name holds the other's (a department of that government, or the
    government a department belongs to): naming it is no sign of copying."""
    a, b = _plain(own), _plain(other)
    if same_body(own, other) or b in a or a in b:
        return True
    key = body_key(other)
    return bool(key) and a.startswith(key)


class ForeignName(BatchRule):
    meta = RuleMeta(
        code="B002",
        name="foreign-name",
        summary="报告在说本单位时写了同批另一单位的名称",
        severity=Severity.WARNING,
        what="报告在落款、报告名称、政府信息公开指南或网站等说到本单位的地方，写的是同一批检查的另一单位的名称。",
        why="这几乎总是照着另一单位的报告改写时漏改了名称：读者会把报告当成那个单位的，"
        "上级检查也会据此认定报告未如实编制。",
        example="沭阳县发展和改革局的报告写“详见沭阳县财政局门户网站”，而同批中有沭阳县财政局的报告。",
        use_instead="改为本单位的名称，并核对这一处说的是否确是本单位的情况。",
    )

    def check_batch(self, items, ctx):
        words = ctx.rulebook.batch.foreign_name
        agencies = {item.path: item.summary.agency for item in items if not item.history_only}
        reports = [item for item in items if agencies.get(item.path)]
        source = {}
        for item in reports:
            source.setdefault(agencies[item.path], item.path)
        if len(source) < 2:
            return  # one body in the batch (a single report): there is no other name to find
        names = sorted(source, key=len, reverse=True)
        allowed = frozenset(names)
        lengths = tuple(sorted({len(n) for n in names}))
        # Reports of one batch share paragraphs (the template's, a superior's, a report copied under
        # several names): each paragraph is searched once, and each pair of names related once.
        spots: dict[tuple[str, bool], list[tuple[int, int]]] = {}
        related: dict[tuple[str, str], bool] = {}
        for item in reports:
            own = agencies[item.path]
            found: dict[str, int] = {}
            for part, text, location in item.summary.paragraphs:
                edge = part == 0 or part == 6
                here = spots.get((text, edge))
                if here is None:
                    if len(spots) >= _MAX_REMEMBERED:
                        spots.clear()  # the batch's memory stays flat: its texts are not all kept
                    here = spots[text, edge] = [(start, end) for start, end in name_spots(text, allowed, lengths, words, edge)
                                                if speaks_of_itself(text, start, end, words, edge)]
                for start, end in here:
                    other = text[start:end]
                    if found.get(other, 0) >= _MAX_PER_NAME:
                        continue
                    if (own, other) not in related:
                        related[own, other] = _related(own, other)
                    if not related[own, other]:
                        found[other] = found.get(other, 0) + 1
                        yield self._finding(item, own, other, source[other], text, start, end, location)

    def _finding(self, item, own, other, source, text, start, end, location):
        d = self.diagnostic(
            f"报告在说本单位时写的是同批另一单位的名称“{other}”："
            f"{quote(text[max(0, start - 10): end + 20])}；本报告是“{own}”的，请改为本单位名称",
            location, evidence=f"{other}：{_name(source)}",
            context=" ".join(text[max(0, start - 40): end + 80].split()))
        d.file = item.path
        return d


def _name(path: str) -> str:
    from pathlib import Path  # only where a batch finds a body's name in another's report

    return Path(path).name
