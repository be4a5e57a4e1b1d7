"""A filled Excel template for tests: a small made-up report typed as an analyst would."""

from __future__ import annotations

import datetime as dt

import openpyxl

from analysis.interpret.workbook import write_template
from analysis.store.contract import SCHEMA

RID = "영등포구_일자리경제과_2023"

# A small made-up report, as an analyst would type it (rows from Excel row 3 on).
JOBS = {
    "reports": [{
        "report_id": RID, "district": "영등포구", "department": "일자리경제과", "year": 2023, "plan_year": 2024,
        "session": "제247회 구의회 제2차 정례회", "session_start": dt.datetime(2023, 11, 20), "session_end": dt.datetime(2023, 12, 19),
        "as_of": dt.datetime(2023, 10, 31), "money_unit": "천원",
    }],
    "teams": [
        {"report_id": RID, "team": "일자리정책팀", "duty": "일자리 창출 종합계획 수립", "source_line": 20},
        {"report_id": RID, "team": "일자리정책팀", "duty": "청년 일자리 사업 운영"},
        {"report_id": RID, "team": "지역경제팀", "duty": "골목상권 활성화"},
    ],
    "staffing": [
        {"report_id": RID, "category": "일반직", "grade": "5급", "authorized": 1, "current": 1, "gap": 0},
        {"report_id": RID, "category": "일반직", "grade": "6급", "authorized": 3, "current": 2, "gap": "△1"},
        {"report_id": RID, "category": "일반직", "grade": "7급", "authorized": 2, "current": 3, "gap": 1},
    ],
    "budget_units": [
        {"report_id": RID, "unit": "일자리 창출 지원", "budget": 250000, "executed": 180500, "rate": 72.2},
        {"report_id": RID, "unit": "지역경제 활성화", "budget": "120,000", "executed": 90000.0, "rate": 75},
    ],
    "programs": [
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 1, "program": "청년 일자리 지원", "team": "일자리정책팀",
         "budget": 250000, "executed": 180500, "rate": 72.2},
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 2, "program": "골목상권 활성화", "team": "지역경제팀",
         "budget": 120000, "executed": 90000, "rate": 75},
        {"report_id": RID, "year": 2024, "stage": "plan", "program_no": 1, "program": "청년 일자리 지원 확대", "team": "일자리정책팀",
         "budget": 300000},
    ],
    "program_funding": [
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 1, "source": "국비", "budget": 100000, "executed": 80000},
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 1, "source": "구비", "budget": 150000, "executed": 100500},
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 2, "source": "국비", "budget": 40000, "executed": 30000},
        {"report_id": RID, "year": 2023, "stage": "actual", "program_no": 2, "source": "구비", "budget": 80000, "executed": 60000},
        {"report_id": RID, "year": 2024, "stage": "plan", "program_no": 1, "source": "국비", "budget": 120000},
        {"report_id": RID, "year": 2024, "stage": "plan", "program_no": 1, "source": "구비", "budget": 180000},
    ],
    "metrics": [
        {"report_id": RID, "year": 2023, "program_no": 1, "value": 320, "unit": "명", "label": "청년 취업 지원 — 참여 청년", "source_line": 41},
        {"report_id": RID, "year": 2023, "program_no": 2, "value": 15, "unit": "개소", "label": "골목상권 환경 개선"},
    ],
}


def fill(path, data, changes=()):
    """The template at ``path``, filled from row 3 with ``data``; ``changes``: (sheet, row index,
    column, value) applied first."""
    data = {sheet: [dict(r) for r in rows] for sheet, rows in data.items()}
    for sheet, i, col, value in changes:
        data[sheet][i][col] = value
    write_template(path)
    wb = openpyxl.load_workbook(path)
    for sheet, rows in data.items():
        ws, columns = wb[sheet], list(SCHEMA[sheet])
        for i, row in enumerate(rows):
            for col, value in row.items():
                ws.cell(row=3 + i, column=columns.index(col) + 1, value=value)
    wb.save(path)
    return path
