"""Word's list numbering: the visible "一、" "1." "（二）" of automatically numbered paragraphs, counted
the way Word counts them."""

from __future__ import annotations

from ...text.numerals import format_number
from .package import VAL, W
from .styles import Styles, int_or

# Word accepts list starts up to 32767 and number formats (lvlText) of a few dozen characters; a
# file asking for more would make every label megabytes long (letters repeat: 2,000,000,000 in
# upperLetter is 77 million "Z"s), so both are clamped to what Word itself can show.
MAX_START = 32767
MAX_LEVEL_TEXT = 255
# A counter drawn longer than this (letters or roman numerals of a huge count) is drawn in digits.
MAX_LABEL = 32


def _clamp(value: int | None) -> int | None:
    return None if value is None else max(0, min(value, MAX_START))


def _draw(value: int, fmt: str) -> str:
    drawn = format_number(value, fmt)
    return drawn if len(drawn) <= MAX_LABEL else str(value)


class _Level:
    __slots__ = ("fmt", "legal", "restart", "start", "suffix", "text")

    def __init__(self, lvl):
        def val(tag, default=None):
            el = lvl.find(W + tag)
            return el.get(VAL, default) if el is not None else default

        self.start = _clamp(int_or(val("start"), 1))
        self.fmt = val("numFmt", "decimal")
        text = val("lvlText")
        self.text = text[:MAX_LEVEL_TEXT] if text is not None else None
        self.suffix = {"nothing": "", "space": " "}.get(val("suff", "tab"), " ")
        self.restart = int_or(val("lvlRestart"))
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and legal.get(VAL, "1") not in ("0", "false", "off")


class Numbering:
    """numbering.xml and the running counters of every list in the document. The lists are read from
    the part when a paragraph first asks for a number: most reports number their headings by hand."""

    def __init__(self, root, styles: Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles
        self._root = root

    def _load(self, root) -> None:
        for absnum in root.iter(W + "abstractNum"):
            aid = absnum.get(W + "abstractNumId")
            self.abstract[aid] = {int_or(lvl.get(W + "ilvl"), 0): _Level(lvl) for lvl in absnum.iter(W + "lvl")}
            link = absnum.find(W + "numStyleLink")
            if link is not None and link.get(VAL):
                self.style_link[aid] = link.get(VAL)
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid_el = num.find(W + "abstractNumId")
            if nid is None or aid_el is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = int_or(ov.get(W + "ilvl"), 0)
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[ilvl] = _clamp(int_or(so.get(VAL), 1))
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _Level(lvl)
            self.nums[nid] = (aid_el.get(VAL), overrides, starts)

    def _levels(self, aid: str) -> tuple[str, dict[int, _Level]]:
        # An abstractNum that only links to a numbering style takes the levels of that style's list.
        seen = set()
        while aid in self.style_link and aid not in seen:
            seen.add(aid)
            num_id, _ = self.styles.numbering(self.style_link[aid])
            target = self.nums.get(num_id or "")
            if target is None:
                break
            aid = target[0]
        return aid, self.abstract.get(aid, {})

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The visible number of the next paragraph of list `num_id` at level `ilvl` (and advance)."""
        if self._root is not None:
            root, self._root = self._root, None
            self._load(root)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides, starts = self.nums[num_id]
        aid, levels = self._levels(aid)
        levels = {**levels, **overrides}
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in starts.items():
                if 0 <= level < 10:
                    counters[level] = start - 1
        if not 0 <= ilvl < 10:
            return ""
        counters[ilvl] = (lvl.start if counters[ilvl] is None else counters[ilvl] + 1)
        for deeper in range(ilvl + 1, 10):
            deeper_lvl = levels.get(deeper)
            if deeper_lvl is not None and deeper_lvl.restart == 0:
                continue
            if deeper_lvl is None or deeper_lvl.restart is None or deeper_lvl.restart - 1 >= ilvl:
                counters[deeper] = None
        if lvl.fmt == "bullet" or lvl.text is None:
            return ""
        text = lvl.text
        for k in range(9, -1, -1):  # %10 is not a thing; go high to low so %1 does not eat %1x
            token = f"%{k + 1}"
            if token not in text:
                continue
            other = levels.get(k)
            value = counters[k]
            if value is None:
                value = other.start if other is not None else 1
            fmt = "decimal" if (lvl.legal and k != ilvl) or other is None else other.fmt
            text = text.replace(token, _draw(value, fmt))
        return text + lvl.suffix if text else ""
