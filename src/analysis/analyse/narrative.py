"""The finding of each notebook as Korean sentences, computed from the tables.

Notebooks display these instead of hand-written conclusions, so a re-run on another report
states that report's figures. Amounts are written with :func:`analysis.units.format_money`.
"""

from __future__ import annotations

import pandas as pd

from analysis.analyse import measures as A
from analysis.analyse.measures import circled
from analysis.analyse.units import choose_money_unit, format_money


def pct(value: float, signed: bool = True) -> str:
    """A percentage as the reports write changes: ``△61.7%``, ``+5.0%``."""
    return ("△" if value < 0 else "+" if signed and value > 0 else "") + f"{abs(value):.1f}%"


def _money(value, unit: str) -> str:
    """An amount in the paragraph's one money unit (chosen with :func:`choose_money_unit` from
    the largest amount the paragraph writes), so units never change within a paragraph."""
    return format_money(value, unit)


def execution(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """Overall rate against the pace (the 일반회계's; each other account said apart, never added
    to it), the unit projects and programs behind it. Without an as-of date the rates are given
    without a pace, and the missing date is said."""
    o = A.overall_execution(tables, report_id)
    others = o["others"]
    amounts = [o["budget"], o["executed"], o["shortfall"], *(x for a in others for x in (a["budget"], a["executed"]))]
    unit = choose_money_unit([v for v in amounts if v is not None])
    units = A.execution(tables, report_id, "unit")
    progs = A.execution(tables, report_id, "program")
    behind = units[units["behind"]]
    what = f"{o['account']} 집행률" if others else "전체 집행률"
    spent = f"{o['year']}년 예산 {_money(o['budget'], unit)} 중 {_money(o['executed'], unit)} 집행"
    if o["as_of"] is None:
        lines = [
            f"**{what} {o['rate']}%** ({spent}). 보고서에 예산의 기준일이 없어 경과율과 비교하지 않았습니다.",
            f"단위사업 {len(units)}개의 집행률: " + ", ".join(f"{r.label} {r.rate_calc:.1f}%" for r in units.itertuples() if pd.notna(r.rate_calc)) + ".",
        ]
    else:
        lines = [
            f"**{what} {o['rate']}%** ({o['as_of']} 기준, {spent}). "
            f"연간 경과율 {o['pace']}%보다 {o['pace'] - o['rate']:.1f}%p 낮아, 경과율만큼 집행했다면 {_money(o['shortfall'], unit)}을 더 썼어야 합니다."
            if o["rate"] < o["pace"] else
            f"**{what} {o['rate']}%** ({o['as_of']} 기준, {spent}): 연간 경과율 {o['pace']}% 이상입니다.",
            f"단위사업 {len(units)}개 중 {len(behind)}개가 경과율에 못 미칩니다"
            + (": " + ", ".join(f"{r.label} {r.rate_calc:.1f}%" for r in behind.itertuples()) + "." if len(behind) else "."),
        ]
    if others:
        lines.insert(1, "다른 회계는 따로 적고 합하지 않습니다 (회계 사이의 전출금은 두 회계에 모두 잡혀 합하면 두 번 셉니다): "
                     + "; ".join(f"{a['account']} 집행률 {a['rate']}% (예산 {_money(a['budget'], unit)} 중 {_money(a['executed'], unit)} 집행)" for a in others) + ".")
    if len(progs):
        if o["as_of"] is None:
            worst = progs.sort_values("rate_calc", kind="stable").iloc[0]
            lines.append(f"주요사업 {len(progs)}개 중 집행률이 가장 낮은 사업은 {worst['label']} ({worst['rate_calc']:.1f}%)입니다.")
        else:
            worst = progs.iloc[0]
            lines.append(
                f"주요사업 {len(progs)}개 중 {len(progs[progs['behind']])}개가 경과율 미달이며, 가장 낮은 사업은 {worst['label']} ({worst['rate_calc']:.1f}%)입니다."
            )
    return "\n\n".join(lines)


def funding(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """Which programs carry money other than the local government's own (구비, a 군's 군비, a
    시's 시비: :func:`analysis.analyse.measures.own_source_name`)."""
    f = A.funding_split(tables, report_id)
    own = A.own_source_name(A.meta(tables, report_id).get("district"))
    if f.empty:
        return "재원 구분이 적힌 사업이 없습니다."
    total = f["amount"].sum()
    unit = choose_money_unit([total])
    by_source = f.groupby("source")["amount"].sum().sort_values(ascending=False)
    parts = ", ".join(f"{s} {_money(v, unit)} ({v * 100 / total:.1f}%)" for s, v in by_source.items())
    others = f[f["source"] != own]
    text = f"주요사업 예산 {_money(total, unit)}의 재원: {parts}."
    if len(others):
        names = ", ".join(sorted({circled(n) for n in others["program_no"]}))
        text += f" {own} 외 재원이 들어간 사업은 {names}입니다."
    return text


def shift(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """Next year's plan against this year's programs, like with like: programs absent from the
    plan (계획 미수록) and new ones (신규) are named, and left out of the comparison, never
    counted as a cut or a rise."""
    years = A.figure_years(tables, report_id)
    m = {"year": years["actual"], "plan_year": years["plan"]}  # the programs' own years, not the report's
    s = A.budget_shift(tables, report_id)
    gone = s[s["status"] == "계획 미수록"]
    added = s[s["status"] == "신규"]
    kept = s[~s["status"].isin(["계획 미수록", "신규"])]
    before, after = int(kept["before"].sum()), int(kept["after"].sum())
    unit = choose_money_unit([before, after, *s["before"].dropna(), *s["after"].dropna()])
    stages = tables["programs"].loc[tables["programs"]["report_id"] == report_id, "stage"].value_counts()
    n_actual, n_plan = int(stages.get("actual", 0)), int(stages.get("plan", 0))
    lines = [
        f"{m['plan_year']}년 계획에 이어지는 사업만 비교하면 {m['year']}년 예산 {_money(before, unit)} → {m['plan_year']}년 소요예산 {_money(after, unit)}"
        f" ({format_money(after - before, unit, signed=True)}, {pct((after - before) * 100 / before)})입니다."
        if before else f"{m['plan_year']}년 계획의 소요예산 합계는 {_money(int(s['after'].dropna().sum()), unit)}입니다.",  # (every plan: none continues a program)
    ]
    both = s.dropna(subset=["change"])
    if len(both):
        big = both.loc[both["change"].abs().idxmax()]
        lines.append(
            f"가장 큰 변화는 {big['label']} ({big['status']}: {big['actual']} → {big['plan']}): "
            f"{_money(big['before'], unit)} → {_money(big['after'], unit)} ({pct(big['change_pct'])})."
        )
    if len(added):
        lines.append(f"**신규** ({m['plan_year']}년 계획에 새로 오른 사업 {len(added)}개, 소요예산 {_money(added['after'].sum(), unit)}): "
                     + ", ".join(added["label"]) + ". 증가로 보지 않고 비교에서 뺐습니다.")
    if len(gone):
        lines.append(
            f"**계획 미수록** ({m['plan_year']}년 계획에 없는 {m['year']}년 사업 {len(gone)}개, {m['year']}년 예산 {_money(gone['before'].sum(), unit)}): "
            + ", ".join(gone["label"]) + ". 삭감으로 보지 않고 비교에서 뺐습니다."
        )
    lines.append(
        f"⚠ 주의: {m['plan_year']}년 계획은 주요사업 {n_plan}개만 싣고 있습니다({m['year']}년 실적은 {n_actual}개). "
        "계획에 없는 사업이 끝난다는 뜻은 아닙니다. "
        "사업 간 연결은 팀과 사업명 유사도로 자동 추정한 것입니다."
    )
    return "\n\n".join(lines)


def participation(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """People reached (what is left out, and why), and what a program spent per person, with the
    people it is divided by named."""
    people = A.people_reached(tables, report_id)
    figures = A.participation(tables, report_id)
    if figures.empty:
        return "참여 실적 수치가 없습니다."
    kinds = figures["kind_label"].value_counts()
    lines = [
        f"추진실적에서 읽은 수치 {len(figures)}개 (사업 {figures['program_no'].nunique()}개): "
        + ", ".join(f"{k} {n}개" for k, n in kinds.items()) + ". 차트에는 실적만 싣습니다 (단위당 비율·목표·현황 제외)."
    ]
    if len(people):
        total = int(people["people"].sum())
        top = people.loc[people["people"].idxmax()]
        lines.append(
            f"참여 인원 합계 {total:,}명 (사업 {len(people)}개); 가장 많은 사업은 {top['program']} ({int(top['people']):,}명)."
        )
    left = A.people_left_out(tables, report_id)
    if len(left):
        lines.append("참여 인원에서 뺀 수치: " + ", ".join(f"{r.program} {r.text} ({r.reason})" for r in left.itertuples()) + ".")
    if len(people):
        lines.append(
            "1인당 집행액 = 사업 집행액 ÷ 참여 인원: "
            + "; ".join(f"{r.program} {r.cost_per_person:,.1f}천원 (÷ {r.counted})" for r in people.itertuples())
            + ". ⚠ 사업 전체 집행액을 나눈 상한값입니다: 홍보·시설 지원처럼 인원과 무관한 지출이 포함됩니다."
        )
    return "\n\n".join(lines)


def staffing(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """정원 against 현원, and the grades that differ."""
    s = A.staffing_summary(tables, report_id)
    total = s[s["label"] == "계"].iloc[0]
    gaps = s[(s["label"] != "계") & (s["gap"] != 0)]
    gap = int(total["gap"])
    text = f"**정원 {int(total['authorized'])}명, 현원 {int(total['current'])}명** (과부족 {'△' if gap < 0 else '+' if gap > 0 else ''}{abs(gap)}명)."
    if len(gaps):
        parts = [f"{r.label} {'+' if r.gap > 0 else '△'}{abs(int(r.gap))} (정원 {int(r.authorized)}, 현원 {int(r.current)})" for r in gaps.itertuples()]
        text += " 직급별로는 " + ", ".join(parts) + "."
        if int(total["gap"]) == 0:
            text += " 총원은 정원과 같지만 직급 구성이 다릅니다."
    return text


def quality(tables: dict[str, pd.DataFrame], report_id: str) -> str:
    """What the checks found, and the links between programs and unit projects."""
    f = tables["findings"][tables["findings"]["report_id"] == report_id]
    counts = f["severity"].value_counts()
    links = A.unit_links(tables, report_id)
    linked = links[links["linked"]]
    text = f"검증 결과 오류 {int(counts.get('error', 0))}건, 경고 {int(counts.get('warning', 0))}건, 참고 {int(counts.get('info', 0))}건."
    if len(linked):
        text += " 단위사업과 연결된 주요사업: " + "; ".join(
            f"{r.unit} = 사업 {', '.join(circled(int(n)) for n in r.programs.split(', '))}" for r in linked.itertuples()
        ) + "."
    for r in f[f["severity"] != "info"].itertuples():
        where = "" if pd.isna(r.source_line) else f", 원문 {r.source_line}행"
        text += f"\n\n- {A.SEVERITY_LABELS.get(r.severity, r.severity)} ({A.check_label(r.check)}{where}): {r.message}"
    return text


def trends(tables: dict[str, pd.DataFrame]) -> str:
    """Each department with several years: its execution rate year by year (each year the one
    its budget belongs to), each with its as-of date and the pace at that date (a rate as of
    09-30 is not comparable with one as of 10-31 without it); one account at a time."""
    years = A.yearly_totals(tables)
    lines = []
    for district, department in A.departments_with_years(tables):
        mine = years[(years["district"] == district) & (years["department"] == department)]
        several = mine["account"].nunique() > 1
        for account, rows in mine.groupby("account", sort=False):
            parts = [f"{r.year}년 {r.rate:.1f}% ({r.as_of} 기준, 경과율 {r.pace:.1f}%, 경과율 대비 {pct(r.rate - r.pace).replace('%', '%p')})"
                     if A.as_of_date(r.as_of) else f"{r.year}년 {r.rate:.1f}% (기준일이 없어 경과율과 비교하지 않았습니다)"
                     for r in rows.itertuples()]
            lines.append(f"**{district} {department}**{' ' + account if several else ''} 집행률: " + " → ".join(parts) + ".")
    if not lines:
        return "같은 부서의 여러 해 보고서가 없어 연도별 추이는 없습니다."
    lines.append("⚠ 해마다 기준일이 달라 집행률을 그대로 비교하지 않고, 각 기준일의 경과율(그날까지 지난 회계연도의 비율)과 함께 봅니다."
                 + (" 회계(일반회계, 기금 등)는 따로 봅니다." if years["account"].nunique() > 1 else ""))
    return "\n\n".join(lines)
