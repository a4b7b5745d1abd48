"""The HTML review page (`--format html -o review.html`): written by the real command line for Word,
PDF, HTML and text reports, read back with lxml's HTML parser, and opened in a real headless Chromium
(Debian's chromium and chromium-driver, driven by Selenium) to check what a person sees."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import REAL_REPORTS, ROOT, SEEDS, run_cli, seed

REL_SEEDS = [str(p.relative_to(ROOT).as_posix()) for p in SEEDS]
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# seed 003, 表三 （一）予以公开 / 自然人 (line 105) changed from 18 to 19: table-balance locates it.
CHANGED_CELL = "表三 · （一）予以公开 · 自然人"
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def replace_line(text: str, lineno: int, new: str) -> str:
    lines = text.split("\n")
    lines[lineno - 1] = new
    return "\n".join(lines)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A supervisor's folder: a wrong table number, hostile text in a quoted paragraph, clean and
    warning-only reports, Word, PDF and HTML copies, and a file that cannot be read."""
    folder = tmp_path_factory.mktemp("batch") / "reports"
    folder.mkdir()
    (folder / "a-wrong-cell.txt").write_text(replace_line(seed("003").read_text(encoding="utf-8"), 105, "\t19"),
                                             encoding="utf-8")
    text = seed("000").read_text(encoding="utf-8")
    assert "依据省市区《2024年政务公开工作要点》" in text
    (folder / "b-hostile.txt").write_text(text.replace("依据省市区", "依据" + HOSTILE + "省市区"), encoding="utf-8")
    shutil.copy(seed("004"), folder / "c-warning.txt")
    shutil.copy(seed("002"), folder / "d-clean.txt")
    for fixture in ("docx/001.docx", "pdf/001.pdf", "html/000.html"):
        shutil.copy(ROOT / "fixtures" / fixture, folder / f"e-{fixture.replace('/', '-')}")
    (folder / "z-empty.txt").write_text("", encoding="utf-8")
    out = folder.parent / "review.html"
    r = run_cli("--format", "html", "--output", str(out), str(folder))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    return folder, out


def parse(path: Path):
    import lxml.html

    return lxml.html.fromstring(path.read_bytes())


def test_overview_lists_every_report(batch):
    folder, out = batch
    page = parse(out)
    files = sorted(str(p) for p in folder.iterdir())
    rows = page.xpath('//*[@id="overview"]//tbody/tr')
    assert len(rows) == len(files)
    sections = page.find_class("report")
    assert [s.get("data-file") for s in sections] == files
    verdicts = {s.get("data-file"): s.get("data-verdict") for s in sections}
    assert verdicts[str(folder / "d-clean.txt")] == "pass"
    assert verdicts[str(folder / "c-warning.txt")] == "pass"
    assert verdicts[str(folder / "a-wrong-cell.txt")] == "fail"
    assert verdicts[str(folder / "z-empty.txt")] == "fail"
    from urllib.parse import unquote

    for row, section in zip(rows, sections):
        inside, original = row.xpath(".//a/@href")
        assert inside == "#" + section.get("id")
        # the original file, relative to the page: page and folder move together
        assert not original.startswith("/") and (out.parent / unquote(original)).resolve() == Path(section.get("data-file"))
    first = rows[0].xpath("./td")
    assert [c.text_content().strip() for c in first[1:4]] == ["2023", "部门", "不通过"]
    assert first[0].text_content().startswith("山东省医疗保障局")


def test_page_is_self_contained_and_escapes_file_text(batch):
    _, out = batch
    text = out.read_text(encoding="utf-8")
    page = parse(out)
    # nothing to fetch: no external script, stylesheet, image or frame, and a policy forbidding it
    assert not page.xpath("//script[@src] | //link | //img | //iframe | //object | //embed")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "default-src 'none'" in text
    assert len(page.xpath("//script")) == 1, "only the page's own filtering script"
    assert HOSTILE not in text
    quoted = [q.text_content() for q in page.find_class("quote") if "alert(1)" in q.text_content()]
    assert quoted and HOSTILE in quoted[0], "the hostile text is shown as text"


