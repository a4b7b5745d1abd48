"""--fix and --diff: safe substitutions written back to text and Markdown reports, and nothing else."""

from __future__ import annotations

import hashlib
import json
import shutil

from conftest import FIXTURES, lint, run_cli, seed


def test_diff_shows_the_fix_and_writes_nothing(tmp_path):
    path = tmp_path / "r.txt"
    shutil.copy(seed("000"), path)
    before = path.read_bytes()
    r = run_cli("--diff", "--unsafe-fixes", str(path))
    assert r.returncode == 1
    assert "-按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2021〕109号）" in r.stdout
    assert "+按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）" in r.stdout
    assert "可修复 1 处问题（1 个文件）" in r.stderr
    assert path.read_bytes() == before


def test_fix_writes_exactly_the_fixes_and_reports_what_remains(tmp_path):
    path = tmp_path / "r.txt"
    shutil.copy(seed("000"), path)
    original = path.read_text(encoding="utf-8")
    r = run_cli("--fix", "--unsafe-fixes", "--format", "concise", str(path))
    assert "已修复 1 处问题（1 个文件）" in r.stderr
    assert path.read_text(encoding="utf-8") == original.replace("国办函〔2021〕109号", "国办函〔2020〕109号")
    # the year findings are not fixable: they remain, and the run still fails on them
    assert r.returncode == 1
    assert "C104" not in r.stdout and r.stdout.count("Y101") == 2
    assert [d.code for d in lint(path) if d.code == "C104"] == []


def test_a_known_miscitation_under_its_full_title_and_issuer_is_a_safe_fix(tmp_path):
    # Seed 000 cites the fee measures under their full registered title with the issuer's 机关代字 and
    # last year's number: the document is certain, so --fix alone corrects it.
    path = tmp_path / "r.txt"
    shutil.copy(seed("000"), path)
    r = run_cli("--fix", "--format", "json", str(path))
    assert "已修复 1 处问题（1 个文件）" in r.stderr
    assert "国办函〔2020〕109号" in path.read_text(encoding="utf-8")


def test_fix_alone_leaves_a_registry_match_found_by_title_keywords(tmp_path):
    # The same citation under a shortened title is matched by the title's keywords only: the author may
    # have meant another document, so replacing the number is unsafe — made with --unsafe-fixes, not --fix.
    path = tmp_path / "r.txt"
    text = seed("000").read_text(encoding="utf-8")
    shortened = text.replace("《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2021〕109号）",
                             "《政府信息公开信息处理费管理办法》（国办函〔2021〕109号）")
    assert shortened != text
    path.write_text(shortened, encoding="utf-8")
    before = path.read_bytes()
    r = run_cli("--fix", "--format", "json", str(path))
    assert "已修复 0 处问题（0 个文件）" in r.stderr
    assert path.read_bytes() == before
    wrong = [d for d in json.loads(r.stdout) if d["code"] == "C104"]
    assert [d["fix"]["applicability"] for d in wrong] == ["unsafe"]
    run_cli("--fix", "--unsafe-fixes", str(path))
    assert "国办函〔2020〕109号" in path.read_text(encoding="utf-8")


def test_a_two_digit_year_is_shown_and_never_written(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 示例局2025年政府信息公开工作年度报告\n\n依据国办发〔21〕3号文件。\n", encoding="utf-8")
    before = path.read_bytes()
    found = [d for d in lint(path) if d.code == "C101"]
    assert [d.fix.applicability.value for d in found] == ["display-only"]
    assert found[0].fix.replacement == "国办发〔2021〕3号"
    r = run_cli("--fix", "--unsafe-fixes", str(path))
    assert "已修复 0 处问题（0 个文件）" in r.stderr and path.read_bytes() == before


def test_fix_keeps_the_encoding_and_byte_order_mark(tmp_path):
    text = (FIXTURES / "rules" / "terminology" / "trigger.md").read_text(encoding="utf-8")
    for name, data, codec in (
        ("be.md", b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be"),
        ("gbk.md", text.encode("gbk"), "gbk"),
        ("bom.md", b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        run_cli("--fix", "--select", "W001", str(path))
        raw = path.read_bytes()
        bom = data[: len(data) - len(text.encode(codec))]
        assert raw.startswith(bom), name
        fixed = raw[len(bom):].decode(codec)
        assert "转结" not in fixed and "国务院令第711号" in fixed and "信息处理费" in fixed, name
        assert fixed.replace("国务院令第711号", "国令711号") != text  # something really changed


def test_fix_never_writes_pdf_or_html(tmp_path):
    for source in (FIXTURES / "pdf" / "000.pdf", FIXTURES / "html" / "000.html"):
        path = tmp_path / source.name
        shutil.copy(source, path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        r = run_cli("--fix", "--unsafe-fixes", str(path))
        assert "只能自动修复 .txt/.md/.docx 文件，此文件未修改" in r.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000.html", "000.pdf"]  # no temp files left


def test_a_fix_whose_text_moved_is_left_alone():
    from gaic_lint.fixer import fixed_text

    path = FIXTURES / "rules" / "terminology" / "trigger.md"
    found = [d for d in lint(path) if d.fix is not None]
    text = path.read_text(encoding="utf-8")
    shifted = "\n" + text  # every finding now points one line too high
    new, applied = fixed_text(shifted, found)
    assert applied == 0 and new == shifted
    new, applied = fixed_text(text, found)
    assert applied == len(found) == 4


def test_the_same_wrong_term_twice_on_a_line_is_fixed_twice(tmp_path):
    path = tmp_path / "r.md"
    text = (FIXTURES / "rules" / "terminology" / "trigger.md").read_text(encoding="utf-8")
    path.write_text(text.replace("本年度未收取信息公开处理费。", "本年度未收取信息公开处理费，也未减免信息公开处理费。"),
                    encoding="utf-8")
    run_cli("--fix", "--select", "W001", str(path))
    fixed = path.read_text(encoding="utf-8")
    assert "本年度未收取信息处理费，也未减免信息处理费。" in fixed
