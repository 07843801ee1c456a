"""Targets (目标): target versus actual for a year, typed actuals, the county's own targets.

Actual values are counted from the ledger through ``services.metrics`` where
the target's metric allows; otherwise (R&D intensity, contract value …) the
clerk types them with a source note (table ``target_actuals``). The on-track
rule is ``domain.targets``.
"""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain import targets as rule
from desktop_app.domain.targets import Milestone, Plan
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, forms, metrics
from desktop_app.services.ledger import Ledger

MANUAL = "manual"


@dataclass(frozen=True)
class TargetRow:
    id: str
    seed_key: str | None
    document: str            # 文号 (or the title when the document has none)
    scope: str
    indicator: str
    measure_unit: str
    plan: Plan
    metric: dict[str, Any]
    year: int
    target: Milestone | None
    required: float | None
    actual: float | None
    actual_source: str       # 台账统计 / the typed source note / ""
    typed: bool              # the actual was typed by a clerk
    counted: bool            # this ledger counts the actual (no typing needed)
    completion: float | None
    on_track: bool | None
    status: str
    note: str
    source_text: str         # the document's own words for the target
    task_id: str | None = None  # a target hung on a concrete task (services.task_targets)

    @property
    def countable(self) -> bool:
        return self.metric.get("kind", MANUAL) != MANUAL

    @property
    def custom(self) -> bool:
        """The county's own target, edited here (a task's targets are edited with the task)."""
        return self.seed_key is None and self.task_id is None


def metric_presets() -> list[tuple[str, str, dict[str, Any]]]:
    """How a county's own target can be counted: (key, label, metric)."""
    out = [(MANUAL, i18n.tr("手工填报（台账无法统计）"), {"kind": MANUAL})]
    for t in catalogs.enterprise_titles():
        out.append((f"title:{t['name']}", i18n.tr("企业数：{t}").format(t=t["name"]),
                    {"kind": "enterprise_title_count", "title": t["name"]}))
    out.append(("platforms", i18n.tr("创新平台数（已认定，全部类型）"), {"kind": "platform_count"}))
    out.append(("platforms:省级", i18n.tr("省级以上创新平台数"), {"kind": "platform_count", "min_level": "省级"}))
    for name in catalogs.platform_types():
        out.append((f"platform:{name}", i18n.tr("平台数：{t}").format(t=name), {"kind": "platform_count", "types": [name]}))
    out.append(("talent", i18n.tr("人才总数"), {"kind": "talent_count"}))
    out.append(("talent:high", i18n.tr("高层次人才数"), {"kind": "talent_count", "high_level": True}))
    out.append(("coverage_rate", i18n.tr("规上企业创新活动覆盖率（%）"), {"kind": "coverage_rate"}))
    out.append(("rd_institution_share", i18n.tr("规上企业有研发机构占比（%）"), {"kind": "rd_institution_share"}))
    out.append(("rd_spending_growth", i18n.tr("规上企业研发经费增长（%）"), {"kind": "rd_spending_growth"}))
    return out


def metric_label(metric: dict[str, Any]) -> str:
    for _, label, m in metric_presets():
        if m == metric:
            return label
    return describe_metric(metric)


def describe_metric(metric: dict[str, Any]) -> str:
    """How the actual of ``metric`` is counted, in a clerk's words."""
    kind = metric.get("kind", MANUAL)
    if kind == "enterprise_title_count":
        text = i18n.tr("持有有效“{t}”称号的企业").format(t=metric.get("title", ""))
        if metric.get("level"):
            text += f"（{metric['level']}）"
    elif kind == "platform_count":
        types = "、".join(metric.get("types") or []) or i18n.tr("各类")
        text = i18n.tr("已认定的{types}平台").format(types=types)
        if metric.get("min_level"):
            text += i18n.tr("（{lv}及以上）").format(lv=metric["min_level"])
    elif kind == "talent_count":
        text = i18n.tr("引进的高层次人才") if metric.get("high_level") else i18n.tr("引进的人才")
    elif kind == "coverage_rate":
        return i18n.tr("已销号规上企业占规上企业比例")
    elif kind == "rd_institution_share":
        return i18n.tr("有研发机构的规上企业占规上企业比例")
    elif kind == "rd_spending_growth":
        return i18n.tr("规上企业研发费用比上年同期增长")
    else:
        return i18n.tr("手工填报（台账无法自动统计）")
    if metric.get("since_year"):
        text += i18n.tr("，{y}年起新增").format(y=metric["since_year"])
    return text


