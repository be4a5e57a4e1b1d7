"""What converters make of a tab-separated 주요업무 보고: Markdown pipe tables (hwp2markdown,
python-hwpx ``export_markdown``) and HTML ``<table>`` markup with merged cells (pyhwp's
``hwp5html``). Used by the tests to feed the same report in other text formats."""

from __future__ import annotations

import html
import re

_UL = re.compile(r"<ul[^>]*>(?P<body>.*?)(?:</ul>|$)", re.S)
_HEADING = re.compile(r"^(?:[IⅠⅡⅢ]+|I{1,3})\s*\.\s*\S|^\d{1,2}\s+\S")


def _blocks(text: str):
    """(kind, lines) runs: 'table' for runs of tab lines, 'line' for any other line."""
    out, rows = [], []
    for line in text.split("\n"):
        if "\t" in line and line.strip():
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        out.append(("line", line))
    if rows:
        out.append(("table", rows))
    return out


def _items(cell: str) -> list[str]:
    m = _UL.search(cell)
    if not m:
        return []
    return [i.strip() for i in re.split(r"(?:^|\s)-\s+", m["body"]) if i.strip()]


def to_markdown(text: str) -> str:
    """Pipe tables (first row as the header, merged cells padded with empty cells), list cells
    as ``- item<br>- item``, part and sub-headings as ``#``/``##``."""
    out = []
    for kind, body in _blocks(text):
        if kind == "line":
            line = body
            if _HEADING.match(line.strip()) and "\t" not in line:
                out.append(("# " if not line.strip()[0].isdigit() else "## ") + line.strip())
            else:
                out.append(line)
            continue
        width = max(len(r) for r in body)
        for n, row in enumerate(body):
            cells = []
            for cell in row + [""] * (width - len(row)):
                items = _items(cell)
                cell = "<br>".join(f"- {i}" for i in items) if items else cell.strip()
                cells.append(cell.replace("|", "\\|"))
            out.append("| " + " | ".join(cells) + " |")
            if n == 0:
                out.append("|" + "|".join("---" for _ in range(width)) + "|")
    return "\n".join(out) + "\n"


def to_html(text: str) -> str:
    """An HTML page: paragraphs as <p> (indent kept as &nbsp;), tables with the merged header
    cells a Hancom table has (a label over the empty cells after it gets their colspan; a first
    header row's cell over an empty cell below gets rowspan 2), list cells as <ul><li>."""
    out = ['<html><head><meta charset="utf-8"><title>보고</title><style>td{border:1px solid}</style></head><body>']
    for kind, body in _blocks(text):
        if kind == "line":
            if body.strip():
                indent = len(body) - len(body.lstrip())
                out.append(f"<p>{'&nbsp;' * indent}{html.escape(body.strip())}</p>")
            continue
        width = max(len(r) for r in body)
        rows = [r + [""] * (width - len(r)) for r in body]
        two_row_header = len(rows) > 2 and not rows[1][0].strip() and rows[0][0].strip() and any(c.strip() for c in rows[1])
        out.append("<table>")
        covered = set()
        for r, row in enumerate(rows):
            out.append("<tr>")
            c = 0
            while c < width:
                if (r, c) in covered:
                    c += 1
                    continue
                cell = row[c]
                attrs = ""
                if two_row_header and r == 0:
                    span = 1
                    while c + span < width and not row[c + span].strip() and rows[1][c + span].strip():
                        span += 1
                    if span > 1:
                        attrs += f' colspan="{span}"'
                        covered.update((0, c + k) for k in range(1, span))
                    elif not rows[1][c].strip():
                        attrs += ' rowspan="2"'
                        covered.add((1, c))
                items = _items(cell)
                content = "<ul>" + "".join(f"<li>- {html.escape(i)}</li>" for i in items) + "</ul>" if items else html.escape(cell.strip())
                out.append(f"<td{attrs}>{content}</td>")
                c += 1 if "colspan" not in attrs else int(re.search(r'colspan="(\d+)"', attrs)[1])
            out.append("</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


_FIGURE_CELL = re.compile(r"[△▲\-]?\d[\d,.]*%?$|-$")


def to_layout(text: str) -> str:
    """The report as ``pdftotext -layout`` writes a PDF of it: each table's cells padded to its
    columns' widths by spaces (three between columns), figures set right and words left, an empty
    cell as spaces, a list cell's items on lines of their own under its column."""
    out = []
    for kind, body in _blocks(text):
        if kind == "line":
            out.append(body)
            continue
        width = max(len(r) for r in body)
        grid = [[[f"- {i}" for i in _items(c)] or [c.strip()] for c in row + [""] * (width - len(row))] for row in body]
        widths = [max(len(line) for row in grid for line in row[j]) for j in range(width)]
        for row in grid:
            for k in range(max(len(c) for c in row)):
                parts = [(c[k] if k < len(c) else "") for c in row]
                out.append("   ".join(t.rjust(w) if _FIGURE_CELL.match(t) else t.ljust(w) for t, w in zip(parts, widths)).rstrip())
    return "\n".join(out) + "\n"
