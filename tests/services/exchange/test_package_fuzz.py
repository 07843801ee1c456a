"""Fuzz (issue 11): 2,000 mutated 报送包 imported at the county — flipped bytes, truncation, and hostile but
well-formed packages (checksums recomputed after the damage: rows breaking foreign keys, huge text, wrong
types, tables missing or extra, a manifest naming another unit, a future schema). Each one is refused with
one clear line naming the file, or imported cleanly; a refusal leaves the ledger byte for byte unchanged."""

import json
import random
import shutil
import sqlite3
import time

import pytest

from desktop_app.errors import UserError
from desktop_app.services import review
from desktop_app.services.exchange import distribute, lower_ledger, package_file, receive, submit
from tests.conftest import file_state

COUNT = 2000
SEED = 11


@pytest.fixture
def setup(demo_ledger, tmp_path):
    county = demo_ledger
    zz, _ = lower_ledger.create_from_package(distribute.export_for(county, "郑庄镇", tmp_path / "zz.bsb").path,
                                             tmp_path / "zz.sqlite3", operator="乡镇填报员")
    firms = [r[0] for r in zz.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 2")]
    with zz.write() as w:
        for n, firm in enumerate(firms):
            w.update("enterprises", firm, {"phone": f"0356-700000{n}"})
    for f in review.blocking(zz, "2026-11"):
        review.explain(zz, f, "已电话核实企业财务负责人，情况属实")
    good = submit.export_submission(zz, "2026-11", tmp_path / "good.bsb").path
    zz.close()
    county.close()
    pristine = tmp_path / "county.pristine"
    src, dst = sqlite3.connect(county.path), sqlite3.connect(pristine)  # the WAL's content too
    src.backup(dst)
    src.close()
    dst.close()
    return county.path, pristine, good


def _rewrite(path, rng: random.Random) -> str:
    """Damage the package as SQL, then make it self-consistent again (counts and checksums)."""
    conn = sqlite3.connect(path)
    try:
        body = json.loads(conn.execute("SELECT body FROM manifest").fetchone()[0])
        tables = [t for t in body["counts"] if body["counts"][t]] or list(body["counts"])
        table = rng.choice(tables)
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        what = rng.choice(("cell", "cell", "cell", "delete", "drop", "extra", "manifest"))
        if what == "cell" and conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]:
            col = rng.choice(cols)
            value = rng.choice((None, "", "x" * 200_000, -1, 10**18, 3.5, "=cmd|' /C calc'!A0", "no-such-id",
                                "2026-13-45", b"\x00\x01", "郑庄镇" * 50))
            try:  # the package keeps the ledger's own constraints; what they refuse stays as it was
                conn.execute(f"UPDATE {table} SET {col} = ? WHERE rowid = (SELECT MIN(rowid) FROM {table})", (value,))
            except sqlite3.IntegrityError:
                what = "cell refused by the package's own schema"
        elif what == "delete":
            conn.execute(f"DELETE FROM {table} WHERE rowid = (SELECT MIN(rowid) FROM {table})")
        elif what == "drop":
            conn.execute(f"DROP TABLE {table}")
            body["counts"].pop(table, None)
            body["checksums"].pop(table, None)
        elif what == "extra":
            conn.execute("CREATE TABLE IF NOT EXISTS surprise (id TEXT PRIMARY KEY, v TEXT)")
            conn.execute("INSERT OR IGNORE INTO surprise VALUES ('1', 'x')")
            body["counts"]["surprise"] = 1
        else:
            key = rng.choice(("kind", "to_unit", "from_unit", "schema_version", "seq", "period", "package_id"))
            body[key] = rng.choice({"kind": ("receipt", "distribution", "坏的", ""),
                                    "to_unit": ({"id": "x", "name": "阳城县"}, {}), "from_unit": ({"id": "y"}, {}),
                                    "schema_version": (99, -1), "seq": (-5, 0, 10**9),
                                    "period": ("2026-13", "", "x" * 500), "package_id": ("", "同一个")}[key])
        for t in list(body["counts"]):
            if conn.execute("SELECT 1 FROM sqlite_schema WHERE name = ?", (t,)).fetchone():
                body["counts"][t] = conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                body["checksums"][t] = package_file.table_checksum(conn, t)
        conn.execute("UPDATE manifest SET body = ?", (json.dumps(body, ensure_ascii=False),))
        conn.commit()
        return what
    finally:
        conn.close()