def scopes(ledger: Ledger) -> list[str]:
    """The governments targets belong to, this ledger's own first."""
    found = [r[0] for r in ledger.conn.execute(
        "SELECT DISTINCT scope FROM targets WHERE deleted_at IS NULL AND COALESCE(scope, '') != '' ORDER BY scope")]
    own = [s for s in (ledger.unit.name, ledger.unit.parent_name) if s and s in found]
    return own + [s for s in found if s not in own]


def default_scope(ledger: Ledger) -> str:
    """The ledger's own unit; a township ledger falls back to its county's targets."""
    found = scopes(ledger)
    for candidate in (ledger.unit.name, ledger.unit.parent_name):
        if candidate and candidate in found:
            return candidate
    return found[0] if found else ""


def is_own_scope(ledger: Ledger, scope: str) -> bool:
    return scope in (ledger.unit.name, "") or (ledger.unit.level == "township" and scope == ledger.unit.parent_name)


RATE_KINDS = ("coverage_rate", "rd_institution_share", "rd_spending_growth")


def counted_here(ledger: Ledger, scope: str, metric: dict[str, Any]) -> bool:
    """Whether this ledger can count the actual: its own targets, and rates of any government
    (a county's coverage rate answers a city's coverage target; its enterprise count does not)."""
    kind = metric.get("kind", MANUAL)
    return kind != MANUAL and (is_own_scope(ledger, scope) or kind in RATE_KINDS)


def _plan_starts(ledger: Ledger) -> dict[str, int]:
    """Per document: the plan period's start (baseline year used elsewhere, else year of issue)."""
    out = {}
    for doc_id, issued, base in ledger.conn.execute(
            "SELECT d.id, d.issued_on, (SELECT MIN(baseline_year) FROM targets x WHERE x.document_id = d.id "
            "AND x.deleted_at IS NULL) FROM documents d"):
        if base:
            out[doc_id] = int(base)
        elif issued:
            out[doc_id] = int(issued[:4])
    return out


def _milestones(ledger: Ledger) -> dict[str, tuple[Milestone, ...]]:
    out: dict[str, list[Milestone]] = {}
    for tid, year, value in ledger.conn.execute("SELECT target_id, year, value FROM target_values ORDER BY year"):
        out.setdefault(tid, []).append(Milestone(year, value))
    return {k: tuple(v) for k, v in out.items()}


def _typed(ledger: Ledger, year: int) -> dict[str, tuple[float, str]]:
    return {r[0]: (r[1], r[2]) for r in ledger.conn.execute(
        "SELECT target_id, value, source_note FROM target_actuals WHERE deleted_at IS NULL AND year = ?", (year,))}


def period_of_year(ledger: Ledger, year: int) -> str | None:
    """The latest survey period of ``year`` (coverage metrics count a period)."""
    return ledger.conn.execute("SELECT MAX(period) FROM surveys WHERE deleted_at IS NULL AND period LIKE ?",
                               (f"{year:04d}-%",)).fetchone()[0]


def counted_actual(ledger: Ledger, metric: dict[str, Any], year: int, today: date | None = None) -> float | None:
    today = today or date.today()
    if year > today.year or metric.get("kind", MANUAL) == MANUAL:
        return None
    at = min(date(year, 12, 31), today)
    value = metrics.metric_value(ledger, metric, at=at, period=period_of_year(ledger, year))
    return None if value is None else float(value)


def _row(ledger: Ledger, r: Any, plan: Plan, year: int, typed: tuple[float, str] | None,
         doc_label: str, today: date) -> TargetRow:
    metric = json.loads(r["metric"] or "{}") or {"kind": MANUAL}
    counted = counted_here(ledger, r["scope"] or "", metric)
    if typed is not None:
        actual, source, was_typed = typed[0], typed[1], True
    elif counted:
        actual = counted_actual(ledger, metric, year, today)
        source, was_typed = (i18n.tr("台账统计") if actual is not None else ""), False
    else:
        actual, source, was_typed = None, "", False
    verdict = rule.on_track(plan, year, actual)
    return TargetRow(
        id=r["id"], seed_key=r["seed_key"], document=doc_label, scope=r["scope"] or "", indicator=r["indicator"],
        measure_unit=r["measure_unit"], plan=plan, metric=metric, year=year, target=rule.milestone_for(plan, year),
        required=rule.required_value(plan, year), actual=actual, actual_source=source, typed=was_typed, counted=counted,
        completion=rule.completion(plan, year, actual), on_track=verdict,
        status=rule.status_label(verdict, plan, year), note=r["note"] or "", source_text=r["source_text"] or "",
        task_id=r["task_id"] if r["seed_key"] is None else None)


