"""HWPX (Hancom's OWPML, a zip of XML parts) → :class:`~analysis.read.document.Document`.

The body is in ``Contents/section0.xml``, ``section1.xml``…: paragraphs (``hp:p``) of runs
(``hp:run``) holding text (``hp:t``), tables (``hp:tbl`` → ``hp:tr`` → ``hp:tc``, each cell
with ``hp:cellAddr`` rowAddr/colAddr, ``hp:cellSpan`` rowSpan/colSpan and a ``hp:subList`` of
paragraphs; positions covered by a merge have no ``hp:tc``; a ``hp:caption`` becomes the
table's ``caption``) and controls (``hp:ctrl``: the page header and footer, set aside as
furniture; a footnote or endnote, after its paragraph, or after the table when it is in a
cell). The labels Hancom draws from a paragraph's shape (글머리표, 문단 번호, 개요 번호: numberings
and bullets of ``Contents/header.xml``) are put before its text, as printed. Tracked changes read as accepted: text between ``hp:deleteBegin`` and ``hp:deleteEnd``
is left out. Tags are matched by local name: real files use the
``hancom.co.kr/hwpml/2011`` namespaces, the OWPML documents describe ``owpml.org`` ones.

A line break (Shift+Enter) in a body paragraph only wraps its text unless the next line starts an
item (``○``, ``-``, ``1.``, ``가.``); in a cell whose first line is an item, likewise, else every
line is an entry. A paragraph shape's left margin (and first-line indent) is its indent level. A
덧말 reads as its main text, 글자 겹치기 as its characters. Of an ``hp:switch`` (alternatives for readers
that know a namespace), what other readers show is read (``hp:default``, else the first
``hp:case``), as a run. An equation (``hp:equation``) is a script Hancom typesets: its numbers are
not read, and each is listed at its place (a :class:`~analysis.read.document.Notice`, an
``equation`` finding; coverage counts them as unread).

This is an own lxml walk rather than python-hwpx's document model: it reads the same cells and
spans (``shared/OFFICE-FORMATS.md``) at a fraction of the cost, since it builds no editable
object tree (see ``docs/benchmarks_office.md``). The HWP reader (:mod:`analysis.read.hwp`)
converts an HWP 5.0 file to these same XML parts with python-hwpx and reads them here.

Locations are ``section``, ``paragraph`` (the top-level paragraph of the section, 1-based),
``table`` (tables counted through the document, nested ones included), ``row`` and ``col``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from analysis.errors import ReportError
from analysis.read.document import ITEM_START, LIST_LETTERS, Block, Document, Loc, Notice, Paragraph, join_split_tables
from analysis.read.hancom import DrawnCell, table_blocks

FORMAT = "hwpx"

_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")
_HEADER = "Contents/header.xml"
_PARSER = etree.XMLParser(resolve_entities="internal", no_network=True, remove_comments=True, remove_pis=True, collect_ids=False)
"""Entities declared in the part's own DOCTYPE are expanded (libxml2 bounds their amplification:
a 'billion laughs' part is refused as malformed, not expanded); an external entity is never
fetched, and a reference to one is an error (an undefined entity). With no expansion at all, a
reference in ``hp:t`` (``&n;46,867명``) was an unnamed node whose text was dropped in silence."""
_TRACKED = {"deleteBegin", "deleteEnd"}  # insertBegin/insertEnd need nothing: inserted text is kept
_INLINE = {"tab": "\t", "lineBreak": "\n", "fwSpace": " ", "nbSpace": " ", "hyphen": "-"}
_SHAPES = {"rect", "ellipse", "arc", "polygon", "curve", "connectLine", "line", "container", "textart", "pic", "ole", "equation", "chart", "video"}
_EQUATION_NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
_MAX_GRID = 1_000_000  # cells in a table's grid: far above any report's, far below what exhausts memory
_REDO = "open it in Hancom Office and save it again, or save it as PDF"
_SAVE_AS = "it cannot be read without Hancom Office; save it as HWPX without a password, or as PDF"


def sniff(data: bytes, name: str) -> bool:
    """A zip holding OWPML: ``mimetype`` ``application/hwp+zip`` first, or a
    ``Contents/section0.xml`` part; a zip named ``.hwpx`` too (so a damaged one gets this
    reader's message)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"application/hwp+zip" in data[:200] or b"Contents/section" in data or name.lower().endswith(".hwpx")


def read(data: bytes, source: str) -> Document:
    """The Document of an HWPX file.

    Raises
    ------
    ReportError
        For a damaged zip, a zip without ``Contents/section*.xml`` (or without a section its
        ``content.hpf`` lists, or holding a part twice, or a part unzipping past
        :data:`MAX_PART`), or XML that does not parse.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.namelist()
            names = sorted((int(m[1]), n) for n in members if (m := _SECTION.match(n)))
            if not names:
                raise ReportError(source, None, "an HWPX file (Contents/section0.xml in the zip)", f"a zip without it; {_REDO}", loc="zip")
            if len(set(members)) < len(members):  # zipfile reads the last of the copies, for every one of them
                twice = next(n for n in members if members.count(n) > 1)
                raise ReportError(source, None, "an HWPX file (a zip holding each part once)", f"a zip holding {twice} twice, which copy is the document is not known; {_REDO}", loc="zip")
            encrypted = any(info.flag_bits & 0x1 for info in zf.infolist())  # a zip's own password (its members cannot be read)
            manifest = _member(zf, "META-INF/manifest.xml", source) if "META-INF/manifest.xml" in zf.namelist() and not encrypted else b""
            if encrypted or b"encryption-data" in manifest:  # Hancom encrypts a password-protected HWPX's parts
                raise ReportError(source, None, "an HWPX file that opens without a password", f"a password-protected HWPX: {_SAVE_AS}", loc="zip")
            names = _in_spine_order(zf, set(members), [n for _, n in names], source)
            parts = [(name, _member(zf, name, source)) for name in names]
            header = _member(zf, _HEADER, source) if _HEADER in zf.namelist() else None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:  # (RuntimeError: a member zipfile cannot decrypt)
        if zip_cut_short(data):
            raise ReportError(source, None, "a whole HWPX file (a zip ending with its central directory)",
                              f"a zip cut short: its {len(data):,} bytes end without the list of its parts that ends every zip, so parts are missing, "
                              "as after an incomplete download or copy; get the file again, or open it in Hancom Office and save it again", loc="zip") from None
        raise ReportError(source, None, "an HWPX file (a zip of OWPML XML)", f"a damaged zip ({exc}); {_REDO}", loc="zip") from None
    return read_sections(parts, source, FORMAT, header)


def zip_cut_short(data: bytes) -> bool:
    """Whether a zip's bytes end before its central directory's 22-byte end record (a comment of
    64 KB at most may follow it): the list of its parts, written last, is missing; the file was
    cut (an incomplete download or copy)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    return end < 0 or len(data) - end < 22


_HPF = "Contents/content.hpf"
MAX_PART = 256 << 20
"""Bytes an XML part may unzip to: a section of this report is 222 KB for ten pages; a part of
more is a zip bomb (a 2.5 MB file unzipped a 2.5 GB section0.xml: a MemoryError, a traceback)."""


def _member(zf: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A part's bytes, its unzipped size checked first. Read a megabyte at a time: zipfile returns
    no more than the size the zip states, and a member that lies about it fails its CRC check,
    but one ``read()`` inflates as much as the member holds before cutting it to that size."""
    size = zf.getinfo(name).file_size
    if size > MAX_PART:
        raise ReportError(source, None, f"an HWPX whose parts unzip to at most {MAX_PART >> 20} MB each", f"{name} unzipping to {size:,} bytes; {_REDO}", loc="zip")
    chunks = []
    with zf.open(name) as f:
        while chunk := f.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)


def _in_spine_order(zf: zipfile.ZipFile, members: set[str], sections: list[str], source: str) -> list[str]:
    """The section parts in the order the package's spine (``Contents/content.hpf``) lists them,
    which is the document's order; a part the spine lists and the zip lacks is a ReportError (a
    part of the document is missing: read without it, its tables and figures were lost, or the
    report refused for the wrong reason). Sections the spine does not list follow in their
    numbers' order; without a readable spine, the numbers' order is the document's."""
    if _HPF not in members:
        return sections
    try:
        hpf = etree.fromstring(_member(zf, _HPF, source), _PARSER)
    except etree.XMLSyntaxError:
        return sections
    hrefs = {item.get("id"): item.get("href") or "" for item in hpf.iter("{*}item")}
    listed: list[str] = []
    for ref in hpf.iter("{*}itemref"):
        href = hrefs.get(ref.get("idref"), "")
        href = href if href in members or href.startswith("Contents/") else "Contents/" + href  # (relative to the package document)
        if _SECTION.match(href) and href not in listed:
            listed.append(href)
    missing = [href for href in listed if href not in members]
    if missing:
        raise ReportError(source, None, f"an HWPX file holding every section its {_HPF} lists", f"a zip without {', '.join(missing)}: part of the document is missing; {_REDO}", loc="zip")
    return listed + [name for name in sections if name not in listed]


def read_sections(parts: list[tuple[str, bytes]], source: str, source_format: str, header: bytes | None = None) -> Document:
    """The Document of OWPML section parts (``(part name, XML bytes)``, in order); ``header``
    is ``Contents/header.xml``, whose numberings and bullets label the paragraphs that use them.

    Shared with :mod:`analysis.read.hwp`, whose converter yields the same parts.
    """
    try:
        shapes = _ParaShapes(etree.fromstring(header, _PARSER) if header is not None else None)
    except etree.XMLSyntaxError as exc:
        raise ReportError(source, None, f"well-formed XML in {_HEADER}", f"{exc}; {_REDO}", loc=f"{_HEADER}, line {exc.lineno}") from None
    walk = _Walk(shapes)
    blocks: list[Block] = []
    for number, (name, xml) in enumerate(parts, start=1):
        try:
            root = etree.fromstring(xml, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ReportError(source, None, f"well-formed XML in {name}", f"{exc}; {_REDO}", loc=f"{name}, line {exc.lineno}") from None
        try:
            blocks += walk.section(root, number)
        except (TypeError, ValueError) as exc:  # a cell address or span that is not a number, or one used twice
            raise ReportError(source, None, f"tables with numeric cell addresses and spans inside their grid, one cell at each address, in {name}", f"{exc}; {_REDO}", loc=name) from None
    if walk.deleting:  # a deletion never closed: the rest of the document read as deleted, in silence
        raise ReportError(source, None, "tracked deletions that end (hp:deleteBegin … hp:deleteEnd)", f"a deletion begun at {walk.deleted_at} that never ends, "
                          f"so all that follows it would be left out; {_REDO}", loc=str(walk.deleted_at))
    furniture = walk.furniture
    return Document(source, source_format, join_split_tables(blocks, furniture), furniture, notices=walk.notices)


_LOCAL: dict = {}


def _local(tag) -> str:
    """The local name of a tag (``{namespace}p`` → ``p``); comments and PIs have none."""
    try:
        return _LOCAL[tag]
    except KeyError:
        name = _LOCAL[tag] = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        return name


class _Walk:
    """One pass over the sections; counts tables through the document."""

    def __init__(self, shapes: _ParaShapes) -> None:
        self.shapes = shapes  # the paragraph shapes' labels and indents (none without a header.xml)
        self.tables = 0
        self.furniture: list[Paragraph] = []
        self.deleting = False  # inside a tracked deletion (hp:deleteBegin … hp:deleteEnd), which may span runs
        self.here: Loc | None = None  # the paragraph being read, and where the open deletion began
        self.deleted_at: Loc | None = None
        self.cell_notes: list[Block] | None = None  # while reading a table: its cells' footnotes
        self.notices: list[Notice] = []  # what was not read as printed (an equation's numbers)

    def section(self, root, number: int) -> list[Block]:
        out: list[Block] = []
        n = 0
        self.shapes.start_section(root)
        for p in root.iterchildren("{*}p"):
            n += 1
            out += self.paragraph(p, Loc(section=number, paragraph=n))
        return out

    def paragraph(self, p, loc: Loc) -> list[Block]:
        """A paragraph's blocks: its text (split at line breaks), and the tables anchored in it
        where they stand."""
        out: list[Block] = []
        text: list[str] = []
        notes: list[Block] = []  # footnotes and endnotes, after the paragraph that cites them
        self.here = loc
        label = self.shapes.label(p)
        indent = self.shapes.indents.get(p.get("paraPrIDRef") or "", 0)  # its margin
        if label:
            text.append(label + " ")  # '□', '①', '1.' drawn by Hancom's numbering or bullets, as printed
        for run in p.iterchildren("{*}run", "{*}switch"):
            self.run(run if _local(run.tag) == "run" else [run], loc, text, out, notes, indent)
        _flush(text, loc, out, self.cell_notes is None, indent)
        if label and out and isinstance(out[0], Paragraph) and out[0].text == label and (
                not any(ch.isalnum() for ch in label) or any(not isinstance(b, Paragraph) for b in out[1:])):
            del out[0]  # a bullet on an empty paragraph labels nothing, nor a number on one that only holds a table (a number alone is a 연번 cell's)
        if notes and self.cell_notes is not None:  # a note in a cell follows the table, not the cell's text
            self.cell_notes += notes
            return out
        return out + notes if notes else out

    def run(self, run, loc: Loc, text: list[str], out: list[Block], notes: list[Block], indent: int) -> None:
        """A run's content (or an ``hp:switch`` alternative's) into the paragraph being read:
        text into ``text``, tables and shapes' text into ``out``, notes into ``notes``."""
        for child in run:
            name = _local(child.tag)
            if name == "t":
                text.append(self.t_text(child))
            elif name in _TRACKED:
                self.track(name)
            elif self.deleting:
                continue  # a table or a note inside a tracked deletion is deleted too
            elif name == "dutmal":  # 덧말: the main text as printed, its small note above or below left out
                text += [self.t_text(m) for m in child.iterchildren("{*}mainText")]
            elif name == "compose":  # 글자 겹치기: the characters drawn over each other
                text.append(child.get("composeText") or "")
            elif name == "tbl":
                _flush(text, loc, out, self.cell_notes is None, indent)
                out += self.table(child, loc)
            elif name == "ctrl":
                notes += self.ctrl(child, loc)
            elif name == "run":  # (an hp:switch alternative's runs)
                self.run(child, loc, text, out, notes, indent)
            elif name == "switch":  # alternatives (hp:case) for readers that know a namespace, and what the others show (hp:default)
                shown = next(child.iterchildren("{*}default"), None)
                if shown is None:  # no default: the first alternative
                    shown = next(child.iterchildren("{*}case"), None)
                if shown is not None:
                    self.run(shown, loc, text, out, notes, indent)
            elif name == "equation":
                _flush(text, loc, out, self.cell_notes is None, indent)
                self.equation(child, loc)
                out += self.shape(child, loc)
            elif name in _SHAPES:
                _flush(text, loc, out, self.cell_notes is None, indent)
                out += self.shape(child, loc)

    def equation(self, eq, loc: Loc) -> None:
        """An equation (수식) is a script (``hp:script``: ``{1,307} over {2}``) Hancom typesets:
        its numbers are not read as the report's, but each is listed as unread at the
        equation's place (a notice: coverage counts it and names it)."""
        script = " ".join("".join(s.itertext()) for s in eq.iter("{*}script"))
        numbers = tuple(_EQUATION_NUMBER.findall(script))
        if not script.strip():
            return
        shown = " ".join(script.split())[:60]
        self.notices.append(Notice(
            "equation", "warning" if numbers else "info", loc, "text and tables (an equation's numbers are not read)", shown,
            f"수식({loc.korean()}: {shown!r})" + (f" 속 숫자 {len(numbers)}개({', '.join(numbers)})를 읽지 않았습니다" if numbers else "을 읽지 않았습니다"), numbers=numbers))

    def track(self, mark: str) -> None:
        """A tracked change's mark: a deletion begins or ends (noting where it began)."""
        if mark == "deleteBegin" and not self.deleting:
            self.deleted_at = self.here
        self.deleting = mark == "deleteBegin"

    def t_text(self, t) -> str:
        """The text of a ``hp:t`` as it reads once tracked changes are accepted: deleted text
        (between ``hp:deleteBegin`` and ``hp:deleteEnd``) left out, inserted text kept."""
        if not len(t):
            return "" if self.deleting else t.text or ""
        parts = [] if self.deleting else [t.text or ""]
        for sub in t:
            name = _local(sub.tag)
            if name in _TRACKED:
                self.track(name)
            elif not self.deleting:
                parts.append(_INLINE.get(name, ""))
            if not self.deleting:
                parts.append(sub.tail or "")
        return "".join(parts)

    def sublist(self, parent, loc: Loc) -> list[Block]:
        out: list[Block] = []
        for sub in parent.iterchildren("{*}subList"):
            for p in sub.iterchildren("{*}p"):
                out += self.paragraph(p, loc)
        return out

    def table(self, tbl, loc: Loc) -> list[Block]:
        outer, self.cell_notes = self.cell_notes, []
        try:
            blocks = self._table(tbl, loc)
            notes = self.cell_notes
        finally:
            self.cell_notes = outer
        if outer is not None:  # a table in a cell: its notes follow the outermost table
            outer += notes
            return blocks
        return blocks + notes

    def _table(self, tbl, loc: Loc) -> list[Block]:
        self.tables += 1
        section, paragraph, number = loc.section, loc.paragraph, self.tables
        cells: list[DrawnCell] = []
        seen: set[tuple[int, int]] = set()
        rows = list(tbl.iterchildren("{*}tr"))
        # The grid Hancom declares (rowCnt × colCnt), or as many rows as it has, and columns as its
        # widest row has cells, if more (a writer that added rows without counting them); without a
        # declared column count, as many columns as it has cells.
        n_rows = max(_int(tbl.get("rowCnt"), 0), len(rows))
        n_cols = _int(tbl.get("colCnt"), 0)
        n_cols = max(n_cols, max((len(tr) for tr in rows), default=0)) if n_cols > 0 else sum(len(tr) for tr in rows)
        where = f"table {number} (section {section}, paragraph {paragraph})"
        if n_rows * n_cols > _MAX_GRID:
            raise ValueError(f"a grid of {n_rows:,} rows by {n_cols:,} columns in {where}")
        for r, tr in enumerate(rows):
            for c, tc in enumerate(tr.iterchildren("{*}tc")):
                row, col, rowspan, colspan, content = r, c, 1, 1, None
                for e in tc:
                    name = _local(e.tag)
                    if name == "subList":
                        content = e
                    elif name == "cellAddr":
                        row, col = int(e.get("rowAddr", r)), int(e.get("colAddr", c))
                    elif name == "cellSpan":
                        rowspan, colspan = max(1, int(e.get("rowSpan", 1))), max(1, int(e.get("colSpan", 1)))
                if not (0 <= row < n_rows and 0 <= col < n_cols):  # (a negative address put the cell in the last row)
                    raise ValueError(f"a cell at the address rowAddr {row}, colAddr {col}, outside the {n_rows} rows and {n_cols} columns of {where}")
                rowspan, colspan = min(rowspan, n_rows - row), min(colspan, n_cols - col)  # a merge past the grid's edge ends there
                if (row, col) in seen:  # one cell would hide the other: a row silently lost
                    raise ValueError(f"two cells at the address row {row + 1}, col {col + 1} of {where}")
                seen.add((row, col))
                cloc = Loc(section=section, paragraph=paragraph, table=number, row=row + 1, col=col + 1)
                blocks: list[Block] = []
                if content is not None:
                    for p in content.iterchildren("{*}p"):
                        blocks += self.paragraph(p, cloc)
                cells.append(DrawnCell(row, col, cloc, blocks, rowspan, colspan))
        tloc = Loc(section=section, paragraph=paragraph, table=number)
        caption = [b for cap in tbl.iterchildren("{*}caption") for b in self.sublist(cap, tloc) if isinstance(b, Paragraph)]
        return table_blocks(cells, tloc, caption)

    def ctrl(self, ctrl, loc: Loc) -> list[Block]:
        """Page header and footer text → furniture (an automatic page number reads ``#``); a
        footnote's or endnote's paragraphs are returned, to follow the paragraph."""
        notes: list[Block] = []
        for e in ctrl:
            name = _local(e.tag)
            if name in ("footNote", "endNote"):  # read as a note: '※ …', never as the text it annotates
                notes += [Paragraph(b.text if b.text.startswith(("※", "*")) else "※ " + b.text, b.loc, b.level) if isinstance(b, Paragraph) else b for b in self.sublist(e, loc)]
            elif name in ("header", "footer"):
                for sub in e:
                    if _local(sub.tag) == "subList":
                        for p in sub:
                            if _local(p.tag) == "p":
                                text = "".join(self.t_text(t) if _local(t.tag) == "t" else "#" for t in p.iter() if _local(t.tag) in ("t", "pageNum"))
                                if text.strip():
                                    self.furniture.append(Paragraph(text.strip(), loc))
        return notes

    def shape(self, el, loc: Loc) -> list[Block]:
        """Text drawn in shapes (text boxes, the org chart's boxes) and the captions of shapes and
        pictures, in document order."""
        out: list[Block] = []
        for e in el:
            name = _local(e.tag)
            if name in ("drawText", "caption"):  # a text box's text; a picture's or a shape's caption
                out += self.sublist(e, loc)
            elif name == "equation":
                self.equation(e, loc)
                out += self.shape(e, loc)
            elif name in _SHAPES:
                out += self.shape(e, loc)
            elif name == "switch":  # the alternative other readers show (hp:default), else the first
                shown = next(e.iterchildren("{*}default"), None)
                shown = shown if shown is not None else next(e.iterchildren("{*}case"), None)
                if shown is not None:
                    out += self.shape(shown, loc)
        return out


_HANGUL_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out += numeral * count
    return out


_NUMBER_FORMATS = {  # hh:paraHead numFormat -> the counter as Hancom prints it
    "DIGIT": str,
    "CIRCLED_DIGIT": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "HANGUL_SYLLABLE": lambda n: LIST_LETTERS[(n - 1) % 14],
    "CIRCLED_HANGUL_SYLLABLE": lambda n: chr(0x326E + (n - 1) % 14),
    "HANGUL_JAMO": lambda n: _HANGUL_JAMO[(n - 1) % 14],
    "CIRCLED_HANGUL_JAMO": lambda n: chr(0x3260 + (n - 1) % 14),
    "ROMAN_CAPITAL": _roman,
    "ROMAN_SMALL": lambda n: _roman(n).lower(),
    "LATIN_CAPITAL": lambda n: chr(ord("A") + (n - 1) % 26),
    "LATIN_SMALL": lambda n: chr(ord("a") + (n - 1) % 26),
    "CIRCLED_LATIN_CAPITAL": lambda n: chr(0x24B6 + (n - 1) % 26),
    "CIRCLED_LATIN_SMALL": lambda n: chr(0x24D0 + (n - 1) % 26),
}
_SYMBOL_BULLETS = {  # a bullet in a symbol font (private use area) -> the symbol it draws
    "\uf06c": "●", "\uf06e": "■", "\uf06f": "□", "\uf075": "◆", "\uf076": "★", "\uf077": "◆", "\uf09f": "●",
    "\uf0a1": "○", "\uf0a4": "○", "\uf0a7": "■", "\uf0ab": "★", "\uf0fc": "●", "\uf0fe": "□", "\uf046": "☞",
}
_PLACEHOLDER = re.compile(r"\^(\d+|N)")
_INDENT_UNIT = 250  # HWPUNIT (1/7200 inch) of left margin that count as one leading space: a quarter of a 10 pt character


class _ParaShapes:
    """The labels Hancom draws before numbered, outline and bullet paragraphs (문단 번호,
    개요 번호, 글머리표): text a reader sees that is not in the paragraph's ``hp:t``.

    A paragraph shape (``hh:paraPr``) whose ``hh:heading`` is ``NUMBER``, ``OUTLINE`` or
    ``BULLET`` labels every paragraph that uses it. A bullet's label is its character. A
    numbering keeps one counter per level, counted in reading order (tables' paragraphs too):
    a paragraph at level L counts level L up from its ``start`` and resets the deeper ones; its
    label is the level's ``hh:paraHead`` text with ``^k`` as level k's counter in level k's
    format (``^1.`` → ``1.``, ``(^5)`` → ``(1)``, ``^7`` circled → ``①``). Outline paragraphs use
    the section's outline numbering. A shape's left margin is the paragraph's indent
    (``indents``), counted like a text line's leading spaces, so a figure indented under an item
    by the margin keeps that item as its parent. (The same rules as python-hwpx's text export,
    ``hwpx.tools.exporter``, whose class is private; matched here by local name, as the walk is.)
    """

    def __init__(self, header=None) -> None:
        """From ``header.xml``'s root; with none, no paragraph has a label or an indent."""
        self.outline = ""
        self.heads: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.bullets: dict[str, str] = {}
        self.shapes: dict[str, tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.indents: dict[str, int] = {}  # paraPr id -> its left margin, as a count of spaces
        for el in header.iter("{*}numbering", "{*}bullet", "{*}paraPr") if header is not None else ():
            name, ident = _local(el.tag), el.get("id") or ""
            if name == "numbering":
                heads = self.heads.setdefault(ident, {})
                for head in el.iter("{*}paraHead"):
                    heads[_int(head.get("level"), 1)] = (head.text or "", head.get("numFormat") or "DIGIT", _int(head.get("start"), 1))
            elif name == "bullet":
                self.bullets[ident] = el.get("char") or ""
            else:
                margin = next(el.iter("{*}margin"), None)  # its own, or an hp:switch's first
                left = next(margin.iter("{*}left"), None) if margin is not None else None
                first = next(margin.iter("{*}intent"), None) if margin is not None else None  # a first line indented (> 0)
                indent = (_int(left.get("value"), 0) if left is not None else 0) + max(0, _int(first.get("value"), 0) if first is not None else 0)
                indent //= _INDENT_UNIT
                if indent > 0:
                    self.indents[ident] = indent
                heading = next(el.iter("{*}heading"), None)  # its own, or the one an hp:switch holds
                kind = heading.get("type", "NONE") if heading is not None else "NONE"
                if kind in ("NUMBER", "OUTLINE", "BULLET"):
                    self.shapes[ident] = (kind, heading.get("idRef") or "", _int(heading.get("level"), 0) + 1)

    def start_section(self, section) -> None:
        sec_pr = next(section.iter("{*}secPr"), None)
        self.outline = (sec_pr.get("outlineShapeIDRef") or "") if sec_pr is not None else ""

    def label(self, p) -> str:
        shape = self.shapes.get(p.get("paraPrIDRef") or "")
        if shape is None:
            return ""
        kind, ref, level = shape
        if kind == "BULLET":
            text = self.bullets.get(ref) or "●"
            return _SYMBOL_BULLETS.get(text, text)
        numbering = self.outline if kind == "OUTLINE" else ref
        heads = self.heads.get(numbering)
        if not heads or level not in heads:
            return ""
        counters = self.counters.setdefault(numbering, {})
        for upper in range(1, level):
            if upper not in counters and upper in heads:
                counters[upper] = heads[upper][2]
        counters[level] = counters[level] + 1 if level in counters else heads[level][2]
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]

        def fill(m: re.Match) -> str:
            if m[1] == "N":
                return "".join(f"{counters.get(k, 1)}." for k in range(1, level + 1))
            _, number_format, start = heads.get(int(m[1]), ("", "DIGIT", 1))
            n = counters.get(int(m[1]), start)
            return _NUMBER_FORMATS.get(number_format, str)(n) if n > 0 else str(n)

        return _PLACEHOLDER.sub(fill, heads[level][0]).strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_NUMBER_BREAK = re.compile(r"(?<=[\d,])[ \t]*\n[ \t]*(?=\d)|(?<=\S)[ \t]*\n[ \t]*(?=\d[\d,]*(?:\s*[억만천]\s*[\d,]*)*\s*여?\s*[가-힣])")
"""A line break (Shift+Enter) inside a number (``1,`` / ``307명``), or right before a figure
(``직원`` / ``1,307명 수료``): the lines stay one, joined by a space, so the number reads ``1, 307``
(one number) or ``1 307`` (named as unreadable), never ``307``, and a figure keeps the words
before it (``팔로워수 146,867명`` is a standing count). A numbered line (``1. …``) still starts a
paragraph."""


_LINE_ITEM = re.compile(r"[ \t]*\n(?=[ \t]*(?:" + ITEM_START + r"|$))")
"""A line break (Shift+Enter) in a body paragraph that starts an item of its own: a marker
(□ ○ - · ※ ①…), a number or letter (``1.``, ``(2)``, ``가.``), a Roman numeral; any other line
break only wraps the paragraph's text, and its lines are read as one."""
_ITEM_FIRST = re.compile(r"[ \t]*" + ITEM_START)  # a paragraph whose first line is an item
_WRAP = re.compile(r"[ \t]*\n[ \t]*")


def _flush(text: list[str], loc: Loc, out: list[Block], wrap: bool = False, indent: int = 0) -> None:
    """The text gathered so far as paragraphs (one per line break; blank ones dropped), each
    stripped, its leading spaces (and ``indent``, its shape's margin) counted as its ``level``. With ``wrap`` (a body
    paragraph or a text box's, not a cell's), a line break that starts no item of its own (see ``_LINE_ITEM``) only wraps the
    text: ``□ 소요예산:`` / ``총 63,553천원(구비 63,553)`` reads as one line."""
    if not text:
        return
    if len(text) == 1 and "\n" not in text[0]:
        line = text[0]
        stripped = line.strip()
        if stripped:
            out.append(Paragraph(stripped, loc, indent + (len(line) - len(line.lstrip()) if line[0].isspace() else 0)))
        text.clear()
        return
    joined = _NUMBER_BREAK.sub(" ", "".join(text))
    # An item's line break kept (as \0 for a moment), any other a space: in a body paragraph; in a
    # cell, where each line may be an entry, only when its first line is an item ('- …').
    if "\n" in joined and (wrap or _ITEM_FIRST.match(joined)):
        joined = _WRAP.sub(" ", _LINE_ITEM.sub("\0", joined)).replace("\0", "\n")
    for line in joined.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append(Paragraph(stripped, loc, indent + len(line) - len(line.lstrip())))
    text.clear()
