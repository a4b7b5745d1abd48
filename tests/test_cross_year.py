"""The cross-year rules (carry-over, stock-continuity, text-reuse, year-over-year) on pairs of reports of
one body, paired in a batch, named by --previous or found in the `history` folders; and the fixtures of
each, in text and in Word."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, REAL_REPORTS, run_cli
from gaic_lint.batchrules import BatchItem, run_batch_rules
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.history.pairing import pairs

PAIR_RULES = ("carry-over", "stock-continuity", "text-reuse", "year-over-year")
TEXT = REAL_REPORTS / "text"
PDF = REAL_REPORTS / "pdf"
needs_real = pytest.mark.skipif(not TEXT.is_dir(), reason="real reports not available")


def lint_batch(paths, select="H", **config):
    linter = Linter(Config(select=[select], **config))
    results = [linter.lint(str(p)) for p in paths]
    run_batch_rules(linter.rules, results, linter.context, linter.finish)
    return {r.path: r for r in results}


def found(results, rule=None, code_prefix="H"):
    return [d for r in results.values() for d in r.diagnostics
            if d.code.startswith(code_prefix) and (rule is None or d.rule == rule)]


@pytest.mark.parametrize("rule", PAIR_RULES)
def test_pair_fixtures_in_text(rule):
    folder = FIXTURES / "rules" / rule
    trigger = lint_batch(sorted((folder / "trigger").glob("*.txt")))
    expected = json.loads((folder / "trigger" / "expected.json").read_text(encoding="utf-8"))
    got = [{"file": d.file.rsplit("/", 1)[-1], "line": d.location.line, "column": d.location.column,
            "code": d.code} for d in found(trigger, rule)]
    assert got == expected and expected
    # Each finding about last year names the report it was compared with.
    assert all("2024" in d.message + d.evidence for d in found(trigger, rule) if "上年" in d.message)
    assert found(lint_batch(sorted((folder / "silent").glob("*.txt"))), rule) == []


@pytest.mark.parametrize("rule", PAIR_RULES)
def test_pair_fixtures_in_word_find_what_the_text_finds(rule):
    folder = FIXTURES / "rules" / rule

    def seen(kind, suffix):
        results = lint_batch(sorted((folder / kind).glob(f"*.{suffix}")))
        return sorted((d.code, d.severity.value, d.location.cell_path, d.file.rsplit(".", 1)[0][-4:])
                      for d in found(results, rule))

    assert seen("trigger", "docx") == seen("trigger", "txt") != []
    assert seen("silent", "docx") == []


def test_a_report_without_last_year_stays_silent():
    results = lint_batch([FIXTURES / "rules" / "carry-over" / "trigger" / "2025.txt"])
    assert found(results) == []


def test_pairing_prefers_the_same_format_and_ignores_other_bodies_and_years(tmp_path):
    linter = Linter(Config(select=["H"]))
    folder = FIXTURES / "rules" / "carry-over" / "trigger"
    this = BatchItem("a/2025.txt", linter.lint(str(folder / "2025.txt")).summary)
    last_txt = BatchItem("b/2024.txt", linter.lint(str(folder / "2024.txt")).summary, history_only=True)
    last_docx = BatchItem("a/2024.docx", linter.lint(str(folder / "2024.docx")).summary)
    assert pairs([this, last_docx, last_txt])["a/2025.txt"] is last_txt
    assert "b/2024.txt" not in pairs([this, last_txt])  # history-only: never reported on
    # A report of the same year is not last year's.
    assert pairs([this, BatchItem("c/2025.txt", this.summary)]) == {}


@needs_real
def test_pingtan_2021_to_2025_pair_up_and_agree():
    paths = [TEXT / f"00{n}.txt" for n in range(1, 6)]
    linter = Linter(Config(select=["H"]))
    items = [BatchItem(str(p), linter.lint(str(p)).summary) for p in paths]
    assert {k.rsplit("/", 1)[-1]: v.path.rsplit("/", 1)[-1] for k, v in pairs(items).items()} == {
        "002.txt": "001.txt", "003.txt": "002.txt", "004.txt": "003.txt", "005.txt": "004.txt"}
    assert found(lint_batch(paths), "carry-over") == []


@needs_real
def test_one_changed_carry_over_cell_is_reported_at_that_cell(tmp_path):
    for n in range(1, 6):
        shutil.copy(TEXT / f"00{n}.txt", tmp_path / f"00{n}.txt")
    lines = (tmp_path / "003.txt").read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    lines[row] = lines[row].replace("| 0 |", "| 4 |", 1)  # 自然人: 4, where 2022 carried 0 forward
    (tmp_path / "003.txt").write_text("\n".join(lines), encoding="utf-8")
    out = run_cli("--select", "carry-over", "-f", "json", str(tmp_path))
    findings = json.loads(out.stdout)
    assert out.returncode == 1
    assert [(f["file"].rsplit("/", 1)[-1], f["location"]["line"], f["location"]["cell_path"]) for f in findings] == [
        ("003.txt", row + 1, "表三 · 二、上年结转政府信息公开申请数量 · 自然人")]
    assert findings[0]["location"]["column"] == lines[row].index("| 4 |") + 3
    assert findings[0]["previous"].endswith("002.txt") and "002.txt" in findings[0]["message"]


@needs_real
@pytest.mark.parametrize("pair", [("text/007.txt", "text/008.txt"), ("pdf/hongze-2023.pdf", "pdf/hongze-2024.pdf")])
def test_hongze_2024_copies_part_five_measures(pair):
    results = lint_batch([REAL_REPORTS / p for p in pair], select="text-reuse")
    reuse = found(results, "text-reuse")
    assert len(reuse) == 1 and reuse[0].file.endswith(pair[1])
    assert "第五部分" in reuse[0].message and "扎实推进依申请公开工作" in reuse[0].message


@needs_real
def test_reports_without_a_pair_stay_silent_and_unrelated_bodies_share_little():
    paths = [TEXT / f"{n:03d}.txt" for n in (2, 6, 7, 9, 10, 11, 12)]
    cross = [d for d in found(lint_batch(paths)) if d.code in ("H001", "H003", "H004")
             or (d.code == "H002" and d.severity.value == "warning")]
    assert cross == []

    from gaic_lint.history.reuse import copied, strip, windows
    from gaic_lint.rules.history.text_reuse import fixed_wording

    linter = Linter(Config())
    fixed = fixed_wording(linter.rulebook)
    a, b = (linter.lint(str(TEXT / n)).summary for n in ("002.txt", "009.txt"))
    old = strip([t for n, t, _ in a.paragraphs if n], fixed)
    for parts in ((1,), (2, 3, 4), (5,), (6,)):
        share, _ = copied(strip([t for n, t, _ in b.paragraphs if n in parts], fixed), windows(old, 13), 13)
        assert share < 0.5, parts


def test_previous_option_and_history_setting(tmp_path):
    folder = FIXTURES / "rules" / "carry-over" / "trigger"
    out = run_cli("--select", "carry-over", "-f", "json", str(folder / "2025.txt"), "--previous", str(folder / "2024.txt"))
    assert [f["code"] for f in json.loads(out.stdout)] == ["H001", "H001"]
    # --previous naming another body's report: no comparison, and the user is told.
    other = FIXTURES / "rules" / "publication-deadline" / "silent.txt"
    out = run_cli("--select", "carry-over", "-f", "json", str(folder / "2025.txt"), "--previous", str(other))
    assert json.loads(out.stdout) == [] and "--previous" in out.stderr
    # In a batch each copy pairs with last year's in its own format, and the reports left without last
    # year's (the two 2024 copies) are counted on stderr.
    out = run_cli("--select", "carry-over", "-f", "json", str(folder))
    findings = json.loads(out.stdout)
    assert sorted((f["file"].rsplit("/", 1)[-1], f["previous"].rsplit("/", 1)[-1]) for f in findings) == [
        ("2025.docx", "2024.docx")] * 2 + [("2025.txt", "2024.txt")] * 2
    assert "2 个报告没有找到" in out.stderr
    # history = [folder]: last year's reports are read from there, not checked.
    (tmp_path / "last").mkdir()
    shutil.copy(folder / "2024.txt", tmp_path / "last" / "2024.txt")
    shutil.copy(folder / "2025.txt", tmp_path / "2025.txt")
    (tmp_path / "gaic-lint.toml").write_text('history = ["last"]\nselect = ["H"]\n', encoding="utf-8")
    out = run_cli("-f", "json", "2025.txt", cwd=tmp_path)
    findings = json.loads(out.stdout)
    assert {f["code"] for f in findings} >= {"H001"} and all(f["file"] == "2025.txt" for f in findings)


def test_dump_shows_the_pairing():
    folder = FIXTURES / "rules" / "carry-over" / "trigger"
    out = run_cli("dump", str(folder / "2025.txt"), "--previous", str(folder / "2024.txt"))
    assert out.returncode == 0 and "上年报告：" in out.stdout and "2024.txt" in out.stdout and "未配对" not in out.stdout
    out = run_cli("dump", str(folder / "2025.txt"), "--previous", str(folder / "2025.txt"))
    assert "未配对" in out.stdout


def test_reuse_threshold_is_configurable():
    folder = FIXTURES / "rules" / "text-reuse" / "silent"
    strict = lint_batch(sorted(folder.glob("*.txt")), select="text-reuse", reuse_threshold=0.01)
    assert found(strict, "text-reuse")  # the rewritten parts still share a few phrases
    assert found(lint_batch(sorted(folder.glob("*.txt")), select="text-reuse"), "text-reuse") == []


def test_claims_about_last_year():
    from gaic_lint.rules.history.year_over_year import claims, verdict

    (c,) = claims("全年收到政府信息公开申请36件，同比增长20%。", 2025)
    assert c.percent and c.change == 20 and c.stated == 36
    assert verdict(c, 36, 30) is None and verdict(c, 36, 35) is not None
    (c,) = claims("行政复议2件，较2024年减少1件", 2025)
    assert c.subject.table == "t4" and verdict(c, 2, 3) is None and verdict(c, 2, 4)
    assert claims("主动公开信息2428条，较上年增加100条", 2025) == []  # no table figure says this
    (c,) = claims("共收到政府信息公开申请（含上年结转）40件，较上年增加5件", 2025)
    assert verdict(c, 36, 31) is None  # 40 is not the table's figure: another count, not judged
