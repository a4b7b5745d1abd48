"""Configuration: `gaic-lint.toml`, or `[tool.gaic-lint]` in `pyproject.toml`, found upward from the
current folder; command-line options override it.

    select = ["S", "T", "year-reference"]     # codes, code prefixes (families) or rule names; "ALL"
    ignore = ["T002"]
    rulebook = ["our-documents.toml"]         # extra rulebook packs, relative to the config file
    report-year = 2025                        # when titles do not say
    history = ["../往年报告"]                  # folders searched for last year's reports (not checked)
    manifest = "发布清单.csv"                   # file → published date and level (CSV or TOML)
    reuse-threshold = 0.5                      # text-reuse: share of a part copied from last year
    per-file-ignores = { "草稿/*" = ["W002"] }
    [severity]
    table-blank-cell = "error"
    [levels]                                   # level per body name or file pattern
    "平潭综合实验区" = "本级政府"

The codes and rule names of 0.1.0 that now cover several kinds (S001 six-sections, T001 table-balance,
T003 table-structure; see `codes.py`) stand for all of their kinds in `select` and `ignore`. In
`[severity]`, an old name re-grades the kinds its user was grading (`codes.SEVERITY_ALIASES`): all of
them, except that `six-sections` (S001) re-grades the title and order findings and leaves a missing part
an error unless it is named itself (`missing-part = "warning"`): a missing part makes the report
incomplete, which a setting written to quieten title findings was never meant to accept.
"""

from __future__ import annotations

import codecs
import math
import os
import sys

from .codes import expand, expand_severity
from .model import Severity
from .records import field, record

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from .readers.registry import ReaderOptions

def _toml():
    # Imported on first use: a run with no configuration file reads no TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib

# Upper bounds of the limits: past them a value is a slip (a size in bytes given in MB the other way
# round, a timeout in milliseconds) or would overflow the system calls it goes to (setitimer, setrlimit).
_LIMIT_MAX = {"max-file-size": 1 << 40, "max-part-size": 1 << 40, "max-pages": 1_000_000,
              "timeout": 7 * 24 * 3600, "memory-limit": 1 << 24}
# Below this many MB a worker process cannot even start Python.
_MEMORY_MIN = 64
# Years a report can be for: the regulation dates from 2007; a five-digit year is a typing slip.
_YEARS = (2000, 2100)
CONFIG_NAMES = ("gaic-lint.toml", ".gaic-lint.toml")
_KNOWN = {"select", "ignore", "extend-select", "severity", "rulebook", "report-year", "encoding",
          "max-file-size", "max-part-size", "max-pages", "timeout", "exclude", "fail-on", "per-file-ignores",
          "memory-limit", "history", "manifest", "reuse-threshold", "levels"}


class ConfigError(Exception):
    pass


@record(frozen=False)
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rulebook: list[str] = field(default_factory=list)
    report_year: int | None = None
    encoding: str | None = None
    max_file_size: int = 100 * 1024 * 1024
    max_part_size: int = 50 * 1024 * 1024
    max_pages: int = 500
    timeout: float = 60.0
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    source: str | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    # Address-space ceiling of each batch worker process, in MB (`--jobs` above 1).
    memory_limit: int = 2048
    # Cross-year and publication rules (history/): folders of earlier reports, the publication manifest,
    # a publication date for the run, levels set by hand, the text-reuse threshold.
    history: list[str] = field(default_factory=list)
    manifest: str | None = None
    published: str | None = None
    levels: dict[str, str] = field(default_factory=dict)
    reuse_threshold: float | None = None

    @staticmethod
    def _matches(selector: str, code: str, name: str) -> bool:
        s = selector.strip()
        return (s.upper() == "ALL" or s == name or (bool(s) and code.upper().startswith(s.upper()))
                or code in expand(s))

    def enabled(self, meta) -> bool:
        return self.code_enabled(meta.code, meta.name)

    def code_enabled(self, code: str, name: str) -> bool:
        if not any(self._matches(s, code, name) for s in self.select):
            return False
        return not any(self._matches(s, code, name) for s in self.ignore)

    def severity_for(self, rule: str, code: str) -> Severity | None:
        """The configured level of one kind: set by its own name or code, or by an old name that
        re-grades it (see the module's docstring)."""
        own = self.severity.get(rule) or self.severity.get(code)
        if own is not None:
            return own
        return next((level for key, level in self.severity.items() if code in expand_severity(key)), None)

    def check_severity_keys(self, metas) -> None:
        """A ConfigError when a `[severity]` key of the configuration file names no rule, kind or code
        of `metas` (the run's rules with their plugins) nor an old name: a typo there would leave the
        level silently unchanged. A code in lower case is taken as the code."""
        from .codes import expand_severity

        if not self.source:
            return  # a Config built in code may grade rules it runs itself
        known = {m.code for m in metas} | {m.name for m in metas} | {m.rule for m in metas if m.rule}
        codes = {m.code.upper(): m.code for m in metas}
        unknown = []
        for key in list(self.severity):
            if key in known or expand_severity(key):
                continue
            if key.strip().upper() in codes:
                self.severity[codes[key.strip().upper()]] = self.severity.pop(key)
            else:
                unknown.append(key)
        if unknown:
            raise ConfigError(f"{self.source}：[severity] 中有未知的规则或代码：{', '.join(unknown)}"
                              f"（gaic-lint rules 列出全部规则）")

    def options(self) -> dict:
        return {"report_year": self.report_year, **self.history_options()}

    def history_options(self) -> dict:
        from .history.dates import ManifestError, load_manifest

        try:
            manifest = load_manifest(self.manifest) if self.manifest else {}
        except ManifestError as exc:
            raise ConfigError(str(exc)) from None
        return {"published": self.published, "manifest": manifest, "levels": self.levels,
                "reuse_threshold": self.reuse_threshold}

    def reader_options(self) -> ReaderOptions:
        from .readers.registry import ReaderOptions

        return ReaderOptions(encoding=self.encoding, max_file_size=self.max_file_size,
                             max_part_size=self.max_part_size, max_pages=self.max_pages, timeout=self.timeout)


