"""Due dates of the monthly dispatch and of 督办事项, in one place.

004 四(一)2 调度运行制度: each month's ledger progress is reported "每月 1 日前",
so the entry for period YYYY-MM is due on the 1st of the following month.
The 13710 rhythm for supervision items: a plan the same day (1), progress
within 3 days (3), ordinary items closed within 7 days (7), major items within
one month (10 … "一月") or by a written timeline, tracked until 销号.

Every due date goes through :func:`due_date`, which applies the office's rule
(:class:`OfficeRule`): by default a date stays where it falls, weekend or not;
an office may choose to move a date that falls on a weekend (or on a listed
holiday) to the next working day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop_app import i18n
from desktop_app.domain import dates, periods
from desktop_app.i18n import QT_TRANSLATE_NOOP

MONTHLY = "monthly"   # a progress entry for a period
PLAN = "plan"         # 督办: 当天制定方案
PROGRESS = "progress" # 督办: 3 日内反馈进展
CLOSE = "close"       # 督办: 一般 7 日内办结, 重大 1 个月内或按书面时间表

SUPERVISION_STEPS = (PLAN, PROGRESS, CLOSE)
PROGRESS_DAYS = 3
ORDINARY_CLOSE_DAYS = 7


@dataclass(frozen=True)
class OfficeRule:
    """How this office treats a due date that falls on a day off."""

    weekend_to_monday: bool = False  # 遇周六、周日顺延至下一个工作日
    holidays: frozenset[date] = field(default_factory=frozenset)  # only used with the flag above

    def is_day_off(self, day: date) -> bool:
        return day.weekday() >= 5 or day in self.holidays

    def adjust(self, day: date) -> date:
        if not self.weekend_to_monday:
            return day
        while self.is_day_off(day):
            day += timedelta(days=1)
        return day


def parse_period(period: str) -> tuple[int, int]:
    """(year, month) of a period (the one parser: ``periods.parse_period``)."""
    y, m = periods.parse_period(period).split("-")
    return int(y), int(m)


def period_of(day: date) -> str:
    return periods.month_of(day)


def shift_period(period: str, months: int) -> str:
    y, m = parse_period(period)
    n = y * 12 + (m - 1) + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def period_label(period: str) -> str:
    y, m = parse_period(period)
    return dates.cn_month(f"{y:04d}-{m:02d}")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; a day the month lacks becomes its last day (1-31 → 2-28/29)."""
    n = day.year * 12 + (day.month - 1) + months
    y, m = n // 12, n % 12 + 1
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def due_date(kind: str, start: date | str, *, major: bool = False, timeline: date | None = None,
             rule: OfficeRule | None = None) -> date:
    """The one due-date rule.

    ``kind`` MONTHLY: ``start`` is the period "YYYY-MM"; due the 1st of the next month.
    PLAN / PROGRESS / CLOSE: ``start`` is the day a 督办事项 was assigned;
    a major item's close date is its written ``timeline`` when one is given,
    otherwise one calendar month after assignment.
    """
    rule = rule or OfficeRule()
    if kind == MONTHLY:
        y, m = parse_period(start) if isinstance(start, str) else (start.year, start.month)
        raw = add_months(date(y, m, 1), 1)
    else:
        if not isinstance(start, date):
            raise TypeError("a supervision item starts on a date")
        if kind == PLAN:
            raw = start
        elif kind == PROGRESS:
            raw = start + timedelta(days=PROGRESS_DAYS)
        elif kind == CLOSE:
            if major:
                raw = timeline if timeline else add_months(start, 1)
            else:
                raw = start + timedelta(days=ORDINARY_CLOSE_DAYS)
        else:
            raise ValueError(f"unknown due-date kind {kind!r}")
    return rule.adjust(raw)


def days_late(due: date, done_on: date | None, today: date) -> int:
    """Days past ``due``: by the day it was done, or by today while still open (0 if not late)."""
    end = done_on if done_on is not None else today
    return max(0, (end - due).days)


def countdown(due: date, today: date) -> int:
    """Days left until ``due`` (0 on the day, negative once overdue)."""
    return (due - today).days


