"""The characters every match of a pattern contains (text.required), which rules test before searching."""

import re

import pytest

from conftest import SEEDS, no_cache_beside_the_package
from gaic_lint.rulebook import load
from gaic_lint.text.required import could_match, first_chars, required_chars


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


@pytest.mark.parametrize("pattern, first", [
    ("[×Ｘ]{2,}|(?<![A-Za-z])X{2,}(?![A-Za-z])", "×ＸX"),
    ("(?:共|计|公开)\\s{2,}件", "共计公"),
    ("[【\\[]\\s*待", "【["),
    ("^(?=a)ab", "a"),
    ("a?b", None),
    ("\\d+", None),
    ("[^a]b", None),
    ("(?:)", None),
    ("x*|y", None),
    ("(?i)ab", None),
    (".a", None),
])
def test_first_chars_of_a_pattern(pattern, first):
    expected = None if first is None else frozenset(first)
    assert first_chars(re.compile(pattern)) == expected


def test_the_gate_passes_every_text_a_pattern_matches_in():
    book = load(())
    patterns = [re.compile(e["pattern"]) for e in book.placeholders] + [c.pattern for c in book.claims]
    gated = [p for p in patterns if first_chars(p) is not None]
    assert gated  # the test says something only if some patterns have a gate
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += ["共计××件", "本年共  件", "【待填】", "____", "某某单位", "0", "12", "—"]
    for text in texts:
        for piece in [text] + text.splitlines():
            for pattern in gated:
                if pattern.search(piece):
                    assert could_match(pattern)(piece), (pattern.pattern, piece[:40])
            if any(p.search(piece) for p in gated):
                assert could_match(*gated)(piece)
    assert not could_match(re.compile("某某"))("本机关共主动公开政府信息126条")


def test_the_answers_are_kept_between_runs_and_a_damaged_store_is_worked_out_anew(tmp_path, monkeypatch):
    import re._parser as parser

    from gaic_lint.text import required

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns = [re.compile(p) for p in ("(?:收到|受理)(?P<n>\\d+)件", "[\ud800-\udfff]x", "××|XX")]
    parse = parser.parse
    calls = []
    monkeypatch.setattr(parser, "parse", lambda *args, **kw: calls.append(1) or parse(*args, **kw))

    def run() -> tuple[int, list]:
        # A new run: nothing known but what the store holds.
        monkeypatch.setattr(required, "_memo", None)
        monkeypatch.setattr(required, "_added", False)
        calls.clear()
        answers = [(required.required_chars(p), required.first_chars.__wrapped__(p)) for p in patterns]
        required.save()
        return len(calls), answers

    with no_cache_beside_the_package():  # where a run whose store is missing or damaged looks next
        parsed, answers = run()
        assert parsed > 0 and answers[0] == (frozenset("件"), frozenset("受收"))
        assert run() == (0, answers)
        (store,) = (tmp_path / "gaic-lint").glob("required-*.json")
        store.write_bytes(store.read_bytes().replace(b"\\u4ef6", b"\\u4ef7"))  # 件 -> its neighbour
        assert run() == (parsed, answers)  # the checksum no longer holds: worked out again, not trusted
