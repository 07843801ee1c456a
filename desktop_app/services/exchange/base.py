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
    """One field where the two sides differ: a field of the record, or of one of its child rows (a survey's
    研发机构 or 研发项目), or a child row one side has and the other has not (``whole``: the values are the
    row's name, or None where it is missing)."""
    name: str               # what resolve_fields takes: "phone", or "survey_institutions/<row id>/spending"
    base: object
    theirs: object
    ours: object
    child: str = ""         # the child table, for a child row's field
    row_name: str = ""      # which child row, as a clerk knows it
    whole: bool = False

    @property
    def column(self) -> str:
        return self.name.rsplit("/", 1)[-1] if self.child and not self.whole else self.name

    @property
    def pickable(self) -> bool:
        """Taken one by one; a child row one side lacks goes with 采用对方 only."""
        return not self.whole

    @property
    def theirs_changed(self) -> bool:
        return self.base in (UNKNOWN, NEVER) or self.theirs != self.base

    @property
    def ours_changed(self) -> bool:
        return self.base in (UNKNOWN, NEVER) or self.ours != self.base


CHILD_HIDDEN = NOT_HASHED | {"id"}


def diff(theirs: dict, ours: dict, base: dict | None, *, had_base: bool = True) -> list[FieldDiff]:
    """Fields that differ between ``theirs`` and ``ours`` (each ``{"row", "children"}``), with the base's
    (``base`` None: no values kept, or, with ``had_base`` false, nothing ever accepted)."""
    t, o = theirs.get("row") or {}, ours.get("row") or {}

    def base_of(name: str) -> object:
        if not had_base:
            return NEVER
        if base is None or name not in base:
            return UNKNOWN
        return base[name]

    out = [FieldDiff(k, base_of(k), t.get(k), o.get(k)) for k in t
           if k not in NOT_HASHED and t.get(k) != o.get(k)]
    tc_all, oc_all = theirs.get("children") or {}, ours.get("children") or {}
    for child in sorted(set(tc_all) | set(oc_all)):
        out.extend(_child_diffs(child, tc_all.get(child, []), oc_all.get(child, []), base_of(child)))
    return out


def _child_diffs(child: str, theirs: list[dict], ours: list[dict], base: object) -> list[FieldDiff]:
    tc, oc = {r["id"]: r for r in theirs}, {r["id"]: r for r in ours}
    bc = {r["id"]: r for r in base} if isinstance(base, list) else None
    parent_column = next((c for r in theirs + ours for c in r if c.endswith("_id") and c != "id"), None)
    hidden = CHILD_HIDDEN | ({parent_column} if parent_column else set())
    order = sorted(set(tc) | set(oc), key=lambda cid: ((tc.get(cid) or oc.get(cid)).get("seq") or 0, cid))
    out = []
    for cid in order:
        t, o = tc.get(cid), oc.get(cid)
        b = base if bc is None else bc.get(cid)
        name = _row_name(t or o)
        if t is not None and o is not None:
            for col in t:
                if col not in hidden and t.get(col) != o.get(col):
                    out.append(FieldDiff(f"{child}/{cid}/{col}", b if bc is None else (b or {}).get(col),
                                         t.get(col), o.get(col), child, name))
        else:
            out.append(FieldDiff(f"{child}/{cid}", b if bc is None else (_row_name(b) if b else None),
                                 name if t else None, name if o else None, child, name, whole=True))
    return out


def _row_name(row: dict) -> str:
    return str(row.get("name") or row.get("title") or row.get("seq") or row.get("id"))


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
