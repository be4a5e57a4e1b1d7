"""Program lineage: which program continues which, from one year to the next.

Programs are renamed, split or merged between years (2022's 국내·외 도시교류 네트워크 확대
becomes 2023's 국내·외 친선도시 상호교류 내실화). Links are proposed automatically and can be
confirmed or overridden by the analyst in ``data/manual/program_lineage.csv``.

Three kinds of pairs are linked, for each department:

- ``plan``: this year's programs (``actual``) → next year's plan, in the same report;
- ``plan_vs_actual``: next year's plan in report *Y* → that year's programs in report *Y+1*;
- ``next_year``: this year's programs in report *Y* → the programs in report *Y+1*.

*Y* and *Y+1* are the years of the reports' results (``programs.year`` of stage actual), so a
February report on the year before follows the report of two years before it.

Proposal rule (measured on the 2022 report and on generated corpora, see
``docs/assumptions_caveats.md``): same team and names with bigram Dice similarity ≥ 0.34, or any
team and similarity ≥ 0.6, the similarity taken over the names' distinctive words: the stock
words every program name is made of (:data:`STOCK_WORDS`: 활성화, 지원, 강화…) are left out, so
전통시장 활성화 and 골목상권 활성화 share nothing (0.33 with them), and two subjects that share
one letter pair (청년창업 ~ 창업공간, 0.33) are not enough. Also linked, in the same team: a
program named as the unit project (단위사업, ``programs.unit``) of programs on the other side,
whatever their names, where none of those is itself named so (2022's ⑤ 스마트메디컬특구 홍보 활성화 and ⑥ 의료관광 기반조성, of the unit
의료관광 활성화, → 2023's ④ 의료관광 활성화: the plan's text continues ⑤'s 스마트메디컬특구
홍보); and (between a plan and the next year's programs) same team and exactly the same amount.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.interpret.layout import squash
from analysis.interpret.records import Finding
from analysis.interpret.textsim import dice_distinctive

SAME_TEAM_SIMILARITY = 0.34  # over distinctive words: more than one letter pair shared by two four-letter subjects (2/6 = 0.33)
ANY_TEAM_SIMILARITY = 0.6

STOCK_WORDS = frozenset("""
활성화 지원 강화 확대 운영 추진 사업 기반 조성 구축 역량 홍보 내실화 육성 증진 개선 관리
확충 제고 향상 고도화 마련 정비 및 등 위한 통한
""".split())
"""The stock words of program names, which say what is done to a program's subject, not what
it is (``활성화``, ``지원 확대``, ``역량 강화``, ``기반조성``, ``사업 추진``…): left out of the names
before they are compared (:func:`analysis.interpret.textsim.dice_distinctive`), so two programs
of a team that share only such words are not linked (배움터 역량 강화 ~ 인문학강좌·평생학습
역량 강화 had scored 0.32; 청년 일자리 지원 확대 ~ 장애인 복지 지원 확대 0.38). A word that is one
is left out whole; one of two letters or more is also taken off a word's end, again and again
(``기반조성``, ``사업추진``, ``역량강화``, ``취업지원`` → 취업) where two letters stay before it, never
from its start or middle (``지원센터``, ``강화군``). A word that only ends like one stays whole
(``재활용``, ``고등``): which is why 활용, 계획, 체계 are not in the list (``도시계획``). Kept here
as data (not in ``layout.toml``, which is the reading's): add a word when a corpus shows another."""


def similarity(a: str, b: str) -> float:
    """How alike two program names are: bigram Dice over their distinctive words (the names less
    :data:`STOCK_WORDS`), 0.0-1.0."""
    return dice_distinctive(a, b, STOCK_WORDS)


def _named_as_unit(program: dict, other: dict, names_beside: set[str]) -> str | None:
    """The unit project of ``program`` when ``other`` (on the other side) is named as it and no
    program beside ``program`` bears that name (``names_beside``, squashed); else None."""
    unit = program.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        return None
    return unit if squash(unit) == squash(other["program"]) and squash(unit) not in names_beside else None


MANUAL = "분석가 지정"  # origin of a link the analyst made in data/manual/program_lineage.csv
_STAGE_KO = {"actual": "실적", "plan": "계획"}


def _stage_ko(stage: str) -> str:
    """``actual`` → 실적, ``plan`` → 계획 (for the Korean finding messages)."""
    return _STAGE_KO.get(stage, stage)


MANUAL_COLUMNS = ["district", "department", "from_year", "from_stage", "from_program", "to_year", "to_stage", "to_program", "decision", "note"]

# (kind) -> labels for: one-to-one same name, renamed, merged, split, regrouped, only left, only right
RELATIONS = {
    "plan": ("계속", "명칭 변경", "통합", "분리", "재편", "계획 미수록", "신규"),
    "plan_vs_actual": ("같은 사업", "명칭 변경", "통합", "분리", "재편", "계획 후 실적 없음", "계획 외 사업"),
    "next_year": ("계속", "명칭 변경", "통합", "분리", "재편", "다음 해 없음", "신규"),
}


@dataclass(frozen=True)
class Side:
    report_id: str
    stage: str


def _programs_by_side(tables: dict[str, pd.DataFrame]) -> dict[Side, list[dict]]:
    """Every report's programs, grouped once by (report_id, stage): each pair looks its two up."""
    out: dict[Side, list[dict]] = {}
    for row in tables["programs"].to_dict("records"):
        out.setdefault(Side(row["report_id"], row["stage"]), []).append(row)
    return out


def _proposed(left: list[dict], right: list[dict], match_amounts: bool) -> dict[tuple[int, int], tuple[float, str]]:
    edges = {}
    # A program named as a unit project stands for the unit's programs on the other side only
    # where none of them bears that name itself (then it continues that one).
    named_l, named_r = {squash(p["program"]) for p in left}, {squash(p["program"]) for p in right}
    for a in left:
        for b in right:
            s = similarity(a["program"], b["program"])
            same_team = bool(a["team"]) and a["team"] == b["team"]
            if same_team and s >= SAME_TEAM_SIMILARITY:
                why = f"자동: 같은 팀, 사업명 유사 ({s:.2f})"
            elif s >= ANY_TEAM_SIMILARITY:
                why = f"자동: 사업명 유사 ({s:.2f})"
            elif same_team and (unit := _named_as_unit(a, b, named_l) or _named_as_unit(b, a, named_r)):
                why = f"자동: 같은 팀, 단위사업명과 같은 사업명 ({unit})"
            elif match_amounts and same_team and pd.notna(a["budget"]) and a["budget"] == b["budget"] and a["budget"] > 0:
                why = f"자동: 같은 팀, 같은 금액 ({int(a['budget']):,}천원)"
            else:
                continue
            edges[(a["program_no"], b["program_no"])] = (round(s, 2), why)
    return edges


def _components(left: list[dict], right: list[dict], edges) -> list[tuple[set, set]]:
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(("l", a))] = find(("r", b))
    groups: dict = {}
    for a in left:
        groups.setdefault(find(("l", a["program_no"])), (set(), set()))[0].add(a["program_no"])
    for b in right:
        groups.setdefault(find(("r", b["program_no"])), (set(), set()))[1].add(b["program_no"])
    return sorted(groups.values(), key=lambda g: (min(g[0]) if g[0] else 1000 + min(g[1])))


