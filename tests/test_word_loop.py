"""The author's loop in Word: --fix writes tracked changes, annotate writes comments; Word-compatible
readers (python-docx, LibreOffice) open what we write, and our own reader reads it back."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, REAL_REPORTS, lint, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _document(path: Path):
    return etree.fromstring(_members(path)["word/document.xml"])


def _libreoffice_flat_xml(path: Path, tmp_path: Path) -> str:
    """LibreOffice's own reading of the file, as flat ODF XML."""
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "fodt", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return (out / (path.stem + ".fodt")).read_text(encoding="utf-8")


@pytest.fixture
def miscited(tmp_path) -> Path:
    path = tmp_path / "报告.docx"
    shutil.copy(FIXTURES / "docx" / "000.docx", path)
    return path


def test_fix_writes_the_miscited_number_as_one_tracked_change(miscited, tmp_path):
    before = _members(miscited)
    codes_before = sorted(d.code for d in lint(miscited))
    assert "C104" in codes_before

    r = run_cli("--fix", str(miscited))
    assert r.returncode == 1  # the year errors remain; only the 文号 has a safe fix

    after = _members(miscited)
    assert set(after) == set(before)
    assert {n for n in before if before[n] != after[n]} == {"word/document.xml"}
    doc = _document(miscited)
    inserted = doc.findall(f".//{W}ins")
    deleted = doc.findall(f".//{W}del")
    assert len(inserted) == len(deleted) == 1
    assert {e.get(f"{W}author") for e in inserted + deleted} == {"gaic-lint"}
    assert "".join(t.text for t in inserted[0].iter(f"{W}t")) == "国办函〔2020〕109号"
    assert "".join(t.text for t in deleted[0].iter(f"{W}delText")) == "国办函〔2021〕109号"

    # Read back with the change accepted: the citation finding is gone, the rest is as it was, and the
    # reader says the file still holds a revision to accept.
    codes_after = sorted(d.code for d in lint(miscited))
    assert codes_after == sorted([c for c in codes_before if c != "C104"] + ["F004"])


def test_python_docx_opens_the_fixed_file(miscited):
    docx = pytest.importorskip("docx")
    run_cli("--fix", str(miscited))
    text = "\n".join(p.text for p in docx.Document(str(miscited)).paragraphs)
    assert "信息处理费管理办法" in text


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_sees_one_deletion_and_one_insertion_by_gaic_lint(miscited, tmp_path):
    run_cli("--fix", str(miscited))
    flat = _libreoffice_flat_xml(miscited, tmp_path)
    assert flat.count("<text:deletion>") == 1
    assert flat.count("<text:insertion>") == 1
    assert flat.count("<dc:creator>gaic-lint</dc:creator>") == 2


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice or pdftotext missing")
def test_libreoffice_prints_the_fixed_file_to_pdf(miscited, tmp_path):
    run_cli("--fix", str(miscited))
    out = tmp_path / "pdf"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(out), str(miscited)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(out / (miscited.stem + ".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    # The page shows the change with its markup: the new number is there (next to the struck-out old one).
    assert "〔2020〕109" in text.replace(" ", "")


def test_diff_on_a_word_file_shows_the_change_as_text_and_writes_nothing(miscited):
    before = miscited.read_bytes()
    r = run_cli("--diff", str(miscited))
    assert miscited.read_bytes() == before
    lines = r.stdout.splitlines()
    assert lines[0].startswith("--- a/") and lines[1].startswith("+++ b/")
    assert [ln for ln in lines if ln.startswith("-") and not ln.startswith("---")][0].count("〔2021〕109号") == 1
    assert [ln for ln in lines if ln.startswith("+") and not ln.startswith("+++")][0].count("〔2020〕109号") == 1


def _comments(path: Path) -> list:
    root = etree.fromstring(_members(path)["word/comments.xml"])
    return root.findall(f"{W}comment")


def test_annotate_writes_every_finding_as_a_comment_where_it_is(miscited, tmp_path):
    out = tmp_path / "报告-批注.docx"
    before = miscited.read_bytes()
    findings = lint(miscited)
    r = run_cli("annotate", str(miscited), "-o", str(out))
    assert r.returncode == 1
    assert miscited.read_bytes() == before

    comments = _comments(out)
    assert len(comments) == len(findings)
    assert {c.get(f"{W}author") for c in comments} == {"gaic-lint"}
    by_id = {c.get(f"{W}id"): "".join(t.text for t in c.iter(f"{W}t")) for c in comments}
    doc = _document(out)
    for start in doc.iter(f"{W}commentRangeStart"):
        anchored = start.getparent()
        text = "".join(t.text or "" for t in anchored.iter(f"{W}t"))
        note = by_id[start.get(f"{W}id")]
        if "C104" in note:
            assert "国办函〔2021〕109号" in text
            assert "建议改为：国办函〔2020〕109号" in note
        if "T002" in note:
            assert next(anchored.iterancestors(f"{W}tc"), None) is not None  # in a table cell
    # The comments are not report text: the copy gives the same findings as the original.
    assert sorted((d.code, d.location.paragraph, d.location.table) for d in lint(out)) == \
        sorted((d.code, d.location.paragraph, d.location.table) for d in findings)


def test_python_docx_reads_the_comments_back(miscited, tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "out.docx"
    run_cli("annotate", str(miscited), "-o", str(out))
    document = docx.Document(str(out))
    if not hasattr(document, "comments"):
        pytest.skip("this python-docx has no comments API")
    assert len(list(document.comments)) == len(lint(miscited))
    assert all(c.author == "gaic-lint" for c in document.comments)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(not REAL_REPORTS.exists(), reason="real reports not available")
def test_the_official_template_annotated_opens_in_libreoffice(tmp_path):
    out = tmp_path / "模板-批注.docx"
    r = run_cli("annotate", str(REAL_REPORTS / "template" / "template-2021.docx"), "-o", str(out))
    assert r.returncode in (0, 1), r.stderr
    assert len(_comments(out)) == len(lint(REAL_REPORTS / "template" / "template-2021.docx"))
    flat = _libreoffice_flat_xml(out, tmp_path)
    assert flat.count("<dc:creator>gaic-lint</dc:creator>") == len(_comments(out))


def test_annotate_refuses_what_is_not_word_and_never_overwrites_the_input(tmp_path, miscited):
    text = tmp_path / "a.txt"
    shutil.copy(next((FIXTURES / "seeds").glob("000_*.txt")), text)
    r = run_cli("annotate", str(text), "-o", str(tmp_path / "a.docx"))
    assert r.returncode == 2 and not (tmp_path / "a.docx").exists()
    before = miscited.read_bytes()
    r = run_cli("annotate", str(miscited), "-o", str(miscited))
    assert r.returncode == 2 and miscited.read_bytes() == before


def test_a_fix_that_cannot_be_placed_leaves_the_file_alone(tmp_path):
    from gaic_lint.model import Diagnostic, Fix, Location, Severity
    from gaic_lint.wordedit.edit import fixed_package

    data = (FIXTURES / "docx" / "000.docx").read_bytes()
    nowhere = Diagnostic("C104", "citation-number", Severity.ERROR, "x", Location(paragraph=30),
                         fix=Fix("x", "甲", "这段文字不在第30段"))
    new, made = fixed_package(data, [nowhere])
    assert (new, made) == (data, 0)
    assert zipfile.ZipFile(io.BytesIO(new)).testzip() is None
