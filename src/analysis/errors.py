"""The library's one error type for bad input."""

from __future__ import annotations


class ReportError(Exception):
    """A report that cannot be read: names the file, the line and what was expected.

    Parameters
    ----------
    source : str
        The file name (or another label) of the report.
    line : int or None
        1-based line number in the raw file where the problem is (None for a format without
        lines: then ``loc`` says where).
    expected : str
        What the parser expected to find there.
    found : str, optional
        What it found instead: a description (``"end of file"``), or text from the file wrapped
        with :func:`quoted` so the message shows it in quotes.
    """

    def __init__(self, source: str, line: int | None, expected: str, found: str | None = None, loc=None):
        self.source = source
        self.line = line
        self.expected = expected
        self.found = found
        self.loc = loc  # a Loc (page/table/row/col…) where the file has no lines, or in addition
        super().__init__(str(self))

    def __reduce__(self):  # pickled between the build's worker processes
        return (ReportError, (self.source, self.line, self.expected, self.found, self.loc))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else f"{self.source} ({self.loc or 'start'})"
        msg = f"{where}: expected {self.expected}"
        if self.found is not None:
            msg += f", found {self.found}"
        return msg


def quoted(text: str, limit: int = 60) -> str:
    """Text from the file, shortened and quoted for an error message."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
