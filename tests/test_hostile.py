"""Hostile input, systematically: every such file gives the right tables, or one ReportError
naming the file and the line; never a traceback, never a wrong number without an ``error``
finding.

tests/test_bad_input.py has one example of each kind of bad input; this module loops over all
of them (every section and program boundary to cut at, every table row to break, every
heading style). ``TestFormerBugs`` keeps the 17 parser bugs these loops found (tracebacks on
impossible dates and 29-digit amounts; programs shifted or dropped by a missing table-of-contents
entry or a repeated budget line; staffing numbers under the wrong grades; a misprinted 계): each
was a strict xfail until the parser was fixed.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
import time
from decimal import Decimal

import pandas as pd
import pytest

import analysis
from analysis import ReportError
from synth import generate_report
from conftest import REPORT_PATH

REPORT_TEXT = REPORT_PATH.read_text(encoding="utf-8")
LINES = REPORT_TEXT.split("\n")
MESSAGE = re.compile(r"^(?P<file>[^:(]+?)(?::(?P<line>\d+)| \((?P<where>[^)]+)\)): expected .+")  # a line, or where in an office file (zip, file, page 3)


# --- helpers ----------------------------------------------------------------------------------


def write(work, data: bytes | str, name: str = "hostile.txt"):
    path = work / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load(work, data: bytes | str, name: str = "hostile.txt"):
    """The report, or the ReportError (checked to name the file and a line of it). Any other
    exception propagates: that is a parser bug."""
    path = write(work, data, name)
    try:
        return analysis.load_report(path)
    except ReportError as exc:
        m = MESSAGE.match(str(exc))
        assert m, f"not a 'file:line: expected ...' message: {exc}"
        assert m["file"] == name and (int(m["line"]) == exc.line >= 1 if m["line"] else exc.line is None and m["where"]), str(exc)
        return exc


def fails(work, data, name: str = "hostile.txt") -> ReportError:
    result = load(work, data, name)
    assert isinstance(result, ReportError), f"{name} parsed: expected a ReportError"
    return result


def rows(report, name: str) -> list[dict]:
    """A table's rows as dicts (without making DataFrames when the report holds rows)."""
    get = getattr(report, "table_rows", None)
    return get(name) if get is not None else report.tables[name].to_dict("records")


def error_rows(report) -> list[dict]:
    return [r for r in rows(report, "findings") if r["severity"] == "error"]


def _cell(v):
    return None if v is None or pd.isna(v) else (v if isinstance(v, str) else Decimal(str(v)))


def keyed(report) -> dict[tuple, tuple]:
    """Each number that reaches a table, under what it is the number of (unit, grade, program)."""
    out = {}
    for r in rows(report, "budget_units"):
        out[("unit", r["unit"])] = tuple(_cell(r[c]) for c in ("budget", "executed", "rate"))
    for r in rows(report, "staffing"):
        out[("staff", r["category"], r["grade"])] = tuple(_cell(r[c]) for c in ("authorized", "current", "gap"))
    for r in rows(report, "programs"):
        out[("program", r["stage"], int(r["program_no"]))] = (r["program"], *(_cell(r[c]) for c in ("budget", "executed", "rate")))
    for r in rows(report, "program_funding"):
        out[("funding", r["stage"], int(r["program_no"]), r["source"])] = tuple(_cell(r[c]) for c in ("budget", "executed"))
    return out


def wrong_numbers(report, base: dict) -> list:
    """Numbers filed under a different value or a different name than in ``base`` (a value
    not read at all, None, is a loss, not a wrong number)."""
    out = []
    for key, values in keyed(report).items():
        if key not in base:
            if any(v is not None for v in values):
                out.append((key, None, values))
        elif any(a is not None and b is not None and a != b for a, b in zip(base[key], values)):
            out.append((key, base[key], values))
    return out


def assert_not_silent(result, base: dict):
    """A ReportError, an ``error`` finding, or no number read wrong."""
    if isinstance(result, ReportError) or error_rows(result):
        return
    wrong = wrong_numbers(result, base)
    assert not wrong, f"numbers read wrong without an error finding: {wrong[:3]}"


