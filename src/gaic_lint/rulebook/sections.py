"""The rulebook's sections about who wrote a report and what its narrative says, across years and across
a batch: `agency.toml` (levels, names), `substance.toml` (problems, overview, doubled), `cross-year.toml`
(deadlines, published, text-reuse, year-over-year, report-dates) and `batch.toml` (batch-copy,
foreign-name).

A pack adds words to every list and replaces single values; an aspect or a level it names again is
extended or re-dated, not duplicated. Every value is checked here, naming `file:section.key`.
"""

from __future__ import annotations

import datetime as dt

from ..records import replace
from ..text.normalize import nfkc
from .fields import REQUIRED, fail, fields
from .schema import (
    Aspect,
    CrossYear,
    Rulebook,
    SubstanceWords,
    YearSubject,
)

# Every field is optional in a pack (None: not given); the built-in files give them all.
_LEVELS = {"government": ("words", None), "department": ("words", None)}
_NAMES = {"same": ("groups", None), "place_ends": ("words", None)}
_PROBLEMS = {"part": ("text", None), "min_chars": ("count", None), "problems": ("words", None),
             "denials": ("words", None), "measures": ("words", None)}
_OVERVIEW = {"part": ("text", None), "aspects": ("tables", None), "government": ("tables", None)}
_ASPECT = {"name": ("text", REQUIRED), "words": ("words", ())}
_DOUBLED = {"min_length": ("count", None), "max_length": ("count", None), "deliberate": ("words", None),
            "deliberate_heads": ("words", None), "reduplicated": ("words", None), "quotes": ("words", None)}
_PUBLISHED = {"labels": ("words", None), "first-paragraphs": ("count", None)}
_REUSE = {"threshold": ("share", None), "min-run": ("count", None), "min-sentences": ("count", None),
          "min-sentence-chars": ("count", None), "min-measure": ("count", None), "quotes": ("count", None),
          "min-nonzero-cells": ("count", None), "measure-starts": ("words", None), "template": ("words", None)}
_YEAR_OVER_YEAR = {"subjects": ("tables", None)}
_SUBJECT = {"words": ("words", REQUIRED), "table": ("text", REQUIRED), "row": ("text", REQUIRED),
            "column": ("text", REQUIRED)}
_REPORT_DATES = {"last-paragraphs": ("count", None)}
_BATCH_COPY = {"parts": ("ints", None), "shingle": ("count", None), "min-length": ("count", None),
               "sample-every": ("count", None), "min-shared-samples": ("count", None),
               "common-share": ("share", None), "findings-per-pair": ("count", None), "template": ("words", None)}
_FOREIGN_NAME = {"after": ("words", None), "before": ("words", None)}

SECTIONS = ("levels", "names", "problems", "overview", "doubled", "deadlines", "published", "text-reuse",
            "year-over-year", "report-dates", "batch-copy", "foreign-name")


def fold(text: str) -> str:
    """Width and compatibility forms folded, spaces dropped: PDF copies put spaces inside words."""
    return "".join(nfkc(text).split())


def _extend(old, new) -> tuple:
    return tuple(old) + tuple(v for v in new if v not in old)


def _given(data, where: str, spec: dict) -> dict:
    """The fields the entry gives (checked), by their name in the dataclass."""
    return {k.replace("-", "_"): v for k, v in fields(data, where, spec).items() if v is not None}


def _update(old, given: dict, fold_words=None):
    """`old` with the single values of `given` replaced and its word lists extended."""
    changes = {}
    for name, value in given.items():
        current = getattr(old, name)
        if isinstance(value, tuple) and isinstance(current, (tuple, frozenset)):
            if fold_words is not None:
                value = tuple(fold_words(v) for v in value)
            merged = _extend(tuple(current), value)
            value = frozenset(merged) if isinstance(current, frozenset) else merged
        changes[name] = value
    return replace(old, **changes)


def merge(book: Rulebook, data: dict, source: str, places: dict) -> None:
    """Merge the sections of this module found in one file's `data` into `book`. `places` keeps where
    each value that names another part of the rulebook was last set, for `check`."""
    at = source + ":"
    for name in ("problems", "overview"):
        if isinstance(data.get(name), dict) and "part" in data[name]:
            places[name] = f"{at}{name}.part"
    if "levels" in data or "names" in data:
        agency = book.agency
        if "levels" in data:
            agency = _update(agency, _given(data["levels"], at + "levels", _LEVELS))
        if "names" in data:
            given = _given(data["names"], at + "names", _NAMES)
            if "same" in given:
                given["same"] = tuple(g for g in given["same"] if g not in agency.same)
                agency = replace(agency, same=agency.same + given.pop("same"))
            agency = _update(agency, given)
        book.agency = agency
    book.substance = _substance(book.substance, data, at)
    book.cross_year = _cross_year(book.cross_year, data, at, places)
    if "batch-copy" in data or "foreign-name" in data:
        batch = book.batch
        if "batch-copy" in data:
            given = _given(data["batch-copy"], at + "batch-copy", _BATCH_COPY)
            numbers = {p.number for p in book.parts}  # parts are only ever added: checked here
            for i, number in enumerate(given.get("parts", ())):
                if number not in numbers:
                    raise fail(f"{at}batch-copy.parts[{i}]", f"规则库中没有第{number}部分")
            batch = replace(batch, batch_copy=_update(batch.batch_copy, given))
        if "foreign-name" in data:
            words = _update(batch.foreign_name, _given(data["foreign-name"], at + "foreign-name", _FOREIGN_NAME))
            # The longest word first: "年政府信息公开工作年度报告" before "政府信息公开工作年度报告".
            words = replace(words, after=tuple(sorted(words.after, key=len, reverse=True)))
            batch = replace(batch, foreign_name=words)
        book.batch = batch


