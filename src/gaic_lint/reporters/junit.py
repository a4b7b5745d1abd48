"""JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps): what a supervisor who collects many
reports looks at.

One `testsuite` per report, named by the file and, when the title says so, the agency and year. One
`testcase` per enabled rule: it passes when the rule found nothing, fails when it found an error
(the failure text lists each finding with its place and evidence), and passes with a `system-out`
note when it found only warnings or hints. An unreadable file is a suite with a single errored
`file-error` case, so one broken file shows up without hiding the others.

The document is built as plain data first (`Suite`/`Case`) and handed to one writer function; only
that function knows the `junit-xml` package, so it can be replaced without touching the shape.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

from ..model import Diagnostic, Severity
from ..rules.file import file_notices
from .fingerprint import display_path
from .sanitize import clean
from .text import place


@dataclass
class Case:
    name: str
    classname: str
    outcome: str = "passed"  # passed | failed | errored
    message: str = ""
    details: str = ""
    note: str = ""  # system-out


@dataclass
class Suite:
    name: str
    file: str
    properties: dict[str, str] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)


def _finding(d: Diagnostic) -> str:
    lines = [f"{place(replace(d, file=display_path(d.file)))}: {d.code} [{d.severity.value}] {d.message}"]
    if d.location.cell_path:
        lines.append(f"  位置：{d.location.cell_path}")
    if d.evidence:
        lines.append(f"  依据：{d.evidence}")
    return "\n".join(lines)


def _count(diagnostics: list[Diagnostic]) -> str:
    by = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    return "，".join(f"{n} 个{s.zh}" for s, n in by.items() if n)


def _suite_name(result) -> str:
    name = display_path(result.path)
    report = result.report
    about = []
    if report is not None and report.agency:
        about.append(report.agency)
    if report is not None and report.year:
        about.append(f"{report.year} 年度")
    return f"{name}（{' '.join(about)}）" if about else name


def build_suites(results, rules=None) -> list[Suite]:
    """The JUnit shape as plain data. `rules` is the list of enabled rules' metadata (the run's
    rule set); without it only the rules that reported something get a case."""
    suites = []
    for result in results:
        path = display_path(result.path)
        # CI tools split classname at dots into package and class, so dots in a file name would turn
        # "000.txt" into a class "txt" in package "000".
        classname = path.replace(".", "_")
        suite = Suite(_suite_name(result), path)
        report = result.report
        if report is not None:
            for key, value in (("agency", report.agency), ("year", report.year), ("title", report.title)):
                if value:
                    suite.properties[key] = str(value)
        if result.unreadable:
            errors = [d for d in result.diagnostics if d.code == file_notices.FILE_ERROR.code]
            meta = file_notices.FILE_ERROR
            suite.cases.append(Case(f"{meta.code} {meta.name}", classname, "errored",
                                    message=errors[0].message if errors else meta.summary,
                                    details="\n".join(_finding(d) for d in result.diagnostics)))
            suites.append(suite)
            continue
        by_code: dict[str, list[Diagnostic]] = {}
        for d in result.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        names = {}
        for meta in rules or []:
            names[meta.code] = meta.name
        for code, found in by_code.items():
            names.setdefault(code, found[0].rule)
        for code in sorted(names):
            case = Case(f"{code} {names[code]}", classname)
            found = by_code.get(code, [])
            if any(d.severity is Severity.ERROR for d in found):
                case.outcome = "failed"
                case.message = f"{code} {names[code]}：{_count(found)}"
                case.details = "\n\n".join(_finding(d) for d in found)
            elif found:
                case.note = f"{_count(found)}：\n\n" + "\n\n".join(_finding(d) for d in found)
            suite.cases.append(case)
        suites.append(suite)
    return suites


def write_junit_xml(suites: list[Suite], stream) -> None:
    """Serialise with the `junit-xml` package. Every string is cleaned first: the package (unchanged
    since 2020) writes unparseable XML for lone surrogates and control characters."""
    from junit_xml import TestCase, TestSuite, to_xml_report_string

    out = []
    for suite in suites:
        cases = []
        for case in suite.cases:
            tc = TestCase(clean(case.name), classname=clean(case.classname), file=clean(suite.file),
                          stdout=clean(case.note) or None)
            if case.outcome == "failed":
                tc.add_failure_info(message=clean(case.message), output=clean(case.details), failure_type="error")
            elif case.outcome == "errored":
                tc.add_error_info(message=clean(case.message), output=clean(case.details), error_type="file-error")
            cases.append(tc)
        out.append(TestSuite(clean(suite.name), cases, file=clean(suite.file),
                             properties={clean(k): clean(v) for k, v in suite.properties.items()} or None))
    stream.write(to_xml_report_string(out, prettyprint=True, encoding="utf-8"))


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    options = options or {}
    write_junit_xml(build_suites(results, options.get("rules")), stream)
