"""The Excel route: tables typed into a workbook instead of parsed from a report's text.

:func:`write_template` writes an empty workbook with one sheet per contract table (Korean
headers in row 1, English column names in row 2, input checks on the cells);
:func:`load_workbook_reports` reads it back once filled in, or reads the ``report_tables.xlsx``
a build writes, into the same tables the text route gives, checked by the same checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from decimal import Decimal
import os
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.check.arithmetic import run_checks
from analysis.errors import ReportError, quoted
from analysis.read.hwpx import zip_cut_short
from analysis.interpret.metric_kind import KIND_LABELS, KINDS, kind_of_typed
from analysis.interpret.records import BudgetRow, BudgetUnit, Funding, ParsedReport, Program, StaffingCell
from analysis.read import read_bytes
from analysis.read.document import Loc
from analysis.interpret.numbers import NumberError, parse_number, parse_rate
from analysis.store.contract import COLUMN_LABELS, SCHEMA, LoadedReport, frame, to_rows

# The tables typed in: all but those the tool computes (findings per report, program lineage
# across reports, see analysis.lineage). A build's findings sheet is read back too.
COMPUTED_TABLES = {"findings", "program_lineage", "program_budget_rows"}
TEMPLATE_TABLES = [name for name in SCHEMA if name not in COMPUTED_TABLES]
# program_budget_rows is one row per program unless a build's workbook brings its own rows.
READ_TABLES = [*TEMPLATE_TABLES, "program_budget_rows", "findings"]
# Columns a typed workbook may leave out (the template has no such column): where the value
# came from in the original, what the original was, the account and the kind of a figure.
OPTIONAL_COLUMNS = {"source_loc": None, "source_format": "xlsx", "account": "일반회계", "kind": None, "title": ""}
GUIDE_SHEET = "안내"
FIRST_DATA_ROW, LAST_DATA_ROW = 3, 1000
DATE_COLUMNS = {"session_start", "session_end", "as_of"}
CHOICES = {"stage": ["actual", "plan"], "scope": ["국내", "국외"], "kind": list(KINDS)}
# Columns a workbook may lack (written before they joined the contract): filled in when read.
DEFAULT_MONEY_UNIT = "천원"

# Korean headers for the columns analysis.briefing.COLUMN_LABELS does not have ...
LABELS = {
    "department": "부서", "plan_year": "계획 연도", "title": "보고서 제목(표지에 적힌 대로)", "session": "회기",
    "session_start": "회기 시작일", "session_end": "회기 종료일", "as_of": "기준일", "money_unit": "금액 단위",
    "source_file": "원본 파일", "source_sha256": "원본 SHA-256", "duty": "업무", "stage": "구분(실적/계획)",
    "program_no": "사업 번호", "scope": "국내·국외", "region": "지역(시도·국가)", "city": "도시",
    "relation": "관계(결연·우호)", "account": "회계(일반회계·특별회계·기금)", "facility": "시설명", "location": "위치",
    "size": "규모", "note": "비고", "row_label": "예산 구분(본예산·추경)", "final": "최종 행", "source_loc": "원문 위치",
    "source_format": "원본 형식",
}
# ... and for those whose meaning differs in one table.
TABLE_LABELS = {
    ("metrics", "unit"): "단위(명·회 등)",
    ("metrics", "label"): "내용",
    ("metrics", "kind"): f"종류(result 실적 등 {len(KINDS)}가지, 안내 시트)",
    ("programs", "budget"): "예산(천원, 계획은 소요예산)",
}
WIDE_COLUMNS = {"program": 36, "duty": 36, "label": 44, "unit": 24, "session": 26, "source_file": 34, "source_sha256": 40}

GUIDE = [
    "주요업무 보고 입력 양식",
    "",
    "보고서 본문을 텍스트로 받을 수 없을 때(스캔본, 재정 시스템 자료 등) 표를 이 양식에 직접 입력합니다.",
    "",
    "1. 시트마다 표 하나: reports(보고서), teams(조직), staffing(정원·현원), budget_units(단위사업 예산),",
    "   budget_unit_funding(단위사업별 재원), programs(사업), program_funding(사업별 재원), metrics(추진실적 수치),",
    "   partner_cities(자매·우호도시).",
    "   findings(검증 결과)와 program_lineage(연도 간 사업 연계)는 프로그램이 계산하므로 시트가 없습니다.",
    "2. 1행은 한글 제목, 2행은 영문 열 이름입니다. 2행은 고치지 마세요(프로그램이 이 행으로 열을 찾습니다).",
    "   자료는 3행부터 한 행에 하나씩 입력합니다.",
    "3. 금액(budget, executed)은 모두 천원 단위로 입력합니다(원·백만원 보고서는 천원으로 환산).",
    "   money_unit에는 보고서에 인쇄된 단위를 적습니다(비워 두면 천원).",
    "4. report_id는 한 보고서의 모든 행에 똑같이 적습니다(예: 영등포구_일자리경제과_2023).",
    "   reports 시트에 한 보고서당 한 행을 두고, 다른 시트의 report_id는 그중 하나여야 합니다.",
    "   통합문서 하나에 여러 보고서를 넣을 수 있습니다(보고서마다 report_id가 다르면 됩니다).",
    "5. source_line(원문 행)은 비워 두어도 됩니다. 비우면 엑셀 행 번호가 들어갑니다.",
    "   source_file, source_sha256을 비우면 이 파일의 이름과 SHA-256이 들어갑니다.",
    "6. 날짜(session_start, session_end, as_of)는 날짜로 입력합니다(예: 2023-11-20).",
    "   집행률(rate)은 보고서에 인쇄된 백분율 그대로(예: 45.5), stage는 actual(올해 실적) 또는 plan(내년 계획).",
    "   metrics의 kind는 " + ", ".join(f"{k}({v})" for k, v in KIND_LABELS.items()) + " 중 하나입니다.",
    "   비워 두면 내용(label)의 낱말로 정합니다.",
    "7. programs의 unit(단위사업)은 비워 두어도 됩니다. 프로그램이 예산 합계로 사업과 단위사업을 연결합니다.",
    "8. 저장한 파일을 data/raw/ 폴더에 넣고 make run 을 실행하면 표, 검증 결과, 브리핑이 만들어집니다.",
    "   집행률이 맞지 않거나 재원 합계가 사업 예산과 다르면 findings에 오류(error)로 표시됩니다.",
]


def finding_sheet(check: str, subject: str) -> str | None:
    """The sheet of a typed workbook that a finding's ``source_line`` (an Excel row) is on: the
    checks of unit projects point at ``budget_units``, those of programs and their funding at
    ``programs``, staffing checks at ``staffing``. None when the finding names no row."""
    subject = str(subject or "")
    if subject.startswith("budget_units"):
        return "budget_units"
    if check.startswith("staffing"):
        return "staffing"
    if check == "team_count":
        return "teams"
    if subject.startswith(("actual ", "plan ")):
        return "programs"
    return None


def korean_label(table: str, column: str) -> str:
    """The Korean header of one column of one table (row 1 of the template).

    Parameters
    ----------
    table, column : str
        A table of :data:`analysis.tables.SCHEMA` and one of its columns.

    Returns
    -------
    str
        The label in :data:`analysis.briefing.COLUMN_LABELS` where it has the column (unless the
        column means something else in this table), otherwise this module's own.
    """
    return TABLE_LABELS.get((table, column)) or COLUMN_LABELS.get(column) or LABELS.get(column, column)


def write_template(path: Path | str, force: bool = False) -> Path:
    """Write an empty workbook to type a report's tables into.

    One sheet per contract table except the computed ones (``findings``, ``program_lineage``),
    in :data:`analysis.tables.SCHEMA` order, after a first sheet ``안내`` on how to fill it in.
    Row 1 holds Korean headers, row 2 the English column names, data go from row 3 (panes frozen
    below the headers); rows 3 to 1000 have input checks (whole numbers, decimals, lists,
    dates) with Korean prompts and error messages.

    Parameters
    ----------
    path : path
        The ``.xlsx`` to write (its folder is created if needed).
    force : bool, default False
        Overwrite ``path`` if it exists (else a filled-in workbook is never replaced).

    Returns
    -------
    pathlib.Path
        The workbook written.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.xlsx``.
    FileExistsError
        If ``path`` exists and ``force`` is False.
    OSError
        If the file cannot be written.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: a template is an Excel workbook; give a name ending in .xlsx")
    if path.exists() and not force:
        raise FileExistsError(f"{path} already exists (a filled-in workbook?); choose another name or add --force to overwrite it")
    if path.is_symlink():  # --force would write through it, over whatever it points at (a report in data/raw/)
        raise FileExistsError(f"{path} is a link (to {os.readlink(path)}); a template is never written through a link: choose another name")
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    for line in GUIDE:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    for table in TEMPLATE_TABLES:
        _template_sheet(wb.create_sheet(table), table)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _template_sheet(ws, table: str) -> None:
    columns = {col: kind for col, kind in SCHEMA[table].items() if col not in ("source_loc", "source_format")}
    ws.append([korean_label(table, col) for col in columns])
    ws.append(list(columns))
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = Font(bold=True), fill, Alignment(horizontal="center")
    for cell in ws[2]:
        cell.font, cell.fill = Font(italic=True, color="595959"), fill
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    for i, (col, kind) in enumerate(columns.items(), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = WIDE_COLUMNS.get(col, max(12, 2 * len(korean_label(table, col)) + 2, len(col) + 2))
        dv = _validation(table, col, kind)
        if dv is not None:
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}")
            ws.add_data_validation(dv)


