"""Faults injected into every format the product reads, each case with its exact outcome.

The good inputs are the bundled report (UTF-8 text; as CP949, UTF-16, Markdown and HTML made in
the test) and its committed HWPX, HWP and PDF (``tests/data/office``, made by
``scripts/make_office_fixtures.py``); the faults are made here, seeded: the file cut short at
fractions of its length (and by its last byte), bytes flipped, emptied, named with another
format's extension, encrypted, a zip with parts added or lost, a huge line, NUL bytes, byte-order
marks, mixed line ends. Each case asserts one of: the same tables as the good file (the fault is
harmless, or the file is read by its content), or exactly one ReportError (its message in full:
file, location, what was expected, what to do). Never a traceback, never a report read short as
if whole.

A flipped bit in text has no checksum to catch it: '6급' read as '&급', a syllable changed in a
label; those are not asserted here (the totals' checks catch a changed figure where a 계 holds
it). Nor are flips in an HWP's raw-deflate streams, which carry no checksum either.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import analysis
from analysis import ReportError
from analysis.store.build import load_reports
from conftest import REPORT_PATH
from convert import to_html, to_markdown

OFFICE = Path(__file__).parent / "data" / "office"
STEM = "yeongdeungpo_vision-cooperation_2022"
TXT = REPORT_PATH.read_bytes()
IGNORED = ["source_line", "source_loc", "source_file", "source_format", "source_sha256"]


def _good(kind: str) -> bytes:
    text = TXT.decode("utf-8")
    return {
        "txt": TXT, "cp949.txt": text.encode("cp949"), "utf16.txt": text.encode("utf-16"),
        "md": to_markdown(text).encode(), "html": to_html(text).encode(),
        "hwpx": (OFFICE / f"{STEM}.hwpx").read_bytes(), "hwp": (OFFICE / f"{STEM}.hwp").read_bytes(), "pdf": (OFFICE / f"{STEM}.pdf").read_bytes(),
    }[kind]


_TABLES: dict = {}


def _tables(path: Path) -> list[dict]:
    return [{k: v.drop(columns=[c for c in IGNORED if c in v.columns]).reset_index(drop=True) for k, v in r.tables.items()} for r in load_reports(path)]


def _good_tables() -> dict:
    """The bundled report's tables, which every good file of it reads into (source columns aside)."""
    if "good" not in _TABLES:
        _TABLES["good"] = _tables(REPORT_PATH)[0]
    return _TABLES["good"]


