"""Brackets and quotation marks are paired in one pass over a paragraph, whatever its length."""

from __future__ import annotations

import time

from gaic_lint.rules.text.title_marks import unpaired_brackets


def test_each_unpaired_mark_is_found_once():
    closes, opens = unpaired_brackets("甲）乙（丙“丁”戊（己")
    assert [i for i, _ in closes] == [1]
    assert opens == [(3, "（）")]


def test_a_list_number_closes_nothing():
    assert unpaired_brackets("1）公开指南；2）公开目录。") == ([], [])


def test_long_paragraphs_take_linear_time():
    text = "（" * 100_000 + "）" * 50_000 + "）“" * 50_000
    start = time.perf_counter()
    closes, opens = unpaired_brackets(text)
    assert time.perf_counter() - start < 2.0
    assert closes == [] and [f for _, f in opens] == ["“”"]
