"""What one write costs the open window: each view refreshes once, only if it shows what changed."""

from desktop_app.services.enterprises import surveys


def _trace(conn):
    """Statements run on ``conn``, split at the write's COMMIT: (save, refresh)."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    return seen


def _split(seen):
    commit = max(i for i, s in enumerate(seen) if s.strip().upper().startswith(("COMMIT", "RELEASE")))
    return seen[:commit + 1], seen[commit + 1:]


def _open_enterprise(window):
    tab = window.tab_widgets["enterprises"]
    window.tabs.setCurrentWidget(tab)
    state = tab.model.keys.index("state")  # one not yet surveyed (the list's order is by pinyin)
    tab.view.selectRow(next(r for r in range(tab.model.rowCount())
                            if tab.model.data(tab.model.index(r, state)) == "未开展"))
    eid = tab.current_id()
    assert eid and tab.page.name.text()
    return tab, eid


def test_one_survey_save_costs_the_refresh_no_more_than_the_save(demo_window):
    tab, eid = _open_enterprise(demo_window)
    period = tab.period
    old = surveys.find_id(tab.ledger, eid, period)
    values = {"period": period, "other_activities": [4], "filled_by": "王会计"}
    seen = _trace(tab.ledger.conn)
    try:
        surveys.save(tab.ledger, eid, values, old)
    finally:
        tab.ledger.conn.set_trace_callback(None)
    save, refresh = _split(seen)
    assert refresh, "the window did not hear the change"
    assert len(refresh) <= len(save), (len(save), len(refresh), refresh)
    assert "已开展" in tab.page.state.text()  # and what the clerk sees did move


def test_a_talent_save_does_not_touch_the_enterprise_or_task_views(demo_window):
    from desktop_app.services import talent

    tab, _eid = _open_enterprise(demo_window)
    demo_window.tab_widgets["tasks"]  # built, as after the clerk looked at it
    tid = tab.ledger.conn.execute("SELECT id FROM talent WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    record = talent.get(tab.ledger, tid)
    seen = _trace(tab.ledger.conn)
    try:
        talent.save(tab.ledger, {**record, "note": "已核实"}, tid)
    finally:
        tab.ledger.conn.set_trace_callback(None)
    _save, refresh = _split(seen)
    read = " ".join(refresh)
    assert "survey" not in read and "key_tasks" not in read and "signoff" not in read
