"""Random but consistent 주요업무 보고 texts, with the tables a correct parser must read from them.

For property tests and benchmarks: :func:`generate_report` writes a report in the layout of
the bundled one (``data/raw/yeongdeungpo_vision-cooperation_2022.txt``, see
``docs/report_format.md``) and returns, next to the text, the expected contents of the
contract's tables as plain Python. The arithmetic is consistent (계 = sum of the unit
projects, rates = executed ÷ budget rounded half up, funding parts add up, 과부족 = 현원 − 정원),
so a correct parse has no ``error`` finding.

>>> from synth import generate_report
>>> text, expected = generate_report(7)
>>> expected["reports"][0]["report_id"]                     # doctest: +SKIP
'영등포구_교통행정과_2019'
>>> expected["budget_units"][0]                             # doctest: +SKIP
{'unit': '주차질서 활성화', 'budget': Decimal('198888'), 'executed': Decimal('90527'), 'rate': Decimal('45.5')}

Everything is drawn from ``random.Random(seed)``: the same seed gives the same report.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from itertools import combinations
from pathlib import Path

from analysis.interpret.layout import load_layout
from analysis.interpret.numbers import rate_of

__all__ = ["DEPARTMENTS", "LOCAL_GOVERNMENTS", "THEMES", "corpus_plan", "generate_corpus", "generate_report"]

# --- word lists -------------------------------------------------------------------------------

# Seoul's 25 districts: the covers name one (the interpreter keeps no list; it reads the cover).
DISTRICTS = ["종로구", "중구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구", "노원구", "은평구", "서대문구", "마포구", "양천구", "강서구", "구로구", "금천구", "영등포구", "동작구", "관악구", "서초구", "강남구", "송파구", "강동구",]

# Other local governments (시·군·구 of every province; names that repeat across cities, such as
# 중구 or 고성군, are kept once so that a name is one report_id): with Seoul's, 153 in all.
OTHER_GOVERNMENTS = [
    "수원시", "성남시", "의정부시", "안양시", "부천시", "광명시", "평택시", "동두천시", "안산시", "고양시", "과천시", "구리시",
    "남양주시", "오산시", "시흥시", "군포시", "의왕시", "하남시", "용인시", "파주시", "이천시", "안성시", "김포시", "화성시",
    "광주시", "양주시", "포천시", "여주시", "연천군", "가평군", "양평군",
    "춘천시", "원주시", "강릉시", "동해시", "태백시", "속초시", "삼척시", "홍천군", "횡성군", "영월군", "평창군", "정선군",
    "철원군", "화천군", "양구군", "인제군", "고성군", "양양군",
    "청주시", "충주시", "제천시", "보은군", "옥천군", "영동군", "증평군", "진천군", "괴산군", "음성군", "단양군",
    "천안시", "공주시", "보령시", "아산시", "서산시", "논산시", "계룡시", "당진시", "금산군", "부여군", "서천군", "청양군",
    "홍성군", "예산군", "태안군",
    "전주시", "군산시", "익산시", "정읍시", "남원시", "김제시", "완주군", "진안군", "무주군", "장수군", "임실군", "순창군",
    "고창군", "부안군",
    "목포시", "여수시", "순천시", "나주시", "광양시", "담양군", "곡성군", "구례군", "고흥군", "보성군", "화순군", "장흥군", "강진군",
    "해운대구", "수영구", "사하구", "금정구", "수성구", "달서구", "달성군", "연수구", "남동구", "부평구", "계양구", "미추홀구",
    "강화군", "옹진군", "광산구", "유성구", "대덕구", "울주군",
    "포항시", "경주시", "김천시", "안동시", "구미시", "영주시", "영천시", "상주시",
]
LOCAL_GOVERNMENTS = DISTRICTS + OTHER_GOVERNMENTS

# Department names, none containing a district's name or stem (the cover is searched for those).
DEPARTMENTS = [
    "비전협력과", "일자리정책과", "문화체육과", "복지정책과", "도시계획과", "환경과", "교통행정과", "보건정책과",
    "교육지원과", "자치행정과", "기획예산과", "주택정책과", "공원녹지과", "청소행정과", "지역경제과", "스마트도시과",
    "가족정책과", "생활보장과", "건축과", "치수과", "감사담당관", "홍보담당관", "재무과", "세무과",
    "민원여권과", "어르신복지과", "아동청소년과", "여성가족과", "체육진흥과", "관광과", "위생과", "건강증진과",
    "공공시설과", "도로과", "주차관리과", "안전총괄과", "기후환경과", "정보통신과", "부동산정보과", "행정지원과",
]

# A team's theme: its name and the words its duties and programs are made of. The keywords of
# different themes share no character pair, so a program's team can be inferred from them.
THEMES: list[dict] = [
    {"team": "대외협력팀", "words": ["친선도시", "국제교류", "자매결연", "해외협력"]},
    {"team": "금융특구팀", "words": ["금융교육", "금융중심지", "핀테크", "금융상담"]},
    {"team": "의료관광팀", "words": ["의료관광", "외국인환자", "메디컬특구", "의료기관"]},
    {"team": "건강도시팀", "words": ["건강도시", "건강생활", "걷기운동", "금연클리닉"]},
    {"team": "일자리정책팀", "words": ["공공일자리", "취업박람회", "직업훈련", "구인구직"]},
    {"team": "창업지원팀", "words": ["청년창업", "창업공간", "소상공인", "창업보육"]},
    {"team": "환경정책팀", "words": ["미세먼지", "탄소중립", "재활용", "녹색환경"]},
    {"team": "문화예술팀", "words": ["문화예술", "지역축제", "공연예술", "생활문화"]},
    {"team": "평생교육팀", "words": ["평생학습", "인문학강좌", "학습동아리", "배움터"]},
    {"team": "복지정책팀", "words": ["어르신돌봄", "저소득층", "복지관", "돌봄서비스"]},
    {"team": "교통행정팀", "words": ["주차질서", "대중교통", "버스정류소", "자전거도로"]},
    {"team": "안전관리팀", "words": ["재난대응", "안전점검", "풍수해", "방범시설"]},
    {"team": "스마트정보팀", "words": ["스마트도시", "공공와이파이", "사물인터넷", "디지털플랫폼"]},
    {"team": "평화통일팀", "words": ["평화통일", "남북교류", "통일교육", "탈북민"]},
]

_PROGRAM_SUFFIXES = ["활성화", "기반조성", "지원 확대", "운영", "사업 추진", "역량 강화", "내실화", "홍보 강화"]
_DUTY_SUFFIXES = ["추진", "운영 지원", "계획 수립·시행", "기반 조성", "활성화", "사업발굴 및 추진", "홍보·마케팅"]
_UNIT_SUFFIXES = ["활성화", "지원", "운영", "육성"]
_OTHER_UNITS = ["기본경비", "내부거래지출 (기금전출금)", "행정운영경비", "시설물 유지관리"]
_SLOGANS = ["희망 행복 미래도시", "함께 여는 미래", "구민이 행복한", "더 큰 도약", "새로운 변화"]
_GOALS = ["상생협력의 공동 발전을 도모하고자 함", "구민 삶의 질 향상에 기여하고자 함", "지역사회 활성화를 도모하고자 함",
          "구민 만족도를 높이고자 함", "지속가능한 발전 기반을 마련하고자 함"]
_ACTIVITIES = ["교육", "설명회", "캠페인", "간담회", "체험행사", "상담", "워크숍", "현장점검"]
_TARGETS = ["구민", "어르신", "청소년", "관내 기업", "주민", "자원봉사자"]
_PLACES = ["구청 대강당", "관내 주민센터", "지역 복지관", "구민회관"]
_PARTNER_REGIONS = {
    "국내": [("경남", "고성군"), ("전남", "영암군"), ("충남", "청양군"), ("충북", "충주시"), ("광주", "남구"), ("경북", "울릉군"), ("강원", "홍천군")],
    "국외": [("중국", "문두구구"), ("일본", "기시와다시"), ("미국", "몬테레이파크시"), ("중국", "황포구"), ("베트남", "다낭시")],
}
_STAFF_CATEGORIES = [
    ("일 반 직", ["4급", "5급", "6급", "7급", "8급", "9급"]),
    ("관리운영직", ["6급", "7급", "8급", "9급"]),
    ("별정직·임기제", ["6급", "7급", "8급", "9급"]),
    ("공무직", ["가급", "나급"]),
]
# Printed names of funding sources (all aliases of layout.toml [funding_sources]).
_FUNDING_PRINTED = {"국비": ["국", "국비"], "시비": ["시", "시비"], "구비": ["구비", "구"], "기금": ["기금"], "특별교부금": ["특교", "특별교부금"]}
_CIRCLED = [chr(0x2460 + i) for i in range(20)]
_GRANULARITY = {"원": 1, "천원": 1, "만원": 1, "백만원": 10, "억원": 100}  # amounts drawn in multiples of this (천원)
_METRIC_UNITS = ["회", "명", "개소", "건", "부", "곳"]


# --- printing -------------------------------------------------------------------------------


def _plain(value: Decimal) -> Decimal:
    """The value with no trailing zeros and no exponent (12.50 → 12.5, 1E+3 → 1000)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def _num(value: Decimal) -> str:
    """A printed number: thousands commas, △ for minus, - for zero, only the decimals it needs."""
    value = _plain(value)
    if value == 0:
        return "-"
    sign = "△" if value < 0 else ""
    exponent = value.as_tuple().exponent
    decimals = -exponent if exponent < 0 else 0
    return f"{sign}{abs(value):,.{decimals}f}"


