"""Configuration values of the wrong type or meaning are one error at load (exit 2, naming the file and
the key), never a traceback and never a silently ignored setting."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, seed

BAD_VALUES = [
    ("encoding = 5", "encoding"),
    ('encoding = "no-such-codec"', "未知的编码"),
    ('encoding = "rot13"', "不是文本编码"),
    ('encoding = "base64"', "不是文本编码"),
    ("timeout = inf", "timeout"),
    ("timeout = nan", "timeout"),
    ("timeout = true", "timeout"),
    ("timeout = -1.5", "timeout"),
    ("timeout = 1e300", "timeout"),
    ("max-pages = true", "max-pages"),
    ("max-pages = 1.5", "max-pages"),
    ("max-file-size = 99999999999999999", "max-file-size"),
    ("max-part-size = [1]", "max-part-size"),
    ("memory-limit = 0", "memory-limit"),
    ("memory-limit = 1", "memory-limit"),
    ("memory-limit = 9223372036854775807", "memory-limit"),
    ("report-year = 99999", "report-year"),
    ("report-year = true", "report-year"),
    ('report-year = "2025"', "report-year"),
    ("reuse-threshold = true", "reuse-threshold"),
    ("reuse-threshold = nan", "reuse-threshold"),
    ('fail-on = "fatal"', "严重级别"),
    ("select = 5", "select"),
    ("ignore = [1, 2]", "ignore"),
    ('per-file-ignores = "x"', "per-file-ignores"),
    ("[severity]\nno-such-rule = \"error\"", "no-such-rule"),
    ("[severity]\nZ999 = \"warning\"", "Z999"),
    ("[severity]\ntable-blank-cell = \"fatal\"", "严重级别"),
    ("[severity]\ntable-blank-cell = 3", "严重级别"),
    ("severity = 3", "severity"),
    ("no-such-key = 1", "未知的配置项"),
    ("timeout = ", "不是合法的 TOML"),
]


@pytest.mark.parametrize(("text", "named"), BAD_VALUES, ids=[t for t, _ in BAD_VALUES])
def test_a_bad_value_is_one_error_at_load(tmp_path, text, named):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text(text + "\n", encoding="utf-8")
    r = run_cli("--config", str(cfg), str(seed("004")))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert str(cfg) in r.stderr and named in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


GOOD_VALUES = ['encoding = "utf-8"', "timeout = 30.5", "memory-limit = 64", "report-year = 2025",
               "[severity]\ntable-blank-cell = \"error\"", "[severity]\nT002 = \"info\"",
               "[severity]\nsix-sections = \"warning\"", "[severity]\nt002 = \"info\""]


@pytest.mark.parametrize("text", GOOD_VALUES)
def test_good_values_are_accepted(tmp_path, text):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text(text + "\n", encoding="utf-8")
    r = run_cli("--config", str(cfg), str(seed("004")))
    assert r.returncode in (0, 1), r.stderr


def test_a_code_in_lower_case_grades_its_findings(tmp_path):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text('[severity]\nt002 = "info"\n', encoding="utf-8")
    found = json.loads(run_cli("--config", str(cfg), "--format", "json", str(seed("000"))).stdout)
    graded = [d["severity"] for d in found if d["code"] == "T002"]
    assert graded and set(graded) == {"info"}
