"""工作任务清单 (000 附件2 layout) from the ledger's task tree."""

from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain.dates import cn_date
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.task_list import TaskListHeader, TaskListLine, build_task_list_form
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec


def lines(ledger: Ledger, document_id: str | None = None) -> tuple[list[TaskListLine], str]:
    """Every printed line of one document's task list, and that document's title."""
    if document_id is None:
        row = ledger.conn.execute(
            "SELECT d.id FROM documents d JOIN key_tasks kt ON kt.document_id = d.id "
            "WHERE d.deleted_at IS NULL AND kt.deleted_at IS NULL "
            "ORDER BY d.issued_on DESC LIMIT 1").fetchone()
        if row is None:
            return [], ""
        document_id = row[0]
    title = ledger.conn.execute("SELECT title FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
    rows = ledger.conn.execute(
        "SELECT kt.seq, kt.name, tk.name, dp.name, c.leader, c.section, c.handler "
        "FROM key_tasks kt JOIN tasks tk ON tk.key_task_id = kt.id AND tk.deleted_at IS NULL "
        "JOIN assignments a ON a.task_id = tk.id AND a.deleted_at IS NULL "
        "JOIN departments dp ON dp.id = a.department_id "
        "LEFT JOIN assignment_contacts c ON c.assignment_id = a.id "
        "WHERE kt.document_id = ? AND kt.deleted_at IS NULL "
        "ORDER BY kt.seq, tk.seq, a.seq, c.seq", (document_id,)).fetchall()
    return [TaskListLine(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "") for r in rows], title


def build(ledger: Ledger, params: dict[str, Any]):
    """One 工作任务清单 per policy document with tasks (an imported list prints beside the built-in one)."""
    if params.get("document_id"):
        doc_ids = [params["document_id"]]
    else:
        doc_ids = [r[0] for r in ledger.conn.execute(
            "SELECT d.id FROM documents d WHERE d.deleted_at IS NULL AND EXISTS (SELECT 1 FROM key_tasks kt "
            "WHERE kt.document_id = d.id AND kt.deleted_at IS NULL) ORDER BY d.issued_on DESC, d.title")]
    today = date.today()
    forms = []
    for doc_id in doc_ids:
        found, title = lines(ledger, doc_id)
        if not found:
            continue
        header = TaskListHeader(document_title=title, unit=ledger.unit.name,
                                date=cn_date(today), filler=ledger.operator,
                                phone="", reviewer="")
        forms.append(build_task_list_form(found, header))
    if not forms:
        from desktop_app.errors import UserError
        raise UserError(i18n.tr("台账中还没有任务清单"))
    return forms[0] if len(forms) == 1 else forms


SPEC = ReportSpec(name="task-list", title=QT_TRANSLATE_NOOP("i18n", "工作任务清单"), build=build, order=10)
