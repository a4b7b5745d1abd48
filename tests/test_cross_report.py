"""Cross-report rules of a batch (B001 batch-copy, B002 foreign-name) on the folders of
fixtures/rules/<rule>/{trigger,silent}/{text,word}/, and the passage finder they stand on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import FIXTURES, REAL_REPORTS, SEEDS
from gaic_lint.batchrules import run_batch_rules
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.passages import fold, shared_passages
from gaic_lint.paths import expand_paths


def lint_batch(folder, select: str):
    config = Config()
    config.select = [select]
    linter = Linter(config)
    results = [linter.lint(p, keep_report=False) for p in expand_paths([str(folder)])]
    run_batch_rules(linter.rules, results, linter.context, linter.finish)
    return [d for r in results for d in r.diagnostics]


@pytest.mark.parametrize("form", ["text", "word"])
def test_batch_copy_names_the_other_report_and_quotes_the_passage(form):
    found = lint_batch(FIXTURES / "rules" / "batch-copy" / "trigger" / form, "B001")
    assert sorted((Path(d.file).stem, d.code) for d in found) == [("001-huiji", "B001"), ("002-beiguan", "B001")]
    for d in found:
        other = Path(d.evidence).stem
        assert other != Path(d.file).stem and other in ("001-huiji", "002-beiguan")
        assert Path(d.evidence).name in d.message
        assert "为加强政府信息管理，我局进一步建立健全了政府信息公开工作机制" in d.message
        assert d.context.startswith("为加强政府信息管理")
    beiguan = next(d for d in found if "beiguan" in d.file)
    if form == "text":
        assert beiguan.location.line == 19
    else:
        assert beiguan.location.paragraph is not None


@pytest.mark.parametrize("form", ["text", "word"])
def test_batch_copy_silent_on_one_body_across_years_and_on_unrelated_bodies(form):
    assert lint_batch(FIXTURES / "rules" / "batch-copy" / "silent" / form, "B001") == []


@pytest.mark.parametrize("form", ["text", "word"])
def test_foreign_name_where_the_report_names_its_author(form):
    found = lint_batch(FIXTURES / "rules" / "foreign-name" / "trigger" / form, "B002")
    assert [(Path(d.file).stem, d.code) for d in found] == [("002-beiguan", "B002")] * 2
    assert all("“惠济区医疗保障局”" in d.message and "001-huiji" in d.evidence for d in found)
    assert "门户网站" in found[0].message


@pytest.mark.parametrize("form", ["text", "word"])
def test_foreign_name_silent_where_the_other_body_is_only_mentioned(form):
    assert lint_batch(FIXTURES / "rules" / "foreign-name" / "silent" / form, "B002") == []


@pytest.mark.skipif(not REAL_REPORTS.is_dir(), reason="real reports not available")
def test_real_reports_and_seeds_as_one_batch_have_no_cross_report_finding():
    # Twelve real reports of eight bodies and five 医保局 reports: none copied from another.
    found = [d for d in lint_batch(REAL_REPORTS, "B") + lint_batch(FIXTURES / "seeds", "B")]
    assert found == []


def test_shared_passages_survive_changed_figures_and_punctuation():
    a = fold("2024年，本局全年主动公开政府信息123条，其中规范性文件5件，均在门户网站集中公开。另一句。")
    b = fold("同时 本局全年主动公开政府信息98条；其中规范性文件12件,均在门户网站集中公开!")
    [p] = shared_passages(a, b, size=8, min_length=20)
    assert a.source[p.a_start:p.a_end].startswith("本局全年主动公开政府信息")
    assert a.source[p.a_start:p.a_end].endswith("集中公开")
    assert b.source[p.b_start:p.b_end].startswith("本局全年")
    # A break is a barrier: the same words split over two paragraphs are two short runs, not one.
    assert shared_passages(fold("本局全年主动公开\n政府信息若干条"), fold("本局全年主动公开政府信息若干条"),
                           size=8, min_length=12) == []


def test_shared_passages_time_is_linear():
    text = "".join(seed.read_text(encoding="utf-8") for seed in SEEDS)

    def timed(source):
        x = fold(source)  # folded anew each time: a folded text keeps its shingles once computed
        started = time.process_time()
        shared_passages(x, x, size=16, min_length=50)
        return time.process_time() - started

    # The fastest of a few runs: a single small timing is at the mercy of a busy machine.
    base = max(min(timed(text) for _ in range(3)), 1e-3)
    assert min(timed(text * 8) for _ in range(2)) < base * 8 * 4


def _synthetic_batch(count: int):
    """`count` reports of distinct bodies: each its own text, all sharing one template sentence, and
    every tenth copying a paragraph of the one before."""
    import random

    from gaic_lint.batchrules import BatchItem
    from gaic_lint.model import Location
    from gaic_lint.summary import ReportSummary

    rng = random.Random(7)
    alphabet = "政府信息公开工作年度报告主动依申请办理规范平台建设监督管理制度培训网站栏目发布审核答复复议诉讼统计"
    common = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止，全年共召开工作会议若干次并部署相关任务。"
    items, previous = [], ""
    for i in range(count):
        own = "".join(rng.choice(alphabet) for _ in range(400))
        paragraphs = [(1, common, Location(line=3)), (1, own, Location(line=5))]
        if i % 10 == 9:
            paragraphs.append((5, previous, Location(line=9)))
        previous = own
        agency = f"第{i}号区医疗保障局"
        summary = ReportSummary(f"{agency}2024年政府信息公开工作年度报告", agency, 2024, "部门", None, (), (),
                                tuple(paragraphs))
        items.append(BatchItem(f"r{i:04d}.txt", summary))
    return items


def test_cross_report_rules_are_linear_in_the_batch():
    from gaic_lint.rules.batch.batch_copy import BatchCopy
    from gaic_lint.rules.batch.foreign_name import ForeignName

    ctx = Linter(Config()).context

    def run(count):
        items = _synthetic_batch(count)
        started = time.process_time()
        copies = list(BatchCopy().check_batch(items, ctx))
        names = list(ForeignName().check_batch(items, ctx))
        return time.process_time() - started, copies, names

    small, copies, names = run(100)
    assert len(copies) == 2 * 10 and names == []  # each copied paragraph, on both reports; never the template
    large, copies, _ = run(800)
    assert len(copies) == 2 * 80
    assert large < max(small, 0.05) * 8 * 3


def test_fold_keeps_letters_and_turns_each_run_of_digits_into_one_mark():
    # A character whose compatibility form mixes digits and letters, full-width digits, a break.
    folded = fold("⑴ａＢ１２３年½\n号", breaks="\n")
    assert folded.text == "#aB#年#\0号"
    assert [folded.source[o] for o in folded.offsets] == list("⑴ａＢ１年½\n号")


def test_a_text_compared_again_gives_the_same_passages():
    a = fold("2024年，本局全年主动公开政府信息123条，其中规范性文件5件，均在门户网站集中公开。另一句。")
    b = fold("同时 本局全年主动公开政府信息98条；其中规范性文件12件,均在门户网站集中公开!")
    first = shared_passages(a, b, size=8, min_length=20)
    assert first and shared_passages(a, b, size=8, min_length=20) == first
    assert shared_passages(a, b, size=8, min_length=20, ignore=frozenset(a.shingled(8)[1])) == []