def find_config(start: str | os.PathLike) -> str | None:
    """The configuration file that applies in `start`: the first of CONFIG_NAMES, or a pyproject.toml
    with a [tool.gaic-lint] table, in `start` or the nearest folder above it."""
    folder = os.fspath(start)
    while True:
        for name in CONFIG_NAMES:
            if os.path.isfile(candidate := os.path.join(folder, name)):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject):
            tomllib = _toml()
            try:
                with open(pyproject, "rb") as fh:
                    if "gaic-lint" in tomllib.load(fh).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                pass
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _severity(value, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}：严重级别应为 error、warning 或 info，不是“{value}”") from None


def _list(value, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：{key} 应为字符串列表")
    return value


def _is_int(value) -> bool:
    # TOML's true is a Python int too.
    return isinstance(value, int) and not isinstance(value, bool)


def check_encoding(value, where: str) -> str:
    """The encoding name, if Python knows it; a ConfigError naming `where` if not."""
    if not isinstance(value, str):
        raise ConfigError(f"{where}：encoding 应为编码名称（如 \"gb18030\"），不是 {value!r}")
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise ConfigError(f"{where}：未知的编码 {value!r}") from None
    # rot13, base64, zlib… are codecs too, but decode bytes into bytes, not into text.
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{where}：{value!r} 不是文本编码")
    return value


def load_config(path: str | os.PathLike | None) -> Config:
    config = Config()
    if path is None:
        return config
    tomllib = _toml()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是合法的 TOML：{exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("gaic-lint", {})
    where = str(path)
    unknown = set(data) - _KNOWN
    if unknown:
        raise ConfigError(f"{where}：未知的配置项 {', '.join(sorted(unknown))}")
    config.source = where
    if "select" in data:
        config.select = _list(data["select"], "select", where)
    config.select += _list(data.get("extend-select", []), "extend-select", where)
    config.ignore = _list(data.get("ignore", []), "ignore", where)
    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(f"{where}：severity 应为表，如 [severity] table-blank-cell = \"error\"")
    config.severity = {k: _severity(v, where) for k, v in severities.items()}
    config.rulebook = [_beside(path, p) for p in _list(data.get("rulebook", []), "rulebook", where)]
    config.exclude = _list(data.get("exclude", []), "exclude", where)
    if "report-year" in data:
        year = data["report-year"]
        if not _is_int(year) or not _YEARS[0] <= year <= _YEARS[1]:
            raise ConfigError(f"{where}：report-year 应为 {_YEARS[0]} 至 {_YEARS[1]} 之间的整数年份，不是 {year!r}")
        config.report_year = year
    if "encoding" in data:
        config.encoding = check_encoding(data["encoding"], where)
    for key, attr in (("max-file-size", "max_file_size"), ("max-part-size", "max_part_size"),
                      ("max-pages", "max_pages"), ("timeout", "timeout"),
                      ("memory-limit", "memory_limit")):
        if key in data:
            value = data[key]
            number = _is_int(value) or (key == "timeout" and isinstance(value, float) and math.isfinite(value))
            if not number or value <= 0:
                raise ConfigError(f"{where}：{key} 应为正数{'' if key == 'timeout' else '（整数）'}，不是 {value!r}")
            if value > _LIMIT_MAX[key]:
                raise ConfigError(f"{where}：{key} 不应超过 {_LIMIT_MAX[key]}，不是 {value!r}")
            if key == "memory-limit" and value < _MEMORY_MIN:
                raise ConfigError(f"{where}：memory-limit 应至少为 {_MEMORY_MIN}（MB），不是 {value!r}")
            setattr(config, attr, value)
    if "fail-on" in data:
        config.fail_on = _severity(data["fail-on"], where)
    ignores = data.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{where}：per-file-ignores 应为表，如 per-file-ignores = {{ \"草稿/*.docx\" = [\"W002\"] }}")
    config.per_file_ignores = {str(k): _list(v, f"per-file-ignores.{k}", where) for k, v in ignores.items()}
    _load_history_keys(config, data, path)
    return config


def _beside(config_path: str | os.PathLike, given: str) -> str:
    """A path the configuration file gives, read from the file's folder."""
    return os.path.realpath(os.path.join(os.path.dirname(config_path), given))


def _load_history_keys(config: Config, data: dict, path: str | os.PathLike) -> None:
    where = str(path)
    config.history = [_beside(path, p) for p in _list(data.get("history", []), "history", where)]
    if "manifest" in data:
        if not isinstance(data["manifest"], str):
            raise ConfigError(f"{where}：manifest 应为文件路径")
        config.manifest = _beside(path, data["manifest"])
    if "reuse-threshold" in data:
        value = data["reuse-threshold"]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1:
            raise ConfigError(f"{where}：reuse-threshold 应为 0 到 1 之间的比例，如 0.5")
        config.reuse_threshold = float(value)
    levels = data.get("levels", {})
    from .agency import DEPARTMENT, GOVERNMENT

    if not isinstance(levels, dict) or any(v not in (GOVERNMENT, DEPARTMENT) for v in levels.values()):
        raise ConfigError(f"{where}：[levels] 的值应为“{GOVERNMENT}”或“{DEPARTMENT}”")
    config.levels = dict(levels)
