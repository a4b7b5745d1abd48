"""Reading a report against last year's report of the same body, and against its publication date:
pairing the reports of a batch, the text-reuse measure, publication dates and deadlines. The knowledge
(deadlines, thresholds, template wording) is rulebook data, `rules/cross-year.toml`."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def data() -> dict:
    from ..rulebook.load import builtin_toml

    return builtin_toml("cross-year.toml")
