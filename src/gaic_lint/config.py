"""Configuration: `gaic-lint.toml`, or `[tool.gaic-lint]` in `pyproject.toml`, found upward from the
current folder; command-line options override it.

    select = ["S", "T", "year-reference"]     # codes, code prefixes (families) or rule names; "ALL"
    ignore = ["T002"]
    rulebook = ["our-documents.toml"]         # extra rulebook packs, relative to the config file
    report-year = 2025                        # when titles do not say
    [severity]
    table-blank-cell = "error"

The codes and rule names of 0.1.0 that now cover several kinds (S001 six-sections, T001 table-balance,
T003 table-structure; see `codes.py`) stand for all of their kinds in `select` and `ignore`. In
`[severity]`, an old name re-grades the kinds its user was grading (`codes.SEVERITY_ALIASES`): all of
them, except that `six-sections` (S001) re-grades the title and order findings and leaves a missing part
an error unless it is named itself (`missing-part = "warning"`): a missing part makes the report
incomplete, which a setting written to quieten title findings was never meant to accept.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .codes import expand, expand_severity
from .model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("gaic-lint.toml", ".gaic-lint.toml")
_KNOWN = {"select", "ignore", "extend-select", "severity", "rulebook", "report-year", "encoding",
          "max-file-size", "max-part-size", "max-pages", "timeout", "exclude", "fail-on"}


class ConfigError(Exception):
    pass


@dataclass
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

    def options(self) -> dict:
        return {"report_year": self.report_year}

    def reader_options(self) -> dict:
        return {
            "encoding": self.encoding,
            "max_file_size": self.max_file_size,
            "max_part_size": self.max_part_size,
            "max_pages": self.max_pages,
            "timeout": self.timeout,
        }


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                with open(pyproject, "rb") as fh:
                    if "gaic-lint" in tomllib.load(fh).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


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


def load_config(path: Path | None) -> Config:
    config = Config()
    if path is None:
        return config
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是合法的 TOML：{exc}") from None
    if path.name == "pyproject.toml":
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
    config.rulebook = [str((path.parent / p).resolve()) for p in _list(data.get("rulebook", []), "rulebook", where)]
    config.exclude = _list(data.get("exclude", []), "exclude", where)
    if "report-year" in data:
        if not isinstance(data["report-year"], int):
            raise ConfigError(f"{where}：report-year 应为整数年份")
        config.report_year = data["report-year"]
    config.encoding = data.get("encoding")
    for key, attr, kind in (("max-file-size", "max_file_size", int), ("max-part-size", "max_part_size", int),
                            ("max-pages", "max_pages", int), ("timeout", "timeout", (int, float))):
        if key in data:
            if not isinstance(data[key], kind) or data[key] <= 0:
                raise ConfigError(f"{where}：{key} 应为正数")
            setattr(config, attr, data[key])
    if "fail-on" in data:
        config.fail_on = _severity(data["fail-on"], where)
    return config
