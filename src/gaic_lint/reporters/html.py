"""The review page: one self-contained HTML file for a person checking a batch of reports.

An overview of every report (body, year, level, verdict, counts by rule family), then each report's
findings grouped by the part of the report they are in, each quoting the text it is about, and the
statistical tables drawn as the template grid with every cell a finding is about highlighted, the
value found and, where the table arithmetic says so, the value expected.

Everything comes from `FileResult.summary` and the findings (the Report tree, when a batch still holds
it, only lends the source line of plain-text findings). Everything that came from a file is escaped.
The page loads nothing: CSS and the small filtering script are inlined, and a Content-Security-Policy
forbids any fetch. Without JavaScript the filter form stays hidden and everything shows.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from functools import lru_cache
from string import Template

from ..model import Diagnostic, Severity
from ..paths import display_path, is_url
from .sanitize import clean
from .text import place
from .verdicts import CRITERION, fail_level, verdicts

_BREAK_REFS = {ord(c): f"&#{ord(c)};" for c in "\r\n\x85\u2028\u2029"}
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


@lru_cache(maxsize=1)
def _blanks() -> frozenset[str]:
    """What a cell may hold instead of a number and still be a blank cell (T002): the dashes, and the
    rulebook's words for "none" ("无")."""
    from ..rulebook import load
    from ..text.lexicon import BLANK_MARKS

    return frozenset({"", *BLANK_MARKS, *load().cells.none_words})
# table-balance states the value the other numbers imply at the end of its message.
_EXPECTED = re.compile(r"应为\s*(-?[\d.]+)\s*$")


def esc(text) -> str:
    # Line breaks become character references: the page shows the same, and no line of its source
    # starts with text from a document (a log that prints the file cannot be fed a workflow command).
    escaped = html.escape(clean("" if text is None else str(text)), quote=True)
    return escaped.translate(_BREAK_REFS)


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    from importlib.resources import files

    return (files("gaic_lint.reporters") / "review" / name).read_text(encoding="utf-8")


def expected_value(d: Diagnostic) -> str | None:
    """The value a table cell should hold, when the finding says so."""
    match = _EXPECTED.search(d.message)
    return match.group(1) if match else None


# ---------------------------------------------------------------- where a finding is

def part_of(d: Diagnostic, summary) -> int | None:
    """The number of the part a finding is in (0: before the first part), None when it is about the
    whole file. A cell belongs to its table's part; other findings are placed by the paragraph they
    quote, or by line, paragraph number or page."""
    if summary is None:
        return None
    loc = d.location
    if loc.cell_path:
        name = loc.cell_path.split(" · ", 1)[0]
        number = _NUMERALS.get(name[-1:])
        if number is not None:
            return number
    paragraphs = summary.paragraphs
    if d.context:
        for number, text, _ in paragraphs:
            if text == d.context:
                return number
    for key in ("line", "paragraph", "page"):
        value = getattr(loc, key)
        if value is None:
            continue
        found = None
        for number, _, where in paragraphs:
            start = getattr(where, key)
            if start is not None and start <= value:
                found = number
        if found is not None or any(getattr(w, key) is not None for _, _, w in paragraphs):
            return found
    return None


