"""The command line as a user meets it: exit codes, output formats, configuration, rule docs, dump."""

from __future__ import annotations

import json

from conftest import ROOT, run_cli, run_cli_process, seed
from gaic_lint import __version__


def test_text_output_in_ruff_style():
    r = run_cli("--color", "never", str(seed("000")))
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{seed('000')}:102:2: T002 [警告] 表四 · 行政复议")
    assert "126 | " in r.stdout  # the source line under a finding
    assert "依据：" in r.stdout
    assert r.stdout.rstrip().endswith("检查了 1 个文件，发现 3 个错误，1 个警告。其中 1 个标有 [*] 的问题可用 --fix 自动修复。")
    assert ": C104 [*] [错误]" in r.stdout  # the one safe fix is marked


def test_exit_zero_when_only_warnings_and_for_clean_files():
    assert run_cli(str(seed("004"))).returncode == 0  # one warning
    assert run_cli(str(seed("002"))).returncode == 0  # one info note
    r = run_cli(str(seed("003")))
    assert r.returncode == 0 and "未发现问题" in r.stdout


def test_json_output():
    r = run_cli("--format", "json", str(seed("000")))
    data = json.loads(r.stdout)
    assert {d["code"] for d in data} == {"C104", "Y101", "T002"}
    c = next(d for d in data if d["code"] == "C104")
    assert c["rule"] == "citation-wrong-number" and c["severity"] == "error"
    assert c["fields"] == {"found": "国办函〔2021〕109号", "title": c["fields"]["title"], "number": "国办函〔2020〕109号"}
    assert c["location"]["line"] == 126 and c["location"]["column"] == 39
    assert "国办函〔2020〕109号" in c["evidence"]
    assert c["file"] == str(seed("000"))


def test_select_and_ignore_by_code_family_and_name():
    def codes(*args):
        return {d["code"] for d in json.loads(run_cli("--format", "json", *args, str(seed("000"))).stdout)}

    assert codes("--select", "Y") == {"Y101"}
    assert codes("--select", "citation-number,T002") == {"C104", "T002"}
    assert codes("--ignore", "Y001,T") == {"C104"}  # an old code still ignores its kinds


def test_unknown_selector_is_a_usage_error():
    r = run_cli("--select", "nonsense-rule", str(seed("000")))
    assert r.returncode == 2 and "未知的规则或代码：nonsense-rule" in r.stderr