def flagged(report) -> set[tuple]:
    """(check, subject) of the report's warnings and errors."""
    return {(r["check"], r["subject"]) for r in rows(report, "findings") if r["severity"] != "info"}


def same_tables(a, b):
    for name in analysis.SCHEMA:
        x, y = a.tables[name], b.tables[name]
        if name == "reports":
            x, y = x.drop(columns=["source_file", "source_sha256"]), y.drop(columns=["source_file", "source_sha256"])
        assert x.astype(object).fillna("NA").values.tolist() == y.astype(object).fillna("NA").values.tolist(), name


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """One folder for the module's files (a fresh tmp_path per case costs more than the parse)."""
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def bundled():
    return analysis.load_report(REPORT_PATH)


@pytest.fixture(scope="module")
def base(bundled):
    return keyed(bundled)


def replace_all(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the report"
    return text.replace(old, new)


# --- encodings and bytes ----------------------------------------------------------------------


class TestEncodings:
    @pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")], ids=["LE", "BE"])
    @pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
    def test_utf16_with_bom(self, work, bundled, bom, codec, newline):
        same_tables(load(work, bom + REPORT_TEXT.replace("\n", newline).encode(codec)), bundled)

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_bom_is_read(self, work, codec, bundled):
        """UTF-16 saved without its byte-order mark (some exports): it had been refused as binary
        data. Its ASCII characters' NUL bytes stand at one parity; binary data's at both."""
        same_tables(load(work, REPORT_TEXT.encode(codec)), bundled)
        noise = bytes((i * 37 + 11) % 255 for i in range(4000))  # NULs at both parities
        assert "binary data (NUL bytes)" in str(fails(work, noise))

    def test_mixed_line_endings_keep_line_numbers(self, work, bundled):
        data = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(LINES))
        same_tables(load(work, data), bundled)

    @pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
    def test_page_breaks_as_pdftotext_writes_them_keep_line_numbers(self, work, bundled, newline):
        """pdftotext starts each page's first line with a form feed. Each had been read as a line
        break of its own: every row after the k-th page was traced to k lines above its own
        (a 4-department booklet's last budget table 4 lines off, each row naming another row's line)."""
        data = newline.join(("\f" if i and i % 40 == 0 else "") + line for i, line in enumerate(LINES)) + newline
        assert data.count("\f") == (len(LINES) - 1) // 40
        same_tables(load(work, data), bundled)

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp949"])
    @pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
    def test_error_line_is_the_editors_line(self, work, encoding, newline):
        """The same broken cell is reported at line 47 whatever the encoding and line ends."""
        text = REPORT_TEXT.replace("계\t1,070,404", "계\t1,07O,404", 1).replace("\n", newline)
        e = fails(work, text.encode(encoding))
        assert e.line == 47 and "1,07O,404" in str(e)

    @pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8 + b" \r\n\r\n\t\n"],
                             ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "bom-and-blanks"])
    def test_bom_and_nothing_else(self, work, data):
        assert fails(work, data).line == 1

    def test_nul_byte_in_a_report_names_its_line(self, work):
        data = REPORT_TEXT.encode("utf-8").replace("기본경비".encode(), b"\x00" + "기본경비".encode())
        e = fails(work, data)
        assert e.line == 52 and "binary" in str(e)

    def test_bad_utf8_byte_names_its_line(self, work):
        data = REPORT_TEXT.encode("utf-8").replace("기본경비".encode(), b"\xff\xfe" + "기본경비".encode())
        assert fails(work, data).line == 52

    @pytest.mark.parametrize("data", [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",  # an .xlsx renamed .txt
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00HWP Document File",  # HWP 5 (OLE)
        bytes(range(0x80, 0x100)) * 8,  # high bytes, no NUL: neither UTF-8 nor text
        bytes((i * 37 + 11) % 255 + 1 for i in range(4000)),  # pseudo-random, no NUL
    ], ids=["pdf", "zip", "hwp", "high-bytes", "noise"])
    def test_binary_files(self, work, data):
        fails(work, data)

    def test_a_folder_named_like_a_report(self, work):
        (work / "folder.txt").mkdir(exist_ok=True)
        with pytest.raises(ReportError, match=r"^folder.txt:1: expected a readable file"):
            analysis.load_report(work / "folder.txt")


