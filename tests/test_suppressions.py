"""Suppressions: comments in the report (text and Word) and per-file-ignores in the configuration."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, lint, run_cli, seed
from gaic_lint.config import Config
from gaic_lint.wordedit.comments import Note, add_comments
from gaic_lint.wordedit.package import Package, serialize


def _insert_before(path, line_no: int, new_line: str, tmp_path, name="r.md"):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line_no - 1, new_line)
    out = tmp_path / name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _codes(diagnostics):
    return sorted(d.code for d in diagnostics)


def test_disable_next_line_silences_that_line_only_and_is_not_report_text(tmp_path):
    original = seed("000")
    before = lint(original)
    c001 = next(d for d in before if d.code == "C104")
    path = _insert_before(original, c001.location.line, "<!-- gaic-lint-disable-next-line C001 -->", tmp_path)
    after = lint(path)
    assert "C104" not in _codes(after)
    # Everything else is found as before (one line further down), and the comment itself is read by no rule.
    assert _codes(after) == sorted(c for c in _codes(before) if c != "C104")
    assert not any("gaic-lint-disable" in (d.context or "") for d in after)


def test_disable_by_family_or_rule_name_and_enable_closes_the_range(tmp_path):
    original = seed("000")
    y_lines = [d.location.line for d in lint(original) if d.code == "Y101"]
    lines = original.read_text(encoding="utf-8").split("\n")
    first, last = min(y_lines), max(y_lines)
    lines.insert(last, "<!-- gaic-lint-enable year-reference -->")
    lines.insert(first - 1, "<!-- gaic-lint-disable year-reference -->")
    path = tmp_path / "r.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "Y101" not in _codes(lint(path))

    lines = original.read_text(encoding="utf-8").split("\n")
    lines.insert(0, "<!-- gaic-lint-disable-file Y -->")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "Y101" not in _codes(lint(path))
    assert "C104" in _codes(lint(path))


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path):
    path = _insert_before(seed("003"), 10, "<!-- gaic-lint-disable-next-line C001 -->", tmp_path)
    found = [d for d in lint(path) if d.code == "F008"]
    assert len(found) == 1 and found[0].location.line == 10
    config = Config()
    config.ignore = ["unused-suppression"]
    assert not [d for d in lint(path, config=config) if d.code == "F008"]


def test_a_word_comment_starting_with_gaic_lint_disable_silences_its_range(tmp_path):
    source = FIXTURES / "docx" / "000.docx"
    c001 = next(d for d in lint(source) if d.code == "C104")
    package = Package(source.read_bytes())
    from gaic_lint.wordedit.package import parse_xml

    document = parse_xml(package.read(package.main))
    add_comments(package, document, [Note(c001.location.paragraph, None,
                                          ["gaic-lint-disable C001 本省文件，文号无误"])])
    package.replaced[package.main] = serialize(document)
    path = tmp_path / "r.docx"
    path.write_bytes(package.write())
    codes = _codes(lint(path))
    assert "C104" not in codes and "F008" not in codes
    assert codes == sorted(c for c in _codes(lint(source)) if c != "C104")


def test_per_file_ignores_in_the_configuration(tmp_path):
    shutil.copy(seed("000"), tmp_path / "draft.txt")
    shutil.copy(seed("000"), tmp_path / "final.txt")
    (tmp_path / "gaic-lint.toml").write_text('per-file-ignores = { "draft*" = ["C104", "year-reference"] }\n',
                                            encoding="utf-8")
    r = run_cli("--format", "concise", "draft.txt", "final.txt", cwd=tmp_path)
    draft = [ln for ln in r.stdout.splitlines() if ln.startswith("draft.txt")]
    final = [ln for ln in r.stdout.splitlines() if ln.startswith("final.txt")]
    assert not any("C104" in ln or "Y101" in ln for ln in draft)
    assert any("C104" in ln for ln in final) and any("Y101" in ln for ln in final)
