"""通报排名: ranking responsible units by the month's reporting and completion.

004 四(一)3 通报销号制度 asks for a monthly 汇总、排队、通报 of every unit's
progress. The rule (printed under the ranking table, :data:`RULE_TEXT`):

1. 按时报送率 (entries in by the due date ÷ entries due), higher first;
2. 完成率 (entries with status 已完成 ÷ entries due), higher first;
3. 滞后项数 (entries reported as 滞后 plus entries not reported), fewer first;
4. 累计逾期天数 (days late summed over late and missing entries), fewer first;

units equal on all four share a place (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from desktop_app import i18n
from desktop_app.domain.schedule import LATE, MISSING, ON_TIME, EntryCheck

DONE, ON_TRACK, BEHIND, NOT_STARTED = "已完成", "推进中", "滞后", "未启动"
STATUSES = (NOT_STARTED, ON_TRACK, DONE, BEHIND)


def rule_text() -> str:
    return i18n.tr("排名规则：依次比较①按时报送率（按时报送条数÷应报条数）由高到低；②完成率（状态为“已完成”条数÷应报条数）"
              "由高到低；③滞后项数（报“滞后”条数与未报送条数之和）由少到多；④累计逾期天数（逾期报送与未报送的逾期天数之和）"
              "由少到多。四项均相同的并列。报送截止日为次月1日（晋市政办〔2020〕31号 调度运行制度）。")


@dataclass
class UnitStats:
    """One unit's month: entries due, how they came in, and what they reported."""

    unit: str
    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    days_late: int = 0
    done: int = 0
    on_track: int = 0
    behind: int = 0
    not_started: int = 0
    order: int = 0  # display order among equals (e.g. the unit's seq)

    def add(self, check: EntryCheck, status: str | None) -> None:
        """Count one assignment's entry (``status`` None: nothing reported)."""
        self.due += 1
        if check.state == ON_TIME:
            self.on_time += 1
        elif check.state == LATE:
            self.late += 1
        elif check.state == MISSING:
            self.missing += 1
        if check.state in (LATE, MISSING):
            self.days_late += check.days_late
        if status == DONE:
            self.done += 1
        elif status == ON_TRACK:
            self.on_track += 1
        elif status == BEHIND:
            self.behind += 1
        elif status == NOT_STARTED:
            self.not_started += 1

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> Fraction:
        return Fraction(self.on_time, self.due) if self.due else Fraction(0)

    @property
    def completion_rate(self) -> Fraction:
        return Fraction(self.done, self.due) if self.due else Fraction(0)

    @property
    def lagging(self) -> int:
        return self.behind + self.missing


@dataclass(frozen=True)
class Ranked:
    rank: int
    stats: UnitStats
    tied: bool


def rank_key(s: UnitStats) -> tuple:
    """The comparison of the rule; equal keys share a place."""
    return (-s.on_time_rate, -s.completion_rate, s.lagging, s.days_late)


def rank_units(stats: Iterable[UnitStats]) -> list[Ranked]:
    """Units with something due, best first; equal units share a place (competition ranking)."""
    units = sorted((s for s in stats if s.due), key=lambda s: (rank_key(s), s.order, s.unit))
    out: list[Ranked] = []
    for i, s in enumerate(units):
        if out and rank_key(out[-1].stats) == rank_key(s):
            rank = out[-1].rank
        else:
            rank = i + 1
        out.append(Ranked(rank, s, False))
    counts: dict[int, int] = {}
    for r in out:
        counts[r.rank] = counts.get(r.rank, 0) + 1
    return [Ranked(r.rank, r.stats, counts[r.rank] > 1) for r in out]


def task_state(statuses: Sequence[str | None], missing: Sequence[bool]) -> str:
    """A concrete task's month from its assignments' entries.

    已完成 when every unit reported it done; 滞后 when any unit reported 滞后
    or has not reported although the due date passed (``missing``); 未启动
    when every unit reported 未启动; otherwise 推进中 (on track).
    """
    if statuses and all(s == DONE for s in statuses):
        return DONE
    if any(s == BEHIND for s in statuses) or any(missing):
        return BEHIND
    if statuses and all(s == NOT_STARTED for s in statuses):
        return NOT_STARTED
    return ON_TRACK
