"""下发 bench: packages for every reporting unit of the demo county, and one township's share of a big county.

Run from the worktree root: ``python bench/bench_distribution.py [--enterprises 5000]``.
Goals (issue 10): all units of the demo into one folder < 5 s; one township's
package of a 5,000-enterprise county < 2 s. Also timed: the township's ledger
made from that package (``init --from-package``) and a second distribution
imported into it (every row compared, nothing changed). Prints figures; it is
not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from make_ledger import ensure  # noqa: E402

from desktop_app.services.demo import build_demo  # noqa: E402
from desktop_app.services.exchange import distribute, lower_ledger, receive  # noqa: E402
from desktop_app.services.ledger import open_ledger  # noqa: E402


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def demo_all(work: Path) -> None:
    county = build_demo(work / "demo.sqlite3")
    try:
        for run in (1, 2):
            out = work / f"all_{run}"
            written, took = _timed(lambda o=out: distribute.export_all(county, o))
            size = sum(w.path.stat().st_size for w in written) / 1024
            print(f"demo, all {len(written)} units → one folder (run {run}): {took:.2f} s "
                  f"({size:,.0f} KiB in all; goal < 5 s)")
    finally:
        county.close()


def big_township(work: Path, n: int) -> None:
    source = ensure(n, n // 2)
    path = work / "big.sqlite3"
    shutil.copy(source, path)
    county = open_ledger(path)
    try:
        town, firms = county.conn.execute(
            "SELECT u.name, COUNT(e.id) FROM units u JOIN enterprises e ON e.township_id = u.id "
            "WHERE u.parent_id = ? GROUP BY u.id ORDER BY COUNT(e.id) DESC LIMIT 1", (county.unit.id,)).fetchone()
        for run in (1, 2):
            w, took = _timed(lambda r=run: distribute.export_for(county, town, work / f"{town}_{r}.bsb"))
            print(f"{n:,}-enterprise county, {town} ({firms:,} enterprises) package (run {run}): {took:.2f} s "
                  f"({w.path.stat().st_size / 1024:,.0f} KiB; goal < 2 s)")
        (lower, _), took = _timed(lambda: lower_ledger.create_from_package(
            work / f"{town}_1.bsb", work / "town.sqlite3", operator="bench"))
        print(f"  township ledger from the package: {took:.2f} s")
        result, took = _timed(lambda: receive.import_package(lower, work / f"{town}_2.bsb"))
        t = result.totals()
        print(f"  second distribution imported: {took:.2f} s "
              f"(未变 {t[receive.UNCHANGED]:,}, 更新 {t[receive.CHANGED]}, 冲突 {t[receive.CONFLICT]})")
        lower.close()
    finally:
        county.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--enterprises", type=int, default=5000)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo_all(work)
        big_township(work, a.enterprises)


if __name__ == "__main__":
    main()
