"""Rule documentation, generated from the rule metadata: `gaic-lint rule NAME` and docs/rules/*.md."""

from __future__ import annotations

from .codes import ALIASES, expand_severity
from .rules.base import RuleMeta


def render_rule(meta: RuleMeta) -> str:
    out = [f"# {meta.name} ({meta.code})", "", meta.summary, "",
           f"默认严重级别：{meta.severity.value}（{meta.severity.zh}）", ""]
    if meta.rule and meta.rule != meta.name:
        old = ", ".join(sorted(k for k, codes in ALIASES.items() if meta.code in codes))
        out += [f"由规则 [{meta.rule}]({meta.rule}.md) 报告；旧代码和旧名称 {old} 仍可在 select、ignore、"
                "[severity] 中使用，代表该规则的全部问题类型。", ""]
    if meta.template:
        out += ["消息：", "", "```text", meta.template, "```", ""]
    if meta.fixable:
        out += ["可自动修复：`gaic-lint --fix` 修改 .txt/.md 文件，`gaic-lint --diff` 只显示将做的修改。", ""]
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


def render_alias(rule: RuleMeta, kinds: list[RuleMeta]) -> str:
    """The page of a rule that reports several kinds of finding; its 0.1.0 code and name lead here."""
    aliases = sorted(k for k, group in ALIASES.items() if kinds[0].code in group)
    out = [f"# {rule.name} ({rule.code})", "", rule.summary, "",
           f"这条规则报告 {len(kinds)} 种问题，每种有自己的代码、名称和默认严重级别，可以分别启用、停用和调整级别。", "",
           "| 代码 | 名称 | 默认级别 | 说明 |", "|---|---|---|---|"]
    for k in sorted(kinds, key=lambda m: m.code):
        out.append(f"| {k.code} | [{k.name}]({k.name}.md) | {k.severity.value} | {k.summary} |")
    out += ["", "## 旧代码和旧名称", "",
            f"{'、'.join(aliases)} 是 0.1.0 中这条规则的代码和名称，仍然有效：在 select、ignore 中代表上列全部问题类型，"
            f"在 [severity] 中调整 {'、'.join(sorted(expand_severity(rule.name)))} 的级别"
            + ("（缺少部分是报告不完整，不随旧名称降级，要写 missing-part 才会改变）" if "S101" in ALIASES.get(rule.name, ())
               and "S101" not in expand_severity(rule.name) else "")
            + "。0.1.0 生成的基线文件照常有效。", ""]
    if rule.what:
        out += ["## 检查什么", "", rule.what, ""]
    if rule.why:
        out += ["## 为什么", "", rule.why, ""]
    if rule.example:
        out += ["## 示例", "", "```text", rule.example, "```", ""]
    if rule.use_instead:
        out += ["## 应改为", "", "```text", rule.use_instead, "```", ""]
    return "\n".join(out)


def render_index(metas: list[RuleMeta]) -> str:
    out = ["# 规则一览", "", "本目录由 `python -m gaic_lint.ruledocs docs/rules` 从规则元数据生成，与 `gaic-lint rule NAME` 同源。", "",
           "| 代码 | 名称 | 默认级别 | 说明 |", "|---|---|---|---|"]
    for meta in sorted(metas, key=lambda m: m.code):
        out.append(f"| {meta.code} | [{meta.name}]({meta.name}.md) | {meta.severity.value} | {meta.summary} |")
    return "\n".join(out) + "\n"


def write_all(folder: str) -> list[str]:
    """Write one page per rule and an index; return the file names written."""
    from pathlib import Path

    from .plugins import load_plugins
    from .rules.builtin import gaic_lint_rules

    builtin = {k.code for cls in gaic_lint_rules() for k in cls.kinds()}
    metas = [m for m in load_plugins().metas() if m.code in builtin or m.code.startswith("F")]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for meta in metas:
        (out / f"{meta.name}.md").write_text(render_rule(meta), encoding="utf-8")
        written.append(f"{meta.name}.md")
    for cls in gaic_lint_rules():
        if cls.violations and cls.meta.code not in {v.code for v in cls.violations}:  # the old rule name's page, which old links and `gaic-lint rule NAME` lead to
            (out / f"{cls.meta.name}.md").write_text(render_alias(cls.meta, cls.kinds()), encoding="utf-8")
            written.append(f"{cls.meta.name}.md")
    (out / "README.md").write_text(render_index(metas), encoding="utf-8")
    return written + ["README.md"]


if __name__ == "__main__":
    import sys

    for name in write_all(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"):
        print(name)