# --- truncation -------------------------------------------------------------------------------

_PART = re.compile(r"^\s*(?:I{1,3}|[ⅠⅡⅢ])\s*\.")


def boundaries(text: str) -> list[int]:
    """Indexes of the lines that start something: a part, a sub-heading of part I, a table of
    contents, a program (its first line, heading or not), a team line, a '□' block."""
    lines = text.split("\n")
    parsed = analysis.parse_report(text)
    out = set()
    for i, line in enumerate(lines):
        if "\t" not in line and (_PART.match(line) or re.match(r"^\d{1,2}\s+\S", line) or line.startswith("□") or line.endswith("팀")):
            out.add(i)
        if line.startswith("연번"):
            out.add(i)
    out |= {p.start_line - 1 for p in parsed.programs}
    return sorted(out)



def truncation_cases():
    texts = {"bundled": REPORT_TEXT, "synth11": generate_report(11)[0], "synth12-million": generate_report(12, money_unit="백만원")[0]}
    cases = []
    for label, text in texts.items():
        lines = text.rstrip("\n").split("\n")
        kept_counts = set()
        for i in boundaries(text):
            for keep, where in ((i, "before"), (i + 1, "after")):
                if keep >= len(lines) or keep in kept_counts:
                    continue
                kept_counts.add(keep)
                cases.append(pytest.param(text, keep, id=f"{label}-{where}-L{i + 1}"))
    return cases


class TestTruncation:
    @pytest.mark.parametrize("text,keep", truncation_cases())
    def test_cut_at_a_boundary(self, work, text, keep):
        """Cut before or after every line that starts a part, block or program: one ReportError
        naming a line of what is left."""
        kept = "\n".join(text.split("\n")[:keep])
        e = fails(work, kept)
        assert 1 <= e.line <= max(1, keep), str(e)

    @pytest.mark.parametrize("k", range(len(LINES[-1])))
    def test_cut_inside_the_last_line(self, work, base, k):
        """Every cut inside the last line, '□ 소요예산: 총 186,812천원(구비 186,812천원)': a ReportError
        or the same numbers (a cut after '186,812' still reads 186,812)."""
        assert_not_silent(load(work, "\n".join(LINES[:-1] + [LINES[-1][:k]])), base)


# --- broken table rows ------------------------------------------------------------------------

BUDGET_ROWS = list(range(46, 53))  # 계 and six unit projects (lines 47-53)
STAFFING_ROWS = [33, 34, 35]  # 정원, 현원, 과부족 (lines 34-36)
AMOUNT_ROWS = [i for i, line in enumerate(LINES) if "\t" in line and re.match(r"^[\d,]+ \(", line)]  # program amounts
PLAN_ROWS = [i for i, line in enumerate(LINES) if "소요예산" in line]


def test_rows_found():
    assert [i + 1 for i in AMOUNT_ROWS] == [106, 142, 176, 211, 248, 285, 317]
    assert [i + 1 for i in PLAN_ROWS] == [359, 386, 418, 450]


def with_line(i: int, new: str) -> str:
    return "\n".join(LINES[:i] + [new] + LINES[i + 1 :])


