"""Markdown text with pipe tables (what hwp2markdown, hwpx-tomd and python-hwpx's
``export_markdown`` write) → a Document.

A table is a run of lines starting with ``|``; its ``|---|`` separator row is dropped; ``<br>``
inside a cell breaks paragraphs. Merged cells do not survive Markdown: a converter pads them with
empty cells, which the interpreter reads as a group label spanning them. Headings (``#``),
emphasis (``**``) and backslash escapes are removed from paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.read.document import ITEM_START, LIST_MARKS, Document, Table
from analysis.read.text import Lines

FORMAT = "markdown"

_ROW = re.compile(r"^\s*\|")
_RULE = re.compile(r":?-{3,}:?")


def _is_separator(line: str) -> bool:
    """A ``|---|:---:|`` row (cell by cell, in linear time on any line)."""
    body = line.strip()
    if not body.startswith("|") and "|" not in body:
        return False
    return all(_RULE.fullmatch(cell.strip()) for cell in body.strip("|").split("|"))
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def with_outer_pipes(lines: list[str]) -> list[str]:
    """GFM pipe tables written without their outer pipes (``a | b`` over ``---|---``) given them,
    line for line (locations unchanged), so that they read as the tables they are."""
    def piped(line: str, outer_end: bool) -> str:
        body = line.strip() if outer_end else line.lstrip()  # (' | ' at the end: an empty last cell, unless the rule ends with a pipe)
        body = body[:-1] if outer_end and body.endswith("|") and not body.endswith("\\|") else body
        return f"| {body} |"

    out = list(lines)
    k = 1
    while k < len(out):
        line = out[k].strip()
        if "-" in line and not line.startswith("|") and _is_separator(line) and "|" in out[k - 1] and not out[k - 1].strip().startswith("|"):
            outer_end = line.endswith("|")
            out[k - 1], out[k] = piped(out[k - 1], outer_end), piped(line, outer_end)
            k += 1
            while k < len(out) and out[k].strip() and "|" in out[k]:  # (a row whose first cell is empty starts with its pipe)
                out[k] = piped(out[k], outer_end)
                k += 1
            continue
        k += 1
    return Lines.like(lines, out)


def looks_like(lines: list[str]) -> bool:
    """Markdown when it has a pipe table (a ``|`` row followed by a ``|---|`` separator), or one
    of pandoc's grid, simple or multiline tables (:func:`_pandoc_tables`)."""
    return (any(_ROW.match(a) and _is_separator(b) for a, b in zip(lines, lines[1:])) or bool(_pandoc_tables(lines, first_only=True))
            or _html_tables_in_text(lines))


_HTML_OUTSIDE_TABLES = re.compile(r"<\s*/?\s*(?:html|body|head|p|div|br|h[1-6]|span|ul|ol|li|meta|title|section|article|font|b|i|strong|em|a)\b", re.I)


def _html_tables_in_text(lines: list[str]) -> bool:
    """Markdown whose only markup is its tables written as HTML (pandoc's Markdown of a document
    whose every table has a cell of several paragraphs): paragraphs are its lines, as Markdown,
    not one run of text between two tables, as HTML would read them."""
    inside = found = False
    for line in lines:
        if not inside and _HTML_TABLE_START.match(line):
            inside = found = True
        if inside:
            if _HTML_TABLE_END.search(line):
                inside = False
            continue
        if "<" in line and _HTML_OUTSIDE_TABLES.search(line):
            return False
    return found


def _row(line: str) -> list[str] | None:
    """A pipe-table line's cells (``[]`` for its ``|---|`` rule), None for any other line."""
    if not _ROW.match(line):
        return None
    if _is_separator(line):
        return []
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [_inline(c) for c in _CELL_SPLIT.split(body)]


_LIST_BEFORE_MARKER = re.compile(r"^(\s*)(?:[*+\-]|\d{1,2}[.)])\s+(?=[" + re.escape(LIST_MARKS.replace("*", "").replace("＊", "")) + "])")
"""A Markdown list item whose text starts with the report's own marker (``* ○ 국내 교류``): the
converter's bullet, dropped so the ○ line reads as the report wrote it."""


_FENCE = re.compile(r"^\s*:{3,}(?:\s*\{[^{}]*\}|\s*[\w-]+)?\s*$")
"""A pandoc fenced div's fence (``::: {title="footer"}``, ``:::``): markup, no text."""
_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
"""A pandoc bracketed span (``[16]{style="background: #c0c0c0"}``): its text."""


