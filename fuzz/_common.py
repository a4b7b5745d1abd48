"""Shared by the harnesses: run one reader on fuzzer bytes and let only InputError through."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def seeds(*patterns: str) -> list[Path]:
    """Fixture files that start the corpus (atheris takes them as a corpus folder)."""
    out: list[Path] = []
    for pattern in patterns:
        out.extend(p for p in sorted(ROOT.glob(pattern)) if p.is_file() and not p.is_symlink())
    return out


def prepare_corpus(name: str, files: list[Path]) -> str:
    """A working corpus folder under fuzz/corpus/<name> (ignored by git), seeded from fixtures."""
    folder = ROOT / "fuzz" / "corpus" / name
    folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        target = folder / path.name
        if not target.exists():
            target.write_bytes(path.read_bytes())
    return str(folder)


def main(name: str, files: list[Path], test_one) -> None:
    import atheris

    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(prepare_corpus(name, files))
    # Crash files land next to the corpus, not in the working folder.
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        argv.append(f"-artifact_prefix={ROOT / 'fuzz' / 'crashes' / name}-")
        os.makedirs(ROOT / "fuzz" / "crashes", exist_ok=True)
    atheris.Setup(argv, test_one)
    atheris.Fuzz()
