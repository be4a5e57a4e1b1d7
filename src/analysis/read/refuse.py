"""Files that are not reports in a format the library reads: one clear message, what to do.

Asked after the office readers and before the text reader (which would otherwise try to read
a binary file as text): a Word, OpenDocument or other office file, an OLE file that is not HWP
(``.doc``, ``.xls``, ``.ppt``), an RTF document. (Other binary files, images say, get the text
reader's "binary data" message.) Each is refused with a :class:`ReportError` saying
which formats are read.
"""

from __future__ import annotations

import io
import zipfile

from analysis.errors import ReportError
from analysis.read.document import Document
from analysis.read.hwp import OLE_MAGIC

FORMAT = "refused"

_WHAT_TO_DO = "save it as HWPX or PDF (or as text), or type its tables into the template (python -m analysis template)"


def _kind(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, EOFError):
            return "a damaged zip file (not an HWPX)"
        if "word/document.xml" in names:
            return "a Word document (DOCX)"
        if "xl/workbook.xml" in names:
            return "an Excel workbook (only the template's workbooks are read, from .xlsx files)"
        if "ppt/presentation.xml" in names:
            return "a PowerPoint file (PPTX)"
        if "content.xml" in names:
            return "an OpenDocument file (ODT/ODS)"
        return "a zip file that is not an HWPX"
    if data.startswith(OLE_MAGIC):
        return "an OLE file that is not an HWP (an old Word, Excel or PowerPoint file?)"
    if data.startswith(b"{\\rtf"):
        return "an RTF document"
    return None


def sniff(data: bytes, name: str) -> bool:
    """An office file or an archive that no reader reads."""
    return _kind(data[:8] if not data.startswith(b"PK\x03\x04") else data) is not None


def read(data: bytes, source: str) -> Document:
    """Never a Document: the :class:`ReportError` naming what the file is and what to do."""
    raise ReportError(source, 1, "a report as HWPX, HWP, PDF, text, Markdown or HTML", f"{_kind(data)}; {_WHAT_TO_DO}")
