"""The report's own arithmetic, checked. Each check returns findings; none fixes a number.

Checks: the 계 row against its lines (without one, a row that sums the rows next to it); every
printed rate against executed ÷ budget at the printed precision; funding sources against their
program's or unit project's amounts (and a 계 row's sources against its units'); amounts in parts of a 천원; staffing totals and 과부족 = 현원 − 정원; the
declared team count; and links from programs to the unit project whose budget their budgets
add up to exactly.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from analysis.interpret.layout import header_key, load_layout, squash
from analysis.interpret.records import Finding, ParsedReport, Program
from analysis.interpret.numbers import decimals_of, format_number, particle, rate_of, truncated_rate_of
from analysis.interpret.numbers import printed_step as step_of

# Above this many programs, subsets are searched only up to _MAX_SUBSET programs.
_FULL_SEARCH = 16
_MAX_SUBSET = 4


def run_checks(report: ParsedReport, *, require_total: bool = True) -> list[Finding]:
    """All checks on one parsed report; links programs to unit projects (sets ``Program.unit``).

    Parameters
    ----------
    report : ParsedReport
        The parser's output.
    require_total : bool, default True
        Whether a missing 계 row of the budget table is worth an ``info`` finding; False for
        tables that never have one (a typed workbook, :mod:`analysis.excel`).

    Returns
    -------
    list[Finding]
        Findings in a stable order: budget, rates, funding, staffing, organisation, links.
    """
    return [
        *check_budget_total(report, require_total=require_total),
        *check_rates(report),
        *check_funding(report),
        *check_unit_funding(report),
        *check_budget_items(report),
        *check_amount_decimals(report),
        *check_staffing(report),
        *check_team_count(report),
        *link_programs(report),
    ]


def check_budget_total(report: ParsedReport, require_total: bool = True) -> list[Finding]:
    """Each budget table's 계 row (one per account: 일반회계, a 특별회계, a 기금) against its lines."""
    accounts = list(dict.fromkeys(u.account for u in report.budget_units))
    totals = report.budget_totals or ({accounts[0]: report.budget_total} if report.budget_total and accounts else {})
    # A 계 over several accounts (a table with a 회계 column) is the total of each of them: checked
    # against their lines together, and no account of it is said to have no 계 row.
    over = {key: total for key, total in totals.items() if isinstance(key, tuple)}
    summed = {account for key in over for account in key}
    out = []
    for key in [*over, *(a for a in accounts if a not in summed)]:
        units = _units_under(report, key)
        found = _check_total(units, totals.get(key), require_total, "·".join(key) + " " if isinstance(key, tuple) else "")
        step = printed_step(report, [*units, totals.get(key)])
        if step > 1:  # amounts printed in 백만원/억원 with few decimals: each line rounded by up to half a step
            found = [_within_rounding(f, len(units) * step / 2, report.meta.get("money_unit")) for f in found]
        out += found
    return out


def printed_step(report: ParsedReport, rows, unit: str | None = None) -> Decimal:
    """The step (in 천원) a table's amounts were printed to (:func:`analysis.interpret.numbers.printed_step`)
    in its money unit (``unit``, else the report's): 0.01 억원 is 1,000천원; 1 for 천원 or 원."""
    factor = load_layout().money_units.get(unit or report.meta.get("money_unit") or "천원", Decimal(1))
    return step_of((v for r in rows if r is not None for v in (r.budget, r.executed)), factor)


def _within_rounding(f: Finding, slack: Decimal, unit: str | None) -> Finding:
    """A 계 (or a funding split's) error no larger than the rounding of the lines it sums is
    information, not an error."""
    if f.check not in ("budget_total", "funding_sum") or f.severity != "error":
        return f
    try:
        gap = abs(Decimal(f.actual.replace(",", "")) - Decimal(f.expected.replace(",", "")))
    except ArithmeticError:
        return f
    if gap > slack:
        return f
    return Finding(f.check, "info", f.subject, f.expected, f.actual,
                   f"{f.message}: {unit} 단위로 반올림해 인쇄된 금액의 합이라 차이 {format_number(gap)}{particle(gap, '은', '는')} 반올림 범위(±{format_number(slack)}) 안입니다", f.source_line, f.source_loc)


def _units_under(report: ParsedReport, key) -> list:
    """The unit projects a 계 of ``budget_totals`` stands over: its account's, or (a 계 over
    several accounts, keyed by them all) theirs."""
    return [u for u in report.budget_units if (u.account in key if isinstance(key, tuple) else u.account == key)]


