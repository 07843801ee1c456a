"""The 销号 (sign-off) rule of 晋市政办〔2020〕31号, and R&D spending of a return.

004 四(一)3: an enterprise is signed off when it has an R&D institution, R&D
activity, or another innovation activity — any one of the three — *and*
evidence of that activity (印证材料). The county then confirms it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP

NOT_STARTED = QT_TRANSLATE_NOOP("i18n", "未开展")
PENDING = QT_TRANSLATE_NOOP("i18n", "已开展待核")
SIGNED_OFF = QT_TRANSLATE_NOOP("i18n", "已销号")
STATES = (NOT_STARTED, PENDING, SIGNED_OFF)


@dataclass(frozen=True)
class SurveyFacts:
    """What the rule needs from one enterprise's survey return for one period."""

    institutions: int = 0            # 期末机构数, summed over section 一 rows
    institution_spending: float = 0  # 机构研究开发费用（万元）
    projects: int = 0                # section 二 rows
    project_spending: float = 0      # 研究开发费用（万元）
    other_activities: tuple[int, ...] = ()  # ticked 其他创新活动 boxes, 1..14
    evidence_files: int = 0          # 印证材料 attached to the return


@dataclass(frozen=True)
class SignoffCheck:
    has_institution: bool
    has_rd_activity: bool
    has_other_activity: bool
    has_evidence: bool
    reasons: tuple[str, ...] = field(default=())

    @property
    def has_activity(self) -> bool:
        return self.has_institution or self.has_rd_activity or self.has_other_activity

    @property
    def eligible(self) -> bool:
        return self.has_activity and self.has_evidence


def check_signoff(facts: SurveyFacts | None) -> SignoffCheck:
    """Which conditions of the rule hold, and why not when they don't."""
    if facts is None:
        return SignoffCheck(False, False, False, False, (i18n.tr("本期未报送调查表"),))
    inst = facts.institutions > 0
    rd = facts.projects > 0 or facts.institution_spending > 0 or facts.project_spending > 0
    other = len(facts.other_activities) > 0
    evidence = facts.evidence_files > 0
    reasons = []
    if not (inst or rd or other):
        reasons.append(i18n.tr("无研发机构、无研发活动、无其他创新活动"))
    if not evidence:
        reasons.append(i18n.tr("缺少印证材料"))
    return SignoffCheck(inst, rd, other, evidence, tuple(reasons))


def rd_spending(facts: SurveyFacts | None) -> float:
    """研发费用合计 of a return: institution R&D spending plus project R&D spending (万元)."""
    if facts is None:
        return 0.0
    return money(facts.institution_spending + facts.project_spending)


def money(value: float) -> float:
    """万元 to two decimals, rounding half up as the finance office does."""
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def coverage_state(check: SignoffCheck, confirmed: bool) -> str:
    if confirmed:
        return SIGNED_OFF
    return PENDING if check.has_activity else NOT_STARTED


# The four conditions of the rule as the tab and the sign-off history show them.
CONDITIONS = (
    ("has_institution", QT_TRANSLATE_NOOP("i18n", "有研发机构")),
    ("has_rd_activity", QT_TRANSLATE_NOOP("i18n", "有研发活动")),
    ("has_other_activity", QT_TRANSLATE_NOOP("i18n", "有其他创新活动")),
    ("has_evidence", QT_TRANSLATE_NOOP("i18n", "有印证材料")),
)

CONFIRMED, REJECTED, REVOKED = "confirmed", "rejected", "revoked"
DECISION_LABELS = {CONFIRMED: QT_TRANSLATE_NOOP("i18n", "确认销号"), REJECTED: QT_TRANSLATE_NOOP("i18n", "退回"),
                   REVOKED: QT_TRANSLATE_NOOP("i18n", "撤销销号")}


def conditions(check: SignoffCheck) -> dict[str, bool]:
    """The conditions that held, as stored with a decision (signoffs.conditions)."""
    return {key: bool(getattr(check, key)) for key, _ in CONDITIONS}


def explain(check: SignoffCheck) -> str:
    """One line for the clerk: which conditions hold and, when not eligible, why."""
    held = "、".join(i18n.tr(label) for key, label in CONDITIONS[:3] if getattr(check, key)) or i18n.tr("无创新活动")
    evidence = i18n.tr("有印证材料") if check.has_evidence else i18n.tr("无印证材料")
    verdict = i18n.tr("符合销号条件") if check.eligible else i18n.tr("不符合销号条件：") + "；".join(check.reasons)
    return f"{held}；{evidence} — {verdict}"


def coverage_rate(signed_off: int, above_scale: int) -> float:
    """覆盖率 = 已销号企业数 ÷ 规上企业数 (附件4 注 2); 0 when there are no 规上 enterprises."""
    return signed_off / above_scale if above_scale else 0.0