def _validation(table: str, col: str, kind: str) -> DataValidation | None:
    """The input check for one column: a list, a date, a decimal or a whole number."""
    label = korean_label(table, col)
    if col in CHOICES:
        values = CHOICES[col]
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"')
        error, prompt = f"{' 또는 '.join(values)} 중 하나를 고르세요.", f"{' 또는 '.join(values)}"
    elif col in DATE_COLUMNS:
        dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)")
        error, prompt = "날짜를 입력하세요(예: 2023-11-20).", "날짜(예: 2023-11-20)"
    elif kind == "money":
        dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000")
        error, prompt = "금액은 천원 단위 숫자로 입력하세요(예: 12345 또는 12.5).", "천원 단위 숫자"
    elif kind == "Float64":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1000")
        error, prompt = "집행률은 0~1000 사이 숫자로, 보고서에 인쇄된 그대로 입력하세요(예: 45.5).", "백분율 숫자(예: 45.5)"
    elif kind == "Int64":
        low, high = {"year": (1990, 2100), "plan_year": (1990, 2100), "program_no": (1, 9999), "source_line": (1, 10**7)}.get(col, (-10**9, 10**9))
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high))
        error, prompt = f"{low}~{high} 사이 정수를 입력하세요.", "정수"
    else:
        return None
    dv.allow_blank = True
    dv.showErrorMessage = dv.showInputMessage = True
    dv.errorTitle, dv.error = "입력 오류", f"{label}: {error}"
    dv.promptTitle, dv.prompt = label[:32], prompt
    return dv


