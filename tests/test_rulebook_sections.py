"""The sections of agency.toml, substance.toml, cross-year.toml and batch.toml are typed rulebook sections:
checked at load like the others (one exit-2 error naming `file:section.key`), reachable from the run's
rulebook, and extended by a user's pack."""

from __future__ import annotations

import importlib
import json
import shutil

import pytest

from conftest import FIXTURES, ROOT, run_cli, seed
from gaic_lint import rulebook
from gaic_lint.rulebook import RulebookError

load_module = importlib.import_module("gaic_lint.rulebook.load")  # the package's `load` is the function

# In each built-in file, one value of the wrong type: (file, text replaced, replacement, place named).
BROKEN_BUILTIN = {
    "agency": ("agency.toml", 'place_ends = ["省", "市", "州", "盟", "地区", "自治区", "自治州"]', 'place_ends = "省"',
               "agency.toml:names.place_ends"),
    "substance": ("substance.toml", "min_chars = 30", 'min_chars = "30"', "substance.toml:problems.min_chars"),
    "cross-year": ("cross-year.toml", "first-paragraphs = 6", "first-paragraphs = [6]",
                   "cross-year.toml:published.first-paragraphs"),
    "batch": ("batch.toml", "shingle = 16", 'shingle = "16"', "batch.toml:batch-copy.shingle"),
}


@pytest.fixture
def builtin_folder(tmp_path, monkeypatch):
    """A copy of the built-in rulebook that the run reads instead of the real one."""
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def forget():
        load_module._builtin_state.cache_clear()
        load_module._load.cache_clear()

    forget()
    monkeypatch.setattr(load_module, "builtin_dir", lambda: folder)
    yield folder
    monkeypatch.undo()
    forget()


@pytest.mark.parametrize("case", sorted(BROKEN_BUILTIN))
def test_a_bad_value_in_a_builtin_file_is_one_exit_2_error_naming_file_and_key(builtin_folder, case):
    name, old, new, place = BROKEN_BUILTIN[case]
    path = builtin_folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run_cli("--isolated", "--format", "json", str(seed("000")))
    assert r.returncode == 2
    assert r.stdout == ""  # refused before any report was read
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and place in lines[0], r.stderr


# A user's pack with one bad value in each new section: (pack text, the place the error names).
BAD_PACKS = {
    "levels-not-a-list": ('[levels]\ngovernment = "政府"\n', "levels.government"),
    "same-not-groups": ('[names]\nsame = ["政府"]\n', "names.same"),
    "problems-unknown-part": ('[problems]\npart = "没有这部分"\n', "problems.part"),
    "aspect-words-not-a-list": ('[[overview.aspects]]\nname = "x"\nwords = "y"\n', "overview.aspects[0].words"),
    "quote-not-a-pair": ('[doubled]\nquotes = ["【"]\n', "doubled.quotes[0]"),
    "deadline-not-a-day": ('[deadlines]\n"部门" = "02-30"\n', "deadlines.部门"),
    "threshold-above-one": ('[text-reuse]\nthreshold = 2\n', "text-reuse.threshold"),
    "subject-unknown-row": (
        '[[year-over-year.subjects]]\nwords = ["x"]\ntable = "t3"\nrow = "no_such_row"\ncolumn = "total"\n',
        "year-over-year.subjects[0].row",
    ),
    "batch-copy-unknown-part": ('[batch-copy]\nparts = [1, 9]\n', "batch-copy.parts[1]"),
    "foreign-name-unknown-field": ('[foreign-name]\naround = ["x"]\n', "foreign-name.around"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_a_bad_value_in_a_pack_names_the_pack_and_the_key(tmp_path, case):
    text, place = BAD_PACKS[case]
    pack = tmp_path / f"{case}.toml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        rulebook.load((str(pack),))
    assert f"{pack}:{place}" in str(caught.value)


def test_the_sections_are_typed_and_reachable_from_the_rulebook():
    book = rulebook.load()
    assert "管委会" in book.agency.government and ("人民政府", "政府") in book.agency.same
    assert book.substance.problems.min_chars > 0 and book.substance.overview.aspects
    assert ("“", "”") in book.substance.doubled.quotes
    assert book.cross_year.deadline("部门") == (1, 31) and book.cross_year.deadline("无此层级") is None
    assert all(book.table(s.table) for s in book.cross_year.subjects)
    assert 0 < book.batch.batch_copy.common_share < 1 and book.batch.foreign_name.before
    after = book.batch.foreign_name.after
    assert list(after) == sorted(after, key=len, reverse=True)


def test_a_pack_extends_lists_and_replaces_single_values(tmp_path):
    pack = tmp_path / "pack.toml"
    pack.write_text('[problems]\nmin_chars = 10\nproblems = ["ＡＢ 短处"]\n'
                    '[[overview.aspects]]\nname = "主动公开"\nwords = ["主动发布"]\n'
                    '[deadlines]\n"部门" = "02-28"\n"乡镇" = "03-31"\n', encoding="utf-8")
    book = rulebook.load((str(pack),))
    builtin = rulebook.load()
    problems = book.substance.problems
    assert problems.min_chars == 10 and "AB短处" in problems.problems  # folded as the text is
    assert set(builtin.substance.problems.problems) < set(problems.problems)
    aspect = next(a for a in book.substance.overview.aspects if a.name == "主动公开")
    assert aspect.words == ("主动公开", "主动发布")
    assert len(book.substance.overview.aspects) == len(builtin.substance.overview.aspects)
    assert book.cross_year.deadline("部门") == (2, 28) and book.cross_year.deadline("乡镇") == (3, 31)
    assert book.cross_year.deadline("本级政府") == (3, 31)


def test_a_word_a_pack_adds_changes_what_the_rule_finds(tmp_path):
    trigger = FIXTURES / "rules" / "doubled-word" / "trigger.md"
    before = json.loads(run_cli("--isolated", "--format", "json", "--select", "W003", str(trigger)).stdout)
    pack = tmp_path / "pack.toml"
    pack.write_text('[doubled]\ndeliberate = ["公开公开"]\n', encoding="utf-8")
    after = json.loads(run_cli("--isolated", "--format", "json", "--select", "W003", "--rulebook", str(pack),
                               str(trigger)).stdout)

    assert [d["location"]["line"] for d in before] == [9, 25]
    assert [d["location"]["line"] for d in after] == [25]
