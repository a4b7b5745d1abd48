"""The texts of a report that several rules read: listed once per report, and not kept past it."""

import gc

from conftest import seed
from gaic_lint.config import Config
from gaic_lint.engine import Linter
from gaic_lint.rules import base


def test_the_texts_are_listed_once_and_forgotten_with_the_report():
    linter = Linter(Config())
    report = linter.parse(str(seed("003")))
    texts = base.report_texts(report)
    assert base.report_texts(report) is texts
    assert [t for t, _ in texts[:1]] == [next(p for _, p in report.paragraphs()).text]
    assert sum(1 for t in report.raw_tables for row in t.rows for c in row if c.text) == len(texts) - sum(
        1 for _ in report.paragraphs())
    other = linter.parse(str(seed("000")))
    assert base.report_texts(other) is not texts
    del report, other
    gc.collect()
    assert base._TEXTS == [None, None]