def _quote(d: Diagnostic, result) -> str:
    """The quoted text as HTML, with the character the finding points at marked when known."""
    loc = d.location
    text, at = None, None
    # A batch keeps, instead of the tree, the source lines its findings point at.
    line = result.source_line(loc.line) if loc.line is not None else None
    summary = result.summary
    # The paragraph a reader quoted (Word, PDF, HTML) beats the raw source line (HTML markup);
    # plain text has only its lines.
    if d.context and loc.offset is not None:
        text, at = d.context, loc.offset
    elif line is not None:
        text, at = line, (loc.column - 1 if loc.column else None)
    elif d.context:
        text, at = d.context, loc.offset
    elif summary is not None and loc.line is not None and not loc.cell_path:
        for _, para, where in summary.paragraphs:
            if where.line == loc.line:
                text, at = para, (loc.column - 1 if loc.column else None)
    if not text or not text.strip():
        return ""
    text = text.rstrip("\n")
    start, width = 0, 160
    if len(text) > width:
        start = 0 if at is None else max(0, min(at - width // 3, len(text) - width))
    piece = text[start:start + width]
    head = "…" if start else ""
    tail = "…" if start + width < len(text) else ""
    if at is not None and start <= at < start + len(piece):
        i = at - start
        body = esc(piece[:i]) + "<mark>" + esc(piece[i]) + "</mark>" + esc(piece[i + 1:])
    else:
        body = esc(piece)
    return f'<blockquote class="quote">{head}{body}{tail}</blockquote>'


# ---------------------------------------------------------------- pieces of the page

def _finding_html(d: Diagnostic, ident: str, result) -> str:
    sev = d.severity.value
    where = clean(place(d)).replace(clean(d.file), "", 1).lstrip(":") if d.file else clean(place(d))
    rows = [f'<li class="finding sev-{sev}" id="{ident}" data-severity="{sev}" data-code="{esc(d.code)}">',
            f'<span class="badge sev-{sev}">{d.severity.zh}</span><span class="code">{esc(d.code)}</span> '
            f'<span class="rule">{esc(d.rule)}</span>',
            f'<p class="message">{esc(d.message)}</p>']
    details = [esc(x) for x in (where, d.location.cell_path) if x]
    if details:
        rows.append(f'<p class="place">位置：{"，".join(details)}</p>')
    rows.append(_quote(d, result))
    if d.evidence:
        rows.append(f'<p class="evidence">依据：{esc(d.evidence)}</p>')
    rows.append("</li>")
    return "\n".join(r for r in rows if r)


def _cell_refs(table, numbered: list[tuple[str, Diagnostic]]) -> dict[str, list[tuple[str, Diagnostic]]]:
    """Cell path → the findings about that cell: the cell a finding points at, and every cell of
    this table its evidence names (a blank-row finding lists each blank cell)."""
    paths = {table.cell_path(row.label, column) for row in table.rows for column in table.columns}
    refs: dict[str, list[tuple[str, Diagnostic]]] = {}
    for ident, d in numbered:
        named = {d.location.cell_path} if d.location.cell_path in paths else set()
        if d.evidence and table.name in d.evidence:
            named |= {p for p in paths if f"{p}：" in d.evidence}
        for path in named:
            refs.setdefault(path, []).append((ident, d))
    return refs


def _table_html(table, numbered: list[tuple[str, Diagnostic]]) -> str:
    refs = _cell_refs(table, numbered)
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for column, text in zip(table.columns, row.cells):
            path = table.cell_path(row.label, column)
            found = refs.get(path, [])
            classes, content = [], esc(text)
            if text is None:
                classes.append("na")
                content = ""
            elif text.strip() in _blanks():
                classes.append("blank")
                content = f"（空{esc(text.strip())}）" if text.strip() else "（空）"
            attrs = f' data-path="{esc(path)}"'
            if found:
                worst = max((d for _, d in found), key=lambda d: d.severity.rank)
                classes += ["hit", f"sev-{worst.severity.value}"]
                attrs += f' data-findings="{" ".join(i for i, _ in found)}"'
                attrs += f' title="{esc("；".join(f"{d.code} {d.message}" for _, d in found))}"'
                expected = next((v for v in (expected_value(d) for _, d in found) if v), None)
                if expected is not None:
                    content += f'<span class="expected">应为 {esc(expected)}</span>'
                content += "".join(f'<a class="ref" href="#{i}">[{i.rsplit("-", 1)[-1]}]</a>' for i, _ in found)
            cls = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{cls}{attrs}>{content}</td>")
        body.append(f'<tr><th scope="row">{esc(row.label)}</th>{"".join(cells)}</tr>')
    return (f'<figure class="table" data-table="{esc(table.name)}"><figcaption><h4>{esc(table.name)} '
            f'{esc(table.title)}</h4></figcaption><div class="grid-wrap"><table class="grid">'
            f'<thead><tr><th scope="col">行</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
            f'</div></figure>')


_LEGEND = ('<p class="legend">图例：<span class="hit-sample" style="outline:2px solid var(--error)">有问题的单元格'
           '</span><span style="background:#fffbea">（空）未填写</span>'
           '<span class="na" style="background:#eaeef2">模板中无此格</span>“应为”是按表内其他数字推算的值。</p>')


def _report_html(index: int, result, verdict) -> str:
    summary = result.summary
    anchor = f"r{index}"
    title = verdict.agency or display_path(result.path)
    year = f"{verdict.year} 年度" if verdict.year else ""
    cls = "pass" if verdict.passed else "fail"
    out = [f'<section class="report" id="{anchor}" data-verdict="{cls}" data-file="{esc(display_path(result.path))}">',
           f'<h2>{esc(title)} {esc(year)}<span class="verdict {cls}">{verdict.verdict}</span></h2>',
           '<dl class="meta">', f"<dt>文件</dt><dd>{esc(display_path(result.path))}</dd>"]
    for label, value in (("标题", verdict.title), ("层级", verdict.level),
                         ("发布日期", summary.published if summary else None)):
        if value:
            out.append(f"<dt>{label}</dt><dd>{esc(value)}</dd>")
    if verdict.unreadable:
        out.append("<dt>状态</dt><dd>无法读取</dd>")
    out.append("</dl>")
    numbered = [(f"{anchor}-f-{i}", d) for i, d in enumerate(result.diagnostics, 1)]
    if not numbered:
        out.append('<p class="none">未发现问题。</p>')
    groups: dict[int | None, list[tuple[str, Diagnostic]]] = {}
    for ident, d in numbered:
        groups.setdefault(part_of(d, summary), []).append((ident, d))
    headings = dict(summary.parts) if summary is not None else {}
    for number in sorted(groups, key=lambda n: -1 if n is None else n):
        if number is None:
            heading = "整个文件"
        elif number == 0:
            heading = "标题与正文之前"
        else:
            numeral = "一二三四五六七八九十"[number - 1] if number <= 10 else str(number)
            heading = headings.get(number) or ""
            if not heading.startswith(numeral):
                heading = f"{numeral}、{heading}" if heading else f"第{numeral}部分"
        items = "\n".join(_finding_html(d, ident, result) for ident, d in groups[number])
        out.append(f'<section class="part" data-part="{"" if number is None else number}">'
                   f'<h3>{esc(heading)}</h3><ol class="findings">\n{items}\n</ol></section>')
    if summary is not None and summary.tables:
        out.append("<h3>统计表</h3>" + _LEGEND)
        out.extend(_table_html(t, numbered) for t in summary.tables)
    out.append("</section>")
    return "\n".join(out)


def _file_link(path: str, options: dict) -> str:
    """A link to the original file, relative to where the page is written, so that the page and the
    folder of reports can be moved (or archived by CI) together."""
    import os
    from urllib.parse import quote

    if is_url(path):
        shown = display_path(path)
        return f'<a class="file" href="{esc(shown)}">{esc(shown)}</a>'
    base = os.path.dirname(os.path.abspath(options["output"])) if options.get("output") else os.getcwd()
    try:
        target = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        target = os.path.abspath(path)
    href = quote(clean(target).replace(os.sep, "/"), safe="/")
    return f'<a class="file" href="{esc(href)}">{esc(display_path(path))}</a>'


def _family(code: str) -> str:
    return code.rstrip("0123456789")


def _overview(results, found, options: dict) -> str:
    rules = options.get("rules")
    families = sorted({_family(m.code) for m in rules or []} | {_family(d.code) for r in results for d in r.diagnostics})
    names: dict[str, list[str]] = {}
    for meta in rules or []:
        names.setdefault(_family(meta.code), []).append(f"{meta.code} {meta.name}")
    fam_head = "".join(f'<th scope="col" class="num" title="{esc("、".join(names.get(f, [])))}">{esc(f)}</th>'
                       for f in families)
    rows = []
    for index, (result, v) in enumerate(zip(results, found), 1):
        per = Counter(_family(d.code) for d in result.diagnostics)

        def num(n: int) -> str:
            return f'<td class="num{" zero" if not n else ""}">{n}</td>'

        cls = "pass" if v.passed else "fail"
        who = v.agency or ("（无法读取）" if v.unreadable else "（未识别）")
        rows.append(
            f'<tr data-verdict="{cls}"><td><a href="#r{index}">{esc(who)}</a>'
            f'<br><small>{_file_link(result.path, options)}</small></td><td>{esc(v.year or "—")}</td>'
            f'<td>{esc(v.level or "—")}</td><td class="verdict {cls}">{v.verdict}</td>'
            + "".join(num(v.counts.get(s, 0)) for s in Severity) + "".join(num(per[f]) for f in families) + "</tr>")
    sev_head = "".join(f'<th scope="col" class="num">{s.zh}</th>' for s in Severity)
    return (f'<table><thead><tr><th scope="col">机关与文件</th><th scope="col">年度</th><th scope="col">层级</th>'
            f'<th scope="col">结论</th>{sev_head}{fam_head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>"
            + f'<p class="legend">字母列为各规则族的问题数：{_family_legend(families, names)}。</p>')


# What a family letter stands for, for the overview's legend; a family not listed here (a plugin's)
# is explained by its rules' names.
_FAMILY_NAMES = {"C": "引用文号", "F": "文件", "P": "标点", "S": "结构", "T": "表格", "W": "用语",
                 "X": "正文与表格", "Y": "年份"}


def _family_legend(families: list[str], names: dict[str, list[str]]) -> str:
    return "，".join(f"{esc(f)} {esc(_FAMILY_NAMES.get(f) or '、'.join(names.get(f, [])) or f)}" for f in families)


def render_page(results, options: dict | None = None) -> str:
    from .. import __version__

    options = options or {}
    level = fail_level(options)
    found = verdicts(results, level)
    passed = sum(1 for v in found if v.passed)
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    totals = (f"共 {len(found)} 份报告：{passed} 份通过，{len(found) - passed} 份不通过；"
              + "，".join(f"{counts.get(s, 0)} 个{s.zh}" for s in Severity) + "。")
    if options.get("baseline_hidden"):
        totals += f"另有 {options['baseline_hidden']} 个已记录在基线中的问题未显示。"
    boxes = "\n".join(f'<label><input type="checkbox" name="severity" value="{s.value}" checked> {s.zh}</label>'
                      for s in Severity)
    codes = sorted({(d.code, d.rule) for r in results for d in r.diagnostics})
    rule_options = "\n".join(f'<option value="{esc(c)}">{esc(c)} {esc(n)}</option>' for c, n in codes)
    reports = "\n".join(_report_html(i, r, v) for i, (r, v) in enumerate(zip(results, found), 1))
    return Template(_asset("page.html")).substitute(
        title="政府信息公开工作年度报告检查结果", version=esc(__version__), totals=esc(totals),
        criterion=esc(CRITERION[level]), severity_boxes=boxes, rule_options=rule_options,
        overview=_overview(results, found, options), reports=reports,
        css=_asset("review.css"), js=_asset("review.js"))


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    stream.write(render_page(results, options))
