"""Parse a 주요업무 보고's text into records: a pure function of the text.

The report has three parts (see ``docs/report_format.md``): I. 일반현황 (organisation,
staffing, facilities, budget by unit project), II. 주요업무 추진실적 (numbered programs with
results and a budget table), III. next year's plans (programs with 소요예산). Layout words
(header aliases, units, source names) come from ``layout.toml``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from analysis.errors import ReportError, quoted
from analysis.interpret.layout import Layout, header_key, load_layout, squash
from analysis.interpret.metric_kind import keep_qualifier, metric_kind
from analysis.interpret.records import BudgetUnit, Finding, Funding, ParsedReport, Program, StaffingCell
from analysis.interpret.numbers import NumberError, parse_amount, parse_number, parse_rate, to_cheonwon, funding_source
from analysis.read.text import split_lines
from analysis.interpret.textsim import bigrams

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
_SECTION = re.compile(r"^\s*(?P<roman>IV|V|I{1,3}|[ⅠⅡⅢⅣⅤ])\s*\.\s*(?P<title>\S.*?)\s*$")
_PAGE_REF = re.compile(r"(?:\t|·\s*·|\.{3,}|…)[\s·.…]*\d+\s*$")
_SUBSECTION = re.compile(r"^\s*(?P<no>\d{1,2})\s*\.?\s+(?P<title>\S.*?)\s*$")
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
_TOC_LIST = re.compile(r"^\s*(?:[-·•]\s*(?P<no1>[①-⑳]|\d{1,2})|(?P<no2>[①-⑳]))[.)]?\s*(?P<name>\S.*?)(?:\s+(?P<page>\d{1,3}))?\s*$")
_SEPARATOR = re.compile(r"^[\s\-–—=|:\t]+$")
_HEADING = re.compile(r"^\s*(?P<no>\d{1,2}|[①-⑳])\s*[.)]?\s+(?P<name>\S.*?)\s*$")
_UNIT_LINE = re.compile(r"[(（]\s*단\s*위\s*[:：]\s*(?P<unit>[^)）]+?)\s*[)）]")
_AS_OF = re.compile(r"(?:(?P<y>\d{4})\s*\.\s*)?(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})\s*\.?\s*기\s*준")
_SESSION = re.compile(r"제\s*\d+\s*회.*?(?:정례회|임시회)")
_DATES = re.compile(
    r"(?P<y1>\d{4})\s*\.\s*(?P<m1>\d{1,2})\s*\.\s*(?P<d1>\d{1,2})\s*\.?\s*[~～\-–]\s*"
    r"(?:(?P<y2>\d{4})\s*\.\s*)?(?P<m2>\d{1,2})\s*\.\s*(?P<d2>\d{1,2})\s*\.?"
)
_REPORT_YEAR = re.compile(r"(?P<y>\d{4})\s*년\s*(?:도\s*)?주\s*요\s*업\s*무\s*(?:보\s*고|추\s*진)")
_YEAR = re.compile(r"(?P<y>\d{4})\s*년")
_DEPT_LINE = re.compile(r"^\s*(?P<dept>\S[^-]*?)\s*[-–]\s*\(?\s*(?P<n>\d+)\s*\)?\s*개\s*팀")
_DEPT_WORD = re.compile(r"(?:과|국|실|단|담당관|센터|사업소)$")
_TAG = re.compile(r"<[^>]+>")
_BULLET_SPLIT = re.compile(r"(?:^|\s)[-•○]\s+")
_TEAM_LINE = re.compile(r"^\S{2,20}(?:팀|반|담당)$")
_PARTNER_SCOPE = re.compile(r"^(?P<scope>국내|국외|해외)\s*(?:[(（]\s*(?P<n>\d+)\s*개?\s*[)）])?$")
_OUTER = re.compile(r"^(?P<no>\d+)\s*외\s*$")


@dataclass
class _Doc:
    lines: list[str]
    source: str
    layout: Layout

    def __post_init__(self) -> None:
        self.read: dict[int, list[Decimal]] = {}  # line -> values read from it (as printed)
        self.claimed: set[int] = set()  # lines some part of the parser read
        # Each line without whitespace, made once: the scans below look at every line many times.
        self.sq = [squash(line) for line in self.lines]
        ends = {stage: tuple(self.layout.words("markers", key)) for stage, key in (("actual", "program_budget"), ("plan", "plan_budget"))}
        self.ends = {stage: {i for i, sq in enumerate(self.sq) if sq.lstrip("□■○-").startswith(words)} for stage, words in ends.items()}
        # (number, name) of each line that looks like a program heading ("3 사업명", "③ 사업명").
        self.headings: dict[int, tuple[int, str]] = {}
        for i, line in enumerate(self.lines):
            if line[:1].isdigit() or "①" <= line.lstrip()[:1] <= "⑳":
                m = _HEADING.match(line)
                if m and "\t" not in line:
                    self.headings[i] = (_circled_or_int(m["no"]), m["name"])

    def error(self, index: int, expected: str, found: str | None = None) -> ReportError:
        return ReportError(self.source, index + 1, expected, found)

    def note(self, i: int, *values: Decimal) -> None:
        """Record values read from line ``i`` (for the share of numbers read)."""
        self.read.setdefault(i, []).extend(values)

    def claim(self, start: int, end: int | None = None) -> None:
        self.claimed.update(range(start, start + 1 if end is None else end))

    def next_nonblank(self, i: int, end: int) -> int:
        while i < end and not self.lines[i].strip():
            i += 1
        return i


def parse_report(text: str, source: str = "<text>", *, source_sha256: str | None = None) -> ParsedReport:
    """Parse the text of one 주요업무 보고.

    Parameters
    ----------
    text : str
        The decoded report.
    source : str
        File name, used in error messages and in ``reports.source_file``.
    source_sha256 : str, optional
        Hash of the raw bytes; computed from the UTF-8 text when not given.

    Returns
    -------
    ParsedReport
        Records with exact values and 1-based source lines, plus parse-time findings.

    Raises
    ------
    ReportError
        If the text is not a readable report: names the line and what was expected.
    """
    doc = _Doc(split_lines(text), source, load_layout())
    sections = _find_sections(doc)
    cover_end = min(start for start, _, _ in sections.values())
    doc.claim(0, cover_end)  # cover and report order: read for the metadata
    for start, _, _ in sections.values():
        doc.claim(start)
    meta = _parse_cover(doc, cover_end)
    findings: list[Finding] = []

    g_start, g_end, _ = sections["general"]
    subs = _find_subsections(doc, g_start + 1, g_end)
    if "budget" not in subs:
        raise doc.error(g_end - 1 if g_end > g_start + 1 else g_start, "a '예산현황' sub-heading in section I. 일반현황", "none")
    for kind in ("organization", "staffing", "budget"):
        if kind in subs:
            doc.claim(*subs[kind])
    if "facilities" in subs and "".join(doc.sq[subs["facilities"][0]:subs["facilities"][1]]).lstrip(":：") in ("해당없음", "없음", ""):
        doc.claim(*subs["facilities"])
    teams, declared, dept_from_org = _parse_organization(doc, *subs["organization"]) if "organization" in subs else ([], None, None)
    if not meta["department"] and dept_from_org:
        meta["department"] = dept_from_org
    staffing, staffing_totals = _parse_staffing(doc, *subs["staffing"]) if "staffing" in subs else ([], {})
    units, total, unit_word, as_of = _parse_budget_units(doc, *subs["budget"], year=meta["year"])
    meta["money_unit"] = unit_word
    meta["as_of"] = as_of

    team_duties = _team_duties(teams)
    doc.team_index = _team_index(team_duties) if team_duties else None
    r_start, r_end, _ = sections["results"]
    programs = _parse_programs(doc, r_start + 1, r_end, "actual", meta["year"], unit_word, team_duties, findings)
    if "plans" in sections:
        p_start, p_end, p_title = sections["plans"]
        m = _YEAR.search(p_title)
        meta["plan_year"] = int(m["y"]) if m else meta["year"] + 1
        plans = _parse_programs(doc, p_start + 1, p_end, "plan", meta["plan_year"], unit_word, team_duties, findings)
        if not plans:
            last = doc.next_nonblank(p_start + 1, p_end)
            raise doc.error(min(last, p_end - 1), f"the programs of '{p_title}' (line {p_start + 1})", "end of file" if last >= p_end else quoted(doc.lines[last]))
        programs += plans
    else:
        meta["plan_year"] = meta["year"] + 1

    partners = _parse_partner_cities(doc, findings)
    metrics = _parse_metrics(doc, programs, sections["results"])

    findings += _reading_coverage(doc)
    if not meta["district"]:
        findings.append(Finding("district", "warning", "reports", "a district name on the cover", "none", "the cover names no known district; add it to layout.toml [districts]", None))
    meta["source_file"] = source
    meta["source_sha256"] = source_sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    meta["report_id"] = "_".join(str(p) for p in (meta["district"] or "미상", meta["department"] or "미상", meta["year"]))
    return ParsedReport(
        meta=meta,
        teams=teams,
        declared_team_count=declared,
        staffing=staffing,
        staffing_totals=staffing_totals,
        budget_units=units,
        budget_total=total,
        programs=programs,
        partner_cities=partners,
        metrics=metrics,
        findings=findings,
    )


# --- sections -------------------------------------------------------------------------------


_NUMBER_TOKEN = re.compile(r"(?<![\d.])(?:△\s*)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])(?:△\s*)?\d+(?:\.\d+)?")


def _reading_coverage(doc: _Doc) -> list[Finding]:
    """How much of the report was read: every number printed on a line the parser read values
    from is matched with those values ('coverage', and a warning per number left unread), and
    each run of non-blank lines no part of the parser claimed is listed ('unread_lines')."""
    out = []
    total = read = 0
    for i in sorted(doc.read):
        got = Counter(doc.read[i])
        for token in _NUMBER_TOKEN.findall(doc.lines[i]):
            value = parse_number(token.replace(" ", ""))
            total += 1
            if got[value] > 0:
                got[value] -= 1
                read += 1
            else:
                out.append(Finding("coverage", "warning", f"line {i + 1}", token, "not read", f"the number {token} on a table line was not read into any table", i + 1))
    share = f"{read * 100 / total:.1f}%" if total else "-"
    out.append(Finding("coverage", "info", "numbers in tables", str(total), str(read), f"read {read} of the {total} numbers printed on the report's table lines ({share})", None))
    run: list[int] = []
    for i in range(len(doc.lines) + 1):
        unread = i < len(doc.lines) and i not in doc.claimed and doc.sq[i]
        if unread:
            run.append(i)
        elif run:
            first = doc.lines[run[0]].strip()
            out.append(Finding(
                "unread_lines", "info", f"lines {run[0] + 1}-{run[-1] + 1}", "a part of the report", "not read",
                f"{len(run)} line(s) no part of the parser read, from line {run[0] + 1}: {first[:60]!r}", run[0] + 1,
            ))
            run = []
    return out


def _find_sections(doc: _Doc) -> dict[str, tuple[int, int, str]]:
    """Locate parts I-III by their Roman-numeral headings; returns kind -> (start, end, title)."""
    found: list[tuple[int, str, str, int]] = []  # (index, kind, title, roman)
    listed: list[tuple[int, str, str]] = []  # entries of the 보고 순서 (index, kind, title)
    for i, line in enumerate(doc.lines):
        m = _SECTION.match(line)
        if not m:
            continue
        kind = doc.layout.contains("sections", m["title"])
        if kind is None:
            continue
        if _PAGE_REF.search(line):
            listed.append((i, kind, _PAGE_REF.sub("", line).strip()))
            continue
        for j, k, _, _ in found:
            if k == kind:
                raise doc.error(i, f"one section {m['roman']}. {m['title']}", f"a second one (the first is at line {j + 1})")
        found.append((i, kind, _PAGE_REF.sub("", m["title"]).strip(), ROMAN[m["roman"]]))
    kinds = [k for _, k, _, _ in found]
    for i, kind, title in listed:
        if kind not in kinds:
            raise doc.error(len(doc.lines) - 1, f"section '{title}' (listed in the report order at line {i + 1})", "end of file before it")
    if not found:
        raise doc.error(0, "a 주요업무 보고 with sections 'I. 일반현황' and 'II. 주요업무 추진실적'", "no such section heading")
    for kind, label in (("general", "I. 일반현황"), ("results", "II. 주요업무 추진실적")):
        if kind not in kinds:
            raise doc.error(len(doc.lines) - 1, f"section '{label}'", "end of file before it")
    sections = {}
    for n, (i, kind, title, _) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(doc.lines)
        sections[kind] = (i, end, title)
    return sections


def _parse_cover(doc: _Doc, end: int) -> dict:
    cover = [line.strip() for line in doc.lines[:end]]
    text = "\n".join(cover)
    meta = {"district": "", "department": "", "year": None, "session": "", "session_start": None, "session_end": None}
    m = _SESSION.search(text)
    if m:
        meta["session"] = re.sub(r"\s+", " ", m.group(0))
    m = _DATES.search(text)
    if m:
        line = text.count("\n", 0, m.start())
        y1 = int(m["y1"])
        start = _date(doc, line, y1, m["m1"], m["d1"], "a session start date")
        y2 = int(m["y2"]) if m["y2"] else (y1 if int(m["m2"]) >= int(m["m1"]) else y1 + 1)
        meta["session_start"], meta["session_end"] = start, _date(doc, line, y2, m["m2"], m["d2"], "a session end date")
    m = _REPORT_YEAR.search(text)
    if m:
        meta["year"] = int(m["y"])
        if not 1945 <= meta["year"] <= 2200:
            raise doc.error(text.count("\n", 0, m.start()), "a report year like 2022", m["y"])
    elif meta["session_start"]:
        meta["year"] = meta["session_start"].year
    else:
        raise doc.error(0, "the report year on the cover (e.g. '2022년 주요업무 보고')", "none before the first section")
    squashed = squash(text)
    for name in doc.layout.districts:
        stem = name[:-1] if len(name) > 2 else name
        if name in squashed or (len(stem) >= 2 and stem in squashed):
            meta["district"] = name
            break
    for line in reversed(cover):
        word = squash(line)
        if word and len(word) <= 20 and _DEPT_WORD.search(word) and not re.search(r"\d", word):
            meta["department"] = word
            break
    return meta


def _date(doc: _Doc, i: int, year: int, month, day, what: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise doc.error(i, f"{what} that exists", f"{int(year):04d}-{int(month):02d}-{int(day):02d}") from None


def _find_subsections(doc: _Doc, start: int, end: int) -> dict[str, tuple[int, int]]:
    heads = []
    for i in range(start, end):
        m = _SUBSECTION.match(doc.lines[i])
        if m and "\t" not in doc.lines[i]:
            kind = doc.layout.match("general_subsections", m["title"])
            if kind:
                doc.claim(i)
                first = next((j for j, k in heads if k == kind), None)
                if first is not None:
                    raise doc.error(i, f"one '{m['title']}' in section I", f"a second one (the first is at line {first + 1})")
                heads.append((i, kind))
    return {kind: (i + 1, heads[n + 1][0] if n + 1 < len(heads) else end) for n, (i, kind) in enumerate(heads)}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _number(doc: _Doc, i: int, cell: str, what: str) -> Decimal:
    try:
        value = parse_number(cell)
        doc.note(i, value)
        return value
    except NumberError:
        raise doc.error(i, f"a number in column {what}", quoted(cell)) from None


# --- part I ---------------------------------------------------------------------------------


def _split_duties(cell: str) -> list[str]:
    text = _TAG.sub(" ", cell)
    return [re.sub(r"\s+", " ", d).strip() for d in _BULLET_SPLIT.split(" " + text) if d.strip()]


def _parse_organization(doc: _Doc, start: int, end: int):
    declared, dept = None, None
    rows = []
    for i in range(start, end):
        line = doc.lines[i]
        m = _DEPT_LINE.match(line)
        if m:
            declared, dept = (int(m["n"]), i + 1), squash(m["dept"])
        elif "\t" in line:
            rows.append((i, _cells(line)))
    teams = []
    if len(rows) >= 2 and all(c.endswith("팀") or not c for c in rows[0][1]) and len(rows[0][1]) == len(rows[1][1]):
        (_, names), (duty_i, duties) = rows[0], rows[1]
        for name, cell in zip(names, duties):
            if name:
                teams += [{"team": squash(name), "duty": d, "source_line": duty_i + 1} for d in _split_duties(cell)]
    else:  # one team a row: "팀명<TAB>duties"
        for i, cells in rows:
            if len(cells) >= 2 and squash(cells[0]).endswith("팀"):
                teams += [{"team": squash(cells[0]), "duty": d, "source_line": i + 1} for d in _split_duties(" ".join(cells[1:]))]
    if declared and not teams:
        raise doc.error(declared[1] - 1, f"a table of the {declared[0]} teams and their duties after this line", "none")
    return teams, declared, dept


def _parse_staffing(doc: _Doc, start: int, end: int):
    layout = doc.layout
    tab_rows = [(i, _cells(doc.lines[i])) for i in range(start, end) if "\t" in doc.lines[i]]
    if not tab_rows:
        return [], {}
    headers = [(i, c) for i, c in tab_rows if not layout.match("staffing_rows", c[0])]
    data = [(i, c) for i, c in tab_rows if layout.match("staffing_rows", c[0])]
    if not headers:
        raise doc.error(tab_rows[0][0], "a staffing header row (구분, 계, grades)", quoted(doc.lines[tab_rows[0][0]]))
    if len(headers) > 2:
        raise doc.error(headers[2][0], "one or two staffing header rows (categories, then grades)", f"{len(headers)} header rows")
    # The width most rows share; the one row that differs is the broken one, and is named.
    width = Counter(len(c) for _, c in tab_rows).most_common(1)[0][0]
    for i, cells in headers:
        if len(cells) != width:  # a merged-cell row keeps its empty cells: a row too short is broken
            raise doc.error(i, f"{width} cells in each staffing header row", f"{len(cells)} cells")
    cat_row = headers[0][1] + [""] * (width - len(headers[0][1]))
    grade_row = headers[1][1] + [""] * (width - len(headers[1][1])) if len(headers) > 1 else cat_row
    has_total = header_key(cat_row[1]) in layout.words("markers", "total_labels")
    first = 2 if has_total else 1
    columns, category = [], ""
    for j in range(first, width):
        if len(headers) > 1:
            category = squash(cat_row[j]) or category
        columns.append((category if len(headers) > 1 else "", squash(grade_row[j])))
    for j, (category, grade) in enumerate(columns, first):
        if not grade or (len(headers) > 1 and not category):
            raise doc.error(headers[-1][0], f"a job category and grade over every staffing column (column {j + 1})", "an empty header cell")
    if len(set(columns)) != len(columns):
        raise doc.error(headers[-1][0], "each category and grade once in the staffing header", "a repeated one")
    values: dict[str, tuple[int, list[Decimal]]] = {}
    totals = {}
    for i, cells in data:
        if len(cells) != width:
            raise doc.error(i, f"{width} cells in the staffing row (구분, {'계, ' if has_total else ''}{width - first} grades)", f"{len(cells)} cells")
        kind = layout.match("staffing_rows", cells[0])
        nums = [_number(doc, i, c, f"{columns[j - first][1] if j >= first else '계'} of {squash(cells[0])}") for j, c in enumerate(cells) if j >= 1]
        if has_total:
            totals[kind] = (nums[0], i + 1)
            nums = nums[1:]
        values[kind] = (i, nums)
    for needed in ("authorized", "current"):
        if needed not in values:
            raise doc.error(data[0][0] if data else headers[-1][0], f"a '{layout.words('staffing_rows', needed)[0]}' row in the staffing table", "none")
    cells = []
    for j, (category, grade) in enumerate(columns):
        gap = values["gap"][1][j] if "gap" in values else None
        cells.append(StaffingCell(category, grade, values["authorized"][1][j], values["current"][1][j], gap, values["authorized"][0] + 1))
    return cells, totals


def _parse_budget_units(doc: _Doc, start: int, end: int, year: int):
    layout = doc.layout
    unit_word, header, as_of = None, None, None
    units, total = [], None
    i = start
    while i < end:
        line = doc.lines[i]
        m = _UNIT_LINE.search(line)
        if m and unit_word is None:
            unit_word = squash(m["unit"])
        if "\t" in line and header is None:
            cells = _cells(line)
            mapped = [layout.match("budget_columns", c) for c in cells]
            if "budget" in mapped and "executed" in mapped:
                header = (i, cells, mapped)
                am = _AS_OF.search(line)
                if am:
                    as_of = _date(doc, i, int(am["y"] or year), am["m"], am["d"], "an as-of date (기준일)")
        elif "\t" in line and header is not None:
            units_row = _budget_row(doc, i, header)
            if header_key(units_row.unit) in layout.words("markers", "total_labels"):
                total = units_row
            else:
                units.append(units_row)
        elif header is not None and line.strip() and (units or total):
            break
        i += 1
    if header is None:
        raise doc.error(start, "a budget table header (단위사업명, 예산액, 집행액, 집행률)", "none in '예산현황'")
    if not units:
        raise doc.error(header[0] + 1, "rows of unit projects under the budget header", "none")
    unit_word = unit_word or "천원"
    if unit_word not in layout.money_units:
        raise doc.error(start, f"a money unit among {', '.join(layout.money_units)}", quoted(unit_word))
    if as_of is None:
        for j in range(start, end):
            am = _AS_OF.search(doc.lines[j])
            if am:
                as_of = _date(doc, j, int(am["y"] or year), am["m"], am["d"], "an as-of date (기준일)")
                break
    for u in units + ([total] if total else []):
        u.budget, u.executed = to_cheonwon(u.budget, unit_word), to_cheonwon(u.executed, unit_word)
    return units, total, unit_word, as_of


def _budget_row(doc: _Doc, i: int, header) -> BudgetUnit:
    _, names, mapped = header
    cells = _cells(doc.lines[i])
    if len(cells) != len(names):
        raise doc.error(i, f"{len(names)} cells ({', '.join(header_key(n) for n in names)})", f"{len(cells)} cells")
    row = dict(zip(mapped, cells))
    rate = None
    if row.get("rate") is not None:
        try:
            rate = parse_rate(row["rate"])
            doc.note(i, rate)
        except NumberError:
            raise doc.error(i, "a percentage in column 집행률", quoted(row["rate"])) from None
    return BudgetUnit(
        unit=re.sub(r"\s+", " ", row.get("unit") or cells[0]).strip(),
        budget=_number(doc, i, row["budget"], "예산액"),
        executed=_number(doc, i, row["executed"], "집행액"),
        rate=rate,
        source_line=i + 1,
    )


def _team_duties(teams: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in teams:
        out.setdefault(row["team"], []).append(row["duty"])
    return out


# --- parts II and III: programs -------------------------------------------------------------


def _circled_or_int(text: str) -> int:
    return _CIRCLED.get(text) or int(text)


def _parse_toc(doc: _Doc, start: int, end: int) -> tuple[list[tuple[int, str, int]], int]:
    """Table of contents (연번 / 사업명 / 쪽) at the start of a part: [(no, name, line)], next index."""
    i = doc.next_nonblank(start, end)
    if i >= end or not all(w in squash(doc.lines[i]) for w in doc.layout.words("markers", "toc_headers")):
        return [], start
    entries = []
    i += 1
    while i < end:
        line = doc.lines[i]
        if not line.strip() or _SEPARATOR.match(line):
            i += 1
            continue
        cells = _cells(line)
        if len(cells) >= 2 and re.fullmatch(r"[①-⑳]|\d{1,2}", cells[0]):
            entries.append((_circled_or_int(cells[0]), re.sub(r"\s+", " ", cells[1]), i + 1))
        else:
            m = _TOC_LIST.match(line)
            if not m:
                break
            entries.append((_circled_or_int(m["no1"] or m["no2"]), m["name"], i + 1))
        i += 1
    if not entries:
        raise doc.error(i if i < end else end - 1, "numbered entries (연번, 사업명, 쪽) under the table-of-contents header", quoted(doc.lines[i]) if i < end else "end of section")
    return entries, i


def _is_program_end(doc: _Doc, i: int, stage: str) -> bool:
    return i in doc.ends[stage]


def _heading_at(doc: _Doc, i: int, no: int) -> str | None:
    number, name = doc.headings.get(i, (None, None))
    return name if number == no else None


def _parse_programs(doc, start, end, stage, year, unit_word, team_duties, findings) -> list[Program]:
    toc, i = _parse_toc(doc, start, end)
    doc.claim(start, i)
    section_label = "II. 주요업무 추진실적" if stage == "actual" else "III. 추진계획"
    what = "예산현황 table" if stage == "actual" else "'□ 소요예산' line"
    for k, (number, name, line) in enumerate(toc, 1):
        if number != k:  # a skipped entry would put every later name on the wrong amounts
            raise doc.error(line - 1, f"entry {k} of the table of contents", f"entry {number} '{name}'")
    programs = []
    no = 0
    while True:
        i = doc.next_nonblank(i, end)
        if i >= end or (toc and no >= len(toc)):
            break
        no += 1
        toc_entry = toc[no - 1] if toc else None
        block_start = i
        heading = _heading_at(doc, i, no)
        if heading is None and toc_entry is None:
            if not programs:
                raise doc.error(i, f"a numbered program heading ('{no} 사업명') or a table of contents in {section_label}", quoted(doc.lines[i]))
            break  # trailing text after the last program
        name = heading or toc_entry[1]
        if heading is not None:
            i = doc.next_nonblank(i + 1, end)
            if toc_entry and squash(heading) != squash(toc_entry[1]):
                findings.append(Finding("program_name", "warning", f"{stage} {no}", toc_entry[1], heading, f"program {no}'s heading differs from the table of contents (line {toc_entry[2]}); the heading is used", block_start + 1))
        else:
            findings.append(Finding("program_heading", "info", f"{stage} {no} {name}", "a heading in the body", "none", f"program {no} has no heading in the body; its name is taken from the table of contents (line {toc_entry[2]})", block_start + 1))
        team = None
        if i < end and _is_team_line(doc.lines[i], team_duties):
            team = squash(doc.lines[i])
            if team_duties and team not in team_duties:
                findings.append(Finding("team_unknown", "warning", f"{stage} {no} {name}", "a team of the organisation table", team, f"program {no}'s team '{team}' is not in the organisation table", i + 1))
            i += 1
        # The body runs to the end marker (예산현황 / 소요예산), or to the next program's heading.
        j = i
        while j < end and not _is_program_end(doc, j, stage) and _heading_at(doc, j, no + 1) is None:
            j += 1
        body = doc.lines[block_start:j]
        if heading is None and j == i and j < end:
            raise doc.error(j, f"the text of program {no} '{name}' before its {what}", f"another {what}")
        _one_of_each_block(doc, block_start, j, no, name, what)
        if j >= end or not _is_program_end(doc, j, stage):
            if j >= end and (end == len(doc.lines) or (toc and no < len(toc))):
                raise doc.error(end - 1, f"the {what} of program {no} '{name}' (started line {block_start + 1})", "end of " + ("file" if end == len(doc.lines) else "section"))
            findings.append(Finding("program_budget", "warning", f"{stage} {no} {name}", "a budget table", "none", f"program {no} has no budget table", block_start + 1))
            program = Program(stage, year, no, name, team or "", None, None, None, block_start + 1, block_start + 1, text="\n".join(body))
            i = j
        elif stage == "actual":
            program, i = _program_budget_table(doc, j, end, year, no, name, team, unit_word, block_start, body)
        else:
            program, i = _plan_budget_line(doc, j, year, no, name, team, unit_word, block_start, body)
        if team is None:
            program.team, program.team_inferred = _infer_team(program, team_duties, findings, getattr(doc, "team_index", None))
        _check_funding_names(program, findings)
        doc.claim(block_start, i)
        programs.append(program)
    if toc and len(programs) < len(toc):
        missing = toc[len(programs)]
        raise doc.error(end - 1, f"program {missing[0]} '{missing[1]}' listed in the table of contents (line {missing[2]})", "end of section")
    left = sorted(k for k in doc.ends[stage] if i <= k < end)
    if left:  # a budget no program claimed: the table of contents or the body lost a program
        listed = f"the {len(programs)} programs of the table of contents" if toc else f"{len(programs)} programs"
        raise doc.error(left[0], f"no {what} after {listed}", f"another {what} (a program missing from the table of contents, or repeated?)")
    return programs


def _one_of_each_block(doc: _Doc, start: int, end: int, no: int, name: str, what: str) -> None:
    """A program has each '□' block once; a second '□ 주요 추진실적' means the next program's
    text began before this one's budget (its budget line or table is missing)."""
    seen: dict[str, int] = {}
    for k in range(start, end):
        if doc.sq[k].startswith("□"):
            key = doc.sq[k].split(":", 1)[0]
            if key in seen:
                raise doc.error(k, f"the {what} of program {no} '{name}' before another '{doc.lines[k].strip()}' (the first is at line {seen[key] + 1})", "a second one in the same program")
            seen[key] = k


