"""What a participation figure means: ``metrics.kind``.

A figure in a program's 주요 추진실적 is one of (see the contract in ``DESIGN.md``):

``result``
    what was achieved: people reached, sessions held, sites, copies (``3,224명``).
``rate``
    a figure per period (``1일 100회``: a broadcast rate, not 100 broadcasts).
``target``
    a requirement or a promise (``월 2회 이상``, ``목표 500명``, what ``향후계획`` promises).
``stock``
    a standing count (``팔로워수 146,867명``, a committee's members).
``change``
    a difference (``전년 대비 △5명``, ``207명 증가``), not a count.
``range``
    one end of a printed range (``100~150명``); the label keeps the range.
``part``
    a part of a figure beside it (``3,224명(어르신 1,200명, 청년 2,024명)``): counting it too
    would count the people twice.
``earlier``
    another year's figure printed to compare (``(2021년 1,150명)``), or the one a figure
    replaced (``(당초 1,200명)``).
``whole``
    the whole a result was drawn from, not itself reached: ``5개 동 중 3개 동`` (the 5),
    applicants before a later stage (``신청 120명 → 선정 80명``: the 120), attendances beside the
    people (``실인원 120명, 연인원 1,450명``: the 1,450).

The first four come from this module; the others from the words and figures around a figure
in its line and the lines beside it (:mod:`analysis.interpret.report`).

The words that decide are layout knowledge, kept in ``layout.toml [metric_kinds]``; this module
is a pure function of the text around the figure, so any parser (text, document model, typed
workbook) can call it.

>>> metric_kind("100회", "홍보영상·이미지 송출 (1일 ", ")", "송출", "내용")
'rate'
>>> metric_kind("2회", "플로깅 활동물품 지원 및 월 ", " 이상 플로깅 활동", "플로깅 활동", "주요내용")
'target'
>>> metric_kind("146,867명", "팔로워수 ", "", "다국어 SNS 채널 운영 — 팔로워수", "")
'stock'
>>> metric_kind("3,224명", "맞춤형 구민 금융교육 실시: 13개 과정 40회 ", "", "금융교육", "")
'result'
"""

from __future__ import annotations

import functools
import re

from analysis.interpret.layout import Layout, load_layout, squash

KIND_LABELS = {"result": "실적", "rate": "단위당 비율", "target": "목표·기준", "stock": "현황(누적)", "change": "증감", "range": "범위", "part": "내역(합계의 일부)", "earlier": "이전·다른 연도(비교)", "whole": "모수(신청·대상·연인원)"}
"""``metrics.kind`` in the words a councillor reads."""

KINDS = tuple(KIND_LABELS)
"""The values of ``metrics.kind``."""

_WORD = re.compile(r"[0-9A-Za-z가-힣]+")
_NEAR = 64  # characters next to the figure looked at first: a whole line only when a word crosses them


def _last_word(text: str) -> str:
    tail = text[-_NEAR:]
    words = _WORD.findall(tail)
    if len(text) > _NEAR and (not words or (len(words) == 1 and tail.startswith(words[0]))):
        words = _WORD.findall(text)  # the last word is before the tail, or may begin before it
    return words[-1] if words else ""


def _word_right_after(text: str) -> str:
    """The word right after a figure, in its clause (not one inside a bracket after it)."""
    m = re.match(r"\s*([가-힣]+)", text)
    return m.group(1) if m else ""


def _first_word(text: str) -> str:
    m = _WORD.search(text)
    return m.group(0) if m else ""


@functools.lru_cache(maxsize=4)
def _kind_words(layout: Layout) -> dict[str, frozenset[str]]:
    """``layout.toml [metric_kinds]`` as sets (looked up for every figure)."""
    return {group: frozenset(words) for group, words in layout.raw["metric_kinds"].items()}


# '1,234명(목표 1,200명 …)': the 목표 is the next figure's; '85가구(목표 대비 106%)', '(목표 달성)': the figure is done against it
_QUALIFIES_NEXT = re.compile(r"\s*[)）]?\s*[(（]\s*[가-힣]+\s*(?:\d|대비|달성|초과|의\s)")


