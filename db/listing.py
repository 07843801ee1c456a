"""Paged list queries behind the big tables of the window.

A list is described once (:class:`ListSpec`): its base table, joins, display
columns, filters and search fields. :func:`matching_rowids` returns the row
ids that pass the current search and filters, in sort order — cheap even for
100,000 rows — and :func:`fetch_rows` loads the few rows the view is showing.
The window, the CLI and the benchmarks use these same two functions.
"""

import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PAGE = 500  # rows per IN (...) batch; stays under SQLite's variable limit


@dataclass(frozen=True)
class Column:
    key: str
    sql: str                       # select expression
    sort_sql: str | tuple[str, ...] | None = None  # one expression, or several terms; default ``sql``
    sort_unique: bool = False      # sort_sql already orders totally (no rowid tie-break needed)
    fmt: Callable[[Any], Any] | None = None  # display formatting (masking …)


@dataclass(frozen=True)
class Filter:
    key: str
    sql: str                       # condition with one ``?`` for the value


@dataclass(frozen=True)
class ListSpec:
    table: str                     # aliased as ``t``
    columns: tuple[Column, ...]
    joins: str = ""
    where: str = "t.deleted_at IS NULL"
    filters: tuple[Filter, ...] = ()
    like_fields: tuple[str, ...] = ()   # searched with LIKE (short queries, or no FTS)
    fts_table: str | None = None        # FTS5 trigram table keyed by t.rowid (queries of 3+ characters)
    char_table: str | None = None       # (chars, enterprise_rowid) table of 0005 (queries of 1–2 characters)
    default_sort: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def tables_read(self) -> frozenset[str]:
        """Every table the list's SQL reads (a view of it is stale when one of them changes)."""
        text = " ".join([f"FROM {self.table}", self.joins, self.where, *(c.sql for c in self.columns),
                         *(f.sql for f in self.filters)])
        return frozenset(re.findall(r"(?:FROM|JOIN)\s+(?:temp\.)?(\w+)", text)) - {"temp"}

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass
class ListQuery:
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False


def _char_range(text: str) -> tuple[str, str | None] | None:
    """Keys of the name-characters table for a 1–2 character query: one key, or a
    range; None when the query cannot be looked up there (LIKE instead)."""
    text = "".join(ch.lower() if ch.isascii() else ch for ch in text)  # as SQLite's lower()
    if len(text) == 2:
        return text, None
    nxt = ord(text) + 1
    if 0xD800 <= nxt < 0xE000:
        nxt = 0xE000  # surrogates cannot be encoded; nothing sorts between
    return (text, chr(nxt)) if nxt <= 0x10FFFF else None


def _search_clause(spec: ListSpec, text: str) -> tuple[str, list[Any]]:
    text = text.strip()
    if not text:
        return "", []
    if spec.fts_table and len(text) >= 3:
        # trigram FTS: quote the whole fragment so it matches as a substring
        phrase = '"' + text.replace('"', '""') + '"'
        return f"t.rowid IN (SELECT rowid FROM {spec.fts_table} WHERE {spec.fts_table} MATCH ?)", [phrase]
    if spec.char_table and len(text) < 3 and (bounds := _char_range(text)):
        # the 0005 table: "泽华" is one key, "泽" every key starting with it
        low, high = bounds
        if high is None:
            sub = f"SELECT enterprise_rowid FROM {spec.char_table} WHERE chars = ?"
            return f"t.rowid IN ({sub})", [low]
        sub = f"SELECT enterprise_rowid FROM {spec.char_table} WHERE chars >= ? AND chars < ?"
        return f"t.rowid IN ({sub})", [low, high]
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    ors = " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in spec.like_fields)
    return f"({ors})", [pattern] * len(spec.like_fields)


