"""A COMMIT that fails (here: a deferred foreign key) rolls the whole write back; nothing is kept for later."""

import sqlite3

import pytest

from db import connection


def test_a_failed_commit_rolls_back_and_the_next_write_is_clean(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE p (id TEXT PRIMARY KEY)")
    conn.execute("CREATE TABLE c (id TEXT PRIMARY KEY, p TEXT REFERENCES p(id))")
    with pytest.raises(sqlite3.IntegrityError):
        with connection.transaction(conn):
            conn.execute("PRAGMA defer_foreign_keys = ON")
            conn.execute("INSERT INTO c VALUES ('1', 'nobody')")
    assert not conn.in_transaction
    with connection.transaction(conn):
        conn.execute("INSERT INTO p VALUES ('a')")
    assert conn.execute("SELECT COUNT(*) FROM c").fetchone()[0] == 0  # the orphan did not ride along
    assert conn.execute("SELECT COUNT(*) FROM p").fetchone()[0] == 1
