"""Superseded documents are registry data: a report cites one only when it was in force in the
report's year."""

from __future__ import annotations

from pathlib import Path

from conftest import lint
from gaic_lint.rulebook.load import load

SKELETON = (Path(__file__).parent / "rules" / "skeleton.txt").read_text(encoding="utf-8")
TRIAL = ("本报告根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
         "（国办公开办函〔2019〕60号）要求编制。")


def _with(tmp_path, sentence: str, year: int) -> Path:
    text = SKELETON.replace("2024", str(year))
    text = text.replace("一、总体情况\n", f"一、总体情况\n\n{sentence}\n", 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_names_the_successor_and_the_dates():
    book = load()
    by_id = {d.id: d for d in book.documents}
    old = by_id["regulation-2007"]
    assert old.superseded_by == "regulation-2019" and old.valid_to < by_id["regulation-2019"].valid_from
    assert by_id["format-2019-trial"].superseded_by == "format-2021"


def test_trial_format_in_a_2024_report_names_the_2021_format(tmp_path):
    found = [d for d in lint(_with(tmp_path, TRIAL, 2024)) if d.code == "C105"]
    assert [(d.fields["number"], d.fields["current_number"]) for d in found] == [
        ("国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号")]


def test_trial_format_was_in_force_for_2020(tmp_path):
    assert [d for d in lint(_with(tmp_path, TRIAL, 2020)) if d.code == "C105"] == []