def _is_team_line(line: str, team_duties: dict) -> bool:
    word = squash(line)
    return bool(word) and (word in team_duties or bool(_TEAM_LINE.match(word)))


def _program_budget_table(doc, j, end, year, no, name, team, unit_word, block_start, body):
    layout = doc.layout
    unit = unit_word
    k = j + 1
    header = None
    while k < end:
        line = doc.lines[k]
        m = _UNIT_LINE.search(line)
        if m:
            unit = squash(m["unit"])
        elif "\t" in line:
            mapped = [layout.match("program_budget_columns", c) for c in _cells(line)]
            if header is None:
                if "budget" not in mapped:
                    raise doc.error(k, "the header of program's 예산현황 table (예산액, 집행액, 집행률)", quoted(line))
                header = (k, mapped)
            else:
                break
        elif line.strip():
            raise doc.error(k, f"the 예산현황 table of program {no} '{name}' (예산액, 집행액, 집행률)", quoted(line))
        k += 1
    if header is None or k >= end:
        raise doc.error(min(k, end - 1), f"the {'header' if header is None else 'amounts row'} of program {no}'s 예산현황 table", "end of section" if k >= end else quoted(doc.lines[k]))
    if unit not in layout.money_units:
        raise doc.error(j, f"a money unit among {', '.join(layout.money_units)}", quoted(unit))
    cells = _cells(doc.lines[k])
    if len(cells) != len(header[1]):
        raise doc.error(k, f"{len(header[1])} cells (예산액, 집행액, 집행률)", f"{len(cells)} cells")
    row = dict(zip(header[1], cells))
    amounts = {}
    for col in ("budget", "executed"):
        if col in row:
            try:
                amounts[col] = parse_amount(row[col])
                doc.note(k, amounts[col].total, *(v for _, v, _ in amounts[col].parts))
            except NumberError:
                raise doc.error(k, f"an amount like '38,500 (시 20,000, 구비 18,500)' in column {'예산액' if col == 'budget' else '집행액'}", quoted(row[col])) from None
    rate = None
    if "rate" in row:
        try:
            rate = parse_rate(row["rate"])
            doc.note(k, rate)
        except NumberError:
            raise doc.error(k, "a percentage in column 집행률", quoted(row["rate"])) from None
    budget = amounts.get("budget")
    executed = amounts.get("executed")
    program = Program(
        "actual", year, no, name, team or "",
        budget=to_cheonwon(budget.total, budget.unit or unit) if budget else None,
        executed=to_cheonwon(executed.total, executed.unit or unit) if executed else None,
        rate=rate, source_line=k + 1, start_line=block_start + 1, text="\n".join(body),
    )
    program.funding = _funding(budget, executed, unit, k + 1, doc, k)
    return program, k + 1


