"""Targets: counted and typed actuals, scopes, the county's own targets."""

from datetime import date

import pytest

from desktop_app.domain.codes import uscc_check_char
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import enterprises, metrics, seed, targets


@pytest.fixture
def seeded(ledger):
    seed.load_builtin(ledger)
    return ledger


def _by_key(ledger, year, scope=None):
    keys = dict(ledger.conn.execute("SELECT id, seed_key FROM targets").fetchall())
    return {keys[r.id]: r for r in targets.rows(ledger, year, scope, include_baseline_only=True)}


def test_default_scope_is_the_ledgers_own(seeded):
    assert targets.default_scope(seeded) == "沁水县"
    assert targets.scopes(seeded)[:2] == ["沁水县", "晋城市"]
    rows = targets.rows(seeded, 2025)
    assert rows and {r.scope for r in rows} == {"沁水县"}
    assert len(targets.rows(seeded, 2025, "")) == 59          # every target with a value, all scopes
    assert len(targets.rows(seeded, 2025, "", include_baseline_only=True)) == 94


def test_counted_actual_comes_from_metrics(seeded):
    for i, year in enumerate((2021, 2023, 2024)):
        body = f"91140521MA0K3F2L{i}"
        eid = enterprises.save(seeded, {"name": f"高新企业{i}", "uscc": body + uscc_check_char(body)})
        seeded.conn.execute(
            "INSERT INTO enterprise_titles (id, unit_id, enterprise_id, title, year, valid_until, created_at, "
            "updated_at) VALUES (?, ?, ?, '高新技术企业', ?, ?, '', '')",
            (f"t{i}", seeded.unit.id, eid, year, f"{year + 2}-12-31"))
    row = _by_key(seeded, 2024)["002-high-tech-enterprises"]
    assert row.actual == metrics.enterprise_title_count(seeded, "高新技术企业", at=date(2024, 12, 31)) == 2
    assert row.counted and not row.typed and row.actual_source == "台账统计"
    assert row.required == pytest.approx(8 + 5 * 4 / 5)      # 8 (2020) → 13 (2025), four fifths of the way
    assert row.on_track is False and row.status == "滞后"
    assert row.completion == pytest.approx(2 / 13)


def test_other_governments_totals_are_typed_but_rates_are_counted(seeded):
    rows = _by_key(seeded, 2024, "")
    assert not rows["003-high-tech-enterprises"].counted          # 运城市's 300 高新 is not this county's count
    assert rows["003-high-tech-enterprises"].actual is None
    assert rows["004-innovation-activity-coverage"].counted       # a rate answers at every level
    assert targets.can_type_actual(rows["003-high-tech-enterprises"])
    assert not targets.can_type_actual(rows["002-high-tech-enterprises"])


def test_typed_actual_with_source_note(seeded):
    rd = _by_key(seeded, 2024)["002-rd-intensity"]
    with pytest.raises(ValidationError, match="请填写数据来源"):
        targets.set_actual(seeded, rd.id, {"year": 2024, "value": "1.7", "source_note": ""})
    with pytest.raises(ValidationError, match="实际值应为数字"):
        targets.set_actual(seeded, rd.id, {"year": 2024, "value": "约1.7", "source_note": "统计局"})
    with pytest.raises(ValidationError, match="还未到"):
        targets.set_actual(seeded, rd.id, {"year": date.today().year + 1, "value": "1.7", "source_note": "统计局"})
    high_tech = _by_key(seeded, 2024)["002-high-tech-enterprises"]
    with pytest.raises(ValidationError, match="由台账自动统计"):
        targets.set_actual(seeded, high_tech.id, {"year": 2024, "value": "9", "source_note": "统计局"})
    targets.set_actual(seeded, rd.id, {"year": 2024, "value": "1.74", "source_note": "县统计局快报"})
    targets.set_actual(seeded, rd.id, {"year": 2024, "value": "1.83", "source_note": "县统计局年报"})
    row = _by_key(seeded, 2024)["002-rd-intensity"]
    assert (row.actual, row.actual_source, row.typed) == (1.83, "县统计局年报", True)
    assert row.required == pytest.approx(1.58 + 0.30 * 4 / 5) and row.on_track is True
    assert _by_key(seeded, 2023)["002-rd-intensity"].actual is None
    targets.clear_actual(seeded, rd.id, 2024)
    assert _by_key(seeded, 2024)["002-rd-intensity"].actual is None


