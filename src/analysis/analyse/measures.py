"""The questions a councillor asks, answered from the built tables (pure functions of them).

Each function takes the dict of tables that :func:`analysis.load_tables` returns and a
``report_id`` (``None`` where a function works across reports) and returns a DataFrame the
notebooks show and chart. Money stays in 천원; charts convert it for display.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from analysis.interpret.layout import load_layout
from analysis.interpret.metric_kind import KIND_LABELS
from analysis.interpret.records import PLAN_REPORT
from analysis.interpret.numbers import printed_step as step_of

def circled(n: int) -> str:
    """Program number as the reports print it: 1 → ①."""
    return chr(0x2460 + int(n) - 1) if 1 <= int(n) <= 20 else f"({int(n)})"


def numbered(numbers, names) -> list[str]:
    """``["① 국내·외 …", …]`` from program numbers and names."""
    return [f"{circled(n)} {name}" for n, name in zip(numbers, names)]


def report_ids(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Report ids in the tables, oldest year first; a year's reports of one department in the
    order of their sessions (February's plans before November's results)."""
    r = tables["reports"].sort_values(["year", "district", "department", "session_start", "report_id"], na_position="first", kind="stable")
    return r["report_id"].tolist()


def resolve_reports(tables: dict[str, pd.DataFrame], report_id: str | None) -> list[str]:
    """The ids a notebook's ``REPORT_ID`` parameter selects: one id, or every report for None.

    Raises
    ------
    KeyError
        If ``report_id`` is not in the tables (the message lists the ids that are).
    """
    ids = report_ids(tables)
    if report_id is None:
        return ids
    if report_id not in ids:
        raise KeyError(f"report {report_id!r} is not in the tables; built reports: {', '.join(ids)}")
    return [report_id]


def report_name(row: dict | pd.Series) -> str:
    """A report as a councillor names it: ``"영등포구 비전협력과 2022"`` (from a ``reports`` row);
    a report of its own year's plans (February's) ``"영등포구 비전협력과 2024 계획"``, apart from
    the same year's later report."""
    name = " ".join(str(row[k]) for k in ("district", "department", "year") if not pd.isna(row[k]))
    plan_year = row.get("plan_year")
    same = plan_year is not None and not pd.isna(plan_year) and not pd.isna(row["year"]) and int(plan_year) == int(row["year"])
    return f"{name} {PLAN_REPORT}" if same else name


def titled(row: dict | pd.Series, title: str, year: int | None = None) -> str:
    """A chart title naming its report: ``"영등포구 비전협력과 2022 · 단위사업별 예산 집행률"``;
    with ``year``, the year its figures belong to where that is not the report's (a February
    report's budget): ``"영등포구 비전협력과 2024 · 단위사업별 예산 집행률 (2023년 예산)"``."""
    differs = year is not None and not pd.isna(row["year"]) and int(year) != int(row["year"])
    return f"{report_name(row)} · {title}" + (f" ({int(year)}년 예산)" if differs else "")


def meta(tables: dict[str, pd.DataFrame], report_id: str) -> dict:
    """The ``reports`` row of one report, as a dict."""
    r = tables["reports"]
    return r[r["report_id"] == report_id].iloc[0].to_dict()


def _one(df: pd.DataFrame, report_id: str) -> pd.DataFrame:
    return df[df["report_id"] == report_id].reset_index(drop=True)


def as_of_date(value) -> str | None:
    """An as-of date as ISO text, or None where the report gives none (empty, NA, NaN)."""
    if value is None or (not isinstance(value, (str, dt.date)) and pd.isna(value)):
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    return text or None


def pace_at(as_of) -> float | None:
    """:func:`fiscal_pace` of an as-of date, or None without one (no pace to compare with)."""
    day = as_of_date(as_of)
    return None if day is None else fiscal_pace(day)


def figure_years(tables: dict[str, pd.DataFrame], report_id: str) -> dict[str, int | None]:
    """The years a report's figures belong to, which are not always the report's year: a
    February report (「2024년 주요업무 보고」) gives the budget as of 2023-12-31 and 2023's results.

    Returns
    -------
    dict
        ``budget``: the year of the unit projects' budget (its as-of date's year; without a date
        the results' year, else the report's), ``actual``: the year of the programs' results
        (``programs.year`` of stage actual; else the budget's year), ``plan``: the year of the
        plan (``programs.year`` of stage plan; else ``reports.plan_year``).
    """
    m = meta(tables, report_id)
    p = _one(tables["programs"], report_id)
    years = {s: p.loc[p["stage"] == s, "year"].dropna() for s in ("actual", "plan")}
    actual = int(years["actual"].iloc[0]) if len(years["actual"]) else None
    day = as_of_date(m.get("as_of"))
    report_year = None if pd.isna(m.get("year")) else int(m["year"])
    budget = int(day[:4]) if day else actual if actual is not None else report_year
    plan = int(years["plan"].iloc[0]) if len(years["plan"]) else None if pd.isna(m.get("plan_year")) else int(m["plan_year"])
    return {"budget": budget, "actual": actual if actual is not None else budget, "plan": plan}


GENERAL_ACCOUNT = "일반회계"
"""The account whose figures head a report's totals (``budget_units.account``)."""


