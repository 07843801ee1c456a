"""人才统计表 for a year: counts from ``services.metrics``, and the high-level list."""

from datetime import date
from typing import Any

from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.talent import (
    CountRow,
    HighLevelLine,
    by_category_form,
    by_industry_form,
    high_level_form,
)
from desktop_app.services import catalogs, metrics, talent
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec
from desktop_app.services.printing.furniture import furniture_for

UNFILLED = "未填写"


def count_rows(ledger: Ledger, by: str, parts_by: str, labels: list[str], parts: list[str],
               year: int) -> tuple[list[CountRow], list[str]]:
    """One row per ``labels`` value of ``by``, with ``parts_by`` values as columns (people at year end).

    ``by``/``parts_by`` are "category", "intro_method" or "industry"; metrics groups by (x, category).
    A blank value gets a 未填写 row or column when anyone has it.
    """
    at = date(year, 12, 31)
    grouped = metrics.talent_breakdown(ledger, by if by != "category" else parts_by, at=at)
    new = metrics.talent_breakdown(ledger, by if by != "category" else parts_by, at=at, since_year=year)

    def pick(counts, label: str, part: str | None) -> tuple[int, int]:
        total = high = 0
        for (value, category), (n, h) in counts.items():
            row_value, col_value = (category, value) if by == "category" else (value, category)
            if (row_value or UNFILLED) == label and (part is None or (col_value or UNFILLED) == part):
                total, high = total + n, high + h
        return total, high

    seen_rows = {(c if by == "category" else v) or UNFILLED for (v, c) in grouped}
    seen_cols = {(v if by == "category" else c) or UNFILLED for (v, c) in grouped}
    labels = labels + ([UNFILLED] if UNFILLED in seen_rows else [])
    parts = parts + ([UNFILLED] if UNFILLED in seen_cols else [])
    out = []
    for label in labels:
        total, high = pick(grouped, label, None)
        out.append(CountRow(label, total, high, pick(new, label, None)[0],
                            tuple(pick(grouped, label, p)[0] for p in parts)))
    return out, parts


def high_level_lines(ledger: Ledger, year: int, *, unmasked: bool = False) -> list[HighLevelLine]:
    rows = ledger.conn.execute(
        "SELECT t.name, t.gender, t.birth_year, t.education, t.prof_title, t.specialty, "
        "COALESCE(e.name, t.employer), t.high_level_tier, t.intro_method, t.intro_date, t.industry, t.id_number "
        "FROM talent t LEFT JOIN enterprises e ON e.id = t.enterprise_id WHERE t.deleted_at IS NULL "
        "AND t.high_level = 1 AND (t.intro_date IS NULL OR t.intro_date <= ?) ORDER BY t.intro_date, t.name",
        (f"{year}-12-31",)).fetchall()
    out = []
    for r in rows:
        id_number = r[11] if unmasked else talent.masked_id(r[11])
        out.append(HighLevelLine(*r[:9], r[9] or "", r[10], id_number))
    return out


def build(ledger: Ledger, params: dict[str, Any]):
    year = int(params["year"])
    reason = str(params.get("unmask_reason") or "").strip()
    furniture = furniture_for(ledger)
    kw = {"unit": ledger.unit.name, "year": year, "furniture": furniture}
    cats, methods, industries = catalogs.talent_categories(), catalogs.intro_methods(), catalogs.talent_industries()
    by_cat, method_cols = count_rows(ledger, "category", "intro_method", cats, methods, year)
    by_ind, cat_cols = count_rows(ledger, "industry", "category", industries, cats, year)
    lines = high_level_lines(ledger, year, unmasked=bool(reason))
    if reason:
        with ledger.write() as w:
            w.log("unmask", "talent", None, None, {"report": "talent", "year": year, "people": len(lines)}, reason)
    return [by_category_form(by_cat, method_cols, **kw), by_industry_form(by_ind, cat_cols, **kw),
            high_level_form(lines, masked=not reason, **kw)]


SPEC = ReportSpec(name="talent", title=QT_TRANSLATE_NOOP("i18n", "人才统计表"), build=build, params=("year",), order=50)
