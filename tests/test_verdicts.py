"""A verdict for every report, counts per rule, the per-file JSON and a JUnit that agrees with the exit
code: run through the real command line on seeds, Word, PDF, HTML and the real published reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from conftest import REAL_REPORTS, ROOT, SEEDS, lint, run_cli, seed

REL_SEEDS = [str(p.relative_to(ROOT).as_posix()) for p in SEEDS]
MIXED = ["fixtures/docx/000.docx", "fixtures/pdf/001.pdf", "fixtures/html/002.html", REL_SEEDS[3]]


def table_rows(stdout: str) -> dict[str, list[str]]:
    """The verdict table: {path: [agency, year, level, errors, warnings, verdict]}."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"文件\s+机关\s+年度\s+层级\s+错误\s+警告\s+结论$", line))
    rows = {}
    for line in lines[start + 1:]:
        if line.startswith("共 "):
            break
        cells = line.split()
        rows[cells[0]] = cells[1:]
    return rows


def totals_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("共 "))


def test_every_report_gets_a_verdict_clean_ones_included(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_text("", encoding="utf-8")
    r = run_cli(*REL_SEEDS, str(empty))
    assert r.returncode == 2
    rows = table_rows(r.stdout)
    assert list(rows) == [*REL_SEEDS, str(empty)]
    expected = {rel: lint(ROOT / rel) for rel in REL_SEEDS}
    for rel, diags in expected.items():
        agency, year, level, errors, warnings, verdict = rows[rel]
        assert re.fullmatch(r"\S+局", agency) and re.fullmatch(r"20\d\d", year) and level == "部门"
        n_err = sum(d.severity.value == "error" for d in diags)
        assert (int(errors), int(warnings)) == (n_err, sum(d.severity.value == "warning" for d in diags))
        assert verdict == ("通过" if n_err == 0 else "不通过")
    assert rows[REL_SEEDS[2]][-1] == "通过" and rows[REL_SEEDS[0]][-1] == "不通过"
    assert rows[str(empty)] == ["（无法读取）", "—", "—", "1", "0", "不通过"]
    passed = sum(row[-1] == "通过" for row in rows.values())
    assert totals_line(r.stdout).startswith(f"共 6 份报告：{passed} 份通过，{6 - passed} 份不通过（其中 1 份无法读取）")


def test_verdict_follows_fail_on_like_the_exit_code():
    warn_only = REL_SEEDS[4]  # one warning, no error
    default = run_cli("--quiet", warn_only)
    strict = run_cli("--quiet", "--fail-on", "warning", warn_only)
    assert (default.returncode, table_rows(default.stdout)[warn_only][-1]) == (0, "通过")
    assert (strict.returncode, table_rows(strict.stdout)[warn_only][-1]) == (1, "不通过")


def test_quiet_prints_only_the_table(tmp_path):
    r = run_cli("--quiet", *REL_SEEDS)
    lines = r.stdout.splitlines()
    assert len(lines) == 1 + len(REL_SEEDS) + 1, r.stdout
    assert "依据" not in r.stdout and "检查了" not in r.stdout
    assert r.stderr == ""


def test_one_file_has_no_table_unless_quiet():
    assert "结论" not in run_cli(REL_SEEDS[0]).stdout
    assert list(table_rows(run_cli("-q", REL_SEEDS[0]).stdout)) == [REL_SEEDS[0]]


def test_statistics_counts_per_rule():
    r = run_cli("--statistics", *REL_SEEDS)
    want = Counter(d.code for rel in REL_SEEDS for d in lint(ROOT / rel))
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["数量", "代码", "规则", "修复"]
    got, fixable = {}, set()
    for line in lines[2:]:
        if not line.strip():
            break
        cells = line.split()
        got[cells[1]] = int(cells[0])
        if cells[-1] == "可修复":
            fixable.add(cells[1])
    assert got == dict(want)
    assert "P102" in fixable and "T002" not in fixable
    assert "依据" not in r.stdout, "statistics replace the list of findings"
    assert table_rows(r.stdout), "the verdicts still follow"


def test_json_report_lists_every_file_and_the_flat_json_stays():
    flat = json.loads(run_cli("--format", "json", *REL_SEEDS).stdout)
    assert isinstance(flat, list) and all("code" in d for d in flat)
    r = run_cli("--format", "json-report", "--fail-on", "warning", *REL_SEEDS)
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["fail_on"] == "warning"
    assert [f["path"] for f in data["files"]] == REL_SEEDS, "clean files too"
    assert sum(len(f["diagnostics"]) for f in data["files"]) == len(flat)
    by_path = {f["path"]: f for f in data["files"]}
    clean = by_path[REL_SEEDS[3]]
    assert clean["diagnostics"] == [] and clean["passed"] and clean["agency"] == "山东省医疗保障局"
    assert clean["year"] == 2023 and clean["level"] == "部门" and clean["seconds"] > 0
    assert not by_path[REL_SEEDS[4]]["passed"], "a warning fails at --fail-on warning"
    assert data["totals"]["failed"] == sum(not f["passed"] for f in data["files"])
    assert (r.returncode == 1) == (data["totals"]["failed"] > 0)
    assert {x["code"]: x["count"] for x in data["rules"]} == dict(Counter(d["code"] for d in flat))


def test_verdicts_for_word_pdf_html_and_text():
    r = run_cli("-q", *MIXED)
    rows = table_rows(r.stdout)
    assert list(rows) == MIXED
    for path, (agency, year, level, *_rest) in rows.items():
        assert agency.endswith("医疗保障局") and re.fullmatch(r"20\d\d", year) and level == "部门", path
    assert rows["fixtures/docx/000.docx"][:2] == ["东昌府区医疗保障局", "2025"]


# ---------------------------------------------------------------- JUnit

def junit(*args: str, tmp_path) -> tuple[subprocess.CompletedProcess, object]:
    from junitparser import JUnitXml

    out = tmp_path / "junit.xml"
    r = run_cli("--format", "junit", "--output", str(out), *args)
    return r, JUnitXml.fromfile(str(out))


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_junit_and_exit_code_agree(fail_on, tmp_path):
    from junitparser import Failure

    for paths in ([REL_SEEDS[4]], [REL_SEEDS[2]], [REL_SEEDS[3]], REL_SEEDS):
        r, xml = junit("--fail-on", fail_on, *paths, tmp_path=tmp_path)
        assert r.returncode in (0, 1)
        assert (xml.failures > 0) == (r.returncode == 1), (fail_on, paths)
    _, xml = junit("--fail-on", fail_on, REL_SEEDS[4], tmp_path=tmp_path)
    (suite,) = list(xml)
    t003 = next(c for c in suite if c.name.startswith("T301"))
    if fail_on == "error":
        assert t003.is_passed and "T301 [warning]" in t003.system_out
    else:
        (failure,) = [x for x in t003.result if isinstance(x, Failure)]
        assert failure.type == "warning"
        assert failure.message.startswith(f"{REL_SEEDS[4]}:152:2: T301 [warning] 表三中有一个不属于任何模板行的单元格")
        assert not t003.system_out


def test_junit_names_two_reports_of_one_body_apart(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(seed("000"), a)
    shutil.copy(seed("000"), b)
    _, xml = junit(str(a), str(b), REL_SEEDS[4], tmp_path=tmp_path)
    names = [{c.classname for c in s} for s in xml]
    assert names == [{"东昌府区医疗保障局.2025（a_txt）"}, {"东昌府区医疗保障局.2025（b_txt）"}, {"洪山区医疗保障局.2025"}]


def test_junit_unreadable_suite_has_its_path_and_time(tmp_path):
    empty = tmp_path / "坏.pdf"
    empty.write_bytes(b"%PDF-1.4 broken")
    r, xml = junit(str(empty), REL_SEEDS[0], tmp_path=tmp_path)
    assert r.returncode == 2
    bad, good = list(xml)
    assert bad.errors == 1 and {p.name: p.value for p in bad.properties()}["path"] == str(empty)
    assert good.failures > 0 and good.time > 0


def test_junit_viewer_shows_the_department(tmp_path):
    """junit2html, an independent JUnit-to-HTML tool, lists suites and cases by body and year."""
    out = tmp_path / "junit.xml"
    r = run_cli("--format", "junit", "--output", str(out), *MIXED)
    assert r.returncode == 1
    page = tmp_path / "junit.html"
    done = subprocess.run([sys.executable, "-m", "junit2htmlreport", str(out), str(page)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    text = page.read_text(encoding="utf-8")
    for label in ("东昌府区医疗保障局.2025", "惠济区医疗保障局.2024", "北关区医疗保障局.2025", "山东省医疗保障局.2023"):
        assert label in text
    assert "东昌府区医疗保障局.2025 : Y101 year-mismatch" in text, "a failing case under its body"
    matrix = subprocess.run([sys.executable, "-m", "junit2htmlreport", "--summary-matrix", str(out)],
                            capture_output=True, text=True, check=False)
    assert re.search(r"^惠济区医疗保障局\.2024\s*$", matrix.stdout, re.MULTILINE), matrix.stdout


# ---------------------------------------------------------------- the real reports

@pytest.mark.skipif(not REAL_REPORTS.is_dir(), reason="real reports not available beside the checkout")
def test_real_reports_verdicts_and_junit(tmp_path):
    texts = sorted((REAL_REPORTS / "text").glob("*.txt"))
    pdfs = sorted((REAL_REPORTS / "pdf").glob("*.pdf"))
    r = run_cli("-q", *map(str, texts + pdfs))
    rows = table_rows(r.stdout)
    assert list(rows) == [str(p) for p in texts + pdfs]
    assert all(row[0] not in ("（未识别）", "正文", "（无法读取）") for row in rows.values()), rows
    assert rows[str(REAL_REPORTS / "text" / "006.txt")][:3] == ["淮安市人民政府", "2024", "本级政府"]
    assert rows[str(REAL_REPORTS / "text" / "009.txt")][:3] == ["沭阳县发展和改革局", "2023", "部门"]
    assert (r.returncode == 1) == any(row[-1] == "不通过" for row in rows.values())
    out = tmp_path / "real.xml"
    j = run_cli("--format", "junit", "--output", str(out), *map(str, texts + pdfs))
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(str(out))
    failed = {next(iter(s)).classname for s in xml if s.failures}
    assert j.returncode == r.returncode
    assert len(failed) == sum(row[-1] == "不通过" for row in rows.values())
    # the same body and year as text and as PDF: told apart by file name
    assert {"洪泽区人民政府.2023（007_txt）", "洪泽区人民政府.2023（hongze-2023_pdf）"} <= failed


def test_display_width_counts_wide_characters_twice_as_unicode_says():
    import unicodedata

    from gaic_lint.reporters.widths import display_width

    samples = ["", "abc", "报告.docx", "（一）ＡＢ１", "表三 · 总计", "e\u0301", "\U00020000x", "\u3000\uff61"]
    for text in samples + [text * 3 for text in samples]:
        # Every character asked twice: once measured, once remembered.
        for _ in range(2):
            assert display_width(text) == sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    assert display_width("报告") == 4 and display_width("ab") == 2