def load_workbook_reports(path: Path | str) -> list[LoadedReport]:
    """Read every report in a workbook: the template filled in, or a build's ``report_tables.xlsx``.

    Each sheet named after a contract table is read from the row after its English header row
    (the row holding the table's English column names); a missing table sheet is an empty table,
    but the ``reports`` sheet is required; a ``program_lineage`` sheet is ignored (a build
    computes that table across reports). The rows are rebuilt into a report and checked with
    :func:`analysis.checks.run_checks` (no 계 row is required), which also links programs to unit
    projects (``programs.unit``). Findings in a ``findings`` sheet are kept, followed by the
    recomputed ones, exact duplicates dropped.

    Parameters
    ----------
    path : path
        The ``.xlsx`` workbook.

    Returns
    -------
    list[LoadedReport]
        One per row of the ``reports`` sheet, in sheet order, with the contract's tables typed as
        in :data:`analysis.tables.SCHEMA`. A blank ``source_line`` is the Excel row number; a
        blank ``source_file``/``source_sha256`` is the workbook's name and SHA-256.

    Raises
    ------
    ReportError
        If the file is not a readable workbook, has no ``reports`` sheet, a sheet lacks its
        English header row, a cell is not the number, date or choice its column needs, or a row's
        ``report_id`` is not in the ``reports`` sheet (file, Excel row, sheet and column named).
    """
    path = Path(path)
    data = read_bytes(path)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    # not a zip (BadZipFile), a zip without a workbook (KeyError), broken XML (SyntaxError), ...
    # (zlib.error, EOFError: a part's compressed bytes damaged, which had been a traceback)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, SyntaxError, OSError, zlib.error, EOFError) as exc:
        if data.startswith(b"PK\x03\x04") and zip_cut_short(data):
            raise ReportError(path.name, 1, "a whole .xlsx workbook (a zip ending with its central directory)",
                              f"a workbook cut short: its {len(data):,} bytes end without the list of its parts that ends every zip, as after an incomplete "
                              "download or copy; get the file again, or save it again from Excel") from None
        raise ReportError(path.name, 1, "an .xlsx workbook", f"{type(exc).__name__}: {exc}; open it in Excel and save it again") from None
    if "reports" not in wb.sheetnames:
        raise ReportError(path.name, 1, "the report template (a sheet named reports; make one with: python -m analysis template NEW.xlsx)", "sheets " + ", ".join(wb.sheetnames))
    _formulas_without_values(data, wb, path.name)
    sheets = {table: _read_sheet(wb[table], table, path.name) for table in READ_TABLES if table in wb.sheetnames}
    ids = []
    for line, row in sheets["reports"]:
        if row["report_id"] is None:
            raise ReportError(path.name, line, "a report_id in sheet reports", "an empty cell")
        if row["report_id"] in ids:
            raise ReportError(path.name, line, "one row per report in sheet reports", f"a second row for {quoted(row['report_id'])}")
        ids.append(row["report_id"])
    if not ids:
        raise ReportError(path.name, 1, "a report in sheet reports", "no rows")
    per_report = {rid: {table: [] for table in SCHEMA} for rid in ids}
    for table, rows in sheets.items():
        for line, row in rows:
            if row["report_id"] is None and len(ids) == 1:
                row["report_id"] = ids[0]
            if row["report_id"] not in per_report:
                found = quoted(row["report_id"]) if row["report_id"] else "an empty cell"
                raise ReportError(path.name, line, f"a report_id of sheet reports ({', '.join(ids)}) in sheet {table}", found)
            if table != "findings" and "source_line" in row and row["source_line"] is None:
                row["source_line"] = line
            per_report[row["report_id"]][table].append((line, row))
    sha = hashlib.sha256(data).hexdigest()
    return [_loaded_report(path, per_report[rid], sha) for rid in ids]


