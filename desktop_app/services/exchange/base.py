"""The base: per peer unit and row, what this ledger last accepted from it or sent it.

It keeps the row's version, the hash of its values and the values themselves
(EXCHANGE.md). The hash classifies an incoming row. The values let a review set
base, theirs and ours side by side, field by field.
"""

import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property

from desktop_app.services.exchange import records
from desktop_app.services.exchange.package_file import NOT_HASHED


@dataclass(frozen=True)
class Base:
    version: int
    hash: str
    text: str | None        # the values as hashed; None for a base kept before they were (schema 8)

    @cached_property
    def values(self) -> dict | None:
        return json.loads(self.text) if self.text else None

    def as_json(self) -> str:
        return json.dumps({"row_version": self.version, "row_hash": self.hash, "values": self.values},
                          ensure_ascii=False)

    @staticmethod
    def from_json(text: str | None) -> "Base | None":
        if not text:
            return None
        d = json.loads(text)
        values = d.get("values")
        return Base(d.get("row_version") or 0, d.get("row_hash") or "",
                    json.dumps(values, ensure_ascii=False, sort_keys=True) if values is not None else None)


def remember_base(conn: sqlite3.Connection, peer: str, rec: records.Record,
                  sent: records.Record | None = None) -> None:
    """``sent``: the record as the peer sent it, when its ids were read as ours (a city's county)."""
    text = rec.values_text()
    row_hash = records.text_hash(text)
    sent_hash = sent.hash() if sent is not None else None
    conn.execute(
        "INSERT INTO exchange_base (peer_unit_id, table_name, row_id, row_version, row_hash, row_values, sent_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET row_version = excluded.row_version, "
        "row_hash = excluded.row_hash, row_values = excluded.row_values, sent_hash = excluded.sent_hash",
        (peer, rec.table, rec.id, rec.version, row_hash, text, sent_hash if sent_hash != row_hash else None))


def bases(conn: sqlite3.Connection, peer: str, table: str) -> dict[str, Base]:
    return {r[0]: Base(r[1], r[2], r[3]) for r in conn.execute(
        "SELECT row_id, row_version, row_hash, row_values FROM exchange_base WHERE peer_unit_id = ? "
        "AND table_name = ?", (peer, table))}


UNKNOWN = object()   # the base's value of a field when no base values were kept (a base from schema 8)
NEVER = object()     # … when nothing was ever accepted of the row from that unit


@dataclass(frozen=True)
class FieldDiff:
    """One field where the two sides differ; for a child table (机构, 项目) the values are row counts."""
    name: str
    base: object
    theirs: object
    ours: object
    child: bool = False

    @property
    def theirs_changed(self) -> bool:
        return self.base in (UNKNOWN, NEVER) or self.theirs != self.base

    @property
    def ours_changed(self) -> bool:
        return self.base in (UNKNOWN, NEVER) or self.ours != self.base


def diff(theirs: dict, ours: dict, base: dict | None, *, had_base: bool = True) -> list[FieldDiff]:
    """Fields that differ between ``theirs`` and ``ours`` (each ``{"row", "children"}``), with the base's
    (``base`` None: no values kept, or, with ``had_base`` false, nothing ever accepted)."""
    t, o = theirs.get("row") or {}, ours.get("row") or {}

    def base_of(name: str, count: bool = False) -> object:
        if not had_base:
            return NEVER
        if base is None or name not in base:
            return UNKNOWN
        return len(base[name]) if count else base[name]

    out = [FieldDiff(k, base_of(k), t.get(k), o.get(k)) for k in t
           if k not in NOT_HASHED and t.get(k) != o.get(k)]
    tc_all, oc_all = theirs.get("children") or {}, ours.get("children") or {}
    for child in sorted(set(tc_all) | set(oc_all)):
        tc, oc = tc_all.get(child, []), oc_all.get(child, [])
        if _strip(tc) != _strip(oc):
            out.append(FieldDiff(child, base_of(child, count=True), len(tc), len(oc), child=True))
    return out


def _strip(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in NOT_HASHED} for r in rows]


def record_dict(rec: records.Record | None) -> dict:
    return {} if rec is None else {"row": rec.row, "children": rec.children}


# 回执 in a distribution: what the county last accepted of the unit's own rows, where that
# differs from what it now sends. A row the unit still holds as the county accepted it was
# decided by the county with the unit's values in view: the county's word is applied there.
ACCEPTED_TABLE = "exchange_accepted"
ACCEPTED_DDL = f"CREATE TABLE {ACCEPTED_TABLE} (table_name TEXT NOT NULL, row_id TEXT NOT NULL, row_hash TEXT NOT NULL)"


def write_accepted(conn: sqlite3.Connection, pkg: sqlite3.Connection, peer: str, sent: list[records.Record]) -> None:
    pkg.execute(ACCEPTED_DDL)
    rows = []
    for table in sorted({r.table for r in sent}):
        known = {k: b.hash for k, b in bases(conn, peer, table).items()}
        rows.extend((table, r.id, known[r.id]) for r in sent
                    if r.table == table and r.id in known and known[r.id] != r.hash())
    pkg.executemany(f"INSERT INTO {ACCEPTED_TABLE} VALUES (?, ?, ?)", sorted(rows))


def read_accepted(pkg) -> dict[tuple[str, str], str]:
    if ACCEPTED_TABLE not in pkg.manifest.counts:
        return {}
    return {(r["table_name"], r["row_id"]): r["row_hash"] for r in pkg.rows(ACCEPTED_TABLE)}
