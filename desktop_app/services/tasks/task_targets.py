"""Targets hung on concrete tasks, with the actual counted from the ledger where it can be.

A countable target (high-tech enterprises, platforms by type and level,
talent brought in, coverage %) gets its actual from
:func:`desktop_app.services.metrics.metric_value`; nobody types it. Only a
``manual`` target shows a typed value (target_actuals).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs, forms, targets
from desktop_app.services.ledger import Ledger

KINDS = {
    "enterprise_title_count": QT_TRANSLATE_NOOP("i18n", "企业称号数（自动统计）"),
    "platform_count": QT_TRANSLATE_NOOP("i18n", "创新平台数（自动统计）"),
    "talent_count": QT_TRANSLATE_NOOP("i18n", "引进人才数（自动统计）"),
    "coverage_rate": QT_TRANSLATE_NOOP("i18n", "规上企业创新活动覆盖率（自动统计）"),
    "rd_institution_share": QT_TRANSLATE_NOOP("i18n", "规上企业有研发机构占比（自动统计）"),
    "rd_spending_growth": QT_TRANSLATE_NOOP("i18n", "规上企业研发经费增长（自动统计）"),
    "manual": QT_TRANSLATE_NOOP("i18n", "手工填报"),
}


@dataclass(frozen=True)
class YearCheck:
    """One dated value of a task's target, judged by ``domain.targets`` (via ``services.targets``)."""

    year: int
    value: float
    actual: float | None      # counted at the year's end (or today for this year), or typed
    reached: bool | None      # on track / reached; None: not countable and nothing typed
    status: str               # 达标 / 未达标 / 达到进度 / 滞后

    @property
    def state_text(self) -> str:
        return self.status or i18n.tr("待填报")


@dataclass(frozen=True)
class TargetRow:
    id: str
    indicator: str
    measure_unit: str
    comparison: str
    metric: dict[str, Any]
    source_text: str
    note: str
    years: tuple[YearCheck, ...]

    @property
    def countable(self) -> bool:
        return self.metric.get("kind", "manual") != "manual"

    @property
    def metric_text(self) -> str:
        return targets.describe_metric(self.metric)


def for_task(ledger: Ledger, task_id: str, *, today: date | None = None) -> list[TargetRow]:
    today = today or date.today()
    out = []
    for r in ledger.conn.execute(
            "SELECT id, indicator, measure_unit, comparison, metric, COALESCE(source_text, ''), "
            "COALESCE(note, '') FROM targets WHERE task_id = ? AND deleted_at IS NULL ORDER BY rowid", (task_id,)):
        metric = json.loads(r[4] or '{"kind": "manual"}')
        years = []
        for year, value in ledger.conn.execute(
                "SELECT year, value FROM target_values WHERE target_id = ? ORDER BY year", (r[0],)):
            judged = targets.row(ledger, r[0], min(year, today.year), today)
            years.append(YearCheck(year, value, judged.actual, judged.on_track, judged.status))
        out.append(TargetRow(r[0], r[1], r[2], r[3], metric, r[5], r[6], tuple(years)))
    return out


def _metric(values: dict[str, Any]) -> dict[str, Any]:
    kind = values.get("kind") or "manual"
    if kind not in KINDS:
        raise ValidationError("kind", i18n.tr("统计口径“{k}”不在可选范围内").format(k=kind))
    metric: dict[str, Any] = {"kind": kind}
    if kind == "enterprise_title_count":
        metric["title"] = forms.choice(values, "title", i18n.tr("企业称号"),
                                       [t["name"] for t in catalogs.enterprise_titles()], required=True)
    elif kind == "platform_count":
        ptype = forms.choice(values, "platform_type", i18n.tr("平台类型"), catalogs.platform_types())
        if ptype:
            metric["types"] = [ptype]
    elif kind == "talent_count":
        metric["high_level"] = bool(forms.flag(values, "high_level"))
    if kind in ("enterprise_title_count", "platform_count"):
        level = forms.choice(values, "level", i18n.tr("级别"), catalogs.platform_levels())
        if level:
            metric["min_level" if kind == "platform_count" else "level"] = level
    if kind in ("enterprise_title_count", "platform_count", "talent_count"):
        since = forms.number(values, "since_year", i18n.tr("起算年份"), integer=True, minimum=None)
        if since:
            if not 2000 <= since <= 2100:
                raise ValidationError("since_year", i18n.tr("起算年份应为四位年份"))
            metric["since_year"] = since
    return metric


_YEAR_VALUE = re.compile(r"(\d{4})\s*(?:年|:|：)?\s*(?:达到)?\s*(-?\d+(?:\.\d+)?)")


def parse_year_values(text: str) -> list[tuple[int, float]]:
    """"2020:3；2023:10" (or "2023年10") → [(2020, 3.0), (2023, 10.0)]."""
    parts = [p.strip() for p in re.split(r"[;；,，、\n]", str(text or "")) if p.strip()]
    if not parts:
        raise ValidationError("year_values", i18n.tr("请填写目标年份和目标值，如 2023:10"))
    out: dict[int, float] = {}
    for part in parts:
        m = _YEAR_VALUE.fullmatch(part)
        if not m:
            raise ValidationError("year_values", i18n.tr("“{p}”应写成 年份:目标值，如 2023:10").format(p=part))
        year, value = int(m.group(1)), float(m.group(2))
        if not 2000 <= year <= 2100:
            raise ValidationError("year_values", i18n.tr("目标年份 {y} 不合理").format(y=year))
        if value < 0:
            raise ValidationError("year_values", i18n.tr("目标值不能为负数：{p}").format(p=part))
        if year in out:
            raise ValidationError("year_values", i18n.tr("{y} 年写了两次").format(y=year))
        out[year] = value
    return sorted(out.items())


def format_year_values(years: tuple[YearCheck, ...]) -> str:
    return "；".join(f"{y.year}:{y.value:g}" for y in years)


def save(ledger: Ledger, task_id: str, values: dict[str, Any], target_id: str | None = None) -> str:
    """A target on a task: indicator, unit, yearly values and how its actual is counted."""
    indicator = forms.text(values, "indicator", i18n.tr("指标"), required=True)
    measure = forms.text(values, "measure_unit", i18n.tr("计量单位"), max_len=10)
    year_values = parse_year_values(values.get("year_values", ""))
    metric = _metric(values)
    with ledger.write() as w:
        task = ledger.conn.execute(
            "SELECT kt.document_id FROM tasks t JOIN key_tasks kt ON kt.id = t.key_task_id "
            "WHERE t.id = ? AND t.deleted_at IS NULL", (task_id,)).fetchone()
        if task is None:
            raise UserError(i18n.tr("具体任务不存在或已删除"))
        record = {"indicator": indicator, "measure_unit": measure, "metric": json.dumps(metric, ensure_ascii=False),
                  "task_id": task_id, "document_id": task[0], "scope": ledger.unit.name}
        if target_id is None:
            target_id = w.insert("targets", record)
        else:
            w.update("targets", target_id, record)
        w.sync_children("target_values", "target_id", target_id,
                        [{"year": year, "value": value} for year, value in year_values], key=("year",))
    return target_id


def delete(ledger: Ledger, target_id: str) -> None:
    with ledger.write() as w:
        w.soft_delete("targets", target_id)
