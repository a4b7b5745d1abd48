"""outdated-template: table labels of the 2019 trial format in a report for 2021 or later."""

from __future__ import annotations

from ...model import Severity
from ...records import record
from ...text.normalize import norm_label, parse_number
from ..base import Rule, RuleMeta, Violation, quote


@record
class OutdatedLabel(Violation):
    code, name, severity = "S002", "outdated-template", Severity.ERROR
    template = "表格中的{quoted}是2019年试行格式的写法，2021年格式应为：{instead}"
    label: str
    instead: str

    def derived(self):
        return {"quoted": quote(self.label)}


class OutdatedTemplate(Rule):
    meta = RuleMeta(
        code="S002",
        name="outdated-template",
        summary="使用了2019年试行格式的表格",
        severity=Severity.ERROR,
        what="在2021年及以后的年度报告中，发现2019年试行格式（国办公开办函〔2019〕60号）才有的表格标签："
        "表二的“本年新制作数量”“上一年项目数量”“规范性文件”“第二十条第（九）项”等，或表三中只有一行的"
        "“（六）其他处理”。",
        why="国办公开办函〔2021〕30号调整了年度报告格式，2021年度起应使用新表格。沿用旧表格，数字的口径与新格式不同，"
        "也无法与其他机关的报告比较。",
        example="第二十条第（一）项\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
        use_instead="第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
    )

    violations = (OutdatedLabel,)

    def check(self, report, ctx):
        year = ctx.options.get("report_year") or report.year
        if year is not None and year < ctx.rulebook.template.first_year:
            return
        reported: set[str] = set()
        entries, matching = _entries(ctx.rulebook.outdated)
        # Old labels are not template labels: the reader's own tables are where they are found.
        for table in report.raw_tables:
            for row in table.rows:
                # Most rows are cells already seen, none of them an old label: told at once, not cell
                # by cell (a text not seen yet is None, one that matches nothing an empty list).
                known = [matching.get(cell.text) for cell in row]
                if None not in known and not any(known):
                    continue
                for index, cell in enumerate(row):
                    found = matching.get(cell.text)
                    if found is None:
                        found = self._matching(cell.text, entries)
                        if len(cell.text) <= _SHORT:
                            if len(matching) >= _REMEMBERED:
                                matching.clear()
                            matching[cell.text] = found
                    if not found:
                        continue
                    entry = self._outdated(cell.text, row[index + 1:], found)
                    if entry is None or entry.label in reported:
                        continue
                    reported.add(entry.label)
                    yield self.report(
                        OutdatedLabel(cell.text, entry.instead),
                        cell.location,
                        evidence=f"报告年度 {year or '未知'}；2021年格式见国办公开办函〔2021〕30号",
                        context=cell.text,
                    )

    @staticmethod
    def _matching(text, entries):
        """The entries (label, entry) whose label `text` is, or holds."""
        key = norm_label(text)
        if not key:
            return []
        return [(label, entry) for label, entry in entries if ((key == label) if entry.cell else (label in key))]

    @staticmethod
    def _outdated(text, rest, entries):
        key = norm_label(text)
        if not key:
            return None
        for label, entry in entries:
            if (key == label) if entry.cell else (label in key):
                if entry.with_numbers:
                    values = [c.text for c in rest if c.text.strip()]
                    if not values or any(parse_number(v) is None for v in values):
                        continue
                return entry
        return None


# The entries whose label a cell text matches, by text, for each rulebook's list of old labels (by
# its id; the list is kept in the entry, so the id is not reused): the cells of every report are the
# same labels and small numbers. Short texts only, and a bounded number of them.
_MATCHES: dict[int, tuple[list, list, dict[str, list]]] = {}
_SHORT = 100
_REMEMBERED = 4096


def _entries(outdated: list) -> tuple[list, dict[str, list]]:
    """(normalised label, entry) of each old label, and the answers of `_matching` so far."""
    hit = _MATCHES.get(id(outdated))
    if hit is not None and hit[0] is outdated and len(hit[1]) == len(outdated):
        return hit[1], hit[2]
    if len(_MATCHES) >= 8:
        _MATCHES.clear()
    entries = [(norm_label(e.label), e) for e in outdated]
    _MATCHES[id(outdated)] = (outdated, entries, {})
    return entries, _MATCHES[id(outdated)][2]
