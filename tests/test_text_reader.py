"""Reading text and Markdown: encodings, headings, the three table layouts."""

from __future__ import annotations

import pytest

from conftest import comparable, lint, run_cli, seed
from gaic_lint.model import InputError
from gaic_lint.readers import read


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("gb18030", b""), ("gbk", b"")],
)
def test_encodings_give_the_same_findings(tmp_path, encoding, bom):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert comparable(lint(path)) == comparable(lint(seed("000")))


def test_detected_encoding_is_recorded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed("003").read_text(encoding="utf-8").encode("gbk"))
    assert read(str(path)).metadata["encoding"] == "gb18030"


def test_undecodable_bytes_are_a_clear_file_error(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    with pytest.raises(InputError) as info:
        read(str(path))
    assert "编码" in info.value.message


def test_binary_file_is_not_text(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    with pytest.raises(InputError) as info:
        read(str(path))
    assert "二进制" in info.value.message


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\t\r\n\x0b\x0c "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read(str(path))
    assert info.value.message == "文件为空"


def test_title_split_over_two_lines():
    from gaic_lint import rulebook
    from gaic_lint.structure.build import build

    report = build(read(str(seed("004"))), rulebook.load())
    assert report.title == "洪山区医疗保障局2025年政府信息公开工作年度报告"
    assert report.title_paragraph.location.line == 2


def test_cell_continued_on_unindented_line_after_blank():
    # seed 003's 表四 header writes "结果" and "维持" on lines separated by a blank line.
    from gaic_lint.model import RawTable

    tables = [i for i in read(str(seed("003"))).items if isinstance(i, RawTable)]
    texts = [c.text for t in tables for row in t.rows for c in row]
    assert "结果维持" in texts and "尚未审结" in texts and "总计" in texts
    assert "5.要求行政机关确认或重新出具已获取信息" in texts


def test_tab_indented_prose_is_not_a_table(tmp_path):
    path = tmp_path / "indented.txt"
    path.write_text(
        "示例局2025年政府信息公开工作年度报告\n\n一、总体情况\n\n"
        "\t2025年，示例局认真贯彻落实政府信息公开条例的各项要求，不断完善制度，拓宽渠道，提升公开质量和实效。\n"
        "\t全年主动公开政府信息120条，其中政策文件12件，政策解读8篇，均通过门户网站及时发布。\n",
        encoding="utf-8",
    )
    from gaic_lint.model import Block

    items = read(str(path)).items
    assert all(isinstance(i, Block) for i in items)
    assert items[-1].location.line == 6 and items[-1].location.column == 2


def test_sentence_cut_by_a_page_break_is_joined():
    # seed 000 breaks "细化公" / "开目录" over two paragraphs.
    from gaic_lint import rulebook
    from gaic_lint.structure.build import build

    report = build(read(str(seed("000"))), rulebook.load())
    joined = [p for _, p in report.paragraphs() if "细化公开目录" in p.text]
    assert len(joined) == 1
    p = joined[0]
    offset = p.text.index("开目录")
    assert p.location_at(offset).line == p.location.line + 2  # the second piece keeps its own line


def test_unreadable_file_in_a_batch_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = run_cli("--color", "never", str(bad), str(seed("000")), str(tmp_path / "missing.md"))
    assert result.returncode == 2
    assert "bad.txt" in result.stdout and "missing.md: F001 [错误] 文件不存在" in result.stdout
    assert "国办函〔2021〕109号" in result.stdout  # the good file was still linted
    assert "Traceback" not in result.stdout + result.stderr
