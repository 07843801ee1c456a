"""The kill test, small: ten SIGKILLs during writes, a migration and restores lose nothing.

The full run (≥ 200 kills) is bench/bench_kill.py; figures in bench/RESULTS.md.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_kill.py"


@pytest.fixture(scope="module")
def bench_kill():
    spec = importlib.util.spec_from_file_location("bench_kill", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_kill"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_kill", None)


def test_ten_kills_lose_nothing_and_leave_nothing(bench_kill, tmp_path):
    f = bench_kill.run(tmp_path, writes=4, migrations=3, restores=3, size=1500, seed=5, echo=lambda *_: None)
    assert f.total_kills == 10
    assert f.errors == [] and f.lost == 0 and f.failed_open == 0 and f.integrity_bad == 0 and f.check_findings == 0
    assert f.committed > 10  # the children did write
    assert f.leftovers_after_kill > 0 and f.leftovers_after_open == 0  # the kills left locks/copies; opening cleaned them


def test_the_harness_sees_a_lost_write(bench_kill, tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_KILL_LIE", "1")  # the child reports writes that never happened
    path = bench_kill.base_ledger(tmp_path / "base.sqlite3", 10)
    child = bench_kill.Child("write", path)
    child.wait_for("ready")
    with child.seen:
        child.seen.wait_for(lambda: any(line.startswith("committed never") for line in child.lines), 20)
    lines = child.kill()
    f = bench_kill.Figures()
    ids = bench_kill.verify(path, f, "lie")
    bench_kill._lose(f, "lie", bench_kill._committed(lines) - ids)
    assert f.lost > 0 and "committed writes missing" in f.errors[-1]
    assert bench_kill._committed(lines) & ids  # the real writes are there
