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
    assert maintenance.check(v1_copy) == []


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
