"""Rewards (奖补): matching ledger events to the policy's rules, and the rule
"同一企业(机构)的同一个项目(技术)……按最高等次奖励补助,不予重复奖励补助".

Plain data in, plain data out. The service layer turns ledger rows into
:class:`Event` and :class:`Decision` and the reward rules into :class:`Rule`;
:func:`settle` says what each event is owed.

How the highest-only rule is applied (:func:`settle`): the events of one
enterprise and one project form a group. The group is entitled to the
highest single award among its events, once. That award goes to the event
that earns it; the other events get nothing more. When a lower award of the
group was already paid (a platform first approved 省级 and paid, later
approved 国家级), the higher event is owed only the difference, so the group
never receives more than its highest award.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.domain.coverage import money
from desktop_app.i18n import QT_TRANSLATE_NOOP

# Event keys of resources/seeds/rewards.toml and what they are called.
EVENT_LABELS = {
    "high_tech_new": QT_TRANSLATE_NOOP("i18n", "新认定高新技术企业"),
    "high_tech_recertified": QT_TRANSLATE_NOOP("i18n", "重新认定高新技术企业"),
    "key_lab": QT_TRANSLATE_NOOP("i18n", "重点实验室"),
    "engineering_center": QT_TRANSLATE_NOOP("i18n", "工程技术研究中心"),
    "pilot_base": QT_TRANSLATE_NOOP("i18n", "中试基地"),
    "alliance": QT_TRANSLATE_NOOP("i18n", "产业技术创新战略联盟"),
    "major_project": QT_TRANSLATE_NOOP("i18n", "承担国家科技重大专项等项目"),
    "tech_transfer_deal": QT_TRANSLATE_NOOP("i18n", "科技成果交易并在县内转化"),
    "rd_intensity_top10": QT_TRANSLATE_NOOP("i18n", "R&D经费投入强度全市前十"),
    "tech_transfer_institution": QT_TRANSLATE_NOOP("i18n", "技术转移示范机构"),
    "incubator": QT_TRANSLATE_NOOP("i18n", "科技企业孵化器"),
    "maker_space": QT_TRANSLATE_NOOP("i18n", "众创空间"),
    "university_institute": QT_TRANSLATE_NOOP("i18n", "高校院所设立研发机构、院士工作站"),
    "high_level_talent": QT_TRANSLATE_NOOP("i18n", "引进高层次科技人才"),
}

# Platform types (resources/catalogs.toml) whose approval at a level is a reward event.
PLATFORM_EVENTS = {
    "重点实验室": "key_lab",
    "工程技术研究中心": "engineering_center",
    "中试基地": "pilot_base",
    "产业技术创新战略联盟": "alliance",
    "科技企业孵化器": "incubator",
    "众创空间": "maker_space",
    "技术转移机构": "tech_transfer_institution",
    "院士工作站": "university_institute",
}

HIGH_TECH = "高新技术企业"

DUE, PENDING, SUPERSEDED, DECLINED = "due", "pending", "superseded", "declined"


def event_label(event: str) -> str:
    return i18n.tr(EVENT_LABELS.get(event, event))


@dataclass(frozen=True)
class Rule:
    id: str
    policy_seq: int
    policy_title: str
    event: str
    level: str = ""                 # "" = any level
    amount: float | None = None     # 万元; None for 一事一议
    case_by_case: bool = False
    is_maximum: bool = False        # "最高 N 万元"

    @property
    def needs_amount(self) -> bool:
        """The clerk must set the amount (一事一议, or up to a maximum)."""
        return self.case_by_case or self.is_maximum or self.amount is None

    def standard_text(self) -> str:
        if self.case_by_case or self.amount is None:
            return i18n.tr("一事一议")
        amount = f"{self.amount:g}"
        return i18n.tr("最高 {a}").format(a=amount) if self.is_maximum else amount


@dataclass(frozen=True)
class Event:
    key: str                        # "<table>:<id>" of the ledger row (or "manual:<record id>")
    enterprise_id: str | None
    enterprise: str                 # name as printed (enterprise or institution)
    event: str                      # event key (EVENT_LABELS)
    level: str
    year: int
    on: str | None                  # date of approval / certification
    subject: str                    # platform name, certificate number, person, description
    project: str = ""               # clerk's grouping; "" = the event is its own project

    @property
    def project_key(self) -> str:
        return self.project or self.key

    @property
    def owner_key(self) -> str:
        return self.enterprise_id or self.enterprise


@dataclass(frozen=True)
class Decision:
    """What the clerk recorded for an event (reward_records)."""

    approved: float | None = None   # 核定金额; None = the standard amount
    paid: float = 0.0
    paid_on: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Award:
    event: Event
    rule: Rule
    decision: Decision
    entitled: float | None          # what the event alone earns; None = 一事一议 not yet set
    due: float                      # owed for this event after the highest-only rule (paid included)
    status: str                     # DUE / PENDING / SUPERSEDED / DECLINED
    note: str = ""
    group_size: int = 1

    @property
    def paid(self) -> float:
        return self.decision.paid

    @property
    def outstanding(self) -> float:
        """Still to pay; negative when more was paid than is due."""
        return money(self.due - self.decision.paid)


def match_rule(event: str, level: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule for an event at a level (a rule without a level fits every level)."""
    fallback = None
    for rule in rules:
        if rule.event != event:
            continue
        if rule.level == level:
            return rule
        if rule.level == "" and fallback is None:
            fallback = rule
    return fallback


