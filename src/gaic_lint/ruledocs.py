"""Rule documentation, generated from the rule metadata: `gaic-lint rule NAME` and docs/rules/*.md."""

from __future__ import annotations

from .rules.base import RuleMeta


def render_rule(meta: RuleMeta) -> str:
    out = [f"# {meta.name} ({meta.code})", "", meta.summary, "",
           f"默认严重级别：{meta.severity.value}（{meta.severity.zh}）", ""]
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


def render_index(metas: list[RuleMeta]) -> str:
    out = ["# 规则一览", "", "本目录由 `python -m gaic_lint.ruledocs docs/rules` 从规则元数据生成，与 `gaic-lint rule NAME` 同源。", "",
           "| 代码 | 名称 | 默认级别 | 说明 |", "|---|---|---|---|"]
    for meta in sorted(metas, key=lambda m: m.code):
        out.append(f"| {meta.code} | [{meta.name}]({meta.name}.md) | {meta.severity.value} | {meta.summary} |")
    return "\n".join(out) + "\n"


def write_all(folder: str) -> list[str]:
    """Write one page per rule and an index; return the file names written."""
    from pathlib import Path

    from .engine import load_plugins
    from .rules.builtin import gaic_lint_rules

    builtin = {cls.meta.code for cls in gaic_lint_rules()}
    metas = [m for m in load_plugins().metas() if m.code in builtin or m.code.startswith("F")]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for meta in metas:
        (out / f"{meta.name}.md").write_text(render_rule(meta), encoding="utf-8")
        written.append(f"{meta.name}.md")
    (out / "README.md").write_text(render_index(metas), encoding="utf-8")
    return written + ["README.md"]


if __name__ == "__main__":
    import sys

    for name in write_all(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"):
        print(name)