def test_annual_target_from_the_seed(seeded):
    row = _by_key(seeded, 2023)["002-farmer-training"]
    assert row.plan.annual and row.required == 1000


def test_county_adds_edits_and_deletes_its_own_target(seeded):
    with pytest.raises(ValidationError, match="请至少填写一个年度目标值"):
        targets.save_target(seeded, {"indicator": "科技特派员人数"}, [])
    with pytest.raises(ValidationError, match="目标年份 2026 重复"):
        targets.save_target(seeded, {"indicator": "科技特派员人数"}, [(2026, 5), ("2026", "6")])
    with pytest.raises(ValidationError, match="基线年份和基线值须同时填写"):
        targets.save_target(seeded, {"indicator": "科技特派员人数", "baseline_year": 2024}, [(2026, 5)])
    with pytest.raises(ValidationError, match="应晚于基线年份"):
        targets.save_target(seeded, {"indicator": "高层次人才", "baseline_year": 2026, "baseline_value": 1},
                            [(2025, 5)])
    tid = targets.save_target(seeded, {"indicator": "高层次人才数", "measure_unit": "名", "metric": "talent:high",
                                       "baseline_year": 2024, "baseline_value": "2"}, [(2026, "6")])
    got = targets.get_target(seeded, tid)
    assert got["metric"] == "talent:high" and got["milestones"] == [(2026, 6.0)] and got["scope"] == "沁水县"
    row = targets.row(seeded, tid, 2025)
    assert row.custom and row.counted and row.required == pytest.approx(4) and row.document == "本级自定目标"
    targets.save_target(seeded, {**got, "indicator": "引进高层次人才数"}, [(2026, 8)], tid)
    assert targets.row(seeded, tid, 2026).target.value == 8
    builtin = _by_key(seeded, 2024)["002-rd-intensity"].id
    with pytest.raises(UserError, match="不能修改"):
        targets.save_target(seeded, {"indicator": "改"}, [(2025, 2)], builtin)
    with pytest.raises(UserError, match="不能删除"):
        targets.delete_target(seeded, builtin)
    targets.delete_target(seeded, tid)
    with pytest.raises(UserError, match="不存在"):
        targets.row(seeded, tid, 2025)


def test_series_for_the_chart(seeded):
    rd = _by_key(seeded, 2024)["002-rd-intensity"]
    targets.set_actual(seeded, rd.id, {"year": 2023, "value": "1.70", "source_note": "快报"})
    points = targets.series(seeded, rd.id, today=date(2026, 6, 1))
    assert [p[0] for p in points] == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert points[0][1] == pytest.approx(1.58) and points[-2][1] == pytest.approx(1.88)
    assert points[3][2] == 1.70 and points[4][2] is None


def test_a_tasks_target_is_listed_but_edited_with_its_task(seeded):
    from desktop_app.services.tasks import task_targets

    task = seeded.conn.execute("SELECT id FROM tasks WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    tid = task_targets.save(seeded, task, {"indicator": "新增省级工程技术研究中心", "measure_unit": "家",
                                           "year_values": "2026:2", "kind": "platform_count",
                                           "platform_type": "工程技术研究中心", "level": "省级"})
    row = targets.row(seeded, tid, 2026)
    assert row.task_id == task and not row.custom and row.counted
    assert row in targets.rows(seeded, 2026)
    with pytest.raises(UserError, match="请在“任务”页签中该任务下修改"):
        targets.save_target(seeded, {"indicator": "改"}, [(2026, 3)], tid)
    with pytest.raises(UserError, match="请在“任务”页签中该任务下修改"):
        targets.delete_target(seeded, tid)
