"""月度调度情况通报 (monthly brief): figures from the ledger, wording from the clerk.

Every number in the brief is a data item filled at print time: dispatch
figures from :mod:`desktop_app.services.tasks.progress`, the tabs' figures from
:mod:`desktop_app.services.metrics`. The clerk's wording (with the items in
braces) and the 发文字号 settings are kept per ledger in the settings table.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain import schedule
from desktop_app.domain.dates import cn_date
from desktop_app.errors import ValidationError
from desktop_app.reports.document_model import Attachment, DocumentForm
from desktop_app.reports.monthly_brief import (
    BriefParts,
    BriefWording,
    build_brief,
    default_wording,
    fill,
)
from desktop_app.services import metrics
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ranking as ranking_print
from desktop_app.services.printing import task_progress as progress_print
from desktop_app.services.tasks import progress, supervision

WORDING_KEY = "brief.wording"
ISSUER_KEY = "brief.issuer"
PATTERN_KEY = "brief.number_pattern"
LAST_KEY = "brief.last_number"  # {"period": "2026-10", "n": 3}


@dataclass
class BriefSettings:
    issuer: str           # 发文机关标志
    number_pattern: str   # 发文字号, with {年} and {号}


def scope(ledger: Ledger) -> str:
    return i18n.tr("全镇") if ledger.unit.level in ("township", "zone") else i18n.tr("全县")


def settings(ledger: Ledger) -> BriefSettings:
    unit = ledger.unit.name
    return BriefSettings(
        issuer=ledger.setting(ISSUER_KEY) or i18n.tr("{u}创新生态建设领导小组办公室文件").format(u=unit),
        number_pattern=ledger.setting(PATTERN_KEY) or i18n.tr("{s}创领办〔{{年}}〕{{号}}号").format(s=unit[:1]))


def doc_number(pattern: str, year: int, n: int) -> str:
    if "{号}" not in pattern:
        raise ValidationError("number_pattern", i18n.tr("发文字号格式中应有 {号}，如 沁创领办〔{年}〕{号}号"))
    return fill(pattern, {"年": str(year), "号": str(n)}, "number_pattern")


def suggest_number(ledger: Ledger, period: str, today: date | None = None) -> int:
    """The number for this period's brief: the same as last time for the same period, else the next
    one of the year (numbers restart each year of issue)."""
    last = json.loads(ledger.setting(LAST_KEY) or "{}")
    if not last:
        return 1
    if last.get("period") == period:
        return int(last["n"])
    return int(last["n"]) + 1 if last.get("year") == (today or date.today()).year else 1


def wording(ledger: Ledger) -> BriefWording:
    saved = ledger.setting(WORDING_KEY)
    if saved:
        try:
            return BriefWording(**json.loads(saved))
        except (TypeError, ValueError):
            pass  # an unreadable saved wording falls back to the default one
    return default_wording(ledger.unit.name, scope(ledger))


def default(ledger: Ledger) -> BriefWording:
    return default_wording(ledger.unit.name, scope(ledger))


def _pct(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "0.0%"


def ranking_text(ranked: list) -> str:
    """The units at the top, as a clause: "甲、乙、丙位列前三"; with every unit tied, "10个单位并列第一"."""
    if not ranked:
        return i18n.tr("本期无排名")
    if len(ranked) > 1 and all(r.rank == 1 for r in ranked):
        return i18n.tr("{n}个单位并列第一").format(n=len(ranked))
    top = [r.stats.unit for r in ranked if r.rank <= 3]
    if len(top) <= 3:
        return i18n.tr("{names}位列前三").format(names="、".join(top))
    return i18n.tr("{names}（含并列）位列前三").format(names=_names(top, limit=6))


def _names(units: list[str], limit: int = 5) -> str:
    if not units:
        return i18n.tr("无")
    if len(units) <= limit:
        return "、".join(units)
    return i18n.tr("{names}等{n}个单位").format(names="、".join(units[:limit]), n=len(units))


def main_document(ledger: Ledger) -> tuple[str, str]:
    row = ledger.conn.execute(
        "SELECT d.title, COALESCE(d.doc_no, '') FROM documents d JOIN key_tasks kt ON kt.document_id = d.id "
        "WHERE d.deleted_at IS NULL AND kt.deleted_at IS NULL ORDER BY d.issued_on DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else ("", "")


def figures(ledger: Ledger, period: str, *, today: date | None = None,
            view: progress.MonthView | None = None) -> dict[str, str]:
    """Every data item the wording may use, as printed text."""
    today = today or date.today()
    view = view or progress.month_view(ledger, period, today=today)
    end = metrics.period_end(period)
    prev_end = metrics.period_end(schedule.shift_period(period, -1))
    year = int(period[:4])
    counts = view.counts()
    states = view.task_states()
    ranked = view.ranked()
    cover = metrics.coverage(ledger, period)
    items = supervision.items(ledger, today=today)
    closed_in_month = [i for i in items if i.done[schedule.CLOSE] and schedule.period_of(i.done[schedule.CLOSE]) == period]
    title, doc_no = main_document(ledger)
    task_count = {s: sum(1 for v in states.values() if v == s) for s in ("已完成", "推进中", "滞后", "未启动")}
    platforms_year = metrics.platform_count(ledger, at=end, since_year=year)
    return {
        "月份": schedule.period_label(period),
        "年度": str(year),
        "文件名称": title,
        "文号": doc_no,
        "具体任务数": str(len(states)),
        "责任单位数": str(len(view.units)),
        "应报条数": str(len(view.rows)),
        "截止日期": cn_date(view.due),
        "统计日期": cn_date(today),
        "按时报送数": str(counts[schedule.ON_TIME]),
        "逾期报送数": str(counts[schedule.LATE]),
        "未报送数": str(counts[schedule.MISSING]),
        "未到期数": str(counts[schedule.PENDING]),
        "按时报送率": _pct(counts[schedule.ON_TIME], len(view.rows)),
        "已完成任务数": str(task_count["已完成"]),
        "推进中任务数": str(task_count["推进中"]),
        "滞后任务数": str(task_count["滞后"]),
        "未启动任务数": str(task_count["未启动"]),
        "覆盖率": f"{cover.coverage_rate * 100:.1f}%" if cover.above_scale else "—",  # no 规上 enterprise: no rate
        "规上企业数": str(cover.above_scale),
        "已销号企业数": str(cover.signed_off),
        "新认定高新技术企业数": str(metrics.enterprise_title_count(ledger, "高新技术企业", at=end, since_year=year)),
        "有效高新技术企业数": str(metrics.enterprise_title_count(ledger, "高新技术企业", at=end)),
        "新认定平台数": str(platforms_year),
        "本月认定平台数": str(metrics.platform_count(ledger, at=end) - metrics.platform_count(ledger, at=prev_end)),
        "引进人才数": str(metrics.talent_count(ledger, at=end, since_year=year)),
        "引进高层次人才数": str(metrics.talent_count(ledger, at=end, since_year=year, high_level=True)),
        "前三名单位": _names([r.stats.unit for r in ranked if r.rank <= 3], limit=6),
        "排名情况": ranking_text(ranked),
        "逾期未报单位": _names(ranking_print.lagging_units(ranked)),
        "在办督办事项数": str(supervision.summary(items)["open"]),
        "超期督办事项数": str(supervision.summary(items)["overdue"]),
        "本月销号督办事项数": str(len(closed_in_month)),
    }


ITEM_HELP = {
    "月份": "报送期，如 2026年10月", "截止日期": "报送截止日（次月1日，按本单位设置顺延）",
    "统计日期": "打印当天", "按时报送率": "按时报送条数÷应报条数",
    "覆盖率": "已销号规上企业÷规上企业（企业页）", "新认定高新技术企业数": "本年度新认定且有效（企业页）",
    "新认定平台数": "本年度认定的各类平台（平台页）", "引进人才数": "本年度引进（人才页）",
    "排名情况": "如“甲、乙、丙位列前三”；各单位并列时为“10个单位并列第一”",
}


def check_wording(w: BriefWording, sample: dict[str, str]) -> None:
    """Raise ValidationError naming the field with an unknown {item}."""
    for key, text in w.fields().items():
        fill(text, sample, key)
    if not w.title.strip():
        raise ValidationError("title", i18n.tr("请填写通报标题"))
    if not w.body.strip():
        raise ValidationError("body", i18n.tr("请填写通报正文"))


def remember(ledger: Ledger, period: str, n: int, w: BriefWording, s: BriefSettings, *,
             today: date | None = None) -> None:
    """Keep the wording and 发文字号 for next time (this ledger only)."""
    year = (today or date.today()).year
    doc_number(s.number_pattern, year, n)
    if not s.issuer.strip():
        raise ValidationError("issuer", i18n.tr("请填写发文机关标志"))
    ledger.set_setting(WORDING_KEY, json.dumps(asdict(w), ensure_ascii=False))
    ledger.set_setting(ISSUER_KEY, s.issuer.strip())
    ledger.set_setting(PATTERN_KEY, s.number_pattern.strip())
    remember_number(ledger, period, n, today=today)


def remember_number(ledger: Ledger, period: str, n: int, *, today: date | None = None) -> None:
    """The last 发文字号 used: the next period's brief suggests the next number (window and CLI alike)."""
    year = (today or date.today()).year
    ledger.set_setting(LAST_KEY, json.dumps({"period": period, "n": n, "year": year}))