def _select(ledger: Ledger, year: int, where: str, params: list[Any], include_baseline_only: bool,
            today: date) -> list[TargetRow]:
    sql = ("SELECT t.*, d.doc_no, d.title AS doc_title FROM targets t "
           "LEFT JOIN documents d ON d.id = t.document_id WHERE t.deleted_at IS NULL" + where +
           " ORDER BY t.seed_key IS NULL, d.seed_key, t.rowid")
    milestones = _milestones(ledger)
    starts = _plan_starts(ledger)
    typed = _typed(ledger, year)
    out = []
    for r in ledger.conn.execute(sql, params).fetchall():
        ms = milestones.get(r["id"], ())
        if not ms and not include_baseline_only:
            continue
        start = starts.get(r["document_id"]) or int(r["created_at"][:4])
        plan = Plan(ms, r["comparison"], r["baseline_year"], r["baseline_value"], start, bool(r["annual"]))
        doc_label = r["doc_no"] or (r["doc_title"] or i18n.tr("本级自定目标"))
        out.append(_row(ledger, r, plan, year, typed.get(r["id"]), doc_label, today))
    return out


def rows(ledger: Ledger, year: int, scope: str | None = None, *, include_baseline_only: bool = False,
         today: date | None = None) -> list[TargetRow]:
    """Every target of ``scope`` ("" = all scopes; None = the default) for ``year``, in document order.
    Figures a document states without a target (baseline only) are left out unless asked for."""
    scope = default_scope(ledger) if scope is None else scope
    where, params = (" AND t.scope = ?", [scope]) if scope else ("", [])
    return _select(ledger, year, where, params, include_baseline_only, today or date.today())


def row(ledger: Ledger, target_id: str, year: int, today: date | None = None) -> TargetRow:
    found = _select(ledger, year, " AND t.id = ?", [target_id], True, today or date.today())
    if not found:
        raise UserError(i18n.tr("目标不存在或已删除"))
    return found[0]


def series(ledger: Ledger, target_id: str, today: date | None = None) -> list[tuple[int, float | None, float | None]]:
    """(year, required, actual) from the plan's start to its last target year or this year."""
    today = today or date.today()
    first = row(ledger, target_id, today.year, today)
    ms = first.plan.sorted_milestones()
    start = rule.starting_point(first.plan, ms[0].year) if ms else None
    begin = start.year if start else (ms[0].year if ms else (first.plan.baseline_year or today.year))
    end = max([m.year for m in ms] + [today.year])
    begin = max(min(begin, end), end - 9)  # at most ten bars
    typed = {r[0]: r[1] for r in ledger.conn.execute(
        "SELECT year, value FROM target_actuals WHERE target_id = ? AND deleted_at IS NULL", (target_id,))}
    out = []
    for year in range(begin, end + 1):
        actual = typed.get(year)
        if actual is None and counted_here(ledger, first.scope, first.metric):
            actual = counted_actual(ledger, first.metric, year, today)
        out.append((year, rule.required_value(first.plan, year), actual))
    return out


def can_type_actual(target: TargetRow) -> bool:
    """Typed where the ledger cannot count: manual metrics, and other governments' totals."""
    return not target.counted


def set_actual(ledger: Ledger, target_id: str, values: dict[str, Any]) -> None:
    """A typed actual value for a year, with where it comes from."""
    year = forms.number(values, "year", i18n.tr("年份"), integer=True, required=True)
    if year > date.today().year:
        raise ValidationError("year", i18n.tr("{y} 年还未到，不能填报实际值").format(y=year))
    target = row(ledger, target_id, year)
    if not can_type_actual(target):
        raise ValidationError("value", i18n.tr("“{i}”由台账自动统计，不需填报").format(i=target.indicator))
    value = forms.number(values, "value", i18n.tr("实际值"), minimum=None, required=True)
    note = forms.text(values, "source_note", i18n.tr("数据来源"), required=True, max_len=500)
    with ledger.write() as w:
        old = ledger.conn.execute("SELECT id FROM target_actuals WHERE target_id = ? AND year = ? "
                                  "AND deleted_at IS NULL", (target_id, year)).fetchone()
        if old:
            w.update("target_actuals", old[0], {"value": value, "source_note": note})
        else:
            w.insert("target_actuals", {"target_id": target_id, "year": year, "value": value, "source_note": note})


def clear_actual(ledger: Ledger, target_id: str, year: int) -> None:
    with ledger.write() as w:
        old = ledger.conn.execute("SELECT id FROM target_actuals WHERE target_id = ? AND year = ? "
                                  "AND deleted_at IS NULL", (target_id, year)).fetchone()
        if old:
            w.soft_delete("target_actuals", old[0])


