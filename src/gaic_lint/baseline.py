"""Baselines: accept today's findings, report only new ones.

`gaic-lint --write-baseline gaic-lint-baseline.json reports/` records every finding by fingerprint
(see `reporters/fingerprint.py`), with a count, because a report can contain the same mistake twice
and fixing one of them must not hide a third that appears later. `--baseline FILE` then hides, per
fingerprint, at most as many findings as were recorded.

Unreadable files (F001) are never recorded or hidden: a baseline cannot vouch for a file that was not
checked.

Version 2 records the fingerprint of each finding's kind and fields. A version 1 file (written by 0.1.0)
recorded the hash of the message; it is still read, and matched with `legacy_fingerprint`, so it keeps
hiding the same findings after the split of the old codes. `--write-baseline` always writes version 2.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter

from .model import Diagnostic
from .reporters.fingerprint import display_path, fingerprint, legacy_fingerprint
from .reporters.sanitize import clean

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
_NEVER_BASELINED = {"F001"}
_MAX_COUNT = 10 ** 9
# A baseline of a million findings is about 300 MB; a larger file is not one.
_MAX_BYTES = 512 * 1024 ** 2


class Accepted(Counter):
    """Fingerprint -> how many findings with it are accepted, and the format that computed them."""

    def __init__(self, counts=(), version: int = FORMAT_VERSION):
        super().__init__(counts)
        self.version = version

    def fingerprint(self, d: Diagnostic) -> str:
        return legacy_fingerprint(d) if self.version == 1 else fingerprint(d)


class BaselineError(Exception):
    """The baseline file cannot be used. The message is for the user, in Chinese."""


def _eligible(d: Diagnostic) -> bool:
    return d.code not in _NEVER_BASELINED


def build(results) -> dict:
    counts: Counter[str] = Counter()
    first: dict[str, Diagnostic] = {}
    for result in results:
        for d in result.diagnostics:
            if not _eligible(d):
                continue
            fp = fingerprint(d)
            counts[fp] += 1
            first.setdefault(fp, d)
    findings = []
    for fp, n in counts.items():
        d = first[fp]
        # code/file/message are for the person reviewing the baseline's diff; only fingerprint and
        # count are read back.
        findings.append({"fingerprint": fp, "count": n, "code": d.code, "rule": d.rule,
                         "file": clean(display_path(d.file)), "message": clean(d.message)})
    findings.sort(key=lambda f: (f["file"], f["code"], f["fingerprint"]))
    return {"tool": "gaic-lint", "version": FORMAT_VERSION, "findings": findings}


def write(path: str, results) -> int:
    """Write the baseline atomically; return the number of findings it records."""
    data = build(results)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".gaic-lint-baseline-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise BaselineError(f"无法写入基线文件 {path}：{exc.strerror or exc}") from None
    return sum(f["count"] for f in data["findings"])


def _parse_int(text: str) -> int:
    # A count is how many findings a fingerprint hides; more than a billion means "all of them", and
    # converting a 5,000-digit number would only hit Python's digit limit (or take quadratic time).
    return int(text) if len(text) <= 18 else (-1 if text.startswith("-") else _MAX_COUNT)


def load(path: str) -> Accepted:
    """Fingerprint -> how many findings with it are accepted. Any file that is not a baseline is one
    BaselineError (exit 2), never a traceback."""
    try:
        if os.stat(path).st_size > _MAX_BYTES:
            raise BaselineError(f"基线文件 {path} 超过 {_MAX_BYTES // 1024 ** 2} MB，不像是 gaic-lint 生成的基线")
        # utf-8-sig: Notepad on Windows saves UTF-8 with a byte-order mark.
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh, parse_int=_parse_int)
    except FileNotFoundError:
        raise BaselineError(f"基线文件 {path} 不存在（可先用 --write-baseline {path} 生成）") from None
    except OSError as exc:
        raise BaselineError(f"无法读取基线文件 {path}：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"基线文件 {path} 不是 UTF-8 文本，不是合法的 JSON") from None
    except RecursionError:
        raise BaselineError(f"基线文件 {path} 嵌套层次过深，不是 gaic-lint 生成的基线") from None
    except ValueError as exc:  # JSONDecodeError, and anything else the parser refuses
        raise BaselineError(f"基线文件 {path} 不是合法的 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "gaic-lint" or not isinstance(data.get("findings"), list):
        raise BaselineError(f"基线文件 {path} 不是 gaic-lint 生成的基线（缺少 tool 或 findings）")
    version = data.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        shown = repr(version)[:40]
        raise BaselineError(f"基线文件 {path} 的版本 {shown} 不受支持，请用 --write-baseline 重新生成")
    accepted = Accepted(version=data["version"])
    for i, entry in enumerate(data["findings"], 1):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"基线文件 {path} 第 {i} 条记录无效：应有字符串 fingerprint 和正整数 count")
        accepted[fp] = min(accepted[fp] + count, _MAX_COUNT)
    return accepted


def apply(results, accepted: Counter[str]) -> int:
    """Remove accepted findings from `results` in place; return how many were hidden."""
    of = accepted.fingerprint if isinstance(accepted, Accepted) else fingerprint
    remaining = Counter(accepted)
    hidden = 0
    for result in results:
        kept = []
        for d in result.diagnostics:
            if _eligible(d):
                fp = of(d)
                if remaining[fp] > 0:
                    remaining[fp] -= 1
                    hidden += 1
                    continue
            kept.append(d)
        result.diagnostics = kept
    return hidden