_NEXT_CLAUSE = re.compile(r"\s*[,，;/]")
_CLAUSE_BEFORE_END = re.compile(r"[,，;]\s*$")


def qualifiers(before: str, after: str, layout: Layout | None = None) -> tuple[str, str]:
    """The qualifier words printed next to a figure: the period or target word right before it
    (``1일``, ``월``, ``목표``) and the target word right after it (``이상``), each ``""`` when
    there is none.

    Parameters
    ----------
    before, after : str
        The text of the line before and after the figure.
    layout : Layout, optional
        Default: the packaged ``layout.toml``.

    Returns
    -------
    tuple[str, str]
        ``(before_word, after_word)``.
    """
    words = _kind_words(layout or load_layout())
    # (each in the figure's own clause: '120명, 목표 250명', '당초 10회 계획, 8회 실시': the 목표, the 계획 are the other figure's)
    last = "" if _CLAUSE_BEFORE_END.search(before) else _last_word(before)
    first = "" if _NEXT_CLAUSE.match(after) else _first_word(after)
    pre = last if last in words["rate_before"] or last in words["target_before"] else ""
    if pre == "계획" and first in words["plan_made_after"]:
        pre = ""  # '사업 계획 3건 수립': plans drawn up, a result
    post = first if first in words["target_after"] and not _QUALIFIES_NEXT.match(after) else ""
    return pre, post


_CLAUSE_END = re.compile(r"[,，;/(（)）\[\]]|\d|\.(?!\d)")  # a clause ends at a separator, a bracket, a full stop or the next figure


_DATE_AFTER = re.compile(r"\s*\d{1,2}(?:\s*[~∼～\-]\s*\d{1,2})?\s*월(?:\s*\d{1,2}\s*일)?(?:\s*[~∼～\-]\s*\d{1,2}\s*월)?(?:\s*중)?")


_PLAN_CHANGED = re.compile(r"(?:예정|계획|목표)(?:이었|였)(?:으나|지만|는데)")


def _ends_planned(after: str, words: dict[str, frozenset[str]]) -> bool:
    """Whether the words after a figure, to the end of its clause, end in a word of a plan
    (``target_end``: ``3회 추가 운영 예정``, ``500명 참여 목표``), with no word between that says
    the figure was done first (``done_before_plan``, ``done_stems``, ``done_endings``:
    ``1,307명 수료 및 하반기 추가 교육 예정``, ``3회 운영 후 … 예정``)."""
    when = _DATE_AFTER.match(after)  # a date right after the figure is no next figure: '(1회 11월 예정)', '2회 12월 중 실시 예정'
    clause = _WORD.findall(_CLAUSE_END.split(after[when.end() if when else 0:][:_NEAR], 1)[0])
    if any(_PLAN_CHANGED.fullmatch(w) for w in clause):  # '12회 개최 계획이었으나 코로나로 8회 개최': the plan, then what was done
        return True
    if not clause or not clause[-1].endswith(tuple(words["target_end"])):
        return _bracket_planned(after, words)
    stems, endings = tuple(words["done_stems"]), tuple(words["done_endings"])
    # a stem right before the plan word is what is planned ('1,307명 수료 예정', '3회 완료 예정')
    return not any(w in words["done_before_plan"] or (w.startswith(stems) and not (n == len(clause) - 2 and w in stems)) or w.endswith(endings)
                   for n, w in enumerate(clause[:-1]))


_BRACKET_AFTER = re.compile(r"\s*((?:[가-힣]+\s*){0,2})[(（]([^()（）]*)[)）]")
_DATE_BIT = re.compile(r"\d+\s*(?:월|일|분기|\.)|[~∼～\-]")


def _bracket_planned(after: str, words: dict[str, frozenset[str]]) -> bool:
    """Whether a bracket right after the figure and its verb says it is planned: a date at most and
    the plan word (``1,307명 수료(예정)``, ``3회 운영(11월 예정)``), or, right after the figure, a
    verb and the plan word (``1,307명(12월 수료 예정)``); not a bracket of something else to come
    (``300명 참여(만족도 조사 예정)``) nor one with another figure (``(11월 1회 예정)``: a part is
    planned)."""
    m = _BRACKET_AFTER.match(after)
    if m is None or any(c.isdigit() for c in _DATE_BIT.sub(" ", m.group(2))):
        return False
    inside = _WORD.findall(_DATE_BIT.sub(" ", m.group(2)))
    return (0 < len(inside) <= (1 if m.group(1).strip() else 2) and inside[-1].endswith(tuple(words["target_end"]))
            and not any(w in words["done_before_plan"] for w in inside))


