"""Whose a row is, seen from this ledger: what the county distributed stays the county's here."""

from desktop_app.services.exchange.share import KIND_OF
from desktop_app.services.ledger import Ledger


def received_from(ledger: Ledger, table: str, row_id: str | None) -> str | None:
    """The name of the unit that distributed this row (read-only here), or None when this unit may edit it."""
    if not row_id or table not in KIND_OF:
        return None
    if ledger.unit.level == "city":  # what the counties reported: read-only at the city
        row = ledger.conn.execute(f"SELECT u.name FROM {table} t JOIN units u ON u.id = t.unit_id "
                                  "WHERE t.id = ? AND t.unit_id != ?", (row_id, ledger.unit.id)).fetchone()
        return row[0] if row else None
    if ledger.unit.parent_id is None:
        return None
    row = ledger.conn.execute(
        f"SELECT u.name FROM {table} t JOIN units u ON u.id = t.unit_id WHERE t.id = ? AND t.unit_id = ?",
        (row_id, ledger.unit.parent_id)).fetchone()
    return row[0] if row else None


def is_lower(ledger: Ledger) -> bool:
    """A ledger that receives distributions: its parent county sent it something."""
    return ledger.unit.parent_id is not None and ledger.conn.execute(
        "SELECT 1 FROM package_log WHERE direction = 'import' AND kind = 'distribution' LIMIT 1").fetchone() is not None


def pending_conflicts(ledger: Ledger) -> int:
    return ledger.conn.execute("SELECT COUNT(*) FROM exchange_conflicts WHERE resolved_at IS NULL").fetchone()[0]


def last_distribution(ledger: Ledger) -> tuple[str, int, str] | None:
    """The newest distribution this ledger imported: (sender, number, when), for the status bar."""
    row = ledger.conn.execute(
        "SELECT COALESCE(u.name, p.peer_unit_id), p.seq, p.at FROM package_log p LEFT JOIN units u ON u.id = p.peer_unit_id "
        "WHERE p.direction = 'import' AND p.kind = 'distribution' ORDER BY p.seq DESC, p.at DESC LIMIT 1").fetchone()
    return (row[0], row[1], row[2]) if row else None
