"""回收站: soft-deleted records listed and restored (audited as 'restore').

Enterprises, talent, platforms, key tasks / tasks and survey returns are never
erased: a delete sets ``deleted_at``. :func:`items` lists them newest first
with who deleted them (from the audit log); :func:`restore` clears
``deleted_at`` in one audited transaction, refusing with a reason when the
record cannot come back (its enterprise or key task is deleted, its credit
code or period is taken by a live record). Restoring an enterprise brings back
its returns (they stay attached to it while it is deleted).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.ledger import Ledger

# table -> (kind shown, SQL for the name shown)
KINDS: dict[str, tuple[str, str]] = {
    "enterprises": ("企业", "t.name || '（' || t.uscc || '）'"),
    "talent": ("人才", "t.name"),
    "platforms": ("平台", "t.name"),
    "key_tasks": ("重点任务", "t.name"),
    "tasks": ("具体任务", "t.name"),
    "surveys": ("调查表", "COALESCE((SELECT name FROM enterprises e WHERE e.id = t.enterprise_id), '') "
                          "|| ' ' || t.period"),
}
TABLES = tuple(KINDS)


@dataclass(frozen=True)
class Item:
    table: str
    id: str
    kind: str       # 企业 / 人才 / …
    name: str
    deleted_at: str
    deleted_by: str


def items(ledger: Ledger) -> list[Item]:
    """Every soft-deleted record of the kinds above, newest deletion first."""
    out: list[Item] = []
    for table, (kind, name_sql) in KINDS.items():
        rows = ledger.conn.execute(
            f"SELECT t.id, {name_sql} AS name, t.deleted_at, "
            "COALESCE((SELECT a.operator FROM audit_log a WHERE a.table_name = ? AND a.row_id = t.id "
            "AND a.action = 'delete' ORDER BY a.seq DESC LIMIT 1), '') AS who "
            f"FROM {table} t WHERE t.deleted_at IS NOT NULL", (table,)).fetchall()
        out += [Item(table, r[0], i18n.tr(kind), r[1] or "", r[2], r[3]) for r in rows]
    out.sort(key=lambda it: it.deleted_at, reverse=True)
    return out


def _row(ledger: Ledger, table: str, row_id: str) -> dict:
    if table not in KINDS:
        raise UserError(i18n.tr("回收站不管理这类记录"))
    row = ledger.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("记录不存在"))
    if row["deleted_at"] is None:
        raise UserError(i18n.tr("这条记录没有被删除，无需恢复"))
    return dict(row)


def _live(ledger: Ledger, table: str, where: str, args: tuple) -> bool:
    return ledger.conn.execute(
        f"SELECT 1 FROM {table} WHERE deleted_at IS NULL AND {where}", args).fetchone() is not None


def _check(ledger: Ledger, table: str, row: dict) -> None:
    """Why this record cannot come back (UserError), if it cannot."""
    if table == "enterprises":
        if _live(ledger, "enterprises", "uscc = ?", (row["uscc"],)):
            raise UserError(i18n.tr("统一社会信用代码 {c} 已被另一家在册企业使用，不能恢复“{n}”").format(
                c=row["uscc"], n=row["name"]))
    elif table == "surveys":
        ent = ledger.conn.execute("SELECT name, deleted_at FROM enterprises WHERE id = ?",
                                  (row["enterprise_id"],)).fetchone()
        if ent is None or ent["deleted_at"] is not None:
            raise UserError(i18n.tr("调查表所属企业“{n}”已被删除，请先恢复该企业").format(n=ent["name"] if ent else ""))
        if _live(ledger, "surveys", "enterprise_id = ? AND period = ?", (row["enterprise_id"], row["period"])):
            raise UserError(i18n.tr("“{n}”{p} 已有一份调查表，不能再恢复这一份").format(n=ent["name"], p=row["period"]))
    elif table == "tasks":
        if not _live(ledger, "key_tasks", "id = ?", (row["key_task_id"],)):
            raise UserError(i18n.tr("具体任务所属的重点任务已被删除，请先恢复该重点任务"))
    elif table == "key_tasks":
        if not _live(ledger, "documents", "id = ?", (row["document_id"],)):
            raise UserError(i18n.tr("重点任务所属的文件已被删除，不能单独恢复"))


def restore(ledger: Ledger, table: str, row_id: str) -> None:
    """Bring one record back (a key task / task with what its delete took along).

    An enterprise's returns are not deleted with it: they come back with it; a
    return deleted on its own stays in the bin until restored itself."""
    with ledger.write() as w:
        row = _row(ledger, table, row_id)
        _check(ledger, table, row)
        w.restore(table, row_id)
        if table in ("key_tasks", "tasks"):
            _restore_under(ledger, w, table, row_id, row["deleted_at"])


def _restore_under(ledger: Ledger, w, table: str, row_id: str, stamp: str) -> None:
    """What the same delete took with it (deleted in the same second): tasks, then assignments."""
    if table == "key_tasks":
        for (tid,) in ledger.conn.execute("SELECT id FROM tasks WHERE key_task_id = ? AND deleted_at = ?",
                                          (row_id, stamp)).fetchall():
            w.restore("tasks", tid, reason=i18n.tr("随重点任务恢复"))
            _restore_under(ledger, w, "tasks", tid, stamp)
        return
    for (aid,) in ledger.conn.execute("SELECT id FROM assignments WHERE task_id = ? AND deleted_at = ?",
                                      (row_id, stamp)).fetchall():
        w.restore("assignments", aid, reason=i18n.tr("随具体任务恢复"))