def countdown_text(due: date, today: date) -> str:
    left = countdown(due, today)
    if left > 0:
        return i18n.tr("还剩 {n} 天").format(n=left)
    if left == 0:
        return i18n.tr("今天到期")
    return i18n.tr("逾期 {n} 天").format(n=-left)


# ---- monthly entries -------------------------------------------------------

ON_TIME = "on_time"        # reported by the due date
LATE = "late"              # reported after it
MISSING = "missing"        # not reported, due date passed
PENDING = "pending"        # not reported, not yet due

ENTRY_STATES = (ON_TIME, LATE, MISSING, PENDING)


@dataclass(frozen=True)
class EntryCheck:
    state: str
    due: date
    days_late: int      # LATE: days after due it came in; MISSING: days overdue so far
    days_left: int      # PENDING: days until due

    @property
    def flagged(self) -> bool:
        """Late or missing: shown in red."""
        return self.state in (LATE, MISSING)

    @property
    def text(self) -> str:
        return entry_text(self)


def check_entry(period: str, submitted_on: date | None, today: date, rule: OfficeRule | None = None) -> EntryCheck:
    """Whether the entry for ``period`` came in on time (a missing one is late from the day after due)."""
    due = due_date(MONTHLY, period, rule=rule)
    if submitted_on is not None:
        late = days_late(due, submitted_on, today)
        return EntryCheck(LATE if late else ON_TIME, due, late, 0)
    if today > due:
        return EntryCheck(MISSING, due, days_late(due, None, today), 0)
    return EntryCheck(PENDING, due, 0, countdown(due, today))


def entry_text(check: EntryCheck) -> str:
    if check.state == ON_TIME:
        return i18n.tr("按时报送")
    if check.state == LATE:
        return i18n.tr("逾期 {n} 天报送").format(n=check.days_late)
    if check.state == MISSING:
        return i18n.tr("未报送（逾期 {n} 天）").format(n=check.days_late)
    if check.days_left == 0:
        return i18n.tr("今天截止")
    return i18n.tr("未到期（还剩 {n} 天）").format(n=check.days_left)


# ---- 督办事项 ---------------------------------------------------------------

@dataclass(frozen=True)
class SupervisionSchedule:
    plan: date
    progress: date
    close: date

    def of(self, step: str) -> date:
        return {PLAN: self.plan, PROGRESS: self.progress, CLOSE: self.close}[step]


def supervision_schedule(assigned_on: date, *, major: bool, timeline: date | None = None,
                         rule: OfficeRule | None = None) -> SupervisionSchedule:
    return SupervisionSchedule(*(due_date(step, assigned_on, major=major, timeline=timeline, rule=rule)
                                 for step in SUPERVISION_STEPS))


@dataclass(frozen=True)
class SupervisionState:
    step: str | None        # the next open step; None once closed (销号)
    due: date | None        # its due date
    days_left: int          # countdown to ``due`` (negative: overdue)
    late_steps: tuple[str, ...]  # steps done (or still open) after their due date

    @property
    def closed(self) -> bool:
        return self.step is None

    @property
    def overdue(self) -> bool:
        return self.step is not None and self.days_left < 0


STEP_LABELS = {PLAN: QT_TRANSLATE_NOOP("i18n", "制定方案"), PROGRESS: QT_TRANSLATE_NOOP("i18n", "反馈进展"),
               CLOSE: QT_TRANSLATE_NOOP("i18n", "办结销号")}


def step_label(step: str | None) -> str:
    return i18n.tr(STEP_LABELS[step]) if step else i18n.tr("已销号")


def supervision_state(schedule: SupervisionSchedule, done: dict[str, date | None], today: date) -> SupervisionState:
    """Where a 督办事项 stands: its next step with a countdown, and which steps ran late.

    ``done`` maps each step to the day it was done (None: not yet). Closing
    an item closes it, whatever steps were skipped.
    """
    late = tuple(s for s in SUPERVISION_STEPS
                 if days_late(schedule.of(s), done.get(s), today) > 0
                 and (done.get(s) is not None or not done.get(CLOSE)))
    if done.get(CLOSE):
        return SupervisionState(None, None, 0, late)
    step = next(s for s in SUPERVISION_STEPS if not done.get(s))
    due = schedule.of(step)
    return SupervisionState(step, due, countdown(due, today), late)
