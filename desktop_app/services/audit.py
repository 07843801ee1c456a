"""The 操作日志: the audit trail read back in plain Chinese, personal data masked.

Every write leaves an ``audit_log`` row (``db/records.py``). This module
turns those rows into entries a clerk can read — table and field names in
Chinese, "名称：旧 → 新" — and filters them by record text, table, operator
and date range. ID numbers and phone numbers never leave it unmasked.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from desktop_app.domain.codes import mask_id_number, mask_phone
from desktop_app.paths import resource
from desktop_app.services.ledger import Ledger

HIDDEN_FIELDS = frozenset({"id", "unit_id", "created_at", "updated_at", "sha256"})
LABEL_COLUMNS = ("name", "title", "indicator", "file_name", "summary", "period", "key")
REFERENCES = {"enterprise_id": "enterprises", "department_id": "departments", "task_id": "tasks",
              "talent_id": "talent", "platform_id": "platforms", "team_id": "teams",
              "township_id": "units", "parent_id": "units", "host_enterprise_id": "enterprises", "document_id": "documents", "key_task_id": "key_tasks"}
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
MAX_ROWS = 5000


@cache
def labels() -> dict[str, dict[str, str]]:
    with resource("audit_labels.toml").open("rb") as fh:
        return tomllib.load(fh)


def table_label(table: str) -> str:
    return labels()["tables"].get(table, table)


def field_label(name: str) -> str:
    return labels()["fields"].get(name, name)


def action_label(action: str) -> str:
    return labels()["actions"].get(action, action)


def mask_text(text: str) -> str:
    """ID numbers and mobile numbers inside any text, masked."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(0)), text)


def mask_value(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if "*" in text:  # masked when it was logged (db/personal.py): shown as stored, without the trace hash
        return text.split("#", 1)[0]
    if name == "id_number" and text:
        return mask_id_number(text)
    if name == "phone" and text:
        return mask_phone(text)
    return mask_text(text)


@dataclass(frozen=True)
class Change:
    field: str        # Chinese field name
    old: str | None   # None: the field had no value before (insert)
    new: str | None   # None: the field has no value after (delete)

    def text(self) -> str:
        if self.old is None:
            return f"{self.field}：{self.new}"
        if self.new is None:
            return f"{self.field}：{self.old}"
        return f"{self.field}：{self.old or '（空）'} → {self.new or '（空）'}"


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    operator: str
    action: str
    table: str
    row_id: str | None
    record: str
    reason: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def table_label(self) -> str:
        return table_label(self.table)

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    def changes_text(self, sep: str = "；") -> str:
        return sep.join(c.text() for c in self.changes)


class _Names:
    """Row labels looked up once per (table, id), deleted rows included."""

    def __init__(self, ledger: Ledger):
        self.conn = ledger.conn
        self._cols: dict[str, list[str]] = {}
        self._seen: dict[tuple[str, str], str] = {}

    def columns(self, table: str) -> list[str]:
        if table not in self._cols:
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            self._cols[table] = [c for c in LABEL_COLUMNS if c in have] if "id" in have else []
        return self._cols[table]

    def of(self, table: str, row_id: str | None) -> str:
        if not row_id or not re.fullmatch(r"[a-z_]+", table):
            return ""
        key = (table, row_id)
        if key not in self._seen:
            cols = self.columns(table)
            text = ""
            if cols:
                row = self.conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", (row_id,)).fetchone()
                if row is not None:
                    text = next((str(v) for v in row if v not in (None, "")), "")
            self._seen[key] = mask_text(text)
        return self._seen[key]


def _record_label(table: str, row_id: str | None, old: dict, new: dict, names: _Names) -> str:
    for values in (new, old):
        for col in LABEL_COLUMNS:
            if values.get(col):
                return mask_text(str(values[col]))
    return names.of(table, row_id) or (row_id or "")[:8]


def _shown(name: str, value: Any, names: _Names, row: dict) -> str:
    if name in REFERENCES and value:
        return names.of(REFERENCES[name], str(value)) or mask_value(name, value)
    if name in ("owner_table", "event_table") and value:
        return table_label(str(value))
    if name in ("owner_id", "event_id") and value:  # a row of the table the row names
        owner = row.get(name.replace("_id", "_table"))
        return (names.of(str(owner), str(value)) if owner else "") or mask_value(name, value)
    return mask_value(name, value)


def _changes(action: str, old: dict, new: dict, names: _Names) -> tuple[Change, ...]:
    out, row = [], {**old, **new}
    for name in list(dict.fromkeys([*old, *new])):
        if name in HIDDEN_FIELDS:
            continue
        label = field_label(name)
        if action in ("insert", "bulk") or (name not in old and action != "delete"):
            if new.get(name) in (None, "", 0):  # a new row's empty defaults say nothing
                continue
            out.append(Change(label, None, _shown(name, new.get(name), names, row)))
        elif action == "delete" or name not in new:
            if old.get(name) in (None, ""):
                continue
            out.append(Change(label, _shown(name, old.get(name), names, row), None))
        else:
            out.append(Change(label, _shown(name, old.get(name), names, row), _shown(name, new.get(name), names, row)))
    return tuple(out)


def _json(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {"value": value}


def entries(ledger: Ledger, *, text: str = "", table: str | None = None, operator: str | None = None,
            since: date | None = None, until: date | None = None, limit: int = MAX_ROWS) -> list[Entry]:
    """Audit entries, newest first, matching every filter given."""
    where, args = [], []
    if table:
        where.append("table_name = ?")
        args.append(table)
    if operator:
        where.append("operator = ?")
        args.append(operator)
    if since:
        where.append("at >= ?")
        args.append(since.isoformat())
    if until:
        where.append("at < ?")
        args.append((until + timedelta(days=1)).isoformat())
    sql = ("SELECT seq, at, operator, action, table_name, row_id, old_values, new_values, reason FROM audit_log"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC LIMIT ?")
    names = _Names(ledger)
    needle = text.strip().lower()
    out = []
    for row in ledger.conn.execute(sql, (*args, limit)):
        old, new = _json(row[6]), _json(row[7])
        entry = Entry(row[0], row[1], row[2], row[3], row[4], row[5],
                      _record_label(row[4], row[5], old, new, names), mask_text(row[8] or ""),
                      _changes(row[3], old, new, names))
        if needle and needle not in " ".join((entry.record, entry.changes_text(), entry.reason)).lower():
            continue
        out.append(entry)
    return out


def operators(ledger: Ledger) -> list[str]:
    return [r[0] for r in ledger.conn.execute("SELECT DISTINCT operator FROM audit_log ORDER BY operator")]


def tables(ledger: Ledger) -> list[tuple[str, str]]:
    """(table, Chinese name) of the tables the log names, in the labels' order."""
    present = {r[0] for r in ledger.conn.execute("SELECT DISTINCT table_name FROM audit_log")}
    order = list(labels()["tables"])
    ranked = sorted(present, key=lambda t: (order.index(t) if t in order else len(order), t))
    return [(t, table_label(t)) for t in ranked]
