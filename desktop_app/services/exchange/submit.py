"""上报: a reporting unit's package to its county — every row it owns that changed since what the
county last accepted (cumulative: a lost USB stick loses nothing), or an explicit 空表上报.

What the county "last accepted" is the base this ledger holds for its parent: set when a
distribution is imported (the county sends what it accepted of the unit's own rows).
"""

import uuid
from pathlib import Path

from db import migrate
from db.records import now
from desktop_app import __version__, i18n
from desktop_app.errors import UserError
from desktop_app.services import review
from desktop_app.services.exchange import ownership, package_file, records, share, upward
from desktop_app.services.exchange.distribute import (
    Written,
    _ddl,
    _file_sha,
    _insert,
    _json,
    copy_blobs,
)
from desktop_app.services.ledger import Ledger


def _require_reporting_unit(ledger: Ledger) -> None:
    if upward.sends_everything(ledger):
        return
    if ledger.unit.level == "county":
        raise UserError(i18n.tr("本台账没有登记上级市，无法生成报市的汇总报送包"))
    if not ownership.is_lower(ledger):
        raise UserError(i18n.tr("本台账不是用上级单位的下发包创建的，无法生成报送包；"
                                "请先用“从下发包创建”建立本单位台账"), option="init --from-package FILE")


def default_file_name(ledger: Ledger, period: str) -> str:
    from desktop_app.domain.file_names import safe_name

    return safe_name(i18n.tr("{unit}报送{parent}_{period}").format(
        unit=ledger.unit.name, parent=ledger.unit.parent_name or "", period=period)) + package_file.EXTENSION


def changed_rows(ledger: Ledger) -> list[records.Record]:
    """Every record this unit owns whose values differ from the county's accepted base (or that it lacks).

    A county reporting to its city sends every row it holds but the city's own (整包汇总上报).
    """
    conn, parent = ledger.conn, ledger.unit.parent_id
    everything = upward.sends_everything(ledger)
    out = []
    for kind in share.KINDS:
        if (kind.table == "units" and not everything) or not records._has_table(conn, kind.table):
            continue
        if everything:
            own = [r[0] for r in conn.execute(f"SELECT id FROM {kind.table} WHERE id != ?", (parent,))]
        else:
            own = [r[0] for r in conn.execute(f"SELECT id FROM {kind.table} WHERE unit_id = ?", (ledger.unit.id,))]
        if not own:
            continue
        bases = {r[0]: r[1] for r in conn.execute(
            "SELECT row_id, row_hash FROM exchange_base WHERE peer_unit_id = ? AND table_name = ?", (parent, kind.table))}
        out.extend(rec for rec in records.read(conn, kind.table, own) if bases.get(rec.id) != rec.hash())
    return out


def export_submission(ledger: Ledger, period: str, out: Path | str) -> Written:
    """``export-package --period``: refused while the period's 审核 has a blocking finding."""
    _require_reporting_unit(ledger)
    period = review.clean_period(period)
    stop = review.refusal(review.blocking(ledger, period))
    if stop:
        raise UserError(stop)
    conn = ledger.conn
    sent = changed_rows(ledger)
    parent = conn.execute("SELECT id, name, level, COALESCE(code, '') FROM units WHERE id = ?",
                          (ledger.unit.parent_id,)).fetchone()
    manifest = package_file.Manifest(
        package_id=str(uuid.uuid4()), kind=package_file.SUBMISSION if sent else package_file.EMPTY_SUBMISSION,
        from_unit={"id": ledger.unit.id, "name": ledger.unit.name, "level": ledger.unit.level,
                   "code": ledger.unit.code},
        to_unit={"id": parent[0], "name": parent[1], "level": parent[2], "code": parent[3]},
        period=period, seq=_next_seq(ledger), created_at=now(), operator=ledger.operator,
        program_version=__version__, schema_version=migrate.latest_version())

    def fill(pkg) -> None:
        for kind in share.KINDS:
            for table in (kind.table, *(c for c, _ in kind.children)):
                if records._has_table(conn, table):
                    pkg.execute(_ddl(conn, table))
        for rec in sent:
            _insert(pkg, rec.table, [rec.row])
            for child, rows in rec.children.items():
                _insert(pkg, child, rows)
        copy_blobs(conn, pkg, sent)

    path = package_file.write(out, manifest, fill)
    counts: dict[str, int] = {}
    for rec in sent:
        counts[rec.table] = counts.get(rec.table, 0) + 1
    with ledger.write() as w:
        w.insert("package_log", {"unit_id": ledger.unit.id, "direction": "export", "period": period,
                                 "file_name": path.name, "sha256": _file_sha(path), "at": now(),
                                 "operator": ledger.operator, "package_id": manifest.package_id,
                                 "kind": manifest.kind, "peer_unit_id": parent[0], "seq": manifest.seq,
                                 "summary": _json(counts)})
    return Written(ledger.unit.name, path, counts)


def _next_seq(ledger: Ledger) -> int:
    row = ledger.conn.execute("SELECT MAX(seq) FROM package_log WHERE direction = 'export' AND peer_unit_id = ?",
                              (ledger.unit.parent_id,)).fetchone()
    return (row[0] or 0) + 1
