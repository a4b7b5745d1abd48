"""The rulebook: the knowledge rules check against, loaded from the TOML files of the `rules/` folder
(installed as the data package `gaic_lint.data`) and from the user's packs (config key `rulebook`).

`rules/manifest.toml` names the template and the files to load; `load()` checks and compiles them all.
"""

from .load import builtin_dir, load
from .schema import (
    CellRef,
    CellWords,
    CitedDocument,
    Claim,
    ClaimSettings,
    CollapsedRow,
    ColumnSpec,
    Identity,
    OutdatedLabel,
    PartSpec,
    PlaceholderEntry,
    RowSpec,
    Rulebook,
    RulebookError,
    SentenceWords,
    Share,
    TableSpec,
    TemplateInfo,
    TermEntry,
    TitleSpec,
)

__all__ = [
    "CellRef", "CellWords", "CitedDocument", "Claim", "ClaimSettings", "CollapsedRow", "ColumnSpec", "Identity",
    "OutdatedLabel", "PartSpec", "PlaceholderEntry", "Rulebook", "RulebookError", "RowSpec", "SentenceWords",
    "Share", "TableSpec", "TemplateInfo", "TermEntry", "TitleSpec", "builtin_dir", "load",
]
