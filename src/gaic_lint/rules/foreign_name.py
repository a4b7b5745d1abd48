"""foreign-name: a report that names another body of the batch where it speaks of itself — the mark
of a report copied from that body's and not fully adapted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..agency import body_key, same_body
from ..batchrules import BatchRule
from ..model import Severity
from .base import RuleMeta, quote
from .batch_copy import batch_data

_YEAR = re.compile(r"\s*\d{4}\s*年度?\s*")
_MAX_PER_NAME = 3


@dataclass(frozen=True)
class SelfWords:
    after: tuple[str, ...]
    before: tuple[str, ...]


@lru_cache(maxsize=1)
def self_words() -> SelfWords:
    data = batch_data()["foreign-name"]
    return SelfWords(tuple(sorted(data["after"], key=len, reverse=True)), tuple(data["before"]))


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


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
        remainder = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "", line.replace(text[start:end], ""))
        return not remainder.strip()
    return False


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
        words = self_words()
        reports = [item for item in items if not item.history_only and item.summary.agency]
        names = sorted({item.summary.agency for item in reports}, key=len, reverse=True)
        for item in reports:
            own = item.summary.agency
            others = [n for n in names if not _related(own, n)]
            if not others:
                continue
            for other in others:
                found = 0
                for part, text, location in item.summary.paragraphs:
                    start = text.find(other)
                    while start >= 0 and found < _MAX_PER_NAME:
                        end = start + len(other)
                        if speaks_of_itself(text, start, end, words, part == 0 or part == 6):
                            yield self._finding(item, other, text, start, end, location, reports)
                            found += 1
                        start = text.find(other, end)

    def _finding(self, item, other, text, start, end, location, reports):
        source = next(r.path for r in reports if r.summary.agency == other)
        d = self.diagnostic(
            f"报告在说本单位时写的是同批另一单位的名称“{other}”："
            f"{quote(text[max(0, start - 10): end + 20])}；本报告是“{item.summary.agency}”的，请改为本单位名称",
            location, evidence=f"{other}：{Path(source).name}",
            context=" ".join(text[max(0, start - 40): end + 80].split()))
        d.file = item.path
        return d
