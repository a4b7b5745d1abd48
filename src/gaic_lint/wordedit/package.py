"""A .docx package read once and written again with some parts replaced or added."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = f"{{{_REL_NS}}}"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT = f"{{{_CT_NS}}}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# The file was read by the Word reader first, which refuses entities, DTDs and oversized parts; this
# parser refuses them again rather than trusting that.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)


def parse_xml(data: bytes):
    return etree.fromstring(data, _PARSER)


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    def __init__(self, data: bytes):
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.infos = z.infolist()
            self.names = {i.filename for i in self.infos}
            self.main = self._main_part(z)
            self.parts: dict[str, bytes] = {}
        self.replaced: dict[str, bytes] = {}

    def _main_part(self, z: zipfile.ZipFile) -> str:
        try:
            rels = parse_xml(z.read("_rels/.rels"))
            for rel in rels:
                if rel.get("Type") == _OFFICE_DOCUMENT:
                    return rel.get("Target", "word/document.xml").lstrip("/")
        except KeyError:
            pass
        return "word/document.xml"

    def read(self, name: str) -> bytes | None:
        if name in self.replaced:
            return self.replaced[name]
        if name not in self.names:
            return None
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            return z.read(name)

    def rels_name(self, part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def add_relationship(self, part: str, rel_type: str, target: str) -> None:
        """Relate `target` (relative to `part`'s folder) to `part`, unless it already is."""
        name = self.rels_name(part)
        raw = self.read(name)
        root = parse_xml(raw) if raw else etree.Element(_REL + "Relationships", nsmap={None: _REL_NS})
        if any(r.get("Type") == rel_type for r in root):
            return
        used = {r.get("Id") for r in root}
        n = 1
        while f"rIdGL{n}" in used:
            n += 1
        rel = etree.SubElement(root, _REL + "Relationship")
        rel.set("Id", f"rIdGL{n}")
        rel.set("Type", rel_type)
        rel.set("Target", target)
        self.replaced[name] = serialize(root)

    def add_override(self, part: str, content_type: str) -> None:
        root = parse_xml(self.read("[Content_Types].xml"))
        partname = "/" + part
        if not any(o.get("PartName") == partname for o in root if o.tag == _CT + "Override"):
            override = etree.SubElement(root, _CT + "Override")
            override.set("PartName", partname)
            override.set("ContentType", content_type)
            self.replaced["[Content_Types].xml"] = serialize(root)

    def write(self) -> bytes:
        """The package with the replaced parts, every other member as it was (same order, names,
        dates and compression), new parts at the end."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in self.infos:
                data = self.replaced.get(info.filename)
                if data is None:
                    data = src.read(info)
                dst.writestr(info, data, compress_type=info.compress_type)
            for name, data in self.replaced.items():
                if name not in self.names:
                    dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                                 compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()
