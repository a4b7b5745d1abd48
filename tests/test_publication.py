"""publication-deadline and report-dates: where the publication date comes from (--published, the
manifest, the web page, the portal line of a copied page), the level's deadline, and the dates a report
gives itself."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import FIXTURES, lint, run_cli
from gaic_lint.config import Config, ConfigError, load_config

HERE = FIXTURES / "rules" / "publication-deadline"
DATES = FIXTURES / "rules" / "report-dates"


def codes(path, config=None, select="publication-deadline"):
    return [d.code for d in lint(path, select=select, config=config)]


@pytest.mark.parametrize("suffix", ["html", "txt", "docx"])
def test_a_page_after_the_deadline_is_late_and_on_the_deadline_day_is_not(suffix):
    assert codes(HERE / f"trigger.{suffix}") == ["H005"]
    assert codes(HERE / f"silent.{suffix}") == []


def test_the_deadline_depends_on_the_level():
    from gaic_lint.history.dates import deadline

    assert deadline(2025, "部门") == dt.date(2026, 1, 31)
    assert deadline(2025, "本级政府") == dt.date(2026, 3, 31)
    assert deadline(2025, None) is None
    # The department's page of 2026-02-02 is on time for a 本级政府 report (level set in the config).
    config = Config(select=["publication-deadline"], levels={"北关区医疗保障局": "本级政府"})
    assert codes(HERE / "trigger.html", config=config) == []


def test_published_option_comes_first_then_the_manifest(tmp_path):
    out = run_cli("--select", "publication-deadline", "-f", "json", "--published", "2026-02-01", str(HERE / "silent.txt"))
    (finding,) = json.loads(out.stdout)
    assert out.returncode == 1 and finding["code"] == "H005" and "2026-02-01" in finding["message"]
    manifest = tmp_path / "清单.csv"
    manifest.write_text(f"file,published,level\n{HERE / 'silent.docx'},2026-03-01,部门\ntrigger.html,2026-01-05,\n",
                        encoding="utf-8")
    out = run_cli("--select", "publication-deadline", "-f", "json", "--manifest", str(manifest),
                  str(HERE / "silent.docx"), str(HERE / "trigger.html"))
    assert [(f["file"].rsplit("/", 1)[-1], f["code"]) for f in json.loads(out.stdout)] == [("silent.docx", "H005")]
    # The level in the manifest wins over the name: a 本级政府 has until 3月31日.
    manifest.write_text(f"file,published,level\n{HERE / 'silent.docx'},2026-03-01,本级政府\n", encoding="utf-8")
    out = run_cli("--select", "publication-deadline", "-f", "json", "--manifest", str(manifest), str(HERE / "silent.docx"))
    assert json.loads(out.stdout) == []


def test_manifest_in_toml_and_bad_manifests(tmp_path):
    manifest = tmp_path / "m.toml"
    manifest.write_text('[[reports]]\nfile = "*.docx"\npublished = "2026-02-10"\n', encoding="utf-8")
    (tmp_path / "gaic-lint.toml").write_text(f'manifest = "{manifest.name}"\n', encoding="utf-8")
    config = load_config(tmp_path / "gaic-lint.toml")
    config.select = ["publication-deadline"]
    assert codes(HERE / "silent.docx", config=config) == ["H005"]
    manifest.write_text('[[reports]]\nfile = "a.docx"\npublished = "10 Feb"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "gaic-lint.toml").options()
    out = run_cli("--manifest", str(tmp_path / "missing.csv"), str(HERE / "silent.txt"))
    assert out.returncode == 2 and "发布清单" in out.stderr
    out = run_cli("--published", "2026-13-01", str(HERE / "silent.txt"))
    assert out.returncode == 2


def test_without_a_date_the_rule_is_silent():
    assert codes(FIXTURES / "rules" / "carry-over" / "trigger" / "2025.txt") == []


def test_report_dates_in_word_find_what_the_text_finds():
    def found(path):
        return sorted((d.code, d.message) for d in lint(path, select="report-dates"))

    assert found(DATES / "trigger.docx") == found(DATES / "trigger.txt") != []
    assert found(DATES / "silent.docx") == []


def test_date_problems():
    from gaic_lint.rules.history.report_dates import date_problems

    def what(text):
        return [quoted for _, quoted, _ in date_problems(text, 2025)]

    assert what("统计期限为20251月1日到202512月31日") == ["20251月1日", "202512月31日"]
    assert what("截至2025年13月") == ["2025年13月"]
    assert what("2025年2月30日") == ["2025年2月30日"]
    assert what("统计时限自2025年1月1日至12月31日。") == []
    assert what("统计期限自2025年1月1日起至2025年6月30日止") != []
    assert what("2025年12月31日，收到20251件") == []