def _substance(old: SubstanceWords, data: dict, at: str) -> SubstanceWords:
    problems, overview, doubled = old.problems, old.overview, old.doubled
    if "problems" in data:
        problems = _update(problems, _given(data["problems"], at + "problems", _PROBLEMS), fold)
    if "overview" in data:
        given = _given(data["overview"], at + "overview", _OVERVIEW)
        for key in ("aspects", "government"):
            if key in given:
                given[key] = _aspects(getattr(overview, key), given[key], f"{at}overview.{key}")
        overview = replace(overview, **given)
    if "doubled" in data:
        given = _given(data["doubled"], at + "doubled", _DOUBLED)
        quotes = given.pop("quotes", ())
        for i, pair in enumerate(quotes):
            if len(pair) != 2:
                raise fail(f"{at}doubled.quotes[{i}]", f"应为一对引号（两个字符，如 “”），不是 {pair!r}")
        doubled = _update(doubled, given)
        doubled = replace(doubled, quotes=_extend(doubled.quotes, ((q[0], q[1]) for q in quotes)))
        if doubled.min_length > doubled.max_length:
            raise fail(f"{at}doubled.min_length", f"不应大于 max_length（{doubled.max_length}）")
    return SubstanceWords(problems, overview, doubled)


def _aspects(old: tuple[Aspect, ...], items: list, where: str) -> tuple[Aspect, ...]:
    out = list(old)
    for i, item in enumerate(items):
        values = fields(item, f"{where}[{i}]", _ASPECT)
        words = tuple(fold(w) for w in values["words"])
        index = next((j for j, a in enumerate(out) if a.name == values["name"]), None)
        if index is None:
            out.append(Aspect(values["name"], words))
        else:
            out[index] = Aspect(values["name"], _extend(out[index].words, words))
    return tuple(out)


def _cross_year(old: CrossYear, data: dict, at: str, places: dict) -> CrossYear:
    changes: dict = {}
    if "deadlines" in data:
        changes["deadlines"] = _deadlines(old.deadlines, data["deadlines"], at + "deadlines")
    if "published" in data:
        changes["published"] = _update(old.published, _given(data["published"], at + "published", _PUBLISHED))
    if "text-reuse" in data:
        changes["text_reuse"] = _update(old.text_reuse, _given(data["text-reuse"], at + "text-reuse", _REUSE))
    if "year-over-year" in data:
        given = _given(data["year-over-year"], at + "year-over-year", _YEAR_OVER_YEAR)
        where = at + "year-over-year.subjects"
        changes["subjects"] = old.subjects + tuple(
            YearSubject(**fields(item, f"{where}[{i}]", _SUBJECT)) for i, item in enumerate(given.get("subjects", ())))
        places.setdefault("subjects", []).extend(f"{where}[{i}]" for i in range(len(given.get("subjects", ()))))
    if "report-dates" in data:
        given = _given(data["report-dates"], at + "report-dates", _REPORT_DATES)
        changes.update(given)
    return replace(old, **changes) if changes else old


def _deadlines(old: tuple, data, where: str) -> tuple:
    if not isinstance(data, dict):
        raise fail(where, "应为表，如 [deadlines]，每个层级一行：\"部门\" = \"01-31\"")
    out = list(old)
    for level, value in data.items():
        try:
            month, day = (int(x) for x in value.split("-")) if isinstance(value, str) else (0, 0)
            dt.date(2000, month, day)  # a leap year: 02-29 is a day
        except ValueError:
            raise fail(f"{where}.{level}", f"应为“月-日”，如 \"03-31\"，不是 {value!r}") from None
        out = [d for d in out if d[0] != level] + [(level, month, day)]
    return tuple(out)


def check(book: Rulebook, places: dict) -> None:
    """What these sections name elsewhere in the rulebook exists (a later pack may have replaced a table):
    the parts by title, the tables, rows and columns of the year-over-year subjects."""
    titles = {p.title for p in book.parts}
    for name, words in (("problems", book.substance.problems), ("overview", book.substance.overview)):
        if words.part and words.part not in titles:
            raise fail(places.get(name, name + ".part"), f"规则库中没有标题为“{words.part}”的部分")
    for subject, at in zip(book.cross_year.subjects, places.get("subjects", ())):
        spec = book.tables.get(subject.table)
        if spec is None:
            raise fail(f"{at}.table", f"规则库中没有表 {subject.table}")
        row = next((r for r in spec.rows if r.key == subject.row), None)
        if row is None:
            raise fail(f"{at}.row", f"表 {subject.table} 没有行 {subject.row}")
        if subject.column not in {c.key for c in spec.columns_of(row)}:
            raise fail(f"{at}.column", f"表 {subject.table} 的行 {subject.row} 没有列 {subject.column}")
