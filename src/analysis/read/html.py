"""HTML with ``<table>`` markup (pyhwp's ``hwp5html``, office "save as web page") → a Document.

Tables keep their ``rowspan``/``colspan``; a cell's ``<p>``, ``<li>`` and ``<br>`` break its
paragraphs. Text outside tables becomes one paragraph per block element (``p``, ``h1``-``h6``,
``li``, ``div``, ``br``). Read with the standard library's :class:`html.parser.HTMLParser`, which
takes broken markup as browsers do, without an error; locations are the source line of each
element.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from analysis.read.document import Cell, Document, Loc, Paragraph, Table

FORMAT = "html"

_TABLE = re.compile(r"<\s*table\b", re.I)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "ul", "ol", "section", "article", "header", "footer", "blockquote", "pre", "caption"}
_SKIP = {"script", "style", "head", "title"}


def looks_like(lines: list[str]) -> bool:
    """HTML when it has ``<table>`` markup outside a tab-separated line."""
    return any(_TABLE.search(line) and "\t" not in line for line in lines)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list = []
        self.text: list[str] = []  # the paragraph being read
        self.text_line = 0
        self.skip = 0
        self.tables: list[dict] = []  # open tables (nested tables are read as their cells' text)
        self.count = 0

    # paragraphs
    def _flush(self):
        raw = "".join(self.text).lstrip("\r\n")
        text = " ".join(raw.split())
        line = self.text_line
        self.text = []
        if not text:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["paras"].append(text)
        else:  # indentation kept as &nbsp; (or spaces in <pre>) is the paragraph's level
            self.blocks.append(Paragraph(text, Loc(line=line), level=len(raw) - len(raw.lstrip(" \t\xa0\u3000"))))

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        line = self.getpos()[0]
        if tag == "table":
            self._flush()
            self.count += 1
            self.tables.append({"rows": [], "row": None, "cell": None, "line": line, "no": self.count, "caption": ""})
        elif tag == "tr" and self.tables:
            self._flush()
            t = self.tables[-1]
            t["row"] = {"line": line, "cells": []}
            t["rows"].append(t["row"])
        elif tag in ("td", "th") and self.tables:
            self._flush()
            t = self.tables[-1]
            if t["row"] is None:
                t["row"] = {"line": line, "cells": []}
                t["rows"].append(t["row"])
            a = dict(attrs)
            t["cell"] = {"line": line, "paras": [], "rowspan": _span(a.get("rowspan")), "colspan": _span(a.get("colspan"))}
            t["row"]["cells"].append(t["cell"])
        elif tag in _BLOCKS:
            self._flush()
        if not self.text:
            self.text_line = line

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.tables:
            self._flush()
            self.tables[-1]["cell"] = None
        elif tag == "table" and self.tables:
            self._flush()
            t = self.tables.pop()
            table = _table(t)
            if self.tables and self.tables[-1]["cell"] is not None:  # nested: its text joins the cell
                self.tables[-1]["cell"]["paras"] += [p.text for c in table.cells for p in c.paragraphs if p.text]
            else:
                self.blocks.append(table)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if not self.text:
            self.text_line = self.getpos()[0] + data[: len(data) - len(data.lstrip("\n"))].count("\n")
        self.text.append(data)

    def close(self):
        super().close()
        self._flush()
        while self.tables:
            self.handle_endtag("table")


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _table(t: dict) -> Table:
    """Place cells on the grid the way browsers do: each cell at the first position of its row
    not covered by a cell spanning down from above."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(t["rows"]):
        c = 0
        for cell in row["cells"]:
            while (r, c) in taken:
                c += 1
            rowspan = min(cell["rowspan"], len(t["rows"]) - r)
            for dr in range(rowspan):
                for dc in range(cell["colspan"]):
                    taken.add((r + dr, c + dc))
            loc = Loc(line=cell["line"], table=t["no"], row=r + 1, col=c + 1)
            cells.append(Cell(r, c, [Paragraph(p, loc) for p in cell["paras"]] or [Paragraph("", loc)], loc, rowspan, cell["colspan"]))
            c += cell["colspan"]
    return Table(cells, Loc(line=t["line"], table=t["no"]), t["caption"])


def read_lines(lines: list[str], source: str) -> Document:
    from analysis.read.text import _finish

    parser = _Parser()
    parser.feed("\n".join(lines))
    parser.close()
    return _finish(Document(source, FORMAT, parser.blocks))