def _check_total(units, total, require_total: bool, accounts: str = "") -> list[Finding]:
    if total is None:
        for u in units:  # a 계 row whose label is misprinted is read as one more unit project
            others = [v for v in units if v is not u]
            if len(others) > 1 and u.budget == sum((v.budget for v in others), Decimal(0)) and u.executed == sum((v.executed for v in others), Decimal(0)):
                return [Finding(
                    "budget_total", "error", f"budget_units {u.unit}", "계 행", u.unit,
                    f"'{u.unit}'의 금액({format_number(u.budget)})이 나머지 단위사업의 합계와 같습니다: 이름이 잘못 인쇄된 계 행일 수 있습니다. 단위사업으로 읽혀 합계가 두 번 더해집니다",
                    (u.loc or u.source_line),
                )]
        subtotal = _subtotal_row(units)
        if subtotal is not None:
            u, run = subtotal
            return [Finding(
                "budget_subtotal", "error", f"budget_units {u.unit}", "계 행, 또는 단위사업 행만", u.unit,
                f"'{u.unit}'의 금액({format_number(u.budget)})이 바로 붙은 {len(run)}개 단위사업({', '.join(v.unit for v in run)})의 합계와 같습니다: "
                "소계 행일 수 있습니다. 단위사업으로 읽혀 그 금액이 두 번 더해집니다",
                (u.loc or u.source_line),
            )]
        if not require_total:
            return []
        return [Finding("budget_total", "info", "budget_units 계", "계 행", "없음", "예산현황 표에 검증할 계 행이 없습니다", None)]
    out = []
    for col, label in (("budget", "예산액"), ("executed", "집행액")):
        lines = sum((getattr(u, col) for u in units), Decimal(0))
        printed = getattr(total, col)
        if lines != printed:
            out.append(Finding(
                "budget_total", "error", f"budget_units 계 {label}", format_number(lines), format_number(printed),
                f"계 {label} {format_number(printed)} ≠ {accounts}단위사업 합계 {format_number(lines)} (차이 {format_number(printed - lines)})",
                (total.loc or total.source_line),
            ))
    return out


def _subtotal_row(units) -> tuple | None:
    """A row whose budget and executed amounts both equal the sum of two or more rows right
    after it or right before it (정책사업 over its projects): a subtotal read as a unit project.
    (row, the rows it sums) or None."""
    for k, u in enumerate(units):
        if not u.budget:  # 0 is the sum of any rows of zeros
            continue
        runs = [units[k + 1 : m] for m in range(k + 3, len(units) + 1)] + [units[j:k] for j in range(k - 1)]
        for run in runs:
            if u.budget == sum((v.budget for v in run), Decimal(0)) and u.executed == sum((v.executed for v in run), Decimal(0)):
                return u, run
    return None


def _rate_finding(subject: str, budget, executed, rate, line, name: str | None = None, step: Decimal = Decimal(1)) -> list[Finding]:
    """The printed rate against executed ÷ budget. Amounts printed to a coarse ``step`` (0.01 억원:
    1,000천원) are each off by up to half a step: a rate the true amounts could give is no error."""
    name = name or subject
    if rate is None or budget is None or executed is None:
        return []
    if budget == 0:
        if executed != 0 or rate != 0:
            return [Finding("rate", "error", subject, "예산 0에는 집행률 없음", str(rate), f"{name}: 예산이 0인데 집행률 {rate}{particle(rate, '이', '가')} 인쇄되어 있습니다", line)]
        return []
    places = decimals_of(rate)
    expected = rate_of(executed, budget, places)
    if expected == rate:
        return []
    if step > 1 and budget > step:
        half, last = step / 2, Decimal(1).scaleb(-places) / 2
        low, high = (executed - half) * 100 / (budget + half), (executed + half) * 100 / (budget - half)
        if low - last <= rate <= high + last:
            return [Finding("rate", "info", subject, str(expected), str(rate),
                            f"{name}: 집행률 {rate}%는 반올림해 인쇄된 금액으로 계산한 {expected}%와 다르지만 그 반올림 범위({low:.1f}~{high:.1f}%) 안입니다", line)]
    if truncated_rate_of(executed, budget, places) == rate:
        return [Finding("rate", "warning", subject, str(expected), str(rate), f"{name}: 집행률 {rate}%는 집행액 ÷ 예산액을 버림한 값입니다 (반올림하면 {expected}%)", line)]
    return [Finding("rate", "error", subject, str(expected), str(rate), f"{name}: 인쇄된 집행률 {rate}% ≠ 집행액 ÷ 예산액 = {format_number(executed)} ÷ {format_number(budget)} = {expected}%", line)]


