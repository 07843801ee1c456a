"""冲突待处理: rows both sides changed, waiting for a person to choose."""

import json
from dataclasses import dataclass

from db.records import now
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.exchange import receive, records, share
from desktop_app.services.ledger import Ledger

LABEL_COLUMNS = ("name", "title", "indicator", "period", "file_name")
FIELD_LABELS = {
    "name": "名称", "uscc": "统一社会信用代码", "township_id": "所属乡镇", "industry": "行业", "above_scale": "规上",
    "address": "地址", "legal_person": "法定代表人", "contact": "联系人", "phone": "联系电话", "note": "备注",
    "period": "报送期", "status": "状态", "work_done": "工作进展", "problems": "存在问题", "next_steps": "下步打算",
    "submitted_on": "报送日期", "title": "标题", "filled_by": "填表人", "filled_on": "填表日期",
    "survey_institutions": "研发机构", "survey_projects": "研发项目", "assignment_contacts": "责任人",
    "deleted_at": "删除时间", "level": "级别", "type": "类型",
}


def field_label(name: str) -> str:
    return i18n.tr(FIELD_LABELS.get(name, name))


@dataclass(frozen=True)
class Conflict:
    id: str
    peer: str              # the other unit's name
    table: str
    row_id: str
    label: str             # what the row is, for a person
    created_at: str
    theirs: dict
    ours: dict

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def fields(self) -> list[tuple[str, object, object]]:
        """(field, theirs, ours) for every field that differs."""
        t, o = self.theirs.get("row") or {}, self.ours.get("row") or {}
        out = [(k, t.get(k), o.get(k)) for k in t if k not in records.NOT_HASHED and t.get(k) != o.get(k)]
        for child in sorted(set(self.theirs.get("children", {})) | set(self.ours.get("children", {}))):
            tc, oc = self.theirs.get("children", {}).get(child, []), self.ours.get("children", {}).get(child, [])
            if _strip(tc) != _strip(oc):
                out.append((child, len(tc), len(oc)))
        return out


def _strip(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in records.NOT_HASHED} for r in rows]


def _label(table: str, row: dict) -> str:
    for col in LABEL_COLUMNS:
        if row.get(col):
            return f"{share.table_label(table)}：{row[col]}"
    return share.table_label(table)


def pending(ledger: Ledger) -> list[Conflict]:
    rows = ledger.conn.execute(
        "SELECT c.id, COALESCE(u.name, c.peer_unit_id), c.table_name, c.row_id, c.created_at, c.their_values, "
        "c.our_values FROM exchange_conflicts c LEFT JOIN units u ON u.id = c.peer_unit_id "
        "WHERE c.resolved_at IS NULL ORDER BY c.created_at, c.table_name")
    out = []
    for cid, peer, table, row_id, at, theirs, ours in rows:
        t, o = json.loads(theirs), json.loads(ours) or {}
        out.append(Conflict(cid, peer, table, row_id, _label(table, t.get("row") or {}), at, t, o))
    return out


def find(ledger: Ledger, conflict_id: str) -> Conflict:
    key = conflict_id.strip().lower()
    matches = [c for c in pending(ledger) if c.id == key or (len(key) >= 4 and c.id.startswith(key))]
    if len(matches) != 1:
        raise UserError(i18n.tr("没有待处理的冲突“{id}”").format(id=conflict_id) if not matches
                        else i18n.tr("“{id}”对应多条冲突，请写得更完整").format(id=conflict_id))
    return matches[0]


def resolve(ledger: Ledger, conflict_id: str, keep: str) -> Conflict:
    """``keep`` = 'ours' (this ledger's row stays) or 'theirs' (the sender's is applied)."""
    if keep not in ("ours", "theirs"):
        raise UserError(i18n.tr("请选择保留本地（ours）或采用对方（theirs）"))
    c = find(ledger, conflict_id)
    row = ledger.conn.execute("SELECT peer_unit_id FROM exchange_conflicts WHERE id = ?", (c.id,)).fetchone()
    theirs = records.Record(c.table, c.theirs["row"], c.theirs.get("children", {}))
    with ledger.write() as w:
        if keep == "theirs":
            ours = records.one(ledger.conn, c.table, c.row_id)
            w.receiving = True
            try:
                receive.write_record(ledger, theirs, ours, i18n.tr("处理冲突：采用{peer}的数据").format(peer=c.peer))
            finally:
                w.receiving = False
        receive.remember_base(ledger.conn, row[0], theirs)
        ledger.conn.execute("UPDATE exchange_conflicts SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?",
                            (now(), keep, ledger.operator, c.id))
        w.log("update", "exchange_conflicts", c.id, None, {"resolution": keep})
    return c


def resolve_fields(ledger: Ledger, conflict_id: str, take: set[str]) -> Conflict:
    """Field by field: the fields in ``take`` get the sender's values, the others keep this ledger's.
    The merged row is a local edit, so it goes back to the sender with the next package."""
    c = find(ledger, conflict_id)
    plain = {name for name, _t, _o in c.fields() if name in (c.theirs.get("row") or {})}
    unknown = set(take) - plain
    if unknown:
        raise UserError(i18n.tr("“{f}”不是这条冲突中可逐项选择的字段").format(f="、".join(sorted(unknown))))
    if not take:
        return resolve(ledger, conflict_id, "ours")
    if take == plain and all(name in plain for name, _t, _o in c.fields()):
        return resolve(ledger, conflict_id, "theirs")
    row = ledger.conn.execute("SELECT peer_unit_id FROM exchange_conflicts WHERE id = ?", (c.id,)).fetchone()
    theirs = records.Record(c.table, c.theirs["row"], c.theirs.get("children", {}))
    with ledger.write() as w:
        w.update(c.table, c.row_id, {f: c.theirs["row"][f] for f in take},
                 reason=i18n.tr("处理冲突：逐项采用{peer}的{fields}").format(
                     peer=c.peer, fields="、".join(field_label(f) for f in sorted(take))))
        receive.remember_base(ledger.conn, row[0], theirs)
        ledger.conn.execute("UPDATE exchange_conflicts SET resolved_at = ?, resolution = 'fields', resolved_by = ? "
                            "WHERE id = ?", (now(), ledger.operator, c.id))
        w.log("update", "exchange_conflicts", c.id, None, {"resolution": "fields", "taken": sorted(take)})
    return c
