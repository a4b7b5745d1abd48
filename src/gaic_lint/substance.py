"""Wording the substance rules look for (`rules/substance.toml`), and where the parts they read are.

Data, not code: which words show that part 五 names problems and measures, which words show that part
一 covers each aspect the format lists, and which doubled words Chinese writes on purpose."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rulebook import Rulebook
    from .structure.tree import Part, Report


@dataclass(frozen=True)
class Aspect:
    name: str
    words: tuple[str, ...]

    def found_in(self, text: str) -> bool:
        return any(w in text for w in self.words)


@dataclass(frozen=True)
class ProblemsWords:
    part: str
    min_chars: int
    problems: tuple[str, ...]
    denials: tuple[str, ...]
    measures: tuple[str, ...]


@dataclass(frozen=True)
class OverviewWords:
    part: str
    aspects: tuple[Aspect, ...]
    government: tuple[Aspect, ...]


@dataclass(frozen=True)
class DoubledWords:
    min_length: int
    max_length: int
    deliberate: frozenset[str]
    deliberate_heads: tuple[str, ...]
    reduplicated: frozenset[str]
    quotes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SubstanceWords:
    problems: ProblemsWords
    overview: OverviewWords
    doubled: DoubledWords


def _aspects(entries: list[dict]) -> tuple[Aspect, ...]:
    return tuple(Aspect(e["name"], tuple(fold(w) for w in e["words"])) for e in entries)


@lru_cache(maxsize=1)
def default_words() -> SubstanceWords:
    from .rulebook.load import builtin_toml

    data = builtin_toml("substance.toml")
    p, o, d = data["problems"], data["overview"], data["doubled"]
    return SubstanceWords(
        problems=ProblemsWords(
            part=p["part"],
            min_chars=int(p["min_chars"]),
            problems=tuple(fold(w) for w in p["problems"]),
            denials=tuple(fold(w) for w in p["denials"]),
            measures=tuple(fold(w) for w in p["measures"]),
        ),
        overview=OverviewWords(part=o["part"], aspects=_aspects(o["aspects"]), government=_aspects(o["government"])),
        doubled=DoubledWords(
            min_length=int(d["min_length"]),
            max_length=int(d["max_length"]),
            deliberate=frozenset(d["deliberate"]),
            deliberate_heads=tuple(d["deliberate_heads"]),
            reduplicated=frozenset(d["reduplicated"]),
            quotes=tuple((q[0], q[-1]) for q in d["quotes"]),
        ),
    )


def fold(text: str) -> str:
    """Width and compatibility forms folded, spaces dropped: PDF copies put spaces inside words."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def part_titled(report: Report, book: Rulebook, title: str) -> Part | None:
    """The report's part that the template titles `title`, by the template's own numbering."""
    spec = next((p for p in book.parts if p.title == title), None)
    return report.part(spec.number) if spec else None


def part_text(part: Part) -> str:
    """The part's sub-headings and running text, folded, as one string."""
    return fold("".join(p.text for p in part.paragraphs))


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def part_name(part: Part) -> str:
    """第一部分, 第五部分 … as the report numbers the part."""
    return f"第{'零一二三四五六七八九十'[part.number] if part.number <= 10 else part.number}部分"
