"""Where the parts the substance rules read are, and their text as the rules match it.

The words they look for are rulebook data (`rules/substance.toml`, the rulebook's `substance` section,
typed in `rulebook.schema`): which words show that part 五 names problems and measures, which words show
that part 一 covers each aspect the format lists, and which doubled words Chinese writes on purpose."""

from __future__ import annotations

from functools import lru_cache

from .rulebook.schema import Aspect, DoubledWords, OverviewWords, ProblemsWords, SubstanceWords
from .rulebook.sections import fold

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from .rulebook import Rulebook
    from .structure.tree import Part, Report

__all__ = ["Aspect", "DoubledWords", "OverviewWords", "ProblemsWords", "SubstanceWords", "cjk_count",
           "default_words", "fold", "part_name", "part_text", "part_titled"]


@lru_cache(maxsize=1)
def default_words() -> SubstanceWords:
    """The built-in rulebook's words (a run's own rulebook, with the user's packs, is `ctx.rulebook.substance`)."""
    from .rulebook.load import load

    return load().substance


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