def _plan_budget_line(doc, j, year, no, name, team, unit_word, block_start, body):
    line = doc.lines[j]
    _, _, after = line.partition(":") if ":" in line else line.partition("：")
    try:
        amount = parse_amount(after)
        doc.note(j, amount.total, *(v for _, v, _ in amount.parts))
    except NumberError:
        raise doc.error(j, "a plan budget like '□ 소요예산: 총 63,553천원(구비 63,553)'", quoted(line)) from None
    unit = amount.unit or unit_word
    program = Program("plan", year, no, name, team or "", to_cheonwon(amount.total, unit), None, None, j + 1, block_start + 1, text="\n".join(body))
    program.funding = _funding(amount, None, unit, j + 1, doc, j)
    return program, j + 1


def _funding(budget, executed, unit, line_no, doc, index) -> list[Funding]:
    """Pair the budget's and the executed amount's funding parts by source."""
    out: dict[str, Funding] = {}
    for amount, attr in ((budget, "budget"), (executed, "executed")):
        if amount is None:
            continue
        for name, value, part_unit in amount.parts:
            source = funding_source(name) or name
            row = out.setdefault(source, Funding(source, None, None, line_no))
            if getattr(row, attr) is not None:
                raise doc.error(index, "each funding source once per amount", f"'{name}' twice")
            setattr(row, attr, to_cheonwon(value, part_unit or amount.unit or unit))
    return list(out.values())


