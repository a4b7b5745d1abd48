"""Fuzz the PDF reader (pypdfium2, then pdfplumber on table pages): a Document or an InputError."""

import atheris

with atheris.instrument_imports():
    from gaic_lint.model import InputError
    from gaic_lint.readers.pdf import read_pdf

import _common


def test_one(data: bytes) -> None:
    try:
        read_pdf("fuzz.pdf", data, {"max_pages": 20})
    except InputError:
        pass


if __name__ == "__main__":
    _common.main("pdf", _common.seeds("fixtures/pdf/*.pdf", "fixtures/pdf/variants/*.pdf", "fixtures/bad/*.pdf"),
                 test_one)
