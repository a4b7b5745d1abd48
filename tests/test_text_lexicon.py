"""The shared Chinese-text heuristics, each tested once, where it is defined."""

from __future__ import annotations

import pytest

from gaic_lint.text import charsets, lexicon, numerals, sentences
from gaic_lint.text.normalize import (
    bigram_similarity,
    norm_label,
    normalize_spaces,
    parse_number,
    strip_enumerator,
)


@pytest.mark.parametrize("ch, ideograph, cjk_text", [
    ("政", True, True), ("㐀", True, True), ("豈", True, True),
    ("，", False, True), ("。", False, True), ("A", False, False), ("1", False, False),
])
def test_character_classes(ch, ideograph, cjk_text):
    assert lexicon.is_ideograph(ch) is ideograph
    assert lexicon.is_cjk_text(ch) is cjk_text


@pytest.mark.parametrize("text", ["", " ", "-", "—", "——", "/", "／", "－", " - "])
def test_blank_cells(text):
    assert lexicon.is_blank_cell(text)


@pytest.mark.parametrize("text", ["0", "1362", "无", "-1", "—1"])
def test_cells_that_are_not_blank(text):
    assert not lexicon.is_blank_cell(text)


@pytest.mark.parametrize("text, number", [
    ("1362", True), ("1,362", True), ("-3", True), ("+3", True), ("2.5", True),
    ("-", False), ("一", False), ("3年", False), (",3", False), ("", False),
])
def test_number_tokens(text, number):
    assert lexicon.is_number_token(text) is number


@pytest.mark.parametrize("text, number", [
    ("1,362", 1362.0), ("１２", 12.0), ("−5", -5.0), (" 7 ", 7.0), ("-", None), ("约3", None),
])
def test_a_cell_number_is_parsed_from_its_usual_spellings(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text, enumerator", [
    ("一、总体情况", True), ("三 . 其他", True), ("（一）予以公开", True), ("(2) 行政复议", True),
    ("1.规章", True), ("2、规范性文件", True), ("1.5万件", False), ("本年度", False), ("第一，", False),
])
def test_enumerators(text, enumerator):
    assert bool(lexicon.ENUMERATOR.match(text)) is enumerator


@pytest.mark.parametrize("line", ["- 3 -", "— 12 —", "-3-", "第3页", "第 3 页 共 6 页", "第3页，共6页",
                                  "第3页/6页", "3 / 6", "-3"])
def test_page_numbers(line):
    assert lexicon.is_page_number(line)


def test_a_bare_number_is_a_page_number_only_where_page_numbers_stand():
    assert not lexicon.is_page_number("  12 ")
    assert lexicon.is_page_number("  12 ", bare=True)
    assert not lexicon.is_page_number("（一）予以公开 12")


@pytest.mark.parametrize("line, numeral, title", [
    ("一、总体情况", "一", "总体情况"), ("第三部分 收到和处理政府信息公开申请情况", "三", "收到和处理政府信息公开申请情况"),
    ("  四．政府信息公开行政复议、行政诉讼情况 ", "四", "政府信息公开行政复议、行政诉讼情况"),
])
def test_part_headings(line, numeral, title):
    m = lexicon.PART_HEADING.match(line)
    assert m is not None and m.group(1) == numeral and m.group(2) == title
    assert lexicon.PART_HEADING_START.match(line.replace("第", "").replace("部分", "、"))


def test_a_section_enumerator_is_not_a_part_heading():
    assert not lexicon.PART_HEADING.match("（一）主动公开")
    assert not lexicon.PART_HEADING_START.match("（一）主动公开")


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十三", 13), ("十九", 19), ("二十", None), ("零", None)])
def test_chinese_numerals_are_parsed(text, value):
    assert numerals.zh_numeral(text) == value


@pytest.mark.parametrize("n, style, text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (21, "chineseCounting", "二十一"), (105, "chineseCounting", "一百零五"),
    (12, "chineseLegalSimplified", "壹拾贰"), (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"),
    (3, "decimalEnclosedCircle", "③"), (27, "upperLetter", "AA"), (3, "ideographTraditional", "丙"),
    (7, "decimalFullWidth", "７"), (2, "bullet", ""), (5, "decimal", "5"),
])
def test_counters_are_formatted_as_word_processors_draw_them(n, style, text):
    assert numerals.format_number(n, style) == text


def test_parse_and_format_agree_on_the_part_numbers():
    for n in range(1, 20):
        assert numerals.zh_numeral(numerals.chinese(n)) == n


def test_sentences_end_at_full_stops_and_keep_their_offsets():
    text = "一是公开。二是解读！三是回应；四是"
    pieces = list(sentences.iter_sentences(text))
    assert [s for _, s in pieces] == ["一是公开。", "二是解读！", "三是回应；", "四是"]
    assert all(text[offset:offset + len(s)] == s for offset, s in pieces)


def test_the_sentence_end_sets_nest():
    assert set(sentences.SENTENCE_END) < set(sentences.CLAUSE_END) < set(sentences.CLOSED_END)


def test_squashed_text_maps_back_to_the_original():
    text = "共 1 362 件，\n同比"
    squashed, index = sentences.squash_with_index(text)
    assert squashed == "共1362件，同比"
    assert [text[i] for i in index] == list(squashed)


def test_labels_compare_across_widths_spaces_and_enumerator_styles():
    assert norm_label("（一） 予以公开") == norm_label("(一)予以公开")
    assert norm_label("1 、规章") == norm_label("1.规章")
    assert strip_enumerator("（三）不予公开") == "不予公开"
    assert bigram_similarity("总体情况", "总体情况") == 1.0
    assert bigram_similarity("总体情况", "其他需要报告的事项") < 0.3


def test_pdf_spaces_next_to_cjk_go_and_spaces_between_latin_words_stay():
    assert normalize_spaces("2025 年 第 711 号") == "2025年第711号"
    assert normalize_spaces("电话 0635 8419595") == "电话0635 8419595"


def test_gb18030_plausibility_tells_chinese_from_misread_bytes():
    assert charsets.plausible_chinese("政府信息公开工作年度报告")
    assert not charsets.plausible_chinese("政府情報公開".encode("shift_jis").decode("gb18030", "replace") * 5)


@pytest.mark.parametrize("label, codec", [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ('"x-gbk"', "gb18030"), ("UTF-8", "utf-8"),
    ("ISO-8859-1", "iso8859-1"), ("no-such-charset", None), (None, None),
])
def test_charset_labels_map_to_codecs(label, codec):
    assert charsets.codec_for(label) == codec


def test_byte_order_marks_name_their_codec():
    assert dict((bom, name) for bom, name in charsets.BOMS)["\ufeff".encode("utf-8")] == "utf-8-sig"
