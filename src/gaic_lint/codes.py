"""Codes shared across the layers.

## Aliases: the codes and rule names of 0.1.0 that were split into one code per kind of finding

In 0.1.0 `S001 six-sections`, `T001 table-balance`, `T003 table-structure`, `C001 citation-number`,
`P001 title-marks`, `Y001 year-reference` and `X001 text-table-match` each reported several kinds of
finding under one code. Each kind now has its own code and name. The old code and the old rule name
stay valid wherever a user may write them (`select`, `ignore`, `[severity]`, `gaic-lint rule`) and stand
for the set of kinds they used to cover; an old code never takes a narrower meaning. Baselines written by
0.1.0 keep working through `LEGACY`, which names each new code's old code and rule.

## Plugin prefixes

A plugin's rules use codes under a prefix the plugin registers (hook `gaic_lint_code_prefixes`), so
`--select X` never picks up a plugin's rule by accident, and two plugins cannot take the same codes.

## File notices

What is said about a file rather than about the report in it (F-codes). Readers and the engine emit
them; `rules/file/file_notices.py` gives each its name, severity and documentation.
"""

from __future__ import annotations

FILE_ERROR = "F001"  # the file cannot be read at all
RULE_ERROR = "F002"  # a rule or a plugin failed
FORMAT_MISMATCH = "F003"  # the extension says one format, the bytes another
REVISIONS = "F004"  # a Word file with tracked changes not accepted
HIDDEN_CONTENT = "F005"  # cell content hidden under a merged cell
CONVERTED = "F006"  # an old .doc/.wps converted before reading
PARTIAL_READ = "F007"  # only part of the file could be read

SIX_SECTIONS = ("S101", "S102", "S103", "S104", "S105", "S106", "S107", "S108")
TABLE_BALANCE = ("T101", "T102", "T103", "T104", "T105", "T106", "T107", "T108", "T109", "T110")
TABLE_STRUCTURE = ("T301", "T302", "T303", "T304", "T305")
CITATION_NUMBER = ("C101", "C102", "C103", "C104", "C105")
TITLE_MARKS = ("P101", "P102", "P103", "P104")
YEAR_REFERENCE = ("Y101", "Y102")
TEXT_TABLE_MATCH = ("X101", "X102", "X103", "X104")

# 0.1.0 code, 0.1.0 rule name, the codes of its kinds
_SPLIT = (
    ("S001", "six-sections", SIX_SECTIONS),
    ("T001", "table-balance", TABLE_BALANCE),
    ("T003", "table-structure", TABLE_STRUCTURE),
    ("C001", "citation-number", CITATION_NUMBER),
    ("P001", "title-marks", TITLE_MARKS),
    ("Y001", "year-reference", YEAR_REFERENCE),
    ("X001", "text-table-match", TEXT_TABLE_MATCH),
)

# old code or old rule name -> the codes of the kinds it now stands for
ALIASES: dict[str, frozenset[str]] = {
    key: frozenset(codes) for code, name, codes in _SPLIT for key in (code, name)
}

# What an old code or name means in `[severity]`: the kinds whose level the user was setting. A user who
# wrote `six-sections = "warning"` was grading the title and order findings; a missing part makes the
# report incomplete and stays an error unless it is named itself (`missing-part = "warning"`).
SEVERITY_ALIASES: dict[str, frozenset[str]] = {
    **ALIASES,
    "S001": frozenset(SIX_SECTIONS) - {"S101"},
    "six-sections": frozenset(SIX_SECTIONS) - {"S101"},
}

# new code -> (0.1.0 code, 0.1.0 rule name)
LEGACY: dict[str, tuple[str, str]] = {new: (code, name) for code, name, codes in _SPLIT for new in codes}


def expand(selector: str) -> frozenset[str]:
    """The codes an old code or old rule name stands for; empty for any other selector."""
    return ALIASES.get(selector.strip(), ALIASES.get(selector.strip().upper(), frozenset()))


def expand_severity(key: str) -> frozenset[str]:
    """The codes an old code or old rule name re-grades as a `[severity]` key."""
    return SEVERITY_ALIASES.get(key.strip(), SEVERITY_ALIASES.get(key.strip().upper(), frozenset()))


def legacy(code: str, rule: str) -> tuple[str, str]:
    """(code, rule) as 0.1.0 would have written them for a finding of this kind."""
    return LEGACY.get(code, (code, rule))


# Prefixes the built-in rules and file notices use; a plugin may not register one of these or a
# prefix that overlaps them.
BUILTIN_PREFIXES = ("C", "F", "P", "S", "T", "W", "X", "Y")


class PrefixError(ValueError):
    pass


class PrefixRegistry:
    """Which plugin owns which code prefix."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    def register(self, prefix: str, plugin: str) -> None:
        prefix = prefix.strip().upper()
        if len(prefix) < 2 or not prefix.isalnum() or not prefix[0].isalpha():
            raise PrefixError(f"代码前缀“{prefix}”无效：应以字母开头、至少两个字符")
        if prefix.startswith(BUILTIN_PREFIXES):
            raise PrefixError(f"代码前缀“{prefix}”与内置规则的代码族重叠")
        for taken, owner in self.owners.items():
            if owner != plugin and (taken.startswith(prefix) or prefix.startswith(taken)):
                raise PrefixError(f"代码前缀“{prefix}”与插件“{owner}”的前缀“{taken}”重叠")
        self.owners[prefix] = plugin

    def owner(self, code: str) -> str | None:
        """The plugin whose prefix the code starts with, if any."""
        return next((o for p, o in self.owners.items() if code.upper().startswith(p)), None)
