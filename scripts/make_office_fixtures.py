"""Make the office-format fixtures in ``tests/data/office/`` from the bundled text report.

The bundled report (``data/raw/yeongdeungpo_vision-cooperation_2022.txt``) as a Hancom user
would have it, carrying the same content:

- ``yeongdeungpo_vision-cooperation_2022.hwpx``: written with python-hwpx. Its tab-separated
  lines are real tables; the staffing header has ``일 반 직`` (and the other job categories)
  merged over their grades and ``구 분``/``계`` merged over the two header rows; the 조직 duty
  lists (``<ul>`` cells) are several paragraphs in one cell; the numbered headings (``1 조 직``,
  a program's ``1 …``) are 1×2 tables (number chip, title); each program's purpose sentence sits
  in a boxed 1×1 table; a running head and a ``- N -`` page number in the header and footer.
- ``yeongdeungpo_vision-cooperation_2022.hwp``: the same document saved as an HWP 5.0 binary
  by python-hwpx's HWP writer (``HwpxDocument.save_to_path("….hwp")``).
- ``yeongdeungpo_vision-cooperation_2022.pdf``: the same layout as a flat ODF text document
  (``.fodt``) printed to PDF by LibreOffice (``soffice --convert-to pdf``): A4, NanumGothic,
  ruled tables with their header rows marked to repeat, the running head on top and
  ``- N -`` in the footer of every page; the 예산현황 table is pushed down so that it breaks
  across pages 2 and 3 (its header repeated on page 3).
- ``budget_split_no_repeat.pdf``: part I alone, printed the same way but with the 예산현황
  header not marked to repeat, so the table continues on page 3 without its header.
- ``page_border.pdf``: part I again, every page framed by a border (Hancom's 쪽 테두리), which
  is not a table.
- ``rotated_pages.pdf``: the report's PDF with its pages turned in the viewer and saved
  (``/Rotate`` 90 on page 1, 180 on page 2, 270 on page 3, by pypdf), as a PDF comes back
  from someone who turned pages on screen: displayed, its text runs sideways or upside down.
- ``open_sides.pdf``: part I of the Chromium fixture's HTML with every table open at the sides
  (no left or right outer border, as Korean reports often draw them), printed by Chromium.
- Bad input: ``distribution.hwp`` and ``password.hwp`` (a small HWP with the 배포용 or the
  password bit set in its FileHeader), ``corrupt.hwpx`` (a truncated zip), ``corrupt.hwp``
  (OLE magic, then garbage), ``scanned.pdf`` (an image-only PDF made with Pillow),
  ``report.docx`` (a minimal Word document), ``sales.xlsx`` (a workbook that is not the
  template).

Run from the repository root: ``.venv/bin/python scripts/make_office_fixtures.py``. Needs the
package's dependencies, and ``soffice`` (LibreOffice Writer) and the NanumGothic font
(``apt-get install libreoffice-writer-nogui fonts-nanum``) for the PDF. CI does not run this:
the tests read the committed files.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "raw" / "yeongdeungpo_vision-cooperation_2022.txt"
OUT = ROOT / "tests" / "data" / "office"
STEM = "yeongdeungpo_vision-cooperation_2022"
RUNNING_HEAD = "2022년 주요업무 보고 · 비전협력과"


# --- the report as blocks: what each format draws -------------------------------------------

@dataclass
class Para:
    text: str


@dataclass
class Heading:
    """A numbered heading, drawn as a 1×2 table: number chip, title."""

    number: str
    title: str


@dataclass
class Box:
    """Sentences in a boxed 1×1 table, one paragraph each."""

    paragraphs: list[str]


@dataclass
class Grid:
    """A data table: rows of cells (a cell is a list of paragraphs); ``spans`` maps (row, col) to
    (rowspan, colspan) for merged cells; positions they cover are left out."""

    rows: list[list[list[str]]]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    header_rows: int = 1
    role: str = ""

    def covered(self) -> set[tuple[int, int]]:
        out = set()
        for (r, c), (rs, cs) in self.spans.items():
            out |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
        return out


_HEADING = re.compile(r"^(\d{1,2}) (\S.*)$")
_MARKER = re.compile(r"^\s*[-□○※(<·*①-⑳ⅠⅡⅢIV]")
_UL = re.compile(r"<ul[^>]*>(.*?)(?:</ul>|$)")


def _cell(text: str) -> list[str]:
    """A tab-separated cell: a ``<ul>`` list is one paragraph per item (``- item``)."""
    m = _UL.search(text)
    if not m:
        return [text] if text else []
    return ["- " + item.strip() for item in re.split(r"(?:^|\s)-\s+", m[1]) if item.strip()]


def report_blocks(text: str) -> list:
    """The text report as the blocks a Hancom user draws (see the module docstring)."""
    lines = text.split("\n")
    blocks: list = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([_cell(c) for c in lines[i].split("\t")])
                i += 1
            blocks.append(_grid(rows))
            continue
        m = _HEADING.match(line)
        if m:
            blocks.append(Heading(m[1], m[2]))
        elif len(line) >= 30 and not _MARKER.match(line):
            box = [line]
            while i + 1 < len(lines) and lines[i + 1].startswith(" ") and not _MARKER.match(lines[i + 1]):
                i += 1
                box.append(lines[i])
            blocks.append(Box(box))
        else:
            blocks.append(Para(line))
        i += 1
    return blocks


def _grid(rows: list[list[list[str]]]) -> Grid:
    width = max(len(r) for r in rows)
    rows = [r + [[]] * (width - len(r)) for r in rows]
    grid = Grid(rows)
    head = [" ".join(c) for c in rows[0]]
    if head[:2] == ["구 분", "계"] and len(rows) > 1:  # staffing: two header rows, groups merged
        grid.role, grid.header_rows = "staffing", 2
        grid.spans[(0, 0)] = grid.spans[(0, 1)] = (2, 1)
        starts = [c for c in range(2, width) if head[c]]
        for k, c in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else width
            grid.spans[(0, c)] = (1, end - c)
    elif head[0] == "단위사업명":
        grid.role = "budget"
    return grid


# --- HWPX and HWP (python-hwpx) ----------------------------------------------------------------

def write_hwpx(blocks: list, hwpx_path: Path, hwp_path: Path) -> None:
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.page.set_header(text=RUNNING_HEAD)
    doc.page.set_page_number(prefix="- ", suffix=" -")
    first = True
    for block in blocks:
        if isinstance(block, Para):
            if first:
                doc.paragraphs[0].text = block.text
                first = False
            else:
                doc.add_paragraph(block.text)
            continue
        first = False
        if isinstance(block, Heading):
            table = doc.add_table(1, 2)
            table.set_cell_text(0, 0, block.number)
            table.set_cell_text(0, 1, block.title)
            table.set_column_widths([1, 9])
        elif isinstance(block, Box):
            table = doc.add_table(1, 1)
            _fill(table.cell(0, 0), block.paragraphs)
        else:
            table = doc.add_table(len(block.rows), len(block.rows[0]))
            for (r, c), (rs, cs) in block.spans.items():
                table.merge_cells(r, c, r + rs - 1, c + cs - 1)
            for r, row in enumerate(block.rows):
                for c, paragraphs in enumerate(row):
                    if (r, c) not in block.covered():
                        _fill(table.cell(r, c), paragraphs)
    doc.save_to_path(str(hwpx_path))
    doc.save_to_path(str(hwp_path))


def _fill(cell, paragraphs: list[str]) -> None:
    """A cell's paragraphs: the first replaces its empty one, the others are added."""
    if not paragraphs:
        return
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


