"""Fuzz the HTML reader: any bytes give a Document or an InputError."""

import atheris

with atheris.instrument_imports():
    from gaic_lint.model import InputError
    from gaic_lint.readers.html import read_html

import _common


def test_one(data: bytes) -> None:
    try:
        read_html("fuzz.html", data, {})
    except InputError:
        pass


if __name__ == "__main__":
    _common.main("html", _common.seeds("fixtures/html/*.html", "fixtures/html/variants/*.html",
                                       "fixtures/bad/*.html"), test_one)
