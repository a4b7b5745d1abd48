"""text-table-match beyond plain counts, in text and in Word: counts said with other verbs, 表二's documents,
"there was none", "all answered" and percentages are found in both, quoting the same words; and the claims
data is checked on the way in."""

from __future__ import annotations

import pytest
from layouts import write
from test_rule_cases import build_case

from conftest import lint
from gaic_lint import rulebook
from gaic_lint.codes import TEXT_TABLE_MATCH
from gaic_lint.rulebook import RulebookError

# One wrong statement a paragraph, against the skeleton's tables (see tests/rules/text-table-match.toml).
WRONG = [
    ("全年接收政府信息公开申请9件。", "X101", "接收政府信息公开申请9件"),
    ("全年办理政府信息公开申请5件。", "X101", "办理政府信息公开申请5件"),
    ("本年度制发行政规范性文件3件。", "X101", "制发行政规范性文件3件"),
    ("本年度没有发生因政府信息公开引起的行政复议。", "X103", "没有发生因政府信息公开引起的行政复议"),
    ("收到的申请均已办结。", "X103", "均已办结"),
    ("办结的申请中，予以公开4件，占60%。", "X104", "予以公开4件，占60%"),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    text, _ = build_case({"snippet": "\n\n".join(s for s, _, _ in WRONG)})
    out = {}
    for fmt in ("txt", "docx"):
        path = write(text, tmp_path_factory.mktemp(fmt), fmt)
        out[fmt] = [d for d in lint(path) if d.code in TEXT_TABLE_MATCH]
    return out


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_each_wrong_statement_is_one_finding_quoting_it(findings, fmt):
    assert [(d.code, d.fields["stated"]) for d in findings[fmt]] == [(c, q) for _, c, q in WRONG]
    assert all(d.evidence and d.location.part == "一、总体情况" for d in findings[fmt])


def test_word_and_text_name_the_same_cells_at_the_same_words(findings):
    # Each at the number (or the words) it is about: the same place in the paragraph in either format.
    assert [d.location.offset for d in findings["docx"]] == [d.location.column - 1 for d in findings["txt"]]
    assert [d.evidence for d in findings["docx"]] == [d.evidence for d in findings["txt"]]
    says_none = [d for d in findings["txt"] if d.code == "X103"]
    assert [d.fields["cells"] for d in says_none] == ["表四 · 行政复议 · 总计 为 1", "表三 · 四、结转下年度继续办理 · 总计 为 1"]
    (share,) = [d for d in findings["txt"] if d.code == "X104"]
    assert (share.fields["part"], share.fields["whole"], share.fields["computed"]) == (4, 7, "57.14")


BAD_CLAIMS = {
    "reading-unknown-row": ('[[claims.claim]]\nwhat = "x"\npattern = \'办(?P<n>\\d+)件\'\ncells = ["t3.new.total"]\n'
                            'readings = [["t3.nothing.total"]]\n', "claims.claim[0].readings[0]"),
    "none-claim-may-lack-a-number": None,
    "share-tail-without-percent": ("share_tail = '(?P<n>\\d+)件'\n", "claims.share_tail"),
    "share-unknown-cell": ('[[claims.share]]\nwhat = "x"\nlabel = "予以公开"\ncells = ["t3.public.nothing"]\n'
                           'bases = [["t3.new.total"]]\n', "claims.share[0].cells"),
}


@pytest.mark.parametrize("case", sorted(BAD_CLAIMS))
def test_claims_data_is_checked_at_load(tmp_path, case):
    pack = tmp_path / "pack.toml"
    if BAD_CLAIMS[case] is None:
        pack.write_text('[claims]\n[[claims.claim]]\nwhat = "x"\npattern = "未发生x"\ncells = ["t4.review.total"]\n'
                        'none = true\n', encoding="utf-8")
        assert rulebook.load((str(pack),)).claims[-1].none
        return
    text, place = BAD_CLAIMS[case]
    pack.write_text("[claims]\n" + text, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        rulebook.load((str(pack),))
    assert place in str(caught.value)
