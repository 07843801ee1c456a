"""Every place a period is typed gives the same answer (``domain.periods``)."""

from datetime import date

import pytest

from desktop_app.domain import periods as rule
from desktop_app.errors import UserError
from desktop_app.services import periods, printing
from desktop_app.services.enterprises import surveys
from desktop_app.services.tasks import progress
from tests.test_cli import cli

INPUTS = ["2026-01", "2026-1", "2026/01", "2026.1", "2026年1月", "202601", "2026-13", "26-1", "", "2999-01"]


def _answer(fn, text):
    try:
        return fn(text)
    except (UserError, rule.PeriodError) as exc:
        return ("refused", str(exc))


CALL_SITES = {
    "survey": surveys.clean_period,
    "report": printing.check_period,
    "progress": lambda t: progress.check_period(t, today=date.today()),
    "form field": periods.check_period,
}


@pytest.mark.parametrize("text", INPUTS)
@pytest.mark.parametrize("site", list(CALL_SITES))
def test_same_text_same_answer_everywhere(site, text):
    assert _answer(CALL_SITES[site], text) == _answer(rule.check_period, text)


def test_accepted_forms_mean_january():
    assert {_answer(rule.check_period, t) for t in INPUTS[:6]} == {"2026-01"}


def test_cli_report_takes_the_same_forms(demo_ledger, tmp_path):
    db = demo_ledger.path
    demo_ledger.close()
    out = tmp_path / "brief.pdf"
    r = cli("report", "task-progress", "--format", "xlsx", "--out", out, "--period", "2026/1", db=db)
    assert r.returncode == 0, r.stderr
    r = cli("report", "task-progress", "--format", "xlsx", "--out", out, "--period", "2026-13", db=db)
    assert r.returncode == 2
    assert "报送期“2026-13”格式不对" in r.stderr


def test_default_period_reads_every_kind_of_data(ledger):
    today = date(2026, 3, 15)
    assert periods.default_period(ledger, today) == "2026-02"
    spec = next(s for s in printing.registry().values() if "period" in s.params)
    assert printing.resolve_params(ledger, spec, {})["period"] == rule.default_period()


def test_latest_period_counts_returns_progress_and_decisions(demo_ledger):
    conn = demo_ledger.conn
    newest = max(conn.execute(f"SELECT MAX(period) FROM {t} WHERE deleted_at IS NULL").fetchone()[0] or ""
                 for t in ("surveys", "progress_entries", "signoffs"))
    assert periods.latest_period(demo_ledger) == newest
    assert periods.default_period(demo_ledger) == rule.default_period(None, newest)
