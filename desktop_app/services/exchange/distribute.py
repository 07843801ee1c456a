"""下发: the county writes each reporting unit a package of its share.

What is sent becomes the base of that unit's rows here: when the unit's
submission comes back, a row it did not touch is recognised as such.
"""

import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from db import migrate
from db.records import now
from desktop_app import __version__, i18n
from desktop_app.domain.file_names import safe_name
from desktop_app.errors import UserError
from desktop_app.services.exchange import package_file, records, same_firm, share
from desktop_app.services.exchange.base import remember_base, write_accepted
from desktop_app.services.ledger import Ledger


@dataclass(frozen=True)
class Written:
    unit: str
    path: Path
    counts: dict[str, int]     # table → records sent

    def summary(self) -> str:
        parts = [f"{share.table_label(t)} {n}" for t, n in self.counts.items()
                 if n and t not in ("units", "documents", "reward_policies", "leading_groups")]
        return "、".join(parts) or i18n.tr("无业务数据")


def _require_county(ledger: Ledger) -> None:
    if ledger.unit.level != "county":
        raise UserError(i18n.tr("只有县级台账向下级单位下发；本台账是{level}“{name}”").format(
            level=ledger.unit.level_label, name=ledger.unit.name))


def default_file_name(ledger: Ledger, unit_name: str) -> str:
    stamp = now()[:10].replace("-", "")
    return safe_name(i18n.tr("{county}下发{unit}_{date}").format(
        county=ledger.unit.name, unit=unit_name, date=stamp)) + package_file.EXTENSION


def export_for(ledger: Ledger, unit_name: str, out: Path | str) -> Written:
    _require_county(ledger)
    unit = share.find_unit(ledger.conn, ledger.unit.id, unit_name)
    return _export(ledger, unit, Path(out))


def export_all(ledger: Ledger, out_dir: Path | str) -> list[Written]:
    _require_county(ledger)
    units = share.reporting_units(ledger.conn, ledger.unit.id)
    if not units:
        raise UserError(i18n.tr("本台账还没有下级报送单位"))
    out_dir = Path(out_dir)
    return [_export(ledger, unit, out_dir / default_file_name(ledger, unit["name"])) for unit in units]


def _next_seq(ledger: Ledger, unit_id: str) -> int:
    row = ledger.conn.execute("SELECT MAX(seq) FROM package_log WHERE direction = 'export' AND peer_unit_id = ?",
                              (unit_id,)).fetchone()
    return (row[0] or 0) + 1


def _export(ledger: Ledger, unit: dict, out: Path) -> Written:
    conn = ledger.conn
    part = share.compute(conn, ledger.unit.id, unit)
    manifest = package_file.Manifest(
        package_id=str(uuid.uuid4()), kind=package_file.DISTRIBUTION,
        from_unit={"id": ledger.unit.id, "name": ledger.unit.name, "level": ledger.unit.level,
                   "code": ledger.unit.code},
        to_unit={"id": unit["id"], "name": unit["name"], "level": unit["level"], "code": unit["code"],
                 "parent_id": ledger.unit.id},
        period="", seq=_next_seq(ledger, unit["id"]), created_at=now(), operator=ledger.operator,
        program_version=__version__, schema_version=migrate.latest_version())
    sent: list[records.Record] = []

    def fill(pkg: sqlite3.Connection) -> None:
        for kind in share.KINDS:
            for table in (kind.table, *(c for c, _ in kind.children)):
                pkg.execute(_ddl(conn, table))
            recs = list(records.read(conn, kind.table, part.ids.get(kind.table, set())))
            owned = part.owned.get(kind.table, set())
            for rec in recs:
                rec.row["unit_id"] = unit["id"] if rec.id in owned else ledger.unit.id
                _insert(pkg, kind.table, [rec.row])
                for child, rows in rec.children.items():
                    _insert(pkg, child, rows)
            sent.extend(recs)
        copy_blobs(conn, pkg, sent)
        write_accepted(conn, pkg, unit["id"], sent)
        pkg.execute(_ddl(conn, "settings"))
        marks = ", ".join("?" * len(share.CALENDAR_SETTINGS))
        for key, value in conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})",
                                       share.CALENDAR_SETTINGS):
            pkg.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
        from desktop_app.services.exchange.submissions import returns_for

        pkg.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                    (share.RETURNS_SETTING, _json(returns_for(ledger, unit["id"]))))
        if merged := same_firm.known(conn, unit["id"]):  # 是同一企业: the unit reads our ids as its own
            pkg.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (same_firm.SETTING, _json(merged)))

    path = package_file.write(out, manifest, fill)
    counts = {}
    for rec in sent:
        counts[rec.table] = counts.get(rec.table, 0) + 1
    with ledger.write() as w:
        for rec in sent:
            remember_base(conn, unit["id"], rec)
        w.insert("package_log", {"unit_id": ledger.unit.id, "direction": "export", "period": "",
                                 "file_name": path.name, "sha256": _file_sha(path), "at": now(),
                                 "operator": ledger.operator, "package_id": manifest.package_id,
                                 "kind": manifest.kind, "peer_unit_id": unit["id"], "seq": manifest.seq,
                                 "summary": _json(counts)})
    return Written(unit["name"], path, counts)


def copy_blobs(conn: sqlite3.Connection, pkg: sqlite3.Connection, sent: list[records.Record]) -> None:
    """The contents of the evidence files among ``sent``, each once, into the package."""
    pkg.execute(_ddl(conn, "file_blobs"))
    for sha in sorted({r.row["sha256"] for r in sent if r.table == "evidence_files"}):
        blob = conn.execute("SELECT sha256, size, data FROM file_blobs WHERE sha256 = ?", (sha,)).fetchone()
        if blob:
            pkg.execute("INSERT INTO file_blobs (sha256, size, data) VALUES (?, ?, ?)", tuple(blob))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _file_sha(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _ddl(conn: sqlite3.Connection, table: str) -> str:
    row = conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return row[0]


def _insert(pkg: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    names = list(rows[0])
    pkg.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                    [[r[n] for n in names] for r in rows])
