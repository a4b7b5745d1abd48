"""batch-copy: two reports of different bodies in one batch share long narrative passages."""

from __future__ import annotations

import math

from ...agency import body_key, same_body
from ...batchrules import BatchItem, BatchRule
from ...model import Location, Severity
from ...passages import Folded, Index, fold, quote, shared_passages, shingles
from ...records import record
from ...rulebook.schema import CopySettings
from ..base import RuleMeta

_TEMPLATE_HASHES: dict[tuple, frozenset[int]] = {}


def _template_hashes(settings: CopySettings) -> frozenset[int]:
    key = (settings.template, settings.shingle)
    if key not in _TEMPLATE_HASHES:
        _TEMPLATE_HASHES[key] = frozenset(
            h for sentence in settings.template for _, h in shingles(fold(sentence), settings.shingle))
    return _TEMPLATE_HASHES[key]


@record
class Narrative:
    """A report's narrative parts as one text, paragraphs separated by line breaks, with where each
    paragraph starts in that text and in the report."""

    item: BatchItem
    agency: str
    folded: Folded
    starts: tuple[int, ...]
    locations: tuple[Location, ...]

    def location_at(self, offset: int) -> Location:
        import bisect

        return self.locations[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def narrative(item: BatchItem, parts: tuple[int, ...], folds: dict[str, Folded] | None = None) -> Narrative:
    """`folds` (text -> its fold) lets reports with the same narrative share one fold, and so their
    hashed shingles and the passages found in them."""
    summary = item.summary
    texts, starts, locations = [], [], []
    at = 0
    for part, text, location in summary.paragraphs:
        if part in parts:
            texts.append(text)
            starts.append(at)
            locations.append(location)
            at += len(text) + 1
    joined = "\n".join(texts)
    folded = folds.get(joined) if folds is not None else None
    if folded is None:
        folded = fold(joined)
        if folds is not None:
            folds[joined] = folded
    return Narrative(item, summary.agency or "", folded, tuple(starts), tuple(locations))


def _name(text: Narrative) -> str:
    from pathlib import Path

    return f"“{text.agency}”的报告（{Path(text.item.path).name}）"


class BatchCopy(BatchRule):
    meta = RuleMeta(
        code="B001",
        name="batch-copy",
        summary="与同批其他单位的报告有大段相同的叙述",
        severity=Severity.WARNING,
        what="同一批检查的报告中，两个不同单位的报告在“总体情况”“存在的主要问题及改进情况”“其他需要报告的事项”"
        "中有长段相同的文字（模板用语、表格和数字不计）。",
        why="年度报告应如实反映本单位当年的工作；照抄其他单位的叙述，是上级考核和第三方评估扣分的常见情形，"
        "也常把对方的情况错当成本单位的情况写进报告。",
        example="两个局的报告都写有“全年围绕优化营商环境、重大建设项目、公共资源配置等重点领域，"
        "在门户网站集中公开……”的同一大段文字。",
        use_instead="按本单位当年实际开展的工作、遇到的问题和改进措施重新撰写这几部分。",
    )

    def check_batch(self, items, ctx):
        settings = ctx.rulebook.batch.batch_copy
        if sum(1 for item in items if not item.history_only) < 2:
            return  # a single report: nothing to compare it with, and folding its text costs
        folds: dict[str, Folded] = {}
        texts = [text for text in (narrative(item, settings.parts, folds) for item in items if not item.history_only)
                 if text.agency]
        index = Index(settings.shingle, settings.sample_every)
        for text in texts:
            index.add(text.folded, body_key(text.agency, ctx.rulebook.agency))
        bodies = len(set(index.keys))
        common = index.common(max(2, math.ceil(settings.common_share * bodies)))
        ignore = common | _template_hashes(settings)
        # The same narrative twice in a batch (a report copied under two names) is compared once.
        compared: dict[tuple[int, int], list] = {}
        bodies_differ: dict[tuple[str, str], bool] = {}
        for i, j in index.candidates(settings.min_shared_samples, common):
            a, b = texts[i], texts[j]
            differ = bodies_differ.get((a.agency, b.agency))
            if differ is None:
                differ = bodies_differ[a.agency, b.agency] = not same_body(a.agency, b.agency, ctx.rulebook.agency)
            if not differ:
                continue
            pair = (id(a.folded), id(b.folded))
            found = compared.get(pair)
            if found is None:
                found = compared[pair] = shared_passages(a.folded, b.folded, settings.shingle,
                                                         settings.min_length, ignore)
            for p in sorted(found, key=lambda p: -p.length)[: settings.findings_per_pair]:
                yield self._finding(a, b, p.a_start, p.a_end, p.length)
                yield self._finding(b, a, p.b_start, p.b_end, p.length)

    def _finding(self, this: Narrative, other: Narrative, start: int, end: int, length: int):
        text = this.folded.source
        d = self.diagnostic(
            f"这段叙述与同批{_name(other)}相同（约 {length} 字）：“{quote(text, start, end)}”，"
            f"请按本单位的实际情况撰写",
            this.location_at(start), evidence=other.item.path,
            context=" ".join(text[start:end].split())[:300])
        d.file = this.item.path
        return d