def _relation(kind: str, ls: set, rs: set, left_names: dict, right_names: dict) -> str:
    same, renamed, merged, split, regrouped, only_left, only_right = RELATIONS[kind]
    if not rs:
        return only_left
    if not ls:
        return only_right
    if len(ls) == 1 and len(rs) == 1:
        return same if squash(left_names[next(iter(ls))]) == squash(right_names[next(iter(rs))]) else renamed
    if len(rs) == 1:
        return merged
    if len(ls) == 1:
        return split
    return regrouped


def link_pair(programs: dict[Side, list[dict]], kind: str, left: Side, right: Side, manual: list[dict], findings: list) -> list[dict]:
    """Lineage rows for one pair of program lists (see the module docstring)."""
    lp, rp = programs.get(left, []), programs.get(right, [])
    if not lp and not rp:
        return []
    edges = _proposed(lp, rp, match_amounts=(kind == "plan_vs_actual"))
    by_name_l = {squash(p["program"]): p["program_no"] for p in lp}
    by_name_r = {squash(p["program"]): p["program_no"] for p in rp}
    names_l = {p["program_no"]: p["program"] for p in lp}
    names_r = {p["program_no"]: p["program"] for p in rp}
    lyear = lp[0]["year"] if lp else None
    ryear = rp[0]["year"] if rp else None
    sources: dict[tuple[int, int], int] = {}
    for m in manual:
        if (int(m["from_year"]), m["from_stage"], int(m["to_year"]), m["to_stage"]) != (lyear, left.stage, ryear, right.stage):
            continue
        m["_seen"] = True
        a, b = by_name_l.get(squash(m["from_program"])), by_name_r.get(squash(m["to_program"]))
        if a is None or b is None:
            missing = m["from_program"] if a is None else m["to_program"]
            findings.append((left.report_id, Finding(
                "lineage_manual", "warning", f"lineage {m['from_program']} → {m['to_program']}", "그 이름의 사업", "없음",
                f"{m['_file']}:{m['_line']}: {m['from_year'] if a is None else m['to_year']}년 "
                f"{_stage_ko(m['from_stage'] if a is None else m['to_stage'])}에 '{missing}' 사업이 없어 이 행은 적용하지 않았습니다", None,
            )))
            continue
        if m["decision"] == "unlink":
            edges.pop((a, b), None)
        else:
            edges[(a, b)] = (round(similarity(names_l[a], names_r[b]), 2), MANUAL)
        sources[(a, b)] = m["_line"]
    rows = []
    for group, (ls, rs) in enumerate(_components(lp, rp, edges), 1):
        relation = _relation(kind, ls, rs, names_l, names_r)
        pairs = [(a, b) for a in sorted(ls) for b in sorted(rs) if (a, b) in edges] or [(a, None) for a in sorted(ls)] + [(None, b) for b in sorted(rs)]
        for a, b in pairs:
            sim, why = edges.get((a, b), (None, None))
            team = next((p["team"] for p in lp if p["program_no"] == a), None) or next((p["team"] for p in rp if p["program_no"] == b), "")
            rows.append({
                "kind": kind, "group": group, "relation": relation,
                "report_id": left.report_id, "from_stage": left.stage, "from_year": lyear, "from_program_no": a,
                "from_program": names_l.get(a), "to_report_id": right.report_id, "to_stage": right.stage, "to_year": ryear,
                "to_program_no": b, "to_program": names_r.get(b), "team": team, "similarity": sim,
                "origin": why, "source_line": sources.get((a, b)),
            })
    return rows


