"""HTML with ``<table>`` markup (pyhwp's ``hwp5html``, office "save as web page") → a Document.

Tables keep their ``rowspan``/``colspan``; a table holding a grid of its own (a page laid out in a
table) is read as what its cells hold, in order; a cell's ``<p>``, ``<li>`` and ``<br>`` break its
paragraphs. Text outside tables becomes one paragraph per block element (``p``, ``h1``-``h6``,
``li``, ``div``, ``br``), its level (indent) from leading ``&nbsp;``, the depth of the lists it
is in and its style's ``margin-left`` or ``mso-list`` level, as converters indent. Read with the standard library's :class:`html.parser.HTMLParser`, which
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
_CONTAINERS = {"div", "ul", "ol", "blockquote", "section", "article"}  # their margin indents what they hold


def looks_like(lines: list[str]) -> bool:
    """HTML when it has ``<table>`` markup outside a tab-separated line."""
    return any(_TABLE.search(line) and "\t" not in line.strip() for line in lines)  # (markup may be indented by tabs)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list = []
        self.text: list[str] = []  # the paragraph being read
        self.text_line = 0
        self.skip = 0
        self.tables: list[dict] = []  # open tables (nested tables are read as their cells' text)
        self.count = 0
        self.lists = 0  # open <ul>/<ol>: an item of a list in a list is indented one step more
        self.ignored = 0  # inside a <span> of Word's drawn list bullet (mso-list:Ignore)
        self.in_style = False  # inside a <style>: its class rules are read
        self.classes: dict[str, str] = {}  # class name -> its rule's declarations
        self.containers: list[int] = []  # the indents of the open <div>, <ul>, <ol>, <blockquote>…
        self.indent = 0  # the current paragraph's own indent (its style's margin-left, Word's mso-list level)
        self.unwrapped = False  # a layout table was read as what it holds: tables numbered again

    # paragraphs
    def _flush(self):
        raw = "".join(self.text).lstrip("\r\n")
        text = " ".join(raw.split())
        line = self.text_line
        self.text = []
        if not text:
            return
        # the paragraph's level: indentation kept as &nbsp; (or spaces in <pre>), its list's depth, its margin
        level = len(raw) - len(raw.lstrip(" \t\xa0\u3000")) + max(0, self.lists - 1) + sum(self.containers) + self.indent
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["paras"].append(text)
            self.tables[-1]["cell"]["items"].append(Paragraph(text, Loc(line=line), level=level))
        else:
            self.blocks.append(Paragraph(text, Loc(line=line), level=level))

    def handle_starttag(self, tag, attrs):
        if tag == "body":  # a <head> never closed ends here, as in a browser
            self.skip = 0
        if tag == "span":  # Word draws a list's bullet in <span style='mso-list:Ignore'>o</span>: not text
            if self.ignored or "mso-list:ignore" in (dict(attrs).get("style") or "").replace(" ", "").lower():
                self.ignored += 1
            return
        if tag in _SKIP:
            self.skip += 1
            self.in_style = tag == "style"
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
            t["cell"] = {"line": line, "paras": [], "items": [], "rowspan": _span(a.get("rowspan")), "colspan": _span(a.get("colspan"))}
            t["row"]["cells"].append(t["cell"])
        elif tag in _BLOCKS:
            self._flush()
            if tag in ("ul", "ol"):
                self.lists += 1
            if tag in _CONTAINERS:
                self.containers.append(_indent(self._style(attrs)) + (2 if tag == "blockquote" else 0))  # pandoc indents by <blockquote>
            elif tag != "br":  # a line break inside a paragraph keeps its indent
                self.indent = _indent(self._style(attrs))
        if not self.text:
            self.text_line = line

    def handle_endtag(self, tag):
        if tag == "span":
            self.ignored = max(0, self.ignored - 1)
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            self.in_style = False
            return
        if tag in ("td", "th") and self.tables:
            self._flush()
            self.tables[-1]["cell"] = None
        elif tag == "table" and self.tables:
            self._flush()
            t = self.tables.pop()
            if t.get("layout"):  # a table holding a table (a page laid out in one): what its cells hold, in order
                out = [item for row in t["rows"] for cell in row["cells"] for item in cell["items"]]
                self.unwrapped = True
            else:
                out = [_table(t)]
            if self.tables and self.tables[-1]["cell"] is not None:  # nested
                cell = self.tables[-1]["cell"]
                if any(isinstance(b, Table) and b.n_rows > 1 and b.n_cols > 1 for b in out):  # a grid: the outer table is the page's layout
                    self.tables[-1]["layout"] = True
                cell["paras"] += [p.text for b in out for p in ([b] if isinstance(b, Paragraph) else [p for c in b.cells for p in c.paragraphs]) if p.text]
                cell["items"] += out
            else:
                self.blocks += out
        elif tag in _BLOCKS:
            self._flush()
            if tag in ("ul", "ol"):
                self.lists = max(0, self.lists - 1)
            if tag in _CONTAINERS:
                if self.containers:
                    self.containers.pop()
            elif tag != "br":
                self.indent = 0

    def _style(self, attrs) -> str:
        """An element's style: its classes' rules from the page's <style> (LibreOffice's XHTML
        indents by class: ``.P2 { margin-left: 1cm }``), then its own ``style``."""
        a = dict(attrs)
        rules = [self.classes.get(c, "") for c in (a.get("class") or "").split()]
        return ";".join([*rules, a.get("style") or ""])

    def handle_data(self, data):
        if self.in_style:
            self.classes.update((name, rule) for name, rule in _CLASS_RULE.findall(data))
        if self.skip or self.ignored:
            return
        if not self.text:
            self.text_line = self.getpos()[0] + data[: len(data) - len(data.lstrip("\n"))].count("\n")
        self.text.append(data)

    def close(self):
        super().close()
        self._flush()
        while self.tables:
            self.handle_endtag("table")


_MARGIN = re.compile(r"(?:(?:margin|padding)-left|text-indent)\s*:\s*([\d.]+)\s*(pt|px|em|cm|mm|in)", re.I)
_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")  # '.P2 { margin-left: 1cm }' in a <style>
_SHORTHAND = re.compile(r"(?<![\w-])(?:margin|padding)\s*:\s*(?:[\d.]+[a-z]*\s+){3}([\d.]+)\s*(pt|px|em|cm|mm|in)", re.I)  # top right bottom left
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;]*?level(\d)", re.I)
_POINTS = {"pt": 1.0, "px": 0.75, "em": 10.0, "cm": 28.35, "mm": 2.835, "in": 72.0}


def _indent(style: str | None) -> int:
    """A block's indent in spaces (one a 7 pt step) from its style: ``margin-left: 1cm`` (an
    office suite's indented paragraph; ``padding-left``, ``text-indent``, the ``margin: 0 0 0 1cm``
    shorthand too), Word's ``mso-list: l0 level2`` (one step a level)."""
    if not style:
        return 0
    indent = sum(round(float(n) * _POINTS[unit.lower()] / 7) for n, unit in _MARGIN.findall(style) + _SHORTHAND.findall(style))
    m = _MSO_LEVEL.search(style)
    return max(0, indent) + (int(m[1]) - 1 if m else 0)


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
    if parser.unwrapped:
        _number_tables(parser.blocks)
    numbers = getattr(lines, "numbers", None)
    if numbers:  # a file line read as two (a form feed inside it): the parser counted the parts
        for block in parser.blocks:
            _file_lines(block, numbers)
    return _finish(Document(source, FORMAT, parser.blocks))


def _number_tables(blocks: list) -> None:
    """Tables numbered in reading order (a layout table read as its contents has no number)."""
    number = 0
    for block in blocks:
        if isinstance(block, Table):
            number += 1
            block.loc = block.loc._replace(table=number)
            for cell in block.cells:
                cell.loc = cell.loc._replace(table=number)
                for p in cell.paragraphs:
                    p.loc = p.loc._replace(table=number)


def _file_lines(block, numbers: list[int]) -> None:
    """A block's locations on the file's lines (``numbers[i]``: the file line of the parsed
    text's line i + 1, :class:`analysis.read.text.Lines`), as an editor counts them."""
    def moved(loc: Loc) -> Loc:
        return loc._replace(line=numbers[loc.line - 1]) if loc.line and loc.line <= len(numbers) else loc

    block.loc = moved(block.loc)
    for cell in getattr(block, "cells", ()):
        cell.loc = moved(cell.loc)
        for p in cell.paragraphs:
            p.loc = moved(p.loc)
