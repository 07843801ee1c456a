"""Targets (目标): which target a year answers to, completion and the on-track rule.

One rule, one place: the 目标完成情况 window, the 目标完成情况表 and the tests
all call :func:`required_value`, :func:`on_track` and :func:`completion`.

The rule (printed under the table, :data:`RULE_TEXT`):

- A year answers to the first target value dated in or after it; after the
  last target year, to the last one.
- In or after the target year (and every year for an annual target), the
  required value is the target itself.
- Before it, the required value is the straight line from the starting point
  to the target, at the share of the plan period already elapsed:
  ``start + (target − start) × (year − start_year) / (target_year − start_year)``.
  The starting point is the previous dated target if there is one, else the
  baseline, else the start of the plan period with the value 0 (the service
  takes the baseline year the document uses elsewhere, else its year of issue).
- ``at_least``: on track when actual ≥ required; ``at_most``: actual ≤ required;
  ``exactly``: equal once the target year has come, before it judged as a
  rising (or falling) target.
"""

from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP

AT_LEAST, EXACTLY, AT_MOST = "at_least", "exactly", "at_most"
COMPARISONS = (AT_LEAST, EXACTLY, AT_MOST)
_EPS = 1e-6


def comparison_label(comparison: str) -> str:
    return {AT_LEAST: i18n.tr("不低于"), EXACTLY: i18n.tr("等于"), AT_MOST: i18n.tr("不高于")}.get(comparison, comparison)


@dataclass(frozen=True)
class Milestone:
    year: int
    value: float


@dataclass(frozen=True)
class Plan:
    """A target as the rule sees it."""

    milestones: tuple[Milestone, ...]      # dated target values
    comparison: str = AT_LEAST
    baseline_year: int | None = None
    baseline_value: float | None = None
    start_year: int | None = None          # used when there is no baseline (document's year)
    annual: bool = False                   # the value is due every year ("每年")

    def sorted_milestones(self) -> list[Milestone]:
        return sorted(self.milestones, key=lambda m: m.year)


def milestone_for(plan: Plan, year: int) -> Milestone | None:
    """The target ``year`` answers to: the first dated in or after it, else the last one."""
    ms = plan.sorted_milestones()
    if not ms:
        return None
    for m in ms:
        if m.year >= year:
            return m
    return ms[-1]


def starting_point(plan: Plan, year: int) -> Milestone | None:
    """Where the straight line towards the year's target starts."""
    target = milestone_for(plan, year)
    if target is None:
        return None
    earlier = [m for m in plan.sorted_milestones() if m.year < target.year]
    if earlier:
        return earlier[-1]
    if plan.baseline_year is not None and plan.baseline_value is not None:
        return Milestone(plan.baseline_year, plan.baseline_value)
    if plan.start_year is not None:
        return Milestone(plan.start_year, 0.0)
    return None


def required_value(plan: Plan, year: int) -> float | None:
    """What the actual value should be in ``year`` to be on track."""
    target = milestone_for(plan, year)
    if target is None:
        return None
    if plan.annual or year >= target.year:
        return target.value
    start = starting_point(plan, year)
    if start is None or start.year >= target.year:
        return target.value
    if year <= start.year:
        return start.value
    share = (year - start.year) / (target.year - start.year)
    return start.value + (target.value - start.value) * share


def on_track(plan: Plan, year: int, actual: float | None) -> bool | None:
    """True / False, or None when there is no actual value or no target."""
    if actual is None:
        return None
    required = required_value(plan, year)
    if required is None:
        return None
    comparison = plan.comparison
    if comparison == EXACTLY:
        target = milestone_for(plan, year)
        assert target is not None
        if plan.annual or year >= target.year:
            return abs(actual - required) <= _EPS * max(1.0, abs(required))
        start = starting_point(plan, year)
        rising = start is None or target.value >= start.value
        comparison = AT_LEAST if rising else AT_MOST
    slack = _EPS * max(1.0, abs(required))
    if comparison == AT_MOST:
        return actual <= required + slack
    return actual >= required - slack


def completion(plan: Plan, year: int, actual: float | None) -> float | None:
    """完成率 as a fraction: actual ÷ target (target ÷ actual for an at-most target)."""
    target = milestone_for(plan, year)
    if actual is None or target is None:
        return None
    if plan.comparison == AT_MOST:
        if actual <= 0:
            return 1.0 if target.value >= 0 else None
        return target.value / actual
    if target.value == 0:
        return None
    return actual / target.value


def status_label(value: bool | None, plan: Plan, year: int) -> str:
    """是 / 否 in the words a clerk uses: 达标 once the target year has come."""
    if value is None:
        return ""
    target = milestone_for(plan, year)
    due = target is not None and (plan.annual or year >= target.year)
    if due:
        return i18n.tr("达标") if value else i18n.tr("未达标")
    return i18n.tr("达到进度") if value else i18n.tr("滞后")


RULE_TEXT = QT_TRANSLATE_NOOP(
    "i18n",
    "判断规则：本年已到或已过目标年（或为“每年”指标）的，实际值达到目标值为“达标”；"
    "目标年未到的，按计划期已过年份占比折算本年应达值——应达值 = 起点值 +（目标值 − 起点值）×"
    "（本年 − 起点年）÷（目标年 − 起点年），起点为上一个年度目标，无则为基线，均无则以计划期起点年（同一文件其他指标的基线年，"
    "无则文件印发年份）为起点、起点值按 0 计——实际值达到应达值为“达到进度”，否则为“滞后”。“不高于”类指标方向相反。"
    "完成率 = 实际值 ÷ 目标值。"
)


def rule_text() -> str:
    return i18n.tr(RULE_TEXT)
