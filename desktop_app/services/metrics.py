"""Figures counted from the ledger itself, never typed.

One function per metric kind of ``resources/seeds/targets.toml``; targets,
the monthly brief and the coverage summary all count through here.
"""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.domain.coverage import (
    SurveyFacts,
    check_signoff,
    coverage_rate,
    money,
    rd_spending,
)
from desktop_app.services.enterprises import decisions
from desktop_app.services.enterprises.titles import held_sql, renewal_sql
from desktop_app.services.ledger import Ledger

LEVEL_RANK = {"国家级": 1, "省级": 2, "市级": 3, "县级": 4}


def period_end(period: str) -> date:
    y, m = map(int, period.split("-"))
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def enterprise_title_count(ledger: Ledger, title: str, *, level: str | None = None, at: date,
                           since_year: int | None = None) -> int:
    """Enterprises holding ``title`` on ``at`` (a title without valid_until holds for its year on)."""
    sql = ("SELECT COUNT(DISTINCT t.enterprise_id) FROM enterprise_titles t "
           "JOIN enterprises e ON e.id = t.enterprise_id AND e.deleted_at IS NULL "
           f"WHERE t.title = ? AND {held_sql('t', '?')}")
    params: list[Any] = [title, at.isoformat(), at.isoformat()]
    if level:
        sql += " AND t.level = ?"
        params.append(level)
    if since_year:  # 新认定 since that year: a renewal is not new (titles.renewal_sql, as on every form)
        sql += f" AND t.year >= ? AND NOT {renewal_sql('t')}"
        params.append(since_year)
    return ledger.conn.execute(sql, params).fetchone()[0]


def platform_count(ledger: Ledger, *, types: list[str] | None = None, min_level: str | None = None,
                   at: date, since_year: int | None = None) -> int:
    """Recognised platforms (已认定, approved on or before ``at``)."""
    sql = ("SELECT COUNT(*) FROM platforms WHERE deleted_at IS NULL AND status = '已认定' "
           "AND approved_on IS NOT NULL AND approved_on <= ?")
    params: list[Any] = [at.isoformat()]
    if types:
        sql += f" AND type IN ({','.join('?' * len(types))})"
        params.extend(types)
    if min_level:
        allowed = [lv for lv, rank in LEVEL_RANK.items() if rank <= LEVEL_RANK[min_level]]
        sql += f" AND level IN ({','.join('?' * len(allowed))})"
        params.extend(allowed)
    if since_year:
        sql += " AND approved_on >= ?"
        params.append(f"{since_year}-01-01")
    return ledger.conn.execute(sql, params).fetchone()[0]


def _talent_where(at: date, high_level: bool | None, since_year: int | None,
                  category: str | None) -> tuple[str, list[Any]]:
    """Talent in the pool on ``at``; a record without an introduction date counts as always there
    (locally trained people), except for "new since" counts, which need the date."""
    if since_year:
        sql = "deleted_at IS NULL AND intro_date IS NOT NULL AND intro_date <= ? AND intro_date >= ?"
        params: list[Any] = [at.isoformat(), f"{since_year}-01-01"]
    else:
        sql = "deleted_at IS NULL AND (intro_date IS NULL OR intro_date <= ?)"
        params = [at.isoformat()]
    if high_level is not None:
        sql += " AND high_level = ?"
        params.append(int(high_level))
    if category:
        sql += " AND category = ?"
        params.append(category)
    return sql, params


def talent_count(ledger: Ledger, *, at: date, high_level: bool | None = None, since_year: int | None = None,
                 category: str | None = None) -> int:
    where, params = _talent_where(at, high_level, since_year, category)
    return ledger.conn.execute(f"SELECT COUNT(*) FROM talent WHERE {where}", params).fetchone()[0]


TALENT_BREAKDOWNS = ("category", "intro_method", "industry")