def accounts(tables: dict[str, pd.DataFrame], report_id: str | None = None) -> list[str]:
    """The accounts of the budget tables (one report's, or every report's), 일반회계 first, then
    as the reports list them. Totals are never added across accounts: a 기금 is money apart,
    and 일반회계's 기금전출금 line is the fund's money too, so a sum counts it twice."""
    u = tables["budget_units"] if report_id is None else _one(tables["budget_units"], report_id)
    found = list(dict.fromkeys(u["account"].fillna(GENERAL_ACCOUNT)))
    return sorted(found, key=lambda a: a != GENERAL_ACCOUNT)


def _latest_per_year(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Of two reports of one department whose figures are of the same year (a November report
    and the next February's, each on that year), the later one (its as-of date, else its year)."""
    order = rows.assign(_day=rows["as_of"].map(lambda d: as_of_date(d) or ""))
    order = order.sort_values(["_day", "report_year"], kind="stable")
    return order.drop_duplicates(keys, keep="last").drop(columns="_day")


def yearly_totals(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per report and account, for trends across years: district, department, year (the
    year the budget belongs to, see :func:`figure_years`), report_year, account, as_of, budget,
    executed, rate (%), pace (% of the year elapsed at as_of: rates of different years are as of
    different dates; NA without a date), plan_year and plan_budget (next year's 소요예산 total, on
    the 일반회계 row). Accounts are never added together (see :func:`accounts`). Where two
    reports of a department give the same year's figures, the later one is kept."""
    r = tables["reports"][["report_id", "district", "department", "year", "as_of"]].rename(columns={"year": "report_year"})
    years = pd.DataFrame([{"report_id": rid, "year": (y := figure_years(tables, rid))["budget"], "plan_year": y["plan"]} for rid in r["report_id"]],
                         columns=["report_id", "year", "plan_year"])
    u = tables["budget_units"].assign(account=tables["budget_units"]["account"].fillna(GENERAL_ACCOUNT))
    u = u.groupby(["report_id", "account"], sort=False)[["budget", "executed"]].sum().reset_index()
    heads = {rid: accounts(tables, rid)[0] for rid in u["report_id"].unique()}
    p = tables["programs"]
    plan = p[p["stage"] == "plan"].groupby("report_id")["budget"].sum().rename("plan_budget").reset_index()
    df = r.merge(years, on="report_id").merge(u, on="report_id", how="left").merge(plan, on="report_id", how="left")
    head = [heads.get(rid) == a or pd.isna(a) for rid, a in zip(df["report_id"], df["account"])]
    df["plan_budget"] = df["plan_budget"].where(head).astype("Int64")
    df["plan_year"] = df["plan_year"].where(head).astype("Int64")
    df["year"] = df["year"].astype("Int64")
    df["rate"] = _rate(df["executed"], df["budget"]).round(1)
    # Rates of different years are as of different dates: the pace says what each date implies.
    df["pace"] = pd.array([None if (p_ := pace_at(d)) is None else round(p_ * 100, 1) for d in df["as_of"]], dtype="Float64")
    df = _latest_per_year(df, ["district", "department", "year", "account"])
    df["_head"] = [a != GENERAL_ACCOUNT for a in df["account"]]
    df = df.sort_values(["district", "department", "_head", "account", "year"]).drop(columns="_head")
    cols = ["report_id", "district", "department", "year", "report_year", "account", "as_of", "budget", "executed", "rate", "pace", "plan_year", "plan_budget"]
    return df[cols].reset_index(drop=True)


def trend_columns(years: pd.DataFrame) -> list[str]:
    """The columns to show of :func:`yearly_totals`: the account where there are several, the
    report's year where it is not the figures' (a February report on the year before)."""
    cols = ["district", "department", "year", "as_of", "budget", "executed", "rate", "pace", "plan_year", "plan_budget"]
    if years["account"].nunique() > 1:
        cols.insert(3, "account")
    if (years["report_year"].astype("Int64") != years["year"].astype("Int64")).any():
        cols.insert(3, "report_year")
    return cols


def department_reports(tables: dict[str, pd.DataFrame], district: str, department: str) -> pd.DataFrame:
    """The ``reports`` rows of one department (for the footer that cites them), oldest first."""
    r = tables["reports"]
    return r[(r["district"] == district) & (r["department"] == department)].sort_values("year").reset_index(drop=True)


def year_labels(years: pd.DataFrame) -> dict[int, str]:
    """Tick text for a chart by year that says each year's as-of date and pace (rates of
    different years are as of different dates): ``{2022: "2022년\\n10-31 기준 · 경과율 83.3%"}``."""
    out = {}
    for r in years.itertuples():
        day = as_of_date(r.as_of)
        when = f"\n{day[5:]} 기준 · 경과율 {r.pace:.1f}%" if day else "\n기준일 없음 (경과율 비교 없음)"
        out[int(r.year)] = f"{int(r.year)}년{when}"
    return out


def years_text(years) -> str:
    """``2022–2023`` (or ``2022`` for one year), for titles of charts across years."""
    ys = sorted({int(y) for y in years})
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"


def fiscal_pace(as_of: str | dt.date) -> float:
    """Share of the fiscal year (a calendar year for Korean local government) elapsed by the end
    of ``as_of``: 2022-10-31 → 304/365 = 0.833."""
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    days = (dt.date(day.year, 12, 31) - dt.date(day.year, 1, 1)).days + 1
    return day.timetuple().tm_yday / days


def _rate(executed: pd.Series, budget: pd.Series) -> pd.Series:
    """executed ÷ budget in %, NA where the budget is zero or missing (index kept)."""
    b = budget.astype("Float64")
    return executed.astype("Float64") * 100 / b.where(b != 0)


def execution(tables: dict[str, pd.DataFrame], report_id: str, level: str = "unit") -> pd.DataFrame:
    """Budget against executed, per unit project (``level="unit"``) or per program.

    Returns
    -------
    pandas.DataFrame
        label, account (unit projects: 일반회계, 기금…; a unit's label names it, ``"남북교류협력
        지원 (남북교류협력기금)"``, when the report has more than one account), team (programs),
        budget, executed, rate (printed), rate_calc (executed ÷ budget, %), pace (% of the year
        elapsed at the as-of date), gap_pp (rate_calc − pace, points), behind (rate_calc < pace),
        shortfall (천원 not yet spent against the pace), source_line. Without an as-of date
        pace, gap_pp and shortfall are NA and nothing is behind (there is no pace to compare
        with). Sorted by gap_pp, most behind first (as listed without a date).
    """
    pace = pace_at(meta(tables, report_id)["as_of"])
    if level == "unit":
        df = _one(tables["budget_units"], report_id).rename(columns={"unit": "label"})
        df["account"] = df["account"].fillna(GENERAL_ACCOUNT)
        if df["account"].nunique() > 1:
            df["label"] = [f"{u} ({a})" for u, a in zip(df["label"], df["account"])]
        df["team"] = pd.NA
    elif level == "program":
        p = _one(tables["programs"], report_id)
        df = p[p["stage"] == "actual"].rename(columns={"program": "label"})
        df["label"] = numbered(df["program_no"], df["label"])
        df["account"] = pd.NA
    else:
        raise ValueError(f"level must be 'unit' or 'program', not {level!r}")
    out = df[["label", "account", "team", "budget", "executed", "rate", "source_line"]].copy()
    out["rate_calc"] = _rate(out["executed"], out["budget"])
    if pace is None:
        out["pace"] = pd.array([pd.NA] * len(out), dtype="Float64")
        out["gap_pp"] = pd.array([pd.NA] * len(out), dtype="Float64")
        out["behind"] = False
        out["shortfall"] = pd.array([pd.NA] * len(out), dtype="Int64")
        return out.reset_index(drop=True)
    pace *= 100
    out["pace"] = pace
    out["gap_pp"] = out["rate_calc"] - pace
    out["behind"] = out["rate_calc"] < pace
    out["shortfall"] = (out["budget"].astype("Float64") * pace / 100 - out["executed"]).clip(lower=0).round(0).astype("Int64")
    return out.sort_values("gap_pp", kind="stable").reset_index(drop=True)


PACE_COLUMNS = ("pace", "gap_pp", "behind", "shortfall")


def pace_columns(df: pd.DataFrame, columns: list[str]) -> list[str]:
    """``columns`` to show of :func:`execution`'s table, less those of the pace comparison
    (:data:`PACE_COLUMNS`) when the report has no as-of date (they would be empty)."""
    if "pace" in df and len(df) and df["pace"].isna().all():
        return [c for c in columns if c not in PACE_COLUMNS]
    return columns


def overall_execution(tables: dict[str, pd.DataFrame], report_id: str) -> dict:
    """The department's totals, one account at a time (never added across accounts, see
    :func:`accounts`): the 일반회계's (or the first account's) as the headline.

    Returns
    -------
    dict
        account, year (the budget's, see :func:`figure_years`), budget, executed, rate
        (executed ÷ budget, %), pace (%), as_of, shortfall (천원 short of the pace), and
        ``others``: the same (account, budget, executed, rate, shortfall) for every other
        account. Without an as-of date, as_of, pace and shortfall are None.
    """
    units = _one(tables["budget_units"], report_id)
    units = units.assign(account=units["account"].fillna(GENERAL_ACCOUNT))
    m = meta(tables, report_id)
    day = as_of_date(m["as_of"])
    pace = pace_at(day)

    def totals(account: str) -> dict:
        u = units[units["account"] == account]
        budget, executed = int(u["budget"].sum()), int(u["executed"].sum())
        rate = Decimal(executed * 100) / Decimal(budget) if budget else Decimal(0)
        return {"account": account, "budget": budget, "executed": executed, "rate": float(round(rate, 1)),
                "shortfall": None if pace is None else round(budget * pace - executed)}

    names = accounts(tables, report_id) or [GENERAL_ACCOUNT]
    head = totals(names[0])
    return {
        "account": head["account"], "year": figure_years(tables, report_id)["budget"],
        "budget": head["budget"], "executed": head["executed"], "rate": head["rate"],
        "pace": None if pace is None else round(pace * 100, 1), "as_of": day, "shortfall": head["shortfall"],
        "others": [totals(a) for a in names[1:]],
    }


OWN_SOURCE = "구비"
"""The canonical name (``layout.toml [funding_sources]``) of a basic local government's own
money: 구비, 군비 (and 시비 of a 시 read as such) are all stored under it."""


def own_source_name(district) -> str:
    """The own money's name as the report's kind of local government prints it: 군비 for a 군
    (양평군), 시비 for a 시 that is not a 특별시/광역시/특별자치시 (이천시), else 구비 (영등포구)."""
    d = "" if district is None or pd.isna(district) else str(district).strip()
    if d.endswith("군"):
        return "군비"
    if d.endswith("시") and not d.endswith(("특별시", "광역시", "특별자치시")):
        return "시비"
    return OWN_SOURCE


def funding_split(tables: dict[str, pd.DataFrame], report_id: str, stage: str = "actual", amount: str = "budget") -> pd.DataFrame:
    """Programs × funding sources (구비/시비/국비/기금…) of one stage, in 천원, long form.

    Returns
    -------
    pandas.DataFrame
        program_no, program (``"① name"``), source (as the report's kind of local government
        names it: the own money is 군비 in a 군's report, see :func:`own_source_name`), amount,
        share (% of the program's total), canonical (the stored, canonical source: 구비).
    """
    f = _one(tables["program_funding"], report_id)
    f = f[f["stage"] == stage]
    p = _one(tables["programs"], report_id)
    p = p[p["stage"] == stage][["program_no", "program"]]
    df = f.merge(p, on="program_no")
    df["program"] = numbered(df["program_no"], df["program"])
    df = df.rename(columns={amount: "amount", "source": "canonical"})[["program_no", "program", "canonical", "amount"]]
    own = own_source_name(meta(tables, report_id).get("district"))
    df["source"] = df["canonical"].replace({OWN_SOURCE: own})
    df["share"] = (df["amount"] * 100 / df.groupby("program_no")["amount"].transform("sum")).astype("Float64").round(1)
    return df.sort_values(["program_no", "source"]).reset_index(drop=True)[["program_no", "program", "source", "amount", "share", "canonical"]]


def lineage(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """This year's programs linked to next year's plan in the same report, as the build's
    ``program_lineage`` table has them (automatic proposals plus the analyst's decisions in
    ``data/manual/program_lineage.csv``; see :mod:`analysis.lineage`).

    Returns
    -------
    pandas.DataFrame
        group, status (계속, 명칭 변경, 통합, 분리, 재편, 계획 미수록, 신규), actual_no, actual,
        plan_no, plan, team, similarity, origin; one row per link or unlinked program.
    """
    l = tables["program_lineage"]
    l = l[(l["kind"] == "plan") & (l["report_id"] == report_id)]
    out = l.rename(columns={
        "relation": "status", "from_program_no": "actual_no", "from_program": "actual",
        "to_program_no": "plan_no", "to_program": "plan",
    })
    return out[["group", "status", "actual_no", "actual", "plan_no", "plan", "team", "similarity", "origin"]].reset_index(drop=True)


def _lineage_amounts(tables: dict[str, pd.DataFrame], links: pd.DataFrame) -> pd.DataFrame:
    """Lineage links summed per group: the from side's and the to side's budgets (천원), the change
    and its %, with both sides' programs as ``"① name + ② name"`` and their bare names."""
    amount = {(r["report_id"], r["stage"], r["program_no"]): r["budget"] for r in tables["programs"].to_dict("records")}
    rows = []
    for (rid, to_rid, group), g in links.groupby(["report_id", "to_report_id", "group"], sort=True):
        sides = {}
        for side, report, stage in (("from", rid, g["from_stage"].iloc[0]), ("to", to_rid, g["to_stage"].iloc[0])):
            nos = sorted(set(g[f"{side}_program_no"].dropna()))
            names = [g.loc[g[f"{side}_program_no"] == n, f"{side}_program"].iloc[0] for n in nos]
            total = sum(int(amount[(report, stage, n)]) for n in nos) if nos else None
            sides[side] = (" + ".join(numbered(nos, names)) or None, names, total)
        before, after = sides["from"][2], sides["to"][2]
        change = after - before if before is not None and after is not None else None
        rows.append({
            "report_id": rid, "to_report_id": to_rid, "group": group, "relation": g["relation"].iloc[0], "team": g["team"].iloc[0],
            "to_year": int(g["to_year"].iloc[0]), "from": sides["from"][0], "to": sides["to"][0],
            "label": " + ".join(sides["to"][1] or sides["from"][1]),  # the later name where there is one
            "before": before, "after": after, "change": change,
            "change_pct": round(change * 100 / before, 1) if change is not None and before else None,
        })
    df = pd.DataFrame(rows, columns=["report_id", "to_report_id", "group", "relation", "team", "to_year", "from", "to", "label", "before", "after", "change", "change_pct"])
    for col in ("before", "after", "change"):
        df[col] = df[col].astype("Int64")
    df["change_pct"] = df["change_pct"].astype("Float64")
    return df


def budget_shift(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """This year's program budgets against next year's planned budgets (소요예산), per lineage
    group: group, status, team, actual, plan, label, before (천원), after (천원), change (천원),
    change_pct."""
    l = tables["program_lineage"]
    df = _lineage_amounts(tables, l[(l["kind"] == "plan") & (l["report_id"] == report_id)])
    df = df.rename(columns={"relation": "status", "from": "actual", "to": "plan"})
    return df[["group", "status", "team", "actual", "plan", "label", "before", "after", "change", "change_pct"]].reset_index(drop=True)


def shift_labels(tables: dict[str, pd.DataFrame], report_id: str) -> dict[str, str]:
    """Headers of :func:`budget_shift` and :func:`shift_by_team` tables naming the years (올해 and
    내년 mislead in a February report on the year before): ``{"before": "2022년 예산(천원)", …}``."""
    y = figure_years(tables, report_id)
    return {"actual": f"{y['actual']}년 사업", "plan": f"{y['plan']}년 계획", "before": f"{y['actual']}년 예산(천원)",
            "after": f"{y['plan']}년 계획(천원)", "not_in_plan": f"{y['plan']}년 계획 미수록(천원)"}


def shift_by_team(shift: pd.DataFrame) -> pd.DataFrame:
    """:func:`budget_shift` summed by team, like with like: this year's programs that continue in
    next year's plan against their plan. A program absent from the plan (계획 미수록: the plan lists
    main programs only) is not a cut, and a new program (신규) is not a rise: each is kept out of
    ``before`` and ``after`` and shown apart, in ``not_in_plan`` and ``new_in_plan``.

    Returns
    -------
    pandas.DataFrame
        team, before (this year's budgets of the programs that continue in the plan, 천원), after
        (the plan's 소요예산 of those programs), change, change_pct, not_in_plan (this year's
        budgets of the programs absent from the plan), new_in_plan (the plan's new programs),
        status (``계획 미수록`` for a team none of whose programs is in the plan, ``신규`` for a
        team only in the plan, ``계획 미수록·신규`` for a team with both and no program that
        continues, else empty).
    """
    gone = shift["status"] == "계획 미수록"
    new = shift["status"] == "신규"
    kept = shift[~gone & ~new]
    t = pd.DataFrame({"team": list(dict.fromkeys(shift["team"]))})
    t["before"] = t["team"].map(kept.groupby("team")["before"].sum(min_count=1)).astype("Int64")
    t["after"] = t["team"].map(kept.groupby("team")["after"].sum(min_count=1)).astype("Int64")
    t["not_in_plan"] = t["team"].map(shift[gone].groupby("team")["before"].sum(min_count=1)).astype("Int64")
    t["new_in_plan"] = t["team"].map(shift[new].groupby("team")["after"].sum(min_count=1)).astype("Int64")
    both = t["before"].notna() & t["after"].notna()
    t["change"] = (t["after"] - t["before"]).where(both).astype("Int64")
    t["change_pct"] = (t["change"] * 100 / t["before"].where(t["before"] != 0)).astype("Float64").round(1)
    t["status"] = [("" if pd.notna(b) else "계획 미수록·신규" if pd.notna(n) and pd.notna(w) else "계획 미수록" if pd.notna(n) else "신규")
                   for b, n, w in zip(t["before"], t["not_in_plan"], t["new_in_plan"])]
    return t[["team", "before", "after", "change", "change_pct", "not_in_plan", "new_in_plan", "status"]]


def shift_chart_rows(shift: pd.DataFrame, by: str = "label") -> pd.DataFrame:
    """Rows for :func:`analysis.chart.charts.change_chart` from :func:`budget_shift` (``by="label"``)
    or :func:`shift_by_team` (``by="team"``): ``before`` and ``after`` to draw, where a program or
    team absent from the plan keeps this year's bar and gets no plan bar (the chart says
    계획 미수록), a team only in the plan gets its plan bar alone, and a team with programs absent
    from the plan or new in it says so in its label: they are in neither bar, so no change is
    drawn between programs that are not the same."""
    out = shift.copy()
    if "not_in_plan" in out:
        new_in_plan = out["new_in_plan"] if "new_in_plan" in out else pd.Series(pd.NA, index=out.index, dtype="Int64")
        none = out["before"].isna() & out["after"].isna()  # no program continues
        ended = none & out["not_in_plan"].notna()  # this year's bar alone (the chart says 계획 미수록)
        only_new = none & out["not_in_plan"].isna() & new_in_plan.notna()  # the plan's bar alone
        out["before"] = out["before"].where(~ended, out["not_in_plan"])
        out["after"] = out["after"].where(~only_new, new_in_plan)
        gone = ~none & out["not_in_plan"].notna()
        added = ~only_new & new_in_plan.notna()
        out[by] = [f"{name} ({'계획 미수록·신규' if g and a else '계획 미수록' if g else '신규'} 사업 제외)" if g or a else name
                   for name, g, a in zip(out[by], gone, added)]
    return out




def not_people(labels: pd.Series) -> pd.Series:
    """Why a ``명`` figure is not people a program reached (``layout.toml [people_reached]``:
    staff, supporters, committee members, followers), or NA when it is."""
    words = load_layout().raw["people_reached"]
    return pd.Series([next((why for w, why in words.items() if w in str(label)), pd.NA) for label in labels],
                     index=labels.index, dtype="object")


def is_person_reached(labels: pd.Series) -> pd.Series:
    """True for ``명`` labels that count people a program reached (see :func:`not_people`)."""
    return not_people(labels).isna()


def participation(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """Participation figures with their program: program_no, program, team, value, unit, kind,
    kind_label (실적, 단위당 비율, 목표·기준, 현황), label, figure (the label with its program's
    number, ``"② YDP 평화통일 탐험대 — 관내 중학생"``, for a chart's bars: two figures of one
    program read as such), text (``"3,224명"``), source_line."""
    m = _one(tables["metrics"], report_id)
    p = _one(tables["programs"], report_id)
    p = p[p["stage"] == "actual"][["program_no", "program", "team"]]
    df = m.merge(p, on="program_no", how="left")
    df["program"] = numbered(df["program_no"], df["program"].fillna(""))
    df["kind_label"] = df["kind"].map(KIND_LABELS).fillna(df["kind"])
    df["text"] = [f"{int(v):,}{u}" for v, u in zip(df["value"], df["unit"])]
    df["figure"] = [f"{circled(n)} {label}" for n, label in zip(df["program_no"], df["label"])]
    return df[["program_no", "program", "team", "value", "unit", "kind", "kind_label", "label", "figure", "text", "source_line"]]


def achieved(tables: dict[str, pd.DataFrame], report_id: str, unit: str) -> pd.DataFrame:
    """The ``result`` figures in one unit (명, 회, 개소…): what was achieved, without rates,
    targets or standing counts; for ``명``, without the figures that are not people reached."""
    m = participation(tables, report_id)
    m = m[(m["kind"] == "result") & (m["unit"] == unit)]
    if unit == "명":
        m = m[is_person_reached(m["label"])]
    return m.reset_index(drop=True)


def _clause(label: str) -> str:
    return str(label).rsplit(" — ", 1)[-1]


def people_left_out(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """The ``명`` figures not counted as people reached, and why: program, label, value, text,
    kind_label, reason (``소속 직원``, ``SNS 서포터즈``, ``위원회 위원``, ``SNS 팔로워``, or the
    kind when it is not a result)."""
    m = participation(tables, report_id)
    m = m[m["unit"] == "명"].copy()
    m["reason"] = not_people(m["label"])
    m["reason"] = m["reason"].where(m["reason"].notna() | (m["kind"] == "result"), m["kind_label"])
    return m[m["reason"].notna()][["program_no", "program", "label", "value", "text", "kind_label", "reason", "source_line"]].reset_index(drop=True)


def people_reached(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """People reached per program and what the program spent per person, with the denominator.

    People are the program's ``result`` figures in ``명`` less those of :func:`people_left_out`
    (staff, supporters, committee members, followers). The cost per person is the program's
    executed amount (천원) ÷ those people: a ceiling, since a program's budget funds more than
    the counted activity; ``counted`` names the figures divided by.

    Returns
    -------
    pandas.DataFrame
        program_no, program (``"④ name"``), team, people, figures (how many 명 figures were
        added), counted (``"구민 금융교육 3,224명"``), budget, executed, cost_per_person (천원
        per person, 1 decimal).
    """
    people = achieved(tables, report_id, "명")
    people = people.assign(part=[f"{_clause(l)} {t}" for l, t in zip(people["label"], people["text"])])
    agg = people.groupby("program_no").agg(people=("value", "sum"), figures=("value", "size"), counted=("part", " + ".join)).reset_index()
    p = _one(tables["programs"], report_id)
    p = p[p["stage"] == "actual"][["program_no", "program", "team", "budget", "executed"]]
    df = p.merge(agg, on="program_no", how="inner")
    df["program"] = numbered(df["program_no"], df["program"])
    df["people"] = df["people"].astype("Int64")
    df["cost_per_person"] = (df["executed"].astype("Float64") / df["people"]).round(1)
    return df[["program_no", "program", "team", "people", "figures", "counted", "budget", "executed", "cost_per_person"]].reset_index(drop=True)


def staffing_summary(tables: dict[str, pd.DataFrame], report_id: str, nonzero: bool = True) -> pd.DataFrame:
    """정원/현원/과부족 by category and grade (``label`` = "일반직 6급"), all-zero rows dropped
    when ``nonzero``; plus a 계 row."""
    s = _one(tables["staffing"], report_id)
    if nonzero:
        s = s[(s[["authorized", "current"]] != 0).any(axis=1)]
    s = s.assign(label=(s["category"] + " " + s["grade"]).str.strip())
    total = pd.DataFrame([{
        "category": "계", "grade": "", "label": "계",
        "authorized": s["authorized"].sum(), "current": s["current"].sum(), "gap": s["gap"].sum(),
    }])
    out = pd.concat([s[["category", "grade", "label", "authorized", "current", "gap"]], total], ignore_index=True)
    for col in ("authorized", "current", "gap"):
        out[col] = out[col].astype("Int64")
    return out


CHECK_LABELS = {
    "budget_total": "예산 계 행", "rate": "집행률 검산", "funding_sum": "재원 합계", "staffing": "인력 표",
    "staffing_total": "인력 계 행", "staffing_gap": "과부족 검산", "team_count": "팀 수", "partner_count": "자매·우호도시 수",
    "unit_link": "단위사업 연결", "unit_link_executed": "단위사업 연결(집행액)", "program_heading": "사업명(목차에서)",
    "team_inferred": "담당 팀(추정)", "coverage": "읽은 숫자", "unread_lines": "읽지 않은 줄", "figures_elsewhere": "실적 밖의 수치", "district": "지방자치단체",
    "lineage_manual": "사업 연결(분석가 지정)", "as_of": "기준일", "unit_unplaced": "금액 단위 표시",
    "program_budget_rows": "사업 예산 행", "budget_subtotal": "소계 행", "amount_decimals": "소수 셋째 자리 금액", "part_unknown": "알 수 없는 부분 제목", "partner_note": "결연도시 괄호", "results_missing": "추진실적 제목 없음",
    "session_dates": "회기 날짜", "plan_year": "계획 연도", "subsection_missing": "일반현황 항목 없음", "staffing_row": "인력 표의 다른 행", "staffing_header": "인력 표 머리칸", "lookalike_number": "숫자와 닮은 글자", "team_row": "조직표의 칸 수", "facility_row": "시설 표의 칸 수", "facility_cell": "시설 표의 다른 칸 값", "team_duties": "팀 이름과 업무", "cover_title": "표지 제목", "results_row": "실적 표의 칸 수", "money_unit": "금액 단위 없음", "unit_link_funding": "단위사업과 사업의 재원 차이", "plans_only": "계획 보고", "budget_unit_name": "단위사업명 없음", "results_year": "실적 연도", "program_budget": "사업 예산 없음", "program_name": "사업명(목차와 다름)", "program_status": "사업 구분(신규·계속)", "program_team": "담당팀(목차와 다름)", "team_unknown": "조직표에 없는 팀", "funding_source": "재원 이름", "partner_repeat": "결연도시 중복", "cover_inherited": "책자 표지", "department": "부서명", "cover_year": "표지 연도",
    "unmapped_glyph": "글자 없는 글리프", "damaged_page": "손상된 쪽", "equation": "수식 속 숫자", "layout_row": "열을 알 수 없는 줄",
    "metric_breakdown": "실적 내역 합계", "number_note": "숫자 뒤의 글(읽지 않음)", "funding_shares": "비율로만 적힌 재원", "metric_rate": "달성률 검산",
}
"""Check names as a councillor reads them (``findings.check`` keeps the English key)."""
SEVERITY_LABELS = {"error": "오류", "warning": "경고", "info": "참고"}


def check_label(check: str) -> str:
    """The Korean name of a check (the key itself when it has none yet)."""
    return CHECK_LABELS.get(check, check)


def findings_summary(tables: dict[str, pd.DataFrame], report_id: str | None = None) -> pd.DataFrame:
    """Findings counted by check and severity (all reports when ``report_id`` is None): check,
    check_label (Korean), error, warning, info."""
    f = tables["findings"] if report_id is None else _one(tables["findings"], report_id)
    if f.empty:
        return pd.DataFrame(columns=["check", "check_label", "error", "warning", "info"])
    t = f.pivot_table(index="check", columns="severity", values="message", aggfunc="count", fill_value=0)
    for s in ("error", "warning", "info"):
        if s not in t:
            t[s] = 0
    t = t[["error", "warning", "info"]].astype(int).reset_index().sort_values(["error", "warning"], ascending=False).reset_index(drop=True)
    t.insert(1, "check_label", [check_label(c) for c in t["check"]])
    return t


def unit_links(tables: dict[str, pd.DataFrame], report_id: str) -> pd.DataFrame:
    """Each unit project with the programs linked to it, their budget and executed sums.

    Returns
    -------
    pandas.DataFrame
        unit, account, budget, executed, programs ("3, 4"), programs_budget, programs_executed,
        executed_diff (unit − programs), linked (bool).
    """
    u = _one(tables["budget_units"], report_id)
    p = _one(tables["programs"], report_id)
    p = p[(p["stage"] == "actual") & p["unit"].notna()]
    g = p.groupby("unit").agg(
        programs=("program_no", lambda s: ", ".join(str(int(x)) for x in sorted(s))),
        programs_budget=("budget", "sum"), programs_executed=("executed", "sum"),
    ).reset_index()
    u = u.assign(account=u["account"].fillna(GENERAL_ACCOUNT))
    df = u[["unit", "account", "budget", "executed"]].merge(g, on="unit", how="left")
    if df["account"].nunique() > 1:  # which account each unit is of, where the report has several
        df["unit"] = [f"{n} ({a})" for n, a in zip(df["unit"], df["account"])]
    df["linked"] = df["programs"].notna()
    for col in ("programs_budget", "programs_executed"):
        df[col] = df[col].astype("Int64")
    df["executed_diff"] = (df["executed"] - df["programs_executed"]).astype("Int64")
    return df


def printed_step(tables: dict[str, pd.DataFrame], report_id: str, stage: str) -> float:
    """The step, in 천원, of a stage's program amounts as the report printed them: 0 for a
    report in 천원 or 원 (exact), else the largest power of ten, up to the unit (백만원: 1,000천원;
    억원: 100,000), that divides every one of them (``109.6백만원``, ``190.4``, ``487.5`` → 100천원).
    An amount printed with a trailing zero (``380.0백만원``) cannot be told from one printed
    without its decimal (``380``): the step is then taken as the unit's, the larger."""
    unit = meta(tables, report_id).get("money_unit")
    size = load_layout().money_units.get(str(unit), Decimal(1)) if isinstance(unit, str) else Decimal(1)
    if size <= 1:
        return 0.0
    p = _one(tables["programs"], report_id)
    amounts = [Decimal(int(v)) if float(v).is_integer() else Decimal(str(v)) for v in p.loc[p["stage"] == stage, "budget"].dropna()]
    return float(max(step_of(amounts, size), Decimal(1)))  # (the checks' own step: analysis.interpret.numbers.printed_step)


def _pct_text(value: float) -> str:
    return ("△" if value < 0 else "+" if value > 0 else "") + f"{abs(value):.1f}%"


ROUNDING_NOTE = "반올림 차이"
"""What a plan-against-budget difference within the printed rounding is called (see :func:`plan_vs_actual`)."""


def plan_vs_actual(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Next year's plan in one report against that year's programs in the next report, where
    both reports exist (``program_lineage`` kind ``plan_vs_actual``), per lineage group.

    ``status`` says what happened in the words an analyst expects: the link (같은 사업, 명칭
    변경, 통합, 분리, 재편) and the money (``같은 사업, 예산 증액 +37.9%``, ``통합, 예산 감액
    △30.4%``, ``같은 사업, 계획 금액 그대로``), or the program on one side alone (계획 후 실적
    없음, 계획 외 사업). A difference no larger than the printed rounding of the two amounts
    (half the step of each, :func:`printed_step`: a plan printed ``109.6백만원`` against a budget
    of 109,588천원) is no change: ``같은 사업, 계획 금액 그대로 (백만원 단위 반올림 차이)``, its diff
    and diff_pct left empty rather than a △12천원 the printing made.

    Returns
    -------
    pandas.DataFrame
        district, department, year (the planned year), relation (the lineage's), status, plan
        (names), actual (names), planned (소요예산, 천원), budget (the next report's 예산액,
        천원), diff, diff_pct.
    """
    l = tables["program_lineage"]
    df = _lineage_amounts(tables, l[l["kind"] == "plan_vs_actual"])
    df = df.merge(tables["reports"][["report_id", "district", "department"]], on="report_id", how="left")
    steps: dict[tuple[str, str], float] = {}
    status = []
    for i, r in df.iterrows():
        if pd.isna(r["before"]) or pd.isna(r["after"]):
            status.append(r["relation"])
            continue
        for key in ((r["report_id"], "plan"), (r["to_report_id"], "actual")):
            if key not in steps:
                steps[key] = printed_step(tables, *key)
        half = (steps[(r["report_id"], "plan")] + steps[(r["to_report_id"], "actual")]) / 2
        change = int(r["change"])
        if change == 0:
            money = "계획 금액 그대로"
        elif abs(change) <= half:
            units = [str(meta(tables, rid).get("money_unit")) for rid, stage in ((r["report_id"], "plan"), (r["to_report_id"], "actual")) if steps[(rid, stage)]]
            money = f"계획 금액 그대로 ({'·'.join(dict.fromkeys(units))} 단위 {ROUNDING_NOTE})"
            df.loc[i, ["change", "change_pct"]] = pd.NA
        else:
            word, sign = ("증액", "+") if change > 0 else ("감액", "△")
            pct = r["change_pct"]
            money = (f"예산 {word} {_pct_text(pct)}" if pd.notna(pct) and round(abs(pct), 1) > 0
                     else f"예산 {word} {sign}{abs(change):,}천원" + (" (0.1% 미만)" if pd.notna(pct) else ""))
        status.append(f"{r['relation']}, {money}")
    df["status"] = status
    df = df.rename(columns={"to_year": "year", "from": "plan", "to": "actual", "before": "planned", "after": "budget", "change": "diff", "change_pct": "diff_pct"})
    return df[["district", "department", "year", "relation", "status", "plan", "actual", "planned", "budget", "diff", "diff_pct"]].reset_index(drop=True)


def team_budget_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Program budgets (this year's, ``actual``) by district, department, team and year (the
    programs' own year, ``programs.year``), with the executed amount and rate: the trend where a
    department has several years of reports. Where two reports give the same year's results,
    the later one's are kept."""
    p = tables["programs"]
    r = tables["reports"][["report_id", "district", "department", "year", "as_of"]].rename(columns={"year": "report_year"})
    p = p[p["stage"] == "actual"].merge(r, on="report_id")
    # Two reports with the same year's results (November's and the next February's): the later.
    keep = _latest_per_year(p.drop_duplicates("report_id"), ["district", "department", "year"])["report_id"]
    p = p[p["report_id"].isin(keep)]
    g = p.groupby(["district", "department", "team", "year"], as_index=False)[["budget", "executed"]].sum()
    g["rate"] = _rate(g["executed"], g["budget"]).round(1)
    return g.sort_values(["district", "department", "team", "year"]).reset_index(drop=True)


def departments_with_years(tables: dict[str, pd.DataFrame], minimum: int = 2) -> list[tuple[str, str]]:
    """(district, department) pairs with reports of at least ``minimum`` different years."""
    r = tables["reports"].groupby(["district", "department"])["year"].nunique()
    return [k for k, n in r.items() if n >= minimum]