class TestTableRows:
    @pytest.mark.parametrize("i", BUDGET_ROWS + STAFFING_ROWS + AMOUNT_ROWS, ids=lambda i: f"L{i + 1}")
    @pytest.mark.parametrize("change", ["missing", "extra", "extra-empty"])
    def test_wrong_number_of_cells(self, work, i, change):
        cells = LINES[i].split("\t")
        cells = cells[:-1] if change == "missing" else cells + (["1"] if change == "extra" else [""])
        e = fails(work, with_line(i, "\t".join(cells)))
        assert e.line == i + 1 and "cells" in str(e), str(e)

    @pytest.mark.parametrize("i", [45] + [i - 1 for i in AMOUNT_ROWS], ids=lambda i: f"L{i + 1}")
    def test_header_missing_a_column(self, work, i):
        """The budget table's or a program table's header without its last column: the rows below
        have a cell too many."""
        assert "\t" in LINES[i] and "예" in LINES[i]
        e = fails(work, with_line(i, LINES[i].rsplit("\t", 1)[0]))
        assert e.line == i + 2 and "cells" in str(e), str(e)

    def test_staffing_header_with_an_extra_cell(self, work):
        e = fails(work, with_line(32, LINES[32] + "\t10급"))
        assert e.line == 33 and "cells" in str(e)  # the header row that has the extra cell

    @pytest.mark.parametrize("i", BUDGET_ROWS + STAFFING_ROWS + AMOUNT_ROWS + PLAN_ROWS, ids=lambda i: f"L{i + 1}")
    @pytest.mark.parametrize("letter", ["O", "l", "x"])
    def test_letter_in_every_number(self, work, i, letter):
        """Each number of the row in turn gets a letter for its first digit: a ReportError at this
        line, or an ``error`` finding at it (a letter right after a thousands comma splits a
        funding part: '구비 18,x00' reads as 구비 18 and an unknown source)."""
        line = LINES[i]
        for m in re.finditer(r"\d[\d,.]*", line):
            new = line[: m.start()] + letter + line[m.start() + 1 :]
            result = load(work, with_line(i, new))
            if isinstance(result, ReportError):
                assert result.line == i + 1, f"{new!r}: {result}"
            else:
                lines = {r["source_line"] for r in error_rows(result)}
                assert i + 1 in lines, f"{new!r} read without an error finding at line {i + 1}"

    def test_zero_funding_part_printed_as_dash(self, work):
        """'-' is zero in a cell but not inside a funding split: a clear error, not a wrong number."""
        text = REPORT_TEXT.replace("49,076 (시 5,076, 구비 44,000)\t90.9", "44,000 (시 -, 구비 44,000)\t81.5")
        e = fails(work, text)
        assert e.line == 317 and "(시 -, 구비 44,000)" in str(e)


# --- duplicated sections ----------------------------------------------------------------------


def _part_starts(lines) -> list[int]:
    return [i for i, line in enumerate(lines) if _PART.match(line) and "\t" not in line]


class TestDuplicatedSections:
    @pytest.mark.parametrize("part", [0, 1, 2], ids=["I", "II", "III"])
    def test_whole_part_twice(self, work, part):
        starts = _part_starts(LINES) + [len(LINES)]
        block = LINES[starts[part] : starts[part + 1]]
        lines = LINES[: starts[part + 1]] + block + LINES[starts[part + 1] :]
        e = fails(work, "\n".join(lines))
        second = starts[part + 1] + 1
        assert e.line == second and f"the first is at line {starts[part] + 1}" in str(e), str(e)

    @pytest.mark.parametrize("part", [0, 1, 2], ids=["I", "II", "III"])
    @pytest.mark.parametrize("where", ["next", "end"])
    def test_heading_line_twice(self, work, part, where):
        start = _part_starts(LINES)[part]
        at = start + 1 if where == "next" else len(LINES)
        lines = LINES[:at] + [LINES[start]] + LINES[at:]
        e = fails(work, "\n".join(lines))
        assert e.line == at + 1 and "a second one" in str(e)

    @pytest.mark.parametrize("heading", ["1 조 직", "2 인 력", "4 예 산 현 황"])
    def test_identical_subsection_twice(self, work, base, heading):
        """The same sub-heading and table twice: a ReportError at the second heading (which of two
        tables is right is not the parser's to guess, even when they are equal)."""
        start = LINES.index(heading)
        end = next(i for i in range(start + 1, len(LINES)) if re.match(r"^\d \S", LINES[i]) or _PART.match(LINES[i]))
        e = fails(work, "\n".join(LINES[:end] + LINES[start:end] + LINES[end:]))
        assert e.line == end + 1 and "a second one" in str(e), str(e)


# --- heading and header styles ----------------------------------------------------------------

NUMERALS = {
    "ascii-spaced": ("I . ", "II . ", "III . "), "ascii-tight": ("I.", "II.", "III."), "ascii-dot-space": ("I. ", "II. ", "III. "),
    "unicode-spaced": ("Ⅰ . ", "Ⅱ . ", "Ⅲ . "), "unicode-tight": ("Ⅰ.", "Ⅱ.", "Ⅲ."), "indented": ("  Ⅰ  .  ", " II .", "  Ⅲ. "),
}


