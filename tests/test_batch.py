"""The batch engine: `--jobs N` gives what `--jobs 1` gives, in the same order; a file that crashes,
kills, hangs or exhausts its worker costs that file only; text streams file by file; a progress line
only on a terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import FIXTURES, ROOT, SEEDS, comparable, lint, run_cli

# A plugin whose rule misbehaves on files named for it: the worker process dies, hangs or allocates
# past its memory ceiling. Only a real misbehaving process tests the engine; nothing is simulated.
PLUGIN = textwrap.dedent('''
    import os
    import signal
    import time

    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.model import Severity
    from gaic_lint.rules.base import Rule, RuleMeta


    class Misbehave(Rule):
        meta = RuleMeta("X950", "misbehave", "测试用", Severity.INFO)

        def check(self, report, ctx):
            name = os.path.basename(report.path)
            if name.startswith("die-exit"):
                os._exit(3)
            if name.startswith("die-kill"):
                os.kill(os.getpid(), signal.SIGKILL)
            if name.startswith("die-abort"):
                os.abort()
            if name.startswith("hog"):
                hoard = bytearray(4 * 1024 ** 3)
                return [self.diagnostic(str(len(hoard)), None)]
            if name.startswith("stuck"):
                # Beyond SIGALRM's reach, as inside a C library.
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                time.sleep(60)
            if name.startswith("slow"):
                time.sleep(2)
            return ()


    @hookimpl
    def gaic_lint_rules():
        return [Misbehave]
''')


def _plugin_env(tmp_path) -> dict:
    site = tmp_path / "site"
    site.mkdir()
    (site / "misbehave_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "misbehave_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: misbehave-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[gaic_lint]\nmisbehave = misbehave_plugin\n")
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))


def _cli(*args, env=None, timeout=240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gaic_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=timeout)


def _mixed_folder(tmp_path):
    """Good reports in three formats with the hostile files of fixtures/bad/ among them."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for src in [*SEEDS, *sorted((FIXTURES / "docx").glob("*.docx")), *sorted((FIXTURES / "html").glob("*.htm*"))]:
        shutil.copy(src, folder / f"good-{src.parent.name}-{src.name}")
    for src in sorted((FIXTURES / "bad").iterdir()):
        if src.is_file() and src.name not in ("README.md", "make.py"):
            shutil.copy(src, folder / f"bad-{src.name}")
    return folder


