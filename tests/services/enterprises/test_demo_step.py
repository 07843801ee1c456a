"""The demo's 企业 sample shows every part of the tab and the forms something real."""

from datetime import date

from desktop_app.services import metrics
from desktop_app.services.demo import demo_periods
from desktop_app.services.enterprises import enterprise_list, signoff
from desktop_app.services.printing import coverage_summary


def test_demo_sample(demo_ledger):
    older, latest = demo_periods()
    conn = demo_ledger.conn
    assert conn.execute("SELECT COUNT(*) FROM helper_pairings").fetchone()[0] >= 15
    # evidence is shared by content: fewer blobs than attachments
    files, blobs = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("evidence_files", "file_blobs"))
    assert files > blobs > 10
    decisions = {r[0] for r in conn.execute("SELECT decision FROM signoffs")}
    assert decisions == {"confirmed", "rejected", "revoked"}
    s = enterprise_list.summary(demo_ledger, latest)
    assert s.signed_off > 0 and s.pending > 0 and s.not_started > 0
    # an enterprise sent back and then confirmed keeps both decisions
    hist = [len(signoff.history(demo_ledger, eid)) for (eid,) in conn.execute("SELECT DISTINCT enterprise_id FROM signoffs")]
    assert max(hist) == 2
    assert metrics.rd_spending_growth(demo_ledger, latest) > 0
    growth_note = coverage_summary.summaries(demo_ledger, latest)[0].target_notes[0]
    assert "本期为" in growth_note
    assert conn.execute("SELECT COUNT(*) FROM enterprise_titles WHERE issued_on > ?",
                        (date.today().isoformat(),)).fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM enterprise_titles WHERE recertified = 1").fetchone()[0] >= 1
