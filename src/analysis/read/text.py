"""Turn a report file's bytes into lines, in whatever encoding a Korean office produces."""

from __future__ import annotations

import codecs
import re

from analysis.errors import ReportError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode a report's bytes.

    Tries a byte-order mark (UTF-8, UTF-16), then strict UTF-8, then CP949 (a superset of
    EUC-KR, what Korean Windows offices save as "ANSI").

    Parameters
    ----------
    data : bytes
        The raw file.
    source : str
        File name for error messages.

    Returns
    -------
    tuple[str, str]
        The text and the encoding that read it.

    Raises
    ------
    ReportError
        For an empty file, a binary file, or bytes no known encoding reads.
    """
    if not data.strip():
        raise ReportError(source, 1, "a 주요업무 보고 as text", "an empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReportError(source, _line_at(data, exc.start), f"text in {encoding}", "bytes it cannot decode") from None
    if b"\x00" in data:
        raise ReportError(source, _line_at(data, data.index(b"\x00")), "a 주요업무 보고 as text", "binary data (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp949"), "cp949"
        except UnicodeDecodeError as cp949_error:
            # Name the line where the decoding that read further stopped: a CP949 file's bad byte
            # is where CP949 stops, not at its first Hangul (where UTF-8 stops).
            raise ReportError(
                source, _line_at(data, max(utf8_error.start, cp949_error.start)), "text in UTF-8 or CP949/EUC-KR", "bytes neither can decode"
            ) from None


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not on the other breaks ``str.splitlines`` knows), so that
    line numbers match what an editor shows."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_at(data: bytes, offset: int) -> int:
    return len(_BYTE_BREAK.findall(data, 0, offset)) + 1
