"""ID numbers and phones reach the audit log masked, with a keyed hash; demo rows say they are demo."""

import json
import re
import sqlite3

from db import migrate, personal
from desktop_app.services import talent
from desktop_app.services.demo import demo_reason
from desktop_app.services.ledger import create_ledger

ID = "14052119900307123X"
ID_2 = "140521198811150024"


def _audit_text(conn) -> str:
    return "\n".join(f"{r[0]}|{r[1]}" for r in conn.execute("SELECT old_values, new_values FROM audit_log"))


def _add_person(ledger) -> str:
    with ledger.write() as w:
        return w.insert("talent", {"name": "王五", "gender": "男", "id_number": ID, "phone": "13812345678",
                                   "category": "x", "employer": "y"})


def test_writes_log_id_numbers_and_phones_masked_with_a_traceable_hash(ledger):
    tid = _add_person(ledger)
    with ledger.write() as w:
        w.update("talent", tid, {"id_number": ID_2, "phone": "0356-7654321"})
    secret = ledger.setting(personal.KEY_SETTING)
    assert re.fullmatch(r"[0-9a-f]{64}", secret)
    text = _audit_text(ledger.conn)
    for full in (ID, ID_2, "13812345678", "7654321"):
        assert full not in text
    new = json.loads(ledger.conn.execute(
        "SELECT new_values FROM audit_log WHERE action = 'insert' AND row_id = ?", (tid,)).fetchone()[0])
    assert new["id_number"] == "140521********123X#" + personal.fingerprint(secret, "id_number", ID)
    assert new["phone"] == "138****5678#" + personal.fingerprint(secret, "phone", "13812345678")
    assert new["name"] == "王五"  # other fields as they are
    old, changed = (json.loads(v) for v in ledger.conn.execute(
        "SELECT old_values, new_values FROM audit_log WHERE action = 'update' AND row_id = ?", (tid,)).fetchone())
    assert old["id_number"] == new["id_number"]  # the same number: the same hash, so a change can be traced
    assert changed["id_number"].endswith(personal.fingerprint(secret, "id_number", ID_2))
    assert changed["phone"].startswith("0356-***4321#")


def test_each_ledger_has_its_own_key(tmp_path):
    keys = set()
    for name in ("a", "b"):
        lg = create_ledger(tmp_path / f"{name}.sqlite3", unit_name="沁水县", level="county", operator="x")
        keys.add(lg.setting(personal.KEY_SETTING))
        lg.close()
    assert len(keys) == 2 and None not in keys


def test_migration_masks_the_rows_already_logged(ledger, monkeypatch):
    only_to_6 = migrate.migrations()[:6]  # as a ledger written before 0006, and a program that ends there
    monkeypatch.setattr(migrate, "migrations", lambda: only_to_6)
    conn = ledger.conn
    full = json.dumps({"name": "李四", "id_number": ID, "phone": "13900001111"}, ensure_ascii=False)
    conn.execute("INSERT INTO audit_log (at, operator, action, table_name, row_id, old_values, new_values) "
                 "VALUES ('2025-01-01', 'x', 'update', 'talent', 't1', ?, ?)", (full, full))
    conn.execute("INSERT INTO audit_log (at, operator, action, table_name, row_id, new_values) "
                 "VALUES ('2025-01-01', 'x', 'update', 'enterprises', 'e1', '{\"phone\": \"0356-1234567\"}')")
    conn.execute("DELETE FROM settings WHERE key = ?", (personal.KEY_SETTING,))
    conn.execute("PRAGMA user_version = 5")  # as a ledger written before 0006
    assert migrate.upgrade(conn, ledger.path, backup=False) == [6]
    text = _audit_text(conn)
    assert ID not in text and "13900001111" not in text and "1234567" not in text
    secret = ledger.setting(personal.KEY_SETTING)
    row = json.loads(conn.execute("SELECT old_values FROM audit_log WHERE row_id = 't1'").fetchone()[0])
    assert row == {"name": "李四", "id_number": "140521********123X#" + personal.fingerprint(secret, "id_number", ID),
                   "phone": "139****1111#" + personal.fingerprint(secret, "phone", "13900001111")}
    conn.execute("PRAGMA user_version = 5")  # running it again changes nothing more
    before = _audit_text(conn)
    migrate.upgrade(conn, ledger.path, backup=False)
    assert _audit_text(conn) == before


def test_unmask_stays_readable(ledger):
    tid = _add_person(ledger)
    assert talent.unmask(ledger, tid, "核对身份")["id_number"] == ID


def test_demo_rows_are_marked_as_demo_and_hold_no_full_numbers(demo_file):
    conn = sqlite3.connect(demo_file)
    try:
        reasons = {r[0] for r in conn.execute("SELECT reason FROM audit_log")}
        numbers = [r[0] for r in conn.execute("SELECT id_number FROM talent WHERE id_number <> ''")]
        text = _audit_text(conn)
    finally:
        conn.close()
    assert reasons and all(r and r.startswith(demo_reason()) for r in reasons)
    assert numbers and not any(n in text for n in numbers)
