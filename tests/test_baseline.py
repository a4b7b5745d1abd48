"""Baselines: `--write-baseline` accepts today's findings, `--baseline` reports only new ones, and a
finding that merely moves (paragraphs inserted above it) stays accepted."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_cli, seed

Y001_SENTENCE = "2024年度政府信息公开未收取信息处理费。"


@pytest.fixture
def workdir(tmp_path):
    """A folder with a copy of seed 000 (3 errors, 1 warning); commands run inside it."""
    shutil.copy(seed("000"), tmp_path / "report.txt")
    return tmp_path


def findings(cwd, *args):
    r = run_cli("--format", "json", *args, "report.txt", cwd=cwd)
    assert "Traceback" not in r.stderr, r.stderr
    return r, json.loads(r.stdout)


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_write_baseline_records_counts_and_accepts_everything(workdir):
    r = run_cli("--write-baseline", "baseline.json", "report.txt", cwd=workdir)
    assert r.returncode == 0, "everything found was just accepted"
    assert "已把 4 个问题记入基线文件 baseline.json" in r.stderr
    assert "另有 4 个已记录在基线中的问题未显示" in r.stdout
    data = json.loads((workdir / "baseline.json").read_text(encoding="utf-8"))
    assert data["tool"] == "gaic-lint" and data["version"] == 2
    assert sorted(f["code"] for f in data["findings"]) == ["C104", "T002", "Y101", "Y101"]
    assert all(f["count"] == 1 and f["file"] == "report.txt" for f in data["findings"])

    r = run_cli("--baseline", "baseline.json", "report.txt", cwd=workdir)
    assert r.returncode == 0
    assert r.stdout.strip() == "检查了 1 个文件，未发现新问题。另有 4 个已记录在基线中的问题未显示。"


def test_moving_paragraphs_does_not_resurrect_findings(workdir):
    run_cli("--write-baseline", "baseline.json", "report.txt", cwd=workdir)
    _, before = findings(workdir)
    report = workdir / "report.txt"
    text = report.read_text(encoding="utf-8")
    lines = text.split("\n")
    # blank lines right after the title, and a new paragraph just above the Y001 sentence's line
    lines[1:1] = ["", "", ""]
    at = next(i for i, line in enumerate(lines) if Y001_SENTENCE in line)
    lines[at:at] = ["本单位将继续做好信息公开工作。", ""]
    report.write_text("\n".join(lines), encoding="utf-8")

    r, after = findings(workdir)
    assert r.returncode == 1
    moved = {(d["code"], d["location"]["line"]) for d in after}
    assert moved != {(d["code"], d["location"]["line"]) for d in before}, "the edit must move the findings"
    assert sorted(d["message"] for d in after) == sorted(d["message"] for d in before)

    r, new = findings(workdir, "--baseline", "baseline.json")
    assert new == [] and r.returncode == 0


def test_changing_the_quoted_text_is_a_new_finding(workdir):
    run_cli("--write-baseline", "baseline.json", "report.txt", cwd=workdir)
    edit(workdir / "report.txt", Y001_SENTENCE, Y001_SENTENCE.replace("2024", "2023"))
    r, new = findings(workdir, "--baseline", "baseline.json")
    assert r.returncode == 1
    assert [(d["code"], d["location"]["line"]) for d in new] == [("Y101", 126)]
    assert "2023年度" in new[0]["message"]
    text = run_cli("--baseline", "baseline.json", "report.txt", cwd=workdir).stdout
    assert text.rstrip().endswith("检查了 1 个文件，发现 1 个错误。另有 3 个已记录在基线中的问题未显示。")


def test_two_identical_findings_need_two_entries(workdir):
    run_cli("--write-baseline", "baseline.json", "report.txt", cwd=workdir)
    report = workdir / "report.txt"
    lines = report.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "2024年政务公开工作要点" in line)
    lines[at + 1:at + 1] = ["", lines[at]]  # the same paragraph, twice
    report.write_text("\n".join(lines), encoding="utf-8")

    r, new = findings(workdir, "--baseline", "baseline.json")
    assert r.returncode == 1
    assert len(new) == 1 and new[0]["code"] == "Y101" and "2024年政务公开工作要点" in new[0]["message"]

    run_cli("--write-baseline", "baseline2.json", "report.txt", cwd=workdir)
    data = json.loads((workdir / "baseline2.json").read_text(encoding="utf-8"))
    assert sorted(f["count"] for f in data["findings"]) == [1, 1, 1, 2]
    r, new = findings(workdir, "--baseline", "baseline2.json")
    assert new == [] and r.returncode == 0


def test_unreadable_files_are_never_baselined(workdir):
    (workdir / "empty.txt").write_text("\n", encoding="utf-8")
    r = run_cli("--write-baseline", "b.json", "report.txt", "empty.txt", cwd=workdir)
    assert r.returncode == 2
    data = json.loads((workdir / "b.json").read_text(encoding="utf-8"))
    assert "F001" not in {f["code"] for f in data["findings"]}
    r = run_cli("--format", "json", "--baseline", "b.json", "report.txt", "empty.txt", cwd=workdir)
    assert r.returncode == 2
    assert [d["code"] for d in json.loads(r.stdout)] == ["F001"]


@pytest.mark.parametrize("content, message", [
    (None, "基线文件 b.json 不存在"),
    ("{not json", "不是合法的 JSON"),
    ('{"tool": "other", "findings": []}', "不是 gaic-lint 生成的基线"),
    ('{"tool": "gaic-lint", "version": 99, "findings": []}', "版本 99 不受支持"),
    ('{"tool": "gaic-lint", "version": 1, "findings": [{"fingerprint": "ab", "count": 0}]}', "第 1 条记录无效"),
    ('{"tool": "gaic-lint", "version": 1, "findings": ["x"]}', "第 1 条记录无效"),
])
def test_bad_baseline_is_a_usage_error(workdir, content, message):
    if content is not None:
        (workdir / "b.json").write_text(content, encoding="utf-8")
    r = run_cli("--baseline", "b.json", "report.txt", cwd=workdir)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_baseline_write_failure_is_a_usage_error(workdir):
    r = run_cli("--write-baseline", "no/such/folder/b.json", "report.txt", cwd=workdir)
    assert r.returncode == 2 and "无法写入基线文件" in r.stderr and "Traceback" not in r.stderr


def test_fingerprint_ignores_place_but_not_content():
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters.fingerprint import fingerprint, unique_fingerprints

    def d(message, line, file="a.txt", evidence="e"):
        return Diagnostic("Y001", "year-reference", Severity.ERROR, message, Location(line=line, column=3),
                          evidence=evidence, file=file)

    base = fingerprint(d("“2024年度”不符", 10))
    assert fingerprint(d("“2024年度”不符", 99)) == base
    assert fingerprint(d("“2024年度”  不符", 10)) == base, "reflowed whitespace is not a change"
    assert fingerprint(d("第12行“2024年度”不符", 10)) == fingerprint(d("第13行“2024年度”不符", 10))
    assert fingerprint(d("“2023年度”不符", 10)) != base
    assert fingerprint(d("“2024年度”不符", 10, file="b.txt")) != base
    assert fingerprint(d("“2024年度”不符", 10, evidence="f")) != base
    assert fingerprint(d("“2024年度”不符", 10, file="./a.txt")) == base
    twice = unique_fingerprints([d("x", 1), d("x", 2), d("y", 3)])
    assert len(set(twice)) == 3 and twice[0] == fingerprint(d("x", 1))


def test_machine_formats_note_hidden_findings_on_stderr(workdir):
    run_cli("--write-baseline", "baseline.json", "report.txt", cwd=workdir)
    r = run_cli("--format", "sarif", "--baseline", "baseline.json", "report.txt", cwd=workdir)
    assert r.returncode == 0
    assert json.loads(r.stdout)["runs"][0]["results"] == []
    assert "另有 4 个已记录在基线中的问题未显示" in r.stderr


def _report_for_the_0_1_0_baseline(folder):
    """Seed 003 without part five, with a variant title for part four and one wrong cell in 表三: what
    tests/data/baseline-0.1.0.json was written for by gaic-lint 0.1.0 (S001 twice and T001 once)."""
    text = seed("003").read_text(encoding="utf-8")
    text = text[: text.index("五、存在的主要问题及改进情况")] + text[text.index("六、其他需要报告的事项"):]
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况")
    lines = text.split("\n")
    assert lines[104] == "\t18"
    lines[104] = "\t19"
    (folder / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(ROOT / "tests" / "data" / "baseline-0.1.0.json", folder / "baseline.json")


def test_a_baseline_written_by_0_1_0_still_hides_the_split_findings(tmp_path):
    _report_for_the_0_1_0_baseline(tmp_path)
    r, shown = findings(tmp_path, "--isolated")
    assert sorted(d["code"] for d in shown) == ["S101", "S102", "T108"]
    r, shown = findings(tmp_path, "--isolated", "--baseline", "baseline.json")
    assert shown == [] and r.returncode == 0
    assert "另有 3 个已记录在基线中的问题未显示" in r.stderr


def test_a_baseline_written_by_0_1_0_still_reports_a_new_finding(tmp_path):
    _report_for_the_0_1_0_baseline(tmp_path)
    with open(tmp_path / "report.txt", "a", encoding="utf-8") as fh:
        fh.write("\n本年度未收取信息公开处理费。\n")
    r, shown = findings(tmp_path, "--isolated", "--baseline", "baseline.json")
    assert [d["code"] for d in shown] == ["W001"]


def test_fingerprint_of_a_kind_hashes_its_fields_not_its_wording():
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters.fingerprint import fingerprint

    def d(message, fields, line=3):
        return Diagnostic("S101", "missing-part", Severity.ERROR, message, Location(line=line), file="a.txt",
                          fields=fields)

    base = fingerprint(d("缺少第五部分", {"number": 5, "title": "存在的主要问题及改进情况"}))
    assert fingerprint(d("报告没有第五部分", {"number": 5, "title": "存在的主要问题及改进情况"}, line=9)) == base
    assert fingerprint(d("缺少第五部分", {"number": 4, "title": "存在的主要问题及改进情况"})) != base
