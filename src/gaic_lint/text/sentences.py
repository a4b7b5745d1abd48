"""Where sentences end, and text with its spaces squashed out that still knows where each character was."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

# Marks that end a sentence.
SENTENCE_END = "。！？；!?;"
# ... or a clause that a line may end with before a new paragraph ("…情况如下：").
CLAUSE_END = SENTENCE_END + "：:"
# ... and the closing quotes and brackets after which a paragraph is complete.
CLOSED_END = CLAUSE_END + "”」）)…"


# A sentence with its end mark, or the paragraph's unended tail (the empty match at the end is dropped
# as blank). One regex scan rather than a Python step per character: every rule that reads sentences
# splits every paragraph.
_SENTENCE = re.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}]?")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\S+")


def iter_sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; a sentence ends at 。！？； or the end of the paragraph. Blank ones
    are skipped."""
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if sentence.strip():
            yield m.start(), sentence


class SentenceIndex:
    """The sentences of a paragraph, split once (on first need): a rule that wants the sentence around
    each of its findings must not split the paragraph again for every one."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        self.sentences: list[str] = []

    def around(self, offset: int) -> str:
        """The sentence that holds `offset`; the whole paragraph when none does (a blank stretch)."""
        if self.starts is None:
            pairs = list(iter_sentences(self.text))
            self.starts = [o for o, _ in pairs]
            self.sentences = [s for _, s in pairs]
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.starts[k] + len(self.sentences[k]):
            return self.sentences[k]
        return self.text


def squash_with_index(text: str) -> tuple[str, Sequence[int]]:
    """The text without spaces, and for each of its characters the offset in the original."""
    # Most text (every Word report) has no space in a sentence: then the text is its own squashed
    # form and the index is the identity, with nothing built per character. (`\s` and str.isspace
    # are the same Unicode test.)
    if _SPACE.search(text) is None:
        return text, range(len(text))
    runs = [m.span() for m in _WORD.finditer(text)]
    return "".join([text[a:b] for a, b in runs]), [i for a, b in runs for i in range(a, b)]