def check_rates(report: ParsedReport) -> list[Finding]:
    out = []
    totals = list(report.budget_totals.values()) or ([report.budget_total] if report.budget_total else [])
    step = printed_step(report, list(report.budget_units) + totals)
    for u in list(report.budget_units) + totals:
        out += _rate_finding(f"budget_units {u.unit}", u.budget, u.executed, u.rate, u.loc or u.source_line, f"단위사업 {u.unit}", step)
    for p in report.programs:
        step = printed_step(report, [p, *p.budget_rows], p.money_unit)  # a program's own table, in its own unit
        final = next((r for r in p.budget_rows if r.final), None)
        out += _rate_finding(_subject(p), p.budget, p.executed, p.rate, (final.rate_loc if final else None) or p.loc or p.source_line, _named(p), step)
        for row in p.budget_rows:  # the rows before the final one (본예산 before 추경) are checked too
            if not row.final:
                out += _rate_finding(f"{_subject(p)} {row.label}".strip(), row.budget, row.executed, row.rate, row.rate_loc or row.loc or p.source_line, f"{_named(p)} {row.label}".strip(), step)
    return out


def check_funding(report: ParsedReport) -> list[Finding]:
    out = []
    plans = [p for p in report.programs if p.stage == "plan" and p.budget is not None]
    if any(p.funding for p in plans):
        for p in plans:  # '□ 소요예산: 총 18' at the end of a cut file reads as 18
            if not p.funding and not p.funding_shares and not (p.loc is not None and p.loc.table is not None):  # (a 소요예산 table that prints no sources is whole; shares are said by funding_shares)
                out.append(Finding(
                    "funding_sum", "error", f"{_subject(p)} 소요예산", "(구비 63,553) 같은 재원 구분", "없음",
                    f"{_named(p)}: 소요예산 {format_number(p.budget)}에 다른 계획과 달리 재원 구분이 없습니다 (잘린 줄일 수 있습니다)",
                    (p.loc or p.source_line),
                ))
    for p in report.programs:
        if not p.funding:
            continue
        step = printed_step(report, [p, *p.budget_rows, *p.funding], p.money_unit)
        for col, label in (("budget", "예산액"), ("executed", "집행액")):
            parts = [getattr(f, col) for f in p.funding if getattr(f, col) is not None]
            total = getattr(p, col)
            if not parts or total is None:
                continue
            if sum(parts, Decimal(0)) != total:
                split = ", ".join(f"{f.source} {format_number(getattr(f, col))}" for f in p.funding if getattr(f, col) is not None)
                found = Finding(
                    "funding_sum", "error", f"{_subject(p)} {label}", format_number(total), format_number(sum(parts, Decimal(0))),
                    f"{_named(p)}: 재원({split})의 합 {format_number(sum(parts, Decimal(0)))} ≠ {label} {format_number(total)}",
                    (p.loc or p.source_line),
                )  # parts and total each rounded by up to half a step when printed in 백만원/억원
                out.append(_within_rounding(found, (len(parts) + 1) * step / 2, p.money_unit or report.meta.get("money_unit")) if step > 1 else found)
    return out


