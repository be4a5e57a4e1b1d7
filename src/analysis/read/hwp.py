"""HWP 5.0 (Hancom's binary format, an OLE compound file) → :class:`~analysis.read.document.Document`.

python-hwpx (Apache-2.0, pure Python on lxml) converts the compound file's records into the
OWPML section parts of an HWPX package, which :func:`analysis.read.hwpx.read_sections` walks:
one walk for both formats, so the same cells, spans and locations (section, paragraph, table,
row, col). pyhwp reads HWP too but is AGPL and unmaintained; hwpforge silently returns a
placeholder text for a 배포용 document (``shared/OFFICE-FORMATS.md``).

A 배포용 (distribution) or password-protected document has an encrypted body: it cannot be read
without Hancom Office, and the message says to save it as HWPX or PDF.
"""

from __future__ import annotations

import re

from analysis.errors import ReportError
from analysis.read.document import Document
from analysis.read.hwpx import read_sections

FORMAT = "hwp"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FILE_HEADER = "FileHeader".encode("utf-16-le")
_HWP3 = b"HWP Document File V"
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")
_PROTECTED = {
    "hwp5-distribution": "a 배포용 (distribution) document, whose body is encrypted",
    "hwp5-password": "a password-protected document",
    "hwp5-drm": "a DRM-protected document",
}
_SAVE_AS = "it cannot be read without Hancom Office; save it as HWPX or PDF"


def sniff(data: bytes, name: str) -> bool:
    """An OLE compound file with an HWP ``FileHeader`` stream (or named ``.hwp``), or an old
    HWP 3 file."""
    if data.startswith(_HWP3):
        return True
    return data.startswith(OLE_MAGIC) and (_FILE_HEADER in data or name.lower().endswith(".hwp"))


def read(data: bytes, source: str) -> Document:
    """The Document of an HWP 5.0 file.

    Raises
    ------
    ReportError
        For a 배포용, password- or DRM-protected document (save it as HWPX or PDF), an HWP 3
        file, or a damaged compound file.
    """
    if data.startswith(_HWP3):
        raise ReportError(source, None, "an HWP 5.0 or HWPX file", "an HWP 3 file (Hangul 97 or older); open it in Hancom Office and save it as HWPX or PDF", loc="file")
    from hwpx.errors import Hwp5Error

    try:
        files = _owpml_parts(data)
    except Hwp5Error as exc:
        if exc.code in _PROTECTED:
            raise ReportError(source, None, "an HWP file that opens without a key", f"{_PROTECTED[exc.code]}: {_SAVE_AS}", loc="file") from None
        if _CUT.search(exc.message) or len(data) < 512:  # (the 512-byte header itself cut)
            raise ReportError(source, None, "a whole HWP 5.0 file", f"a file cut short ({exc.message}): its {len(data):,} bytes are not all the compound file's sectors, "
                              "as after an incomplete download or copy; get the file again, or open it in Hancom Office and save it again", loc="file") from None
        raise ReportError(source, None, "an HWP 5.0 file", f"a damaged file ({exc.message}); open it in Hancom Office and save it again, or save it as HWPX or PDF", loc="file") from None
    except Exception as exc:  # noqa: BLE001 - the converter on hostile bytes: one message, never a traceback
        raise ReportError(source, None, "an HWP 5.0 file", f"a damaged file ({type(exc).__name__}: {exc}); open it in Hancom Office and save it again, or save it as HWPX or PDF", loc="file") from None
    parts = sorted((int(m[1]), name) for name in files if (m := _SECTION.match(name)))
    declared = _declared_sections(data)
    if declared is not None and declared > len(parts):  # the last sections' streams lost: read without them, their tables were lost too
        raise ReportError(source, None, f"an HWP 5.0 file holding the {declared} sections its DocInfo declares",
                          f"{len(parts)} section stream(s) (BodyText/Section0…): part of the document is missing; open it in Hancom Office and save it again, or save it as HWPX or PDF", loc="file")
    return read_sections([(name, files[name]) for _, name in parts], source, FORMAT, files.get("Contents/header.xml"))


_CUT = re.compile(r"outside the file|is cut short|ends before its declared size")
"""python-hwpx's words for a compound file whose sectors (its FAT, a stream's chain) reach past
the end of the bytes: the file was cut (a flipped byte in the FAT says so too, rarely)."""


def _owpml_parts(data: bytes) -> dict[str, bytes]:
    """The HWPX package parts python-hwpx converts an HWP 5.0 file into: straight from its
    converter (``hwpx.hwp5.package.convert``, what ``HwpxDocument.open`` calls), or, should a
    later version move it, through the public ``HwpxDocument`` (slower: it builds the model)."""
    try:
        from hwpx.hwp5.package import convert
    except ImportError:  # pragma: no cover - depends on the installed python-hwpx
        import io
        import warnings
        import zipfile

        from hwpx import HwpxDocument

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            package = HwpxDocument.open(data).to_bytes()
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            return {name: zf.read(name) for name in zf.namelist()}
    return convert(data).files


def _declared_sections(data: bytes) -> int | None:
    """The number of sections the document's DocInfo declares (its DOCUMENT_PROPERTIES record),
    read through python-hwpx's record reader; None when it cannot be told (the converter, which
    reads the same streams, has already judged the file)."""
    try:
        from hwpx.hwp5 import records
        from hwpx.hwp5.cfb import CompoundFile
        from hwpx.hwp5.fileheader import parse_file_header
        from hwpx.hwp5.reader import section_count

        compound = CompoundFile(data)
        raw = compound.read("DocInfo")
        if parse_file_header(compound.read("FileHeader")).compressed:
            raw = records.inflate(raw, "DocInfo")
        return section_count(records.parse_records(raw, "DocInfo"))
    except Exception:  # noqa: BLE001 - a moved module or an unreadable stream: no count to compare
        return None
