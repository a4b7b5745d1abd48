"""Configuration values are checked when the file is read: a wrong type or meaning is one ConfigError
(exit 2), not a failure on every report later."""

from __future__ import annotations

import pytest

from conftest import run_cli, seed
from gaic_lint.config import ConfigError, load_config

BAD = {
    "encoding-number": ("encoding = 5", "encoding"),
    "encoding-unknown": ('encoding = "no-such-codec"', "no-such-codec"),
    "timeout-inf": ("timeout = inf", "timeout"),
    "timeout-nan": ("timeout = nan", "timeout"),
    "timeout-bool": ("timeout = true", "timeout"),
    "max-pages-bool": ("max-pages = true", "max-pages"),
    "max-pages-float": ("max-pages = 2.5", "max-pages"),
    "report-year-far": ("report-year = 99999", "report-year"),
    "report-year-bool": ("report-year = true", "report-year"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_wrong_value_is_one_config_error(tmp_path, case):
    line, key = BAD[case]
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=key):
        load_config(cfg)


def test_good_values_are_kept(tmp_path):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text('encoding = "gb18030"\ntimeout = 2.5\nmax-pages = 3\nreport-year = 2024\n', encoding="utf-8")
    config = load_config(cfg)
    assert (config.encoding, config.timeout, config.max_pages, config.report_year) == ("gb18030", 2.5, 3, 2024)


def test_the_cli_stops_before_reading_any_report(tmp_path):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text("timeout = nan\n", encoding="utf-8")
    r = run_cli("--format", "json", "--config", str(cfg), str(seed("000")), str(seed("001")))
    assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1


def test_an_unknown_encoding_on_the_command_line_is_a_usage_error():
    r = run_cli("--encoding", "no-such-codec", str(seed("000")), str(seed("001")))
    assert r.returncode == 2 and r.stdout == "" and "no-such-codec" in r.stderr