def _mutant(good, path, rng: random.Random, n: int) -> str:
    raw = good.read_bytes()
    if n % 4 == 0:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        return "flip"
    if n % 4 == 1:
        path.write_bytes(raw[: rng.randrange(len(raw))])
        return "truncate"
    shutil.copy(good, path)
    return _rewrite(path, rng)


@pytest.mark.filterwarnings("ignore")
def test_mutated_packages_are_refused_in_one_line_or_imported_cleanly(setup, tmp_path):
    db, pristine, good = setup
    from desktop_app.services.ledger import open_ledger

    rng = random.Random(SEED)
    path = tmp_path / "变异.bsb"
    outcomes: dict[str, int] = {}
    started, slowest = time.monotonic(), 0.0
    ledger = open_ledger(db)
    assert [tuple(r) for r in ledger.conn.execute("PRAGMA foreign_key_check")] == [], "pristine"
    state = file_state(db)
    try:
        for n in range(COUNT):
            what = _mutant(good, path, rng, n)
            t0 = time.monotonic()
            try:
                receive.import_package(ledger, path)
            except UserError as exc:
                text = str(exc)
                assert "\n" not in text and "Traceback" not in text and path.name in text, (n, what, text)
                outcomes["refused"] = outcomes.get("refused", 0) + 1
                slowest = max(slowest, time.monotonic() - t0)
                assert file_state(db) == state, (n, what)  # refused: not a byte changed
                continue
            slowest = max(slowest, time.monotonic() - t0)
            outcomes["accepted"] = outcomes.get("accepted", 0) + 1
            bad = [tuple(r) for r in ledger.conn.execute("PRAGMA foreign_key_check")]
            assert bad == [], (n, what, bad)  # accepted: whole and consistent
            src = sqlite3.connect(pristine)  # an accepted package changed the ledger: back to the original
            src.backup(ledger.conn)
            src.close()
            ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            state = file_state(db)
    finally:
        ledger.close()
    assert sum(outcomes.values()) == COUNT and outcomes["refused"] > COUNT // 4 and outcomes["accepted"]
    assert slowest < 2.0
    print(f"package fuzz: {outcomes}, slowest {slowest:.3f}s, total {time.monotonic() - started:.1f}s")


RECEIPTS = 300


@pytest.mark.filterwarnings("ignore")
def test_mutated_receipts_are_refused_in_one_line_or_taken_whole(demo_ledger, tmp_path):
    """回执 from the city: the same damage, at the county; a refusal changes nothing, a taken one is consistent."""
    from desktop_app.services import seed
    from desktop_app.services.exchange import receipt
    from desktop_app.services.ledger import create_ledger, open_ledger

    county = demo_ledger
    for f in review.blocking(county, "2026-11"):
        review.explain(county, f, "已电话核实企业财务负责人，情况属实")
    city = create_ledger(tmp_path / "city.sqlite3", unit_name="晋城市", level="city", code="140500", operator="市办")
    seed.load_builtin(city)
    receive.import_package(city, submit.export_submission(county, "2026-11", tmp_path / "up.bsb").path)
    good = receipt.export_for(city, "沁水县", tmp_path / "回执.bsb").path
    city.close()
    db = county.path
    county.close()
    rng = random.Random(SEED)
    path = tmp_path / "变异回执.bsb"
    outcomes: dict[str, int] = {}
    for n in range(RECEIPTS):
        what = _mutant(good, path, rng, n)
        ledger = open_ledger(db)
        state = file_state(db)
        try:
            receive.import_package(ledger, path)
        except UserError as exc:
            text = str(exc)
            assert "\n" not in text and "Traceback" not in text and path.name in text, (n, what, text)
            assert file_state(db) == state, (n, what)
            outcomes["refused"] = outcomes.get("refused", 0) + 1
            continue
        finally:
            ledger.close()
        outcomes["taken"] = outcomes.get("taken", 0) + 1
        check = sqlite3.connect(db)
        try:
            assert check.execute("SELECT COUNT(*) FROM exchange_base WHERE typeof(row_hash) != 'text'").fetchone()[0] == 0
        finally:
            check.close()
    assert sum(outcomes.values()) == RECEIPTS and outcomes["refused"] > RECEIPTS // 4 and outcomes.get("taken")
