"""The characters every match of a pattern contains (text.required), which rules test before searching."""

import re

import pytest

from conftest import SEEDS
from gaic_lint.rulebook import load
from gaic_lint.text.required import required_chars


@pytest.mark.parametrize("pattern, required", [
    ("(?:收到|受理)(?P<n>\\d+)件", "件"),
    ("行政(?:复议|诉讼)", "行政"),
    ("a|b", ""),
    ("ab{0,2}c", "ac"),
    ("(?:ab)+", "ab"),
    ("[ab]c", "c"),
    ("(?i:ab)c", "c"),
    ("(?i)abc", ""),
    ("x(?=y)", "x"),
    ("(?<!不)予以", "予以"),
])
def test_required_chars_of_a_pattern(pattern, required):
    assert required_chars(re.compile(pattern)) == frozenset(required)


def test_every_match_of_the_rulebook_patterns_holds_their_required_chars():
    book = load(())
    patterns = [c.pattern for c in book.claims] + [s.pattern for s in book.shares]
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    matched = 0
    for pattern in patterns:
        required = required_chars(pattern)
        for text in texts:
            for m in pattern.finditer(text.replace(" ", "")):
                matched += 1
                assert required <= set(m.group(0)), (pattern.pattern, m.group(0))
    assert matched > 0
