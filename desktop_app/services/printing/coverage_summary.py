"""开展创新活动企业汇总统计表 (004 附件4): by township (at a city: by 县（市、区）), and by industry on a
second sheet."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain.dates import cn_date, cn_month
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.coverage_summary import CoverageLine, CoverageSummary, build_coverage_form
from desktop_app.reports.model import TableForm
from desktop_app.services import catalogs, metrics, seed, units
from desktop_app.services.ledger import Ledger
from desktop_app.services.metrics import CoverageFigures
from desktop_app.services.printing import ReportSpec

UNFILLED = "（未填）"


def _line(name: str, now: CoverageFigures, last: CoverageFigures | None) -> CoverageLine:
    before = last.rd_spending if last else 0.0
    return CoverageLine(
        name=name, above_scale=now.above_scale, with_activity=now.with_activity,
        with_institution=now.with_institution, with_rd_activity=now.with_rd_activity,
        with_other_activity=now.with_other_activity, signed_off=now.signed_off,
        coverage_rate=now.coverage_rate if now.above_scale else None,
        rd_spending=now.rd_spending, rd_spending_last=before,
        rd_growth=(now.rd_spending - before) / before if before else None,
        institution_share=now.institution_share if now.above_scale else None)


def _order(ledger: Ledger, by: str, present: set[str]) -> list[str]:
    """Every township (or industry) in its usual order, then any others found."""
    if by == "county":
        base = [u.name for u in units.reporting_units(ledger)]
    else:
        base = [c.name for c in units.townships(ledger)] if by == "township" else catalogs.industries()
    return base + sorted(present - set(base) - {""}) + ([""] if "" in present else [])


def _target(key: str) -> dict[str, Any] | None:
    return next((t for t in seed.targets() if t["key"] == key), None)


def target_notes(total: CoverageLine) -> list[str]:
    """The two targets of 004 with this period's figures (the values come from targets.toml)."""
    out = []
    for n, (key, actual) in enumerate((("004-rd-spending-growth", total.rd_growth),
                                       ("004-rd-institution-share", total.institution_share)), start=1):
        t = _target(key)
        if t is None:
            continue
        goal = float(t["values"][0]["value"])
        if actual is None:
            verdict = i18n.tr("本期无法计算")
        else:
            pct = actual * 100
            verdict = i18n.tr("本期为 {v:.2f}%，{ok}").format(
                v=pct, ok=i18n.tr("已达到") if round(pct, 2) >= goal else i18n.tr("未达到"))
        out.append(i18n.tr("目标{n}：{ind}达到 {goal:g}%（晋市政办〔2020〕31号）；{verdict}。").format(
            n="一二"[n - 1], ind=t["indicator"], goal=goal, verdict=verdict))
    return out


def summaries(ledger: Ledger, period: str) -> list[CoverageSummary]:
    last_period = metrics.same_period_last_year(period)
    now_total = metrics.coverage(ledger, period)
    total = _line(i18n.tr("合计"), now_total, metrics.coverage(ledger, last_period))
    notes = target_notes(total)
    today = date.today()
    out = []
    for by in ("county" if ledger.unit.level == "city" else "township", "industry"):
        now = metrics.coverage_groups(ledger, period, by)
        last = metrics.coverage_groups(ledger, last_period, by)
        empty = CoverageFigures(0, 0, 0, 0, 0, 0.0)
        lines = [_line(name or UNFILLED, now.get(name, empty), last.get(name))
                 for name in _order(ledger, by, set(now))]
        out.append(CoverageSummary(
            unit=ledger.unit.name, period_text=cn_month(period), period=period, by=by,
            total=total, lines=lines, target_notes=notes, filler=ledger.operator,
            date=cn_date(today)))
    return out


def build(ledger: Ledger, params: dict[str, Any]) -> list[TableForm]:
    return [build_coverage_form(s) for s in summaries(ledger, params["period"])]


SPEC = ReportSpec(name="coverage-summary", title=QT_TRANSLATE_NOOP("i18n", "开展创新活动企业汇总统计表"), build=build, params=("period",),
                  order=21)