_PER = re.compile(r"\s*/\s*1?\s*([가-힣]+)(?![가-힣]|\s*\d)")  # not '1,240건 / 연 1,500건 목표': another figure


def _per_after(after: str, words: dict[str, frozenset[str]]) -> bool:
    """Whether the figure is one per something, written with a slash (``40명/회``, ``3회/월``,
    ``5명/팀``, ``2회/1개소``, ``20명/회당``): no count of its own (layout.toml ``per_after_slash``)."""
    m = _PER.match(after)
    return m is not None and m.group(1).removesuffix("당") in words["per_after_slash"]


_CLAUSE_START = re.compile(r".*[,，;/(（)）\[\]:：]")


def _averaged(before: str) -> bool:
    """Whether an average word stands among the three words before the figure in its clause
    (``1일 평균 이용자 45명``, ``회당 평균 참여 20명``): an average, no count."""
    clause = _CLAUSE_START.sub("", before[-_NEAR:])
    return any("평균" in w for w in _WORD.findall(clause)[-3:])


def _not_done(after: str, words: dict[str, frozenset[str]]) -> bool:
    """Whether one of the two words after the figure says it was not done (``6회 취소``,
    ``2회 연기``, ``3회는 코로나19로 취소``: layout.toml ``not_done_after``)."""
    clause = _WORD.findall(re.split(r"[,，;/(（)）\[\]]|\.(?!\d)", after[:_NEAR], maxsplit=1)[0])
    return any(w in words["not_done_after"] for w in clause[:3])


def _per_head_before(before: str, words: dict[str, frozenset[str]]) -> bool:
    """Whether a per-head word (…당 of rate_before) is the word before the figure's last one in its
    clause (``1인당 연 2회 지원``, ``가구당 월 10만원``): a figure per head, whatever the period word."""
    clause = _WORD.findall(_CLAUSE_START.sub("", before[-_NEAR:]))
    return len(clause) >= 2 and clause[-2].endswith("당") and clause[-2] in words["rate_before"]


_CUMULATIVE_AFTER = re.compile(r"\s*[(（]\s*(?:누적|누계)\s*(?:인원|기준|실적)?\s*[)）]")  # '등록 1,230명(누적)': a standing count
_ONE_PER = re.compile(r"1\s*[가-힣]+$")
_PER_ONE_AFTER = re.compile(r"\s*(?:평균|당|마다|기준)(?![가-힣])")


_CONDITION = frozenset({"시", "경우", "가능", "조건", "때", "부터", "대상", "이면"})  # '5명 이상 참여 시 지원': a condition


