"""Who published a report: the body's name from the title, its level, and a key to pair reports of the
same body across years and spellings. The word lists are rulebook data (`rules/agency.toml`, the
rulebook's `agency` section); each helper takes them, or reads the built-in rulebook's."""

from __future__ import annotations

import re
from functools import lru_cache

from .rulebook.schema import AgencyWords
from .text.normalize import nfkc

GOVERNMENT = "本级政府"
DEPARTMENT = "部门"

# The title names the body before or after the year: "××局2024年政府信息公开工作年度报告",
# "2024年××局政府信息公开工作年度报告".
_YEAR = re.compile(r"(\d{4})\s*年(?:度)?")
# Starting only where a blank run starts: `search` would otherwise rescan a long run from each of its blanks.
_AFTER_NAME = re.compile(r"(?<!\s)\s*(?:政府信息公开|政务公开|信息公开)")


__all__ = ["DEPARTMENT", "GOVERNMENT", "AgencyWords", "agency_from_title", "body_key", "default_words",
           "keys_match", "level_of", "same_body"]


@lru_cache(maxsize=1)
def default_words() -> AgencyWords:
    """The built-in rulebook's words (a run's own rulebook, with the user's packs, is `ctx.rulebook.agency`)."""
    from .rulebook.load import load

    return load().agency


def _plain(name: str) -> str:
    return re.sub(r"\s+", "", nfkc(name))


def agency_from_title(title: str) -> tuple[str | None, int | None]:
    """The body's name and the report year as a title gives them."""
    title = _plain(title)
    m = _YEAR.search(title)
    if m is None:
        return None, None
    year = int(m.group(1))
    before = title[: m.start()].strip()
    if before:
        return before, year
    after = title[m.end():]
    end = _AFTER_NAME.search(after)
    name = after[: end.start()] if end else ""
    return (name or None), year


def level_of(name: str | None, words: AgencyWords | None = None) -> str | None:
    """本级政府 or 部门 by the last organ word of the name; None when no word ends it."""
    if not name:
        return None
    words = words or default_words()
    name = _plain(name)
    best: tuple[int, str] | None = None
    for level, ends in ((GOVERNMENT, words.government), (DEPARTMENT, words.department)):
        for end in ends:
            if name.endswith(end) and (best is None or len(end) > best[0]):
                best = (len(end), level)
    return best[1] if best else None


def body_key(name: str, words: AgencyWords | None = None) -> str:
    """The name in one spelling: width, spaces and organ synonyms folded; a government's organ word
    dropped, so that "平潭综合实验区" and "平潭综合实验区管委会" are one body."""
    words = words or default_words()
    key = _plain(name)
    for group in words.same:
        for variant in group[:-1]:
            key = key.replace(variant, group[-1])
    if level_of(key, words) == GOVERNMENT:
        for group in words.same:
            if key.endswith(group[-1]) and len(key) > len(group[-1]):
                key = key[: -len(group[-1])]
                break
    return key


def same_body(a: str, b: str, words: AgencyWords | None = None) -> bool:
    """Whether two names denote one body: equal keys, or one key inside the other after a place name
    ("淮安市洪泽区" and "洪泽区")."""
    words = words or default_words()
    return keys_match(body_key(a, words), body_key(b, words), words)


def keys_match(ka: str, kb: str, words: AgencyWords | None = None) -> bool:
    """`same_body` on two keys already made by `body_key` (pairing a batch makes each key once)."""
    words = words or default_words()
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if not short or not long.endswith(short):
        return False
    prefix = long[: -len(short)]
    return any(prefix.endswith(end) for end in words.place_ends)
