"""A template table remembers what cell texts say, within a bound, and its answers do not change with
what it remembers."""

from __future__ import annotations

from gaic_lint import rulebook
from gaic_lint.structure import labels as labels_module
from gaic_lint.structure.labels import Labels


def _grid_spec():
    book = rulebook.load()
    return next(spec for spec in book.tables.values() if spec.layout == "grid" and spec.collapsed)


def test_a_file_of_distinct_cells_does_not_grow_what_a_template_table_remembers():
    spec = _grid_spec()
    labels = Labels(spec, ("无",))
    for i in range(3 * labels_module._REMEMBERED):
        assert labels.row(f"说明{i}") is None
        assert labels.reading(f"{i}") == (float(i), False)
    assert len(labels._rows) <= labels_module._REMEMBERED
    assert len(labels.readings) <= labels_module._REMEMBERED


def test_answers_are_the_same_remembered_or_not():
    spec = _grid_spec()
    row = spec.rows[-1]
    texts = [row.label, f"{row.label}（件）", "无", " - ", "12", "见附件", "x" * (labels_module._LONGEST + 1)]
    fresh = [(Labels(spec, ("无",)).row(t), Labels(spec, ("无",)).reading(t)) for t in texts]
    labels = Labels(spec, ("无",))
    for _ in range(2):
        assert [(labels.row(t), labels.reading(t)) for t in texts] == fresh
    assert fresh[0][0] == row and fresh[1][0] == row
    assert fresh[2][1] == (None, True) and fresh[4][1] == (12.0, False) and fresh[5][1] == (None, False)