def _check_funding_names(program: Program, findings: list[Finding]) -> None:
    known = set(load_layout().funding_aliases.values())
    for f in program.funding:
        if f.source not in known:
            findings.append(Finding("funding_source", "warning", f"{program.stage} {program.program_no} {program.program}", "a known funding source (layout.toml)", f.source, f"unknown funding source '{f.source}' kept as printed", f.source_line))


# The line opening a program's results (layout.toml markers.results_heading), letter-spacing allowed.
_RESULTS_START = re.compile(
    r"^\s*□\s*(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in load_layout().words("markers", "results_heading")) + ")",
    re.MULTILINE,
)


def _team_index(team_duties: dict[str, list[str]]) -> dict[str, tuple[dict[str, float], float]]:
    """Per team: its bigrams (of name and duties) with idf weights, and the length norm."""
    docs = {team: set(bigrams(team + " " + " ".join(duties))) for team, duties in team_duties.items()}
    df = Counter(b for grams in docs.values() for b in grams)
    n = len(docs)
    return {team: ({b: math.log(1 + n / df[b]) for b in grams}, math.sqrt(len(grams)) or 1.0) for team, grams in docs.items()}


def _infer_team(program: Program, team_duties: dict[str, list[str]], findings: list[Finding], index=None) -> tuple[str, bool]:
    """Pick the team whose name and duties share the most (idf-weighted) character bigrams with
    the program's name (weighted 3x) and body. Recorded as an ``info`` finding."""
    subject = f"{program.stage} {program.program_no} {program.program}"
    if not team_duties:
        findings.append(Finding("team_inferred", "warning", subject, "a team line or an organisation table", "none", "no team named and no organisation table to infer it from", program.start_line))
        return "", False
    index = index or _team_index(team_duties)
    # The purpose line and the overview name the topic; the results that follow mostly repeat it.
    head = _RESULTS_START.split(program.text, maxsplit=1)[0]
    name, body = bigrams(program.program), bigrams(head)
    # Only the bigrams a team shares with the program count; intersect (in C), then add those few.
    scores = {
        team: (sum(3 * name[b] * weights[b] for b in weights.keys() & name.keys())
               + sum(body[b] * weights[b] for b in weights.keys() & body.keys())) / norm
        for team, (weights, norm) in index.items()
    }
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else ("", 0.0)
    findings.append(Finding(
        "team_inferred", "info", subject, "a team line under the heading", best,
        f"team inferred from the organisation table's duties: {best} (score {score:.1f}; next {runner[0]} {runner[1]:.1f})",
        program.start_line,
    ))
    return best, True


