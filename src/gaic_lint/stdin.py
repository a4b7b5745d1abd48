"""`gaic-lint - --stdin-filename 报告.md`: a report piped in by an editor. It is written to a private
temporary folder under the name given (whose extension picks the reader), checked like a file, and
every finding names the given file."""

from __future__ import annotations

import os
import sys


class StdinInput:
    def __init__(self, paths: list[str], filename: str | None, limit: int, stream=None):
        self.given = paths
        self.filename = filename or "stdin.txt"
        self.limit = limit
        self.stream = stream
        self.paths = list(paths)
        self.names: dict[str, str] = {}  # temporary path -> the name to report
        self.error: str | None = None
        self._folder: str | None = None

    @property
    def used(self) -> bool:
        return bool(self.names)

    def __enter__(self) -> StdinInput:
        if "-" not in self.given:
            return self
        if self.given.count("-") > 1:
            self.error = "标准输入（-）只能给出一次"
            return self
        stream = self.stream or sys.stdin.buffer
        data = stream.read(self.limit + 1)
        if len(data) > self.limit:
            self.error = f"标准输入超过大小限制（{self.limit} 字节，配置项 max-file-size）"
            return self
        import tempfile  # only when reading standard input
        from pathlib import PurePath

        self._folder = tempfile.mkdtemp(prefix="gaic-lint-stdin-")
        temp = os.path.join(self._folder, PurePath(self.filename).name or "stdin.txt")
        with open(temp, "wb") as fh:
            fh.write(data)
        self.names[temp] = self.filename
        self.paths = [temp if p == "-" else p for p in self.given]
        return self

    def label(self, path: str) -> str:
        return self.names.get(path, path)

    def rename(self, result):
        """The result as if the file had been read under the given name."""
        name = self.names.get(result.path)
        if name is not None:
            result.path = name
            for d in result.diagnostics:
                d.file = name
        return result

    def __exit__(self, *exc) -> None:
        if self._folder:
            import shutil

            shutil.rmtree(self._folder, ignore_errors=True)
