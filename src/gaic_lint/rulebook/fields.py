"""Checking one TOML entry against the fields its section allows, naming `file:section[i].key` on error."""

from __future__ import annotations

import re

from .patterns import nested_repeat
from .schema import RulebookError

REQUIRED = object()

# kind: "text" a non-empty string, "str" any string, "int", "bool", "words" a list of non-empty strings
# (returned as a tuple), "ints" a list of integers, "tables" an array of tables, "count" an integer from 0,
# "share" a number from 0 to 1, "groups" a list of "words" (returned as a tuple of tuples).
_KINDS = {
    "text": "非空字符串",
    "str": "字符串",
    "int": "整数",
    "bool": "true 或 false",
    "words": "非空字符串的列表",
    "ints": "整数列表",
    "tables": "表的数组",
    "count": "非负整数",
    "share": "0 到 1 之间的数",
    "groups": "列表的列表（每组是同一事物的几种写法）",
}


def join(where: str, name: str) -> str:
    """`file:section` + `key`: a dot between, none right after the file name."""
    return where + name if where.endswith(":") else f"{where}.{name}"


def fail(where: str, what: str) -> RulebookError:
    return RulebookError(f"规则库 {where}：{what}")


def _ok(kind: str, value) -> bool:
    if kind == "text":
        return isinstance(value, str) and value.strip() != ""
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "words":
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if kind == "ints":
        return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    if kind == "tables":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "count":
        return _ok("int", value) and value >= 0
    if kind == "share":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    if kind == "groups":
        return isinstance(value, list) and all(_ok("words", v) and v for v in value)
    raise AssertionError(kind)


def fields(data, where: str, spec: dict[str, tuple[str, object]]) -> dict:
    """The entry's values by field name, defaults filled in; `spec` maps a field to (kind, default)."""
    if not isinstance(data, dict):
        raise fail(where, "应为表（键值对）")
    unknown = sorted(set(data) - set(spec))
    if unknown:
        raise fail(join(where, unknown[0]), f"未知的字段（可用的字段：{'、'.join(spec)}）")
    out = {}
    for name, (kind, default) in spec.items():
        if name not in data:
            if default is REQUIRED:
                raise fail(join(where, name), "缺少这个字段")
            out[name] = default
            continue
        value = data[name]
        if not _ok(kind, value):
            raise fail(join(where, name), f"应为{_KINDS[kind]}，不是 {value!r}")
        if kind == "groups":
            value = tuple(tuple(v) for v in value)
        out[name] = tuple(value) if kind in ("words", "ints") else value
    return out


def entries(data: dict, key: str, where: str) -> list[tuple[str, dict]]:
    """(where, entry) of each table in the array `key` of `data`."""
    items = data.get(key, [])
    if not isinstance(items, list):
        raise fail(join(where, key), "应为表的数组，如 [[" + key + "]]")
    return [(f"{join(where, key)}[{i}]", item) for i, item in enumerate(items)]


def regex(pattern: str, where: str) -> re.Pattern:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise fail(where, f"正则表达式无效：{exc}") from None
    if nested_repeat(pattern):
        raise fail(where, "正则表达式含有嵌套的重复（如 (a+)+、(\\s*\\d+)*），遇到某些文字会耗费极长时间；"
                          "请改写为不嵌套的形式，或给外层重复加上上限（如 {0,5}）")
    return compiled


def words_regex(words: tuple[str, ...]) -> re.Pattern | None:
    """A pattern matching any of the literal words."""
    return re.compile("|".join(re.escape(w) for w in words)) if words else None