def _formulas_without_values(data: bytes, wb, source: str) -> None:
    """A formula whose result the file does not hold (a workbook written by a program, not saved
    by Excel or LibreOffice since): read for its value it is empty, and an amount, a count or a
    label had been lost (an executed amount stored as none) or named 'an empty cell'. An error
    naming the first such cell of a sheet the reader reads."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # (no formula anywhere: nothing to look at)
        if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return
    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    for table in READ_TABLES:
        if table not in wb.sheetnames:
            continue
        for row in formulas[table].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and wb[table][cell.coordinate].value is None:
                    raise ReportError(source, cell.row, f"a value in sheet {table} cell {cell.coordinate}",
                                      f"the formula {quoted(cell.value)} with no saved result; open the workbook in Excel or LibreOffice and save it, or type the value")


def _read_sheet(ws, table: str, source: str) -> list[tuple[int, dict]]:
    """The non-empty rows below a sheet's English header row, as (Excel row, typed values)."""
    columns = SCHEMA[table]
    required = [col for col in columns if col not in OPTIONAL_COLUMNS]
    cells = list(ws.iter_rows(values_only=True))
    for index, values in enumerate(cells[:10]):
        names = [v.strip() if isinstance(v, str) else v for v in values]
        if set(required) <= set(names):
            break
    else:
        first = " | ".join(str(v) for v in (cells[0] if cells else ()) if v is not None)
        raise ReportError(source, 1, f"a header row with the English column names ({', '.join(required)}) in sheet {table}", quoted(first) if first else "no header row")
    positions = {col: names.index(col) for col in columns if col in names}
    out = []
    for line, values in enumerate(cells[index + 1:], start=index + 2):
        raw = {col: values[pos] if pos < len(values) else None for col, pos in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            continue
        row = {col: _value(raw.get(col), kind, col, table, source, line) for col, kind in columns.items()}
        for col, default in OPTIONAL_COLUMNS.items():
            if col in row and row[col] is None and not (table == "findings" and col == "source_loc"):
                row[col] = default if col != "source_loc" else str(Loc(sheet=table, row=line))
        out.append((line, row))
    return out


def _value(value, kind: str, col: str, table: str, source: str, line: int):
    """One cell as the text route would have it: str, ISO date, or exact Decimal (None if blank)."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    if col in DATE_COLUMNS:
        return _date(value, col, table, source, line)
    if kind == "boolean":
        if isinstance(value, bool) or value in (0, 1):
            return bool(value)
        if str(value).strip().upper() in ("TRUE", "FALSE", "참", "거짓"):
            return str(value).strip().upper() in ("TRUE", "참")
        raise ReportError(source, line, f"TRUE or FALSE in sheet {table} column {col}", quoted(str(value)))
    if kind == "str":
        text = _text(value)
        if col in CHOICES and text not in CHOICES[col]:
            raise ReportError(source, line, f"one of {', '.join(CHOICES[col])} in sheet {table} column {col}", quoted(text))
        return text
    number = _number(value, kind, col, table, source, line)
    if kind in ("Int64", "money") and number == number.to_integral_value():
        return Decimal(int(number))  # 1234.0 -> 1234, as the report printed it
    if kind == "Int64":
        raise ReportError(source, line, f"a whole number in sheet {table} column {col}", quoted(str(value)))
    return number


def _number(value, kind: str, col: str, table: str, source: str, line: int) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NumberError:
            if kind == "Float64":  # a rate typed as "45.5%"
                try:
                    return parse_rate(value)
                except NumberError:
                    pass
    raise ReportError(source, line, f"a number in sheet {table} column {col}", quoted(str(value)))


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_DATE_TEXT = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?")


def _date(value, col: str, table: str, source: str, line: int) -> str:
    """An Excel date (or a date serial, or text like 2023-11-20 / 2023. 11. 20.) as ISO text."""
    try:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return from_excel(value).date().isoformat()
        m = _DATE_TEXT.fullmatch(str(value))
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except (ValueError, OverflowError):
        pass
    raise ReportError(source, line, f"a date (YYYY-MM-DD) in sheet {table} column {col}", quoted(str(value)))


def _loaded_report(path: Path, rows: dict[str, list[tuple[int, dict]]], sha: str) -> LoadedReport:
    """One report's rows, checked, as the contract's tables."""
    source = path.name
    (_, meta), = rows["reports"]
    meta["source_file"] = meta["source_file"] or source
    meta["source_sha256"] = meta["source_sha256"] or sha
    meta["money_unit"] = meta["money_unit"] or DEFAULT_MONEY_UNIT
    for _, row in rows["budget_units"]:
        row["as_of"] = row["as_of"] or meta["as_of"]

    programs: dict[tuple, Program] = {}
    for line, r in rows["programs"]:
        key = (r["year"], r["stage"], r["program_no"])
        if None in key:
            raise ReportError(source, line, "year, stage and program_no in sheet programs", "an empty cell")
        if key in programs:
            raise ReportError(source, line, "one row per year, stage and program_no in sheet programs", "a second row for " + " ".join(map(str, key)))
        programs[key] = Program(
            stage=r["stage"], year=int(r["year"]), program_no=int(r["program_no"]), program=r["program"] or "", team=r["team"] or "",
            budget=r["budget"], executed=r["executed"], rate=r["rate"], source_line=int(r["source_line"]), start_line=int(r["source_line"]),
            loc=Loc.parse(r["source_loc"]),
        )
    for line, r in rows["program_funding"]:
        key = (r["year"], r["stage"], r["program_no"])
        if key not in programs:
            raise ReportError(source, line, "the year, stage and program_no of a row of sheet programs in sheet program_funding", " ".join(map(str, key)))
        programs[key].funding.append(Funding(r["source"] or "", r["budget"], r["executed"], int(r["source_line"]), Loc.parse(r["source_loc"])))
    units = []
    for line, r in rows["budget_units"]:
        for col in ("budget", "executed"):
            if r[col] is None:
                raise ReportError(source, line, f"a number in sheet budget_units column {col}", "an empty cell")
        units.append(BudgetUnit(r["unit"] or "", r["budget"], r["executed"], r["rate"], int(r["source_line"]), r["account"] or "일반회계", Loc.parse(r["source_loc"])))
    by_unit = {(u.account, u.unit): u for u in units}
    for line, r in rows["budget_unit_funding"]:
        key = (r["account"] or "일반회계", r["unit"] or "")
        if key not in by_unit:
            raise ReportError(source, line, "the account and unit of a row of sheet budget_units in sheet budget_unit_funding", " ".join(key))
        by_unit[key].funding.append(Funding(r["source"] or "", r["budget"], r["executed"], int(r["source_line"]), Loc.parse(r["source_loc"])))
    staffing = [
        StaffingCell(r["category"] or "", r["grade"] or "", r["authorized"], r["current"],
                     r["gap"] if r["authorized"] is not None and r["current"] is not None else None, int(r["source_line"]), Loc.parse(r["source_loc"]))
        for _, r in rows["staffing"]
    ]
    for line, r in rows["program_budget_rows"]:
        key = (r["year"], r["stage"], r["program_no"])
        if key not in programs:
            raise ReportError(source, line, "the year, stage and program_no of a row of sheet programs in sheet program_budget_rows", " ".join(map(str, key)))
        programs[key].budget_rows.append(BudgetRow(r["row_label"] or "", r["budget"], r["executed"], r["rate"], bool(r["final"]), Loc.parse(r["source_loc"])))
    for _, r in rows["metrics"]:
        r["kind"] = r["kind"] or kind_of_typed(r["value"], r["unit"], r["label"])
    plain = {name: [{k: v for k, v in r.items() if k != "report_id"} for _, r in rows[name]] for name in ("teams", "metrics", "partner_cities", "facilities")}
    report = ParsedReport(
        meta=meta, teams=plain["teams"], staffing=staffing, budget_units=units, programs=list(programs.values()),
        partner_cities=plain["partner_cities"], metrics=plain["metrics"], facilities=plain["facilities"],
    )
    checked = run_checks(report, require_total=False)

    for (_, row), program in zip(rows["programs"], report.programs):
        row["unit"] = program.unit  # the link the checks found, not what was typed
    tables = {name: frame([r for _, r in rows[name]], name) for name in SCHEMA}
    derived = to_rows(report, checked)
    if not rows["program_budget_rows"]:  # a typed workbook: each program's one row
        tables["program_budget_rows"] = frame(derived["program_budget_rows"], "program_budget_rows")
    found = frame(derived["findings"], "findings")
    both = pd.concat([df for df in (tables["findings"], found) if len(df)] or [found], ignore_index=True)
    tables["findings"] = frame(both.drop_duplicates(keep="first").to_dict("records"), "findings")
    return LoadedReport(path, tables)