def build_query(spec: ListSpec, query: ListQuery) -> tuple[str, list[Any]]:
    conds = [spec.where] if spec.where else []
    params: list[Any] = []
    known = {f.key: f for f in spec.filters}
    for key, value in query.filters.items():
        if value is None or value == "":
            continue
        flt = known[key]
        conds.append(flt.sql)
        params.extend([value] * flt.sql.count("?"))
    clause, search_params = _search_clause(spec, query.search)
    if clause:
        conds.append(clause)
        params.extend(search_params)
    where = (" WHERE " + " AND ".join(f"({c})" for c in conds)) if conds else ""
    sort_key = query.sort_key or spec.default_sort
    order = ""
    if sort_key:
        col = spec.column(sort_key)
        direction = "DESC" if query.descending else "ASC"
        terms = list(col.sort_sql) if isinstance(col.sort_sql, tuple) else [col.sort_sql or col.sql]
        if not col.sort_unique:
            terms.append("t.rowid")
        order = " ORDER BY " + ", ".join(f"{t} {direction}" for t in terms)
    return f"SELECT t.rowid FROM {spec.table} t {spec.joins}{where}{order}", params


class _Same(dict):
    def __missing__(self, key):
        return key


class _NullsFirst(dict):
    def __init__(self, rank):
        super().__init__()
        self.rank = rank

    def __missing__(self, key):
        return (False, 0) if key is None else (True, self.rank[key])


def matching_rowids(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
                    text_ranks: Callable[[set[str]], Mapping[str, int]] | None = None) -> list[int]:
    """``text_ranks`` (the window's pinyin collation: text → its place) orders a column of Chinese
    text in Python after SQL has filtered: no app function in the ledger's SQL, and the ids come
    back complete, so paging holds."""
    sql, params = build_query(spec, query)
    sort_key = query.sort_key or spec.default_sort
    col = spec.column(sort_key) if sort_key else None
    terms = list(col.sort_sql) if col and isinstance(col.sort_sql, tuple) else [col and (col.sort_sql or col.sql)]
    if text_ranks is None or col is None:
        return [r[0] for r in conn.execute(sql, params)]
    head, _, _ = sql.partition(" ORDER BY ")
    rows = conn.execute(head.replace("SELECT t.rowid", "SELECT t.rowid, " + ", ".join(terms), 1), params).fetchall()
    values = {r[1] for r in rows} - {None}
    if all(isinstance(v, str) for v in values) and not all(v.isascii() for v in values):
        rank = text_ranks(values)
    elif all(isinstance(v, str) for v in values) or all(isinstance(v, int | float) for v in values):
        rank = _Same()  # codes, dates, figures: their own order, as SQLite's (UTF-8 bytes keep code point order)
    else:
        return [r[0] for r in conn.execute(sql, params)]  # mixed kinds: SQL's order
    if any(r[1] is None for r in rows):  # NULLs first ascending, as SQLite
        rank = _NullsFirst(rank)
    if len(terms) == 1:
        keyed = [(rank[v], rowid) for rowid, v in rows]
    elif not any(None in r[2:] for r in rows):
        keyed = [(rank[r[1]], *r[2:], r[0]) for r in rows]
    else:  # the other terms break ties, NULLs first as SQLite
        keyed = [(rank[r[1]], *((v is not None, v if v is not None else 0) for v in r[2:]), r[0]) for r in rows]
    try:
        keyed.sort(reverse=query.descending)
    except TypeError:  # a tie-break term mixes kinds: SQL's order
        return [r[0] for r in conn.execute(sql, params)]
    return [k[-1] for k in keyed]


def fetch_rows(conn: sqlite3.Connection, spec: ListSpec, rowids: Sequence[int]) -> dict[int, tuple]:
    """Display rows for ``rowids`` (in any order), formatted per column."""
    out: dict[int, tuple] = {}
    select = ", ".join(c.sql for c in spec.columns)
    fmts = [c.fmt for c in spec.columns]
    for start in range(0, len(rowids), PAGE):
        chunk = list(rowids[start:start + PAGE])
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT t.rowid, {select} FROM {spec.table} t {spec.joins} WHERE t.rowid IN ({marks})"
        for row in conn.execute(sql, chunk):
            values = tuple(f(v) if f else v for f, v in zip(fmts, row[1:], strict=True))
            out[row[0]] = values
    return out


def row_id_for(conn: sqlite3.Connection, spec: ListSpec, rowid: int) -> str | None:
    """The stable UUID of a list row."""
    row = conn.execute(f"SELECT id FROM {spec.table} WHERE rowid = ?", (rowid,)).fetchone()
    return row[0] if row else None