def entitled_amount(rule: Rule, decision: Decision) -> float | None:
    """The award the event earns on its own; None while a required amount is missing."""
    if decision.approved is not None:
        return decision.approved
    if rule.needs_amount:
        return None
    return rule.amount


def approved_amount_error(rule: Rule, amount: float | None, note: str) -> str | None:
    """Why a 核定金额 is not acceptable under the policy, or None."""
    if amount is None:
        return None
    if amount < 0:
        return i18n.tr("核定金额不能为负数")
    if rule.amount is not None and not rule.case_by_case and amount > rule.amount + 1e-9:
        return i18n.tr("核定金额 {a} 万元超过政策标准 {s} 万元").format(a=f"{amount:g}", s=f"{rule.amount:g}")
    if rule.amount is not None and not rule.needs_amount and abs(amount - rule.amount) > 1e-9 and not note.strip():
        return i18n.tr("核定金额与政策标准 {s} 万元不同，请在备注中写明理由").format(s=f"{rule.amount:g}")
    return None


def _top(items: Sequence[tuple[Event, Rule, Decision]]) -> int | None:
    best = None
    for i, (event, rule, decision) in enumerate(items):
        amount = entitled_amount(rule, decision)
        if amount is None:
            continue
        if best is None:
            best = i
            continue
        b_event, b_rule, b_dec = items[best]
        b_amount = entitled_amount(b_rule, b_dec) or 0.0
        if amount > b_amount + 1e-9 or (abs(amount - b_amount) <= 1e-9 and
                                        (event.on or "", event.key) < (b_event.on or "", b_event.key)):
            best = i
    return best


def settle(items: Iterable[tuple[Event, Rule, Decision]]) -> list[Award]:
    """Awards for every event, with the highest-only rule applied per enterprise and project."""
    groups: dict[tuple[str, str], list[tuple[Event, Rule, Decision]]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for item in items:
        key = (item[0].owner_key, item[0].project_key)
        if key not in groups:
            order.append(key)
        groups[key].append(item)
    out: list[Award] = []
    for key in order:
        group = groups[key]
        top = _top(group)
        size = len(group)
        for i, (event, rule, decision) in enumerate(group):
            entitled = entitled_amount(rule, decision)
            if i == top:
                assert entitled is not None
                paid_others = money(sum(d.paid for j, (_, _, d) in enumerate(group) if j != i))
                due = money(max(0.0, entitled - paid_others))
                if entitled == 0:
                    status, note = DECLINED, i18n.tr("核定不予奖励")
                else:
                    status, note = DUE, ""
                if size > 1:
                    note = i18n.tr("同一项目按最高等次奖励")
                    if paid_others:
                        note += i18n.tr("，已按较低等次发放 {p} 万元，补足差额").format(p=f"{paid_others:g}")
            elif entitled is None:
                due, status, note = money(decision.paid), PENDING, (
                    i18n.tr("一事一议，待核定金额") if rule.case_by_case or rule.amount is None
                    else i18n.tr("最高 {a} 万元，待核定金额").format(a=f"{rule.amount:g}"))
            else:
                winner = group[top][0] if top is not None else None
                due, status = money(decision.paid), SUPERSEDED
                note = i18n.tr("同一项目已按最高等次奖励（{w}），不重复奖励").format(
                    w=winner.subject if winner else "")
            out.append(Award(event, rule, decision, entitled, due, status, note, size))
    return out
