"""Audited row writes: every insert, update and delete leaves an audit row.

Services call these inside ``transaction(conn)``; the audit row is written in
the same transaction as the change, so the two cannot disagree. The writer
also remembers which rows it touched (``touched``: table → ids, ``None`` for
"many rows"), so the caller can say what a write changed.
"""

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from db import personal
from desktop_app import i18n
from desktop_app.errors import UserError


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


class ReadOnlyRow(UserError):
    """A row owned by the unit that distributed it: ``owner`` names that unit."""

    def __init__(self, owner: str, *, reported: bool = False):
        text = i18n.tr("此记录由{owner}上报，本单位只能查看，不能修改；如有错误请{owner}更正后重新报送") if reported \
            else i18n.tr("此记录由{owner}下发，本单位只能查看，不能修改")
        super().__init__(text.format(owner=owner))
        self.owner = owner


class Writer:
    """Writes rows for one operator of one unit, with an audit trail."""

    def __init__(self, conn: sqlite3.Connection, operator: str, unit_id: str | None,
                 read_only_owner: str | None = None, read_only_others: bool = False):
        self.conn = conn
        self.operator = operator
        self.unit_id = unit_id
        # rows this unit received from the unit that distributes to it: shown, never edited here
        self.read_only_owner = read_only_owner
        self.read_only_others = read_only_others  # a city: every row another unit reported is read-only
        self.receiving = False  # set while a package from that unit is applied
        self._cols: dict[str, set[str]] = {}
        self._mask_key: str | None = None
        # the reason of rows logged while it is set (the demo builder: "演示数据")
        self.default_reason: str | None = None
        self.touched: dict[str, set[str | None]] = {}

    def touch(self, table: str, row_id: str | None) -> None:
        """Record a change to ``table`` (``row_id`` None: many or unknown rows)."""
        self.touched.setdefault(table, set()).add(row_id)

    def take_touched(self) -> dict[str, set[str | None]]:
        taken, self.touched = self.touched, {}
        return taken

    def columns(self, table: str) -> set[str]:
        if table not in self._cols:
            self._cols[table] = _columns(self.conn, table)
        return self._cols[table]

    def log(self, action: str, table: str, row_id: str | None, old: Mapping | None = None,
            new: Mapping | None = None, reason: str | None = None) -> None:
        self.touch(table, row_id if action != "bulk" else None)
        old, new = self._masked(old), self._masked(new)
        if self.default_reason:
            reason = f"{self.default_reason}：{reason}" if reason else self.default_reason
        self.conn.execute(
            "INSERT INTO audit_log (at, operator, action, table_name, row_id, old_values, new_values, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), self.operator, action, table, row_id,
             json.dumps(old, ensure_ascii=False, default=str) if old is not None else None,
             json.dumps(new, ensure_ascii=False, default=str) if new is not None else None,
             reason),
        )

    def _masked(self, values: Mapping | None) -> Mapping | None:
        """ID numbers and phones go to the log masked, with a keyed hash (db/personal.py)."""
        if not personal.needs_mask(values):
            return values
        if self._mask_key is None:
            self._mask_key = personal.key(self.conn)
        return personal.masked(self._mask_key, values)

    def insert(self, table: str, values: Mapping[str, Any], *, audit: bool = True) -> str:
        row = self._complete(table, values)
        names = list(row)
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [row[n] for n in names],
        )
        self.touch(table, row["id"])
        if audit:
            self.log("insert", table, row["id"], None, _printable(row))
        return row["id"]

    def insert_many(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Bulk insert (seed, demo and generated data) with one summary audit row.

        Rows get the same defaults as :meth:`insert`; sqlite-utils batches the
        statements (inside the caller's transaction, as a savepoint).
        """
        from sqlite_utils import Database  # loaded on first bulk write, not at start-up

        prepared = [self._complete(table, row) for row in rows]
        if prepared:
            Database(self.conn, execute_plugins=False, recursive_triggers=False)[table].insert_all(
                prepared, batch_size=500)
            self.log("bulk", table, None, None, {"inserted": len(prepared)})
        return len(prepared)

    def _complete(self, table: str, values: Mapping[str, Any]) -> dict[str, Any]:
        cols = self.columns(table)
        row = dict(values)
        if not row.get("id"):
            row["id"] = new_id()
        stamp = now()
        if "unit_id" in cols and row.get("unit_id") is None:
            row["unit_id"] = self.unit_id
        if "created_at" in cols:
            row.setdefault("created_at", stamp)
        if "updated_at" in cols:
            row.setdefault("updated_at", stamp)
        return row

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return dict(row) if row else None

    def update(self, table: str, row_id: str, changes: Mapping[str, Any], *, reason: str | None = None) -> bool:
        """Change fields of one row; returns False when nothing changed."""
        old = self.get(table, row_id)
        if old is None:
            raise KeyError(f"{table} {row_id}")
        diff = {k: v for k, v in changes.items() if old.get(k) != v}
        if not diff:
            return False
        self._check_owner(table, old)
        if "updated_at" in self.columns(table):
            diff_sql = {**diff, "updated_at": now()}
        else:
            diff_sql = diff
        sets = ", ".join(f"{k} = ?" for k in diff_sql) + self._bump(table)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*diff_sql.values(), row_id])
        self.log("update", table, row_id, {k: old.get(k) for k in diff}, _printable(diff), reason)
        return True

    def _bump(self, table: str) -> str:
        """The SET clause that counts a local write in the row's version (EXCHANGE.md)."""
        return ", row_version = row_version + 1" if "row_version" in self.columns(table) else ""

    def _check_owner(self, table: str, row: Mapping[str, Any] | None) -> None:
        owner = row.get("unit_id") if row else None
        others = self.read_only_others and owner != self.unit_id
        if owner is None or (owner != self.read_only_owner and not others) or self.receiving \
                or "unit_id" not in self.columns(table):
            return
        name = self.conn.execute("SELECT name FROM units WHERE id = ?", (owner,)).fetchone()
        raise ReadOnlyRow(name[0] if name else owner, reported=others)

    def soft_delete(self, table: str, row_id: str, *, reason: str | None = None) -> None:
        self._check_owner(table, self.get(table, row_id))
        stamp = now()
        self.conn.execute(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ?{self._bump(table)} WHERE id = ? AND deleted_at IS NULL",
            (stamp, stamp, row_id),
        )
        self.log("delete", table, row_id, None, {"deleted_at": stamp}, reason)

    def restore(self, table: str, row_id: str, *, reason: str | None = None) -> None:
        """Undo a soft delete (回收站 → 恢复)."""
        self._check_owner(table, self.get(table, row_id))
        old = self.conn.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", (row_id,)).fetchone()
        self.conn.execute(f"UPDATE {table} SET deleted_at = NULL, updated_at = ?{self._bump(table)} "
                          "WHERE id = ? AND deleted_at IS NOT NULL", (now(), row_id))
        self.log("restore", table, row_id, {"deleted_at": old[0] if old else None}, {"deleted_at": None}, reason)

    def sync_children(self, table: str, parent_col: str, parent_id: str, rows: Sequence[Mapping[str, Any]],
                      *, key: Sequence[str]) -> list[str]:
        """Make the children of one parent equal ``rows``, keeping the ids of rows that still exist.

        A new row takes the id it carries (``id``, when that child belongs to
        this parent), else the id of an old child with the same ``key`` values,
        else the id of the next old child left over (an edit in place); only
        rows left over are deleted and only genuinely new rows inserted, so an
        unchanged save writes nothing and package exchange sees stable ids.
        Returns the ids in the order of ``rows``.
        """
        old = {r["id"]: dict(r) for r in self.conn.execute(
            f"SELECT * FROM {table} WHERE {parent_col} = ? ORDER BY rowid", (parent_id,))}
        free = dict(old)
        chosen: list[str | None] = []
        for row in rows:
            rid = row.get("id")
            if rid in free:
                free.pop(rid)
            else:
                wanted = tuple(row.get(k) for k in key)
                rid = next((i for i, o in free.items() if tuple(o.get(k) for k in key) == wanted), None)
                if rid is not None:
                    free.pop(rid)
            chosen.append(rid)
        leftover = list(free)
        chosen = [rid if rid is not None else (leftover.pop(0) if leftover else None) for rid in chosen]
        for rid in leftover:  # deleted first: an update below may take a key one of them held
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (rid,))
            self.log("delete", table, rid, _printable(old[rid]), None)
        ids = []
        for row, rid in zip(rows, chosen, strict=True):
            values = {k: v for k, v in row.items() if k != "id"}
            values[parent_col] = parent_id
            if rid is None:
                ids.append(self.insert(table, values))
            else:
                self.update(table, rid, values)
                ids.append(rid)
        return ids


def _printable(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (f"<{len(v)} bytes>" if isinstance(v, bytes | bytearray) else v) for k, v in row.items()}
