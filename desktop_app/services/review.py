"""审核: the rules of ``domain.review_rules`` over the ledger for one period, and 核实 explanations.

The public API the submission (exchange) code calls:

- :func:`run` — every finding of a period, each with its stored explanation;
- :func:`blocking` — what stops the package: 强制 findings, and 核实 findings
  without a valid explanation;
- :func:`explain` — save the written explanation of a 核实 finding (audited,
  ``row_version`` counted up so it can travel in packages).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from desktop_app import i18n
from desktop_app.domain import periods as period_rule
from desktop_app.domain import review_checks as checks
from desktop_app.domain import schedule
from desktop_app.domain.coverage import rd_spending
from desktop_app.domain.review_rules import BY_CODE, FORCED, VERIFY, Finding, explanation_error
from desktop_app.domain.survey import DIRECTIONS, Institution, Project, SurveyReturn
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import metrics
from desktop_app.services.enterprises import decisions
from desktop_app.services.ledger import Ledger

TABLE = "review_explanations"
# what the findings are read from: a 审核 view refreshes when one of these changes
SHOWS = frozenset({"surveys", "survey_institutions", "survey_projects", "signoffs", "evidence_files", "enterprises",
                   "progress_entries", "assignments", "tasks", "departments", TABLE})

_DIRECTION_COLS = ", ".join(f"s.{key}" for key, _ in DIRECTIONS)
_EVIDENCE = ("(SELECT COUNT(*) FROM evidence_files f WHERE f.owner_table = '{t}' AND f.owner_id = {col} "
             "AND f.deleted_at IS NULL)")


def clean_period(value: object) -> str:
    """A period to review: any month (a period still to come is what rule S01 reports)."""
    try:
        return period_rule.parse_period(value)
    except period_rule.PeriodError as exc:
        raise ValidationError("period", str(exc)) from None


def _rows(ledger: Ledger, table: str, period: str, cols: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for r in ledger.conn.execute(
            f"SELECT c.survey_id, c.id, {cols} FROM {table} c JOIN surveys s ON s.id = c.survey_id "
            "WHERE s.deleted_at IS NULL AND s.period = ? ORDER BY c.survey_id, c.seq", (period,)):
        out.setdefault(r[0], []).append(tuple(r[1:]))
    return out


def _returns(ledger: Ledger, period: str, signed_off: set[str]) -> list[tuple[checks.ReturnFacts, tuple]]:
    last = checks.last_year(period)
    before = {eid: rd_spending(f) for eid, f in metrics.survey_facts(ledger, last).items()}
    insts = _rows(ledger, "survey_institutions", period,
                  "c.name, c.approver, c.field, c.count, c.staff, c.spending, c.equipment_value")
    projs = _rows(ledger, "survey_projects", period, "c.name, c.source_doc, c.staff, c.spending, c.assets")
    out = []
    for r in ledger.conn.execute(
            f"SELECT s.id, s.enterprise_id, e.name, s.period, s.filled_on, s.other_activities, {_DIRECTION_COLS}, "
            f"{_EVIDENCE.format(t='surveys', col='s.id')} FROM surveys s "
            "JOIN enterprises e ON e.id = s.enterprise_id AND e.deleted_at IS NULL "
            "WHERE s.deleted_at IS NULL AND s.period = ? ORDER BY e.name", (period,)):
        sid, eid, name, p, filled_on, ticks, *texts, n_files = r
        i_rows, p_rows = insts.get(sid, []), projs.get(sid, [])
        ret = SurveyReturn(
            enterprise_id=eid, period=p, institutions=tuple(Institution(*x[1:]) for x in i_rows),
            projects=tuple(Project(*x[1:]) for x in p_rows),
            directions={key: text or "" for (key, _), text in zip(DIRECTIONS, texts, strict=True)},
            other_activities=tuple(json.loads(ticks or "[]")), filled_on=filled_on, id=sid)
        facts = checks.ReturnFacts(ret, sid, name, n_files, before.get(eid), eid in signed_off)
        out.append((facts, (tuple(x[0] for x in i_rows), tuple(x[0] for x in p_rows))))
    return out


def _signoffs(ledger: Ledger, period: str, in_force: dict) -> list[checks.SignoffFacts]:
    """Confirmations in force that were made for ``period``, with the evidence behind them."""
    made = {eid: d for eid, d in in_force.items() if d.confirmed and d.period == period}
    if not made:
        return []
    names = dict(ledger.conn.execute(
        f"SELECT id, name FROM enterprises WHERE id IN ({','.join('?' * len(made))})", list(made)).fetchall())
    out = []
    for eid, d in sorted(made.items(), key=lambda kv: names.get(kv[0], "")):
        survey = d.survey_id
        if survey is None:
            row = ledger.conn.execute("SELECT id FROM surveys WHERE enterprise_id = ? AND period = ? "
                                      "AND deleted_at IS NULL", (eid, period)).fetchone()
            survey = row[0] if row else None
        n = ledger.conn.execute(
            "SELECT COUNT(*) FROM evidence_files WHERE deleted_at IS NULL AND "
            "((owner_table = 'signoffs' AND owner_id = ?) OR (owner_table = 'surveys' AND owner_id = ?))",
            (d.id, survey or "")).fetchone()[0]
        out.append(checks.SignoffFacts(d.id, eid, names.get(eid, ""), n))
    return out


def _progress(ledger: Ledger, period: str) -> list[checks.ProgressFacts]:
    before = schedule.shift_period(period, -1)
    rows = ledger.conn.execute(
        "SELECT pe.id, tk.id, tk.name, dp.name, pe.status, "
        f"{_EVIDENCE.format(t='progress_entries', col='pe.id')}, "
        "(SELECT b.status FROM progress_entries b WHERE b.assignment_id = pe.assignment_id AND b.period = ? "
        " AND b.deleted_at IS NULL) "
        "FROM progress_entries pe JOIN assignments a ON a.id = pe.assignment_id AND a.deleted_at IS NULL "
        "JOIN tasks tk ON tk.id = a.task_id AND tk.deleted_at IS NULL "
        "JOIN key_tasks kt ON kt.id = tk.key_task_id "
        "JOIN departments dp ON dp.id = a.department_id "
        "WHERE pe.deleted_at IS NULL AND pe.period = ? AND pe.status IN ('已完成', '滞后') "
        "ORDER BY kt.seq, tk.seq, a.seq", (before, period))
    return [checks.ProgressFacts(*r) for r in rows]


def _explanations(ledger: Ledger, period: str) -> dict[tuple[str, str, str], str]:
    """Live explanations of ``period`` by (rule, table, record); this unit's own win over a sender's."""
    out: dict[tuple[str, str, str], str] = {}
    for rule, table, rid, text in ledger.conn.execute(
            f"SELECT rule, record_table, record_id, text FROM {TABLE} "
            "WHERE period = ? AND deleted_at IS NULL ORDER BY unit_id = ?, updated_at", (period, ledger.unit.id)):
        out[(rule, table, rid)] = text
    return out


def run(ledger: Ledger, period: str, *, today: date | None = None) -> list[Finding]:
    """Every finding of ``period``: 强制 first, then 核实; each 核实 one carries its explanation."""
    period = clean_period(period)
    today = today or date.today()
    in_force = decisions.in_force_all(ledger, period)
    signed_off = {eid for eid, d in in_force.items() if d.confirmed}
    facts = checks.Facts(period, period_rule.month_of(today), today.isoformat())
    found: list[Finding] = []
    for ret, row_ids in _returns(ledger, period, signed_off):
        found += checks.check_return(ret, facts, row_ids)
    for s in _signoffs(ledger, period, in_force):
        found += checks.check_signoff_evidence(s, period)
    before = schedule.shift_period(period, -1)
    for e in _progress(ledger, period):
        found += checks.check_progress(e, period, before)
    said = _explanations(ledger, period)
    out = [f if f.level != VERIFY else replace(f, explanation=said.get((f.rule, f.table, f.record_id), "")) for f in found]
    order = {code: i for i, code in enumerate(BY_CODE)}
    return sorted(out, key=lambda f: (f.level != FORCED, order[f.rule]))


def blocking(ledger: Ledger, period: str, *, today: date | None = None) -> list[Finding]:
    """What stops the period's package: 强制 findings, and 核实 findings without a valid explanation."""
    return [f for f in run(ledger, period, today=today) if f.blocking]