def read_manual(path: Path | None) -> list[dict]:
    """The analyst's lineage decisions (``link`` or ``unlink``), each with its file and line.

    Raises
    ------
    analysis.ReportError
        For a row with a missing column or a decision other than link/unlink.
    """
    from analysis.errors import ReportError, quoted
    from analysis.read.text import decode

    if path is None or not Path(path).exists():
        return []
    name = Path(path).name
    if not Path(path).is_file():
        raise ReportError(name, 1, "a CSV file of lineage decisions", "a folder, not a file")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReportError(name, 1, "a readable CSV file", exc.strerror or str(exc)) from None
    text = decode(data, name)[0] if data.strip() else ""  # UTF-8 (with or without BOM), UTF-16, CP949: as a spreadsheet saves it
    rows = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in MANUAL_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReportError(name, 1, f"the columns {', '.join(MANUAL_COLUMNS)}", f"no {', '.join(missing)}")
    decided: dict[tuple, tuple[str, int]] = {}
    end = 1  # the physical line the last row ended on (a quoted field may hold line breaks)
    for row in reader:
        line, end = end + 1, reader.line_num
        if None in row:  # more fields than columns
            raise ReportError(name, line, f"{len(reader.fieldnames)} fields ({', '.join(reader.fieldnames)})", f"{len(reader.fieldnames) + len(row[None])}")
        if not any((v or "").strip() for v in row.values()):
            continue
        if any(row[c] is None for c in MANUAL_COLUMNS if c != "note"):  # (a row may stop before its note)
            raise ReportError(name, line, f"{len(reader.fieldnames)} fields ({', '.join(reader.fieldnames)})", f"{sum(v is not None for v in row.values())}")
        if row["decision"].strip() not in ("link", "unlink"):
            raise ReportError(name, line, "decision 'link' or 'unlink'", quoted(row["decision"] or ""))
        if not (row["from_year"] or "").strip().isdigit() or not (row["to_year"] or "").strip().isdigit():
            raise ReportError(name, line, "years like 2022 in from_year and to_year", quoted(f"{row['from_year']}, {row['to_year']}"))
        clean = {k: (v or "").strip() for k, v in row.items()}
        pair = tuple(clean[c] for c in MANUAL_COLUMNS if c not in ("decision", "note"))
        if pair in decided and decided[pair][0] != clean["decision"]:
            raise ReportError(name, line, f"one decision for this pair ('{decided[pair][0]}' at line {decided[pair][1]})", quoted(clean["decision"]))
        decided[pair] = (clean["decision"], line)
        rows.append({**clean, "_file": name, "_line": line})
    return rows


