"""Rule cases as data: each tests/rules/<rule-name>.toml holds named cases, each an edit of one complete,
balanced, correct report (tests/rules/skeleton.txt) and what the rule must say about the result.

A case file:

    rule = "table-balance"           # the rule whose findings are compared (others are ignored)

    [[case]]
    name = "one-cell-changed"
    kind = "fail"                    # pass: no finding; fail: exactly `expect`; fix: `expect`, then `fixed`
    snippet = "一段文字。"             # put in as a new paragraph after the line `after` (default below)
    after = "……"                     # optional
    edit = [{ old = "…", new = "…" }]  # optional: replacements, each `old` found exactly once
    expect = [{ code = "T001", at = "…", column = 3, cell_path = "表三 · … · …", severity = "error" }]
    fixed = "一段文字。"               # kind "fix": the snippet after `--fix`

In `expect`, `at` is a text whose first line in the case's report is where the finding must be; `line`
instead counts from the snippet's first line (1); keys left out are not compared. Findings are compared
in the order the rule gives them, never by their Chinese wording.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import lint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES_DIR = Path(__file__).parent / "rules"
SKELETON = (CASES_DIR / "skeleton.txt").read_text(encoding="utf-8")
# The last paragraph of part 一: a snippet put after it is ordinary prose of the report.
DEFAULT_AFTER = "2024 年，我单位政府信息公开工作自觉接受社会评议，不存在责任追究情况。"
KINDS = ("pass", "fail", "fix")


def _load() -> list:
    out = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            out.append(pytest.param(data["rule"], case, id=f"{path.stem}/{case['name']}"))
    return out


CASES = _load()


def build_case(case: dict) -> tuple[str, int | None]:
    """The case's report text, and the line its snippet starts on (None without a snippet)."""
    text = SKELETON
    for edit in case.get("edit", []):
        assert text.count(edit["old"]) == 1, f"not exactly once in the skeleton: {edit['old']!r}"
        text = text.replace(edit["old"], edit["new"])
    if "snippet" not in case:
        return text, None
    after = case.get("after", DEFAULT_AFTER)
    lines = text.split("\n")
    (index,) = [i for i, line in enumerate(lines) if line == after]
    lines[index + 1:index + 1] = ["", *case["snippet"].split("\n")]
    return "\n".join(lines), index + 3


def _line_of(text: str, needle: str) -> int:
    assert text.count(needle) >= 1, f"`at` not in the case's report: {needle!r}"
    return text[:text.index(needle)].count("\n") + 1


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_skeleton_alone_gives_no_finding(tmp_path):
    assert lint(_write(tmp_path, SKELETON)) == []


def test_every_rule_without_fixtures_has_cases_and_every_kind_is_known():
    rules = {p.values[0] for p in CASES}
    assert {"six-sections", "table-balance", "table-blank-cell", "table-structure"} <= rules
    for p in CASES:
        rule, case = p.values
        assert case["kind"] in KINDS, p.id
        assert case["kind"] == "pass" or case.get("expect"), f"{p.id}: a failing case must expect findings"
        assert ("fixed" in case) == (case["kind"] == "fix"), p.id
        assert "snippet" in case or case.get("edit") or case["kind"] == "pass", p.id
    fixes = {p.values[0] for p in CASES if p.values[1]["kind"] == "fix"}
    assert {"citation-number", "title-marks", "terminology"} <= fixes


def _codes_of(rule: str) -> set[str]:
    """The codes of every kind of finding the rule (checker) of that name reports."""
    from gaic_lint.plugins import load_plugins

    cls = next(c for c in load_plugins().rules if c.meta.name == rule)
    return {k.code for k in cls.kinds()}


@pytest.mark.parametrize("rule, case", CASES)
def test_rule_case(rule, case, tmp_path):
    text, snippet_line = build_case(case)
    path = _write(tmp_path, text)
    codes = _codes_of(rule)
    found = [d for d in lint(path) if d.code in codes]
    expect = case.get("expect", [])
    if case["kind"] == "pass":
        assert found == [], [(d.code, d.location.line, d.message) for d in found]
        return

    assert len(found) == len(expect), [(d.code, d.location.line, d.location.cell_path, d.message) for d in found]
    got = []
    want = []
    for d, e in zip(found, expect):
        assert "code" in e, "every expected finding names its code"
        keys = set(e) - {"at"}
        if "at" in e:
            keys.add("line")
            e = {**e, "line": _line_of(text, e["at"])}
        elif "line" in e:
            assert snippet_line is not None, "`line` counts from the snippet; use `at` otherwise"
            e = {**e, "line": snippet_line + e["line"] - 1}
        fields = {"code": d.code, "line": d.location.line, "column": d.location.column,
                  "cell_path": d.location.cell_path, "severity": d.severity.value}
        got.append({k: fields[k] for k in sorted(keys)})
        want.append({k: e[k] for k in sorted(keys)})
    assert got == want
    for d in found:
        assert d.evidence, "every finding says what it is based on"

    if case["kind"] == "fix":
        from gaic_lint.fixer import fixed_text

        assert all(d.fix is not None for d in found)
        new_text, applied = fixed_text(text, found)
        assert applied == len(found)
        want_text, _ = build_case({**case, "snippet": case["fixed"]})
        assert new_text == want_text
        assert [d for d in lint(_write(tmp_path, new_text)) if d.code in codes] == []