def _paragraph_text(line: str) -> str:
    if ":::" in line and _FENCE.match(line):
        return ""
    if "]{" in line:
        line = _SPAN.sub(r"\1", line)
    return _inline(_LIST_BEFORE_MARKER.sub(r"\1", _HEADING.sub("", line)), keep_indent=True)


def read_lines(lines: list[str], source: str):
    """Pipe tables and paragraphs; a table a converter wrote as HTML inside the Markdown (merged
    cells: python-hwpx's ``export_rich_markdown``, pandoc's gfm) is read as HTML in its place."""
    from analysis.read.text import _finish, line_blocks

    html_tables = _html_tables(lines) + _pandoc_tables(lines)
    row_of = _rows_without_empty_header()
    if not html_tables:
        return _finish(Document(source, FORMAT, line_blocks(_unwrapped(lines), row_of, _paragraph_text)))
    rest = list(lines)
    for first, last, _ in html_tables:
        rest[first:last + 1] = [""] * (last + 1 - first)
    rest = _unwrapped(Lines.like(lines, rest))
    blocks = line_blocks(rest, row_of, _paragraph_text) + [t for _, _, tables in html_tables for t in tables]
    blocks.sort(key=lambda b: b.loc.line or 0)
    number = 0
    for block in blocks:  # tables numbered in reading order, as one reader would
        if isinstance(block, Table):
            number += 1
            _renumber(block, number)
    return _finish(Document(source, FORMAT, blocks))


_WRAP_COLUMNS = 72  # pandoc's --columns (its Markdown and plain text writers wrap paragraphs there)
_NOT_CONTINUED = re.compile(r"^\s*(?:" + ITEM_START + r"|\\[-*+#>]|#|\||<|:::|\d{1,2}\s+\S)")


def _unwrapped(lines: list[str]) -> list[str]:
    """A paragraph pandoc wrapped at 72 columns (a Hangul syllable two) joined back into its first
    line, the lines it continued on left blank (locations unchanged): '○ 참여: 1,284명(공익활동
    1,050명, … 시장형' over '100명)' had been two paragraphs, the bracket of parts broken. A line
    continues the one before where that one is a paragraph's of at most 72 columns whose next
    word would not have fit on it, and it begins no item, heading, table or markup."""
    out = list(lines)
    last = None  # the line a paragraph began on, and its last physical line's width
    for k, line in enumerate(lines):
        if not line.strip() or _ROW.match(line):
            last = None
            continue
        first_word = line.split()[0]
        if last is not None and not _NOT_CONTINUED.match(line) and last[1] <= _WRAP_COLUMNS < last[1] + 1 + sum(map(_width, first_word)):
            out[last[0]] = out[last[0]].rstrip() + " " + line.strip()
            out[k] = ""
        else:
            last = (k, None)
        last = (last[0], sum(map(_width, line.rstrip()))) if not _HEADING.match(line) else None
    return Lines.like(lines, out)


def _rows_without_empty_header():
    """:func:`_row`, but a table's first row with every cell empty (pandoc writes one over a
    table that has no header row) is passed over like a rule."""
    state = {"in_table": False}

    def row_of(line: str) -> list[str] | None:
        cells = _row(line)
        first = not state["in_table"]
        state["in_table"] = cells is not None
        if first and cells and not any(c.strip() for c in cells):
            return []
        return cells

    return row_of


_HTML_TABLE_START = re.compile(r"^\s*<table\b", re.I)
_HTML_TABLE_END = re.compile(r"</table\s*>\s*$", re.I)


def _html_tables(lines: list[str]) -> list[tuple[int, int, list]]:
    """(first line, last line, its blocks) of each ``<table>…</table>`` run of lines, read by the
    HTML reader with their lines as in the file."""
    from analysis.read import html

    out = []
    i = 0
    while i < len(lines):
        if _HTML_TABLE_START.match(lines[i]):
            j = i
            while j < len(lines) and not _HTML_TABLE_END.search(lines[j]):
                j += 1
            j = min(j, len(lines) - 1)
            doc = html.read_lines(Lines.like(lines, [""] * i + lines[i:j + 1]), "")  # the lines before left blank: locations as in the file
            out.append((i, j, doc.blocks))  # (its tables, or the heading a number chip and title draw)
            i = j + 1
        else:
            i += 1
    return out


def _renumber(table: Table, number: int) -> None:
    table.loc = table.loc._replace(table=number)
    for cell in table.cells:
        cell.loc = cell.loc._replace(table=number)
        for p in cell.paragraphs:
            p.loc = p.loc._replace(table=number)