# --- partner cities and participation figures -----------------------------------------------


def _parse_partner_cities(doc: _Doc, findings: list[Finding]) -> list[dict]:
    layout = doc.layout
    header_words = layout.words("markers", "partner_headers")
    relations = dict(layout.raw["partner_relations"])
    default = relations.pop("default")
    tables = []
    for i, line in enumerate(doc.lines):
        if header_words[-1] not in doc.sq[i] or "\t" not in line or [header_key(c) for c in _cells(line)] != header_words:
            continue
        rows = []
        k = i + 1
        while k < len(doc.lines) and "\t" in doc.lines[k]:
            cells = _cells(doc.lines[k])
            m = _PARTNER_SCOPE.match(squash(cells[0]))
            if not m or len(cells) != 2:
                raise doc.error(k, "a partner-city row like '국내(6개)<TAB>경남 고성군, ...'", quoted(doc.lines[k]))
            scope = "국외" if m["scope"] == "해외" else m["scope"]
            if m["n"]:
                doc.note(k, Decimal(m["n"]))
            cities = [c.strip() for c in re.split(r"[,，]", cells[1]) if c.strip()]
            for c in cities:
                relation = default
                rm = re.search(r"[(（]([^)）]+)[)）]\s*$", c)
                if rm:
                    relation = relations.get(squash(rm[1]), squash(rm[1]))
                    c = c[: rm.start()].strip()
                region, _, city = c.rpartition(" ")
                rows.append({"scope": scope, "region": region, "city": city, "relation": relation, "source_line": k + 1})
            if m["n"] and int(m["n"]) != len(cities):
                findings.append(Finding("partner_count", "error", f"partner cities {scope}", m["n"], str(len(cities)), f"{scope} says {m['n']} cities but lists {len(cities)}", k + 1))
            k += 1
        tables.append((i, rows))
    if not tables:
        return []
    first_line, first = tables[0]
    key = [(r["scope"], r["region"], r["city"], r["relation"]) for r in first]
    for line_i, rows in tables[1:]:
        if [(r["scope"], r["region"], r["city"], r["relation"]) for r in rows] != key:
            findings.append(Finding("partner_repeat", "warning", "partner cities", f"the table at line {first_line + 1}", f"a different table at line {line_i + 1}", "the partner-city table is repeated with different cities; the first is stored", line_i + 1))
    return first