# --- PDF: a flat ODF document printed by LibreOffice ---------------------------------------------

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="NanumGothic" svg:font-family="NanumGothic"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.12cm"/>
  <style:text-properties style:font-name="NanumGothic" fo:font-size="10pt"
   style:font-name-asian="NanumGothic" style:font-size-asian="10pt" fo:language="ko" fo:country="KR"
   style:language-asian="ko" style:country-asian="KR"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="HeadRight" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
 <style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="Push" style:family="paragraph">
  <style:paragraph-properties fo:line-height="{push}cm" fo:break-before="page"/></style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Td" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm"/></style:style>
 <style:style style:name="Chip" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm" fo:background-color="#1f3864"/></style:style>
 <style:style style:name="ChipText" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/>
  <style:text-properties fo:color="#ffffff" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 {column_styles}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="HeadRight">{running_head}</text:p></style:header>
  <style:footer><text:p text:style-name="Center">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""

PUSH_CM = 20.8  # how far down page 2 the 예산현황 heading starts, so that its table breaks


def write_fodt(blocks: list, path: Path, push_cm: float = PUSH_CM, repeat_header: bool = True, page_border: bool = False) -> None:
    widths: dict[int, str] = {}
    body: list[str] = []
    for k, block in enumerate(blocks):
        if isinstance(block, Para):
            body.append(f"<text:p>{_odf_text(block.text)}</text:p>")
        elif isinstance(block, Heading):
            style = "Push" if block.title == "예 산 현 황" else None
            if style:
                body.append(f'<text:p text:style-name="{style}"> </text:p>')
            body.append(_fodt_table(f"h{k}", [[[block.number], [block.title]]], {}, 0, [1.4, 15.6], chip=True))
        elif isinstance(block, Box):
            body.append(_fodt_table(f"b{k}", [[block.paragraphs]], {}, 0, [17.0]))
        else:
            n = len(block.rows[0])
            first = 3.4 if n > 4 else 17.0 / n
            cols = [first] + [(17.0 - first) / (n - 1)] * (n - 1) if n > 1 else [17.0]
            header_rows = block.header_rows if repeat_header or block.role != "budget" else 0
            body.append(_fodt_table(f"t{k}", block.rows, block.spans, header_rows, cols))
    for cols in re.findall(r'table:style-name="(c[\d_]+)"', "".join(body)):
        widths[cols] = cols
    column_styles = "".join(
        f'<style:style style:name="{name}" style:family="table-column"><style:table-column-properties style:column-width="{name[1:].replace("_", ".")}cm"/></style:style>'
        for name in sorted(widths)
    )
    head = _FODT_HEAD.format(push=push_cm, column_styles=column_styles, running_head=escape(RUNNING_HEAD))
    if page_border:  # a frame around the page's body, as Hancom's 쪽 테두리 draws it
        # (the margins narrowed by the padding, so that the text area and its line breaks stay)
        head = head.replace('fo:margin-left="2cm" fo:margin-right="2cm"/>', 'fo:margin-left="1.6cm" fo:margin-right="1.6cm" fo:border="0.5pt solid #000000" fo:padding="0.4cm"/>')
    path.write_text(head + "\n".join(body) + "\n</office:text></office:body></office:document>\n", encoding="utf-8")