def outcome(tmp_path: Path, name: str, data: bytes) -> str:
    """'same' (the good file's tables, findings included), or the one ReportError's message."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        got = _tables(path)
    except ReportError as exc:
        return str(exc)
    good = _good_tables()
    assert len(got) == 1 and set(got[0]) == set(good)
    differ = [k for k in good if not got[0][k].equals(good[k])]
    return "same" if not differ else f"read, differing in {differ}"


def _cut(data: bytes, frac: float) -> bytes:
    return data[: max(1, int(len(data) * frac))]


_ZIP_CUT = ("(zip): expected a whole HWPX file (a zip ending with its central directory), found a zip cut short: its {n:,} bytes end without the list of its parts "
            "that ends every zip, so parts are missing, as after an incomplete download or copy; get the file again, or open it in Hancom Office and save it again")
_PDF_CUT = ("(file): expected a whole PDF (one that ends with its end-of-file marker %%EOF), found a PDF cut short: its {n:,} bytes end without %%EOF (or its last "
            "kilobyte does not hold it), so part of the file is missing, as after an incomplete download or copy; get the file again, or print it to PDF again")
_HWP_CUT = ("(file): expected a whole HWP 5.0 file, found a file cut short ({why}): its {n:,} bytes are not all the compound file's sectors, as after an incomplete "
            "download or copy; get the file again, or open it in Hancom Office and save it again")


class TestCutShort:
    """An office file cut at any point is refused as cut short (it had been 'a damaged zip (File
    is not a zip file)', 'a damaged PDF (PSEOF: Unexpected EOF)', '(PDFSyntaxError: No /Root
    object! - Is this really a PDF?)', 'a damaged file (FAT sector lies outside the file)')."""

    @pytest.mark.parametrize("frac", [0.001, 0.1, 0.5, 0.9, 0.999, -1])
    def test_hwpx(self, tmp_path, frac):
        data = _good("hwpx")
        cut = data[:-1] if frac == -1 else _cut(data, frac)
        assert outcome(tmp_path, "cut.hwpx", cut) == "cut.hwpx " + _ZIP_CUT.format(n=len(cut))

    @pytest.mark.parametrize("frac", [0.001, 0.1, 0.5, 0.9, 0.999, -1])
    def test_pdf(self, tmp_path, frac):
        data = _good("pdf")
        cut = data[:-8] if frac == -1 else _cut(data, frac)  # (the last byte is a line break after %%EOF: cut it and the PDF is whole)
        assert outcome(tmp_path, "cut.pdf", cut) == "cut.pdf " + _PDF_CUT.format(n=len(cut))

    def test_a_pdf_cut_between_its_objects(self, tmp_path):
        """Cut where an object ends: pdfminer would rebuild the file from the objects left."""
        data = _good("pdf")
        cut = data[: data.index(b"endobj", len(data) // 2) + 7]
        assert outcome(tmp_path, "cut.pdf", cut) == "cut.pdf " + _PDF_CUT.format(n=len(cut))

    def test_a_pdf_whose_last_update_is_cut(self, tmp_path):
        """An incremental update appended and cut: the file still holds the first %%EOF, far
        from its end; read from it, the update's changes would be lost without a word."""
        from pypdf import PdfWriter

        writer = PdfWriter(str(OFFICE / f"{STEM}.pdf"), incremental=True)
        writer.add_metadata({"/Title": "x" * 3000})
        buf = io.BytesIO()
        writer.write(buf)
        whole = buf.getvalue()
        assert whole.count(b"%%EOF") == 2
        cut = whole[: len(whole) - 40]
        assert outcome(tmp_path, "cut.pdf", cut) == "cut.pdf " + _PDF_CUT.format(n=len(cut))

    @pytest.mark.parametrize("frac, why", [(0.001, "not a compound file (signature mismatch)"), (0.1, "FAT sector lies outside the file"),
                                           (0.5, "FAT sector lies outside the file"), (0.999, "FAT sector lies outside the file"), (-1, "FAT sector lies outside the file")])
    def test_hwp(self, tmp_path, frac, why):
        data = _good("hwp")
        cut = data[:-1] if frac == -1 else _cut(data, frac)
        assert outcome(tmp_path, "cut.hwp", cut) == "cut.hwp " + _HWP_CUT.format(n=len(cut), why=why)

    @pytest.mark.parametrize("kind, at, line, encoding, left", [
        ("txt", 0.1, 55, "UTF-8", 1), ("txt", 0.6, 282, "UTF-8", 1), ("md", 0.5, 240, "UTF-8", 2), ("html", 0.995, 583, "UTF-8", 1),
        ("cp949.txt", 0.6, 276, "CP949", 1), ("utf16.txt", 0.25, 118, "utf-16", 1), ("utf16.txt", 1.0, 461, "utf-16", 1),
    ])
    def test_text_cut_inside_a_character(self, tmp_path, kind, at, line, encoding, left):
        """Text cut between the bytes of one character (a Hangul syllable's three in UTF-8, two in
        CP949 or UTF-16) had been 'bytes neither can decode', sending the reader after an
        encoding; a text cut between characters is refused where its structure ends short."""
        data = _good(kind)
        cut = data[:-1] if at == 1.0 else _cut(data, at)
        name = "cut." + kind.rsplit(".", 1)[-1]
        assert outcome(tmp_path, name, cut) == (
            f"{name}:{line}: expected text in {encoding} to its last character, found a file that ends in the middle of a character (its last {left} byte(s)): "
            "it was cut short, as after an incomplete download or copy, and what followed is missing; get the file again")

    @pytest.mark.parametrize("kind, at, message", [
        ("txt", 0.25, "cut.txt:127: expected section 'III . 2023년 주요업무 추진계획' (listed in the report order at line 19), found end of file before it"),
        ("txt", 0.9, "cut.txt:407: expected the '□ 소요예산' line of program 3 '여의도 디지털국제금융중심지 활성화' (started at line 388), found end of file"),
        ("txt", -1, "cut.txt:450: expected a plan budget like '□ 소요예산: 총 63,553천원(구비 63,553)', found '□ 소요예산: 총 186,812천원(구비 186,812천원'"),
        ("cp949.txt", 0.1, "cut.txt:50: expected section 'II . 주요업무 추진실적' (listed in the report order at line 18), found end of file before it"),
        ("html", 0.75, "cut.html:504: expected the '□ 소요예산' line of program 1 '국내·외 친선도시 상호교류 내실화' (started at line 487), found end of file"),
        ("md", 0.6, "cut.md:285: expected section 'III . 2023년 주요업무 추진계획' (listed in the report order at line 20), found end of file before it"),
    ])
    def test_text_cut_between_characters(self, tmp_path, kind, at, message):
        data = _good(kind)
        assert outcome(tmp_path, "cut." + kind.rsplit(".", 1)[-1], data[:-1] if at == -1 else _cut(data, at)) == message


class TestFlippedBytes:
    """Three bits flipped at seeded places. A zip checks each part's CRC; a PDF's stream that no
    longer inflates is named; a flip where nothing reads it changes nothing."""

    @staticmethod
    def flipped(data: bytes, seed: int) -> bytes:
        rng, b = random.Random(seed), bytearray(data)
        for _ in range(3):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return bytes(b)

    @pytest.mark.parametrize("seed", range(3))
    def test_hwpx(self, tmp_path, seed):
        assert outcome(tmp_path, "flip.hwpx", self.flipped(_good("hwpx"), seed)) == (
            "flip.hwpx (zip): expected an HWPX file (a zip of OWPML XML), found a damaged zip (Bad CRC-32 for file 'Contents/section0.xml'); "
            "open it in Hancom Office and save it again, or save it as PDF")

    @pytest.mark.parametrize("seed, expected", [
        (0, "flip.pdf (page 3): expected an undamaged PDF, found a damaged PDF (page 3: Data-loss while decompressing corrupted data); print it to PDF again"),
        (1, "flip.pdf (file): expected a readable PDF, found a damaged PDF (TypeError: 'int' object is not iterable); print it to PDF again"),
        (2, "flip.pdf (page 1): expected an undamaged PDF, found a damaged PDF (page 1: Data-loss while decompressing corrupted data); print it to PDF again"),
        (3, "same"),
        (4, "flip.pdf (page 6): expected an undamaged PDF, found a damaged PDF (page 6: Data-loss while decompressing corrupted data); print it to PDF again"),
        (5, "same"),
    ])
    def test_pdf(self, tmp_path, seed, expected):
        assert outcome(tmp_path, "flip.pdf", self.flipped(_good("pdf"), seed)) == expected

    _HWP = "flip.hwp (file): expected an HWP 5.0 file, found a damaged file ({}); open it in Hancom Office and save it again, or save it as HWPX or PDF"

    @pytest.mark.parametrize("seed, why", [
        (0, "BodyText/Section0 is not a valid compressed stream"), (2, "BodyText/Section0 is not a valid compressed stream"),
        (3, "DocInfo mini chain points outside the mini stream"), (4, "BodyText/Section0 is not a valid compressed stream"),
    ])
    def test_hwp(self, tmp_path, seed, why):
        """(Seed 1 reads with a label of the metrics changed: an HWP's streams are raw deflate,
        with no checksum; not asserted, see the module's docstring.)"""
        assert outcome(tmp_path, "flip.hwp", self.flipped(_good("hwp"), seed)) == self._HWP.format(why)


class TestNamesAndKeys:
    @pytest.mark.parametrize("kind, name", [("hwpx", "report.hwp"), ("hwp", "report.hwpx"), ("hwp", "report.pdf"), ("pdf", "report.txt"), ("pdf", "report.hwpx"),
                                            ("txt", "report.pdf"), ("txt", "report.hwp"), ("html", "report.md"), ("md", "report.html")])
    def test_another_formats_extension_is_read_by_content(self, tmp_path, kind, name):
        assert outcome(tmp_path, name, _good(kind)) == "same"

    @pytest.mark.parametrize("ext, expected", [
        ("txt", "empty.txt:1: expected a 주요업무 보고 as text, found an empty file"),
        ("hwpx", "empty.hwpx (file): expected an HWPX file (a zip of OWPML XML), found an empty file: the file is damaged or not what its name says; save it again from the program that made it"),
        ("hwp", "empty.hwp (file): expected an HWP 5.0 file, found an empty file: the file is damaged or not what its name says; save it again from the program that made it"),
        ("pdf", "empty.pdf (file): expected a PDF, found an empty file: the file is damaged or not what its name says; save it again from the program that made it"),
    ])
    def test_an_empty_file(self, tmp_path, ext, expected):
        assert outcome(tmp_path, f"empty.{ext}", b"") == expected

    @pytest.mark.parametrize("user, expected", [
        ("secret", "locked.pdf (file): expected a PDF that opens without a password, found an encrypted PDF; print it to PDF again without a password"),
        ("", "same"),  # an owner password only: it opens (printing and copying restricted), and is read
    ])
    def test_an_encrypted_pdf(self, tmp_path, user, expected):
        from pypdf import PdfWriter

        writer = PdfWriter(clone_from=str(OFFICE / f"{STEM}.pdf"))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
        buf = io.BytesIO()
        writer.write(buf)
        assert outcome(tmp_path, "locked.pdf", buf.getvalue()) == expected

    @pytest.mark.parametrize("name, kind", [("distribution.hwp", "a 배포용 (distribution) document, whose body is encrypted"), ("password.hwp", "a password-protected document")])
    def test_a_protected_hwp(self, tmp_path, name, kind):
        assert outcome(tmp_path, name, (OFFICE / name).read_bytes()) == (
            f"{name} (file): expected an HWP file that opens without a key, found {kind}: it cannot be read without Hancom Office; save it as HWPX or PDF")


def _rezip(data: bytes, drop=(), add=(), change=None) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename not in drop:
                body = src.read(info.filename)
                z.writestr(info, change[info.filename](body) if change and info.filename in change else body)
        for name, body in add:
            z.writestr(name, body)
    return out.getvalue()


class TestHwpxParts:
    @pytest.mark.parametrize("drop, add", [
        ((), [("Contents/extra.xml", b"<x/>"), ("BinData/junk.bin", b"\0" * 100)]),
        (("Contents/header.xml",), ()), (("Contents/content.hpf",), ()), (("mimetype",), ()),
    ])
    def test_parts_added_or_lost_that_hold_no_text(self, tmp_path, drop, add):
        assert outcome(tmp_path, "parts.hwpx", _rezip(_good("hwpx"), drop, add)) == "same"

    def test_the_section_lost(self, tmp_path):
        assert outcome(tmp_path, "parts.hwpx", _rezip(_good("hwpx"), drop=("Contents/section0.xml",))) == (
            "parts.hwpx (zip): expected an HWPX file (Contents/section0.xml in the zip), found a zip without it; open it in Hancom Office and save it again, or save it as PDF")

    def test_the_section_cut_inside_a_whole_zip(self, tmp_path):
        cut = _rezip(_good("hwpx"), change={"Contents/section0.xml": lambda b: b[: len(b) // 2]})
        assert outcome(tmp_path, "parts.hwpx", cut) == (
            "parts.hwpx (Contents/section0.xml, line 2): expected well-formed XML in Contents/section0.xml, found Premature end of data in tag t line 2, "
            "line 2, column 109938 (<string>, line 2); open it in Hancom Office and save it again, or save it as PDF")


class TestTextBytes:
    @pytest.mark.parametrize("data", [
        b"\xef\xbb\xbf" + TXT,  # a UTF-8 byte-order mark
        TXT.replace(b"\nIII", b"\n\xef\xbb\xbfIII", 1),  # one inside (two files joined)
        b"\n".join(b"\xef\xbb\xbf" + line for line in TXT.split(b"\n")),  # one on every line
        b"\xfe\xff" + TXT.decode().encode("utf-16-be"), TXT.decode().encode("utf-16-le"),  # UTF-16 big-endian with its mark, little-endian without
        TXT.replace(b"\n", b"\r\n"), TXT.replace(b"\n", b"\r"),
        b"".join(line + (b"\r\n", b"\n", b"\r")[i % 3] for i, line in enumerate(TXT.split(b"\n"))),  # line ends mixed
    ])
    def test_marks_and_line_ends_read_the_same(self, tmp_path, data):
        """A byte-order mark on every line had changed program 5's results silently: '\\ufeff- '
        was no item. U+FEFF is no character of a report's text: it is taken out."""
        assert outcome(tmp_path, "report.txt", data) == "same"

    @pytest.mark.parametrize("data, line", [(TXT.replace(b"\n", b"\x00\n", 1), 1), (TXT + b"\x00" * 100, 450)])
    def test_nul_bytes(self, tmp_path, data, line):
        assert outcome(tmp_path, "report.txt", data) == f"report.txt:{line}: expected a 주요업무 보고 as text, found binary data (NUL bytes)"

    def test_bytes_no_encoding_reads_say_what_to_do(self, tmp_path):
        data = TXT.replace("국내".encode(), b"\xff\xfe\xfd", 1)
        line = TXT[: TXT.index("국내".encode())].count(b"\n") + 1
        assert outcome(tmp_path, "report.txt", data) == (
            f"report.txt:{line}: expected text in UTF-8 or CP949/EUC-KR, found bytes neither can decode; save the report again as text in UTF-8 (or give the HWPX, HWP or PDF)")


def _workbook(tmp_path: Path) -> bytes:
    from workbooks import JOBS, fill

    return fill(tmp_path / "good.xlsx", JOBS).read_bytes()


class TestWorkbook:
    def test_cut_short(self, tmp_path):
        data = _workbook(tmp_path)
        (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
        with pytest.raises(ReportError) as e:
            load_reports(tmp_path / "cut.xlsx")
        assert str(e.value) == (f"cut.xlsx:1: expected a whole .xlsx workbook (a zip ending with its central directory), found a workbook cut short: its {len(data) // 2:,} bytes "
                                "end without the list of its parts that ends every zip, as after an incomplete download or copy; get the file again, or save it again from Excel")

    def test_a_part_that_no_longer_inflates(self, tmp_path):
        """A part's deflate data overwritten (the workbook.xml part's, by 0xFF bytes; a flipped
        bit did the same in fuzzing): zlib.error escaped openpyxl as a traceback."""
        data = bytearray(_workbook(tmp_path))
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/workbook.xml")
        start = info.header_offset + 30 + len(info.filename.encode()) + int.from_bytes(data[info.header_offset + 28: info.header_offset + 30], "little")
        data[start: start + 4] = b"\xff" * 4
        (tmp_path / "flip.xlsx").write_bytes(bytes(data))
        with pytest.raises(ReportError) as e:
            load_reports(tmp_path / "flip.xlsx")
        assert str(e.value) == "flip.xlsx:1: expected an .xlsx workbook, found error: Error -3 while decompressing data: invalid block type; open it in Excel and save it again"


class TestBuild:
    def test_bad_files_fail_alone_and_the_last_good_tables_stay_whole(self, tmp_path):
        """A folder with the bundled report and its HWPX: built. The HWPX then cut short, and a cut
        PDF, an encrypted one and a text cut inside a character added: the build names each bad
        file once, with no traceback; the report the HWPX held keeps its last good rows."""
        raw, out = tmp_path / "raw", tmp_path / "out"
        raw.mkdir()
        other = Path(__file__).parent / "data" / "icheon_tourism_2022.txt"
        (raw / other.name).write_bytes(other.read_bytes())
        (raw / f"{STEM}.hwpx").write_bytes(_good("hwpx"))
        first = analysis.build(raw, out, use_cache=False)
        assert first.ok and sorted(r.report_id for r in first.reports) == ["영등포구_비전협력과_2022", "이천시_관광과_2022"]
        tables = {p.name: p.read_bytes() for p in sorted((out / "current").glob("*.csv"))}
        assert "metrics.csv" in tables
        (raw / f"{STEM}.hwpx").write_bytes(_good("hwpx")[:5000])
        (raw / "cut.pdf").write_bytes(_good("pdf")[:5000])
        (raw / "cut.txt").write_bytes(_good("txt")[:2001])
        run = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(out), "--no-cache"], capture_output=True, text=True, timeout=300)
        assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
        failed = sorted(line.strip().split(":")[0] for line in run.stdout.splitlines() if line.lstrip().startswith("FAILED "))
        assert failed == ["FAILED cut.pdf (file)", "FAILED cut.txt", f"FAILED {STEM}.hwpx (zip)"], run.stdout
        assert "kept from the last good build: 영등포구_비전협력과_2022" in run.stdout
        assert {p.name: p.read_bytes() for p in sorted((out / "current").glob("*.csv"))} == tables
