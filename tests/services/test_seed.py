"""The built-in data reaches the ledger intact."""

import csv
from itertools import groupby

import pytest

from desktop_app.errors import UserError
from desktop_app.paths import resource
from desktop_app.services import demo, seed
from desktop_app.services.ledger import create_ledger


def csv_lines():
    with resource("seeds", "qinshui_tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_task_list_loaded_line_for_line(demo_ledger):
    lines = csv_lines()
    rows = demo_ledger.conn.execute(
        "SELECT kt.seq, kt.name, tk.name, dp.name, c.leader, c.section, c.handler "
        "FROM assignment_contacts c JOIN assignments a ON a.id = c.assignment_id "
        "JOIN tasks tk ON tk.id = a.task_id JOIN key_tasks kt ON kt.id = tk.key_task_id "
        "JOIN departments dp ON dp.id = a.department_id ORDER BY kt.seq, tk.seq, a.seq, c.seq").fetchall()
    expected = [(int(r["序号"]), r["重点任务"], r["具体任务"], r["责任单位"], r["责任领导"], r["责任科室"],
                 r["具体承办人"]) for r in lines]
    assert [tuple(r) for r in rows] == expected
    n_key = len({r["序号"] for r in lines})
    assert n_key == 9
    assert demo_ledger.conn.execute("SELECT COUNT(*) FROM key_tasks").fetchone()[0] == 9
    # the first unit under each task leads
    leads = demo_ledger.conn.execute(
        "SELECT COUNT(*) FROM assignments WHERE role = 'lead'").fetchone()[0]
    n_tasks = len({(r["序号"], r["具体任务"]) for r in lines})
    assert leads == n_tasks


def test_consecutive_lines_of_one_unit_form_one_assignment(demo_ledger):
    lines = csv_lines()
    groups = sum(1 for _ in groupby(lines, key=lambda r: (r["序号"], r["具体任务"], r["责任单位"])))
    assert demo_ledger.conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == groups < len(lines)


def test_builtin_is_idempotent_and_scoped(tmp_path):
    jiang = create_ledger(tmp_path / "j.sqlite3", unit_name="绛县", level="county", parent_name="运城市",
                          operator="x")
    first = seed.load_builtin(jiang)
    second = seed.load_builtin(jiang)
    assert first["task_lines"] == 0  # Qinshui's list belongs to Qinshui
    assert first["leading_groups"] == 1 and first["reward_policies"] == 10
    assert second == {"leading_groups": 0, "task_lines": 0, "targets": 0, "reward_policies": 0}
    name = jiang.conn.execute("SELECT name FROM leading_groups").fetchone()[0]
    assert "绛县" in name
    jiang.close()


def test_demo_has_two_months_of_progress_and_surveys(demo_ledger):
    periods = [r[0] for r in demo_ledger.conn.execute(
        "SELECT DISTINCT period FROM progress_entries ORDER BY period")]
    assert periods == list(demo.demo_periods())
    last_year = [f"{int(p[:4]) - 1}{p[4:]}" for p in periods]  # the 企业 step's growth base
    assert [r[0] for r in demo_ledger.conn.execute(
        "SELECT DISTINCT period FROM surveys ORDER BY period")] == last_year + periods
    named = {r[0] for r in demo_ledger.conn.execute("SELECT name FROM enterprises")}
    assert {"山西蓝焰煤层气集团有限责任公司", "沁和能源集团有限公司"} <= named
    assert demo_ledger.conn.execute("SELECT COUNT(*) FROM enterprises WHERE is_sample = 0").fetchone()[0] == 0


def test_demo_refill_refuses_a_real_ledger(ledger):
    ledger.close()
    with pytest.raises(UserError, match="不是演示台账"):
        demo.build_demo(ledger.path)


def test_demo_refill_is_repeatable(demo_file, tmp_path):
    import shutil

    path = tmp_path / "again.sqlite3"
    shutil.copy(demo_file, path)
    lg = demo.build_demo(path)
    assert lg.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0] == len(demo._spec()["enterprise"])
    lg.close()


def test_demo_periods_cross_year():
    from datetime import date

    assert demo.demo_periods(date(2026, 1, 15)) == ("2025-11", "2025-12")
    assert demo.demo_periods(date(2026, 2, 1)) == ("2025-12", "2026-01")
