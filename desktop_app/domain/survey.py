"""The 企业创新活动开展情况调查表 (004 附件3) as plain records.

The field lists below are the form's printed labels, in printed order: the
entry dialog, the service's messages and the printed form all read them, so
a label is spelt once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.coverage import SurveyFacts, money
from desktop_app.i18n import QT_TRANSLATE_NOOP

# (key, printed label, kind) — kind: text | int | money
INSTITUTION_FIELDS = (
    ("name", QT_TRANSLATE_NOOP("i18n", "研究开发机构及平台名称"), "text"),
    ("approver", QT_TRANSLATE_NOOP("i18n", "批准部门（或企业自建）"), "text"),
    ("field", QT_TRANSLATE_NOOP("i18n", "研究领域"), "text"),
    ("count", QT_TRANSLATE_NOOP("i18n", "期末机构数（个）"), "int"),
    ("staff", QT_TRANSLATE_NOOP("i18n", "机构研究开发人员数量（人）"), "int"),
    ("spending", QT_TRANSLATE_NOOP("i18n", "机构研究开发费用（万元）"), "money"),
    ("equipment_value", QT_TRANSLATE_NOOP("i18n", "期末仪器和设备原价（万元）"), "money"),
)
PROJECT_FIELDS = (
    ("name", QT_TRANSLATE_NOOP("i18n", "研发项目名称"), "text"),
    ("source_doc", QT_TRANSLATE_NOOP("i18n", "研发项目来源及立项文号"), "text"),
    ("staff", QT_TRANSLATE_NOOP("i18n", "研究开发人员情况（人）"), "int"),
    ("spending", QT_TRANSLATE_NOOP("i18n", "研究开发费用情况（万元）"), "money"),
    ("assets", QT_TRANSLATE_NOOP("i18n", "研究开发资产情况（万元）"), "money"),
)
# section 三: (column in ``surveys``, 创新活动方向 as printed)
DIRECTIONS = (
    ("innovation_input", QT_TRANSLATE_NOOP("i18n", "创新投入")),
    ("innovation_talent", QT_TRANSLATE_NOOP("i18n", "创新人才")),
    ("innovation_project", QT_TRANSLATE_NOOP("i18n", "创新项目")),
    ("innovation_platform", QT_TRANSLATE_NOOP("i18n", "创新平台")),
    ("tech_rd", QT_TRANSLATE_NOOP("i18n", "技术研发")),
    ("tech_cooperation", QT_TRANSLATE_NOOP("i18n", "技术合作")),
)
SECTION_TITLES = (QT_TRANSLATE_NOOP("i18n", "一、企业研究开发机构情况"), QT_TRANSLATE_NOOP("i18n", "二、企业研究开发活动及相关情况"),
                  QT_TRANSLATE_NOOP("i18n", "三、企业创新相关活动开展情况"))
SELF_BUILT = "企业自建"
OTHER_ACTIVITY_COUNT = 14


@dataclass(frozen=True)
class Institution:
    name: str
    approver: str = ""
    field: str = ""
    count: int = 1
    staff: int = 0
    spending: float = 0.0
    equipment_value: float = 0.0


@dataclass(frozen=True)
class Project:
    name: str
    source_doc: str = ""
    staff: int = 0
    spending: float = 0.0
    assets: float = 0.0


@dataclass(frozen=True)
class SurveyReturn:
    """One enterprise's return for one period (id is None before it is saved)."""

    enterprise_id: str
    period: str
    institutions: tuple[Institution, ...] = ()
    projects: tuple[Project, ...] = ()
    directions: dict[str, str] = field(default_factory=dict)  # DIRECTIONS key -> text
    other_activities: tuple[int, ...] = ()                    # ticked boxes, 1..14
    filled_by: str = ""
    phone: str = ""
    filled_on: str | None = None
    id: str | None = None

    def facts(self, evidence_files: int) -> SurveyFacts:
        """What the 销号 rule reads (the same sums metrics.survey_facts takes in SQL)."""
        return SurveyFacts(
            institutions=sum(i.count for i in self.institutions),
            institution_spending=money(sum(i.spending for i in self.institutions)),
            projects=len(self.projects),
            project_spending=money(sum(p.spending for p in self.projects)),
            other_activities=tuple(self.other_activities),
            evidence_files=evidence_files,
        )

    @property
    def rd_staff(self) -> int:
        return sum(i.staff for i in self.institutions) + sum(p.staff for p in self.projects)
