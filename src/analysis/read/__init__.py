"""Read: a report file → :class:`~analysis.read.document.Document`, one reader per format.

Each reader module has the same small face: ``FORMAT`` (its ``source_format``), ``sniff(data,
name)`` (does it read these bytes? judged by content, the extension only breaks ties) and
``read(data, source)`` (the Document, or a :class:`~analysis.errors.ReportError`). Everything
after this step works on the Document alone, whatever the file was.
"""

from __future__ import annotations

import stat
from pathlib import Path

from analysis.errors import ReportError
from analysis.read import hwp, hwpx, pdf, refuse, text
from analysis.read.document import Cell, Document, Loc, Paragraph, Table

READERS = [hwpx, hwp, pdf, refuse, text]
"""Readers in the order they are asked; the text reader, which reads any text, comes last.
``refuse`` names office files and images no reader reads (DOCX, ODT, .doc/.xls, PNG…)."""


def read_document(data: bytes, source: str) -> Document:
    """The Document of a report file's bytes, by the first reader that recognises them.

    Raises
    ------
    ReportError
        When no reader recognises the bytes, or the one that does cannot read them.
    """
    for reader in READERS:
        if reader.sniff(data, source):
            if reader is text and source.lower().endswith(tuple(_OFFICE)):
                return _text_named_as_office(data, source)
            return reader.read(data, source)
    raise ReportError(source, 1, "a report as text, Markdown, HTML, HWPX, HWP or PDF", "a file of another kind")


_OFFICE = {".hwpx": ("an HWPX file (a zip of OWPML XML)", "HWPX file"), ".hwp": ("an HWP 5.0 file", "HWP 5.0 file"), ".pdf": ("a PDF", "PDF")}  # expected, and its name


def _text_named_as_office(data: bytes, source: str) -> Document:
    """A file named .hwpx, .hwp or .pdf whose bytes are none of these: text misnamed is read as
    text; anything else (empty, binary, its first bytes overwritten) is that file damaged, and
    said so, not 'an empty text file' or 'binary data'."""
    try:
        return text.read(data, source)
    except ReportError:
        pass
    expected, kind = _OFFICE["." + source.rsplit(".", 1)[-1].lower()]
    what = "an empty file" if not data.strip() else f"{len(data):,} bytes that do not start as {kind} does"
    raise ReportError(source, None, expected, f"{what}: the file is damaged or not what its name says; save it again from the program that made it", loc="file")


def read_bytes(path: Path | str) -> bytes:
    """A file's bytes, or one ReportError naming it and why it cannot be read."""
    path = Path(path)
    try:
        mode = path.stat().st_mode  # (a link's target: a link to nothing, or a loop of links, fails here)
        if not stat.S_ISREG(mode):  # a folder named x.txt, a FIFO (reading one would wait for ever)
            kind = "a folder" if stat.S_ISDIR(mode) else "a pipe (FIFO)" if stat.S_ISFIFO(mode) else "a special file"
            raise ReportError(path.name, 1, "a readable file", f"{kind}, not a file; put the report file itself here")
        return path.read_bytes()
    except OSError as exc:
        raise ReportError(path.name, 1, "a readable file", exc.strerror or str(exc)) from None


def read_path(path: Path | str) -> Document:
    """:func:`read_document` of a file."""
    path = Path(path)
    return read_document(read_bytes(path), path.name)


__all__ = ["Cell", "Document", "Loc", "Paragraph", "Table", "read_bytes", "read_document", "read_path"]