def _amount(value: Decimal) -> str:
    """A number inside a funding split (0 prints as 0: the split reads no '-')."""
    return "0" if value == 0 else _num(value)


def _spaced(word: str) -> str:
    return " ".join(word)


# --- the generator --------------------------------------------------------------------------


class _Report:
    def __init__(self, rng: random.Random, district: str, department: str, year: int, n_units: int, n_programs: int, money_unit: str):
        self.rng = rng
        self.district = district
        self.department = department
        self.year = year
        self.plan_year = year + 1
        self.n_units = n_units
        self.n_programs = n_programs
        self.money_unit = money_unit
        self.factor = load_layout().money_units[money_unit]  # printed value × factor = 천원
        self.gran = _GRANULARITY[money_unit]
        self.lines: list[str] = []
        self.expected: dict[str, list[dict]] = {}
        self.meta: dict = {}

    # values ------------------------------------------------------------------------------
    def printed(self, cheonwon: int | Decimal) -> str:
        return _num(Decimal(cheonwon) / self.factor)

    def printed_part(self, cheonwon: int | Decimal) -> str:
        return _amount(Decimal(cheonwon) / self.factor)

    def money(self, lo: int, hi: int) -> int:
        """A budget in 천원: sometimes round, sometimes not, a multiple of the granularity."""
        rng = self.rng
        step = rng.choice([self.gran, self.gran, 100, 500, 1000]) if self.gran < 100 else rng.choice([self.gran, 1000])
        step = max(step, self.gran)
        return rng.randint(max(lo // step, 1), max(hi // step, 1)) * step

    def executed_of(self, budget: int) -> int:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return budget
        low = max(self.gran, budget // 5)
        return rng.randint(low // self.gran, budget // self.gran) * self.gran

    def rate_text(self, executed: int, budget: int) -> tuple[str, Decimal]:
        if executed == 0:
            return "-", Decimal(0)
        rate = rate_of(Decimal(executed), Decimal(budget), 1)
        if rate == 100 and self.rng.random() < 0.6:
            return "100", Decimal(100)
        return str(rate), rate

    # sections ----------------------------------------------------------------------------
    def build(self) -> tuple[str, dict]:
        rng = self.rng
        self.themes = rng.sample(THEMES, rng.randint(2, min(5, self.n_programs)))
        self.numerals = rng.choice([("I", "II", "III"), ("Ⅰ", "Ⅱ", "Ⅲ"), ("I", "Ⅱ", "Ⅲ")])
        self.spaced_numeral = rng.random() < 0.7  # "II ." or "II."
        self.cover()
        self.organization()
        self.staffing()
        self.budget_values()
        self.budget_table()
        self.results()
        self.plans()
        text = "\n".join(self.lines) + "\n"
        expected = dict(self.expected)
        expected["meta"] = self.meta
        return text, expected

    def heading(self, k: int, title: str) -> str:
        return f"{self.numerals[k]}{' ' if self.spaced_numeral else ''}. {title}"

    def cover(self):
        rng = self.rng
        year = self.year
        session_no = rng.randint(200, 350)
        with_name = rng.random() < 0.5
        session = f"제{session_no}회 {self.district if with_name else self.district[-1]}의회 제{rng.randint(1, 2)}차 정례회"
        start = dt.date(year, rng.choice([9, 11, 11, 12]), rng.randint(1, 25))
        end = start + dt.timedelta(days=rng.randint(5, 30))
        dates = f"{start.year}. {start.month}. {start.day}. ~ " + (f"{end.year}. " if end.year != start.year else "") + f"{end.month}. {end.day}."
        stem = self.district[:-1] if len(self.district) > 2 else self.district
        dept_printed = self.department if rng.random() < 0.5 else self.department[:2] + " " + self.department[2:]
        self.lines += [
            "", "", session, "", dates, "", f"{rng.choice(_SLOGANS)} {stem}", "", f"{year}년 주요업무 보고", "", "", "",
            dept_printed, "", "보고 순서", "",
            f"{self.heading(0, '일반 현황')}\t· · · 1",
            f"{self.heading(1, '주요업무 추진실적')}\t· · · 3",
            f"{self.heading(2, f'{self.plan_year}년 주요업무 추진계획')}\t· · · {rng.randint(8, 20)}",
            "",
        ]
        self.as_of = dt.date(year, *rng.choice([(9, 30), (10, 31), (10, 31), (11, 30), (8, 31)]))
        while self.as_of >= start:  # a report is printed before its session: the month's end before it
            self.as_of = self.as_of.replace(day=1) - dt.timedelta(days=1)
        self.expected["reports"] = [{
            "report_id": f"{self.district}_{self.department}_{year}", "district": self.district, "department": self.department,
            "year": year, "plan_year": self.plan_year, "session": session,
            "session_start": start.isoformat(), "session_end": end.isoformat(), "as_of": self.as_of.isoformat(),
            "money_unit": self.money_unit,
        }]

    def organization(self):
        rng = self.rng
        self.team_duties: dict[str, list[str]] = {}
        for theme in self.themes:
            # Every theme word in some duty (so a program's team can be inferred from its name).
            words = rng.sample(theme["words"], len(theme["words"]))
            n = rng.randint(2, 4)
            cuts = sorted(rng.sample(range(1, len(words)), n - 1))
            groups = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)])]
            self.team_duties[theme["team"]] = [f"{rng.choice(['·', ' 및 '])}".join(g) + f" {rng.choice(_DUTY_SUFFIXES)}" for g in groups]
        teams = list(self.team_duties)
        cells = ['<ul style="list-style-type: none"> - ' + " - ".join(d) + " " for d in self.team_duties.values()]
        self.lines += [
            self.heading(0, "일반현황"), "", "1 조 직", "", f"{self.department} - ({len(teams)})개팀", "",
            "\t".join(teams), "\t".join(cells).rstrip(), "",
        ]
        self.expected["teams"] = [{"team": t, "duty": d} for t, ds in self.team_duties.items() for d in ds]

    def staffing(self):
        rng = self.rng
        cats = [_STAFF_CATEGORIES[0]] + [c for c in _STAFF_CATEGORIES[1:] if rng.random() < 0.6]
        columns = []
        for cat, grades in cats:
            keep = [g for g in grades if rng.random() < 0.8] or grades[:1]
            columns.append((cat, keep))
        head1, head2 = ["구 분", "계"], ["", ""]
        authorized, current = [], []
        rows = []
        for cat, grades in columns:
            for k, g in enumerate(grades):
                head1.append(cat if k == 0 else "")
                head2.append(g)
                a = rng.choice([0, 0, 1, 1, 2, 3, 5]) if cat.startswith("일") else rng.choice([0, 0, 0, 1, 2])
                c = max(0, a + rng.choice([0, 0, 0, 1, -1, 2, -2]))
                authorized.append(a)
                current.append(c)
                rows.append({"category": cat.replace(" ", ""), "grade": g, "authorized": a, "current": c, "gap": c - a})
        gaps = [c - a for a, c in zip(authorized, current)]

        def row(label, values):
            return "\t".join([label, _num(Decimal(sum(values)))] + [_num(Decimal(v)) for v in values])

        self.lines += [
            "2 인 력", "", "\t".join(head1), "\t".join(head2), row("정 원", authorized), row("현 원", current), row("과부족", gaps), "",
            "3 주요시설 및 장비", "", ": 해당없음", "",
        ]
        self.expected["staffing"] = rows

    def budget_values(self):
        """Programs' and unit projects' amounts: some units are exactly the sum of a group of
        programs (linked by the checks), the rest add up to no set of programs."""
        rng = self.rng
        n_prog, n_units = self.n_programs, self.n_units
        # Programs of part II, each of a team (theme).
        self.programs = []
        teams = list(self.team_duties)
        used_names = set()
        for no in range(1, n_prog + 1):
            team = teams[(no - 1) % len(teams)] if no <= len(teams) else rng.choice(teams)
            name = self.program_name(team, used_names)
            self.programs.append({"no": no, "team": team, "name": name})
        self.programs.sort(key=lambda p: teams.index(p["team"]))  # grouped by team, as reports are
        for no, p in enumerate(self.programs, 1):
            p["no"] = no
        # Groups of programs that make up a unit project.
        order = list(range(n_prog))
        rng.shuffle(order)
        groups: list[list[int]] = []
        while order and len(groups) < n_units - 1 and rng.random() < 0.6:
            size = min(len(order), rng.choice([1, 2, 2, 3]))
            groups.append(sorted(order[:size]))
            order = order[size:]
        for attempt in range(200):
            for p in self.programs:  # drawn again on each attempt: equal budgets can make links ambiguous
                p["budget"] = self.money(5_000, 500_000)
                p["executed"] = self.executed_of(p["budget"])
            units = []
            for g in groups:
                b = sum(self.programs[k]["budget"] for k in g)
                e = sum(self.programs[k]["executed"] for k in g)
                if rng.random() < 0.25:  # the unit's own executed figure may differ (a warning)
                    e = min(b, e + self.gran * rng.randint(1, 50))
                theme = next(t for t in self.themes if t["team"] == self.programs[g[0]]["team"])
                units.append({"name": f"{rng.choice(theme['words'])} {rng.choice(_UNIT_SUFFIXES)}", "budget": b, "executed": e, "group": g})
            others = rng.sample(_OTHER_UNITS, rng.randint(0, 2))
            while len(units) + len(others) < n_units:
                theme = rng.choice(self.themes)
                others.append(f"{rng.choice(theme['words'])} {rng.choice(_UNIT_SUFFIXES)}")
            for name in others[: n_units - len(units)]:
                b = self.money(5_000, 900_000)
                e = 0 if rng.random() < 0.05 else self.executed_of(b)
                units.append({"name": name, "budget": b, "executed": e, "group": None})
            rng.shuffle(units)
            names = [u["name"] for u in units]
            if len(set(names)) == len(names) and self._links_unique(units):
                break
        else:  # pragma: no cover - 200 draws without a unique linking never happened
            raise RuntimeError("could not draw unit budgets with unique links")
        self.units = units
        for u in units:
            for k in u["group"] or []:
                self.programs[k]["unit"] = u["name"]

    def _links_unique(self, units) -> bool:
        budgets = [p["budget"] for p in self.programs]
        sums = Counter()
        for size in range(1, len(budgets) + 1):
            for combo in combinations(budgets, size):
                sums[sum(combo)] += 1
        return all(sums[u["budget"]] == (1 if u["group"] else 0) for u in units)

    def program_name(self, team: str, used: set) -> str:
        rng = self.rng
        words = next(t["words"] for t in self.themes if t["team"] == team)
        for _ in range(50):
            name = f"{rng.choice(words)} {rng.choice(_PROGRAM_SUFFIXES)}"
            if rng.random() < 0.25:
                a, b = rng.sample(words, 2)
                name = f"{a}·{b} {rng.choice(_PROGRAM_SUFFIXES)}"
            if name not in used:
                used.add(name)
                return name
        name = f"{rng.choice(words)} {rng.choice(_PROGRAM_SUFFIXES)} {len(used) + 1}차"
        used.add(name)
        return name

    def budget_table(self):
        rng = self.rng
        total_b = sum(u["budget"] for u in self.units)
        total_e = sum(u["executed"] for u in self.units)
        header = "\t".join([rng.choice(["단위사업명", "단 위 사 업 명"]), rng.choice(["예 산 액", "예산액"]), rng.choice(["집 행 액", "집행액"]),
                            f"집행률(%) ({self.as_of.month}. {self.as_of.day}.기준)"])
        lines = ["4 예 산 현 황", "", f"(단위: {self.money_unit})", "", header]
        rate_text, _ = self.rate_text(total_e, total_b)
        lines.append("\t".join(["계", self.printed(total_b), self.printed(total_e), rate_text]))
        rows = []
        for u in self.units:
            rate_text, rate = self.rate_text(u["executed"], u["budget"])
            lines.append("\t".join([u["name"], self.printed(u["budget"]), self.printed(u["executed"]), rate_text]))
            rows.append({"unit": u["name"], "budget": Decimal(u["budget"]), "executed": Decimal(u["executed"]), "rate": rate, "as_of": self.as_of.isoformat()})
        self.lines += lines + [""]
        self.expected["budget_units"] = rows

    # part II -----------------------------------------------------------------------------
    def split(self, total: int) -> list[tuple[str, int]]:
        """Funding parts (canonical source, 천원) adding up to total."""
        rng = self.rng
        sources = ["구비"]
        for s, p in (("국비", 0.2), ("시비", 0.35), ("기금", 0.1), ("특별교부금", 0.05)):
            if rng.random() < p:
                sources.append(s)
        order = ["국비", "시비", "구비", "기금", "특별교부금"]
        sources.sort(key=order.index)
        units = total // self.gran
        if units < len(sources):
            sources = ["구비"]
        cuts = sorted(rng.sample(range(1, units), len(sources) - 1)) if len(sources) > 1 else []
        bounds = [0, *cuts, units]
        return [(s, (bounds[k + 1] - bounds[k]) * self.gran) for k, s in enumerate(sources)]

    def executed_split(self, parts: list[tuple[str, int]], executed: int) -> list[tuple[str, int]]:
        """Executed per source: each at most its budget part, adding up to executed."""
        rng = self.rng
        out, rest = [], executed
        for k, (s, b) in enumerate(parts):
            later = sum(bb for _, bb in parts[k + 1 :])
            if k == len(parts) - 1:
                e = rest
            else:
                lo, hi = max(0, rest - later), min(b, rest)
                e = rng.randint(lo // self.gran, hi // self.gran) * self.gran
                if e < lo:
                    e += self.gran
            out.append((s, e))
            rest -= e
        return out

    def split_text(self, parts, with_unit=False) -> str:
        rng = self.rng
        names = [rng.choice(_FUNDING_PRINTED[s]) for s, _ in parts]
        if "구" in names and len(parts) > 1:  # "구 18,500" next to "시 20,000" reads fine, but keep 구비 common
            names = [n if n != "구" else "구비" for n in names]
        unit = self.money_unit if with_unit else ""
        return ", ".join(f"{n} {self.printed_part(v)}{unit}" for n, (_, v) in zip(names, parts))

    def results(self):
        rng = self.rng
        pages = 4
        lines = [self.heading(1, "주요업무 추진실적"), "", "연번\t사 업 명\t쪽"]
        for p in self.programs:
            lines.append(f"{_CIRCLED[p['no'] - 1]}\t{p['name']}\t{pages}")
            pages += 1
        lines.append("")
        programs, funding, metrics, partners = [], [], [], []
        headed = []
        for p in self.programs:
            style = rng.choice(["heading+team", "heading+team", "none", "none", "heading", "team"])
            headed.append(style)
            if "heading" in style:
                lines += [f"{p['no']} {p['name']}", ""]
            if "team" in style:
                lines += [p["team"], ""]
            lines += [self.intro(p["team"], p["name"]), ""]
            if p["no"] == 1 and rng.random() < 0.4:
                lines += self.partner_table(partners)
            lines += ["□ 사업개요", "", "- 사업기간: 연중", f"- 주요내용: {self.topic(p['team'])} {rng.choice(_ACTIVITIES)} 운영", ""]
            lines += ["□ 주요 추진실적", ""]
            lines += self.result_lines(p, metrics)
            lines += ["", "□ 향후계획", "", f"- {self.topic(p['team'])} {rng.choice(_ACTIVITIES)} 추진: {rng.randint(11, 12)}월", ""]
            parts = self.split(p["budget"])
            eparts = self.executed_split(parts, p["executed"])
            rate_text, rate = self.rate_text(p["executed"], p["budget"])
            header = rng.choice(["예 산 액\t집 행 액\t집행률(%)", "예산액\t집행액\t집행률(%)"])
            lines += [
                "□ 예산현황", "", f"(단위: {self.money_unit})", "", header,
                f"{self.printed(p['budget'])} ({self.split_text(parts)})\t{self.printed(p['executed'])} ({self.split_text(eparts)})\t{rate_text}", "",
            ]
            programs.append({"year": self.year, "stage": "actual", "program_no": p["no"], "program": p["name"], "team": p["team"],
                             "unit": p.get("unit"), "budget": Decimal(p["budget"]), "executed": Decimal(p["executed"]), "rate": rate})
            for (s, b), (_, e) in zip(parts, eparts):
                funding.append({"year": self.year, "stage": "actual", "program_no": p["no"], "source": s, "budget": Decimal(b), "executed": Decimal(e)})
        self.lines += lines
        self.expected["programs"] = programs
        self.expected["program_funding"] = funding
        self.expected["metrics"] = metrics
        self.expected["partner_cities"] = partners
        self.meta["result_styles"] = headed

    def topic(self, team: str) -> str:
        theme = next(t for t in self.themes if t["team"] == team)
        return self.rng.choice(theme["words"])

    def intro(self, team: str, name: str) -> str:
        rng = self.rng
        theme = next(t for t in self.themes if t["team"] == team)
        a, b = rng.sample(theme["words"], 2)
        return f"{a} 및 {b} 분야의 다양한 사업을 내실있게 추진하여 {rng.choice(_GOALS)}"

    def result_lines(self, p, metrics) -> list[str]:
        """Results with figures: '- 구민 금융교육 실시: 12회 340명' (key, then the figures)."""
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 3)):
            subject = f"{rng.choice(_TARGETS)} {self.topic(p['team'])} {rng.choice(_ACTIVITIES)}"
            units = rng.sample(_METRIC_UNITS, rng.randint(1, 2))
            values = [rng.choice([rng.randint(1, 99), rng.randint(100, 9_999)]) for _ in units]
            figures = " ".join(f"{v:,}{u}" for v, u in zip(values, units))
            out.append(f"- {subject} 실시: {figures}")
            for v, u in zip(values, units):
                metrics.append({"year": self.year, "program_no": p["no"], "value": v, "unit": u, "kind": "result", "label": f"{subject} 실시"})
            if rng.random() < 0.4:
                out.append(f"- {rng.choice(_PLACES)}에서 {rng.choice(_ACTIVITIES)} 개최")
        return out

    def partner_table(self, partners: list) -> list[str]:
        rng = self.rng
        lines = ["□ 상호결연도시 현황", "", "구 분\t도 시 명"]
        for scope in ("국내", "국외"):
            cities = rng.sample(_PARTNER_REGIONS[scope], rng.randint(1, 4))
            cells = []
            for region, city in cities:
                relation = "우호" if scope == "국외" and rng.random() < 0.3 else "결연"
                cells.append(f"{region} {city}" + ("(우호)" if relation == "우호" else ""))
                partners.append({"scope": scope, "region": region, "city": city, "relation": relation})
            lines.append(f"{scope}({len(cities)}개)\t{', '.join(cells)}")
        return lines + [""]

    # part III ----------------------------------------------------------------------------
    def plans(self):
        rng = self.rng
        teams = list(self.team_duties)
        n = rng.randint(2, 6)
        used = {p["name"] for p in self.programs}
        plans = []
        for no in range(1, n + 1):
            team = teams[(no - 1) % len(teams)] if no <= len(teams) else rng.choice(teams)
            plans.append({"team": team, "name": self.program_name(team, used), "budget": self.money(5_000, 400_000)})
        plans.sort(key=lambda p: teams.index(p["team"]))
        lines = [self.heading(2, f"{self.plan_year}년 주요업무 추진계획"), "", "연번\t사 업 명\t쪽", "----\t-------\t---", ""]
        page = rng.randint(10, 15)
        for no, p in enumerate(plans, 1):
            lines.append(f"- {_CIRCLED[no - 1]} {p['name']} {page + no}")
        lines.append("")
        programs, funding = [], []
        styles = []
        for no, p in enumerate(plans, 1):
            style = rng.choice(["heading+team", "none", "none", "heading"])
            styles.append(style)
            if "heading" in style:
                lines += [f"{no} {p['name']}", ""]
            if "team" in style:
                lines += [p["team"], ""]
            lines += [self.intro(p["team"], p["name"]), "", "□ 사업개요", "", "- 추진기간: 연중",
                      f"- 주요내용: {self.topic(p['team'])} {rng.choice(_ACTIVITIES)}", "",
                      "□ 세부 추진계획", "", f"- {self.topic(p['team'])} {rng.choice(_ACTIVITIES)} 운영", "",
                      "□ 추진일정", "", f"- {rng.choice(_ACTIVITIES)} 추진: 연중", ""]
            parts = self.split(p["budget"])
            with_unit = rng.random() < 0.2
            lines += [f"□ 소요예산: 총 {self.printed(p['budget'])}{self.money_unit}({self.split_text(parts, with_unit)})", ""]
            programs.append({"year": self.plan_year, "stage": "plan", "program_no": no, "program": p["name"], "team": p["team"],
                             "unit": None, "budget": Decimal(p["budget"]), "executed": None, "rate": None})
            for s, b in parts:
                funding.append({"year": self.plan_year, "stage": "plan", "program_no": no, "source": s, "budget": Decimal(b), "executed": None})
        while lines and not lines[-1]:
            lines.pop()
        self.lines += lines
        self.expected["programs"] += programs
        self.expected["program_funding"] += funding
        self.meta["plan_styles"] = styles


