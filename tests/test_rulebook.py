"""The rulebook is checked on the way in: a malformed pack is one configuration error naming
`file:section[i].key`, before any report is read; and what a pack adds as data takes effect."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, seed
from gaic_lint import rulebook
from gaic_lint.rulebook import RulebookError

# (pack text, the place the error must name)
BAD_PACKS = {
    "bad-regex": ('[[placeholders]]\npattern = "(未闭合"\nwhat = "x"\n', "placeholders[0].pattern"),
    "table-without-mode": ('[tables.t3]\nname = "表三"\npart = 3\n', "tables.t3.mode"),
    "bad-identity": (
        '[tables.t4]\nmode = "extend"\n[[tables.t4.identities]]\nid = "X"\neach = "row"\n'
        'expr = "total == upheld + nonsense"\n',
        "tables.t4.identities[1].expr",
    ),
    "claim-unknown-row": (
        '[claims]\n[[claims.claim]]\nwhat = "x"\npattern = \'共(?P<n>\\d+)件\'\ncells = ["t3.no_such_row.total"]\n',
        "claims.claim[0].cells",
    ),
    "term-without-use": ('[[terms]]\nfind = "转结"\n', "terms[0].use"),
    "empty-find": ('[[terms]]\nfind = ""\nuse = "结转"\n', "terms[0].find"),
    "unknown-section": ('[[term]]\nfind = "a"\nuse = "b"\n', ":term"),
    "unknown-field": ('[[documents]]\nid = "a"\ntitle = "b"\nnumber = "c"\ncolour = "red"\n', "documents[0].colour"),
    "claim-unknown-part": ('[claims]\nparts = [9]\n', "claims.parts[0]"),
    "claim-without-number": (
        '[claims]\n[[claims.claim]]\nwhat = "x"\npattern = "共件"\ncells = ["t3.new.total"]\n',
        "claims.claim[0].pattern",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_a_malformed_pack_is_refused_at_load_naming_the_place(tmp_path, case):
    text, place = BAD_PACKS[case]
    pack = tmp_path / f"{case}.toml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        rulebook.load((str(pack),))
    assert f"{pack}:" in str(caught.value) and place in str(caught.value)


@pytest.mark.parametrize("case", ["bad-regex", "table-without-mode", "bad-identity", "claim-unknown-row",
                                  "term-without-use", "empty-find"])
def test_the_cli_reports_a_malformed_pack_once_with_exit_2(tmp_path, case):
    pack = tmp_path / f"{case}.toml"
    pack.write_text(BAD_PACKS[case][0], encoding="utf-8")
    r = run_cli("--format", "json", "--rulebook", str(pack), str(seed("000")), str(seed("001")))
    assert r.returncode == 2
    assert r.stdout == ""  # no report was read: no findings, no F002 per file
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(pack) in lines[0] and BAD_PACKS[case][1] in lines[0]


def test_a_pack_in_the_config_file_is_checked_before_any_report(tmp_path):
    (tmp_path / "pack.toml").write_text(BAD_PACKS["bad-regex"][0], encoding="utf-8")
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text('rulebook = ["pack.toml"]\n', encoding="utf-8")
    r = run_cli("--config", str(cfg), str(seed("000")))
    assert r.returncode == 2 and "pack.toml:placeholders[0].pattern" in r.stderr and r.stdout == ""


def test_extend_adds_aliases_and_keeps_the_table(tmp_path):
    pack = tmp_path / "aliases.toml"
    pack.write_text('[tables.t3]\nmode = "extend"\n[[tables.t3.rows]]\nkey = "new"\naliases = ["本年收到申请数"]\n',
                    encoding="utf-8")
    base, book = rulebook.load(), rulebook.load((str(pack),))
    assert "本年收到申请数" in book.table("表三").row("new").aliases
    assert [r.key for r in book.table("表三").rows] == [r.key for r in base.table("表三").rows]
    assert len(book.table("表三").identities) == len(base.table("表三").identities)
    assert "本年收到申请数" not in base.table("表三").row("new").aliases


def test_replace_defines_the_table_anew(tmp_path):
    pack = tmp_path / "t4.toml"
    pack.write_text(
        '[tables.t4]\nmode = "replace"\nname = "表四"\npart = 4\nlayout = "flat"\n'
        '[[tables.t4.columns]]\nkey = "total"\nlabel = "总计"\n'
        '[[tables.t4.rows]]\nkey = "review"\nlabel = "行政复议"\n',
        encoding="utf-8",
    )
    # The built-in claims read 表四's suit rows, which the replacement drops: refused, naming the claim.
    with pytest.raises(RulebookError, match=r"claims\.toml:claims\.claim\[7\]\.cells"):
        rulebook.load((str(pack),))


def test_extend_of_a_table_the_rulebook_lacks_is_refused(tmp_path):
    pack = tmp_path / "t9.toml"
    pack.write_text('[tables.t9]\nmode = "extend"\n', encoding="utf-8")
    with pytest.raises(RulebookError, match=r"tables\.t9\.mode"):
        rulebook.load((str(pack),))


def test_template_knowledge_is_data():
    book = rulebook.load()
    assert book.template.first_year == 2021 and book.template.source
    assert book.part_numbers("problems") == {5}
    assert {ref.table for claim in book.claims for ref in claim.cells} == {"表二", "表三", "表四"}
    assert book.sentence_words.key_points and book.title.words and book.title.line_endings
    # Every pattern is compiled at load.
    assert all(p.regex.pattern == p.pattern for p in book.placeholders)


def test_a_claim_and_a_term_added_as_data_take_effect(tmp_path):
    # Seed 000 says it published 96 items in part 一; its 表三 has no applications at all.
    pack = tmp_path / "local.toml"
    pack.write_text(
        "[claims]\n[[claims.claim]]\nwhat = \"公开信息\"\npattern = '公开各类信息(?P<n>\\d+)条'\n"
        'cells = ["t3.new.total"]\n\n'
        '[[terms]]\nfind = "东昌府区医疗保障局"\nuse = "东昌府区医保局"\n',
        encoding="utf-8",
    )
    before = run_cli("--format", "json", "--select", "X001,W001", str(seed("000")))
    after = run_cli("--format", "json", "--select", "X001,W001", "--rulebook", str(pack), str(seed("000")))
    old, new = json.loads(before.stdout), json.loads(after.stdout)
    added = [d for d in new if d not in old]
    assert {d["code"] for d in added} == {"X101", "W001"}
    assert any(d["code"] == "X101" and "96" in d["message"] for d in added)