def _inline(text: str, keep_indent: bool = False) -> str:
    indent = text[: len(text) - len(text.lstrip())] if keep_indent else ""
    text = _EMPHASIS.sub("", text.strip())
    return indent + _ESCAPE.sub(r"\1", text).strip()


# --- pandoc's grid, simple and multiline tables ------------------------------------------------
# pandoc writes a table as one of these when asked for Markdown (its default picks the first that
# can hold the table: simple, multiline, grid, then HTML) or for plain text. Columns are set by
# the '+' of a grid table's border and by the runs of dashes of the others, counted in display
# columns: a Hangul syllable is two. A cell's text is wrapped inside its column; its lines are
# joined with a space (pandoc writes a blank line between a cell's paragraphs), so a word pandoc
# broke inside for want of room reads with a space in it ('사회적 책임경영'), its figures whole.

_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_DASHES = re.compile(r"-{3,}")
_DASH_LINE = re.compile(r"^ *-{3,}(?: +-{3,})* *$")


def _width(ch: str) -> int:
    if ch < "\u1100":
        return 1
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _columns_of(line: str, bounds: list[tuple[int, int]]) -> list[str]:
    """The text of each display-column range (start, end) of a line; end None: to the line's end."""
    out = [[] for _ in bounds]
    pos = 0
    k = 0
    for ch in line:
        while k < len(bounds) and bounds[k][1] is not None and pos >= bounds[k][1]:
            k += 1
        if k == len(bounds):
            break
        if pos >= bounds[k][0]:
            out[k].append(ch)
        pos += _width(ch)
    return ["".join(p) for p in out]


_CELL_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+")
"""A list item's bullet in a cell (pandoc writes a cell's list as Markdown: '-   \\- 사회…'):
each item is a paragraph; the bullet is dropped when the report's own marker follows it."""


def _in_columns(line: str, bounds: list[tuple[int, int | None]]) -> bool:
    """No text of the line stands in the space between two columns (pandoc keeps a cell's text
    inside its column): lines of a text that only has a line of dashes in it are no table."""
    gaps = {start - 1 for start, _ in bounds[1:]}
    pos = 0
    for ch in line:
        if pos in gaps and ch != " ":
            return False
        pos += _width(ch)
    return True


def _cell_text(lines: list[str]) -> str:
    """A cell's wrapped lines → its text, paragraphs (split by a blank line, or each a list item)
    joined by <br>. A list item's text goes on after a blank line when indented (pandoc lays a
    word too wide for the column out so: '-   \\- 여의도', '', '    금융개발진흥')."""
    paragraphs: list[list[str]] = []
    in_item = broken = False
    for line in lines:
        if not line.strip():
            broken = True
            continue
        item = _CELL_ITEM.match(line)
        if item:
            rest = line[item.end():].strip()
            text = rest if rest and _inline(rest)[:1] in LIST_MARKS + "-–—" else line.strip()
            paragraphs.append([text])
            in_item = True
        elif not paragraphs or broken and not (in_item and line[:1].isspace()):
            paragraphs.append([line.strip()])
            in_item = False
        else:
            paragraphs[-1].append(line.strip())
        broken = False
    out = []
    for words in paragraphs:
        text = words[0]
        for word in words[1:]:  # '**1**' wrapped in a narrow column: '*', '*1', '**'
            glued = text.endswith("*") and word.startswith("*") or word == "*" * len(word) or text.endswith("·") or word.startswith("·")  # (no space ever stands by a middle dot)
            text += ("" if glued else " ") + word
        out.append(_inline(text).replace("<", "&lt;"))
    return "<br>".join(out)


def _grid_table(lines: list[str], i: int) -> tuple[int, list[tuple[int, list[str]]]] | None:
    """A grid table from its top border at line i: (its last line, its rows), None if none."""
    top = lines[i].rstrip()
    pluses = [k for k, _ in enumerate(_display(top)) if _display(top)[k] == "+"]
    bounds = [(a + 1, b) for a, b in zip(pluses, pluses[1:])]
    rows, pending, first = [], [], None
    j = i + 1
    while j < len(lines):
        line = lines[j].rstrip()
        if _GRID_BORDER.match(line):
            if pending:
                cells = [_columns_of(l, bounds) for l in pending]
                rows.append((first, [_cell_text([c[k] for c in cells]) for k in range(len(bounds))]))
            pending, first = [], None
            if j + 1 >= len(lines) or not lines[j + 1].lstrip().startswith("|"):
                return (j, rows) if rows else None
        elif line.lstrip().startswith("|"):
            if first is None:
                first = j
            pending.append(line)
        else:
            return None
        j += 1
    return None