class TestHeadingStyles:
    @pytest.mark.parametrize("style", NUMERALS)
    def test_part_numerals(self, work, bundled, style):
        """`Ⅱ.` or `II .`, with or without spaces, in the report order and in the body alike."""
        lines = list(LINES)
        for i, line in enumerate(lines):
            m = re.match(r"^\s*(I{1,3}|[ⅠⅡⅢ])\s*\.\s*", line)
            if m:
                n = {"I": 0, "II": 1, "III": 2, "Ⅰ": 0, "Ⅱ": 1, "Ⅲ": 2}[m[1]]
                lines[i] = NUMERALS[style][n] + line[m.end():]
        same_tables(load(work, "\n".join(lines)), bundled)

    @pytest.mark.parametrize("old,new", [
        ("예 산 액", "예산액"), ("집 행 액", "집행액"), ("예산액\t", "예 산 액\t"), ("집행률(%)", "집 행 률 (%)"),
        ("단위사업명", "단 위 사 업 명"), ("4 예 산 현 황", "4 예산현황"), ("4 예 산 현 황", "4. 예산 현황"), ("2 인 력", "2 인력"),
        ("1 조 직", "1 조직"), ("□ 예산현황", "□ 예 산 현 황"), ("□ 소요예산", "□ 소 요 예 산"), ("정 원\t", "정원\t"),
        ("현 원\t", "현원\t"), ("과부족\t", "과 부 족\t"), ("구 분\t계", "구분\t계"), ("연번\t사 업 명", "연 번\t사업명"),
        ("계\t1,070,404", "합 계\t1,070,404"), ("예 산 액", "예\u00a0산\u00a0액"), ("집 행 액", "집\u3000행\u3000액"),
        ("(단위: 천원)", "(단위 : 천원)"), ("(단위: 천원)", "（단위：천원）"),
    ], ids=lambda s: s.replace("\t", "⇥"))
    def test_letter_spacing_and_punctuation(self, work, bundled, old, new):
        same_tables(load(work, replace_all(REPORT_TEXT, old, new)), bundled)


# --- documents that are not a work report -----------------------------------------------------

NOT_REPORTS = {
    "council_minutes": (
        "제241회 영등포구의회(제2차 정례회)\n\n본회의 회의록\n\n제3호\n\n영등포구의회사무국\n\n일 시: 2022년 12월 5일(월) 10시\n\n"
        "의사일정\nI. 개의\nII. 2023년도 예산안 제안설명\nIII. 구정질문\n\n"
        "(10시 02분 개의)\n○의장 김○○ 성원이 되었으므로 제241회 영등포구의회 제2차 정례회 제3차 본회의를 개의하겠습니다.\n"
        "○구청장 최○○ 2023년도 예산안은 총 9,071억원으로 금년 대비 4.2% 증가하였습니다.\n"
        "표결 결과\t재석\t찬성\t반대\n원안가결\t17\t15\t2\n(11시 30분 산회)\n"
    ),
    "budget_book": (
        "2023년도 영등포구 세입세출예산서\n\n영등포구\n\nI. 예산총칙\n\n제1조 2023년도 일반회계 세입세출예산 총액은 907,100,000천원이다.\n\n"
        "II. 세입세출 총괄\n\n(단위: 천원)\n\n구 분\t예산액\t전년도 예산액\t증감\n세입\t907,100,000\t870,500,000\t36,600,000\n"
        "세출\t907,100,000\t870,500,000\t36,600,000\n\nIII. 세출예산 사업명세서\n\n단위사업명\t예 산 액\t집 행 액\t집행률(%)\n"
        "대외교류 활성화\t198,888\t90,527\t45.5\n"
    ),
    "news": (
        "영등포구, 여의도 금융중심지 활성화 나선다\n\n입력 2022.11.21 10:30\n\n"
        "서울 영등포구(구청장 최호권)가 2022년 주요업무 보고에서 여의도 디지털금융 발전전략을 발표했다.\n"
        "구는 올해 금융교육 40회를 열어 구민 3,224명이 참여했다고 밝혔다. 예산 1,070,404천원 가운데 58.3%를 집행했다.\n"
        "구 관계자는 \"내년에는 의료관광 활성화에 186,812천원을 투입할 계획\"이라고 말했다.\n\n ⓒ 연합뉴스 무단전재 금지\n"
    ),
    "html": "<!DOCTYPE html>\n<html lang=\"ko\"><head><title>주요업무 보고</title></head>\n<body><h1>2022년 주요업무 보고</h1>\n<p>I . 일반현황</p></body></html>\n",
    "csv_of_the_budget": "단위사업명,예산액,집행액,집행률\n계,1070404,623784,58.3\n대외교류 활성화,198888,90527,45.5\n",
    "cover_only": "\n".join(LINES[:20]),
    "general_part_only": "\n".join(LINES[20:54]),
}