def document(ledger: Ledger, period: str, *, w: BriefWording | None = None, n: int | None = None,
             s: BriefSettings | None = None, today: date | None = None) -> DocumentForm:
    """The brief for ``period``; without arguments, the saved (or default) wording and number."""
    today = today or date.today()
    view = progress.month_view(ledger, period, today=today)
    values = figures(ledger, period, today=today, view=view)
    w = w or wording(ledger)
    s = s or settings(ledger)
    n = n if n is not None else suggest_number(ledger, period, today)
    flagged = progress_print.forms_for(
        ledger, view, keep=lambda r: r.check.flagged or r.status == "滞后",
        title=i18n.tr("{p}逾期、未报送及滞后事项清单").format(p=values["月份"]))
    attachments: list[Attachment] = []
    if view.units:
        rank_form = ranking_print.form_for(ledger, view)
        attachments.append(Attachment(rank_form.title, (rank_form,)))
    if flagged:
        attachments.append(Attachment(flagged[0].title, tuple(flagged)))
    parts = BriefParts(issuer=s.issuer, number=doc_number(s.number_pattern, today.year, n),
                       date=cn_date(today), attachments=tuple(attachments))
    return build_brief(w, values, parts)


def sample_values() -> dict[str, Any]:
    """Every item name with a stand-in value (to check a wording without the ledger)."""
    return {k: "0" for k in ITEM_NAMES}


ITEM_NAMES = ("月份", "年度", "文件名称", "文号", "具体任务数", "责任单位数", "应报条数", "截止日期", "统计日期",
              "按时报送数", "逾期报送数", "未报送数", "未到期数", "按时报送率", "已完成任务数", "推进中任务数",
              "滞后任务数", "未启动任务数", "覆盖率", "规上企业数", "已销号企业数", "新认定高新技术企业数",
              "有效高新技术企业数", "新认定平台数", "本月认定平台数", "引进人才数", "引进高层次人才数",
              "前三名单位", "排名情况", "逾期未报单位", "在办督办事项数", "超期督办事项数", "本月销号督办事项数")