def test_findings_grouped_by_part_with_quotes(batch):
    folder, out = batch
    page = parse(out)
    section = next(s for s in page.find_class("report") if s.get("data-file").endswith("b-hostile.txt"))
    parts = {p.get("data-part"): p for p in section.find_class("part")}
    assert set(parts) == {"4", "6"}
    assert parts["4"].xpath("./h3")[0].text_content().startswith("四、")
    codes = {p: [li.get("data-code") for li in part.find_class("finding")] for p, part in parts.items()}
    assert codes == {"4": ["T002"], "6": ["C104", "Y101", "Y101"]}
    for item in section.find_class("finding"):
        assert item.find_class("quote"), "each finding quotes its text"
    # Word, PDF and HTML findings are placed in their part too
    for name, part in (("e-docx-001.docx", "6"), ("e-pdf-001.pdf", "6"), ("e-html-000.html", "6")):
        other = next(s for s in page.find_class("report") if s.get("data-file").endswith(name))
        assert part in [p.get("data-part") for p in other.find_class("part")], name
        quotes = [q.text_content() for q in other.find_class("quote")]
        assert quotes and not any(re.search(r"</?(?:p|td|span)\b", q) for q in quotes), "the text, not the markup"


def test_tables_drawn_with_the_wrong_cell_and_blank_cells(batch):
    _, out = batch
    page = parse(out)
    section = next(s for s in page.find_class("report") if s.get("data-file").endswith("a-wrong-cell.txt"))
    hits = section.find_class("hit")
    assert [h.get("data-path") for h in hits] == [CHANGED_CELL]
    (hit,) = hits
    assert "sev-error" in hit.get("class").split()
    assert hit.text_content().startswith("19") and "应为 18" in hit.text_content()
    (finding,) = section.find_class("finding")
    assert hit.get("data-findings") == finding.get("id") and finding.get("data-code") == "T108"
    # drawn as the template grid: its row and column
    row = hit.getparent()
    assert row.xpath("./th")[0].text_content() == "（一）予以公开"
    header = row.getparent().getparent().xpath("./thead/tr/th")
    assert header[row.index(hit)].text_content() == "自然人"
    assert [f.get("data-table") for f in section.find_class("table")] == ["表二", "表三", "表四"]
    # 000's 表四 行政复议 cells are blank: each is marked, and the blank-cell finding highlights all five
    hostile = next(s for s in page.find_class("report") if s.get("data-file").endswith("b-hostile.txt"))
    blanks = [c.get("data-path") for c in hostile.find_class("blank")]
    assert [p for p in blanks if p.startswith("表四 · 行政复议")] == [
        f"表四 · 行政复议 · {c}" for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert {c.get("data-path") for c in hostile.find_class("hit")} == set(blanks[-5:])


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver; .ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="gaic-lint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def visible(elements) -> list:
    return [e for e in elements if e.is_displayed()]


def test_review_page_in_a_browser(batch, browser, tmp_path_factory):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    folder, out = batch
    browser.get(out.as_uri())
    assert browser.title == "政府信息公开工作年度报告检查结果"
    rows = browser.find_elements(By.CSS_SELECTOR, "#overview tbody tr")
    assert len(rows) == len(list(folder.iterdir())) and all(r.is_displayed() for r in rows)
    # the hostile quote stayed text: no element was made of it (an alert would also fail the next call)
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1

    # the wrong cell is visible, highlighted, under its column header and in its row
    cell = browser.find_element(By.CSS_SELECTOR, f'td.hit[data-path="{CHANGED_CELL}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    assert cell.is_displayed()
    table = cell.find_element(By.XPATH, "./ancestor::table[1]")
    row = cell.find_element(By.XPATH, "./parent::tr")
    index = row.find_elements(By.XPATH, "./*").index(cell)
    header = table.find_elements(By.CSS_SELECTOR, "thead th")[index]
    assert header.text == "自然人" and row.find_element(By.TAG_NAME, "th").text == "（一）予以公开"
    box, head_box = cell.rect, header.rect
    assert abs(box["x"] - head_box["x"]) < 1 and box["y"] > head_box["y"], "drawn below its column"
    assert cell.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert "应为 18" in cell.text
    shot_dir = tmp_path_factory.mktemp("screenshots")
    shot = shot_dir / "review-page.png"
    browser.save_screenshot(str(shot))
    cell.screenshot(str(shot_dir / "wrong-cell.png"))
    print(f"\nreview page screenshot: {shot}")
    assert shot.stat().st_size > 10_000

    # filtering: warnings off hides every warning and leaves errors; one rule shows only that rule
    form = browser.find_element(By.ID, "filters")
    assert form.is_displayed()
    findings = browser.find_elements(By.CSS_SELECTOR, ".finding")
    warnings = [f for f in findings if f.get_attribute("data-severity") == "warning"]
    assert warnings and all(f.is_displayed() for f in warnings)
    form.find_element(By.CSS_SELECTOR, 'input[value="warning"]').click()
    assert not visible(warnings)
    assert {f.get_attribute("data-severity") for f in visible(findings)} == {"error", "info"}
    form.find_element(By.CSS_SELECTOR, 'input[value="warning"]').click()
    Select(form.find_element(By.NAME, "rule")).select_by_value("Y101")
    assert {f.get_attribute("data-code") for f in visible(findings)} == {"Y101"}
    assert "off" in cell.get_attribute("class").split(), "a cell of a hidden finding is no longer highlighted"
    assert browser.find_element(By.ID, "filter-count").text.startswith(f"显示 {len(visible(findings))} / ")
    Select(form.find_element(By.NAME, "rule")).select_by_value("T108")
    assert "off" not in cell.get_attribute("class").split()
    browser.save_screenshot(str(shot_dir / "filtered-T108.png"))


def test_without_javascript_everything_shows(batch, browser):
    from selenium.webdriver.common.by import By

    _, out = batch
    # The same page with its script removed, as a browser with JavaScript off shows it.
    page = out.read_text(encoding="utf-8")
    stripped = out.with_name("review-nojs.html")
    stripped.write_text(re.sub(r"<script>.*?</script>", "", page, flags=re.S), encoding="utf-8")
    browser.get(stripped.as_uri())
    assert not browser.find_element(By.ID, "filters").is_displayed()
    findings = browser.find_elements(By.CSS_SELECTOR, ".finding")
    assert findings and all(f.is_displayed() for f in findings)


@pytest.mark.skipif(not REAL_REPORTS.is_dir(), reason="real reports not available beside the checkout")
def test_real_reports_review_page(tmp_path):
    paths = sorted(str(p) for p in (REAL_REPORTS / "text").glob("*.txt")) + \
        sorted(str(p) for p in (REAL_REPORTS / "pdf").glob("*.pdf"))
    out = tmp_path / "review.html"
    r = run_cli("--format", "html", "--output", str(out), *paths)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr
    page = parse(out)
    assert [s.get("data-file") for s in page.find_class("report")] == paths
    hits = page.find_class("hit")
    assert hits, "the real reports have table findings to highlight"
    findings = {li.get("id"): li for li in page.find_class("finding")}
    for hit in hits:
        for ident in hit.get("data-findings").split():
            # Cells are what table findings (T) and cross-year table findings (H) are about.
            assert findings[ident].get("data-code")[0] in "TH"


def test_baseline_hidden_findings_are_mentioned(tmp_path):
    base, out = tmp_path / "baseline.json", tmp_path / "review.html"
    assert run_cli("--write-baseline", str(base), REL_SEEDS[0]).returncode == 0
    run_cli("--baseline", str(base), "--format", "html", "--output", str(out), REL_SEEDS[0])
    totals = parse(out).find_class("totals")[0].text_content()
    assert "共 1 份报告：1 份通过" in totals and "另有 4 个已记录在基线中的问题未显示" in totals


def test_a_word_for_none_in_a_cell_is_drawn_as_a_blank_cell(tmp_path):
    text = seed("003").read_text(encoding="utf-8")
    report = tmp_path / "none-word.txt"
    report.write_text(replace_line(text, 105, "\t无"), encoding="utf-8")
    out = tmp_path / "review.html"
    run_cli("--format", "html", "--output", str(out), str(report))
    cells = [c for c in parse(out).find_class("blank") if c.get("data-path") == CHANGED_CELL]
    assert len(cells) == 1 and "hit" in cells[0].get("class").split()
    assert cells[0].text_content().startswith("（空无）")
