"""Paragraph styles: which are headings, which carry list numbering, resolved along `basedOn`."""

from __future__ import annotations

import re

from .package import VAL, W, parse_xml, xml_parser


class Styles:
    """Paragraph styles: heading level and numbering, each resolved along the basedOn chain. A style's
    own properties are read when a paragraph first asks for it: styles.xml defines a hundred or more
    paragraph styles, a report uses a handful."""

    def __init__(self, root):
        self.default: str | None = None
        # styleId -> its definitions in file order (a file may define one twice: later ones add to
        # and override earlier ones, property by property).
        self._defined: dict[str, list] = {}
        self._own: dict[str, tuple] = {}
        self._level_cache: dict[str, int | None] = {}
        self._num_cache: dict[str, tuple[str | None, int]] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            if style.get(W + "type") not in (None, "paragraph"):
                continue
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            if style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            self._defined.setdefault(sid, []).append(style)

    def _properties(self, sid: str) -> tuple:
        """(based on, has own level, own level, own numbering or None) of style `sid`."""
        found = self._own.get(sid)
        if found is not None:
            return found
        based_on = None
        has_level, own_level = False, None
        own_num = None
        for style in self._defined.get(sid, ()):
            based = style.find(W + "basedOn")
            if based is not None and based.get(VAL):
                based_on = based.get(VAL)
            level: int | None = None
            ppr = style.find(W + "pPr")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            if outline is not None:
                level = outline_level(outline.get(VAL))
            else:
                name = style.find(W + "name")
                level = _level_from_name(name.get(VAL) if name is not None else sid) or _level_from_name(sid)
            if level is not None or outline is not None:
                has_level, own_level = True, level
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                own_num = num_pr(numpr)
        found = self._own[sid] = (based_on, has_level, own_level, own_num)
        return found

    def heading_level(self, sid: str | None) -> int | None:
        sid = sid or self.default
        if sid is None:
            return None
        if sid in self._level_cache:
            return self._level_cache[sid]
        level, seen, cur = None, set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            based_on, has_level, own_level, _ = self._properties(cur)
            if has_level:
                level = own_level
                break
            cur = based_on
        self._level_cache[sid] = level
        return level

    def numbering(self, sid: str | None) -> tuple[str | None, int]:
        sid = sid or self.default
        if sid is None:
            return None, 0
        if sid in self._num_cache:
            return self._num_cache[sid]
        num_id, ilvl, seen, cur = None, None, set(), sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            based_on, _, _, own = self._properties(cur)
            if own is not None:
                if num_id is None and own[0] is not None:
                    num_id = own[0]
                if ilvl is None and own[1] is not None:
                    ilvl = own[1]
            cur = based_on
        result = (num_id, ilvl or 0)
        self._num_cache[sid] = result
        return result


# Styles parts already parsed, by `part_key`: reports made from one template share their styles
# part byte for byte, and inflating and cutting its 300 KB is a quarter of reading such a report.
# A Styles is never changed by a report (its caches are functions of the part alone). At most eight
# are kept.
_SHARED: dict[bytes, Styles] = {}
_MAX_SHARED = 8


def shared(key: bytes | None) -> Styles | None:
    return _SHARED.get(key) if key is not None else None


def forget_shared() -> None:
    """Drop every shared styles part (to time a report whose styles part no other report holds)."""
    _SHARED.clear()


def share(key: bytes | None, styles: Styles) -> None:
    if key is not None:
        if len(_SHARED) >= _MAX_SHARED:
            _SHARED.clear()  # one step, safe when reports are read in threads
        _SHARED[key] = styles


def outline_level(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n + 1 if 0 <= n <= 8 else None  # 9 means "body text"


def _level_from_name(name: str | None) -> int | None:
    if not name:
        return None
    key = name.replace(" ", "").lower()
    for prefix in ("heading", "标题"):
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            n = int(key[len(prefix):])
            return n if 1 <= n <= 9 else None
    return None


def int_or(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def num_pr(numpr) -> tuple[str | None, int | None]:
    num = numpr.find(W + "numId")
    lvl = numpr.find(W + "ilvl")
    return (num.get(VAL) if num is not None else None,
            int_or(lvl.get(VAL)) if lvl is not None else None)


def _opening_pattern(qualified: bytes):
    """The opening tag of a style element of a styles part whose root names Word's namespace with
    `qualified` ("w:"), with group `kept` when it opens a paragraph style (it says type="paragraph"
    or no type at all). The caller ends the search at the last ">" of the part, so that every opening
    tag ends before it."""
    return re.compile(
        b"<" + re.escape(qualified) + rb"style(?![A-Za-z0-9_])"
        rb'(?:(?P<kept>(?:(?=[^>]*type="paragraph")|(?![^>]*type=))[^>]*+>)|[^>]*+>)')


def styles_root(path: str, name: str, data: bytes):
    """Only the paragraph styles of styles.xml. Word's styles part is mostly latent and table styles
    (350 KB in a default template, most of a report's parse time); the paragraph styles are cut out
    and parsed alone, with the root's namespace declarations. Anything unexpected: parse it whole."""
    head = re.search(rb"<(?:([\w.-]+):)?styles\b[^>]*>", data)
    if head is not None:
        prefix = head.group(1)
        qualified = prefix + b":" if prefix else b""
        declared = b'xmlns:%s="%s"' % (prefix, W[1:-1].encode()) if prefix else b'xmlns="%s"' % W[1:-1].encode()
        if declared in head.group(0):
            kept = []
            opening, start = _opening_pattern(qualified), b"<" + qualified + b"style"
            closing = b"</" + qualified + b"style>"
            pos, end = head.end(), data.rfind(b">") + 1
            # Styles do not nest: a paragraph style is its opening tag up to the first closing tag
            # after it, and the search goes on from there; any other style is passed over from its
            # opening tag. bytes.find reaches each opening and closing tag several times faster than
            # the regex engine, which looks at the opening tags alone; each byte is looked at a
            # bounded number of times, whatever the part. One search crosses the bodies of the table
            # styles (most of the part).
            while (at := data.find(start, pos, end)) >= 0:
                style = opening.match(data, at, end)
                if style is None:
                    pos = at + 1
                    continue
                pos = style.end()
                if style.group("kept") is None:
                    continue
                if not data.endswith(b"/>", at, pos):
                    close = data.find(closing, pos, end)
                    if close < 0:
                        break  # a paragraph style never closed
                    pos = close + len(closing)
                kept.append(data[at:pos])
            else:
                try:
                    from lxml import etree

                    return etree.fromstring(head.group(0) + b"".join(kept) + b"</" + qualified + b"styles>", xml_parser())
                except etree.XMLSyntaxError:
                    pass  # fall back to the full, checked parse below
    return parse_xml(path, name, data)