def generate_report(
    seed: int,
    *,
    district: str = "영등포구",
    department: str | None = None,
    year: int | None = None,
    n_units: int | None = None,
    n_programs: int | None = None,
    money_unit: str = "천원",
) -> tuple[str, dict]:
    """A random, internally consistent 주요업무 보고 and the tables it should parse into.

    Parameters
    ----------
    seed : int
        Seed of ``random.Random``; the same seed (and options) gives the same report.
    district : str
        A local government of ``LOCAL_GOVERNMENTS`` (a Seoul district by default; a 시 or 군 has
        its council named ``○○시의회``, ``○○군의회``).
    department, year : optional
        Drawn from the seed when not given (``DEPARTMENTS``, 2015-2030).
    n_units, n_programs : int, optional
        Unit projects in the budget table (default 4-8) and programs in part II (default 4-10, at most 20).
    money_unit : str
        Unit of the amounts as printed: 천원 (default), 백만원 (with decimals), 원, 만원 or 억원.

    Returns
    -------
    tuple[str, dict]
        The text (``\\n`` line ends) and the expected values: table name → list of row dicts with
        the contract's columns minus ``report_id`` and ``source_line`` (``reports`` keeps
        ``report_id``; amounts are :class:`~decimal.Decimal` in 천원; ``programs.unit`` is the unit
        project the checks link the program to, or None), plus ``meta`` (how each program was
        laid out: with or without heading / team line).
    """
    rng = random.Random(seed)
    if money_unit not in _GRANULARITY:
        raise ValueError(f"money_unit must be one of {', '.join(_GRANULARITY)}, not {money_unit!r}")
    if district not in LOCAL_GOVERNMENTS:
        raise ValueError(f"district {district!r} is not one of LOCAL_GOVERNMENTS")
    department = department or rng.choice(DEPARTMENTS)
    year = year if year is not None else rng.randint(2015, 2030)
    n_units = n_units if n_units is not None else rng.randint(4, 8)
    n_programs = n_programs if n_programs is not None else rng.randint(4, 10)
    if not 1 <= n_programs <= 20 or n_units < 1:
        raise ValueError("n_programs must be 1-20 and n_units at least 1")
    report = _Report(rng, district, department, year, n_units, n_programs, money_unit)
    text, expected = report.build()
    expected["meta"].update({"seed": seed, "money_unit": money_unit})
    return text, expected


