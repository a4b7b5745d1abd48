"""What a rule is: metadata in one place, and a `check` that reads the Report tree and yields diagnostics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..model import Diagnostic, Location, Severity

if TYPE_CHECKING:
    from ..rulebook import Rulebook
    from ..structure.tree import Report


@dataclass(frozen=True)
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

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


@dataclass
class Context:
    """What a rule may know beyond the tree: the rulebook and the run's options."""

    rulebook: Rulebook
    options: dict = field(default_factory=dict)


class Rule:
    meta: ClassVar[RuleMeta]

    def check(self, report: Report, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        message: str,
        location: Location,
        evidence: str = "",
        context: str | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.meta.code,
            rule=self.meta.name,
            severity=severity or self.meta.severity,
            message=message,
            location=location,
            evidence=evidence,
            context=context,
        )


def quote(text: str, limit: int = 60) -> str:
    """A piece of report text as a message quotes it."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"
