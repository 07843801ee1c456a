"""The 企业 tab's list: the registry with coverage state, titles and helpers, for one period.

The coverage state comes from the 销号 rule (``domain.coverage``), which is
Python, not SQL; ``prepare`` evaluates it for the chosen period into a
temporary table on the ledger's connection that the list joins, so
filtering and sorting by state stay in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.listing import Column, Filter, ListSpec
from desktop_app.domain.coverage import NOT_STARTED, PENDING, SIGNED_OFF, coverage_rate
from desktop_app.services import enterprises, metrics
from desktop_app.services.enterprises import signoff
from desktop_app.services.enterprises.titles import held_sql
from desktop_app.services.ledger import Ledger

TEMP_TABLE = "enterprise_coverage"
NO_HELPER = "（未结对）"

_TODAY = "date('now', 'localtime')"
_TITLES = ("(SELECT group_concat(x.title || CASE WHEN x.level <> '' THEN '（' || x.level || '）' ELSE '' END, '、') "
           "FROM (SELECT DISTINCT et.title, et.level FROM enterprise_titles et WHERE et.enterprise_id = t.id "
           f"AND {held_sql('et', _TODAY)}) x)")
_HELPERS = ("(SELECT group_concat(hp.helper_unit, '、') FROM helper_pairings hp "
            "WHERE hp.enterprise_id = t.id AND hp.deleted_at IS NULL)")
_STATE = f"COALESCE(cv.state, '{NOT_STARTED}')"
# Filters reach other tables through the enterprise's rowid, which every index of
# ``enterprises`` carries: an uncorrelated IN (…) is evaluated once, and the
# covering index answers the rest (no row fetch per enterprise on 100,000 rows).
_PAIRED = ("SELECT e.rowid FROM helper_pairings hp JOIN enterprises e ON e.id = hp.enterprise_id "
           "WHERE hp.deleted_at IS NULL")
_HOLDS = ("SELECT e.rowid FROM enterprise_titles et JOIN enterprises e ON e.id = et.enterprise_id "
          f"WHERE et.title = ? AND {held_sql('et', _TODAY)}")

_BASE = {c.key: c for c in enterprises.LIST.columns}  # the registry's own columns, as they are

LIST = ListSpec(
    table="enterprises",
    joins=f"LEFT JOIN units tw ON tw.id = t.township_id LEFT JOIN temp.{TEMP_TABLE} cv ON cv.rid = t.rowid",
    columns=(
        *(_BASE[k] for k in ("name", "uscc", "township", "industry", "above_scale")),
        Column("state", _STATE, sort_sql="cv.state"),  # NULL (未开展) < 已开展待核 < 已销号
        Column("titles", _TITLES, sort_sql="(SELECT MIN(et.title) FROM enterprise_titles et "
                                           "WHERE et.enterprise_id = t.id AND et.deleted_at IS NULL)"),
        Column("helpers", _HELPERS, sort_sql="(SELECT MIN(hp.helper_unit) FROM helper_pairings hp "
                                             "WHERE hp.enterprise_id = t.id AND hp.deleted_at IS NULL)"),
        *(_BASE[k] for k in ("legal_person", "contact", "phone")),
    ),
    filters=(
        *enterprises.LIST.filters,
        Filter("title", f"t.rowid IN ({_HOLDS})"),
        Filter("state", f"{_STATE} = ?"),
        Filter("helper", f"(? = '{NO_HELPER}' AND t.rowid NOT IN ({_PAIRED})) "
                         f"OR t.rowid IN ({_PAIRED} AND hp.helper_unit = ?)"),
    ),
    like_fields=("t.name",),
    fts_table="enterprises_fts",
    char_table="enterprise_name_chars",
    default_sort="name",
)


def prepare(ledger: Ledger, period: str | None, basis: metrics.Basis | None = None) -> dict[str, str]:
    """(Re)compute the coverage state of every enterprise for ``period`` on this connection;
    returns the states (enterprises not listed: 未开展) for the counts line."""
    conn = ledger.conn
    states = signoff.states(ledger, period, basis) if period else {}
    own = not conn.in_transaction  # one transaction on the temp database: 5,000 rows in a few ms
    if own:
        conn.execute("BEGIN")  # deferred: touches only temp, takes no lock on the ledger
    try:
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TEMP_TABLE} (rid INTEGER PRIMARY KEY, state TEXT)")
        conn.execute(f"DELETE FROM temp.{TEMP_TABLE}")
        conn.executemany(f"INSERT INTO temp.{TEMP_TABLE} SELECT rowid, ? FROM enterprises WHERE id = ?",
                         ((state, eid) for eid, state in states.items()))
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return states


@dataclass(frozen=True)
class Summary:
    """The counts line over the list: 规上 enterprises by state, for one period."""

    period: str
    above_scale: int
    signed_off: int
    pending: int
    not_started: int

    @property
    def rate(self) -> float:
        return coverage_rate(self.signed_off, self.above_scale)


def summary(ledger: Ledger, period: str, states: dict[str, str] | None = None) -> Summary:
    """Counted over the few enterprises that have a state, not the whole registry (100,000 rows)."""
    states = signoff.states(ledger, period) if states is None else states
    conn = ledger.conn
    total = conn.execute("SELECT COUNT(*) FROM enterprises WHERE deleted_at IS NULL AND above_scale = 1").fetchone()[0]
    keys, above = list(states), set()
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        above.update(r[0] for r in conn.execute(
            f"SELECT id FROM enterprises WHERE deleted_at IS NULL AND above_scale = 1 "
            f"AND id IN ({','.join('?' * len(chunk))})", chunk))
    counted = [state for eid, state in states.items() if eid in above]
    done, pending = counted.count(SIGNED_OFF), counted.count(PENDING)
    return Summary(period, total, done, pending, total - done - pending)


def periods(ledger: Ledger) -> list[str]:
    """Periods that have returns or decisions, newest first."""
    return [r[0] for r in ledger.conn.execute(
        "SELECT period FROM surveys WHERE deleted_at IS NULL UNION "
        "SELECT period FROM signoffs WHERE deleted_at IS NULL ORDER BY 1 DESC")]