def check_budget_items(report: ParsedReport) -> list[Finding]:
    """A program's 예산현황 or 소요예산 of a 계 row over rows of items ('구 분 | 산출내역 | 금 액':
    강사료, 홍보물 제작 …, rows that are no funding source, budget stage nor year): the items
    against the 계, a ``budget_total`` error naming the 계 row where they do not add up."""
    from analysis.interpret.report import _budget_row_role

    layout, out = load_layout(), []
    for p in report.programs:
        final = next((r for r in p.budget_rows if r.final), None)
        if final is None or _budget_row_role(layout, final.label, p.year) != "total":
            continue
        others = [r for r in p.budget_rows if r is not final]
        if not others or any(_budget_row_role(layout, r.label, p.year) is not None for r in others):
            continue
        # (a group's 소계 among them, '운영비 소계' over or under its items: no item of its own)
        others = [r for r in others if not header_key(r.label).endswith(tuple(layout.words("markers", "subtotal_labels")))] or others
        step = printed_step(report, p.budget_rows, p.money_unit)
        for col, label in (("budget", "예산액" if p.stage == "actual" else "소요예산"), ("executed", "집행액")):
            items = [getattr(r, col) for r in others]
            total = getattr(final, col)
            if total is None or any(v is None for v in items) or sum(items, Decimal(0)) == total:
                continue
            found = Finding(
                "budget_total", "error", f"{_subject(p)} {final.label} {label}", format_number(sum(items, Decimal(0))), format_number(total),
                f"{_named(p)}: {final.label} {label} {format_number(total)} ≠ 항목({', '.join(r.label for r in others)}) 합계 {format_number(sum(items, Decimal(0)))} (차이 {format_number(total - sum(items, Decimal(0)))})",
                (final.loc or p.source_line),
            )
            out.append(_within_rounding(found, len(items) * step / 2, p.money_unit or report.meta.get("money_unit")) if step > 1 else found)
    return out


def check_unit_funding(report: ParsedReport) -> list[Finding]:
    """The funding columns of the unit projects' budget table (국비 | 시비 | 구비 beside or under
    예산액): each row's sources against its 예산액 (and 집행액), a ``funding_sum`` error naming
    the row; each source of the 계 row against that source of its unit projects, a
    ``budget_total`` error naming the 계 row. In 백만원/억원 a difference within the rounding of
    the printed amounts is information."""
    out = []
    unit_word = report.meta.get("money_unit")
    totals = report.budget_totals or {}
    for u in [*report.budget_units, *totals.values()]:
        if not u.funding:
            continue
        step = printed_step(report, [u, *u.funding])
        for col, label in (("budget", "예산액"), ("executed", "집행액")):
            parts = [getattr(f, col) for f in u.funding if getattr(f, col) is not None]
            total = getattr(u, col)
            if not parts or total is None or sum(parts, Decimal(0)) == total:
                continue
            split = ", ".join(f"{f.source} {format_number(getattr(f, col))}" for f in u.funding if getattr(f, col) is not None)
            found = Finding(
                "funding_sum", "error", f"budget_units {u.unit} {label}", format_number(total), format_number(sum(parts, Decimal(0))),
                f"단위사업 {u.unit}: 재원({split})의 합 {format_number(sum(parts, Decimal(0)))} ≠ {label} {format_number(total)}",
                (u.loc or u.source_line),
            )
            out.append(_within_rounding(found, (len(parts) + 1) * step / 2, unit_word) if step > 1 else found)
    for account, total in totals.items():  # (a 계 over several accounts is keyed by them all: check_budget_total)
        units = _units_under(report, account)
        if not total.funding or not units or not all(u.funding for u in units):
            continue
        step = printed_step(report, [*units, total, *total.funding, *(f for u in units for f in u.funding)])
        for f in total.funding:
            for col, label in (("budget", "예산액"), ("executed", "집행액")):
                printed = getattr(f, col)
                if printed is None:
                    continue
                lines = sum((getattr(g, col) or 0 for u in units for g in u.funding if g.source == f.source), Decimal(0))
                if lines == printed:
                    continue
                found = Finding(
                    "budget_total", "error", f"budget_units {total.unit} {f.source} {label}", format_number(lines), format_number(printed),
                    f"{total.unit} {f.source} {label} {format_number(printed)} ≠ 단위사업 {f.source} 합계 {format_number(lines)} (차이 {format_number(printed - lines)})",
                    (f.loc or total.loc or total.source_line),
                )
                out.append(_within_rounding(found, len(units) * step / 2, unit_word) if step > 1 else found)
    return out


