"""What a list view needs from a ledger: matching row ids, then rows by page."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from db import listing
from db.listing import ListQuery, ListSpec
from desktop_app.services.ledger import Ledger

__all__ = ["ListQuery", "ListSource", "ListSpec"]


@dataclass
class ListSource:
    ledger: Ledger
    spec: ListSpec
    text_ranks: Callable[[set[str]], Mapping[str, int]] | None = None  # the window's collation (pinyin)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.spec.columns]

    def rowids(self, query: ListQuery) -> list[int]:
        return listing.matching_rowids(self.ledger.conn, self.spec, query, self.text_ranks)

    def rows(self, rowids: Sequence[int]) -> dict[int, tuple]:
        return listing.fetch_rows(self.ledger.conn, self.spec, rowids)

    def record_id(self, rowid: int) -> str | None:
        return listing.row_id_for(self.ledger.conn, self.spec, rowid)

    def rowid_of(self, record_id: str) -> int | None:
        row = self.ledger.conn.execute(
            f"SELECT rowid FROM {self.spec.table} WHERE id = ?", (record_id,)).fetchone()
        return row[0] if row else None
