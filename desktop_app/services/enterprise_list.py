"""The 企业 tab's list: the registry with coverage state, titles and helpers, for one period.

The coverage state comes from the 销号 rule (``domain.coverage``), which is
Python, not SQL; ``prepare`` evaluates it for the chosen period into a
temporary table on the ledger's connection that the list joins, so
filtering and sorting by state stay in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.listing import Column, Filter, ListSpec
from desktop_app.domain.codes import mask_phone
from desktop_app.domain.coverage import NOT_STARTED, PENDING, SIGNED_OFF
from desktop_app.i18n import tr
from desktop_app.services import metrics, signoff
from desktop_app.services.ledger import Ledger

TEMP_TABLE = "enterprise_coverage"
NO_HELPER = "（未结对）"

_TODAY = "date('now', 'localtime')"
_TITLES = ("(SELECT group_concat(x.title || CASE WHEN x.level <> '' THEN '（' || x.level || '）' ELSE '' END, '、') "
           "FROM (SELECT DISTINCT et.title, et.level FROM enterprise_titles et WHERE et.enterprise_id = t.id "
           f"AND et.deleted_at IS NULL AND (et.valid_until IS NULL OR et.valid_until >= {_TODAY})) x)")
_HELPERS = ("(SELECT group_concat(hp.helper_unit, '、') FROM helper_pairings hp "
            "WHERE hp.enterprise_id = t.id AND hp.deleted_at IS NULL)")
_STATE = f"COALESCE(cv.state, '{NOT_STARTED}')"

LIST = ListSpec(
    table="enterprises",
    joins=f"LEFT JOIN units tw ON tw.id = t.township_id LEFT JOIN temp.{TEMP_TABLE} cv ON cv.enterprise_id = t.id",
    columns=(
        Column("name", "t.name", sort_sql="t.name, t.uscc", sort_unique=True),
        Column("uscc", "t.uscc", sort_unique=True),
        Column("township", "tw.name"),
        Column("industry", "t.industry"),
        Column("above_scale", "t.above_scale", fmt=lambda v: tr("是") if v else tr("否")),
        Column("state", _STATE),
        Column("titles", _TITLES),
        Column("helpers", _HELPERS),
        Column("legal_person", "t.legal_person"),
        Column("contact", "t.contact"),
        Column("phone", "t.phone", fmt=mask_phone),
    ),
    filters=(
        Filter("township_id", "t.township_id = ?"),
        Filter("industry", "t.industry = ?"),
        Filter("above_scale", "t.above_scale = ?"),
        Filter("title", "EXISTS (SELECT 1 FROM enterprise_titles et WHERE et.enterprise_id = t.id "
                        f"AND et.deleted_at IS NULL AND et.title = ? AND (et.valid_until IS NULL OR et.valid_until >= {_TODAY}))"),
        Filter("state", f"{_STATE} = ?"),
        Filter("helper", f"(? = '{NO_HELPER}' AND NOT EXISTS (SELECT 1 FROM helper_pairings hp WHERE "
                         "hp.enterprise_id = t.id AND hp.deleted_at IS NULL)) OR EXISTS (SELECT 1 FROM "
                         "helper_pairings hp WHERE hp.enterprise_id = t.id AND hp.deleted_at IS NULL "
                         "AND hp.helper_unit = ?)"),
    ),
    like_fields=("t.name",),
    fts_table="enterprises_fts",
    default_sort="name",
)


def prepare(ledger: Ledger, period: str | None) -> None:
    """(Re)compute the coverage state of every enterprise for ``period`` on this connection."""
    conn = ledger.conn
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TEMP_TABLE} (enterprise_id TEXT PRIMARY KEY, state TEXT)")
    conn.execute(f"DELETE FROM temp.{TEMP_TABLE}")
    if period:
        conn.executemany(f"INSERT INTO temp.{TEMP_TABLE} VALUES (?, ?)", signoff.states(ledger, period).items())


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
        return self.signed_off / self.above_scale if self.above_scale else 0.0


def summary(ledger: Ledger, period: str) -> Summary:
    ids = metrics.above_scale_ids(ledger)
    states = signoff.states(ledger, period)
    counted = [states.get(i, NOT_STARTED) for i in ids]
    return Summary(period, len(ids), counted.count(SIGNED_OFF), counted.count(PENDING), counted.count(NOT_STARTED))


def periods(ledger: Ledger) -> list[str]:
    """Periods that have returns or decisions, newest first."""
    return [r[0] for r in ledger.conn.execute(
        "SELECT period FROM surveys WHERE deleted_at IS NULL UNION "
        "SELECT period FROM signoffs WHERE deleted_at IS NULL ORDER BY 1 DESC")]
