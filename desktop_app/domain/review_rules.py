"""审核 rules: the one table of checks a return passes before it goes up, and what a finding is.

Each rule has a level, as the statistical clients clerks know set them:

- **强制** (forced): the figures contradict themselves or the 销号 rule; the
  submission package is refused while one stands.
- **核实** (verify): the figures may be right but look odd; a written
  explanation, saved with the return and sent up with it, lets it pass.

The checks themselves (``desktop_app.domain.review_checks``) read plain facts and
name a rule of :data:`RULES` by its code; the service (``services.review``) reads
the facts from the ledger, runs the checks and attaches the explanations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP

FORCED = QT_TRANSLATE_NOOP("i18n", "强制")
VERIFY = QT_TRANSLATE_NOOP("i18n", "核实")
LEVELS = (FORCED, VERIFY)

ENTERPRISE, TASK = "enterprise", "task"  # what a finding opens in the window


@dataclass(frozen=True)
class Rule:
    code: str
    level: str          # FORCED | VERIFY
    title: str          # short name: the 审核结果表 and the panel's 规则 column
    template: str       # the message; {subject} is the enterprise or task, the rest per check
    table: str          # the record a finding points to (its explanation is keyed on it)
    opens: str          # ENTERPRISE | TASK: the record the window opens on double-click


def _rule(code, level, title, template, table, opens) -> Rule:
    return Rule(code, level, title, template, table, opens)


RULES: tuple[Rule, ...] = (
    _rule("S01", FORCED, QT_TRANSLATE_NOOP("i18n", "调查表报送期在将来"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：调查表{what}，请核对报送期和填表日期"),
          "surveys", ENTERPRISE),
    _rule("S02", FORCED, QT_TRANSLATE_NOOP("i18n", "机构数为 0 却有人员或经费"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：研究开发机构“{row}”期末机构数为 0，却填报了{what}；"
                                    "机构数为 0 时人员和费用应为 0"),
          "survey_institutions", ENTERPRISE),
    _rule("S03", VERIFY, QT_TRANSLATE_NOOP("i18n", "机构人员与经费不匹配"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：研究开发机构“{row}”{what}"),
          "survey_institutions", ENTERPRISE),
    _rule("S04", VERIFY, QT_TRANSLATE_NOOP("i18n", "项目人员与经费不匹配"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：研发项目“{row}”{what}"),
          "survey_projects", ENTERPRISE),
    _rule("S05", VERIFY, QT_TRANSLATE_NOOP("i18n", "研发费用同比变动超过 50%"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：研发费用合计 {now} 万元，上年同期（{then_period}）{then} 万元，"
                                    "{what} {pct}%"),
          "surveys", ENTERPRISE),
    _rule("S06", FORCED, QT_TRANSLATE_NOOP("i18n", "已销号但无印证材料"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：{period} 已确认销号，但调查表和销号记录都没有印证材料"),
          "signoffs", ENTERPRISE),
    _rule("S07", VERIFY, QT_TRANSLATE_NOOP("i18n", "待核销号无印证材料"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：调查表填报了{what}，待县级审核销号，但没有附印证材料"),
          "surveys", ENTERPRISE),
    _rule("S08", VERIFY, QT_TRANSLATE_NOOP("i18n", "创新活动方向无支撑"),
          QT_TRANSLATE_NOOP("i18n", "{subject}：{what}"),
          "surveys", ENTERPRISE),
    _rule("T01", VERIFY, QT_TRANSLATE_NOOP("i18n", "已完成但无印证材料"),
          QT_TRANSLATE_NOOP("i18n", "{subject}（{department}）：{period} 报“已完成”，但没有附印证材料"),
          "progress_entries", TASK),
    _rule("T02", VERIFY, QT_TRANSLATE_NOOP("i18n", "任务连续两期滞后"),
          QT_TRANSLATE_NOOP("i18n", "{subject}（{department}）：{before}、{period} 连续两期“滞后”"),
          "progress_entries", TASK),
)
BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    return BY_CODE[code]


def level_label(level: str) -> str:
    return i18n.tr(level)


@dataclass(frozen=True)
class Finding:
    """One rule failing on one record of one period.

    ``table``/``record_id``: the record the rule points to (an explanation is
    keyed on rule, record and period); ``enterprise_id``/``task_id``: what the
    window opens for it. ``explanation`` is the stored text (核实 only).
    """

    rule: str
    level: str
    message: str
    table: str
    record_id: str
    period: str
    subject: str
    enterprise_id: str | None = None
    task_id: str | None = None
    explanation: str = ""

    @property
    def title(self) -> str:
        return i18n.tr(BY_CODE[self.rule].title)

    @property
    def explained(self) -> bool:
        return self.level == VERIFY and explanation_error(self.explanation) is None

    @property
    def blocking(self) -> bool:
        """强制 always; 核实 until it has a valid explanation."""
        return self.level == FORCED or not self.explained

    @property
    def parts(self) -> tuple[str, str]:
        """The message as (whom it is about, what is wrong): split at the first "：" after the subject."""
        cut = self.message.find("：", len(self.subject))
        return (self.message[:cut], self.message[cut + 1:]) if cut >= 0 else (self.subject, self.message)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.rule, self.table, self.record_id, self.period)

    @property
    def state_text(self) -> str:
        if self.level == FORCED:
            return i18n.tr("须更正")
        return i18n.tr("已说明") if self.explained else i18n.tr("待说明")


def finding(code: str, period: str, subject: str, record_id: str, *, enterprise_id: str | None = None,
            task_id: str | None = None, **values: object) -> Finding:
    """A finding of rule ``code``: its message filled from ``values`` (plus subject and period)."""
    r = BY_CODE[code]
    message = i18n.tr(r.template).format(subject=subject, period=period, **values)
    return Finding(code, r.level, message, r.table, record_id, period, subject, enterprise_id, task_id)


# ---- explanations ----------------------------------------------------------

MIN_EXPLANATION = 10   # meaningful characters (punctuation and spaces do not count)
MAX_EXPLANATION = 500
# what says nothing: "核实无误" and its kin, alone or repeated, with any punctuation around
_EMPTY_WORDS = ("经核实", "核实无误", "经核查", "核查无误", "确认无误", "数据无误", "情况属实", "数据属实",
                "核实", "无误", "属实", "正确", "真实", "确认", "正常", "没问题", "无问题", "已核实")
_EMPTY = re.compile("(?:" + "|".join(sorted(map(re.escape, _EMPTY_WORDS), key=len, reverse=True)) + ")+")


def meaningful(text: str) -> str:
    """``text`` without spaces, punctuation and symbols: what is counted."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def explanation_error(text: str | None) -> str | None:
    """Why ``text`` is not an explanation of a 核实 finding (None: it is one)."""
    text = (text or "").strip()
    core = meaningful(text)
    if not core:
        return i18n.tr("请填写核实说明：写明核实了什么、数据为什么是这样")
    if _EMPTY.fullmatch(core):
        return i18n.tr("“{t}”不能作为核实说明，请写明核实了什么、数据为什么是这样").format(t=text)
    if len(core) < MIN_EXPLANATION:
        return i18n.tr("核实说明至少 {n} 个字（标点和空格不计，现有 {k} 个字），请写明数据为什么是这样").format(
            n=MIN_EXPLANATION, k=len(core))
    if len(text) > MAX_EXPLANATION:
        return i18n.tr("核实说明过长（最多 {n} 字）").format(n=MAX_EXPLANATION)
    return None