def check_amount_decimals(report: ParsedReport) -> list[Finding]:
    """An amount with a part of a 천원 (109.588천원): money is whole 천원 in these reports, and a
    full stop used as the thousands separator (109.588 for 109,588) reads 1,000 times too small
    with every rate still right. One warning per row that has one, with the amounts."""
    out = []
    units = load_layout().money_units
    of_won: list[Decimal] = []  # amounts printed in 원: a part of a 천원 is what was printed, no misreading

    def frac(unit, *values) -> list[Decimal]:
        odd = [v for v in values if v is not None and v != v.to_integral_value()]
        if odd and units.get(unit or report.meta.get("money_unit") or "천원", Decimal(1)) < 1:
            of_won.extend(odd)
            return []
        return odd

    for u in report.budget_units:
        odd = frac(None, u.budget, u.executed, *(x for f in u.funding for x in (f.budget, f.executed)))
        if odd:
            out.append(_decimals_finding(f"budget_units {u.unit}", f"단위사업 {u.unit}", odd, u.loc or u.source_line))
    for p in report.programs:
        odd = frac(p.money_unit, p.budget, p.executed, *(x for r in p.budget_rows for x in (r.budget, r.executed)), *(x for f in p.funding for x in (f.budget, f.executed)))
        if odd:
            out.append(_decimals_finding(_subject(p), _named(p), odd, p.loc or p.source_line))
    if of_won:  # (they had each been a warning that a full stop may have been the thousands separator: there was none)
        of_won = list(dict.fromkeys(of_won))  # (a program's figure is also its row's)
        first = of_won[0]
        out.append(Finding(
            "amount_decimals", "info", "amounts in 원", "천원 단위의 정수 금액", f"{len(of_won)}개",
            f"원 단위로 적힌 금액 {len(of_won)}개는 천원으로 바꾸면 1천원 미만이 남아 소수로 저장했습니다 "
            f"(예: {format_number(first)}천원 = {format_number((first * 1000).quantize(Decimal(1)))}원)", None,
        ))
    return out


def _decimals_finding(subject: str, name: str, values: list[Decimal], where) -> Finding:
    shown = ", ".join(dict.fromkeys(format_number(v) for v in values))
    return Finding(
        "amount_decimals", "warning", subject, "천원 단위의 정수 금액", shown,
        f"{name}: 금액 {shown}(천원)에 1천원 미만의 소수가 있습니다. 마침표가 천 단위 구분이라면(109.588 → 109,588) 1,000배 작게 읽혔습니다",
        where,
    )


def check_staffing(report: ParsedReport) -> list[Finding]:
    out = []
    if not report.staffing:
        return [Finding("staffing", "info", "staffing", "인력 표", "없음", "보고서에 인력 표가 없습니다", None)]
    labels = {"authorized": "정원", "current": "현원", "gap": "과부족"}
    for row, (printed, line) in report.staffing_totals.items():
        values = [getattr(c, row) for c in report.staffing]
        if any(v is None for v in values):
            continue
        total = sum(values, Decimal(0))
        if total != printed:
            out.append(Finding("staffing_total", "error", f"staffing {labels[row]} 계", format_number(total), format_number(printed), f"{labels[row]} 계 {format_number(printed)} ≠ 직급별 합계 {format_number(total)}", line))
    for c in report.staffing:
        if c.gap is not None and c.current - c.authorized != c.gap:
            out.append(Finding(
                "staffing_gap", "error", f"staffing {c.category} {c.grade}", format_number(c.current - c.authorized), format_number(c.gap),
                f"{c.category} {c.grade}: 과부족 {format_number(c.gap)} ≠ 현원 {format_number(c.current)} − 정원 {format_number(c.authorized)}",
                (c.loc or c.source_line),
            ))
    totals = report.staffing_totals
    if {"authorized", "current", "gap"} <= totals.keys():
        diff = totals["current"][0] - totals["authorized"][0]
        if diff != totals["gap"][0]:
            out.append(Finding("staffing_gap", "error", "staffing 계", format_number(diff), format_number(totals["gap"][0]), f"과부족 계 {format_number(totals['gap'][0])} ≠ 현원 계 − 정원 계 = {format_number(diff)}", totals["gap"][1]))
    return out


def check_team_count(report: ParsedReport) -> list[Finding]:
    if report.declared_team_count is None:
        return []
    declared, line = report.declared_team_count
    teams = list(dict.fromkeys(t["team"] for t in report.teams))
    if declared != len(teams):
        return [Finding("team_count", "error", "teams", str(declared), str(len(teams)), f"조직표는 ({declared})개팀이라고 적었으나 나열된 팀은 {len(teams)}개입니다: {', '.join(teams)}", line)]
    return []


