"""Records as they travel: a row with its children, and the hash that says what it holds.

The hash leaves out how a row travels (owner, version, when it was last
touched): two ledgers holding the same values hold the same record.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from desktop_app.services.exchange.package_file import NOT_HASHED, _blob
from desktop_app.services.exchange.share import CHUNK, KIND_OF


@dataclass
class Record:
    table: str
    row: dict
    children: dict[str, list[dict]]   # child table → rows in id order

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def version(self) -> int:
        return int(self.row.get("row_version") or 1)

    def values(self) -> dict:
        """What the record says: its fields (travel columns left out) and its children's."""
        out = {k: v for k, v in self.row.items() if k not in NOT_HASHED}
        for table, rows in sorted(self.children.items()):
            out[table] = [{k: v for k, v in r.items() if k not in NOT_HASHED} for r in rows]
        return out

    def values_text(self) -> str:
        """``values()`` as the canonical JSON the hash is taken of (and the base keeps)."""
        return json.dumps(self.values(), ensure_ascii=False, sort_keys=True, default=_blob)

    def hash(self) -> str:
        return text_hash(self.values_text())


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _dicts(cur: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def read(conn: sqlite3.Connection, table: str, ids: Iterable[str] | None = None) -> Iterator[Record]:
    """Records of ``table`` (all, or those with ``ids``), children attached."""
    kind = KIND_OF[table]
    if ids is None:
        chunks = [None]
    else:
        ordered = sorted(ids)
        chunks = [ordered[i:i + CHUNK] for i in range(0, len(ordered), CHUNK)]
    for chunk in chunks:
        if chunk is None:
            rows = _dicts(conn.execute(f"SELECT * FROM {table} ORDER BY id"))
        elif not chunk:
            continue
        else:
            marks = ", ".join("?" * len(chunk))
            rows = _dicts(conn.execute(f"SELECT * FROM {table} WHERE id IN ({marks}) ORDER BY id", chunk))
        children: dict[str, dict[str, list[dict]]] = {}
        parent_ids = [r["id"] for r in rows]
        for child, column in kind.children:
            by_parent: dict[str, list[dict]] = {}
            if parent_ids and _has_table(conn, child):
                marks = ", ".join("?" * len(parent_ids))
                for r in _dicts(conn.execute(
                        f"SELECT * FROM {child} WHERE {column} IN ({marks}) ORDER BY id", parent_ids)):
                    by_parent.setdefault(r[column], []).append(r)
            children[child] = by_parent
        for row in rows:
            yield Record(table, row, {child: children[child].get(row["id"], []) for child, _ in kind.children})


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def one(conn: sqlite3.Connection, table: str, row_id: str) -> Record | None:
    return next(read(conn, table, [row_id]), None)
