"""The text of every paragraph of the body, taken in one pass: element by element, or, where every text
of the part is a run's, in one serialization."""

from __future__ import annotations

from .package import W

_T, _R, _P = W + "t", W + "r", W + "p"
_TAB, _BR, _CR, _NOBREAK_HYPHEN = W + "tab", W + "br", W + "cr", W + "noBreakHyphen"
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NOBREAK_HYPHEN)


def paragraph_texts(root, run_text_only: bool = False) -> dict:
    """Every paragraph's text, keyed by its element, from one iteration over the whole body (paragraphs
    do not nest once text boxes are gone, so text belongs to the paragraph last opened). Much cheaper
    than iterating each paragraph on its own: lxml sets up a tag matcher per iteration. With
    `run_text_only` (every text of the part is a w:t's, see package.read_document), in one piece."""
    if run_text_only:
        found = _texts_at_once(root)
        if found is not None:
            return found
    texts: dict = {}
    current: list[str] = []
    for el in root.iter(_P, *_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            text = el.text
            if text:
                current.append(text)
        elif tag == _P:
            current = texts[el] = []
        elif tag == _TAB:
            if el.getparent().tag == _R:  # not a tab stop in paragraph properties
                current.append("\t")
        elif tag == _BR:
            if el.get(W + "type") in (None, "textWrapping"):  # page and column breaks are not lines
                current.append("\n")
        elif tag == _CR:
            current.append("\n")
        else:
            current.append("-")
    return {p: "".join(parts) for p, parts in texts.items()}


# Put at the start of each paragraph to cut the body's text into paragraphs: a noncharacter, which
# Word never writes; a part that holds one is read element by element.
_MARK = "\ufdd0"


def _texts_at_once(root) -> dict | None:
    """`paragraph_texts` of a body whose only texts are those of its w:t, from one serialization in C:
    making an lxml object for each run's text and taking its text costs several times as much. Tabs,
    line breaks and hyphens are given the text they stand for, and each paragraph a mark as its first
    text, so that document order puts every text after the mark of the paragraph last opened. The
    tree is changed only where the reader looks at no text. None when a mark is found in the text."""
    from lxml import etree

    for el in root.iter(_TAB, _BR, _CR, _NOBREAK_HYPHEN):
        tag = el.tag
        if tag == _TAB:
            if el.getparent().tag == _R:  # not a tab stop in paragraph properties
                el.text = "\t"
        elif tag == _BR:
            if el.get(W + "type") in (None, "textWrapping"):  # page and column breaks are not lines
                el.text = "\n"
        else:
            el.text = "\n" if tag == _CR else "-"
    paragraphs = list(root.iter(_P))
    for p in paragraphs:
        p.text = _MARK
    pieces = etree.tostring(root, method="text", encoding="unicode", with_tail=False).split(_MARK)
    if len(pieces) != len(paragraphs) + 1:
        return None
    return dict(zip(paragraphs, pieces[1:]))
