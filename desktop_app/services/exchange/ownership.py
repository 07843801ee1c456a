"""Whose a row is, seen from this ledger: what the county distributed stays the county's here."""

from desktop_app.services.exchange.share import KIND_OF
from desktop_app.services.ledger import Ledger


def received_from(ledger: Ledger, table: str, row_id: str | None) -> str | None:
    """The name of the unit that distributed this row (read-only here), or None when this unit may edit it."""
    if not row_id or ledger.unit.parent_id is None or table not in KIND_OF:
        return None
    row = ledger.conn.execute(
        f"SELECT u.name FROM {table} t JOIN units u ON u.id = t.unit_id WHERE t.id = ? AND t.unit_id = ?",
        (row_id, ledger.unit.parent_id)).fetchone()
    return row[0] if row else None


def is_lower(ledger: Ledger) -> bool:
    """A ledger that receives distributions: its parent county sent it something."""
    return ledger.unit.parent_id is not None and ledger.conn.execute(
        "SELECT 1 FROM package_log WHERE direction = 'import' AND kind = 'distribution' LIMIT 1").fetchone() is not None
