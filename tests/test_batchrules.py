"""Rules over a whole batch run after every file, on the summaries, and their findings land on the file
they are about, configured like any other finding."""

from conftest import seed
from gaic_lint.batchrules import BatchRule, run_batch_rules
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.model import Location, Severity
from gaic_lint.rules.base import RuleMeta


class SameYear(BatchRule):
    meta = RuleMeta(code="Z901", name="same-year-test", summary="", severity=Severity.WARNING)

    def check_batch(self, items, ctx):
        for item in items:
            others = [o for o in items if o.path != item.path and o.summary.year == item.summary.year]
            for other in others:
                d = self.diagnostic(f"与 {other.path} 同一年度", Location(line=1, column=1))
                d.file = item.path
                yield d


class Broken(BatchRule):
    meta = RuleMeta(code="Z902", name="broken-test", summary="", severity=Severity.WARNING)

    def check_batch(self, items, ctx):
        raise RuntimeError("boom")


def test_batch_findings_land_on_their_file_with_the_configured_severity():
    config = Config()
    config.severity = {"same-year-test": Severity.ERROR}
    linter = Linter(config)
    results = [linter.lint(str(seed(p))) for p in ("000", "002", "003")]  # 2025, 2025, 2023
    run_batch_rules([SameYear(), Broken()], results, linter.context, linter.finish)
    found = {r.path: [d for d in r.diagnostics if d.code == "Z901"] for r in results}
    assert [len(found[r.path]) for r in results] == [1, 1, 0]
    assert all(d.severity is Severity.ERROR and d.file == path for path, ds in found.items() for d in ds)
    # A crashing batch rule is one F002 naming it; the other rule's findings are kept.
    crashes = [d for r in results for d in r.diagnostics if d.code == "F002"]
    assert len(crashes) == 1 and "broken-test" in crashes[0].message
