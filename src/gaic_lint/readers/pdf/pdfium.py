"""The pdfium calls the PDF reader makes, bound directly with ctypes to the library pypdfium2 ships.

Importing pypdfium2 costs about 20 ms of CPU on every PDF run (its generated bindings declare every
function of pdfium, and its helpers pull in argparse, typing, json and uuid); the reader needs about
thirty functions. Those called once per character, page object or path segment are bound a second
time without argument types (`raw.unchecked`, see `_UNCHECKED`): half the cost of a call or less on a
table page. This module exposes the small part of pypdfium2's interface the reader uses
(`PdfDocument`, `PdfiumError`, `raw`), so the reader's functions take either this module or pypdfium2
itself (the tests compare against pypdfium2 and pdfplumber). The library is pypdfium2's own file,
found without importing pypdfium2; when it is not where pypdfium2_raw keeps it, pypdfium2_raw's
loader is asked. Initialising pdfium twice (here and by pypdfium2, which pdfplumber imports) is
harmless: pdfium ignores a second initialisation.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from codecs import decode
from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ulong, c_ushort, c_void_p
from pathlib import Path
from types import SimpleNamespace

__all__ = ["PdfDocument", "PdfiumError", "raw"]


class PdfiumError(RuntimeError):
    def __init__(self, message: str, err_code: int | None = None) -> None:
        super().__init__(message)
        self.err_code = err_code


class FS_MATRIX(ctypes.Structure):  # noqa: N801  pdfium's name
    _fields_ = [(name, c_float) for name in "abcdef"]


class FS_RECTF(ctypes.Structure):  # noqa: N801  pdfium's name
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class _Config(ctypes.Structure):  # FPDF_LIBRARY_CONFIG, version 2 (what pypdfium2 passes)
    _fields_ = [("version", c_int), ("m_pUserFontPaths", c_void_p), ("m_pIsolate", c_void_p),
                ("m_v8EmbedderSlot", c_uint)]


_P = c_void_p  # every handle: a document, page, text page, page object or path segment
_SIGNATURES = {
    "FPDF_InitLibraryWithConfig": (None, [POINTER(_Config)]),
    "FPDF_LoadMemDocument64": (_P, [c_void_p, ctypes.c_size_t, ctypes.c_char_p]),
    "FPDF_GetLastError": (c_ulong, []),
    "FPDF_GetPageCount": (c_int, [_P]),
    "FPDF_CloseDocument": (None, [_P]),
    "FPDF_LoadPage": (_P, [_P, c_int]),
    "FPDF_ClosePage": (None, [_P]),
    "FPDF_GetPageWidthF": (c_float, [_P]),
    "FPDF_GetPageHeightF": (c_float, [_P]),
    "FPDFPage_CountObjects": (c_int, [_P]),
    "FPDFPage_GetObject": (_P, [_P, c_int]),
    "FPDFPageObj_GetType": (c_int, [_P]),
    "FPDFPageObj_GetMatrix": (c_int, [_P, POINTER(FS_MATRIX)]),
    "FPDFPageObj_GetStrokeColor": (c_int, [_P] + [POINTER(c_uint)] * 4),
    "FPDFPageObj_GetFillColor": (c_int, [_P] + [POINTER(c_uint)] * 4),
    "FPDFFormObj_CountObjects": (c_int, [_P]),
    "FPDFFormObj_GetObject": (_P, [_P, c_ulong]),
    "FPDFPath_GetDrawMode": (c_int, [_P, POINTER(c_int), POINTER(c_int)]),
    "FPDFPath_CountSegments": (c_int, [_P]),
    "FPDFPath_GetPathSegment": (_P, [_P, c_int]),
    "FPDFPathSegment_GetPoint": (c_int, [_P, POINTER(c_float), POINTER(c_float)]),
    "FPDFPathSegment_GetType": (c_int, [_P]),
    "FPDFPathSegment_GetClose": (c_int, [_P]),
    "FPDFText_LoadPage": (_P, [_P]),
    "FPDFText_ClosePage": (None, [_P]),
    "FPDFText_CountChars": (c_int, [_P]),
    "FPDFText_GetText": (c_int, [_P, c_int, c_int, POINTER(c_ushort)]),
    "FPDFText_GetTextIndexFromCharIndex": (c_int, [_P, c_int]),
    "FPDFText_GetUnicode": (c_uint, [_P, c_int]),
    "FPDFText_GetTextObject": (_P, [_P, c_int]),
    "FPDFText_IsGenerated": (c_int, [_P, c_int]),
    "FPDFText_GetCharBox": (c_int, [_P, c_int] + [POINTER(c_double)] * 4),
    "FPDFText_GetLooseCharBox": (c_int, [_P, c_int, POINTER(FS_RECTF)]),
    "FPDFTextObj_GetText": (c_ulong, [_P, _P, POINTER(c_ushort), c_ulong]),
}

# The calls made once per character, page object or path segment, bound a second time without
# argument types: ctypes then passes the arguments as they are instead of converting each through its
# declared type, which halves the cost of a call (about 0.5 us instead of 1 to 1.5). The caller passes
# handles as `Handle`s (or c_void_p), indices as ints and outputs by reference. Calls with an unsigned
# long argument keep their declared types: an int is passed as a 32-bit value.
_UNCHECKED = {
    "FPDFPage_GetObject": "handle",
    "FPDFPageObj_GetType": c_int,
    "FPDFPageObj_GetMatrix": c_int,
    "FPDFPageObj_GetStrokeColor": c_int,
    "FPDFPageObj_GetFillColor": c_int,
    "FPDFFormObj_CountObjects": c_int,
    "FPDFPath_GetDrawMode": c_int,
    "FPDFPath_CountSegments": c_int,
    "FPDFPath_GetPathSegment": "handle",
    "FPDFPathSegment_GetPoint": c_int,
    "FPDFPathSegment_GetType": c_int,
    "FPDFPathSegment_GetClose": c_int,
    "FPDFText_GetUnicode": c_uint,
    "FPDFText_GetTextObject": c_void_p,  # only compared with objects' addresses: an int will do
    "FPDFText_IsGenerated": c_int,
    "FPDFText_GetCharBox": c_int,
    "FPDFText_GetLooseCharBox": c_int,
}


class Handle(c_void_p):
    """A pointer an unchecked call returns: a subclass of c_void_p comes back from ctypes as itself,
    not converted to an int, so it goes straight into the next call (a bare int would not: ctypes
    passes an int without a declared type as a 32-bit C int)."""


_LIBRARY_NAMES = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}


def _library() -> ctypes.CDLL:
    spec = importlib.util.find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    name = _LIBRARY_NAMES.get(sys.platform, "libpdfium.so")
    for folder in folders:
        if (Path(folder) / name).is_file():
            return ctypes.CDLL(str(Path(folder) / name))
    from pypdfium2_raw import bindings  # a pdfium found elsewhere: pypdfium2_raw knows where

    return ctypes.CDLL(bindings._libs["pdfium"]._name)


def _bind() -> SimpleNamespace:
    lib = _library()
    api = SimpleNamespace(FS_MATRIX=FS_MATRIX, FS_RECTF=FS_RECTF, FPDF_PAGEOBJ_TEXT=1, FPDF_PAGEOBJ_PATH=2,
                          FPDF_PAGEOBJ_FORM=5, FPDF_SEGMENT_MOVETO=2)
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = lib[name]
        function.restype, function.argtypes = restype, argtypes
        setattr(api, name, function)
    api.unchecked = SimpleNamespace()
    # The same library through PyDLL: its calls keep the GIL instead of releasing and taking it back
    # around each one, a good part of the cost of a call that returns in well under a microsecond.
    quick = ctypes.PyDLL(lib._name, handle=lib._handle)
    for name, restype in _UNCHECKED.items():
        function = quick[name]  # a new function object: the checked one keeps its argument types
        function.restype = Handle if restype == "handle" else restype
        setattr(api.unchecked, name, function)
    api.FPDF_InitLibraryWithConfig(ctypes.byref(_Config(2, None, None, 0)))
    return api


raw = _bind()


class PdfDocument:
    """An open document: `len()`, `doc[index]` (a `PdfPage`), `close()`. `source`: the file's bytes
    (kept alive as long as the document: pdfium reads them in place) or its path."""

    def __init__(self, source: bytes | str | Path) -> None:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        self._data = data
        self.raw = raw.FPDF_LoadMemDocument64(data, len(data), None)
        if raw.FPDF_GetPageCount(self.raw) < 1:
            code = raw.FPDF_GetLastError()
            if self.raw:
                raw.FPDF_CloseDocument(self.raw)
                self.raw = None
            raise PdfiumError(f"Failed to load document (PDFium error {code}).", err_code=code)

    def __len__(self) -> int:
        return raw.FPDF_GetPageCount(self.raw)

    def __getitem__(self, index: int) -> PdfPage:
        handle = raw.FPDF_LoadPage(self.raw, index)
        if not handle:
            raise PdfiumError("Failed to load page.")
        return PdfPage(handle)

    def close(self) -> None:
        if self.raw:
            raw.FPDF_CloseDocument(self.raw)
            self.raw = None


class PdfPage:
    def __init__(self, handle: int) -> None:
        self.raw = handle

    def get_size(self) -> tuple[float, float]:
        return raw.FPDF_GetPageWidthF(self.raw), raw.FPDF_GetPageHeightF(self.raw)

    def get_textpage(self) -> PdfTextPage:
        handle = raw.FPDFText_LoadPage(self.raw)
        if not handle:
            raise PdfiumError("Failed to load text page.")
        return PdfTextPage(handle)

    def close(self) -> None:
        if self.raw:
            raw.FPDF_ClosePage(self.raw)
            self.raw = None


class PdfTextPage:
    def __init__(self, handle: int) -> None:
        self.raw = handle

    def count_chars(self) -> int:
        count = raw.FPDFText_CountChars(self.raw)
        if count == -1:
            raise PdfiumError("Failed to get character count.")
        return count

    def get_text_range(self, index: int = 0, count: int = -1) -> str:
        """The text of characters index .. index + count - 1, as pypdfium2 reads it: characters pdfium
        leaves out of the text at either end of the range are dropped from the range first (otherwise
        pdfium reads past it), and the text is decoded as UTF-16 ignoring unpaired surrogates."""
        if count == -1:
            count = self.count_chars() - index
        first, last, left, right = index, index + count - 1, 0, 0
        while True:
            if first > last:
                return ""
            start = raw.FPDFText_GetTextIndexFromCharIndex(self.raw, first)
            if start == -1:
                first, left = first + 1, left + 1
                continue
            end = raw.FPDFText_GetTextIndexFromCharIndex(self.raw, last)
            if end == -1:
                last, right = last - 1, right + 1
                continue
            break
        index += left
        count -= left + right
        size = end + 2 - start  # the terminating NUL included
        buffer = (c_ushort * size)()
        written = raw.FPDFText_GetText(self.raw, index, count, buffer)
        return decode(memoryview(buffer)[:written - 1], "utf-16-le", errors="ignore")

    def close(self) -> None:
        if self.raw:
            raw.FPDFText_ClosePage(self.raw)
            self.raw = None