def _by_file(data):
    out: dict[str, list] = {}
    for d in data:
        out.setdefault(d["file"], []).append(d)
    return out


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The mixed folder and its JSON output with `--jobs 2`, shared by the tests that read it."""
    folder = _mixed_folder(tmp_path_factory.mktemp("mixed"))
    return folder, _cli("--jobs", "2", "-f", "json", str(folder))


def test_jobs_two_gives_what_jobs_one_gives_in_the_same_order(mixed):
    folder, two = mixed
    one = run_cli("--jobs", "1", "-f", "json", str(folder))  # in this process, as --jobs 1 lints
    assert one.returncode == two.returncode == 2  # the broken files are unreadable
    first, second = json.loads(one.stdout), json.loads(two.stdout)
    assert len(first) > 20
    assert first == second
    files = [d["file"] for d in second]
    # Grouped by file, the files in sorted order as expanded from the folder.
    order = list(dict.fromkeys(files))
    assert order == sorted(order)


def test_good_files_among_broken_ones_report_exactly_as_alone(mixed):
    folder, run = mixed
    # The batch rules (B) see the other files of the folder; a file linted alone has no others.
    data = _by_file([d for d in json.loads(run.stdout) if not d["code"].startswith("B")])
    good = sorted(folder.glob("good-*"))
    assert len(good) >= 10
    for path in good:
        alone = comparable(lint(path), skip_file_notices=False)
        in_batch = sorted((d["code"], d["rule"], d["severity"], "".join(d["message"].split()),
                           "".join((d.get("evidence") or "").split()), d["location"].get("cell_path"))
                          for d in data.get(str(path), []))
        assert in_batch == alone, path.name
    for path in folder.glob("bad-*"):
        assert str(path) in data, path.name


def test_a_dying_or_hanging_worker_costs_one_file(tmp_path):
    env = _plugin_env(tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    seed = SEEDS[0]
    names = ["a-good.txt", "die-exit.txt", "die-kill.txt", "die-abort.txt", "m-good.txt", "stuck.txt", "z-good.txt"]
    for name in names:
        shutil.copy(seed, folder / name)
    (folder / "gaic-lint.toml").write_text("timeout = 1\n", encoding="utf-8")
    started = time.monotonic()
    r = _cli("--jobs", "2", "-f", "json", "--config", str(folder / "gaic-lint.toml"), "--ignore", "B",
             str(folder), env=env)
    assert time.monotonic() - started < 60
    assert "Traceback" not in r.stderr
    data = _by_file(json.loads(r.stdout))
    alone = comparable(lint(seed), skip_file_notices=False)
    for name in names:
        found = data[str(folder / name)]
        if "good" in name:
            assert comparable_json(found) == alone, name
        else:
            assert [d["code"] for d in found] == ["F001"], name
    assert "SIGKILL" in data[str(folder / "die-kill.txt")][0]["message"]
    assert "SIGABRT" in data[str(folder / "die-abort.txt")][0]["message"]
    assert "3" in data[str(folder / "die-exit.txt")][0]["message"]
    assert "超时" in data[str(folder / "stuck.txt")][0]["message"]
    assert r.returncode == 2


def comparable_json(found):
    return sorted((d["code"], d["rule"], d["severity"], "".join(d["message"].split()),
                   "".join((d.get("evidence") or "").split()), d["location"].get("cell_path")) for d in found)


def test_a_file_past_the_memory_ceiling_is_one_f001_naming_it(tmp_path):
    env = _plugin_env(tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a-good.txt", "hog.txt", "z-good.txt"):
        shutil.copy(SEEDS[1], folder / name)
    r = _cli("--jobs", "2", "--memory-limit", "700", "-f", "json", "--ignore", "B", str(folder), env=env)
    data = _by_file(json.loads(r.stdout))
    hog = data[str(folder / "hog.txt")]
    assert [d["code"] for d in hog] == ["F001"]
    assert "700 MB" in hog[0]["message"]
    alone = comparable(lint(SEEDS[1]), skip_file_notices=False)
    for name in ("a-good.txt", "z-good.txt"):
        assert comparable_json(data[str(folder / name)]) == alone


def test_text_streams_each_file_as_soon_as_it_and_those_before_are_done(tmp_path):
    env = _plugin_env(tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "slow.txt"):
        shutil.copy(SEEDS[2], folder / name)
    proc = subprocess.Popen([sys.executable, "-m", "gaic_lint", "--jobs", "2", "--color", "never", "--ignore", "B",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    first_line = proc.stdout.readline().decode("utf-8")
    seen_at = time.monotonic()
    rest = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=120)
    ended_at = time.monotonic()
    assert first_line.startswith(str(folder / "a.txt") + ":")
    # The slow file takes 2 s; the first file's findings were out well before it was done.
    assert ended_at - seen_at > 1
    text = first_line + rest
    firsts = [text.index(str(folder / n) + ":") for n in ("a.txt", "b.txt", "slow.txt")]
    assert firsts == sorted(firsts)
    assert text.rstrip().splitlines()[-1].startswith("检查了 3 个文件")


def _run_with_pty_stderr(args) -> tuple[str, str]:
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    # A fresh pty is 0 columns wide; a terminal window is not.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "gaic_lint", *args], stdout=subprocess.PIPE, stderr=follower,
                            cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    out = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=120)
    os.close(leader)
    return out, b"".join(chunks).decode("utf-8", "replace")


def test_progress_line_only_on_a_terminal():
    folder = str(FIXTURES / "seeds")
    out, err = _run_with_pty_stderr(["--jobs", "2", "--color", "never", folder])
    assert f"{len(SEEDS)}/{len(SEEDS)}" in err and "份" in err
    assert "/" not in out.splitlines()[-1]  # stdout has no progress in it
    piped = _cli("--jobs", "2", folder)
    assert piped.stderr == ""
    assert piped.stdout == out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_and_diff_work_without_the_tree(tmp_path, jobs):
    folder = tmp_path / "batch"
    folder.mkdir()
    for src in SEEDS:
        shutil.copy(src, folder / src.name)
    # In this process: what is tested is the batch without trees, not the process boundary.
    diff = run_cli("--jobs", jobs, "--diff", str(folder))
    fixable = [d for d in json.loads(run_cli("--jobs", jobs, "-f", "json", str(folder)).stdout) if d.get("fix")]
    assert fixable and diff.stdout.startswith("---")
    run_cli("--jobs", jobs, "--fix", str(folder))
    after = json.loads(run_cli("--jobs", jobs, "-f", "json", str(folder)).stdout)
    assert len([d for d in after if d.get("fix")]) < len(fixable)


def test_a_batch_keeps_no_tree_and_a_packed_summary():
    from gaic_lint.batch import Batch
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter

    linter = Linter(Config())
    paths = [str(p) for p in SEEDS] + [str(p) for p in sorted((FIXTURES / "docx").glob("*.docx"))]
    results = Batch(linter, 1).run(paths)
    for path, result in zip(paths, results):
        alone = linter.lint(path)
        assert result.report is None and result.has_summary
        assert result.summary == alone.summary
        # 表三 is kept uncompressed (`summary._COMPRESS_ABOVE`): some 12 KB a report at most.
        assert len(result.__dict__["_packed"]) < 13_000
        # What the text output needs of the tree: the lines its findings point at.
        for d in result.diagnostics:
            if d.location.line is not None:
                assert result.source_line(d.location.line) == alone.report.source_lines[d.location.line - 1]


def test_a_reader_error_caused_by_memory_is_the_memory_finding():
    from gaic_lint.config import Config
    from gaic_lint.engine import Linter
    from gaic_lint.model import InputError

    class Starved(Linter):
        def parse(self, path):
            try:
                raise MemoryError()
            except MemoryError as exc:
                raise InputError("无法解析") from exc

    linter = Starved(Config())
    linter.memory_limit = 512 * 1024 ** 2
    result = linter.lint(str(SEEDS[0]))
    assert [d.code for d in result.diagnostics] == ["F001"] and result.unreadable
    assert "512 MB" in result.diagnostics[0].message and linter.exhausted


def test_cross_report_findings_follow_the_streamed_files_under_a_heading():
    folder = FIXTURES / "rules" / "batch-copy" / "trigger" / "text"
    r = _cli("--jobs", "2", "--color", "never", str(folder))
    lines = r.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("跨报告检查"))
    per_file = [i for i, line in enumerate(lines) if ": " in line and not line.startswith(" ")
                and " B001 " not in line]
    cross = [i for i, line in enumerate(lines) if " B001 " in line]
    assert per_file and max(per_file) < heading < min(cross)
    assert len(cross) == 2 and lines[-1].startswith("检查了 2 个文件")
    # In a machine format the same findings sit with their files, in order.
    data = json.loads(_cli("--jobs", "2", "-f", "json", str(folder)).stdout)
    assert sorted(d["file"] for d in data if d["code"] == "B001") == sorted(str(p) for p in folder.glob("*.txt"))