def link_programs(report: ParsedReport) -> list[Finding]:
    """Link this year's programs to the unit project whose budget their budgets add up to.

    A unit project is linked when exactly one set of still-unlinked programs adds up to its
    budget (ties are broken by the executed amounts); the link is written to ``Program.unit``
    and recorded as an ``info`` finding, with a ``warning`` where the executed amounts differ.
    """
    out = []
    # (a program with no budget, '-' or 0, is no evidence: it would fit in every subset and make
    # each unit's link ambiguous, and a unit with none would be linked to it by the zero alone)
    free = [p for p in report.programs if p.stage == "actual" and p.budget]
    # Every subset's budget once (a subset is a bit mask over ``free``); a unit then looks up its
    # amount (programs linked to an earlier unit are left out of the later ones).
    by_sum = _subset_sums([p.budget for p in free])
    linked = 0
    overhead = load_layout().words("markers", "overhead_units")
    unit_step = printed_step(report, report.budget_units)  # (the unit table's, in the report's money unit)
    for unit in report.budget_units:
        if any(w in squash(unit.unit) for w in overhead):
            out.append(Finding("unit_link", "info", f"budget_units {unit.unit}", "주요사업의 단위사업", "행정운영경비",
                               f"{unit.unit}{particle(unit.unit, '은', '는')} 행정운영경비여서 주요사업과 금액으로 연결하지 않습니다", (unit.loc or unit.source_line)))
            continue
        if not unit.budget:
            out.append(Finding("unit_link", "info", f"budget_units {unit.unit}", "주요사업의 단위사업", "예산 없음",
                               f"{unit.unit}: 예산이 없어(0) 주요사업과 금액으로 연결하지 않습니다", (unit.loc or unit.source_line)))
            continue
        matches = [m for m in by_sum.get(unit.budget, ()) if not m & linked]
        if len(matches) > 1:
            exact = [m for m in matches if sum((free[i].executed or 0 for i in _bits(m)), Decimal(0)) == unit.executed]
            matches = exact if len(exact) == 1 else matches
        if not matches:
            out.append(Finding("unit_link", "info", f"budget_units {unit.unit}", "예산 합계가 같은 주요사업", "없음", f"예산 합계가 {unit.unit}의 예산 {format_number(unit.budget)}{particle(unit.budget, '과', '와')} 같은 주요사업 묶음이 없습니다", (unit.loc or unit.source_line)))
            continue
        if len(matches) > 1:
            out.append(Finding("unit_link", "warning", f"budget_units {unit.unit}", "주요사업 묶음 하나", f"{len(matches)}가지", f"{unit.unit}의 예산과 합계가 같은 주요사업 묶음이 {len(matches)}가지여서 연결하지 않았습니다", (unit.loc or unit.source_line)))
            continue
        chosen = [free[i] for i in _bits(matches[0])]
        linked |= matches[0]
        names = " + ".join(f"{p.program_no} {p.program}" for p in chosen)
        for p in chosen:
            p.unit = unit.unit
        out.append(Finding("unit_link", "info", f"budget_units {unit.unit}", format_number(unit.budget), format_number(unit.budget), f"연결: {unit.unit} = {names}", (unit.loc or unit.source_line)))
        executed = sum((p.executed or Decimal(0) for p in chosen), Decimal(0))
        # The unit table printed in 백만원 with decimals over programs printed to the 천원: the unit's figure is
        # their sum rounded, off by up to half its step. (Programs printed coarsely too: no such allowance, as a
        # whole number of 백만원 may be exact, and a real difference would be hidden.)
        slack = unit_step / 2 if all(printed_step(report, [p, *p.budget_rows], p.money_unit) == 1 for p in chosen) else Decimal(0)
        if executed != unit.executed and unit_step > 1 and abs(unit.executed - executed) <= slack:
            out.append(Finding(  # the unit table printed in 백만원/억원: each amount rounded by up to half a step
                "unit_link_executed", "info", f"budget_units {unit.unit}", format_number(unit.executed), format_number(executed),
                f"{unit.unit}: 연결된 사업의 집행액 합계 {format_number(executed)}{particle(executed, '과', '와')} 단위사업 집행액 {format_number(unit.executed)}의 차이 "
                f"{format_number(unit.executed - executed)}{particle(unit.executed - executed, '은', '는')} {report.meta.get('money_unit')} 단위로 반올림해 인쇄된 금액의 반올림 범위(±{format_number(slack)}) 안입니다",
                (unit.loc or unit.source_line),
            ))
        elif executed != unit.executed:
            out.append(Finding(
                "unit_link_executed", "warning", f"budget_units {unit.unit}", format_number(unit.executed), format_number(executed),
                f"{unit.unit}: 연결된 사업의 예산 합계는 같지만 집행액 합계 {format_number(executed)}{particle(executed, '이', '가')} 단위사업 집행액 {format_number(unit.executed)}{particle(unit.executed, '과', '와')} {format_number(unit.executed - executed)} 다릅니다",
                (unit.loc or unit.source_line),
            ))
        out += _linked_funding(report, unit, chosen, unit_step)
    for p in report.programs:
        if p.stage == "actual" and p.budget is not None and not p.budget:
            out.append(Finding("unit_link", "info", _subject(p), "단위사업", "없음", f"{_named(p)}: 예산이 없어(0) 금액으로 단위사업과 연결하지 않습니다", (p.loc or p.source_line)))
    for i, p in enumerate(free):
        if not linked >> i & 1:
            out.append(Finding("unit_link", "info", _subject(p), "단위사업", "없음", f"{_named(p)} (예산 {format_number(p.budget)})은 어느 단위사업과도 연결되지 않았습니다", (p.loc or p.source_line)))
    return out