def _display(line: str) -> str:
    """The line with each wide character followed by a filler, so that index = display column."""
    return "".join(ch + "\0" * (_width(ch) - 1) for ch in line)


def _dash_bounds(line: str) -> list[tuple[int, int | None]]:
    runs = [m.span() for m in _DASHES.finditer(line)]
    return [(a, runs[k + 1][0] if k + 1 < len(runs) else None) for k, (a, _) in enumerate(runs)]


def _dash_table(lines: list[str], i: int) -> tuple[int, list[tuple[int, list[str]]]] | None:
    """A simple or multiline table whose first dash line is line i: (its last line, its rows).

    pandoc's forms: a header over a column rule (runs of dashes), then one row a line up to a
    blank line (simple); a full rule, a header, a column rule, rows parted by blank lines and a
    full rule (multiline); without a header, rows between two column rules (one a line, or parted
    by blank lines). A row of a multiline table may take several lines."""
    n = len(lines)
    header: list[tuple[int, str]] = []
    rule, start = lines[i], i + 1
    if len(_DASHES.findall(lines[i])) == 1:  # a full rule: a multiline table's top, or a one-column table
        j = i + 1
        while j < n and lines[j].strip() and not _DASH_LINE.match(lines[j]):
            j += 1
        if j < n and _DASH_LINE.match(lines[j]) and len(_DASHES.findall(lines[j])) > 1:
            header = [(k, lines[k]) for k in range(i + 1, j)]
            rule, start = lines[j], j + 1
    elif i > 0 and lines[i - 1].strip() and not _DASH_LINE.match(lines[i - 1]):  # a simple table's header line(s) over its column rule
        k = i
        while k > 0 and lines[k - 1].strip() and not _DASH_LINE.match(lines[k - 1]):
            k -= 1
        header = [(m, lines[m]) for m in range(k, i)]
    simple = bool(header) and rule is lines[i]  # (ends at a blank line; the others at a rule)
    bounds = _dash_bounds(rule)
    body: list[list[tuple[int, str]]] = [[]]
    parted = False  # rows parted by blank lines (multiline)
    end = None
    for j in range(start, n):
        line = lines[j]
        if _DASH_LINE.match(line) and (j + 1 == n or not lines[j + 1].strip()) and (simple or line.rstrip() == lines[i].rstrip()):
            end = j  # (the closing rule is the opening one again, with a blank line after it; any other line of dashes is a row's text)
            break
        if not line.strip():
            if simple:
                end = j - 1
                break
            if not body[-1]:  # two blank lines: no table goes on so
                return None
            body.append([])
            parted = True
        else:
            body[-1].append((j, line))
    if end is None:
        if not simple:
            return None
        end = n - 1
    body = [part for part in body if part]
    if not body:  # (a line of dashes under a line of words: no table)
        return None
    if simple or not parted:  # one row a line
        body = [[row] for part in body for row in part]
    rows = []
    for part in ([header] if header else []) + body:
        if not all(_in_columns(line, bounds) for _, line in part):
            return None
        cols = [_columns_of(line, bounds) for _, line in part]
        rows.append((part[0][0], [_cell_text([c[k] for c in cols]) for k in range(len(bounds))]))
    return (end, rows) if rows else None


def _pandoc_tables(lines: list[str], first_only: bool = False) -> list[tuple[int, int, list]]:
    """(first line, last line, [its Table]) of each of pandoc's grid, simple or multiline tables
    (``first_only``: the first with two columns, to tell whether the text is Markdown)."""
    from analysis.read.text import table_of

    out = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        found = None
        head = line.lstrip()[:3] if line[:1] in " +-" else ""  # (a '- ' bullet is no rule: it is passed over without a pattern)
        if head[:2] in ("+-", "+=", "+:") or head == "---":
            if _GRID_BORDER.match(line):
                found = _grid_table(lines, i)
                first = i
            elif _DASH_LINE.match(line):
                found = _dash_table(lines, i)
                first = min(i, found[1][0][0]) if found else i  # (a simple table's header above)
        if found:
            last, rows = found
            # A row of two cells with text; or, in a text already known as Markdown, a box (a one-column
            # table: a program's purpose sentence, as the pipe tables' Markdown writes it too).
            if any(sum(1 for c in cells if c.strip()) >= 2 for _, cells in rows) or not first_only and len(rows[0][1]) == 1:
                numbers = getattr(lines, "numbers", None)
                located = [(numbers[r] if numbers else r + 1, cells) for r, cells in rows]
                out.append((first, last, [table_of(located, 0)]))
                if first_only:
                    return out
                i = last + 1
                continue
        i += 1
    return out
