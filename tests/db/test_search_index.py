"""The search indexes need no function of ours: plain SQLite edits keep them current, `check` repairs them."""

import re
import sqlite3

from db import search_index
from desktop_app.services import enterprises, maintenance
from desktop_app.services.ledger import open_ledger
from desktop_app.services.listing import ListQuery, ListSource
from tests.test_cli import cli

STAMP = "2026-12-02T10:00:00+08:00"


def plain(path) -> sqlite3.Connection:
    """What the sqlite3 shell or DB Browser gives: no function of ours registered."""
    return sqlite3.connect(path, isolation_level=None)


def found(path, *queries) -> dict[str, list[str]]:
    ledger = open_ledger(path)
    try:
        src = ListSource(ledger, enterprises.LIST)
        out = {}
        for q in queries:
            ids = src.rowids(ListQuery(search=q))
            rows = src.rows(ids)
            out[q] = [rows[i][0] for i in ids]
        return out
    finally:
        ledger.close()


def test_plain_sqlite3_update_insert_delete_keep_search_current(ledger):
    keep = enterprises.save(ledger, {"name": "沁水县泽华铸造有限公司", "uscc": "91350100M000100Y43"})
    gone = enterprises.save(ledger, {"name": "沁水县海建水玻璃有限公司", "uscc": "91140521MA0K3F2L1W"})
    unit = ledger.unit.id
    path = ledger.path
    ledger.close()
    conn = plain(path)
    conn.execute("UPDATE enterprises SET name = '沁水县翡翠精铸有限公司' WHERE id = ?", (keep,))
    conn.execute("INSERT INTO enterprises (id, unit_id, name, uscc, created_at, updated_at) "
                 "VALUES ('e-new', ?, '山西ABC鑫鑫科技有限公司', '91140521MA0K3F2M21', ?, ?)", (unit, STAMP, STAMP))
    conn.execute("DELETE FROM enterprises WHERE id = ?", (gone,))
    conn.close()

    result = maintenance.check(path)
    assert result.problems == [] and result.repaired == []
    got = found(path, "翡", "翡翠", "翡翠精铸", "泽", "泽华", "泽华铸造", "海", "玻璃", "水玻璃",
                "鑫", "鑫鑫", "abc", "c鑫", "b", "司")
    new = "沁水县翡翠精铸有限公司"
    assert got["翡"] == got["翡翠"] == got["翡翠精铸"] == [new]
    assert got["泽"] == got["泽华"] == got["泽华铸造"] == []
    assert got["海"] == got["玻璃"] == got["水玻璃"] == []
    inserted = "山西ABC鑫鑫科技有限公司"
    assert got["鑫"] == got["鑫鑫"] == got["abc"] == got["c鑫"] == got["b"] == [inserted]
    assert got["司"] == [inserted, new]  # a name's last character is found too


def test_check_repairs_a_damaged_index_and_says_so(demo_ledger):
    path = demo_ledger.path
    demo_ledger.close()
    conn = plain(path)
    blue, = conn.execute("SELECT rowid FROM enterprises WHERE name = '山西蓝焰煤层气集团有限责任公司'").fetchone()
    other, = conn.execute("SELECT rowid FROM enterprises WHERE name = '沁水县顺世达铸业有限公司'").fetchone()
    conn.execute("DELETE FROM enterprise_name_chars WHERE enterprise_rowid = ?", (blue,))
    conn.execute("INSERT INTO enterprise_name_chars VALUES ('蓝焰', ?)", (other,))
    row = conn.execute("SELECT name, uscc, legal_person, address FROM enterprises WHERE rowid = ?",
                       (blue,)).fetchone()
    conn.execute("INSERT INTO enterprises_fts(enterprises_fts, rowid, name, uscc, legal_person, address) "
                 "VALUES ('delete', ?, ?, ?, ?, ?)", (blue, *row))
    conn.close()
    assert found(path, "蓝焰", "煤层气集团") == {"蓝焰": ["沁水县顺世达铸业有限公司"], "煤层气集团": []}

    r = cli("check", db=path)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert any(line.startswith("已修复：检索索引 enterprise_name_chars") and "多 1 条" in line and "已重建" in line
               for line in lines)
    missing = next(line for line in lines if "enterprise_name_chars" in line)
    assert int(re.search(r"缺 (\d+) 条", missing).group(1)) >= 14  # one per character of the name
    assert any(line.startswith("已修复：检索索引 enterprises_fts") for line in lines)
    assert lines[-1] == "台账完好（已修复 2 项）"

    name = "山西蓝焰煤层气集团有限责任公司"
    assert found(path, "蓝", "蓝焰", "煤层气集团") == {"蓝": [name], "蓝焰": [name], "煤层气集团": [name]}
    again = maintenance.check(path)
    assert again.problems == [] and again.repaired == []


def test_check_reports_a_dropped_index_it_cannot_rebuild(demo_ledger):
    path = demo_ledger.path
    demo_ledger.close()
    conn = plain(path)
    conn.execute("DROP TABLE enterprise_name_chars")  # its triggers stay (and now fail)
    conn.close()
    result = maintenance.check(path)
    assert result.repaired == []
    assert any("enterprise_name_chars" in p and "重建失败" in p for p in result.problems)


def test_rebuild_gives_what_the_triggers_keep(demo_ledger):
    conn = demo_ledger.conn
    kept = conn.execute("SELECT * FROM enterprise_name_chars ORDER BY 1, 2").fetchall()
    assert len(kept) > 100
    with demo_ledger.conn:
        search_index.rebuild(conn, search_index.NAME_CHARS)
    assert conn.execute("SELECT * FROM enterprise_name_chars ORDER BY 1, 2").fetchall() == kept


def test_no_trigger_or_view_needs_a_function_of_ours(demo_ledger):
    """Prepare (EXPLAIN) each statement that fires a trigger or reads a view on a plain connection:
    SQLite resolves every function then, so one only our program registers fails here."""
    path = demo_ledger.path
    conn = plain(path)
    try:
        schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                              "WHERE type IN ('trigger', 'view')").fetchall()
        assert sum(t == "trigger" for t, *_ in schema) >= 12
        for kind, name, table, sql in schema:
            if kind == "view":
                statement = f"SELECT * FROM {name}"
            elif m := re.search(r"\bUPDATE\s+OF\s+(\w+)", sql, re.I):
                statement = f"UPDATE {table} SET {m.group(1)} = {m.group(1)}"
            elif re.search(r"\bUPDATE\s+ON\b", sql, re.I):
                statement = f"UPDATE {table} SET rowid = rowid"
            elif re.search(r"\bINSERT\s+ON\b", sql, re.I):
                statement = f"INSERT INTO {table} DEFAULT VALUES"
            else:
                assert re.search(r"\bDELETE\s+ON\b", sql, re.I), sql
                statement = f"DELETE FROM {table}"
            conn.execute(f"EXPLAIN {statement}")  # raises "no such function: …"
    finally:
        conn.close()
