"""Rule documentation, generated from the rule metadata: `gaic-lint rule NAME` and docs/rules/*.md."""

from __future__ import annotations

from .rules.base import RuleMeta


def render_rule(meta: RuleMeta) -> str:
    out = [f"# {meta.name} ({meta.code})", "", meta.summary, "",
           f"默认严重级别：{meta.severity.value}（{meta.severity.zh}）", ""]
    if meta.what:
        out += ["## 检查什么", "", meta.what, ""]
    if meta.why:
        out += ["## 为什么", "", meta.why, ""]
    if meta.example:
        out += ["## 示例", "", "```text", meta.example, "```", ""]
    if meta.use_instead:
        out += ["## 应改为", "", "```text", meta.use_instead, "```", ""]
    out += ["## 配置", "", "```toml", "# gaic-lint.toml", f'ignore = ["{meta.name}"]   # 或 "{meta.code}"',
            "[severity]", f'{meta.name} = "{meta.severity.value}"', "```", ""]
    return "\n".join(out)


def render_index(metas: list[RuleMeta]) -> str:
    out = ["# 规则一览", "", "由 `python benchmarks/../docs/generate.py` 之外的 `gaic-lint rules` 同源生成。", "",
           "| 代码 | 名称 | 默认级别 | 说明 |", "|---|---|---|---|"]
    for meta in sorted(metas, key=lambda m: m.code):
        out.append(f"| {meta.code} | [{meta.name}]({meta.name}.md) | {meta.severity.value} | {meta.summary} |")
    return "\n".join(out) + "\n"
