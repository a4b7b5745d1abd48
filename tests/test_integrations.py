"""The CI snippets in docs/integrations.md: valid for their CI system, and every gaic-lint command in
them runs here on sample reports and writes what the next step expects."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from test_precommit import docs_snippet
from test_reporters import check_gitlab, check_sarif

from conftest import ROOT, run_cli, seed


@pytest.fixture
def workspace(tmp_path):
    """A CI checkout: reports/ with a bad, a clean and a warning-only report."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for prefix in ("000", "003", "004"):
        shutil.copy(seed(prefix), reports / seed(prefix).name)
    return tmp_path


def run_documented(command: str, cwd):
    argv = shlex.split(command)
    assert argv[0] == "gaic-lint", command
    r = run_cli(*argv[1:], cwd=cwd)
    assert "Traceback" not in r.stderr and "错误：" not in r.stderr, r.stderr
    return r


def check_schema(name: str, text: str, tmp_path) -> subprocess.CompletedProcess:
    """Validate YAML with check-jsonschema's bundled copy of the CI system's schema (no network).

    Its command line is run in this process (click's runner): what is tested is the schema, not a
    process of check-jsonschema's own."""
    from check_jsonschema.cli.main_command import main
    from click.testing import CliRunner

    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["--builtin-schema", f"vendor.{name}", str(path)])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return subprocess.CompletedProcess(["check-jsonschema"], r.exit_code, r.stdout, "")


def test_github_workflow(workspace, tmp_path):
    text = docs_snippet("github")
    r = check_schema("github-workflows", text, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    broken = check_schema("github-workflows", text.replace("runs-on:", "run-on:"), tmp_path)
    assert broken.returncode != 0, "the schema check must be able to fail"

    steps = yaml.safe_load(text)["jobs"]["gaic-lint"]["steps"]
    commands = [s["run"] for s in steps if s.get("run", "").startswith("gaic-lint")]
    assert len(commands) == 2
    annotate, sarif = (run_documented(c, workspace) for c in commands)
    assert annotate.returncode == 1, "the annotation step fails the job on errors"
    assert annotate.stdout.count("::error file=reports/") == 3
    assert sarif.returncode == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    check_sarif(json.loads((workspace / upload["with"]["sarif_file"]).read_text(encoding="utf-8")))


def test_gitlab_job(workspace, tmp_path):
    text = docs_snippet("gitlab")
    r = check_schema("gitlab-ci", text, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    broken = check_schema("gitlab-ci", text.replace("when: always", "when: sometimes"), tmp_path)
    assert broken.returncode != 0, "the schema check must be able to fail"

    job = yaml.safe_load(text)["gaic-lint"]
    results = [run_documented(c, workspace) for c in job["script"] if c.startswith("gaic-lint")]
    assert [r.returncode for r in results] == [0, 1]  # code quality never fails; the JUnit run does
    reports = job["artifacts"]["reports"]
    issues = json.loads((workspace / reports["codequality"]).read_text(encoding="utf-8"))
    check_gitlab(issues)
    assert {i["location"]["path"] for i in issues} == {f"reports/{seed('000').name}", f"reports/{seed('004').name}"}
    from junitparser import JUnitXml

    suites = list(JUnitXml.fromfile(str(workspace / reports["junit"])))
    assert len(suites) == 3 and sum(s.failures for s in suites) == 2


def test_jenkins_stage(workspace):
    text = docs_snippet("jenkins")
    assert text.count("{") == text.count("}")
    commands = re.findall(r"^\s*sh '(gaic-lint [^']*)'", text, re.MULTILINE)
    (junit_file,) = re.findall(r"^\s*junit '([^']+)'", text, re.MULTILINE)
    assert len(commands) == 1
    r = run_documented(commands[0], workspace)
    assert r.returncode == 0, "--exit-zero: the junit step decides"
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(str(workspace / junit_file))
    assert xml.failures == 2 and xml.errors == 0


def test_documented_baseline_commands(workspace):
    doc = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (gaic-lint --(?:write-)?baseline .*)$", doc, re.MULTILINE)
    assert len(commands) == 2
    write, use = (run_documented(c, workspace) for c in commands)
    assert write.returncode == 0 and use.returncode == 0
    assert "另有 6 个已记录在基线中的问题未显示" in use.stdout


def test_supervisor_gitlab_job(workspace, tmp_path):
    text = docs_snippet("supervisor-gitlab")
    r = check_schema("gitlab-ci", text, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    broken = check_schema("gitlab-ci", text.replace("expose_as:", "expose:"), tmp_path)
    assert broken.returncode != 0, "the schema check must be able to fail"

    job = yaml.safe_load(text)["annual-report-review"]
    results = [run_documented(c, workspace) for c in job["script"] if c.startswith("gaic-lint")]
    # the page is always written; the JUnit run fails at --fail-on warning, and its XML says so
    assert [r.returncode for r in results] == [0, 1]
    (page,) = job["artifacts"]["paths"]
    check_review_page(workspace / page, 3)
    from junitparser import JUnitXml

    suites = list(JUnitXml.fromfile(str(workspace / job["artifacts"]["reports"]["junit"])))
    # 004: the stray cell (T301) and part 六 silent on 信息处理费 (S108)
    assert len(suites) == 3 and [s.failures for s in suites] == [3, 0, 2]


def test_supervisor_jenkins_stage(workspace):
    text = docs_snippet("supervisor-jenkins")
    assert text.count("{") == text.count("}")
    commands = re.findall(r"^\s*sh '(gaic-lint [^']*)'", text, re.MULTILINE)
    (junit_file,) = re.findall(r"^\s*junit '([^']+)'", text, re.MULTILINE)
    (page,) = re.findall(r"^\s*archiveArtifacts artifacts: '([^']+)'", text, re.MULTILINE)
    assert [run_documented(c, workspace).returncode for c in commands] == [0, 0]
    check_review_page(workspace / page, 3)
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(str(workspace / junit_file))
    assert xml.failures == 5 and xml.errors == 0, "with --fail-on warning the warnings fail too"


def check_review_page(path, reports: int) -> None:
    import lxml.html

    page = lxml.html.fromstring(path.read_bytes())
    assert len(page.xpath('//*[@id="overview"]//tbody/tr')) == reports
    assert len(page.find_class("report")) == reports
