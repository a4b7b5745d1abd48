"""Output injection: text from a document or a file name never starts an output line of its own.

GitHub Actions runs any log line that starts with `::` (after leading blanks) as a workflow command, so
a CR in a Word run, a second paragraph in a table cell, U+2028 in Markdown or a file name that starts
with `::` or holds a line break must not put such a line into any format; only `--format github`
writes `::` lines, and those are its own annotations. Inputs: `fixtures/bad/injection.*` (built by
`fixtures/bad/make.py`) and files with hostile names created here.
"""

from __future__ import annotations

import json
import re
import shutil
from xml.etree import ElementTree

import pytest

from conftest import FIXTURES, run_cli, seed

BAD = FIXTURES / "bad"
COMMAND_LINE = re.compile(r"\s*(::|##)")
# The annotations `--format github` writes: a level, properties without a raw line break, the message.
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^\r\n:]*(,(line|col)=\d+)*,title=[^\r\n:]*::\S")
HOSTILE_NAMES = ["::error file=README.md,line=1::INJECTED.md", "a\n::warning::INJECTED-LF.md",
                 "b\r::notice::INJECTED-CR.md", "##[error]INJECTED.md", "c\u2028::error::INJECTED-LS.md"]
FORMATS = ["text", "concise", "github", "gitlab", "junit", "sarif", "json", "json-lines", "json-report", "html"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injection")
    names = []
    for name in HOSTILE_NAMES:
        shutil.copy(seed("000"), folder / name)
        names.append(name)
    for name in ("injection.docx", "injection.md"):
        shutil.copy(BAD / name, folder / name)
        names.append(name)
    return folder, names


@pytest.fixture(scope="module")
def findings(inputs):
    folder, names = inputs
    result = run_cli("--format", "json-lines", *names, cwd=folder)
    return [json.loads(line) for line in result.stdout.splitlines()]


def _lines(text: str) -> list[str]:
    # Every character some reader takes as a line end: CR, LF, VT, FF, FS/GS/RS, NEL, U+2028/U+2029.
    return text.splitlines()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_line_starts_a_workflow_command(fmt, inputs, findings):
    folder, names = inputs
    result = run_cli("--format", fmt, *names, cwd=folder)
    assert "Traceback" not in result.stderr
    out = result.stdout
    # The hostile text did reach the output (escaped): the check below is not vacuous.
    assert "INJECTED" in out
    commands = [line for line in _lines(out) if COMMAND_LINE.match(line)]
    if fmt == "github":
        assert all(ANNOTATION.match(line) for line in commands), [c for c in commands if not ANNOTATION.match(c)]
        assert len(commands) == len(findings)
    else:
        assert commands == []


def test_each_hostile_name_and_quote_gave_findings(findings):
    files = {f["file"] for f in findings}
    assert {*HOSTILE_NAMES, "injection.docx", "injection.md"} <= files
    quoted = [f for f in findings if f["file"].startswith("injection.") and "INJECTED" in f["message"]]
    assert {f["file"] for f in quoted} == {"injection.docx", "injection.md"}


@pytest.mark.parametrize("fmt", ["json", "json-report", "sarif", "gitlab"])
def test_json_formats_parse_and_keep_the_text(fmt, inputs):
    folder, names = inputs
    out = run_cli("--format", fmt, *names, cwd=folder).stdout
    data = json.loads(out)
    assert "INJECTED" in json.dumps(data, ensure_ascii=False)
    assert not set(out) & {"\u2028", "\u2029", "\x85"}


def test_json_lines_is_one_record_per_line_for_every_line_splitter(inputs, findings):
    folder, names = inputs
    out = run_cli("--format", "json-lines", *names, cwd=folder).stdout
    assert not set(out) & {"\u2028", "\u2029", "\x85"}
    records = [json.loads(line) for line in _lines(out)]
    assert len(records) == len(findings) > 0
    # Escaped, not lost: the file name keeps its U+2028 in the parsed record.
    assert any("\u2028" in r["file"] for r in records)


def test_junit_parses_and_keeps_names_on_one_line(inputs):
    folder, names = inputs
    out = run_cli("--format", "junit", *names, cwd=folder).stdout
    root = ElementTree.fromstring(out.encode("utf-8"))
    for suite in root.iter("testsuite"):
        assert "\n" not in suite.get("name") and "\n" not in suite.get("file", "")


def test_text_shows_the_break_escaped(inputs):
    folder, _ = inputs
    out = run_cli("injection.docx", "injection.md", cwd=folder).stdout
    assert "\\r::error file=README.md,line=1::INJECTED" in out or "\\n::error file=README.md,line=1::INJECTED" in out


def test_diff_headers_stay_one_line_and_quoted_as_git_does(tmp_path):
    name = "d\n::error file=README.md::INJECTED.md"
    shutil.copy(seed("000"), tmp_path / name)
    result = run_cli("--diff", name, cwd=tmp_path)
    headers = [line for line in _lines(result.stdout) if line.startswith(("--- ", "+++ "))]
    assert headers == ['--- "a/d\\n::error file=README.md::INJECTED.md"',
                       '+++ "b/d\\n::error file=README.md::INJECTED.md"']
    assert not [line for line in _lines(result.stdout) if COMMAND_LINE.match(line)]
    assert (tmp_path / name).read_bytes() == seed("000").read_bytes()
