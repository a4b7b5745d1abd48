"""The command line for authors and editors: Chinese help and errors, stdin, diffs that patch tools accept."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run_cli, seed


def test_help_is_chinese_and_lists_the_exit_codes():
    r = run_cli("--help")
    assert r.returncode == 0
    assert r.stdout.startswith("用法：gaic-lint")
    for heading in ("选项", "退出码", "显示本帮助并退出"):
        assert heading in r.stdout
    assert "usage:" not in r.stdout and "show this help" not in r.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--format", "nope", "x.md"), "选项 --format/-f 的值 'nope' 无效"),
        (("--bogus", "x.md"), "无法识别的参数：--bogus"),
        (("--report-year", "abc", "x.md"), "选项 --report-year 应为整数"),
        (("dump",), "缺少参数：path"),
        (("annotate",), "缺少参数：path"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(args, expected):
    r = run_cli(*args)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "error:" not in r.stderr and "用法：" in r.stderr


def test_stdin_is_read_under_the_given_name():
    text = seed("000").read_text(encoding="utf-8")
    r = run_cli("-", "--stdin-filename", "年报/报告.md", "--format", "concise", input=text)
    assert r.returncode == 1
    lines = [ln for ln in r.stdout.splitlines() if not ln.startswith("检查了")]
    assert lines and all(ln.startswith("年报/报告.md:") for ln in lines)
    alone = [ln for ln in run_cli(str(seed("000")), "--format", "concise").stdout.splitlines()
             if not ln.startswith("检查了")]
    assert [ln.split(":", 1)[1] for ln in lines] == [ln.split(":", 1)[1] for ln in alone]


def test_stdin_cannot_be_fixed_in_place_but_its_diff_is_shown():
    text = seed("000").read_text(encoding="utf-8")
    assert run_cli("-", "--fix", input=text).returncode == 2
    r = run_cli("-", "--stdin-filename", "报告.md", "--diff", input=text)
    assert r.stdout.startswith("--- a/报告.md\n+++ b/报告.md\n")


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None, reason="git or patch missing")
def test_the_diff_applies_with_git_apply_and_patch(tmp_path):
    shutil.copy(seed("000"), tmp_path / "报告.md")
    original = (tmp_path / "报告.md").read_bytes()
    r = run_cli("--diff", "报告.md", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout
    (tmp_path / "fix.patch").write_text(r.stdout, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "--check", "fix.patch"], cwd=tmp_path, check=True)
    subprocess.run(["patch", "-p1", "-s", "-i", "fix.patch"], cwd=tmp_path, check=True)
    patched = (tmp_path / "报告.md").read_bytes()
    assert patched != original
    # Patching gives exactly what --fix writes.
    shutil.copy(seed("000"), tmp_path / "fixed.md")
    run_cli("--fix", "fixed.md", cwd=tmp_path)
    assert (tmp_path / "fixed.md").read_bytes() == patched


def test_show_fixes_lists_what_fix_changed(tmp_path):
    shutil.copy(seed("000"), tmp_path / "报告.md")
    r = run_cli("--fix", "--show-fixes", "报告.md", cwd=tmp_path)
    listed = [ln for ln in r.stderr.splitlines() if ln.startswith("  ")]
    assert listed == ["  报告.md:126:39: C104 “国办函〔2021〕109号” → “国办函〔2020〕109号”"]