def talent_breakdown(ledger: Ledger, by: str, *, at: date, high_level: bool | None = None,
                     since_year: int | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """Counts by ``by`` (and category): {(value, category): (people, of whom high-level)}."""
    if by not in TALENT_BREAKDOWNS:
        raise ValueError(by)
    where, params = _talent_where(at, high_level, since_year, None)
    rows = ledger.conn.execute(
        f"SELECT {by}, category, COUNT(*), SUM(high_level) FROM talent WHERE {where} GROUP BY 1, 2", params)
    return {(r[0] or "", r[1] or ""): (r[2], r[3] or 0) for r in rows}


_FACTS = (
    "s.other_activities, "
    "(SELECT COALESCE(SUM(count), 0) FROM survey_institutions i WHERE i.survey_id = s.id), "
    "(SELECT COALESCE(SUM(spending), 0) FROM survey_institutions i WHERE i.survey_id = s.id), "
    "(SELECT COUNT(*) FROM survey_projects p WHERE p.survey_id = s.id), "
    "(SELECT COALESCE(SUM(spending), 0) FROM survey_projects p WHERE p.survey_id = s.id), "
    "(SELECT COUNT(*) FROM evidence_files f WHERE f.owner_table = 'surveys' AND f.owner_id = s.id "
    "AND f.deleted_at IS NULL)")


def facts_rows(ledger: Ledger, columns: tuple[str, ...], where: str, params: list[Any],
               order: str = "") -> list[tuple[tuple, SurveyFacts]]:
    """The one survey-facts query: (``columns`` of ``surveys s``, the return's facts) per live return
    matching ``where``."""
    sql = f"SELECT {', '.join(columns)}, {_FACTS} FROM surveys s WHERE s.deleted_at IS NULL AND {where} {order}"
    n = len(columns)
    out = []
    for r in ledger.conn.execute(sql, params):
        other, n_inst, inst_sp, n_proj, proj_sp, n_ev = r[n:]
        out.append((tuple(r[:n]), SurveyFacts(
            institutions=n_inst, institution_spending=inst_sp, projects=n_proj, project_spending=proj_sp,
            other_activities=tuple(json.loads(other or "[]")), evidence_files=n_ev)))
    return out


def survey_facts(ledger: Ledger, period: str, enterprise_ids: list[str] | None = None) -> dict[str, SurveyFacts]:
    """The facts of every return of ``period``, keyed by enterprise id."""
    where, params = "s.period = ?", [period]
    if enterprise_ids is not None:
        where += f" AND s.enterprise_id IN ({','.join('?' * len(enterprise_ids))})"
        params.extend(enterprise_ids)
    return {cols[0]: facts for cols, facts in facts_rows(ledger, ("s.enterprise_id",), where, params)}


def signed_off_ids(ledger: Ledger, period: str) -> set[str]:
    """Enterprises whose 销号 decision in force for ``period`` is a confirmation."""
    return decisions.signed_off_ids(ledger, period)


def above_scale_ids(ledger: Ledger) -> list[str]:
    return [r[0] for r in ledger.conn.execute(
        "SELECT id FROM enterprises WHERE deleted_at IS NULL AND above_scale = 1")]


@dataclass(frozen=True)
class CoverageFigures:
    above_scale: int
    with_institution: int
    with_rd_activity: int
    with_other_activity: int
    signed_off: int
    rd_spending: float
    with_activity: int = 0  # any of the three kinds of activity (开展创新活动)

    @property
    def coverage_rate(self) -> float:
        return coverage_rate(self.signed_off, self.above_scale)

    @property
    def institution_share(self) -> float:
        return self.with_institution / self.above_scale if self.above_scale else 0.0


Basis = tuple[dict[str, SurveyFacts], set[str]]
"""A period's returns and sign-offs read once (survey_facts, signed_off_ids), for several counts."""


def coverage_basis(ledger: Ledger, period: str) -> Basis:
    return survey_facts(ledger, period), signed_off_ids(ledger, period)


def coverage(ledger: Ledger, period: str, enterprise_ids: list[str] | None = None, *,
             basis: Basis | None = None) -> CoverageFigures:
    """附件4 figures for the 规上 enterprises (or a subset, e.g. one township)."""
    ids = enterprise_ids if enterprise_ids is not None else above_scale_ids(ledger)
    if basis is not None:
        return _figures(ids, *basis)
    return _figures(ids, survey_facts(ledger, period, ids), signed_off_ids(ledger, period))


def _figures(ids: list[str], facts: dict[str, SurveyFacts], done: set[str]) -> CoverageFigures:
    checks = [check_signoff(facts.get(i)) for i in ids]
    return CoverageFigures(
        above_scale=len(ids),
        with_institution=sum(c.has_institution for c in checks),
        with_rd_activity=sum(c.has_rd_activity for c in checks),
        with_other_activity=sum(c.has_other_activity for c in checks),
        signed_off=sum(1 for i in ids if i in done),
        rd_spending=money(sum(rd_spending(facts.get(i)) for i in ids)),
        with_activity=sum(c.has_activity for c in checks))


GROUPINGS = {"township": "COALESCE(tw.name, '')", "industry": "e.industry",
             "county": "COALESCE(cty.name, own.name, '')"}  # at a city: the 县（市、区） the firm's returns came from


def coverage_groups(ledger: Ledger, period: str, by: str, *, basis: Basis | None = None) -> dict[str, CoverageFigures]:
    """附件4 figures of the 规上 enterprises grouped by township or industry ('' = not filled in).

    One pass over the period's returns, however many groups (the summary of
    5,000 enterprises must not run a query per township).
    """
    groups: dict[str, list[str]] = {}
    for eid, key in ledger.conn.execute(
            f"SELECT e.id, {GROUPINGS[by]} FROM enterprises e LEFT JOIN units tw ON tw.id = e.township_id "
            "LEFT JOIN units cty ON cty.id = tw.parent_id AND cty.level = 'county' "
            "LEFT JOIN units own ON own.id = e.unit_id AND own.level = 'county' "
            "WHERE e.deleted_at IS NULL AND e.above_scale = 1"):
        groups.setdefault(key or "", []).append(eid)
    facts, done = basis if basis is not None else coverage_basis(ledger, period)
    return {key: _figures(ids, facts, done) for key, ids in groups.items()}


def same_period_last_year(period: str) -> str:
    y, m = period.split("-")
    return f"{int(y) - 1:04d}-{m}"


def rd_spending_growth(ledger: Ledger, period: str) -> float | None:
    """R&D spending of the 规上 enterprises against the same period last year (None: no base)."""
    now = coverage(ledger, period).rd_spending
    before = coverage(ledger, same_period_last_year(period)).rd_spending
    return (now - before) / before if before else None


def metric_value(ledger: Ledger, metric: dict[str, Any], *, at: date, period: str | None = None) -> float | None:
    """The actual value of a target's metric (targets.toml); None when not countable."""
    kind = metric.get("kind", "manual")
    if kind == "enterprise_title_count":
        return enterprise_title_count(ledger, metric["title"], level=metric.get("level"), at=at,
                                      since_year=metric.get("since_year"))
    if kind == "platform_count":
        return platform_count(ledger, types=metric.get("types"), min_level=metric.get("min_level"), at=at,
                              since_year=metric.get("since_year"))
    if kind == "talent_count":
        return talent_count(ledger, at=at, high_level=metric.get("high_level"),
                            since_year=metric.get("since_year"), category=metric.get("category"))
    if kind in ("coverage_rate", "rd_institution_share", "rd_spending_growth"):
        if period is None:
            return None
        if kind == "rd_spending_growth":
            growth = rd_spending_growth(ledger, period)
            return None if growth is None else round(growth * 100, 2)
        figures = coverage(ledger, period)
        value = figures.coverage_rate if kind == "coverage_rate" else figures.institution_share
        return round(value * 100, 2)
    return None
