"""整包汇总上报: a county's package to its city, and the city ledger that reads them.

The county sends every row it holds (its own and its reporting units', each
keeping its owner: the origin travels in ``unit_id``) that differs from what
the city last acknowledged. The city never distributes to its counties, so
the two ledgers name the city, and the county, with different ids: the city
registers its 县（市、区） by name and 行政区划代码, and the first package of a
county binds the county's id to that registration. From then on every id the
package names for the city or for the county is read as the city ledger's own
(a fixed substitution: the same package always reads the same way, so
re-importing it changes nothing and the row hashes stay comparable).
"""

import json
import sqlite3
from dataclasses import replace

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services import units
from desktop_app.services.exchange import package_file, records
from desktop_app.services.ledger import Ledger

ALIASES_SETTING = "exchange.aliases"   # JSON {sender's id for itself: this ledger's id for it}
CITY_MEMBERS = units.MEMBER_LEVELS["city"]   # who reports to a city: its 县（市、区） and 开发区


def sends_everything(ledger: Ledger) -> bool:
    """A county with a city above it: its package carries its units' rows too."""
    return ledger.unit.level == "county" and ledger.unit.parent_id is not None


def known_aliases(conn: sqlite3.Connection) -> dict[str, str]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (ALIASES_SETTING,)).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def same_unit(a: dict, code: str | None, name: str | None) -> bool:
    """``a`` (a package's from or to unit) is the unit of ``code`` (when both have one), else of ``name``."""
    if a.get("code") and code:
        return a["code"] == code
    return bool(a.get("name")) and a.get("name") == name


def sender_aliases(ledger: Ledger, m: package_file.Manifest, file_name: str) -> dict[str, str]:
    """Who a 报送包 is for and from: this ledger, and one of its registered reporting units.

    At a city, the county's package names the city and the county by the county's ids: they
    are returned as {their id: ours} ({} where the ids already agree, as at a county). Refused
    with one line otherwise.
    """
    me, conn = ledger.unit, ledger.conn
    to, sender = m.to_unit, m.from_unit
    city = me.level == "city"
    if to.get("id") != me.id and not (city and same_unit(to, me.code, me.name)):
        raise UserError(i18n.tr("{file} 是报给“{to}”的{kind}，本台账属于“{me}”，未导入").format(
            file=file_name, to=to.get("name"), kind=m.kind_label, me=me.name))
    out = {to["id"]: me.id} if to.get("id") and to["id"] != me.id else {}
    known = known_aliases(conn) if city else {}
    if sender.get("id") in known:
        out[sender["id"]] = known[sender["id"]]
        return out
    if conn.execute("SELECT 1 FROM units WHERE id = ? AND parent_id = ? AND deleted_at IS NULL",
                    (sender.get("id"), me.id)).fetchone():
        return out
    if city:  # a county's first package: bound to the city's registration of it by code, else name
        bound = set(known.values())
        for uid, name, code in conn.execute(
                "SELECT id, name, code FROM units WHERE parent_id = ? AND deleted_at IS NULL AND level IN "
                f"({', '.join('?' * len(CITY_MEMBERS))}) ORDER BY seq", (me.id, *CITY_MEMBERS)):
            if uid not in bound and same_unit(sender, code, name):
                out[sender["id"]] = uid
                return out
        raise UserError(i18n.tr("{file} 来自“{sender}”，不是本台账登记的报送单位，未导入；"
                                "如是新的县（市、区），请先在“报送单位”中登记").format(
            file=file_name, sender=sender.get("name")), option="add-unit NAME --level county --code CODE")
    raise UserError(i18n.tr("{file} 来自“{sender}”，不是本台账登记的报送单位，未导入").format(
        file=file_name, sender=sender.get("name")))


def remember(conn: sqlite3.Connection, aliases: dict[str, str]) -> None:
    """Keep the binding of the sender's id, in the import's transaction."""
    if not aliases:
        return
    known = known_aliases(conn) | aliases
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                 "excluded.value", (ALIASES_SETTING, json.dumps(known, ensure_ascii=False, sort_keys=True)))


def local_peer(aliases: dict[str, str], sender_id: str) -> str:
    return aliases.get(sender_id, sender_id)


REGISTRATION = ("parent_id", "level", "seq", "reports")  # how the city files a county: the city's to say


def read_as_ours(conn: sqlite3.Connection, rec: records.Record, aliases: dict[str, str], peer: str) -> records.Record:
    """The record with every id of ``aliases`` replaced (ids are UUIDs: no other value can equal one);
    the sender's own unit row keeps how this ledger registered it."""
    if not aliases:
        return rec

    def fix(row: dict) -> dict:
        return {k: aliases.get(v, v) if isinstance(v, str) else v for k, v in row.items()}

    row = fix(rec.row)
    if rec.table == "units" and row["id"] == peer:
        cols = ", ".join(REGISTRATION)
        if ours := conn.execute(f"SELECT {cols} FROM units WHERE id = ?", (peer,)).fetchone():
            row.update(zip(REGISTRATION, ours, strict=True))
    return replace(rec, row=row, children={t: [fix(r) for r in rows] for t, rows in rec.children.items()})
