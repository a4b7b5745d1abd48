"""The pre-commit hook, for real: pre-commit builds its own virtualenv, pip-installs this checkout into
it and runs the hook on reports in a throwaway git repository. The hook's environment is built once
for the module (one PRE_COMMIT_HOME, the same repository and rev in every config) and reused by each
run; it needs the package index for the dependencies. `try-repo` is not used: it builds a fresh
environment in a temporary store on every call, and installs the hook exactly as `run` does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, seed

pytestmark = pytest.mark.slow

GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


def docs_snippet(name: str) -> str:
    text = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```\w+\n(.*?)```", text, re.DOTALL)
    assert m, f"docs/integrations.md has no '{name}' snippet"
    return m.group(1)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This checkout as pre-commit would clone it, uncommitted work included.

    `try-repo` on the checkout itself would leave out untracked files (a new module not yet added),
    so the working tree's tracked and untracked-but-not-ignored files are committed to a snapshot.
    """
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split(b"\0")):
        source = os.path.join(os.fsencode(ROOT), name)
        if not os.path.isfile(source):
            continue  # deleted in the working tree
        target = os.path.join(os.fsencode(snapshot), name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    """One pre-commit store for the module: the hook's virtualenv is built by the first run only."""
    return tmp_path_factory.mktemp("pre-commit-home")


def hook_config(hook_repo, **hook) -> str:
    """A .pre-commit-config.yaml using this checkout's hook; `hook` adds keys to the hook's entry."""
    rev = git("rev-parse", "HEAD", cwd=hook_repo)
    return yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "gaic-lint", **hook}]}]},
                          allow_unicode=True)


@pytest.fixture
def user_repo(tmp_path):
    """A repository of reports: a bad one (seed 000: errors) and a good one (seed 003: none)."""
    repo = tmp_path / "reports-repo"
    (repo / "reports").mkdir(parents=True)
    shutil.copy(seed("000"), repo / "reports" / "bad.txt")
    shutil.copy(seed("003"), repo / "reports" / "good.txt")
    (repo / "README.md").write_text("# 年报仓库\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    return repo


# For the pip that pre-commit runs in the hook's new virtualenv (pip reads "false" here as "do not
# isolate"/"do not compile"): build this checkout with the setuptools the virtualenv already has
# instead of installing another into a build environment, and skip byte-compiling every dependency.
# Halves the install; what gets installed, and from where, is unchanged.
FAST_PIP = {"PIP_NO_BUILD_ISOLATION": "false", "PIP_NO_COMPILE": "false"}


def pre_commit(*args, cwd, home):
    env = {**os.environ, **GIT_ENV, **FAST_PIP, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, check=False, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env, timeout=900)


def test_manifest_is_what_the_docs_describe():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "gaic-lint")
    assert hook["entry"] == "gaic-lint" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name in ("a.docx", "b.pdf", "c.md", "d.markdown", "e.txt", "f.html", "g.htm", "年报/2025.docx"):
        assert pattern.search(name), name
    for name in ("a.docx.bak", "b.json", "c.py", "d.xlsx"):
        assert not pattern.search(name), name
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                       check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_hook_fails_on_a_bad_report_and_passes_on_a_good_one(hook_repo, user_repo, pre_commit_home):
    """The hook as the manifest defines it (no `files` of the user's own)."""
    (user_repo / ".pre-commit-config.yaml").write_text(hook_config(hook_repo), encoding="utf-8")
    bad = pre_commit("run", "--files", "reports/bad.txt", cwd=user_repo, home=pre_commit_home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"gaic-lint\.+Failed", bad.stdout), bad.stdout
    assert "reports/bad.txt:126:113: Y101 [错误]" in bad.stdout
    assert "C104" in bad.stdout

    good = pre_commit("run", "--files", "reports/good.txt", cwd=user_repo, home=pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"gaic-lint\.+Passed", good.stdout), good.stdout



def test_the_documented_config_runs_the_hook(hook_repo, user_repo, pre_commit_home):
    """The snippet from docs/integrations.md, pointed at the snapshot instead of the public URL."""
    config = yaml.safe_load(docs_snippet("pre-commit"))
    (entry,) = config["repos"]
    assert entry["repo"].startswith("https://") and entry["rev"]
    entry["repo"] = str(hook_repo)
    entry["rev"] = git("rev-parse", "HEAD", cwd=hook_repo)
    (user_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=user_repo)
    home = pre_commit_home

    r = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=user_repo, home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    # all files: the bad report fails, README.md is left alone by the documented `files` pattern
    r = pre_commit("run", "--all-files", cwd=user_repo, home=home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "reports/bad.txt:" in r.stdout and "README.md" not in r.stdout
    assert "检查了 2 个文件" in r.stdout

    # a commit of only the good report passes: the hook sees just the staged file
    git("commit", "-q", "-m", "reports", "--no-verify", cwd=user_repo)
    git("rm", "-q", "--cached", "reports/bad.txt", cwd=user_repo)
    (user_repo / "reports" / "good.txt").write_text(seed("003").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git("add", "reports/good.txt", cwd=user_repo)
    r = pre_commit("run", cwd=user_repo, home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"gaic-lint\.+Passed", r.stdout), r.stdout
