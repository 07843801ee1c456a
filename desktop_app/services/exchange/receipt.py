"""回执: a city tells a county what it holds of the county's rows (EXCHANGE.md, kind ``receipt``).

A city sends no distribution, so without a receipt the county's package to it would carry
everything every month. The receipt names each row the city holds as the county sent it
(its id and hash in the county's own terms, ``exchange_base.sent_hash``); the county takes
them as the city's acknowledgement, and its next package carries only what changed since.
"""

import uuid
from pathlib import Path

from db import migrate
from db.records import now
from desktop_app import __version__, i18n
from desktop_app.errors import UserError
from desktop_app.services import units
from desktop_app.services.exchange import package_file, records, same_firm, share, upward
from desktop_app.services.exchange.base import (
    ACCEPTED_DDL,
    ACCEPTED_TABLE,
    read_accepted,
    remember_base,
)
from desktop_app.services.exchange.distribute import Written, _file_sha, _json, _next_seq
from desktop_app.services.ledger import Ledger


def default_file_name(ledger: Ledger, unit_name: str) -> str:
    from desktop_app.domain.file_names import safe_name

    return safe_name(i18n.tr("{city}回执{unit}_{date}").format(
        city=ledger.unit.name, unit=unit_name, date=now()[:10].replace("-", ""))) + package_file.EXTENSION


def reported_units(ledger: Ledger) -> list[str]:
    """The registered units whose packages this city has imported (a receipt needs one)."""
    bound = set(upward.known_aliases(ledger.conn).values())
    return [u.name for u in units.reporting_units(ledger) if u.id in bound]


def export_for(ledger: Ledger, unit_name: str, out: Path | str) -> Written:
    """``export-package --for COUNTY`` at a city: the 回执 of what this ledger holds of the county's rows."""
    if ledger.unit.level != "city":
        raise UserError(i18n.tr("只有市级台账向县（市、区）发回执"))
    conn = ledger.conn
    unit = share.find_unit(conn, ledger.unit.id, unit_name)
    theirs = {local: their for their, local in upward.known_aliases(conn).items()}
    if unit["id"] not in theirs:
        raise UserError(i18n.tr("还没有导入过{unit}的报送包，无需回执").format(unit=unit["name"]))
    back = theirs | {ours: their for their, ours in same_firm.known(conn, unit["id"]).items()}
    rows = sorted((table, back.get(row_id, row_id), sent or row_hash) for table, row_id, row_hash, sent in conn.execute(
        "SELECT table_name, row_id, row_hash, sent_hash FROM exchange_base WHERE peer_unit_id = ?", (unit["id"],)))
    manifest = package_file.Manifest(
        package_id=str(uuid.uuid4()), kind=package_file.RECEIPT,
        from_unit={"id": ledger.unit.id, "name": ledger.unit.name, "level": ledger.unit.level, "code": ledger.unit.code},
        to_unit={"id": theirs[unit["id"]], "name": unit["name"], "level": unit["level"], "code": unit["code"]},
        period="", seq=_next_seq(ledger, unit["id"]), created_at=now(), operator=ledger.operator,
        program_version=__version__, schema_version=migrate.latest_version())

    def fill(pkg) -> None:
        pkg.execute(ACCEPTED_DDL)
        pkg.executemany(f"INSERT INTO {ACCEPTED_TABLE} VALUES (?, ?, ?)", rows)

    path = package_file.write(out, manifest, fill)
    with ledger.write() as w:
        w.insert("package_log", {"unit_id": ledger.unit.id, "direction": "export", "period": "",
                                 "file_name": path.name, "sha256": _file_sha(path), "at": now(),
                                 "operator": ledger.operator, "package_id": manifest.package_id,
                                 "kind": manifest.kind, "peer_unit_id": unit["id"], "seq": manifest.seq,
                                 "summary": _json({"accepted": len(rows)})})
    return Written(unit["name"], path, {ACCEPTED_TABLE: len(rows)})


def check_addressee(ledger: Ledger, m: package_file.Manifest, file_name: str) -> None:
    """A 回执 comes to a county from the city it reports to (known there by its code or name)."""
    me = ledger.unit
    if m.to_unit.get("id") != me.id:
        raise UserError(i18n.tr("{file} 是发给“{to}”的回执包，本台账属于“{me}”，未导入").format(
            file=file_name, to=m.to_unit.get("name"), me=me.name))
    parent = ledger.conn.execute("SELECT name, code FROM units WHERE id = ?", (me.parent_id,)).fetchone() \
        if me.parent_id else None
    if parent is None or not upward.same_unit(m.from_unit, parent[1], parent[0]):
        raise UserError(i18n.tr("{file} 来自“{sender}”，不是本单位的上级单位，未导入").format(
            file=file_name, sender=m.from_unit.get("name")))


def apply(ledger: Ledger, pkg: package_file.Package, *, dry_run: bool) -> int:
    """Take the receipt as the city's acknowledgement: the base this ledger holds for its parent."""
    accepted = read_accepted(pkg)
    if dry_run:
        return len(accepted)
    conn, parent, m = ledger.conn, ledger.unit.parent_id, pkg.manifest
    with ledger.write() as w:
        for (table, row_id), row_hash in accepted.items():
            if table not in share.KIND_OF or not isinstance(row_id, str) or not _is_hash(row_hash):
                raise ValueError(f"{table} {row_id!r} {row_hash!r}")
            rec = records.one(conn, table, row_id)
            if rec is not None and rec.hash() == row_hash:
                remember_base(conn, parent, rec)
            else:  # changed here since it was sent: the city's hash, without values
                conn.execute(
                    "INSERT INTO exchange_base (peer_unit_id, table_name, row_id, row_version, row_hash) "
                    "VALUES (?, ?, ?, 0, ?) ON CONFLICT DO UPDATE SET row_hash = excluded.row_hash, "
                    "row_values = NULL, sent_hash = NULL", (parent, table, row_id, row_hash))
        w.insert("package_log", {
            "unit_id": parent, "direction": "import", "period": "", "file_name": pkg.path.name,
            "sha256": pkg.sha256, "at": now(), "operator": ledger.operator, "package_id": m.package_id,
            "kind": m.kind, "peer_unit_id": parent, "seq": m.seq, "summary": _json({"accepted": len(accepted)})})
    return len(accepted)


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