def generate_corpus(directory: Path | str, n: int, seed: int = 0, *, by_office: float | None = None, **options) -> list[Path]:
    """Write ``n`` generated reports as UTF-8 ``.txt`` files, each a different report_id.

    Local government, department and year are drawn without repetition (153 local governments ×
    40 departments × 26 years, 2010-2035: at most 159,120 reports), so a build of the folder has
    no duplicate report. Files are named ``synth_000000.txt`` … in the order drawn.

    By default the reports are drawn from all of them at once: a small corpus has about one
    report per department, a large one many years of each. ``by_office`` (a share, 0-1) draws
    office by office instead, in ``LOCAL_GOVERNMENTS`` order, each (department, year) of an
    office with that chance, in shuffled order: every department has the same share of its
    years at any ``n`` (a corpus that grows by adding offices, as the national one does), and
    the corpus of ``n`` is the first ``n`` files of any larger one with the same seed.

    Returns
    -------
    list[pathlib.Path]
        The files written, in order.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, (report_seed, district, department, year) in enumerate(corpus_plan(n, seed, by_office=by_office)):
        text, _ = generate_report(report_seed, district=district, department=department, year=year, **options)
        path = directory / f"synth_{k:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def corpus_plan(n: int, seed: int = 0, *, by_office: float | None = None) -> list[tuple[int, str, str, int]]:
    """The (report seed, local government, department, year) of each report
    :func:`generate_corpus` writes, in file order, without generating them."""
    years = list(range(2010, 2036))
    per_office = len(DEPARTMENTS) * len(years)
    total = len(LOCAL_GOVERNMENTS) * per_office
    if by_office is None:
        if n > total:
            raise ValueError(f"at most {total} distinct reports")
        rng = random.Random(seed)
        combos = rng.sample(range(total), n)
        return [(rng.randrange(2**32), LOCAL_GOVERNMENTS[d], DEPARTMENTS[dep], years[y])
                for d, rest in (divmod(c, per_office) for c in combos) for dep, y in [divmod(rest, len(years))]]
    if not 0 < by_office <= 1:
        raise ValueError("by_office must be a share above 0 and at most 1")
    plan = []
    for d, office in enumerate(LOCAL_GOVERNMENTS):
        rng = random.Random(f"{seed}-{d}")  # (each office its own draw: a corpus is the start of a larger one)
        drawn = [(dep, y) for dep in range(len(DEPARTMENTS)) for y in range(len(years)) if rng.random() < by_office]
        rng.shuffle(drawn)
        plan += [(rng.randrange(2**32), office, DEPARTMENTS[dep], years[y]) for dep, y in drawn]
        if len(plan) >= n:
            return plan[:n]
    raise ValueError(f"at most {len(plan)} distinct reports with by_office={by_office}")