def forced(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == FORCED]


def explain(ledger: Ledger, f: Finding, text: str) -> str:
    """Save (or replace) the explanation of 核实 finding ``f``; returns the explanation's id."""
    rule = BY_CODE.get(f.rule)
    if rule is None:
        raise UserError(i18n.tr("没有编号为“{c}”的审核规则").format(c=f.rule))
    if rule.level != VERIFY:
        raise UserError(i18n.tr("“{t}”是强制性审核规则，须更正数据，不能以说明代替").format(t=i18n.tr(rule.title)))
    text = (text or "").strip()
    if err := explanation_error(text):
        raise ValidationError("explanation", err)
    period = clean_period(f.period)
    with ledger.write() as w:
        row = ledger.conn.execute(
            f"SELECT id FROM {TABLE} WHERE unit_id = ? AND rule = ? AND record_table = ? "
            "AND record_id = ? AND period = ? AND deleted_at IS NULL",
            (ledger.unit.id, f.rule, f.table, f.record_id, period)).fetchone()
        if row is None:
            return w.insert(TABLE, {"rule": f.rule, "record_table": f.table, "record_id": f.record_id,
                                    "period": period, "text": text})
        w.update(TABLE, row[0], {"text": text})  # counts row_version up (db.records.Writer)
        return row[0]


