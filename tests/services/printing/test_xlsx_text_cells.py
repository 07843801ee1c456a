"""Text a clerk (or a hostile file) put in the ledger prints as text, never as a live formula."""

from datetime import date

from openpyxl import load_workbook

from desktop_app.services import printing
from tests.services.enterprises.helpers import add_enterprise, add_return, code

HOSTILE = ("=1+2", '=HYPERLINK("http://x.invalid","点我")', "=cmd|' /C calc'!A0", "+86 1300", "-负责人", "@SUM(A1)")


def _cells(path):
    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_text(path, wanted):
    cells = _cells(path)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert all(str(f).startswith("=SUM(") for f in formulas), formulas  # only our own totals
    found = {c.value: c for c in cells if c.value in wanted}
    assert set(found) == set(wanted), set(wanted) - set(found)
    for value, cell in found.items():
        assert cell.data_type == "s" and cell.quotePrefix, value


def test_talent_and_task_text_stays_text(demo_ledger, tmp_path):
    fmt = "xlsx"
    conn = demo_ledger.conn
    names = list(HOSTILE)
    tids = [r[0] for r in conn.execute("SELECT id FROM talent WHERE deleted_at IS NULL ORDER BY rowid LIMIT 2")]
    for tid, name in zip(tids, names[:2], strict=True):
        conn.execute("UPDATE talent SET name = ? WHERE id = ?", (name, tid))
    task = conn.execute("SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.execute("UPDATE tasks SET name = ? WHERE id = ?", (names[2], task))
    year = date.today().year
    _assert_text(printing.write_report(demo_ledger, "talent", fmt, tmp_path / "人才.xlsx", {"year": year}),
                 names[:2])
    _assert_text(printing.write_report(demo_ledger, "task-list", fmt, tmp_path / "清单.xlsx"), names[2:3])


def test_survey_form_cells_stay_text(ledger, tmp_path):
    eid = add_enterprise(ledger, 1, name=HOSTILE[1])
    add_return(ledger, eid, "2024-05", institutions=[{"name": HOSTILE[3], "approver": HOSTILE[5], "count": "1"}])
    out = printing.write_report(ledger, "survey", "xlsx", tmp_path / "调查表.xlsx",
                                {"period": "2024-05", "enterprise": code(1)})
    cells = _cells(out)
    assert not [c.value for c in cells if c.data_type == "f"]
    for text in (HOSTILE[1], HOSTILE[3], HOSTILE[5]):
        hits = [c for c in cells if text in str(c.value)]
        assert hits and all(c.data_type == "s" for c in hits), text
