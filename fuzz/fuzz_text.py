"""Fuzz the text/Markdown reader and the report builder: a Report or an InputError."""

import atheris

with atheris.instrument_imports():
    from gaic_lint import rulebook
    from gaic_lint.model import InputError
    from gaic_lint.readers.text import read_text
    from gaic_lint.structure.build import build

import _common

BOOK = rulebook.load()


def test_one(data: bytes) -> None:
    try:
        build(read_text("fuzz.md", data, None, markdown=True), BOOK)
    except InputError:
        pass


if __name__ == "__main__":
    _common.main("text", _common.seeds("fixtures/seeds/*.txt", "fixtures/bad/*.md", "fixtures/bad/*.txt"),
                 test_one)
