"""Tasks (任务): assignments of concrete tasks to responsible units."""

from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import tr
from desktop_app.services import forms, units
from desktop_app.services.ledger import Ledger

_CONTACTS = ("(SELECT group_concat({col}, '；') FROM (SELECT {col} FROM assignment_contacts c "
             "WHERE c.assignment_id = t.id ORDER BY c.seq))")

LIST = ListSpec(
    table="assignments",
    joins=("JOIN tasks tk ON tk.id = t.task_id JOIN key_tasks kt ON kt.id = tk.key_task_id "
           "JOIN documents d ON d.id = kt.document_id JOIN departments dp ON dp.id = t.department_id"),
    where="t.deleted_at IS NULL AND tk.deleted_at IS NULL AND kt.deleted_at IS NULL",
    columns=(
        Column("doc_no", "d.doc_no"),
        Column("key_seq", "kt.seq", sort_sql="d.issued_on, kt.seq, tk.seq, t.seq"),
        Column("key_task", "kt.name", sort_sql="kt.name"),
        Column("task", "tk.name"),
        Column("department", "dp.name"),
        Column("role", "t.role", fmt=lambda v: tr("牵头") if v == "lead" else tr("配合")),
        Column("leader", _CONTACTS.format(col="leader")),
        Column("section", _CONTACTS.format(col="section")),
        Column("handler", _CONTACTS.format(col="handler")),
        Column("status", "(SELECT p.status FROM progress_entries p WHERE p.assignment_id = t.id "
                         "AND p.deleted_at IS NULL ORDER BY p.period DESC LIMIT 1)"),
    ),
    filters=(
        Filter("document_id", "kt.document_id = ?"),
        Filter("department_id", "t.department_id = ?"),
        Filter("key_task_id", "kt.id = ?"),
    ),
    like_fields=("tk.name", "kt.name", "dp.name",
                 "(SELECT group_concat(c.leader || ' ' || c.handler, ' ') FROM assignment_contacts c "
                 "WHERE c.assignment_id = t.id)"),
    default_sort="key_seq",
)


def documents(ledger: Ledger) -> list[units.Choice]:
    rows = ledger.conn.execute(
        "SELECT id, COALESCE(NULLIF(doc_no, ''), title) FROM documents WHERE deleted_at IS NULL "
        "AND id IN (SELECT document_id FROM key_tasks WHERE deleted_at IS NULL) ORDER BY issued_on")
    return [units.Choice(r[0], r[1]) for r in rows]


def all_documents(ledger: Ledger) -> list[units.Choice]:
    rows = ledger.conn.execute(
        "SELECT id, COALESCE(NULLIF(doc_no, ''), title) FROM documents WHERE deleted_at IS NULL "
        "ORDER BY issued_on")
    return [units.Choice(r[0], r[1]) for r in rows]


def get(ledger: Ledger, assignment_id: str) -> dict[str, Any]:
    row = ledger.conn.execute(
        "SELECT a.id, a.role, kt.document_id, kt.name AS key_task, tk.name AS task, dp.name AS department "
        "FROM assignments a JOIN tasks tk ON tk.id = a.task_id JOIN key_tasks kt ON kt.id = tk.key_task_id "
        "JOIN departments dp ON dp.id = a.department_id WHERE a.id = ? AND a.deleted_at IS NULL",
        (assignment_id,)).fetchone()
    if row is None:
        raise UserError(tr("任务分工记录不存在或已删除"))
    out = dict(row)
    contact = ledger.conn.execute(
        "SELECT leader, section, handler FROM assignment_contacts WHERE assignment_id = ? ORDER BY seq",
        (assignment_id,)).fetchall()
    for key in ("leader", "section", "handler"):
        out[key] = "；".join(c[key] for c in contact)
    return out


def _find_or_create(ledger: Ledger, table: str, parent_col: str, parent_id: str, name: str) -> str:
    row = ledger.conn.execute(
        f"SELECT id FROM {table} WHERE {parent_col} = ? AND name = ? AND deleted_at IS NULL",
        (parent_id, name)).fetchone()
    if row:
        return row[0]
    seq = ledger.conn.execute(
        f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table} WHERE {parent_col} = ?", (parent_id,)).fetchone()[0]
    return ledger.writer.insert(table, {parent_col: parent_id, "name": name, "seq": seq})


def save(ledger: Ledger, values: dict[str, Any], assignment_id: str | None = None) -> str:
    """Create or edit one assignment line (task + responsible unit + contacts)."""
    doc_id = values.get("document_id")
    key_task = forms.text(values, "key_task", tr("重点任务"), required=True)
    task = forms.text(values, "task", tr("具体任务"), required=True)
    department = forms.text(values, "department", tr("责任单位"), required=True)
    role = values.get("role") or "support"
    if role not in ("lead", "support"):
        raise ValidationError("role", tr("分工应为牵头或配合"))
    contact = {k: forms.text(values, k, label) for k, label in
               (("leader", tr("责任领导")), ("section", tr("责任科室")), ("handler", tr("具体承办人")))}
    if not doc_id or not ledger.conn.execute(
            "SELECT 1 FROM documents WHERE id = ? AND deleted_at IS NULL", (doc_id,)).fetchone():
        raise ValidationError("document_id", tr("请选择政策文件"))
    with ledger.write() as w:
        key_id = _find_or_create(ledger, "key_tasks", "document_id", doc_id, key_task)
        task_id = _find_or_create(ledger, "tasks", "key_task_id", key_id, task)
        dept_id = units.ensure_department(ledger, department)
        record = {"task_id": task_id, "department_id": dept_id, "role": role}
        if assignment_id is None:
            seq = ledger.conn.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM assignments WHERE task_id = ?", (task_id,)).fetchone()[0]
            assignment_id = w.insert("assignments", {**record, "seq": seq})
        else:
            get(ledger, assignment_id)
            w.update("assignments", assignment_id, record)
        old = get(ledger, assignment_id)
        if any(old[k] != contact[k] for k in contact):
            w.delete_children("assignment_contacts", "assignment_id", assignment_id)
            w.insert("assignment_contacts", {"assignment_id": assignment_id, "seq": 1, **contact})
    return assignment_id


def delete(ledger: Ledger, assignment_id: str) -> None:
    with ledger.write() as w:
        get(ledger, assignment_id)
        w.soft_delete("assignments", assignment_id)
