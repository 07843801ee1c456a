"""The 审核 checks of ``review_rules.RULES``, over plain facts read by ``services.review``.

What "nothing behind" an activity direction means (rule S08). Section 三 of
附件3 asks, per 创新活动方向, what the enterprise did, and offers fourteen
其他创新活动 boxes. A direction is *filled* when its text says something (a
bare "无", "/", "暂无" is read as "none", not as a claim); a filled direction has
something behind it when the return's own figures show it:

- 创新投入: some R&D spending, equipment or R&D assets in sections 一 or 二;
- 创新人才: some R&D staff in sections 一 or 二, or box 10 (引进高水平技术人才);
- 创新项目 and 技术研发: a project in section 二 (技术研发 also: an institution
  with R&D spending);
- 创新平台: an R&D institution in section 一 (期末机构数 above 0);
- 技术合作: box 7 (与领军企业开展创新合作), 9 (购买技术…) or 11 (产学研合作).

A ticked box has something behind it when: box 1 (成立企业内部研究机构) an
institution in section 一; box 8 (购置研发、实验、检测仪器设备) equipment or R&D
assets above 0; any other box a written direction in section 三 (a tick with not
one word of what was done is nothing behind it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app import i18n
from desktop_app.domain.coverage import check_signoff, money, rd_spending
from desktop_app.domain.review_rules import Finding, finding
from desktop_app.domain.schedule import shift_period
from desktop_app.domain.survey import DIRECTIONS, Institution, Project, SurveyReturn
from desktop_app.i18n import QT_TRANSLATE_NOOP

CHANGE_LIMIT = 0.5  # R&D spending against the same period last year: beyond ±50 % asks for 核实
NOTHING = frozenset({"无", "暂无", "没有", "无此项", "未开展", "否", "略", "空", "/", "-", "—", "——", "0", "无。"})
TICK_INSTITUTION, TICK_EQUIPMENT, TICK_TALENT = 1, 8, 10
COOPERATION_TICKS = frozenset({7, 9, 11})


@dataclass(frozen=True)
class ReturnFacts:
    """One enterprise's return for the reviewed period, with what the checks compare it to."""

    ret: SurveyReturn
    survey_id: str
    enterprise: str                      # name, for the message
    evidence_files: int                  # on the return
    last_year: float | None = None       # R&D spending of the same period last year (None: no return)
    signed_off: bool = False             # a 销号 confirmation is in force for the period


@dataclass(frozen=True)
class SignoffFacts:
    """A 销号 confirmation made for the reviewed period."""

    signoff_id: str
    enterprise_id: str
    enterprise: str
    evidence_files: int                  # on its return and on the decision itself


@dataclass(frozen=True)
class ProgressFacts:
    entry_id: str
    task_id: str
    task: str
    department: str
    status: str
    evidence_files: int
    before: str | None = None            # status of the month before (None: no entry)


@dataclass(frozen=True)
class Facts:
    period: str
    this_month: str                      # the calendar month of the review (a later period is in the future)
    today: str                           # ISO date
    returns: tuple[ReturnFacts, ...] = ()
    signoffs: tuple[SignoffFacts, ...] = ()
    progress: tuple[ProgressFacts, ...] = field(default=())


def _num(value: float) -> str:
    """12 → "12", 100.50 → "100.5", 1234567.25 → "1234567.25" (万元 as typed, no exponent)."""
    return f"{money(value):.2f}".rstrip("0").rstrip(".")


def _staff_spending(staff: int, spending: float) -> str | None:
    if staff > 0 and spending == 0:
        return i18n.tr("有研发人员 {n} 人，研发费用却为 0").format(n=staff)
    if spending > 0 and staff == 0:
        return i18n.tr("有研发费用 {v} 万元，研发人员却为 0").format(v=_num(spending))
    return None


def _institution(f: ReturnFacts, inst: Institution, row_id: str, period: str) -> list[Finding]:
    eid = f.ret.enterprise_id
    if inst.count == 0:
        parts = ([i18n.tr("研发人员 {n} 人").format(n=inst.staff)] if inst.staff else []) + (
            [i18n.tr("研发费用 {v} 万元").format(v=_num(inst.spending))] if inst.spending else [])
        if parts:
            return [finding("S02", period, f.enterprise, row_id, enterprise_id=eid, row=inst.name, what="、".join(parts))]
        return []
    if what := _staff_spending(inst.staff, inst.spending):
        return [finding("S03", period, f.enterprise, row_id, enterprise_id=eid, row=inst.name, what=what)]
    return []


def _project(f: ReturnFacts, proj: Project, row_id: str, period: str) -> list[Finding]:
    if what := _staff_spending(proj.staff, proj.spending):
        return [finding("S04", period, f.enterprise, row_id, enterprise_id=f.ret.enterprise_id, row=proj.name,
                        what=what)]
    return []


def change(now: float, then: float | None) -> float | None:
    """The year-on-year change of R&D spending as a fraction (None: no base to compare with)."""
    if then is None or then <= 0:
        return None
    return (now - then) / then


def filled(text: str) -> bool:
    t = (text or "").strip()
    return bool(t) and t not in NOTHING


