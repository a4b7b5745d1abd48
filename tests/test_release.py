"""What the docs tell users to pin exists: every pre-commit `rev:` in the docs is this version's tag."""

import re

import yaml

import gaic_lint
from conftest import ROOT


def test_every_documented_rev_is_the_package_version():
    revs = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        revs += [(doc.name, m) for m in re.findall(r"rev:\s*['\"]?(v?[\w.]+)", text)]
        revs += [(doc.name, m) for m in re.findall(r"gaic-lint@(v?[\w.]+)", text)]
    assert revs, "the docs show how to pin the pre-commit hook"
    assert {rev for _, rev in revs} == {f"v{gaic_lint.__version__}"}, revs


def test_the_package_and_the_project_metadata_agree_on_the_version():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1) == gaic_lint.__version__


def test_the_hooks_skip_readmes_and_changelogs():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"gaic-lint", "gaic-lint-fix"}
    for hook in hooks:
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        for name in ("README.md", "docs/CHANGELOG.md", "readme.txt", "LICENSE.txt", "CHANGES.md"):
            assert files.search(name) and exclude.search(name), (hook["id"], name)
        for name in ("reports/2025年报.docx", "年报/readme-2025年报告.md".replace("readme-", ""), "东昌府区2025.MD"):
            assert files.search(name) and not exclude.search(name), (hook["id"], name)
    assert "--fix" in next(h for h in hooks if h["id"] == "gaic-lint-fix")["entry"]
