"""冲突待处理: rows both sides changed, waiting for a person to choose."""

import json
from dataclasses import dataclass

from db.records import now
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.exchange import receive, records
from desktop_app.services.exchange.base import NEVER, UNKNOWN, Base, FieldDiff, diff, remember_base
from desktop_app.services.exchange.field_labels import YES_NO, describe, record_label
from desktop_app.services.ledger import Ledger


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
    base: Base | None = None   # what this ledger last accepted from the peer

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def fields(self) -> list[FieldDiff]:
        """Every field where the two sides differ, with the base's value beside them."""
        return diff(self.theirs, self.ours, self.base.values if self.base else None, had_base=self.base is not None)


def pending(ledger: Ledger) -> list[Conflict]:
    rows = ledger.conn.execute(
        "SELECT c.id, COALESCE(u.name, c.peer_unit_id), c.table_name, c.row_id, c.created_at, c.their_values, "
        "c.our_values, c.base_values FROM exchange_conflicts c LEFT JOIN units u ON u.id = c.peer_unit_id "
        "WHERE c.resolved_at IS NULL ORDER BY c.created_at, c.table_name")
    out = []
    for cid, peer, table, row_id, at, theirs, ours, base in rows:
        t, o = json.loads(theirs), json.loads(ours) or {}
        out.append(Conflict(cid, peer, table, row_id, record_label(ledger, table, t.get("row") or {}), at, t, o,
                            Base.from_json(base)))
    return out


def summary(diffs: list[FieldDiff]) -> str:
    """不同之处 in one line: each field, each child row once."""
    seen = dict.fromkeys(describe(d) if not d.child else describe(FieldDiff(
        d.child, None, None, None, d.child, d.row_name, whole=True)) for d in diffs)
    return "、".join(seen)


REFERENCES = (("units", "name"), ("enterprises", "name"), ("tasks", "title"),
              ("talent", "name"), ("platforms", "name"), ("departments", "name"))


def shown(ledger: Ledger, d: FieldDiff, value: object) -> str:
    """A field's value as a clerk reads it: a unit or firm by its name, not its id; 是/否 for a yes-or-no."""
    name = d.column
    if value is NEVER:
        return i18n.tr("（未接收过）")
    if value is UNKNOWN:
        return i18n.tr("（未记录）")
    if value is None or value == "":
        return "—"
    if name in YES_NO and value in (0, 1):
        return i18n.tr("是") if value else i18n.tr("否")
    if name.endswith("_id") and isinstance(value, str):
        for table, column in REFERENCES:
            row = ledger.conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (value,)).fetchone()
            if row and row[0] != value:
                return str(row[0])
    return str(value)


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
        remember_base(ledger.conn, row[0], theirs)
        ledger.conn.execute("UPDATE exchange_conflicts SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?",
                            (now(), keep, ledger.operator, c.id))
        w.log("update", "exchange_conflicts", c.id, None, {"resolution": keep})
    return c


def resolve_fields(ledger: Ledger, conflict_id: str, take: set[str]) -> Conflict:
    """Field by field: the fields in ``take`` get the sender's values, the others keep this ledger's.
    The merged row is a local edit, so it goes back to the sender with the next package."""
    c = find(ledger, conflict_id)
    diffs = {f.name: f for f in c.fields()}
    plain = {name for name, f in diffs.items() if f.pickable}
    unknown = set(take) - plain
    if unknown:
        raise UserError(i18n.tr("“{f}”不是这条冲突中可逐项选择的字段").format(f="、".join(sorted(unknown))))
    if not take:
        return resolve(ledger, conflict_id, "ours")
    if take == plain and all(f.pickable for f in diffs.values()):
        return resolve(ledger, conflict_id, "theirs")
    row = ledger.conn.execute("SELECT peer_unit_id FROM exchange_conflicts WHERE id = ?", (c.id,)).fetchone()
    theirs = records.Record(c.table, c.theirs["row"], c.theirs.get("children", {}))
    reason = i18n.tr("处理冲突：逐项采用{peer}的{fields}").format(
        peer=c.peer, fields="、".join(describe(diffs[f]) for f in sorted(take)))
    with ledger.write() as w:
        if fields := {f: c.theirs["row"][f] for f in take if not diffs[f].child}:
            w.update(c.table, c.row_id, fields, reason=reason)
        for d in (diffs[f] for f in sorted(take) if diffs[f].child):  # a 研发机构's figure: its own row
            w.update(d.child, d.name.split("/")[1], {d.column: d.theirs}, reason=reason)
        remember_base(ledger.conn, row[0], theirs)
        ledger.conn.execute("UPDATE exchange_conflicts SET resolved_at = ?, resolution = 'fields', resolved_by = ? "
                            "WHERE id = ?", (now(), ledger.operator, c.id))
        w.log("update", "exchange_conflicts", c.id, None, {"resolution": "fields", "taken": sorted(take)})
    return c
