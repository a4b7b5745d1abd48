"""Last year's reports and publication dates: --previous, --published, --manifest and the configuration's
`history` folders."""

from __future__ import annotations

import os
import sys


def history_config(args, config) -> None:
    if args.published:
        # Imported only here: the dates module brings csv, and most runs give no date.
        from ..config import ConfigError
        from ..history.dates import parse_date

        if parse_date(args.published) is None:
            raise ConfigError(f"--published 应为 YYYY-MM-DD 格式的日期，不是“{args.published}”")
        config.published = parse_date(args.published).isoformat()
    if args.manifest:
        config.manifest = os.path.realpath(args.manifest)


def history_items(args, config, linter, results) -> list:
    """Last year's reports named by --previous and the config's `history` folders, read (not checked)
    for the cross-year rules; the pairing each checked report got is kept on its result, and the
    reports that had none are counted on stderr."""
    import os

    from ..batchrules import BatchItem, BatchRule
    from ..history.pairing import pairs, unpaired
    from ..model import InputError
    from ..paths import expand_paths
    from ..summary import summarize

    if not any(isinstance(rule, BatchRule) for rule in linter.rules):
        return []  # nothing compares reports: last year's are not even read
    checked = {os.path.abspath(r.path) for r in results}
    paths = ([args.previous] if args.previous else []) + (expand_paths(config.history) if config.history else [])
    history = []
    for path in paths:
        if os.path.abspath(path) in checked or not os.path.isfile(path):
            continue
        try:
            history.append(BatchItem(path, summarize(linter.parse(path)), history_only=True))
        except InputError as exc:
            sys.stderr.write(f"gaic-lint: 往年报告 {path} 无法读取，未用于比较：{exc.message}\n")
    items = [BatchItem(r.path, result=r) for r in results if r.has_summary] + history
    found = pairs(items)
    for r in results:
        r.previous = found[r.path].path if r.path in found else None
    if args.previous and not any(item.path == args.previous for item in found.values()):
        sys.stderr.write(f"gaic-lint: --previous 指定的 {args.previous} 不是同一机关上一年度的报告"
                         f"（按标题中的机关和年度判断），未做跨年度比较\n")
    missing = unpaired(items, found)
    if found and missing:
        sys.stderr.write(f"gaic-lint: {missing} 个报告没有找到同一机关上一年度的报告，跨年度规则未检查它们\n")
    return history

