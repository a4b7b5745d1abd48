"""problems-substance, overview-coverage and doubled-word: their word tests on plain strings, and each
rule fixture read from Markdown and from Word with the same findings."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, lint, lint_report
from gaic_lint.rulebook import load
from gaic_lint.rules.quality.overview_coverage import missing_aspects
from gaic_lint.rules.quality.problems_substance import EMPTY, NO_MEASURES, NO_PROBLEMS, SHORT, assess
from gaic_lint.rules.text.doubled_word import deliberate, doubled_words, mask_quotes
from gaic_lint.substance import default_words, fold, part_titled

WORDS = default_words()
RULES = ("problems-substance", "overview-coverage", "doubled-word")


# ---------------------------------------------------------------- problems-substance

@pytest.mark.parametrize(("text", "lack"), [
    ("", EMPTY),
    ("无。", SHORT),
    ("暂无。", SHORT),
    ("本年度工作中未发现问题。", SHORT),
    ("一是政策解读形式较为单一；二是信息发布的及时性有待提高，个别栏目更新滞后，群众查找不便。", NO_MEASURES),
    ("下一步，我局将丰富政策解读形式，建立信息发布提醒机制，确保各栏目按时更新，方便群众查找。", NO_PROBLEMS),
    ("本年度未发现明显问题。下一步，我局将继续加强政务公开工作，完善信息发布机制，提升公开质量和水平。", NO_PROBLEMS),
    ("一是政策解读形式较为单一。下一步，我局将丰富政策解读形式，每项重要政策同步制作图解，方便群众理解。", None),
])
def test_assess(text, lack):
    assert assess(fold(text), WORDS.problems) == lack


def test_parts_are_found_by_the_template_title_not_by_a_number():
    book = load()
    report = lint_report(FIXTURES / "rules" / "problems-substance" / "trigger.md")
    assert part_titled(report, book, WORDS.problems.part).number == 5
    assert part_titled(report, book, WORDS.overview.part).number == 1
    assert part_titled(report, book, "不存在的标题") is None


# ---------------------------------------------------------------- overview-coverage

def test_missing_aspects():
    text = fold("（一）主动公开方面……（二）依申请公开方面……（三）政府网站建设……")
    assert missing_aspects(text, WORDS.overview.aspects) == ["政府信息管理", "监督保障"]
    assert missing_aspects(text + "将政务公开纳入绩效考核，开展社会评议。", WORDS.overview.government) == ["责任追究"]


def test_government_aspects_only_for_a_government_report():
    silent_dept = FIXTURES / "rules" / "problems-substance" / "silent.md"  # 民政局: five aspects, no 社会评议
    assert not [d for d in lint(silent_dept) if d.rule == "overview-coverage"]
    found = [d for d in lint(FIXTURES / "rules" / "overview-coverage" / "trigger-government.md")
             if d.rule == "overview-coverage"]
    assert len(found) == 1 and "社会评议" in found[0].message and "本级人民政府" in found[0].evidence


# ---------------------------------------------------------------- doubled-word

@pytest.mark.parametrize(("text", "found"), [
    ("全年主动公开公开政府信息。", [(4, "公开")]),
    ("保障工作资金资金到位，", [(4, "资金")]),
    ("二是二是加强培训。", [(0, "二是")]),
    ("做到人人知晓、常常提醒、逐一一一核对。", []),
    ("认认真真、方方面面抓落实，", []),
    ("一步一步推进，一件一件落实，", []),
    ("请大家研究研究再定。", []),
    ("转发《公开公开再公开》，群众说“好好好好”。", []),
    ("结果结果其他尚未", []),  # header cells of an unrebuilt table, no punctuation
])
def test_doubled_words(text, found):
    assert doubled_words(text, WORDS.doubled) == found


def test_a_doubled_word_is_not_found_across_a_source_line_break():
    text = "总计结果结果其他尚未注：行政复议数量含上年度结转数量。"
    assert doubled_words(text, WORDS.doubled) == [(2, "结果")]
    assert doubled_words(text, WORDS.doubled, breaks=(10,)) == []


def test_mask_quotes_keeps_offsets():
    text = "甲“公开公开”乙《资金资金》丙"
    masked = mask_quotes(text, WORDS.doubled.quotes)
    assert len(masked) == len(text) and masked[0] == "甲" and masked[-1] == "丙" and "公开" not in masked


def test_deliberate_forms():
    assert deliberate("研究", WORDS.doubled)
    assert deliberate("人人", WORDS.doubled)
    assert not deliberate("公开", WORDS.doubled)


# ---------------------------------------------------------------- the fixtures in Markdown and in Word

DOCX = sorted(p for rule in RULES for p in (FIXTURES / "rules" / rule).glob("*.docx"))


def test_every_markdown_fixture_has_its_word_copy():
    md = sorted(p for rule in RULES for p in (FIXTURES / "rules" / rule).glob("*.md"))
    assert [p.with_suffix(".docx") for p in md] == DOCX


@pytest.mark.parametrize("path", DOCX, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_word_fixture_finds_what_markdown_finds(path):
    rule = path.parent.name
    from_word = [(d.code, d.message, d.severity) for d in lint(path) if d.rule == rule]
    from_md = [(d.code, d.message, d.severity) for d in lint(path.with_suffix(".md")) if d.rule == rule]
    assert from_word == from_md
    assert bool(from_word) == (path.stem != "silent")
    for d in lint(path):
        if d.rule == rule:
            assert d.location.paragraph is not None  # a Word place, not a line