def test_folder_is_expanded(tmp_path):
    for prefix in ("000", "003"):
        (tmp_path / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
    (tmp_path / "notes.json").write_text("{}")
    r = run_cli("--format", "json", str(tmp_path))
    files = {d["file"] for d in json.loads(r.stdout)}
    assert files == {str(tmp_path / seed("000").name)}
    assert r.returncode == 1


def test_config_found_upward_and_applied(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gaic-lint]\nignore = ["citation-number"]\n[tool.gaic-lint.severity]\nyear-reference = "warning"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "reports" / "2025"
    sub.mkdir(parents=True)
    report = sub / "r.txt"
    report.write_bytes(seed("000").read_bytes())
    r = run_cli("--format", "json", str(report), cwd=sub)
    data = json.loads(r.stdout)
    assert {d["code"] for d in data} == {"Y101", "T002"}
    assert {d["severity"] for d in data if d["code"] == "Y101"} == {"warning"}
    assert r.returncode == 0  # no errors left
    # gaic-lint.toml next to the report wins over pyproject.toml further up
    (sub / "gaic-lint.toml").write_text('select = ["C"]\n', encoding="utf-8")
    data = json.loads(run_cli("--format", "json", str(report), cwd=sub).stdout)
    assert {d["code"] for d in data} == {"C104"}
    # --isolated ignores both
    data = json.loads(run_cli("--isolated", "--format", "json", str(report), cwd=sub).stdout)
    assert {d["code"] for d in data} == {"C104", "Y101", "T002"}


def test_bad_config_is_exit_2_with_a_message(tmp_path):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text("select = [\n", encoding="utf-8")
    r = run_cli("--config", str(cfg), str(seed("000")))
    assert r.returncode == 2 and "不是合法的 TOML" in r.stderr and "Traceback" not in r.stderr
    cfg.write_text('colour = "red"\n', encoding="utf-8")
    r = run_cli("--config", str(cfg), str(seed("000")))
    assert r.returncode == 2 and "未知的配置项 colour" in r.stderr


def test_extra_rulebook_registers_a_document(tmp_path):
    pack = tmp_path / "local.toml"
    pack.write_text(
        '[[documents]]\nid = "shandong-fee"\n'
        'title = "山东省人民政府办公厅关于做好政府信息公开信息处理费管理工作有关事项的通知"\n'
        'number = "鲁政办字〔2020〕179号"\nissuer = "山东省人民政府办公厅"\n'
        'keywords = ["山东省人民政府办公厅", "信息处理费管理工作"]\n',
        encoding="utf-8",
    )
    r = run_cli("--format", "json", "--select", "C", "--rulebook", str(pack), str(seed("000")))
    messages = [d["message"] for d in json.loads(r.stdout)]
    assert any("鲁政办字〔2021〕179号" in m and "鲁政办字〔2020〕179号" in m for m in messages)


def test_rules_and_rule_docs():
    r = run_cli("rules")
    assert r.returncode == 0
    for name in ("six-sections", "table-balance", "year-reference", "citation-number"):
        assert name in r.stdout
    r = run_cli("rule", "table-balance")
    assert r.returncode == 0
    assert "# table-balance (T001)" in r.stdout and "## 为什么" in r.stdout and "## 示例" in r.stdout
    assert run_cli("rule", "Y001").stdout.startswith("# year-reference (Y001)")
    assert run_cli("rule", "no-such-rule").returncode == 2


def test_dump_shows_the_tree():
    r = run_cli("dump", "--cells", str(seed("003")))
    assert r.returncode == 0
    assert "年度：2023" in r.stdout and "机关：山东省医疗保障局" in r.stdout
    assert "表三：25 行，7 列，找到 175/175 个单元格" in r.stdout
    assert "表三 · （七）总计 · 总计 = 26" in r.stdout
    assert "第6部分 其他需要报告的事项" in r.stdout


def test_no_paths_is_a_usage_error():
    r = run_cli()
    assert r.returncode == 2 and "请给出要检查的文件" in r.stderr


def test_version_is_fast_and_imports_nothing_heavy():
    import subprocess
    import sys

    # `main`, not the console script, which leaves the process as soon as it has answered.
    code = ("from gaic_lint.cli import main\nmain(['--version'])\nimport sys\n"
            "heavy = [m for m in ('lxml', 'pdfplumber', 'pypdfium2', 'pyparsing', 'junit_xml') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert f"gaic-lint {__version__}" in out and "HEAVY []" in out


def test_a_file_over_the_time_limit_is_reported_and_the_batch_goes_on(tmp_path):
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text("timeout = 0.00001\n", encoding="utf-8")
    r = run_cli("--config", str(cfg), "--color", "never", str(seed("000")), str(seed("001")))
    assert r.returncode == 2
    assert r.stdout.count("检查超时（超过 1e-05 秒），已跳过该文件") == 2
    assert "Traceback" not in r.stdout + r.stderr
    r = run_cli("--color", "never", str(seed("000")), str(seed("001")))
    assert "检查超时" not in r.stdout


# Most tests here run the command line in-process (conftest.run_cli); these two keep that honest.

def test_in_process_run_is_what_a_real_process_prints(tmp_path):
    args = ("--color", "never", str(seed("000")), str(tmp_path / "missing.md"), "--select", "Y001,F")
    inside, outside = run_cli(*args), run_cli_process(*args)
    assert (inside.returncode, inside.stdout, inside.stderr) == (outside.returncode, outside.stdout, outside.stderr)
    assert inside.returncode == 2 and "Y101" in inside.stdout


def test_in_process_runs_leave_nothing_behind(tmp_path):
    import os
    import signal
    import sys

    before = (sys.stdin, sys.stdout, sys.stderr, os.getcwd(), dict(os.environ), signal.getsignal(signal.SIGALRM))
    cfg = tmp_path / "gaic-lint.toml"
    cfg.write_text("timeout = 5\n", encoding="utf-8")  # the per-file limit sets and resets SIGALRM
    assert run_cli("--config", str(cfg), str(seed("003")), cwd=tmp_path).returncode == 0
    assert run_cli("--version").returncode == 0  # argparse leaves through SystemExit
    assert run_cli("--format", "nonsense", str(seed("003"))).returncode == 2
    after = (sys.stdin, sys.stdout, sys.stderr, os.getcwd(), dict(os.environ), signal.getsignal(signal.SIGALRM))
    assert after == before
