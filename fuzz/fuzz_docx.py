"""Fuzz the Word reader: any bytes give a Document or an InputError, nothing else."""

import atheris

with atheris.instrument_imports():
    from gaic_lint.model import InputError
    from gaic_lint.readers.docx import read_docx

import _common


def test_one(data: bytes) -> None:
    try:
        read_docx("fuzz.docx", data, {"max_part_size": 20 * 1024 * 1024})
    except InputError:
        pass


if __name__ == "__main__":
    _common.main("docx", _common.seeds("fixtures/docx/*.docx", "fixtures/docx/variants/*.docx",
                                       "fixtures/bad/*.docx"), test_one)