def _results_year(programs: dict[Side, list[dict]], report: dict) -> int:
    """The year of a report's results (its ``actual`` programs' year, which the interpreter
    takes from part II's title), else the report's year."""
    actual = programs.get(Side(report["report_id"], "actual"))
    return int(actual[0]["year"]) if actual and pd.notna(actual[0]["year"]) else int(report["year"])


def build_lineage(tables: dict[str, pd.DataFrame], manual: list[dict]) -> tuple[list[dict], list[tuple[str, Finding]]]:
    """Every lineage row for the reports in ``tables``: within each report (``plan``), and between
    consecutive years of the same district and department (``plan_vs_actual``, ``next_year``).

    Returns
    -------
    tuple
        The ``program_lineage`` rows, and (report_id, Finding) pairs for manual rows that could
        not be applied.
    """
    findings: list[tuple[str, Finding]] = []
    rows: list[dict] = []
    programs = _programs_by_side(tables)
    reports = tables["reports"].sort_values(["district", "department", "year"]).to_dict("records")
    for r in reports:
        dept = [m for m in manual if (m["district"], m["department"]) == (r["district"], r["department"])]
        rows += link_pair(programs, "plan", Side(r["report_id"], "actual"), Side(r["report_id"], "plan"), dept, findings)
    for prev, nxt in zip(reports, reports[1:]):
        # Consecutive years of results, not of reports: a February report (「2024년 주요업무
        # 보고」 on 2023's results) follows the 2022 report, whose 2023 plan its results answer.
        if (prev["district"], prev["department"]) != (nxt["district"], nxt["department"]) or _results_year(programs, nxt) != _results_year(programs, prev) + 1:
            continue
        dept = [m for m in manual if (m["district"], m["department"]) == (prev["district"], prev["department"])]
        rows += link_pair(programs, "plan_vs_actual", Side(prev["report_id"], "plan"), Side(nxt["report_id"], "actual"), dept, findings)
        rows += link_pair(programs, "next_year", Side(prev["report_id"], "actual"), Side(nxt["report_id"], "actual"), dept, findings)
    first = reports[0]["report_id"] if reports else None
    for m in manual:
        if not m.get("_seen") and first is not None:
            findings.append((first, Finding(
                "lineage_manual", "warning", f"lineage {m['from_program']} → {m['to_program']}", "두 해의 보고서", "없음",
                f"{m['_file']}:{m['_line']}: {m['district']} {m['department']}의 {m['from_year']}년 {_stage_ko(m['from_stage'])} → "
                f"{m['to_year']}년 {_stage_ko(m['to_stage'])}에 해당하는 보고서가 없어 이 행은 적용하지 않았습니다", None,
            )))
    return rows, findings
