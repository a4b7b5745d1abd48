"""Reading a report against last year's report of the same body, and against its publication date:
pairing the reports of a batch, the text-reuse measure, publication dates and deadlines. The knowledge
(deadlines, thresholds, template wording) is rulebook data, `rules/cross-year.toml`: the rulebook's
`cross_year` section."""

from __future__ import annotations

from functools import lru_cache

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from ..rulebook.schema import CrossYear


@lru_cache(maxsize=1)
def data() -> CrossYear:
    """The built-in rulebook's section (a run's own rulebook, with the user's packs, is `ctx.rulebook.cross_year`)."""
    from ..rulebook.load import load

    return load().cross_year
