"""The user cache folder stays bounded: writing a file removes the oldest of its kind beyond KEEP and
temporary files a killed run left, and never touches files of another kind."""

from __future__ import annotations

import os
import time

from gaic_lint import user_cache


def _file(folder, name: str, age: float) -> None:
    path = folder / name
    path.write_text("x")
    when = time.time() - age
    os.utime(path, (when, when))


def test_writing_keeps_the_newest_of_its_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "gaic-lint"
    folder.mkdir()
    for i in range(12):  # rulebook-0 is the newest, rulebook-11 the oldest
        _file(folder, f"rulebook-0.1.{i}-0000000{i % 10}.json", age=60 * (i + 1))
    _file(folder, "rulebook.json", age=10_000)  # an older version's name
    _file(folder, "rulebook-0.3.0-aaaaaaaa.json.123.tmp", age=7200)  # left by a killed run
    _file(folder, "rulebook-0.3.0-bbbbbbbb.json.456.tmp", age=5)  # another run writing now
    _file(folder, "patterns-11111111.json", age=99_999)  # another kind
    _file(folder, "notes.txt", age=99_999)

    user_cache.write_checked("rulebook-0.4.0-cccccccc.json", {"format": 1})

    names = set(os.listdir(folder))
    rulebooks = {n for n in names if n.startswith("rulebook") and n.endswith(".json")}
    assert len(rulebooks) == user_cache.KEEP
    newest = {f"rulebook-0.1.{i}-0000000{i % 10}.json" for i in range(user_cache.KEEP - 1)}
    assert rulebooks == newest | {"rulebook-0.4.0-cccccccc.json"}
    assert "rulebook-0.3.0-aaaaaaaa.json.123.tmp" not in names
    assert {"rulebook-0.3.0-bbbbbbbb.json.456.tmp", "patterns-11111111.json", "notes.txt"} <= names
    assert user_cache.read_checked("rulebook-0.4.0-cccccccc.json", lambda v: v) == {"format": 1}


def test_few_files_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "gaic-lint"
    folder.mkdir()
    _file(folder, "patterns-22222222.json", age=3600 * 24 * 400)
    user_cache.write_checked("patterns-33333333.json", {"format": 1})
    assert sorted(os.listdir(folder)) == ["patterns-22222222.json", "patterns-33333333.json"]