def _metric_pattern(layout: Layout) -> re.Pattern:
    units = "|".join(re.escape(u).replace(r"\ ", r"\s*") for u in layout.metric_units)
    particle = r"(?:을|를|이|가|씩|에|의|과|와|로|으로|이상|이하|까지)"
    return re.compile(
        rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*(?P<unit>{units})(?=$|[^가-힣]|{particle}(?:[^가-힣]|$))"
    )


_CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d)|[/;]")  # a comma between digits is a thousands separator
_GENERIC_KEYS = re.compile(r"^(?:실적|대상|기간/?대상|교육대상|참여|활동실적|용역결과|내용|주요내용|방법|지원대상|사업대상|규모)$")


def _line_parts(line: str) -> tuple[int, str, str, str]:
    """(level, bullet-less text, key before ':', value after ':')."""
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    level = 0 if stripped.startswith(("○", "□")) else 1 + indent
    text = stripped.lstrip("○□-•·ㆍ ").strip()
    key, sep, value = text.partition(":")
    if not sep or re.search(r"\d\s*$", key):
        key, value = "", text
    return level, text, key.strip(), value.strip()


def _clause_label(value: str, start: int, end: int) -> str:
    """The words of the clause around value[start:end], the figure itself removed."""
    # Inside parentheses: the words before the '(' plus the inner clause.
    depth_open = value.rfind("(", 0, start)
    close = value.find(")", end)
    prefix = ""
    if depth_open != -1 and value.find(")", depth_open, start) == -1 and close != -1:
        prefix = value[:depth_open]
        prefix = _CLAUSE_SEP.split(prefix)[-1]
        inner_start, inner_end = depth_open + 1, close
    else:
        inner_start, inner_end = 0, len(value)
    seps = [m.end() for m in _CLAUSE_SEP.finditer(value[inner_start:start])]
    lo = inner_start + (seps[-1] if seps else 0)
    nxt = _CLAUSE_SEP.search(value[end:inner_end])
    hi = end + nxt.start() if nxt else inner_end
    clause = value[lo:start] + " " + value[end:hi]
    clause = re.sub(r"\([^()]*\)", " ", clause)
    label = f"{prefix} {clause}".replace("(", " ").replace(")", " ")
    return re.sub(r"\s+", " ", label).strip(" :·-")