class TestNotAReport:
    @pytest.mark.parametrize("name", NOT_REPORTS)
    def test_rejected(self, work, name):
        e = fails(work, NOT_REPORTS[name], f"{name}.txt")
        assert e.line <= NOT_REPORTS[name].count("\n") + 1

    def test_minutes_with_part_headings_name_what_is_missing(self, work):
        e = fails(work, NOT_REPORTS["council_minutes"])
        assert "I. 일반현황" in str(e)

    @pytest.mark.parametrize("name", ["council_minutes", "news", "budget_book"])
    def test_cli_check(self, work, name):
        path = write(work, NOT_REPORTS[name], f"{name}.txt")
        proc = subprocess.run([sys.executable, "-m", "analysis", "check", str(path)], check=False, capture_output=True, text=True)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr + proc.stdout
        assert re.match(rf"^error: {name}\.txt:\d+: expected ", proc.stderr), proc.stderr


# --- every single-line deletion and duplication -----------------------------------------------

# Lines (1-based) whose deletion or duplication reads numbers wrong with no error finding.
def every_line_cases():
    return [pytest.param(kind, n, id=f"{kind}-L{n}") for kind in ("delete", "duplicate") for n in range(1, len(LINES) + 1)]


class TestEveryLine:
    @pytest.mark.parametrize("kind,n", every_line_cases())
    def test_delete_or_duplicate(self, work, base, kind, n):
        lines = list(LINES)
        if kind == "delete":
            del lines[n - 1]
        else:
            lines.insert(n - 1, lines[n - 1])
        assert_not_silent(load(work, "\n".join(lines)), base)


# --- parser bugs these suites found (once strict xfails), fixed: each stays as a test ---------