def metric_kind(value_text: str, before: str, after: str, label: str, key: str, layout: Layout | None = None) -> str:
    """The kind of one participation figure: ``result``, ``rate``, ``target`` or ``stock``.

    Parameters
    ----------
    value_text : str
        The figure as printed, with its counter word (``"100회"``).
    before, after : str
        The text of the same line (after any ``key:``) before and after the figure.
    label : str
        The figure's label as stored in ``metrics.label``; of ``"heading — clause"`` only the
        clause (the figure's own words) is looked at for stock words, so 2 meetings of a
        committee (``남북교류협력위원회 운영 — 서면회의 실시``) are a result and its 14 members
        (``… — 위원장 포함 구성``) a stock.
    key : str
        The word before the line's ``:`` (``"주요내용"``, ``"목표"``), or ``""``.
    layout : Layout, optional
        Default: the packaged ``layout.toml``.

    Returns
    -------
    str
        ``result``, ``rate``, ``target`` or ``stock``. Target is tried first (``월 2회 이상`` is a requirement, though it
        has a period), then rate, then stock; anything else is a result.
    """
    words = _kind_words(layout or load_layout())
    pre, post = qualifiers(before, after, layout)
    if post == "이상":  # '300명 이상 참여': done, not required; '… 참여 목표', '… 참여 시 지원', '30명 이내 접수' are
        following = _WORD.findall(after[:_NEAR])[1:4]
        if (following[:1] and following[0] in words["achieved_after"]
                and not any(w in words["target_after"] or w in _CONDITION for w in following[1:])):
            post = ""
    if pre in ("최대", "최소") and _last_word(before[: before.rfind(pre)]) in words["rate_before"]:
        return "rate"  # '1일 최대 350명 이용': a day's peak, no requirement
    if _not_done(after, words):
        return "target"  # '6회 취소', '2회 코로나19로 연기': planned, not held
    last = _last_word(before)
    last_two = "".join(_WORD.findall(before[-_NEAR:])[-2:])  # '예정 인원 25명': 예정인원
    if (post or pre in words["target_before"] or squash(key) in words["target_keys"] or _ends_planned(after, words)
            or ((last in words["capacity_before"] or last_two in words["capacity_before"] or (not before.strip() and squash(key) in words["capacity_before"]))
                and value_text.rstrip().endswith("명") and not after.lstrip().startswith(("전원", "모두")))):
        return "target"
    if pre in words["rate_before"] or _per_after(after, words) or _averaged(before) or _per_head_before(before, words) or after.startswith("씩"):
        return "rate"  # ('4개소씩 운영': so many each, no total)
    if _ONE_PER.match(value_text) and _PER_ONE_AFTER.match(after):
        return "rate"  # '(1회 평균 25명)': the one of 'per one', no count
    clause = label.rsplit(" — ", 1)[-1]  # "activity — the figure's own words": the heading does not count
    context = squash(f"{clause} {last}")
    for w in words["stock_not"]:  # '위원회 회의 3회 개최': meetings held, though 위원회 holds 위원
        context = context.replace(w, "")
    if (any(w in context for w in words["stock_words"]) or last in words["stock_before"] or _word_right_after(after) in words["stock_after"]
            or _CUMULATIVE_AFTER.match(after)):
        return "stock"
    if last in words["member_before"] and not _word_right_after(after):
        return "stock"  # '정기총회 개최(회원 150명)': the members, not people reached ('회원 35명 신규 가입', '회원 120명 참여': what they did)
    return "result"


def keep_qualifier(label: str, value_text: str, before: str, after: str, layout: Layout | None = None) -> str:
    """``label`` with the figure put back between its qualifier words, so the label says what the
    number was: ``"… 월 이상 플로깅 활동"`` → ``"… 월 2회 이상 플로깅 활동"``, ``"… 송출 1일"`` →
    ``"… 송출 1일 100회"``. A label without qualifier words is returned unchanged; one whose
    qualifier words are not found in it gets them appended in parentheses.
    """
    pre, post = qualifiers(before, after, layout)
    if not (pre or post):
        if after.startswith("씩") and "씩" in label:  # '… 4개소씩 운영'
            at = label.find("씩")
            return label[:at].rstrip() + f" {value_text}" + label[at:]
        per = _PER.match(after)
        if per is not None and _per_after(after, _kind_words(layout or load_layout())):
            return f"{label} ({value_text}/{per.group(1)})"  # '… (40명/회)'
        return label
    bare = " ".join(w for w in (pre, post) if w)
    full = " ".join(w for w in (pre, value_text, post) if w)
    at = label.rfind(bare)
    if at != -1:
        return label[:at] + full + label[at + len(bare):]
    return f"{label} ({full})"


def kind_of_typed(value, unit: str | None, label: str | None, layout: Layout | None = None) -> str:
    """The kind of a figure typed into a workbook with its kind left blank, from its label, which
    keeps the qualifier (``"… 송출 1일 100회"``): the words around the figure where the label
    has it (``100회`` or ``1,000회``), else the label as the text before the figure."""
    label, unit = label or "", unit or ""
    texts = [f"{value}{unit}"]
    if str(value).isdigit():
        texts.insert(0, f"{int(value):,}{unit}")
    for text in texts:
        at = label.find(text)
        if at != -1:
            return metric_kind(text, label[:at], label[at + len(text):], label, "", layout)
    return metric_kind(texts[-1], label, "", label, "", layout)
