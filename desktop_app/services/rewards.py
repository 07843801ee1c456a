"""Rewards (奖补): events derived from the ledger, what each is owed, and what was paid.

Events come from the ledger itself — a 高新技术企业 certification (new or
re-certified), a platform recognised at a level (重点实验室, 工程技术研究中心,
中试基地, 产业技术创新战略联盟, 科技企业孵化器, 众创空间, 技术转移机构,
院士工作站), a high-level talent brought in — plus items a clerk adds by hand
(一事一议 projects, 科技成果转化 deals, the R&D ranking). The amounts are
``domain.rewards`` applied to the policy's rules (``reward_rules``).
``reward_records`` keep the clerk's part: the project grouping, a 核定金额,
and what was paid when.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from db.records import new_id
from desktop_app import i18n
from desktop_app.domain.coverage import money
from desktop_app.domain.rewards import (
    HIGH_TECH,
    PLATFORM_EVENTS,
    Award,
    Decision,
    Event,
    Rule,
    approved_amount_error,
    match_rule,
    settle,
)
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import forms, reward_policies, seed
from desktop_app.services.enterprises.titles import renewal_sql
from desktop_app.services.ledger import Ledger

NUMERALS = "一二三四五六七八九十"
MANUAL = "manual"


@dataclass(frozen=True)
class PolicyInfo:
    doc_no: str
    title: str
    rule_text: str
    clauses: tuple[tuple[int, str, str], ...]  # (seq, title, text)
    effective_from: str | None = None          # the document's date: earlier events are not rewarded
    sample: bool = False                       # a sample list (the demo): printed as such
    builtin: bool = False                      # 001 附件2, the shipped policy (a 绛县 ledger)

    @property
    def caption(self) -> str:
        if not self.clauses:
            return i18n.tr("本县奖补政策尚未录入")
        if self.builtin and self.doc_no:
            return i18n.tr("依据{doc}附件2《{title}》").format(doc=self.doc_no, title=self.title)
        text = i18n.tr("依据{doc}《{title}》").format(doc=self.doc_no, title=self.title) if self.doc_no \
            else i18n.tr("依据《{title}》").format(title=self.title)
        return text + (i18n.tr("（示例政策，非正式文件）") if self.sample else "")


def numeral(seq: int) -> str:
    return NUMERALS[seq - 1] if 1 <= seq <= len(NUMERALS) else str(seq)


def policy(ledger: Ledger) -> PolicyInfo:
    """The ledger's own county's policy: 001 附件2 when built in, else the list the county entered."""
    rows = ledger.conn.execute(
        "SELECT p.seq, p.title, p.text, d.doc_no, d.issued_on FROM reward_policies p "
        "LEFT JOIN documents d ON d.id = p.document_id WHERE p.deleted_at IS NULL ORDER BY p.seq").fetchall()
    data = seed.rewards()
    clauses = tuple((r[0], r[1], r[2]) for r in rows)
    if any(r["doc_no"] for r in rows):  # linked to the shipped document
        doc_no = next(r["doc_no"] for r in rows if r["doc_no"])
        issued = next((r["issued_on"] for r in rows if r["issued_on"]), None)
        return PolicyInfo(doc_no, data["title"], data["rule"]["text"], clauses, issued, builtin=True)
    title, doc_no, since, sample = reward_policies.own_title(ledger)
    return PolicyInfo(doc_no, title, data["rule"]["text"], clauses, since, sample=sample)


def rules(ledger: Ledger) -> list[Rule]:
    return [Rule(r["id"], r["seq"], r["title"], r["event"], r["level"], r["amount_wan"], bool(r["case_by_case"]),
                 bool(r["is_maximum"])) for r in ledger.conn.execute(
        "SELECT r.*, p.seq, p.title FROM reward_rules r JOIN reward_policies p ON p.id = r.policy_id "
        "WHERE p.deleted_at IS NULL ORDER BY p.seq, r.rowid")]


def _records(ledger: Ledger) -> dict[str, dict[str, Any]]:
    return {f"{r['event_table']}:{r['event_id']}": dict(r) for r in ledger.conn.execute(
        "SELECT * FROM reward_records WHERE deleted_at IS NULL AND event_table != ''")}


def _derived(ledger: Ledger) -> list[Event]:
    out = []
    for r in ledger.conn.execute(
            f"SELECT t.id, t.enterprise_id, e.name, t.year, t.issued_on, t.cert_no, {renewal_sql('t')} "
            "FROM enterprise_titles t JOIN enterprises e ON e.id = t.enterprise_id AND e.deleted_at IS NULL "
            "WHERE t.deleted_at IS NULL AND t.title = ?", (HIGH_TECH,)):
        kind = "high_tech_recertified" if r[6] else "high_tech_new"
        subject = i18n.tr("证书 {no}").format(no=r[5]) if r[5] else i18n.tr("{y} 年认定").format(y=r[3])
        out.append(Event(f"enterprise_titles:{r[0]}", r[1], r[2], kind, "", r[3], r[4], subject))
    types = list(PLATFORM_EVENTS)
    for r in ledger.conn.execute(
            "SELECT p.id, p.host_enterprise_id, COALESCE(e.name, p.host_name), p.type, p.level, p.approved_on, "
            "p.name FROM platforms p LEFT JOIN enterprises e ON e.id = p.host_enterprise_id "
            f"WHERE p.deleted_at IS NULL AND p.status = '已认定' AND p.approved_on IS NOT NULL "
            f"AND p.type IN ({','.join('?' * len(types))})", types):
        out.append(Event(f"platforms:{r[0]}", r[1], r[2] or "", PLATFORM_EVENTS[r[3]], r[4], int(r[5][:4]), r[5], r[6]))
    for r in ledger.conn.execute(
            "SELECT t.id, t.enterprise_id, COALESCE(e.name, t.employer), t.intro_date, t.name, t.high_level_tier "
            "FROM talent t LEFT JOIN enterprises e ON e.id = t.enterprise_id "
            "WHERE t.deleted_at IS NULL AND t.high_level = 1 AND t.intro_date IS NOT NULL"):
        subject = f"{r[4]}（{r[5]}）" if r[5] else r[4]
        out.append(Event(f"talent:{r[0]}", r[1], r[2] or "", "high_level_talent", "", int(r[3][:4]), r[3], subject))
    return out


def _items(ledger: Ledger) -> list[tuple[Event, Rule, Decision]]:
    all_rules = rules(ledger)
    by_id = {r.id: r for r in all_rules}
    records = _records(ledger)
    since = policy(ledger).effective_from or ""
    names = {}
    items = []
    for event in _derived(ledger):
        if (event.on or f"{event.year}-12-31") < since:
            continue  # before the policy was issued
        rule = match_rule(event.event, event.level, all_rules)
        if rule is None:
            continue  # e.g. a 市级 key lab: the policy rewards 国家级 and 省级 only
        rec = records.get(event.key)
        if rec:
            event = Event(event.key, event.enterprise_id, event.enterprise, event.event, event.level, event.year,
                          event.on, event.subject, rec["project_key"])
        items.append((event, rule, _decision(rec)))
    for key, rec in records.items():
        if rec["event_table"] != MANUAL or rec["rule_id"] not in by_id:
            continue
        rule = by_id[rec["rule_id"]]
        if rec["enterprise_id"] and rec["enterprise_id"] not in names:
            row = ledger.conn.execute("SELECT name FROM enterprises WHERE id = ?", (rec["enterprise_id"],)).fetchone()
            names[rec["enterprise_id"]] = row[0] if row else ""
        holder = names.get(rec["enterprise_id"]) or rec["holder"]
        items.append((Event(key, rec["enterprise_id"], holder, rule.event, rule.level, rec["year"], None,
                            rec["description"], rec["project_key"]), rule, _decision(rec)))
    return items


def _decision(rec: dict[str, Any] | None) -> Decision:
    if not rec:
        return Decision()
    return Decision(rec["approved_amount"], rec["amount_paid"] or 0.0, rec["paid_on"], rec["note"])


def awards(ledger: Ledger, year: int | None = None) -> list[Award]:
    """What each event is owed (highest-only rule across all years), for one year or all."""
    settled = settle(_items(ledger))
    if year is not None:
        settled = [a for a in settled if a.event.year == year]
    return sorted(settled, key=lambda a: (a.event.enterprise, a.event.on or f"{a.event.year}-12-31", a.event.key))


def award(ledger: Ledger, event_key: str) -> Award:
    for a in settle(_items(ledger)):
        if a.event.key == event_key:
            return a
    raise UserError(i18n.tr("奖补事项不存在（相关台账记录可能已删除或已不符合奖补条件）"))


def years(ledger: Ledger) -> list[int]:
    found = sorted({a.event.year for a in settle(_items(ledger))}, reverse=True)
    return found or [date.today().year]


def _record_id(ledger: Ledger, a: Award) -> str:
    """The reward_records row of an event, created on first use."""
    table, _, row_id = a.event.key.partition(":")
    found = ledger.conn.execute("SELECT id FROM reward_records WHERE event_table = ? AND event_id = ? "
                                "AND deleted_at IS NULL", (table, row_id)).fetchone()
    if found:
        return found[0]
    return ledger.writer.insert("reward_records", {
        "enterprise_id": a.event.enterprise_id, "holder": "" if a.event.enterprise_id else a.event.enterprise,
        "rule_id": a.rule.id, "event_table": table, "event_id": row_id, "year": a.event.year,
        "amount_due": a.due})


def set_amount(ledger: Ledger, event_key: str, values: dict[str, Any]) -> None:
    """核定金额: the amount for 一事一议 / "最高" items, or a reasoned change to the standard."""
    a = award(ledger, event_key)
    raw = values.get("approved_amount")
    amount = None if raw is None or str(raw).strip() == "" else forms.number(
        values, "approved_amount", i18n.tr("核定金额（万元）"), minimum=None)
    note = forms.text(values, "note", i18n.tr("备注"), max_len=500)
    if err := approved_amount_error(a.rule, amount, note):
        raise ValidationError("approved_amount", err)
    with ledger.write() as w:
        rid = _record_id(ledger, a)
        w.update("reward_records", rid, {"approved_amount": None if amount is None else money(amount), "note": note})


def payable(a: Award) -> float:
    """How much more may be paid for the event without a double award."""
    if a.status in ("due", "declined"):
        return max(0.0, money(a.due - a.paid))
    return 0.0


def record_payment(ledger: Ledger, event_key: str, values: dict[str, Any]) -> None:
    """发放登记: the amount paid so far for the event and the date of payment."""
    a = award(ledger, event_key)
    paid = forms.number(values, "amount_paid", i18n.tr("已发放金额（万元）"), required=True)
    paid = money(paid)
    paid_on = forms.iso_date(values, "paid_on", i18n.tr("发放日期"), not_after=date.today())
    note = forms.text(values, "note", i18n.tr("备注"), max_len=500)
    if paid and not paid_on:
        raise ValidationError("paid_on", i18n.tr("请填写发放日期"))
    limit = money(a.paid + payable(a))
    if paid > limit + 1e-9:
        if a.status == "pending":
            raise ValidationError("amount_paid", i18n.tr("该事项为{n}，请先核定金额再登记发放").format(n=a.note))
        if a.status == "superseded":
            raise ValidationError("amount_paid", a.note)
        raise ValidationError("amount_paid", i18n.tr("已发放金额 {p} 万元超过应奖金额 {d} 万元").format(
            p=f"{paid:g}", d=f"{limit:g}"))
    with ledger.write() as w:
        rid = _record_id(ledger, a)
        w.update("reward_records", rid, {"amount_paid": paid, "paid_on": paid_on if paid else None,
                                         "amount_due": a.due, "note": note or a.decision.note})


def group(ledger: Ledger, event_keys: list[str]) -> str:
    """Treat several events of one enterprise as one project (highest award only)."""
    if len(set(event_keys)) < 2:
        raise UserError(i18n.tr("请选择两项或以上奖补事项再合并"))
    chosen = [award(ledger, k) for k in dict.fromkeys(event_keys)]
    if len({a.event.owner_key for a in chosen}) > 1:
        raise UserError(i18n.tr("只能把同一企业（单位）的事项合并为同一项目"))
    existing = [a.event.project for a in chosen if a.event.project]
    project = existing[0] if existing else f"project:{new_id()}"
    with ledger.write() as w:
        for a in chosen:
            w.update("reward_records", _record_id(ledger, a), {"project_key": project})
    return project


def ungroup(ledger: Ledger, event_key: str) -> None:
    a = award(ledger, event_key)
    if not a.event.project:
        return
    with ledger.write() as w:
        w.update("reward_records", _record_id(ledger, a), {"project_key": ""})


def add_manual(ledger: Ledger, values: dict[str, Any]) -> str:
    """An item the ledger cannot derive (一事一议 projects, a 科技成果 deal, the R&D ranking)."""
    by_id = {r.id: r for r in rules(ledger)}
    rule = by_id.get(values.get("rule_id") or "")
    if rule is None:
        raise ValidationError("rule_id", i18n.tr("请选择政策条款"))
    year = forms.number(values, "year", i18n.tr("年度"), integer=True, required=True)
    since = policy(ledger).effective_from
    first = int(since[:4]) if since else 2000
    if not first <= year <= date.today().year:
        raise ValidationError("year", i18n.tr("年度 {y} 不在政策施行以来（{a}—{b} 年）").format(
            y=year, a=first, b=date.today().year))
    description = forms.text(values, "description", i18n.tr("事项说明"), required=True, max_len=500)
    enterprise_id = values.get("enterprise_id") or None
    holder = forms.text(values, "holder", i18n.tr("受奖单位"))
    if enterprise_id:
        if not ledger.conn.execute("SELECT 1 FROM enterprises WHERE id = ? AND deleted_at IS NULL",
                                   (enterprise_id,)).fetchone():
            raise ValidationError("enterprise_id", i18n.tr("所选企业不存在或已删除"))
        holder = ""
    elif not holder:
        raise ValidationError("holder", i18n.tr("请选择受奖企业或填写受奖单位"))
    raw = values.get("approved_amount")
    amount = None if raw is None or str(raw).strip() == "" else forms.number(
        values, "approved_amount", i18n.tr("核定金额（万元）"), minimum=None)
    note = forms.text(values, "note", i18n.tr("备注"), max_len=500)
    if err := approved_amount_error(rule, amount, note):
        raise ValidationError("approved_amount", err)
    rid = new_id()
    with ledger.write() as w:
        w.insert("reward_records", {
            "id": rid, "enterprise_id": enterprise_id, "holder": holder, "rule_id": rule.id, "event_table": MANUAL,
            "event_id": rid, "year": year, "description": description,
            "approved_amount": None if amount is None else money(amount), "note": note})
    return f"{MANUAL}:{rid}"


def delete_manual(ledger: Ledger, event_key: str) -> None:
    table, _, rid = event_key.partition(":")
    if table != MANUAL:
        raise UserError(i18n.tr("由台账记录产生的奖补事项不能删除；如不予奖励，请核定金额为 0 并写明理由"))
    a = award(ledger, event_key)
    if a.paid:
        raise UserError(i18n.tr("该事项已登记发放 {p} 万元，不能删除").format(p=f"{a.paid:g}"))
    with ledger.write() as w:
        w.soft_delete("reward_records", rid)
