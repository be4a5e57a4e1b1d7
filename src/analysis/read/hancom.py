"""Hancom drawing conventions, read into the document model.

Reports written in Hancom Office draw much of their layout as tables (see
``shared/OFFICE-FORMATS.md``): a numbered heading is a 1×2 table (a number chip such as ``1``,
``①`` or ``Ⅰ``, then the title), a summary sentence sits in a boxed 1×1 table, a whole page may
sit in a frame table. None of these is data. The HWPX, HWP and PDF readers build each table
they find as :class:`DrawnCell` objects and hand it to :func:`table_blocks`, which says what
the table stands for, judged by its content, not by its being a table:

- a one-row table of a number chip and a title (words, not a number), empty spacer cells
  aside, is the heading paragraph ``"1 조 직"``;
- a 1×1 table is its content: the paragraphs (and any tables) inside the box, in order;
- any other table is a data table (:class:`~analysis.read.document.Table`); its cells keep their
  spans and their paragraphs (the 조직 duties stay several paragraphs in one cell). A table
  drawn inside a data table's cell (rare) is kept as text, one paragraph per row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from analysis.read.document import LIST_LETTERS, Block, Cell, Loc, Paragraph, Table

_CHIP = re.compile(r"^(?:\d{1,2}|[①-⑳]|[Ⅰ-Ⅻ]|[ⅰ-ⅻ]|[IVX]{1,4}|[" + LIST_LETTERS + r"])\s*[.)]?$")
_NUMBER = re.compile(r"^[\s△▲+\-−,.\d%()]*$")
_WORD = re.compile(r"[^\W\d_]")


@dataclass
class DrawnCell:
    """A table cell as drawn: position (0-based), spans, location and content blocks (paragraphs,
    and tables drawn inside the cell)."""

    row: int
    col: int
    loc: Loc
    blocks: list[Block] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


def is_chip(text: str) -> bool:
    """A heading's number chip: ``1``, ``①``, ``Ⅰ``, ``IV``, ``가`` (a trailing ``.``/``)`` allowed)."""
    return bool(_CHIP.match(unicodedata.normalize("NFC", text.strip())))


def is_title(text: str) -> bool:
    """Heading words: some letters (Hangul or Latin), not a number or an amount."""
    text = text.strip()
    return bool(text) and not _NUMBER.match(text) and bool(_WORD.search(text))


def table_blocks(cells: list[DrawnCell], loc: Loc, caption: list[Paragraph] | None = None) -> list[Block]:
    """What a drawn table stands for: a heading paragraph, the content of a box, or a data table.

    Parameters
    ----------
    cells : list of DrawnCell
        The table's cells (positions covered by a merged cell absent).
    loc : Loc
        Where the table is (its ``table`` number set).
    caption : list of Paragraph, optional
        The table's caption: a data table's ``caption`` (its paragraphs joined by spaces); before
        a layout table's blocks, its paragraphs.

    Returns
    -------
    list
        Blocks in reading order: one heading :class:`Paragraph`, the box's blocks, or one
        :class:`Table`.
    """
    caption = caption or []
    if not cells:
        return list(caption)
    n_rows = max(c.row + c.rowspan for c in cells)
    if len(cells) == 1:  # a box (or a frame): its content
        return caption + cells[0].blocks
    if n_rows == 1:
        filled = [c for c in sorted(cells, key=lambda c: c.col) if c.blocks]  # spacer cells aside
        if len(filled) == 2 and not any(_has_table(c.blocks) for c in filled):
            chip_text, title_text = _text(filled[0].blocks), _text(filled[1].blocks)
            if "\n" not in chip_text and is_chip(chip_text) and is_title(title_text):
                return caption + [Paragraph(f"{chip_text.strip()} {' '.join(title_text.split())}", loc)]
    return [Table([_cell(c) for c in cells], loc, " ".join(p.text for p in caption))]


def heading_of(table: Table) -> Paragraph | None:
    """A one-row table of a number chip and a title (``4`` │ ``예 산 현 황``) as the heading it
    draws, for the text formats: python-hwpx's ``export_text`` writes Hancom's chip tables as tab
    rows (``4\t예 산 현 황``), HTML exports as tables."""
    rows = table.texts()
    if len(rows) != 1:
        return None
    filled = [t for t in rows[0] if t.strip()]
    if len(filled) == 2 and "\n" not in filled[0] and is_chip(filled[0]) and is_title(filled[1]):
        return Paragraph(f"{filled[0].strip()} {' '.join(filled[1].split())}", table.loc)
    return None


def _cell(drawn: DrawnCell) -> Cell:
    paragraphs: list[Paragraph] = []
    for block in drawn.blocks:
        if isinstance(block, Table):
            paragraphs += [Paragraph(" | ".join(c.text.replace("\n", " ") for c in row), row[0].loc) for row in block.rows() if row]
        else:
            paragraphs.append(block)
    return Cell(drawn.row, drawn.col, paragraphs, drawn.loc, drawn.rowspan, drawn.colspan)


def _text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))


def _has_table(blocks: list[Block]) -> bool:
    return any(isinstance(b, Table) for b in blocks)
