import shutil
import sqlite3

import pytest

from db import connection, migrate
from desktop_app.errors import UserError
from desktop_app.services import enterprises, maintenance
from desktop_app.services.ledger import open_ledger
from desktop_app.services.listing import ListQuery, ListSource
from tests.conftest import FIXTURES


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "ledger_v1.sqlite3", path)
    return path


def test_committed_v1_ledger_migrates_to_newest(v1_copy):
    assert connection.inspect(v1_copy) == 1
    ledger = open_ledger(v1_copy)
    try:
        version = ledger.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == migrate.latest_version() >= 2
        # the data survived and the new search index covers the old rows
        found = ListSource(ledger, enterprises.LIST).rowids(ListQuery(search="煤层气集团"))
        assert len(found) == 1
        assert ledger.unit.name == "沁水县" and ledger.operator == "王 慧"
    finally:
        ledger.close()
    assert maintenance.check(v1_copy).problems == []


def test_backup_is_taken_before_migrating(v1_copy):
    open_ledger(v1_copy).close()
    kept = migrate.backup_path(v1_copy, 1)
    assert kept.exists()
    conn = sqlite3.connect(kept)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == 2
    conn.close()


def test_failed_migration_leaves_last_good_version(v1_copy, monkeypatch):
    good = migrate.migrations()
    broken = good[:1] + ((2, "broken", "CREATE TABLE x (a);\nTHIS IS NOT SQL;"),)
    monkeypatch.setattr(migrate, "migrations", lambda: broken)
    with pytest.raises(UserError, match="无法打开台账"):
        open_ledger(v1_copy)
    conn = sqlite3.connect(v1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'x'").fetchone()[0] == 0
    conn.close()


def test_migrations_are_numbered_without_gaps():
    numbers = [n for n, _, _ in migrate.migrations()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_v4_ledger_loses_spaced_and_searches_after_migration(tmp_path):
    """Version 4 filled its short-query index through spaced(); 0005 replaces it with plain SQL."""
    path = tmp_path / "v4.sqlite3"
    shutil.copy(FIXTURES / "ledger_v4.sqlite3", path)
    assert connection.inspect(path) == 4
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.OperationalError, match="no such function: spaced"):
        conn.execute("UPDATE enterprises SET name = name")
    conn.close()
    ledger = open_ledger(path)
    try:
        conn = ledger.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrate.latest_version() >= 5
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%spaced%' "
                            "OR name LIKE 'enterprises_chars%'").fetchone()[0] == 0
        src = ListSource(ledger, enterprises.LIST)

        def names(q):
            ids = src.rowids(ListQuery(search=q))
            return [src.rows(ids)[i][0] for i in ids]

        for q in ("泽", "泽华", "泽华铸造"):
            assert names(q) == ["沁水县泽华铸造有限公司"], q
        assert names("蓝焰") == names("煤层气集团") == ["山西蓝焰煤层气集团有限责任公司"]
        assert names("有限") == ["山西蓝焰煤层气集团有限责任公司", "沁水县泽华铸造有限公司", "沁水县海建水玻璃有限公司"]
    finally:
        ledger.close()
    assert maintenance.check(path).problems == []
    conn = sqlite3.connect(path)
    conn.execute("UPDATE enterprises SET name = '沁水县润丰铸造有限公司' WHERE id = 'e-3'")
    conn.commit()
    conn.close()
    result = maintenance.check(path)
    assert result.problems == [] and result.repaired == []
