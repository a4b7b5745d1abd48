"""What a rule is: metadata in one place, and a `check` that reads the Report tree and yields diagnostics.

A rule that reports one kind of finding needs only `meta` and `self.diagnostic(message, location)`.
A rule that reports several kinds declares one `Violation` class per kind in `violations`: each kind has
its own code, name and default severity, so a user can select, ignore or re-grade one kind without the
others, and its message is a template over typed fields that also travel in the diagnostic.
"""

from __future__ import annotations

import enum
import functools
import re
import weakref
from collections.abc import Callable, Iterable

from ..model import Diagnostic, Fix, Location, Severity
from ..records import field, record, replace

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from ..rulebook import Rulebook
    from ..structure.tree import Report


@record
class RuleMeta:
    code: str
    name: str
    summary: str
    severity: Severity
    what: str = ""
    why: str = ""
    example: str = ""
    use_instead: str = ""
    fixable: bool = False
    # For a kind of a multi-kind rule: the rule that reports it, and the message template.
    rule: str = ""
    template: str = ""
    fix_title: str = ""

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


class FixAvailability(str, enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Violation:
    """One kind of finding. Subclass as a record (`records.record`, a frozen dataclass) whose fields are what the finding is about;
    `template` is formatted with the fields and with `derived()` (numerals, quoted text…).

    The fields go into `Diagnostic.fields`, and the fingerprint hashes them rather than the wording
    (so a field must not hold a physical place: line numbers belong in the location), so rewording a template never brings a baselined finding back."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity]
    template: ClassVar[str]
    fix_title: ClassVar[str] = ""
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE
    what: ClassVar[str] = ""
    why: ClassVar[str] = ""
    example: ClassVar[str] = ""
    use_instead: ClassVar[str] = ""

    def fields(self) -> dict[str, Any]:
        # A record keeps its field names on the class; a plugin's violation may be a dataclass.
        names = getattr(type(self), "__record_names__", None)
        if names is None:
            import dataclasses

            names = [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        out = {}
        for name in names:
            value = getattr(self, name)
            out[name] = value.value if isinstance(value, enum.Enum) else value
        return out

    def derived(self) -> dict[str, Any]:
        return {}

    @property
    def message(self) -> str:
        return self.template.format(**self.fields(), **self.derived())

    @classmethod
    def kind(cls, rule: str) -> RuleMeta:
        return RuleMeta(cls.code, cls.name, cls.summary, cls.severity, what=cls.what, why=cls.why,
                        example=cls.example, use_instead=cls.use_instead,
                        fixable=cls.fix_availability is not FixAvailability.NONE, rule=rule,
                        template=cls.template, fix_title=cls.fix_title)


@record(frozen=False)
class Context:
    """What a rule may know beyond the tree: the rulebook and the run's options."""

    rulebook: Rulebook
    options: dict = field(default_factory=dict)
    plugin_options: dict[str, dict] = field(default_factory=dict)  # rule name -> its options

    def rule_options(self, rule: str) -> dict:
        """The options a plugin declared for its rule (hook `gaic_lint_rule_options`)."""
        return dict(self.plugin_options.get(rule, {}))


# By rule class: the meta and violations its kinds were made from, and the kinds.
_KINDS: dict[type, tuple] = {}


class Rule:
    meta: ClassVar[RuleMeta]
    # The kinds of finding this rule reports; empty for a rule whose only kind is `meta` itself.
    violations: ClassVar[tuple[type[Violation], ...]] = ()

    def check(self, report: Report, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def kinds(cls) -> list[RuleMeta]:
        """One entry per code the rule can report."""
        if not cls.violations:
            return [cls.meta]
        # Worked out once per class: a run asks for every rule's kinds several times.
        known = _KINDS.get(cls)
        if known is None or known[0] is not cls.meta or known[1] is not cls.violations:
            # The one kind of a single-kind rule shares its code, and its documentation, with the rule.
            known = _KINDS[cls] = (cls.meta, cls.violations, [
                replace(cls.meta, template=v.template, fix_title=v.fix_title, rule=cls.meta.name)
                if v.code == cls.meta.code else v.kind(cls.meta.name) for v in cls.violations])
        return list(known[2])

    def diagnostic(
        self,
        message: str,
        location: Location,
        evidence: str = "",
        context: str | None = None,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.meta.code,
            rule=self.meta.name,
            severity=severity or self.meta.severity,
            message=message,
            location=location,
            evidence=evidence,
            context=context,
            fix=fix,
        )

    def report(
        self,
        violation: Violation,
        location: Location,
        evidence: str = "",
        context: str | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        fields = violation.fields()
        # The message from the same fields, unless the kind words its message itself.
        message = (violation.template.format(**fields, **violation.derived())
                   if type(violation).message is Violation.message else violation.message)
        return Diagnostic(
            code=violation.code,
            rule=violation.name,
            severity=violation.severity,
            message=message,
            location=location,
            evidence=evidence,
            context=context,
            fix=fix,
            fields=fields,
        )


def report_texts(report: Report) -> list[tuple[str, Callable[[int], Location]]]:
    """Running text and every cell of the reader's tables (template or not), each with a way to locate
    an offset in it. Listed once per report: several rules read every text, most of which (the
    cells) they then pass over after one search."""
    listed = _listed(report)
    if listed.entries is None:
        listed.entries = listed.where(None)
    return listed.entries


def distinct_texts(report: Report) -> dict[str, None]:
    """The texts of `report_texts`, each once, in order: a report writes the same few cell texts ("0",
    "1", "—") hundreds of times, so a rule that tests texts tests these."""
    return _listed(report).distinct


class _Listed:
    """A report's paragraphs and non-empty cells, and their texts. The way to locate an offset in a
    text (a bound method) is made only for the texts a rule wants: most cells are passed over."""

    __slots__ = ("paragraphs", "cells", "distinct", "entries")

    def __init__(self, report: Report):
        self.paragraphs = [paragraph for _, paragraph in report.paragraphs()]
        self.cells = [cell for table in report.raw_tables for row in table.rows for cell in row if cell.text]
        self.distinct = dict.fromkeys([p.text for p in self.paragraphs] + [c.text for c in self.cells])
        self.entries: list | None = None

    def where(self, passing: set[str] | None) -> list[tuple[str, Callable[[int], Location]]]:
        """The entries whose text is in `passing` (all for None), paragraphs first, in order."""
        out = [(p.text, p.location_at) for p in self.paragraphs if passing is None or p.text in passing]
        out += [(c.text, c.location.shifted) for c in self.cells if passing is None or c.text in passing]
        return out


def _listed(report: Report) -> _Listed:
    held, listed = _TEXTS
    if held is not None and held() is report:
        return listed
    listed = _Listed(report)
    # Forgotten with the report, so that nothing of a tree the batch has let go of is kept.
    try:
        _TEXTS[:] = [weakref.ref(report, _forget), listed]
    except TypeError:  # a report-like object of a plugin's own that cannot be referred to weakly
        _TEXTS[:] = [None, None]
    return listed


_TEXTS: list = [None, None]  # a weak reference to the report last listed, and its texts

# What each test said of the short texts it was asked about, by test (a few tests at most): the
# cells of every report of a batch are the template's labels and small numbers, tested once each.
# Short texts only (a paragraph is seldom seen twice), and a bounded number, as `structure.labels`
# remembers the labels.
_VERDICTS: dict[Callable, dict[str, bool]] = {}
_SHORT = 100
_REMEMBERED = 4096


def texts_where(report: Report, test: Callable[[str], object] | None) -> list[tuple[str, Callable[[int], Location]]]:
    """The entries of `report_texts` whose text passes `test` (all of them for None), in order. Each
    distinct text is tested once, and a short one once per run for the same `test` (which must then
    be the same object, or an equal bound method, from report to report, and answer by the text
    alone)."""
    if test is None:
        return report_texts(report)
    listed = _listed(report)
    known = _VERDICTS.get(test)
    if known is None:
        if len(_VERDICTS) >= 8:
            _VERDICTS.clear()
        known = _VERDICTS[test] = {}
    passing = set()
    for text in listed.distinct:
        hit = known.get(text)
        if hit is None:
            hit = bool(test(text))
            if len(text) <= _SHORT:
                if len(known) >= _REMEMBERED:
                    known.clear()
                known[text] = hit
        if hit:
            passing.add(text)
    return listed.where(passing) if passing else []


def _forget(held: weakref.ref) -> None:
    if _TEXTS[0] is held:
        _TEXTS[:] = [None, None]


@functools.lru_cache(maxsize=8)
def _words(limit: int) -> re.Pattern:
    return re.compile(rf"\S{{1,{limit + 1}}}")


def quote(text: str, limit: int = 60) -> str:
    """A piece of report text as a message quotes it."""
    # Only as many words as the quote can show: a rule quotes the same long paragraph once per finding,
    # and normalising all of it each time is quadratic. Pieces of a long word stand for its start.
    words, size = [], 0
    for m in _words(limit).finditer(text):
        words.append(m.group())
        size += len(words[-1]) + 1
        if size > limit + 1:
            break
    text = " ".join(words)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"
