"""整包汇总上报 bench: a 5,000-enterprise county's package to its city, and the city reading it.

Run from the worktree root: ``python bench/bench_upward.py [--enterprises 5000]``.
Goal (issue 11): export of a 5,000-enterprise package < 2 s. The county's first
package to the city carries every row it holds (nothing acknowledged yet); also
timed: the city importing it (every row new), and a second package imported
(every row compared, nothing changed), the city's 回执 and the county taking it, and the next
package after it (only what changed: 50 corrected firms), with the process's peak resident size after each step.
Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from make_ledger import ensure  # noqa: E402

from desktop_app.services import review, seed  # noqa: E402
from desktop_app.services.exchange import receipt, receive, submit  # noqa: E402
from desktop_app.services.ledger import create_ledger, open_ledger  # noqa: E402

PERIOD = "2026-11"


def _timed(fn):
    """Time, then the process's peak resident size so far (tracemalloc would slow the step it measures)."""
    t0 = time.perf_counter()
    out = fn()
    took = time.perf_counter() - t0
    return out, took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--enterprises", type=int, default=5000)
    n = p.parse_args().enterprises
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ensure(n, n // 2), work / "county.sqlite3")
        county = open_ledger(work / "county.sqlite3")
        city = create_ledger(work / "city.sqlite3", unit_name="晋城市", level="city", operator="bench")
        seed.load_builtin(city)
        try:
            for f in review.blocking(county, PERIOD):
                review.explain(county, f, "已电话核实企业财务负责人，情况属实，附说明材料")
            rows = sum(county.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone())
            for run in (1, 2):
                w, took, peak = _timed(lambda r=run: submit.export_submission(county, PERIOD, work / f"up_{r}.bsb"))
                print(f"{rows:,}-enterprise county → city, package {run}: {took:.2f} s, peak RSS {peak:.0f} MiB "
                      f"({sum(w.counts.values()):,} records, {w.path.stat().st_size / 1024:,.0f} KiB; goal < 2 s)")
            res, took, peak = _timed(lambda: receive.import_package(city, work / "up_1.bsb"))
            print(f"  city imports package 1: {took:.2f} s, peak RSS {peak:.0f} MiB (新增 {res.totals()[receive.NEW]:,})")
            res, took, peak = _timed(lambda: receive.import_package(city, work / "up_2.bsb"))
            t = res.totals()
            print(f"  city imports package 2: {took:.2f} s, peak RSS {peak:.0f} MiB "
                  f"(未变 {t[receive.UNCHANGED]:,}, 更新 {t[receive.CHANGED]}, 冲突 {t[receive.CONFLICT]})")
            w, took, peak = _timed(lambda: receipt.export_for(city, county.unit.name, work / "receipt.bsb"))
            print(f"  city writes its 回执: {took:.2f} s, peak RSS {peak:.0f} MiB "
                  f"({w.counts[receipt.ACCEPTED_TABLE]:,} rows, {w.path.stat().st_size / 1024:,.0f} KiB)")
            res, took, peak = _timed(lambda: receive.import_package(county, work / "receipt.bsb"))
            print(f"  county takes the 回执: {took:.2f} s, peak RSS {peak:.0f} MiB ({res.accepted:,} acknowledged)")
            firms = [r[0] for r in county.conn.execute("SELECT id FROM enterprises ORDER BY id LIMIT 50")]
            with county.write() as wr:
                for firm in firms:
                    wr.update("enterprises", firm, {"phone": "0356-9000009"})
            w, took, peak = _timed(lambda: submit.export_submission(county, PERIOD, work / "up_3.bsb"))
            print(f"  package 3 after the 回执 (50 firms corrected): {took:.2f} s, peak RSS {peak:.0f} MiB "
                  f"({sum(w.counts.values()):,} records, {w.path.stat().st_size / 1024:,.0f} KiB)")
            res, took, peak = _timed(lambda: receive.import_package(city, work / "up_3.bsb"))
            print(f"  city imports package 3: {took:.2f} s, peak RSS {peak:.0f} MiB (更新 {res.totals()[receive.CHANGED]})")
        finally:
            county.close()
            city.close()


if __name__ == "__main__":
    main()
