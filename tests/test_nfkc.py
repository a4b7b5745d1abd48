"""The quick NFKC of Chinese text gives what the standard normalizer gives, whatever the text."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_lint.text.normalize import nfkc

# Characters that change under NFKC, alone or with their neighbours: full-width forms, a full-width
# letter before a combining mark, compatibility ideographs, ligatures, circled numbers, Hangul jamo.
_TRICKY = "，：；（）！？％０１２３４５６７８９　Ａａ\u0301\u0308\uf900\ufb01①㈱\u1100\u1161\u11a8ｶﾞ"
_TEXT = st.text(alphabet=st.sampled_from(_TRICKY + "政府信息公开年度报告。、“”《》 -0123abc"), max_size=40)


def test_report_text_gives_what_the_normalizer_gives():
    text = "（一）主动公开：2025年，本机关共公开政府信息１２６条，占１００％；无依申请公开。"
    assert nfkc(text) == unicodedata.normalize("NFKC", text) != text


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_gives_what_the_normalizer_gives(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