def _fodt_table(name: str, rows, spans, header_rows: int, cols: list[float], chip: bool = False) -> str:
    covered = Grid(rows, spans).covered()
    out = [f'<table:table table:name="{name}" table:style-name="Tbl">']
    for w in cols:
        out.append(f'<table:table-column table:style-name="c{f"{w:.2f}".replace(".", "_")}"/>')
    for r, row in enumerate(rows):
        if r == 0 and header_rows:
            out.append("<table:table-header-rows>")
        out.append("<table:table-row>")
        for c, paragraphs in enumerate(row):
            if (r, c) in covered:
                out.append("<table:covered-table-cell/>")
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' table:number-rows-spanned="{rs}"' if rs > 1 else "") + (f' table:number-columns-spanned="{cs}"' if cs > 1 else "")
            cell_style, p_style = ("Chip", "ChipText") if chip and c == 0 else ("Td", "Cell")
            inner = "".join(f'<text:p text:style-name="{p_style}">{_odf_text(p)}</text:p>' for p in paragraphs) or f'<text:p text:style-name="{p_style}"/>'
            out.append(f'<table:table-cell table:style-name="{cell_style}" office:value-type="string"{attrs}>{inner}</table:table-cell>')
        out.append("</table:table-row>")
        if header_rows and r == header_rows - 1:
            out.append("</table:table-header-rows>")
    out.append("</table:table>")
    return "".join(out)


def _odf_text(text: str) -> str:
    """Text for a ``text:p``: ODF drops leading spaces, so the indent is kept as ``<text:s/>``."""
    body = text.lstrip(" ")
    indent = f'<text:s text:c="{len(text) - len(body)}"/>' if body != text else ""
    return indent + escape(body)


