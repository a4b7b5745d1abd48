"""Narrative copied from last year's report of the same body (内容雷同), and tables re-published with
last year's figures."""

from __future__ import annotations

from ...batchrules import BatchRule
from ...history.figures import name_of, number
from ...history.pairing import pairs
from ...history.reuse import Text, copied, sentences, strip, told, windows
from ...model import Location, Severity
from ...records import replace
from ...rulebook.schema import ReuseSettings
from ..base import RuleMeta, quote

# Parts judged on their own; the prose around the tables of 二–四 is judged as one.
_GROUPS = (((1,), "第一部分"), ((2, 3, 4), "第二至四部分的文字"), ((5,), "第五部分"), ((6,), "第六部分"))


def settings(ctx) -> ReuseSettings:
    out = ctx.rulebook.cross_year.text_reuse
    if ctx.options.get("reuse_threshold") is not None:
        out = replace(out, threshold=ctx.options["reuse_threshold"])
    return out


_FIXED: dict[int, tuple[object, tuple[str, ...]]] = {}


def fixed_wording(book) -> tuple[str, ...]:
    """The template's own words (part titles, table labels) and its standard sentences."""
    hit = _FIXED.get(id(book))
    if hit is None or hit[0] is not book:
        hit = _FIXED[id(book)] = (book, _fixed_for(book))
    return hit[1]


def _fixed_for(book) -> tuple[str, ...]:
    phrases = set(book.cross_year.text_reuse.template)
    for part in book.parts:
        phrases.add(part.title)
        phrases.update(part.variants)
    for spec in book.tables.values():
        phrases.add(spec.title)
        for item in [*spec.columns, *spec.rows]:
            phrases.update([item.label, *item.aliases])
            if item.group:
                phrases.add(item.group)
    # Longest first, so that a label inside a longer label does not leave the rest behind.
    return tuple(sorted((p for p in phrases if len(p) >= 2), key=len, reverse=True))


def _excerpt(paragraphs, text: Text, start: int, end: int) -> str:
    (p0, o0), (p1, o1) = text.place(start), text.place(end - 1)
    source = paragraphs[p0][0]
    return source[o0:(o1 + 1 if p1 == p0 else len(source))]


def _where(location: Location) -> str:
    return f"第 {location.line} 行" if location and location.line else (location.describe() if location else "")


