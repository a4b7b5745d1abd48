"""A number split across two cells by extraction is told apart from an arithmetic error: joined back,
every identity of the table holds again; a wrong number is never called a split one."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gaic_lint.rulebook import load
from gaic_lint.rulebook.identities import compile_identity
from gaic_lint.split_numbers import Split, find_split, join_parts, split_candidates

BOOK = load()
T3 = BOOK.tables["t3"]
T4 = BOOK.tables["t4"]
RESULTS = [r.key for r in T3.rows[T3.rows.index(T3.row("public")): T3.rows.index(T3.row("other_handling")) + 1]]
APPLICANTS = [c.key for c in T3.columns if c.key != "total"]


def identities(spec):
    """Every identity of the template, instantiated on each row or column as table-balance does."""
    out = []
    for identity in spec.identities:
        terms = compile_identity(identity, spec)
        for item in spec.columns if identity.each == "column" else spec.rows:
            out.append([(t.sign * t.side, (t.key, item.key) if identity.each == "column" else (item.key, t.key))
                        for t in terms])
    return out


T3_IDS = identities(T3)
T4_IDS = identities(T4)
T3_LINES = [[(r.key, c.key) for c in T3.columns] for r in T3.rows]
T4_LINE = [[(r.key, c.key) for r in T4.rows for c in T4.columns]]

count = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 400))


@st.composite
def balanced_t3(draw) -> dict:
    values = {}
    for col in APPLICANTS:
        for row in RESULTS:
            values[(row, col)] = draw(count)
        results = sum(values[(row, col)] for row in RESULTS)
        carry_over = draw(count)
        carried = draw(st.integers(0, results + carry_over))
        values.update({("results_total", col): results, ("carry_over", col): carry_over,
                       ("carried", col): carried, ("new", col): results + carry_over - carried})
    for row in T3.rows:
        values[(row.key, "total")] = sum(values[(row.key, col)] for col in APPLICANTS)
    return values


def balances(texts: dict, ids) -> bool:
    return all(sum(c * float(texts[k]) for c, k in identity) == 0 for identity in ids)


def recognised(true: Split, texts, lines, ids, strays) -> list[Split]:
    """The true split is always a candidate; it is named unless another repair balances as well
    ("7" "70" or "77" "0" in 表四 both hold), and then nothing is named."""
    candidates = split_candidates(texts, lines, ids, strays)
    assert true in candidates
    assert find_split(texts, lines, ids, strays) == (true if len(candidates) == 1 else None)
    return candidates


def texts_of(values: dict) -> dict:
    return {k: str(v) for k, v in values.items()}


def split_row(texts: dict, line: list, index: int, cut: int, keep_stray: bool):
    """The row as extraction reads it when the number at `index` is cut after `cut` digits."""
    read = [texts[k] for k in line]
    number = read[index]
    read[index: index + 1] = [number[:cut], number[cut:]]
    out = dict(texts)
    out.update(zip(line, read))
    return out, (read[len(line)] if keep_stray else None)


def test_join_parts():
    assert join_parts("1", "2") == "12"
    assert join_parts("1", "05") == "105"
    assert join_parts("0", "5") is None  # never written "05"
    assert join_parts("1.5", "2") is None
    assert join_parts("-1", "2") is None


def test_split_in_t3_row_with_stray_number():
    values = {k: 0 for line in T3_LINES for k in line}
    for col, n in zip(APPLICANTS, (12, 1, 0, 0, 0, 0)):
        values[("public", col)] = values[("results_total", col)] = n
        values[("new", col)] = n
    for row in ("public", "results_total", "new"):
        values[(row, "total")] = 13
    texts, stray = split_row(texts_of(values), T3_LINES[T3.rows.index(T3.row("public"))], 0, 1, True)
    assert texts[("public", "natural")] == "1" and texts[("public", "business")] == "2" and stray == "13"
    found = find_split(texts, T3_LINES, T3_IDS, {T3.rows.index(T3.row("public")): stray})
    assert found == Split(("public", "natural"), ("public", "business"), ("1", "2"), 12)


def test_a_wrong_number_is_not_a_split_one():
    values = {k: 0 for line in T3_LINES for k in line}
    for row in ("public", "results_total", "new"):
        values[(row, "natural")] = values[(row, "total")] = 12
    texts = texts_of(values)
    texts[("public", "natural")] = "21"  # a typing error, not a reading artefact
    assert find_split(texts, T3_LINES, T3_IDS) is None
    texts[("public", "natural")] = "1"
    texts[("public", "business")] = "3"  # "1" "3" do not make 12
    assert find_split(texts, T3_LINES, T3_IDS) is None


def test_balanced_table_has_no_split():
    values = {k: 0 for line in T3_LINES for k in line}
    values[("public", "natural")] = values[("results_total", "natural")] = values[("new", "natural")] = 12
    for row in ("public", "results_total", "new"):
        values[(row, "total")] = 12
    assert find_split(texts_of(values), T3_LINES, T3_IDS) is None


@settings(max_examples=60, deadline=None)
@given(balanced_t3(), st.data())
def test_any_split_number_in_a_balanced_t3_is_recognised(values, data):
    texts = texts_of(values)
    long = [(i, j) for i, line in enumerate(T3_LINES) for j, k in enumerate(line) if values[k] >= 10]
    if not long:
        return
    i, j = data.draw(st.sampled_from(long))
    line = T3_LINES[i]
    number = texts[line[j]]
    cut = data.draw(st.integers(1, len(number) - 1))
    # A second part that fell off the end is lost: that reading is one wrong cell, and says nothing more.
    keep_stray = j == len(line) - 1 or data.draw(st.booleans())
    read, stray = split_row(texts, line, j, cut, keep_stray)
    assume(not balances(read, T3_IDS))  # a split that leaves the table balanced is no finding of this check
    strays = {i: stray} if stray is not None else {}
    second = line[j + 1] if j + 1 < len(line) else None
    true = Split(line[j], second, (number[:cut], number[cut:]), int(number))
    # 表三's column identities cross every row, so there a split is never ambiguous.
    assert recognised(true, read, T3_LINES, T3_IDS, strays) == [true]


@settings(max_examples=60, deadline=None)
@given(balanced_t3(), st.data())
def test_one_wrong_number_in_a_balanced_t3_is_never_a_split(values, data):
    texts = texts_of(values)
    key = data.draw(st.sampled_from(sorted(texts)))
    wrong = data.draw(st.integers(0, 999).filter(lambda n: n != values[key]))
    texts[key] = str(wrong)
    assert find_split(texts, T3_LINES, T3_IDS) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(count, min_size=4, max_size=4), min_size=3, max_size=3), st.data())
def test_split_in_flat_t4_shifts_every_later_group(groups, data):
    row = [str(n) for g in groups for n in (*g, sum(g))]
    long = [j for j, t in enumerate(row) if len(t) > 1]
    if not long:
        return
    j = data.draw(st.sampled_from(long))
    cut = data.draw(st.integers(1, len(row[j]) - 1))
    read = row[:j] + [row[j][:cut], row[j][cut:]] + row[j + 1:]
    texts = dict(zip(T4_LINE[0], read))
    assume(not balances(texts, T4_IDS))
    second = T4_LINE[0][j + 1] if j + 1 < 15 else None
    recognised(Split(T4_LINE[0][j], second, (row[j][:cut], row[j][cut:]), int(row[j])), texts, T4_LINE, T4_IDS,
               {0: read[15]})


def test_table_balance_says_split_instead_of_naming_a_wrong_cell(tmp_report):
    from conftest import lint

    # seed 003 writes one cell per line; （一）予以公开 / 自然人 is line 105 ("\t18"), read as "1" and "8".
    def edit(text):
        lines = text.split("\n")
        assert lines[104] == "\t18"
        lines[104:105] = ["\t1", "\t8"]
        return "\n".join(lines)

    found = [d for d in lint(tmp_report("003", edit)) if d.code.startswith("T1")]
    assert len(found) == 1
    assert found[0].code == "T110" and found[0].rule == "split-number"
    d = found[0]
    assert d.location.cell_path == "表三 · （一）予以公开 · 自然人"
    assert (d.location.line, d.location.column) == (105, 2)
    assert "合起来是 18" in d.message and "拆到了两个单元格" in d.message
    assert "应为" not in d.message  # no wrong cell is named


def test_split_in_the_last_column_with_one_cell_per_line(tmp_report):
    from conftest import lint

    # seed 003: the （一）予以公开 row ends with its 总计 "\t19" on line 111, read as "1" and "9".
    def edit(text):
        lines = text.split("\n")
        assert lines[110] == "\t19"
        lines[110:111] = ["\t1", "\t9"]
        return "\n".join(lines)

    found = [d for d in lint(tmp_report("003", edit)) if d.code.startswith("T1")]
    assert [d.location.cell_path for d in found] == ["表三 · （一）予以公开 · 总计"]
    assert "合起来是 19" in found[0].message and "该行之后" in found[0].message


def test_split_in_a_tab_separated_row_with_the_total_pushed_out(tmp_report):
    from conftest import lint

    # seed 001 (tab-separated, all zeros): 12 applications from 自然人, all 予以公开; the 予以公开 row is then
    # read with "12" as "1" "2", its 总计 12 pushed past the last column.
    def edit(text):
        for label in ("一、本年新收政府信息公开申请数量\t", "(七) 总计\t"):
            text = text.replace(f"{label}\t0\t0\t0\t0\t0\t0\t0\t", f"{label}\t12\t0\t0\t0\t0\t0\t12\t", 1)
        return text.replace("(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t", "(一) 予以公开\t1\t2\t0\t0\t0\t0\t0\t12", 1)

    path = tmp_report("001", edit)
    found = [d for d in lint(path) if d.code.startswith("T1")]
    assert [d.location.cell_path for d in found] == ["表三 · （一）予以公开 · 自然人"]
    assert "合起来是 12" in found[0].message and "“商业企业”列" in found[0].message