def print_pdf(fodt: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice (LibreOffice) is needed for the PDF fixture: apt-get install libreoffice-writer-nogui fonts-nanum")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(fodt)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(tmp) / (fodt.stem + ".pdf"), pdf)


# --- bad input -------------------------------------------------------------------------------

def write_bad_inputs(out: Path) -> None:
    from hwpx import HwpxDocument
    from hwpx.hwp5.cfb import CompoundFile, build_compound_file, read_all_streams

    doc = HwpxDocument.new()
    doc.paragraphs[0].text = "제241회 구의회 제2차 정례회"
    small = out / "_small.hwp"
    doc.save_to_path(str(small))
    data = small.read_bytes()
    small.unlink()
    for name, bit in (("distribution.hwp", 2), ("password.hwp", 1)):
        streams = read_all_streams(CompoundFile(data))
        patched = []
        for path, payload in streams:
            if path == "FileHeader":
                flags = struct.unpack_from("<I", payload, 36)[0] | (1 << bit)
                payload = payload[:36] + struct.pack("<I", flags) + payload[40:]
            patched.append((path, payload))
        (out / name).write_bytes(build_compound_file(patched))
    (out / "corrupt.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    full = (out / f"{STEM}.hwpx").read_bytes()
    (out / "corrupt.hwpx").write_bytes(full[: len(full) // 3])

    from PIL import Image, ImageDraw

    image = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 760, 24):  # lines of "text" as a scanner sees them: ink, no characters
        draw.rectangle((70, y, 70 + (y * 37) % 420 + 60, y + 9), fill=40)
    image.save(out / "scanned.pdf", "PDF", resolution=72)

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>2022년 주요업무 보고</w:t></w:r></w:p></w:body></w:document>')
    (out / "report.docx").write_bytes(docx.getvalue())

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "매출"
    for row in (["월", "금액"], ["1월", 1200], ["2월", 1350]):
        ws.append(row)
    wb.save(out / "sales.xlsx")


def write_rotated(pdf: Path, out: Path) -> None:
    """The PDF with pages 1-3 turned by a viewer: ``/Rotate`` 90, 180 and 270 (pypdf, a
    fixture-making tool only: ``pip install pypdf``)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    for page, turn in zip(writer.pages, (90, 180, 270)):
        page.rotate(turn)
    with out.open("wb") as f:
        writer.write(f)


def write_chromium_pdf(html: Path, pdf: Path) -> None:
    """Another converter's PDF: ``html`` (the report as HTML tables, a page break forced inside
    the staffing table by ``break-before:page`` on its 현원 row) printed by headless Chromium
    (Debian's ``chromium``, a fixture-making tool only)."""
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", str(html)], check=True, capture_output=True, timeout=180)


def write_open_sides_pdf(html: Path, pdf: Path) -> None:
    """Part I of ``html`` (the chromium fixture's source) with every table drawn open at the
    sides, as Korean reports often draw them (no left or right outer border: CSS
    ``border-left/right: hidden``), printed by headless Chromium on one page."""
    source = html.read_text(encoding="utf-8")
    part_one = source[: source.index("<p>Ⅱ")] + "</body></html>\n"
    part_one = part_one.replace(' style="break-before:page"', "").replace("</style>", "table{border-left:hidden;border-right:hidden}</style>", 1)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "open_sides.html"
        page.write_text(part_one, encoding="utf-8")
        write_chromium_pdf(page, pdf)


def main() -> None:
    # Load inputs.
    text = SOURCE.read_text(encoding="utf-8")
    # Process data.
    blocks = report_blocks(text)
    # Save outputs.
    OUT.mkdir(parents=True, exist_ok=True)
    write_hwpx(blocks, OUT / f"{STEM}.hwpx", OUT / f"{STEM}.hwp")
    part_one = blocks[: next(k for k, b in enumerate(blocks) if isinstance(b, Para) and b.text.startswith("Ⅱ"))]
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / f"{STEM}.fodt"
        write_fodt(blocks, fodt)
        print_pdf(fodt, OUT / f"{STEM}.pdf")
        # Part I alone, the 예산현황 header not marked to repeat: the table continues on page 3 bare.
        bare = Path(tmp) / "budget_split_no_repeat.fodt"
        write_fodt(part_one, bare, repeat_header=False)
        print_pdf(bare, OUT / "budget_split_no_repeat.pdf")
        framed = Path(tmp) / "page_border.fodt"
        write_fodt(part_one, framed, page_border=True)
        print_pdf(framed, OUT / "page_border.pdf")
    write_rotated(OUT / f"{STEM}.pdf", OUT / "rotated_pages.pdf")
    write_chromium_pdf(OUT / "chromium_staffing_split.html", OUT / "chromium_staffing_split.pdf")
    write_open_sides_pdf(OUT / "chromium_staffing_split.html", OUT / "open_sides.pdf")
    write_bad_inputs(OUT)
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>9,}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