class TestFormerBugs:
    @pytest.mark.parametrize("date", ["(9. 31.기준)", "(2. 29.기준)", "(13. 1.기준)", "(0. 31.기준)"])
    def test_impossible_as_of_date(self, work, date):
        fails(work, REPORT_TEXT.replace("(10. 31.기준)", date, 1))

    @pytest.mark.parametrize("dates", ["2022. 11. 31. ~ 12. 21.", "2022. 11. 21. ~ 12. 32.", "0000. 11. 21. ~ 12. 21.", "9999. 12. 21. ~ 1. 5."])
    def test_impossible_session_date(self, work, dates):
        fails(work, REPORT_TEXT.replace("2022. 11. 21. ~ 12. 21.", dates, 1))

    def test_year_zero(self, work):
        fails(work, REPORT_TEXT.replace("2022년 주요업무 보고", "0000년 주요업무 보고", 1))

    def test_cli_impossible_date(self, work):
        path = write(work, REPORT_TEXT.replace("(10. 31.기준)", "(9. 31.기준)", 1), "date.txt")
        proc = subprocess.run([sys.executable, "-m", "analysis", "check", str(path)], check=False, capture_output=True, text=True)
        assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr[-300:]

    @pytest.mark.parametrize("old,new", [
        ("기본경비\t83,624", "기본경비\t" + "9" * 30), ("109,588 (구비 109,588)", f"{'9' * 30} (구비 {'9' * 30})"),
        ("총 63,553천원(구비 63,553)", f"총 {'9' * 30}천원(구비 {'9' * 30})"),
    ], ids=["unit", "program", "plan"])
    def test_thirty_digit_amount(self, work, old, new):
        fails(work, REPORT_TEXT.replace(old, new, 1))

    def test_cp949_bad_byte_line(self, work):
        data = "\n".join(LINES[:99]).encode("cp949") + b"\n\xff\xfe\xff\n" + "\n".join(LINES[100:]).encode("cp949")
        assert fails(work, data).line == 100

    def test_program_block_twice(self, work, base):
        start, end = LINES.index("1 국내·외 도시교류 네트워크 확대"), 107  # program 1: lines 66-107
        lines = LINES[:end] + LINES[start:end] + LINES[end:]
        assert_not_silent(load(work, "\n".join(lines)), base)

    @pytest.mark.parametrize("n", [64, 327], ids=["II-⑦", "III-④"])
    def test_toc_missing_its_last_entry(self, work, bundled, n):
        lines = list(LINES)
        del lines[n - 1]
        result = load(work, "\n".join(lines))
        if isinstance(result, ReportError):
            return
        assert len(result.tables["programs"]) == len(bundled.tables["programs"]) or flagged(result) - flagged(bundled)

    def test_budget_subsection_twice_different(self, work, bundled):
        start, end = LINES.index("4 예 산 현 황"), LINES.index("Ⅱ . 주요업무 추진실적")
        second = [line.replace("198,888\t90,527", "198,988\t90,527").replace("1,070,404", "1,070,504") for line in LINES[start:end]]
        result = load(work, "\n".join(LINES[:end] + second + LINES[end:]))
        assert isinstance(result, ReportError) or flagged(result) - flagged(bundled)

    def test_missing_budget_marker_before_a_headless_program(self, work, base):
        text = REPORT_TEXT.replace("전문학술연구를 통한", "3 여의도 국제금융중심지 활성화\n\n전문학술연구를 통한", 1)  # program 3 gets its heading
        lines = text.split("\n")
        del lines[100]  # program 1's '□ 예산현황' (line 101)
        assert_not_silent(load(work, "\n".join(lines)), base)

    def test_staffing_header_with_a_cell_too_few(self, work, base):
        assert_not_silent(load(work, with_line(31, LINES[31].replace("구 분\t계", "구 분x계", 1))), base)

    @pytest.mark.parametrize("label", ["a", "게", "겨"])
    def test_total_label_misprinted(self, work, base, label):
        assert_not_silent(load(work, with_line(46, LINES[46].replace("계", label, 1))), base)


# --- long runs of spaces: every pattern runs in linear time (the benchmark times it) ----------


@pytest.mark.parametrize("n", [i for i, line in enumerate(LINES) if line.strip()][::3], ids=lambda n: f"L{n + 1}")
def test_a_long_run_of_spaces_inside_a_line(work, bundled, n):
    """5,000 spaces after the line's first word (inside a heading, a cell, a figure's text) read
    as one space: the same tables, or an error naming the place; never a number read wrong."""
    lines = list(LINES)
    head, sep, tail = lines[n].partition(" ")
    lines[n] = head + " " * 5000 + tail if sep else lines[n] + " " * 5000
    result = load(work, "\n".join(lines))
    assert_not_silent(result, keyed(bundled))


@pytest.mark.parametrize("piece", ["1,234 ", "1만", "1천 ", "1 만 "])
def test_a_huge_line_of_numbers_reads_in_linear_time(tmp_path, piece):
    """A 60 KB line of numbers without a counter word after the report: the figure pattern
    tried every start inside the run of digits (every digit after a comma or 만), each to
    the run's end and back: '1,234 ' x 5,000 (30 KB) took 45 s, '1만' on a 100 KB line 330 s. Now well under a
    second; the line is named as unread."""
    body = (piece * (60_000 // len(piece))).encode()
    (tmp_path / "long.txt").write_bytes(REPORT_PATH.read_bytes() + b"\n" + body + b"\n")
    start = time.perf_counter()
    findings = analysis.load_report(tmp_path / "long.txt").tables["findings"]
    assert time.perf_counter() - start < 3.0
    unread = findings[findings["check"] == "unread_lines"]
    assert unread[["severity", "actual"]].values.tolist() == [["info", "not read"]] and unread["message"].iloc[0].startswith("읽지 않은 부분 1개 블록(451행부터): ")
