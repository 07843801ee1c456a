"""Tasks (任务): policy document → key task → concrete task → assignments of responsible units."""

from dataclasses import dataclass, field
from typing import Any

from db.listing import Column, Filter, ListSpec
from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import forms, units
from desktop_app.services.ledger import Ledger

_CONTACTS = ("(SELECT group_concat({col}, '；') FROM (SELECT {col} FROM assignment_contacts c "
             "WHERE c.assignment_id = t.id ORDER BY c.seq))")

CONTACT_KEY = ("leader", "section", "handler")  # a contact line is known by what it says

LIST = ListSpec(
    table="assignments",
    joins=("JOIN tasks tk ON tk.id = t.task_id JOIN key_tasks kt ON kt.id = tk.key_task_id "
           "JOIN documents d ON d.id = kt.document_id JOIN departments dp ON dp.id = t.department_id"),
    where="t.deleted_at IS NULL AND tk.deleted_at IS NULL AND kt.deleted_at IS NULL",
    columns=(
        Column("doc_no", "d.doc_no"),
        Column("key_seq", "kt.seq", sort_sql=("d.issued_on", "kt.seq", "tk.seq", "t.seq")),
        Column("key_task", "kt.name", sort_sql="kt.name"),
        Column("task", "tk.name"),
        Column("department", "dp.name"),
        Column("role", "t.role", fmt=lambda v: i18n.tr("牵头") if v == "lead" else i18n.tr("配合")),
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
        raise UserError(i18n.tr("任务分工记录不存在或已删除"))
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
    key_task = forms.text(values, "key_task", i18n.tr("重点任务"), required=True)
    task = forms.text(values, "task", i18n.tr("具体任务"), required=True)
    department = forms.text(values, "department", i18n.tr("责任单位"), required=True)
    role = values.get("role") or "support"
    if role not in ("lead", "support"):
        raise ValidationError("role", i18n.tr("分工应为牵头或配合"))
    contact = {k: forms.text(values, k, label) for k, label in
               (("leader", i18n.tr("责任领导")), ("section", i18n.tr("责任科室")), ("handler", i18n.tr("具体承办人")))}
    if not doc_id or not ledger.conn.execute(
            "SELECT 1 FROM documents WHERE id = ? AND deleted_at IS NULL", (doc_id,)).fetchone():
        raise ValidationError("document_id", i18n.tr("请选择政策文件"))
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
        w.sync_children("assignment_contacts", "assignment_id", assignment_id, [{"seq": 1, **contact}],
                        key=CONTACT_KEY)
    return assignment_id


def delete(ledger: Ledger, assignment_id: str) -> None:
    with ledger.write() as w:
        get(ledger, assignment_id)
        w.soft_delete("assignments", assignment_id)


# ---- the tree: document → key task → task → assignment ----------------------

@dataclass
class AssignmentNode:
    id: str
    department: str
    role: str                      # lead / support
    contacts: list[tuple[str, str, str]]  # (责任领导, 责任科室, 具体承办人) lines
    latest: tuple[str, str] | None = None  # (period, status) of the newest entry

    @property
    def role_text(self) -> str:
        return i18n.tr("牵头") if self.role == "lead" else i18n.tr("配合")

    def joined(self, i: int) -> str:
        return "；".join(c[i] for c in self.contacts if c[i])


@dataclass
class TaskNode:
    id: str
    seq: int
    name: str
    description: str
    assignments: list[AssignmentNode] = field(default_factory=list)
    targets: int = 0


@dataclass
class KeyTaskNode:
    id: str
    seq: int
    name: str
    tasks: list[TaskNode] = field(default_factory=list)


@dataclass
class DocumentNode:
    id: str
    doc_no: str
    title: str
    issuer: str
    issued_on: str
    key_tasks: list[KeyTaskNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.doc_no} {self.title}".strip()

    def counts(self) -> tuple[int, int, int]:
        tasks = [t for k in self.key_tasks for t in k.tasks]
        return len(self.key_tasks), len(tasks), sum(len(t.assignments) for t in tasks)


def tree(ledger: Ledger) -> list[DocumentNode]:
    """Every document with its task tree, in print order (documents without tasks too)."""
    conn = ledger.conn
    docs = {r[0]: DocumentNode(r[0], r[1] or "", r[2], r[3] or "", r[4] or "") for r in conn.execute(
        "SELECT id, doc_no, title, issuer, issued_on FROM documents WHERE deleted_at IS NULL "
        "ORDER BY issued_on DESC, title")}
    keys: dict[str, KeyTaskNode] = {}
    for kid, doc_id, seq, name in conn.execute(
            "SELECT id, document_id, seq, name FROM key_tasks WHERE deleted_at IS NULL ORDER BY seq, rowid"):
        if doc_id in docs:
            keys[kid] = KeyTaskNode(kid, seq, name)
            docs[doc_id].key_tasks.append(keys[kid])
    task_nodes: dict[str, TaskNode] = {}
    for tid, kid, seq, name, desc, n_targets in conn.execute(
            "SELECT id, key_task_id, seq, name, COALESCE(description, ''), "
            "(SELECT COUNT(*) FROM targets g WHERE g.task_id = t.id AND g.deleted_at IS NULL) "
            "FROM tasks t WHERE deleted_at IS NULL ORDER BY seq, rowid"):
        if kid in keys:
            task_nodes[tid] = TaskNode(tid, seq, name, desc, targets=n_targets)
            keys[kid].tasks.append(task_nodes[tid])
    nodes: dict[str, AssignmentNode] = {}
    # the newest entry by an index seek per assignment (a GROUP BY over all months reads every entry)
    for aid, tid, dept, role, period, status in conn.execute(
            "SELECT a.id, a.task_id, dp.name, a.role, p.period, p.status FROM assignments a "
            "JOIN departments dp ON dp.id = a.department_id "
            "LEFT JOIN progress_entries p ON p.id = (SELECT x.id FROM progress_entries x "
            "WHERE x.assignment_id = a.id AND x.deleted_at IS NULL ORDER BY x.period DESC LIMIT 1) "
            "WHERE a.deleted_at IS NULL ORDER BY a.seq, a.rowid"):
        if tid in task_nodes:
            nodes[aid] = AssignmentNode(aid, dept, role, [], (period, status) if period else None)
            task_nodes[tid].assignments.append(nodes[aid])
    for aid, leader, section, handler in conn.execute(
            "SELECT assignment_id, leader, section, handler FROM assignment_contacts ORDER BY seq"):
        if aid in nodes:
            nodes[aid].contacts.append((leader, section, handler))
    return list(docs.values())


def save_document(ledger: Ledger, values: dict[str, Any], document_id: str | None = None) -> str:
    record = {
        "doc_no": forms.text(values, "doc_no", i18n.tr("文号"), max_len=60),
        "title": forms.text(values, "title", i18n.tr("文件标题"), required=True, max_len=200),
        "issuer": forms.text(values, "issuer", i18n.tr("发文机关")),
        "issued_on": forms.iso_date(values, "issued_on", i18n.tr("成文日期")),
    }
    with ledger.write() as w:
        if document_id is None:
            return w.insert("documents", {**record, "scope": ledger.unit.name})
        w.update("documents", document_id, record)
        return document_id


def document(ledger: Ledger, document_id: str) -> dict[str, Any]:
    row = ledger.conn.execute("SELECT * FROM documents WHERE id = ? AND deleted_at IS NULL",
                              (document_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("政策文件不存在或已删除"))
    return dict(row)


def _cascade(ledger: Ledger, level: str, row_id: str) -> int:
    """Soft-delete a node and everything under it; returns how many assignments went."""
    w = ledger.writer
    if level == "documents":
        children = [r[0] for r in ledger.conn.execute(
            "SELECT id FROM key_tasks WHERE document_id = ? AND deleted_at IS NULL", (row_id,))]
        n = sum(_cascade(ledger, "key_tasks", k) for k in children)
    elif level == "key_tasks":
        children = [r[0] for r in ledger.conn.execute(
            "SELECT id FROM tasks WHERE key_task_id = ? AND deleted_at IS NULL", (row_id,))]
        n = sum(_cascade(ledger, "tasks", t) for t in children)
    elif level == "tasks":
        children = [r[0] for r in ledger.conn.execute(
            "SELECT id FROM assignments WHERE task_id = ? AND deleted_at IS NULL", (row_id,))]
        for a in children:
            w.soft_delete("assignments", a)
        n = len(children)
    else:
        raise ValueError(level)
    w.soft_delete(level, row_id)
    return n


def delete_node(ledger: Ledger, level: str, row_id: str) -> int:
    """Delete a document, key task or task with what hangs under it (soft, audited)."""
    with ledger.write():
        if not ledger.conn.execute(f"SELECT 1 FROM {level} WHERE id = ? AND deleted_at IS NULL",
                                   (row_id,)).fetchone():
            raise UserError(i18n.tr("记录不存在或已删除"))
        return _cascade(ledger, level, row_id)


def save_key_task(ledger: Ledger, document_id: str, values: dict[str, Any], key_task_id: str | None = None) -> str:
    name = forms.text(values, "name", i18n.tr("重点任务"), required=True)
    seq = forms.number(values, "seq", i18n.tr("序号"), integer=True, minimum=1)
    with ledger.write() as w:
        document(ledger, document_id)
        if not seq:
            seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM key_tasks WHERE document_id = ? "
                                      "AND deleted_at IS NULL", (document_id,)).fetchone()[0]
        clash = ledger.conn.execute(
            "SELECT name FROM key_tasks WHERE document_id = ? AND seq = ? AND deleted_at IS NULL AND id IS NOT ?",
            (document_id, seq, key_task_id)).fetchone()
        if clash:
            raise ValidationError("seq", i18n.tr("序号 {n} 已用于“{name}”").format(n=seq, name=clash[0]))
        if key_task_id is None:
            return w.insert("key_tasks", {"document_id": document_id, "seq": seq, "name": name})
        w.update("key_tasks", key_task_id, {"seq": seq, "name": name})
        return key_task_id


def save_task(ledger: Ledger, key_task_id: str, values: dict[str, Any], task_id: str | None = None) -> str:
    name = forms.text(values, "name", i18n.tr("具体任务"), required=True)
    description = forms.text(values, "description", i18n.tr("任务说明"), max_len=2000)
    with ledger.write() as w:
        if task_id is None:
            seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM tasks WHERE key_task_id = ?",
                                      (key_task_id,)).fetchone()[0]
            return w.insert("tasks", {"key_task_id": key_task_id, "seq": seq, "name": name,
                                      "description": description})
        w.update("tasks", task_id, {"name": name, "description": description})
        return task_id


def contacts_of(ledger: Ledger, assignment_id: str) -> list[dict[str, str]]:
    return [dict(r) for r in ledger.conn.execute(
        "SELECT leader, section, handler FROM assignment_contacts WHERE assignment_id = ? ORDER BY seq",
        (assignment_id,))]


def save_assignment(ledger: Ledger, task_id: str, values: dict[str, Any], assignment_id: str | None = None) -> str:
    """One responsible unit of a task, with its contact lines (责任领导 / 责任科室 / 具体承办人)."""
    department = forms.text(values, "department", i18n.tr("责任单位"), required=True)
    role = values.get("role") or "support"
    if role not in ("lead", "support"):
        raise ValidationError("role", i18n.tr("分工应为牵头或配合"))
    lines = []
    for i, c in enumerate(values.get("contacts") or [], start=1):
        line = {k: forms.text(c, k, label, max_len=100) for k, label in
                (("leader", i18n.tr("责任领导")), ("section", i18n.tr("责任科室")), ("handler", i18n.tr("具体承办人")))}
        if any(line.values()):
            lines.append({"seq": i, **line})
    with ledger.write() as w:
        if not ledger.conn.execute("SELECT 1 FROM tasks WHERE id = ? AND deleted_at IS NULL", (task_id,)).fetchone():
            raise UserError(i18n.tr("具体任务不存在或已删除"))
        dept_id = units.ensure_department(ledger, department)
        dup = ledger.conn.execute(
            "SELECT 1 FROM assignments WHERE task_id = ? AND department_id = ? AND deleted_at IS NULL AND id IS NOT ?",
            (task_id, dept_id, assignment_id)).fetchone()
        if dup:
            raise ValidationError("department", i18n.tr("“{d}”已是本任务的责任单位").format(d=department))
        if assignment_id is None:
            seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM assignments WHERE task_id = ?",
                                      (task_id,)).fetchone()[0]
            assignment_id = w.insert("assignments", {"task_id": task_id, "department_id": dept_id,
                                                     "role": role, "seq": seq})
        else:
            w.update("assignments", assignment_id, {"department_id": dept_id, "role": role})
        w.sync_children("assignment_contacts", "assignment_id", assignment_id,
                        [{**ln, "seq": n} for n, ln in enumerate(lines, start=1)], key=CONTACT_KEY)
    return assignment_id