def _parse_metrics(doc: _Doc, programs: list[Program], results_section) -> list[dict]:
    """Participation figures (N명, N회, N개소…) from each program's 주요 추진실적."""
    pattern = _metric_pattern(doc.layout)
    unit_of = {squash(k): v for k, v in doc.layout.metric_units.items()}
    markers = doc.layout.words("markers", "results_heading")
    rows = []
    for program in programs:
        if program.stage != "actual":
            continue
        in_results = False
        parents: list[tuple[int, str]] = []
        for offset, line in enumerate(program.text.split("\n")):
            line_no = program.start_line + offset
            if line.lstrip().startswith("□"):
                in_results = any(squash(line).lstrip("□").startswith(w) for w in markers)
                parents = []
                continue
            if not in_results or not line.strip():
                continue
            level, text, key, value = _line_parts(line)
            while parents and parents[-1][0] >= level:
                parents.pop()
            parent = parents[-1][1] if parents else ""
            for m in pattern.finditer(value):
                unit = unit_of[squash(m["unit"])]
                number = int(m["num"].replace(",", ""))
                clause = _clause_label(value, m.start(), m.end())
                clause = pattern.sub("", clause).strip()
                outer = re.search(r"(\S+)\s*외\s*$", value[: m.start()])
                if outer:  # "여의도성모병원 외 9개 기관" counts 10
                    number += 1
                    clause = re.sub(r"\s*외$", "", clause).strip() + " 등"
                generic = bool(key) and bool(_GENERIC_KEYS.match(squash(key)))
                head = parent or ("" if generic else key)
                if parent and key and (not generic or len(squash(clause)) < 4):
                    clause = f"{key} {clause}".strip()
                label = " — ".join(p for p in (head, clause) if p) or key or text
                before, after = value[: m.start()], value[m.end():]
                kind = metric_kind(m.group(0), before, after, label, key, doc.layout)
                label = keep_qualifier(label, m.group(0), before, after, doc.layout)
                rows.append({"year": program.year, "program_no": program.program_no, "value": number, "unit": unit, "kind": kind, "label": label, "source_line": line_no})
            parents.append((level, key or pattern.sub("", text).strip()))
    return rows