def withdraw(ledger: Ledger, f: Finding) -> bool:
    """Take back this unit's explanation of ``f`` (soft delete; it travels); False when there was none."""
    with ledger.write() as w:
        row = ledger.conn.execute(
            f"SELECT id FROM {TABLE} WHERE unit_id = ? AND rule = ? AND record_table = ? "
            "AND record_id = ? AND period = ? AND deleted_at IS NULL",
            (ledger.unit.id, f.rule, f.table, f.record_id, f.period)).fetchone()
        if row is None:
            return False
        w.soft_delete(TABLE, row[0])  # counts row_version up
        return True


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts for the panel and the CLI: 强制, 核实, of which explained, and what blocks."""
    return {"forced": sum(f.level == FORCED for f in findings),
            "verify": sum(f.level == VERIFY for f in findings),
            "explained": sum(f.explained for f in findings),
            "blocking": sum(f.blocking for f in findings)}


def periods(ledger: Ledger) -> list[str]:
    """Periods with something to review (returns, 销号 decisions, progress entries), newest first."""
    return [r[0] for r in ledger.conn.execute(
        "SELECT period FROM surveys WHERE deleted_at IS NULL UNION "
        "SELECT period FROM signoffs WHERE deleted_at IS NULL UNION "
        "SELECT period FROM progress_entries WHERE deleted_at IS NULL ORDER BY 1 DESC")]


def refusal(findings: list[Finding]) -> str | None:
    """One line saying why a package may not go up (None: nothing blocks): the first blocking finding,
    and how many more — for the export's UserError."""
    stop = [f for f in findings if f.blocking]
    if not stop:
        return None
    n_forced = sum(f.level == FORCED for f in stop)
    head = (i18n.tr("有 {n} 条强制性审核问题须更正").format(n=n_forced) if n_forced
            else i18n.tr("有 {n} 条核实问题尚未填写核实说明").format(n=len(stop)))
    first = stop[0]
    more = i18n.tr("等 {n} 条").format(n=len(stop)) if len(stop) > 1 else ""
    return i18n.tr("{head}，不能上报：{level} {rule} {message}{more}（见 数据交换 → 审核）").format(
        head=head, level=i18n.tr(first.level), rule=first.rule, message=first.message, more=more)
