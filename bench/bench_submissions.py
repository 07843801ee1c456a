"""上报 bench: a county importing the month's packages of many townships, and one big package out.

Run from the worktree root: ``python bench/bench_submissions.py [--townships 100] [--firms 200]``.
Setup (not timed): the demo county gets N more townships of F generated enterprises each; each township's
ledger is made from its distribution, then its clerk enters a survey return for every firm (through the
service, as the window does) with one evidence file each. Timed: each township's 报送包 for the month,
and the county importing all of them (goal < 10 s for 100 × 200, memory flat). Prints figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.records import new_id, now  # noqa: E402
from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import catalogs  # noqa: E402
from desktop_app.services.demo import build_demo  # noqa: E402
from desktop_app.services.enterprises import surveys  # noqa: E402
from desktop_app.services.exchange import distribute, lower_ledger, receive, submit  # noqa: E402

PERIOD = "2026-11"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def grow_county(county, towns: int, firms: int) -> list[str]:
    conn, stamp, names = county.conn, now(), []
    industry = catalogs.industries()[0]
    with county.write():
        for t in range(towns):
            name = f"测试{t:03d}镇"
            uid = new_id()
            conn.execute("INSERT INTO units (id, name, level, parent_id, seq, unit_id, created_at, updated_at, reports) "
                         "VALUES (?, ?, 'township', ?, ?, ?, ?, ?, 'enterprises,talent,platforms')",
                         (uid, name, county.unit.id, 100 + t, uid, stamp, stamp))
            rows = []
            for f in range(firms):
                body = f"91140521MB{t:03X}{f:04X}"[:17]
                rows.append((new_id(), county.unit.id, f"{name}测试{f:03d}有限公司", body + uscc_check_char(body), uid,
                             industry, 1, stamp, stamp))
            conn.executemany("INSERT INTO enterprises (id, unit_id, name, uscc, township_id, industry, above_scale, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            names.append(name)
    return names


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--townships", type=int, default=100)
    p.add_argument("--firms", type=int, default=200)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        county = build_demo(work / "county.sqlite3")
        names = grow_county(county, a.townships, a.firms)
        scan = work / "研发费用辅助账.pdf"
        scan.write_bytes(b"%PDF-1.4 " + b"x" * 50_000)
        packages, export_times = [], []
        for name in names:
            pkg = distribute.export_for(county, name, work / f"{name}.bsb").path
            town, _ = lower_ledger.create_from_package(pkg, work / f"{name}.sqlite3", operator="填报员")
            for (firm,) in town.conn.execute("SELECT id FROM enterprises").fetchall():
                surveys.save(town, firm, {"period": PERIOD, "filled_by": "填报员", "innovation_input": "研发投入 80 万元",
                                          "institutions": [{"name": "企业技术中心", "count": 1, "staff": 12,
                                                            "spending": 80}]}, new_files=[scan])
            t1 = time.perf_counter()
            packages.append(submit.export_submission(town, PERIOD, work / f"{name}_up.bsb"))
            export_times.append(time.perf_counter() - t1)
            town.close()
        print(f"setup ({a.townships} townships × {a.firms} firms, a return and a file each): "
              f"{time.perf_counter() - t0:.0f} s")
        size = sum(w.path.stat().st_size for w in packages) / 2**20
        print(f"报送包 per township: {sum(export_times) / len(export_times):.2f} s on average, "
              f"slowest {max(export_times):.2f} s ({size / len(packages):.1f} MiB each)")
        rss = [_rss_mib()]
        t1 = time.perf_counter()
        rows = 0
        for n, w in enumerate(packages, start=1):
            rows += sum(receive.import_package(county, w.path).totals().values())
            if n in {1, max(len(packages) // 2, 1), len(packages)}:
                rss.append(_rss_mib())
        took = time.perf_counter() - t1
        print(f"county imports {len(packages)} packages ({rows:,} records, {size:.0f} MiB): {took:.1f} s "
              f"(goal < 10 s); peak RSS before, after the first, half, all: {' → '.join(f'{r:.0f}' for r in rss)} MiB")
        county.close()


if __name__ == "__main__":
    main()