def _funding_split(funding, total: Decimal | None) -> dict[str, Decimal] | None:
    """{source: budget} of a funding split that adds up to ``total`` (sources printed '-' or 0
    left out); None for a split that does not (a part printed, the rest not)."""
    split: dict[str, Decimal] = {}
    for f in funding:
        if f.budget:
            split[f.source] = split.get(f.source, Decimal(0)) + f.budget
    return split if split and total is not None and sum(split.values(), Decimal(0)) == total else None


def _linked_funding(report: ParsedReport, unit, chosen: list, unit_step: Decimal) -> list[Finding]:
    """A unit project linked by its budget to programs that print their own funding split: the
    unit's 국비/시비/구비 against the programs' summed by source. Both splits whole and apart (two
    source columns swapped in one of the tables, a digit moved between sources) is a
    ``unit_link_funding`` warning; apart by no more than the rounding of 백만원/억원, nothing."""
    ours = _funding_split(unit.funding, unit.budget)
    if ours is None or not all(p.funding for p in chosen):
        return []
    theirs: dict[str, Decimal] = {}
    for p in chosen:
        split = _funding_split(p.funding, p.budget)
        if split is None:
            return []
        for source, amount in split.items():
            theirs[source] = theirs.get(source, Decimal(0)) + amount
    slack = unit_step / 2 * len(chosen) if unit_step > 1 else Decimal(0)
    if all(abs(ours.get(s, Decimal(0)) - theirs.get(s, Decimal(0))) <= slack for s in {*ours, *theirs}):
        return []
    said = lambda split: ", ".join(f"{s} {format_number(a)}" for s, a in split.items())  # noqa: E731
    names = " + ".join(f"{p.program_no} {p.program}" for p in chosen)
    return [Finding(
        "unit_link_funding", "warning", f"budget_units {unit.unit}", said(theirs), said(ours),
        f"{unit.unit}의 재원({said(ours)})이 연결된 사업 {names}의 재원({said(theirs)})과 다릅니다: 재원 칸이 바뀌었거나 잘못 적혔는지 확인하세요",
        (unit.loc or unit.source_line),
    )]


def _subset_sums(budgets: list[Decimal]) -> dict[Decimal, list[int]]:
    """Sum -> the subsets (bit masks) of ``budgets`` with that sum: every subset while there are
    at most ``_FULL_SEARCH`` (each sum made from a smaller subset's by one addition), else the
    subsets of up to ``_MAX_SUBSET`` programs."""
    by_sum: dict[Decimal, list[int]] = {}
    n = len(budgets)
    if n <= _FULL_SEARCH:
        sums = [Decimal(0)] * (1 << n)
        for mask in range(1, 1 << n):
            low = mask & -mask
            total = sums[mask ^ low] + budgets[low.bit_length() - 1]
            sums[mask] = total
            by_sum.setdefault(total, []).append(mask)
        return by_sum
    for size in range(1, _MAX_SUBSET + 1):
        for combo in combinations(range(n), size):
            by_sum.setdefault(sum((budgets[i] for i in combo), Decimal(0)), []).append(sum(1 << i for i in combo))
    return by_sum


def _bits(mask: int) -> list[int]:
    """The positions set in ``mask``, lowest first."""
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _subject(p: Program) -> str:
    return f"{p.stage} {p.program_no} {p.program}"


def _named(p: Program) -> str:
    """A program as a finding's message names it: ``실적 2 평화통일…`` (``계획`` for a plan)."""
    return f"{'계획' if p.stage == 'plan' else '실적'} {p.program_no} {p.program}"
