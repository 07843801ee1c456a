"""是同一企业吗? A unit registers an enterprise whose 统一社会信用代码 this ledger holds under another record.

Two records of one firm would split its returns, so such a package is not imported
until the clerk answers. On 是 the two are merged: this ledger remembers, per unit,
that the unit's id for the firm means our record (a fixed substitution, as for a
city's counties: ``upward.read_as_ours``), so the unit's record and everything that
names it (surveys, 销号, talent…) arrive on ours, and where the two differ the
fields wait in 冲突待处理 for a choice, field by field. The next distribution tells
the unit, which from then on reads our id as its own: neither side renames anything.
On 否 nothing is imported, and the message says what to check with whom.
"""

import json
import sqlite3
from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.exchange import records

SETTING = "exchange.merged"   # JSON {peer unit id: {the peer's id of a firm: this ledger's id}}


@dataclass(frozen=True)
class SameCode:
    """The package's new firm and the record this ledger already holds under the same code."""
    theirs_id: str
    theirs_name: str
    ours_id: str
    ours_name: str
    ours_town: str
    uscc: str

    def question(self, sender: str) -> str:
        return i18n.tr("{sender}报来的企业“{name}”（统一社会信用代码 {uscc}）与本台账已有的“{ours}”（{town}）代码相同。"
                       "是同一企业吗？").format(sender=sender, name=self.theirs_name, uscc=self.uscc,
                                          ours=self.ours_name, town=self.ours_town or "—")


def find(conn: sqlite3.Connection, theirs: records.Record) -> SameCode | None:
    """The live record of this ledger, other than ``theirs``, with its 统一社会信用代码."""
    row = theirs.row
    if row.get("deleted_at") or not row.get("uscc"):
        return None
    other = conn.execute(
        "SELECT e.id, e.name, COALESCE(u.name, '') FROM enterprises e LEFT JOIN units u ON u.id = e.township_id "
        "WHERE e.uscc = ? AND e.id != ? AND e.deleted_at IS NULL", (row["uscc"], theirs.id)).fetchone()
    if other is None:
        return None
    return SameCode(theirs.id, row.get("name") or "", other[0], other[1], other[2], row["uscc"])


def refusal(file_name: str, sender: str, same: SameCode, *, down: bool = False) -> UserError:
    if down:  # the unit holds the firm under its own id: the county merges, then tells the unit
        return UserError(i18n.tr(
            "{file}：{sender}下发的企业“{ours}”（统一社会信用代码 {uscc}）本台账已登记为“{name}”，未导入。"
            "请先生成报送包报{sender}，由{sender}确认是同一企业并合并后，再导入新的下发包").format(
            file=file_name, sender=sender, ours=same.theirs_name, uscc=same.uscc, name=same.ours_name))
    return UserError(i18n.tr(
        "{file}：企业“{name}”（统一社会信用代码 {uscc}）在本台账中已有另一条记录“{ours}”（{town}），未导入。"
        "是同一企业的，导入时确认“是同一企业”即合并为一条；不是的，请与{sender}核实统一社会信用代码后重新报送").format(
        file=file_name, name=same.theirs_name, uscc=same.uscc, ours=same.ours_name, town=same.ours_town or "—",
        sender=sender), option="import-package FILE --merge-same-code")


def _all(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def known(conn: sqlite3.Connection, peer: str) -> dict[str, str]:
    """The merges confirmed for ``peer``: its id of a firm → ours."""
    return dict(_all(conn).get(peer, {}))


def remember(conn: sqlite3.Connection, peer: str, pairs: dict[str, str]) -> None:
    """Keep the clerk's 是, in the import's transaction."""
    if not pairs:
        return
    every = _all(conn)
    every[peer] = every.get(peer, {}) | pairs
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                 "excluded.value", (SETTING, json.dumps(every, ensure_ascii=False, sort_keys=True)))


def read_down(settings: list[dict]) -> dict[str, str]:
    """At the unit, from a distribution's settings: the county's id of a firm → ours."""
    for row in settings:
        if row["key"] == SETTING and row["value"]:
            return {county: ours for ours, county in json.loads(row["value"]).items()}
    return {}