class TextReuse(BatchRule):
    meta = RuleMeta(
        code="H003",
        name="text-reuse",
        summary="正文大段照搬上年报告",
        severity=Severity.WARNING,
        what="把本年报告第一、五、六部分及第二至四部分表格以外的文字，与同一机关上年报告比较："
             "去掉模板固定用语、表格标签、数字和日期后，某一部分有一半以上（可用 reuse-threshold 配置）"
             "的文字落在与上年相同的连续 13 字以上的段落里，即报告。只有一两句话的部分不单独判断。"
             "第五部分的改进措施逐字照搬上年的，无论比例多少都报告；三张表的数字与上年完全相同的，也报告。",
        why="《政府信息公开工作年度报告格式》的通知（国办公开办函〔2021〕30号）把“内容雷同、敷衍塞责”列为追责情形；"
            "不少考核对“与上年度重复率大于50%”扣分。",
        example="2024年报告第五部分：“一是扎实推进依申请公开工作，全面梳理和优化工作流程……”与2023年报告逐字相同。",
        use_instead="按本年度的实际工作重写：写本年新做的事、新发现的问题和针对它们的措施，并说明上年措施的落实情况。",
    )

    def check_batch(self, items, ctx):
        conf = settings(ctx)
        fixed = fixed_wording(ctx.rulebook)
        found = pairs(items)
        stripped: dict[str, tuple[list, list[int], Text]] = {}

        def narrative(item, parts):
            """(every paragraph of parts 一–六, the indexes of those in `parts`, their stripped text)."""
            # Each report is stripped once; the parts being in order, a part's text is a slice of it.
            if item.path not in stripped:
                rows = [(n, t, w) for n, t, w in item.summary.paragraphs if 1 <= n <= 6]
                stripped[item.path] = ([(t, w) for _, t, w in rows], [n for n, _, _ in rows],
                                       strip([t for _, t, _ in rows], fixed))
            paragraphs, numbers, text = stripped[item.path]
            inside = [i for i, n in enumerate(numbers) if n in parts]
            if not inside:
                return paragraphs, inside, Text("", ())
            return paragraphs, inside, text.slice(range(inside[0], inside[-1] + 1))

        for item in items:
            previous = found.get(item.path)
            if previous is None:
                continue
            yield from self._check_pair(item, previous, conf, narrative, fixed)
            yield from self._same_tables(item, previous, conf)

    def _check_pair(self, item, previous, conf, narrative, fixed):
        size = conf.min_run
        old_paragraphs, _, old = narrative(previous, (1, 2, 3, 4, 5, 6))
        known = windows(old, size)
        for parts, label in _GROUPS:
            paragraphs, inside, text = narrative(item, parts)
            if told(text, conf.min_sentence_chars) < conf.min_sentences:
                continue
            share, runs = copied(text, known, size)
            if share >= conf.threshold and runs:
                yield self._finding(item, previous, label, paragraphs, text, old_paragraphs, old, runs, conf,
                                    f"{label}有 {share:.0%} 的文字与上年报告（{name_of(previous.path)}）相同"
                                    f"（去掉数字和模板固定用语后，按连续 {size} 字以上相同计），超过 "
                                    f"{conf.threshold:.0%}")
            elif parts == (5,):
                yield from self._measures(item, previous, paragraphs, inside, text, narrative(previous, (5,)), conf)

    def _measures(self, item, previous, paragraphs, inside, text, last_five, conf):
        texts = [paragraphs[i][0] for i in inside]
        begin = next(((inside[i], o) for i, o, s in sentences(texts) if any(w in s for w in conf.measure_starts)),
                     None)
        if begin is None or not text.chars:
            return
        start = text.start_of(*begin)
        old_five, _, old = last_five
        _, runs = copied(text, windows(old, conf.min_run), conf.min_run)
        same = [r for r in runs if r.start >= start and r.end - r.start >= conf.min_measure]
        if not same:
            return
        run = same[0]
        here = paragraphs[text.place(run.start)[0]][1]
        there = old_five[old.place(run.other)[0]][1]
        d = self.diagnostic(
            f"第五部分的改进措施有 {len(same)} 段与上年报告（{name_of(previous.path)}）逐字相同，最长的是"
            f"{quote(_excerpt(paragraphs, text, run.start, run.end), 80)}（上年报告{_where(there)}）："
            f"请写本年针对新问题的措施，并说明上年措施落实得怎样",
            here, evidence=f"上年报告 {previous.path} {_where(there)}".strip())
        d.file = item.path
        yield d

    def _finding(self, item, previous, label, paragraphs, text, old_paragraphs, old, runs, conf, lead):
        quoted = []
        for run in runs[: conf.quotes]:
            here = paragraphs[text.place(run.start)[0]][1]
            there = old_paragraphs[old.place(run.other)[0]][1]
            quoted.append(f"{quote(_excerpt(paragraphs, text, run.start, run.end), 50)}"
                          f"（本报告{_where(here)}，上年报告{_where(there)}）")
        first = paragraphs[text.place(runs[0].start)[0]][1]
        d = self.diagnostic(f"{lead}；最长的相同段落：{'；'.join(quoted)}。请按本年度的实际情况重写",
                            first, evidence=f"上年报告 {previous.path}")
        d.file = item.path
        return d

    def _same_tables(self, item, previous, conf):
        compared = nonzero = 0
        for table in item.summary.tables:
            old = previous.summary.table(table.name)
            if old is None or len(old.rows) != len(table.rows):
                continue
            # Both summaries follow the rulebook's rows in its order.
            for row, old_row in zip(table.rows, old.rows):
                for now, then in zip(row.cells, old_row.cells):
                    if now != then:
                        a, b = number(now), number(then)
                        if a is not None and b is not None and a != b:
                            return  # one figure differs: the tables were filled again
                    elif now and (now.isdigit() or number(now) is not None):
                        compared += 1
                        nonzero += number(now) != 0
        first = next((w for t in item.summary.tables for r in t.rows for w in r.locations if w is not None), None)
        if compared and nonzero >= conf.min_nonzero_cells:
            d = self.diagnostic(
                f"表二、表三、表四的 {compared} 个数字与上年报告（{name_of(previous.path)}）完全相同"
                f"（其中 {nonzero} 个不为 0）：请确认填的是本年度的数据",
                first or Location(), evidence=f"上年报告 {previous.path}")
            d.file = item.path
            yield d