def _clean_milestones(raw: list[tuple[Any, Any]]) -> list[tuple[int, float]]:
    out: dict[int, float] = {}
    for i, (y, v) in enumerate(raw, start=1):
        if (y is None or str(y).strip() == "") and (v is None or str(v).strip() == ""):
            continue
        year = forms.number({"y": y}, "y", i18n.tr("第 {i} 行目标年份").format(i=i), integer=True, required=True)
        if not 2000 <= year <= 2100:
            raise ValidationError("values", i18n.tr("第 {i} 行目标年份 {y} 不合理").format(i=i, y=year))
        if year in out:
            raise ValidationError("values", i18n.tr("目标年份 {y} 重复").format(y=year))
        out[year] = forms.number({"v": v}, "v", i18n.tr("第 {i} 行目标值").format(i=i), minimum=None, required=True)
    if not out:
        raise ValidationError("values", i18n.tr("请至少填写一个年度目标值"))
    return sorted(out.items())


def save_target(ledger: Ledger, values: dict[str, Any], milestones: list[tuple[Any, Any]],
                target_id: str | None = None) -> str:
    """A county's own target (the built-in ones come from the documents and stay as printed)."""
    out: dict[str, Any] = {}
    out["indicator"] = forms.text(values, "indicator", i18n.tr("指标名称"), required=True)
    out["measure_unit"] = forms.text(values, "measure_unit", i18n.tr("计量单位"), max_len=20)
    out["scope"] = forms.text(values, "scope", i18n.tr("所属地区")) or ledger.unit.name
    out["comparison"] = forms.choice(values, "comparison", i18n.tr("比较方式"), list(rule.COMPARISONS)) or rule.AT_LEAST
    out["baseline_year"] = forms.number(values, "baseline_year", i18n.tr("基线年份"), integer=True, minimum=None)
    out["baseline_value"] = forms.number(values, "baseline_value", i18n.tr("基线值"), minimum=None)
    if (out["baseline_year"] is None) != (out["baseline_value"] is None):
        raise ValidationError("baseline_value" if out["baseline_year"] else "baseline_year",
                              i18n.tr("基线年份和基线值须同时填写"))
    presets = {k: m for k, _, m in metric_presets()}
    key = values.get("metric") or MANUAL
    if key not in presets:
        raise ValidationError("metric", i18n.tr("统计口径“{k}”不在可选范围内").format(k=key))
    out["metric"] = json.dumps(presets[key], ensure_ascii=False)
    out["annual"] = forms.flag(values, "annual")
    out["note"] = forms.text(values, "note", i18n.tr("备注"), max_len=2000)
    years = _clean_milestones(milestones)
    if out["baseline_year"] is not None and years[0][0] <= out["baseline_year"]:
        raise ValidationError("values", i18n.tr("目标年份 {y} 应晚于基线年份 {b}").format(
            y=years[0][0], b=out["baseline_year"]))
    with ledger.write() as w:
        if target_id is None:
            target_id = w.insert("targets", out)
        else:
            _own_target(ledger, target_id, i18n.tr("内置目标来自政策文件，不能修改；可填报实际值或新增本级目标"))
            w.update("targets", target_id, out)
        w.sync_children("target_values", "target_id", target_id,
                        [{"year": year, "value": value} for year, value in years], key=("year",))
    return target_id


def get_target(ledger: Ledger, target_id: str) -> dict[str, Any]:
    r = ledger.conn.execute("SELECT * FROM targets WHERE id = ? AND deleted_at IS NULL", (target_id,)).fetchone()
    if r is None:
        raise UserError(i18n.tr("目标不存在或已删除"))
    out = dict(r)
    metric = json.loads(out["metric"] or "{}")
    out["metric"] = next((k for k, _, m in metric_presets() if m == metric), MANUAL)
    out["milestones"] = [(y, v) for y, v in ledger.conn.execute(
        "SELECT year, value FROM target_values WHERE target_id = ? ORDER BY year", (target_id,))]
    return out


def delete_target(ledger: Ledger, target_id: str) -> None:
    with ledger.write() as w:
        _own_target(ledger, target_id, i18n.tr("内置目标来自政策文件，不能删除"))
        w.soft_delete("targets", target_id)


def _own_target(ledger: Ledger, target_id: str, builtin_message: str) -> None:
    """A county's own target may change here; one from the documents may not, a task's is the task's."""
    old = ledger.conn.execute("SELECT seed_key, task_id FROM targets WHERE id = ? AND deleted_at IS NULL",
                              (target_id,)).fetchone()
    if old is None:
        raise UserError(i18n.tr("目标不存在或已删除"))
    if old[0]:
        raise UserError(builtin_message)
    if old[1]:
        raise UserError(i18n.tr("该目标属于具体任务，请在“任务”页签中该任务下修改"))