def unbacked(ret: SurveyReturn) -> tuple[list[str], list[int]]:
    """The directions filled and the boxes ticked with nothing behind them (see the module text)."""
    inst = [i for i in ret.institutions if i.count > 0]
    spending = sum(i.spending for i in ret.institutions) + sum(p.spending for p in ret.projects)
    kit = sum(i.equipment_value for i in ret.institutions) + sum(p.assets for p in ret.projects)
    ticks = set(ret.other_activities)
    backed = {
        "innovation_input": spending > 0 or kit > 0,
        "innovation_talent": ret.rd_staff > 0 or TICK_TALENT in ticks,
        "innovation_project": bool(ret.projects),
        "innovation_platform": bool(inst),
        "tech_rd": bool(ret.projects) or any(i.spending > 0 for i in inst),
        "tech_cooperation": bool(ticks & COOPERATION_TICKS),
    }
    texts = [key for key, _ in DIRECTIONS if filled(ret.directions.get(key, ""))]
    directions = [key for key in texts if not backed[key]]
    boxes = []
    for n in sorted(ticks):
        if n == TICK_INSTITUTION:
            ok = bool(inst)
        elif n == TICK_EQUIPMENT:
            ok = kit > 0
        else:
            ok = bool(texts)
        if not ok:
            boxes.append(n)
    return directions, boxes


WANTING = {  # what a filled direction lacks when nothing is behind it
    "innovation_input": QT_TRANSLATE_NOOP("i18n", "没有研发费用、仪器设备或研发资产"),
    "innovation_talent": QT_TRANSLATE_NOOP("i18n", "没有研发人员，也未勾选第 10 项"),
    "innovation_project": QT_TRANSLATE_NOOP("i18n", "第二部分没有研发项目"),
    "innovation_platform": QT_TRANSLATE_NOOP("i18n", "第一部分没有研发机构"),
    "tech_rd": QT_TRANSLATE_NOOP("i18n", "没有研发项目，也没有机构研发费用"),
    "tech_cooperation": QT_TRANSLATE_NOOP("i18n", "未勾选第 7、9、11 项合作类活动"),
}


def _directions_text(directions: list[str], boxes: list[int]) -> str:
    labels = dict(DIRECTIONS)
    parts = [i18n.tr("填写了“{name}”，但{lack}").format(name=i18n.tr(labels[k]), lack=i18n.tr(WANTING[k]))
             for k in directions]
    if boxes:
        parts.append(i18n.tr("勾选了其他创新活动第 {n} 项，但没有相应的机构、设备或活动内容").format(
            n="、".join(str(b) for b in boxes)))
    return "；".join(parts)


def _activity(ret: SurveyReturn) -> str:
    c = check_signoff(ret.facts(0))
    names = [name for held, name in ((c.has_institution, i18n.tr("研发机构")), (c.has_rd_activity, i18n.tr("研发活动")),
                                     (c.has_other_activity, i18n.tr("其他创新活动"))) if held]
    return "、".join(names)


def check_return(f: ReturnFacts, facts: Facts, row_ids: tuple[tuple[str, ...], tuple[str, ...]]) -> list[Finding]:
    """Every finding on one return; ``row_ids``: the ids of its institution and project rows, in order."""
    p, eid, ret = facts.period, f.ret.enterprise_id, f.ret
    out: list[Finding] = []
    if ret.period > facts.this_month:
        out.append(finding("S01", p, f.enterprise, f.survey_id, enterprise_id=eid,
                           what=i18n.tr("报送期 {p} 在将来").format(p=ret.period)))
    elif ret.filled_on and ret.filled_on > facts.today:
        out.append(finding("S01", p, f.enterprise, f.survey_id, enterprise_id=eid,
                           what=i18n.tr("填表日期 {d} 在将来").format(d=ret.filled_on)))
    for inst, rid in zip(ret.institutions, row_ids[0], strict=True):
        out += _institution(f, inst, rid, p)
    for proj, rid in zip(ret.projects, row_ids[1], strict=True):
        out += _project(f, proj, rid, p)
    now = rd_spending(ret.facts(0))
    if (ch := change(now, f.last_year)) is not None and abs(ch) > CHANGE_LIMIT:
        out.append(finding("S05", p, f.enterprise, f.survey_id, enterprise_id=eid, now=_num(now),
                           then=_num(f.last_year or 0), then_period=last_year(p),
                           what=i18n.tr("增长") if ch > 0 else i18n.tr("下降"), pct=f"{abs(ch) * 100:.1f}"))
    if not f.signed_off and f.evidence_files == 0 and (activity := _activity(ret)):
        out.append(finding("S07", p, f.enterprise, f.survey_id, enterprise_id=eid, what=activity))
    directions, boxes = unbacked(ret)
    if directions or boxes:
        out.append(finding("S08", p, f.enterprise, f.survey_id, enterprise_id=eid,
                           what=_directions_text(directions, boxes)))
    return out


def check_signoff_evidence(s: SignoffFacts, period: str) -> list[Finding]:
    if s.evidence_files:
        return []
    return [finding("S06", period, s.enterprise, s.signoff_id, enterprise_id=s.enterprise_id)]


def check_progress(e: ProgressFacts, period: str, before_period: str) -> list[Finding]:
    out = []
    if e.status == "已完成" and e.evidence_files == 0:
        out.append(finding("T01", period, e.task, e.entry_id, task_id=e.task_id, department=e.department))
    if e.status == "滞后" and e.before == "滞后":
        out.append(finding("T02", period, e.task, e.entry_id, task_id=e.task_id, department=e.department,
                           before=before_period))
    return out


def last_year(period: str) -> str:
    """The same period a year before (the base of rule S05)."""
    return shift_period(period, -12)
