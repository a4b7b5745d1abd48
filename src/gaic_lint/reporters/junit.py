"""JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps): what a supervisor who collects many
reports looks at.

One `testsuite` per report, named and classed by the body and year its title names
(`东昌府区医疗保障局.2025`), with the file path as a property and the real time spent on the report. One
`testcase` per enabled rule: it fails when the rule found anything at or above the `fail-on` level (the
level that decides the exit code, so the XML and the exit code agree); its `message` is the first such
finding in full, its text lists each with its place and evidence. Findings below that level stay in
`system-out`. An unreadable file is a suite with a single errored `file-error` case, so one broken
file shows up without hiding the others.

The document is built as plain data first (`Suite`/`Case`) and handed to one writer function; only
that function knows the `junit-xml` package, so it can be replaced without touching the shape.
"""

from __future__ import annotations

import sys

from ..model import Diagnostic, Severity
from ..paths import display_path
from ..records import field, record, replace
from ..rules.file import file_notices
from .sanitize import clean, guard_lines, inline, line_start
from .text import place


@record(frozen=False)
class Case:
    name: str
    classname: str
    outcome: str = "passed"  # passed | failed | errored
    message: str = ""
    details: str = ""
    note: str = ""  # system-out
    kind: str = "error"  # the failure's type: the worst severity among the failing findings


@record(frozen=False)
class Suite:
    name: str
    file: str
    properties: dict[str, str] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    seconds: float = 0.0  # the time spent reading and checking the report


def _finding(d: Diagnostic) -> str:
    # One line per field: the details are multi-line text that CI tools print into their logs.
    lines = [f"{line_start(place(replace(d, file=display_path(d.file))))}: {d.code} [{d.severity.value}] "
             f"{inline(d.message)}"]
    if d.location.cell_path:
        lines.append(f"  位置：{inline(d.location.cell_path)}")
    if d.evidence:
        lines.append(f"  依据：{inline(d.evidence)}")
    return "\n".join(lines)


def _count(diagnostics: list[Diagnostic]) -> str:
    by = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    return "，".join(f"{n} 个{s.zh}" for s, n in by.items() if n)


def _label(result) -> str | None:
    """`东昌府区医疗保障局.2025`: JUnit viewers split a classname at its last dot into package and class,
    so the body becomes the package and the year the class, and contents lists show the department."""
    summary = result.summary
    if summary is None or not summary.agency:
        return None
    return f"{summary.agency.replace('.', '·')}.{summary.year or '年度不明'}"


def _classnames(results) -> list[str]:
    labels = [_label(r) for r in results]
    seen: dict[str, int] = {}
    for label in labels:
        if label:
            seen[label] = seen.get(label, 0) + 1
    out = []
    for result, label in zip(results, labels):
        # Without a body, or when two files claim the same body and year, the file name tells them
        # apart; its dots would split the classname, so they become underscores.
        stem = display_path(result.path).replace(".", "_")
        if label is None:
            out.append(stem)
        elif seen[label] > 1:
            out.append(f"{label}（{stem.rsplit('/', 1)[-1]}）")
        else:
            out.append(label)
    return out


def _properties(result, path: str) -> dict[str, str]:
    props = {"path": path}
    summary = result.summary
    if summary is not None:
        for key in ("agency", "year", "level", "title", "published"):
            value = getattr(summary, key)
            if value:
                props[key] = str(value)
    return props


def build_suites(results, rules=None, fail_on: Severity = Severity.ERROR) -> list[Suite]:
    """The JUnit shape as plain data. `rules` is the list of enabled rules' metadata (the run's
    rule set); without it only the rules that reported something get a case. A case fails when its
    rule found anything at or above `fail_on`, the level that decides the exit code."""
    suites = []
    for result, classname in zip(results, _classnames(results)):
        path = display_path(result.path)
        suite = Suite(f"{classname}（{path}）" if classname != path.replace(".", "_") else path, path,
                      _properties(result, path), seconds=getattr(result, "seconds", 0.0) or 0.0)
        if result.unreadable:
            errors = [d for d in result.diagnostics if d.code == file_notices.FILE_ERROR.code]
            meta = file_notices.FILE_ERROR
            suite.cases.append(Case(f"{meta.code} {meta.name}", classname, "errored",
                                    message=inline(errors[0].message) if errors else meta.summary,
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
            failing = [d for d in found if d.severity.rank >= fail_on.rank]
            below = [d for d in found if d.severity.rank < fail_on.rank]
            if failing:
                case.outcome = "failed"
                case.kind = max(failing, key=lambda d: d.severity.rank).severity.value
                # The first finding in full (CI tools show `message` in their lists), every one below.
                case.message = _finding(failing[0]).split("\n", 1)[0]
                case.details = f"{_count(failing)}：\n\n" + "\n\n".join(_finding(d) for d in failing)
            if below:
                case.note = f"{_count(below)}：\n\n" + "\n\n".join(_finding(d) for d in below)
            suite.cases.append(case)
        suites.append(suite)
    return suites


def write_junit_xml(suites: list[Suite], stream) -> None:
    """Serialise with the `junit-xml` package. Every string is cleaned first: the package (unchanged
    since 2020) writes unparseable XML for lone surrogates and control characters."""
    import xml.etree.ElementTree as ET
    from xml.dom import minidom

    from junit_xml import TestCase, TestSuite

    out = []
    for suite in suites:
        cases = []
        for case in suite.cases:
            tc = TestCase(inline(case.name), classname=inline(case.classname), file=inline(suite.file),
                          stdout=guard_lines(clean(case.note)) or None)
            if case.outcome == "failed":
                tc.add_failure_info(message=clean(case.message), output=guard_lines(clean(case.details)), failure_type=case.kind)
            elif case.outcome == "errored":
                tc.add_error_info(message=clean(case.message), output=guard_lines(clean(case.details)), error_type="file-error")
            cases.append(tc)
        # Names and attributes are one line each (minidom writes a line break in an attribute raw).
        out.append((suite, TestSuite(inline(suite.name), cases, file=inline(suite.file),
                                     properties={inline(k): inline(v) for k, v in suite.properties.items()} or None)))
    # The package times a suite as the sum of its cases; rules are not timed one by one, so the
    # suite carries the measured time of the whole report instead, and the root the batch's sum.
    root = ET.Element("testsuites")
    totals = dict.fromkeys(("disabled", "errors", "failures", "tests"), 0)
    for suite, ts in out:
        elem = ts.build_xml_doc(encoding="utf-8")
        elem.set("time", f"{suite.seconds:.3f}")
        for key in totals:
            totals[key] += int(elem.get(key, 0))
        root.append(elem)
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{sum(s.seconds for s in suites):.3f}")
    text = ET.tostring(root, encoding="unicode")
    stream.write(minidom.parseString(text.encode("utf-8")).toprettyxml(encoding="utf-8").decode("utf-8"))


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    options = options or {}
    from .verdicts import fail_level

    write_junit_xml(build_suites(results, options.get("rules"), fail_level(options)), stream)
