"""Enterprises bench (issue 4): 5,000 enterprises with returns.

    python bench/bench_enterprises.py

Builds (once) a ledger of 5,000 规上 enterprises over the demo's townships,
each with this period's return (institutions, projects, ticks, evidence on
most) and last year's, and county decisions on a third; then times the 附件4
coverage summary to PDF and XLSX (goal < 3 s each), the 企业 tab's list
preparation, and a batch of 1,000 附件3 survey forms into one PDF (goal
< 30 s, memory flat: 200 and 1,000 forms are printed in fresh processes and
their peak RSS compared). Prints figures; it is not a test.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_reports import timed  # noqa: E402  (first run, best run)

from db.records import new_id, now  # noqa: E402
from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import catalogs  # noqa: E402
from desktop_app.services.demo import build_demo  # noqa: E402

DATA = ROOT / "bench" / "data"
N = 5000
PERIOD, LAST_YEAR = "2025-10", "2024-10"
CHILD_BATCH = """
import sys, time
sys.path.insert(0, sys.argv[1])
from desktop_app.services import printing
from desktop_app.services.ledger import open_ledger
import desktop_app.services.printing.survey as sv
ledger = open_ledger(sys.argv[2])
n, out = int(sys.argv[3]), sys.argv[4]
rows = sv.batch_rows(ledger, sys.argv[5], None)[:n]   # the first n of the county's batch
sv.batch_rows = lambda *a, **k: rows
def status(key):  # ru_maxrss survives exec on Linux (it would report the parent's); VmHWM does not
    line = next(ln for ln in open("/proc/self/status") if ln.startswith(key))
    return int(line.split()[1]) / 1024
before = status("VmRSS")
t = time.perf_counter()
printing.write_report(ledger, "survey", "pdf", out, {"period": sys.argv[5]}, batch=True)
print(time.perf_counter() - t, before, status("VmHWM"))
"""


CHILD_TAB = """
import sys, time
sys.path.insert(0, sys.argv[1])
from ui.app import make_app
from desktop_app.services.ledger import open_ledger
from ui.enterprises.tab import EnterprisesTab
app = make_app()
ledger = open_ledger(sys.argv[2])
t = time.perf_counter()
tab = EnterprisesTab(ledger)
tab.resize(1280, 800)
tab.show()
app.processEvents()
built = time.perf_counter() - t
tab.set_period(sys.argv[3])
tab.view.selectRow(3)
app.processEvents()
runs = []
for _ in range(3):
    t = time.perf_counter()
    tab.refresh()
    app.processEvents()
    runs.append(time.perf_counter() - t)
t = time.perf_counter()
tab.coverage.refresh()
print(built, min(runs), time.perf_counter() - t)
"""


def build(path: Path) -> None:
    rng = random.Random(4)
    if path.exists():
        path.unlink()
    ledger = build_demo(path)
    conn, unit, stamp = ledger.conn, ledger.unit.id, now()
    towns = [r[0] for r in conn.execute("SELECT id FROM units WHERE level IN ('township', 'zone')")]
    industries = catalogs.industries()
    blob = b"%PDF-1.4 bench evidence"
    conn.execute("BEGIN")
    conn.execute("INSERT OR IGNORE INTO file_blobs (sha256, size, data) VALUES ('bench', ?, ?)", (len(blob), blob))
    ents, surveys, insts, projs, files, decisions = [], [], [], [], [], []
    for i in range(N):
        body = f"91140521MA{i:07X}".replace("I", "J").replace("O", "P")[:17]
        eid = new_id()
        ents.append((eid, unit, f"沁水县测试{i:04d}号工业有限公司", body + uscc_check_char(body), rng.choice(towns),
                     rng.choice(industries), 1, stamp, stamp, 1))
        for period, scale in ((PERIOD, 1.0), (LAST_YEAR, 0.9)):
            sid = new_id()
            surveys.append((sid, unit, eid, period, "年度研发投入按计划执行", "研发人员稳定",
                            json.dumps(sorted(rng.sample(range(1, 15), rng.randint(0, 3)))), stamp, stamp))
            for k in range(rng.choice((0, 1, 1, 2))):
                insts.append((new_id(), sid, k + 1, f"第{k + 1}研发中心", "企业自建", "工艺技术", 1,
                              rng.randint(3, 30), round(rng.uniform(10, 500) * scale, 2), round(rng.uniform(50, 900), 2)))
            for k in range(rng.choice((0, 1, 2))):
                projs.append((new_id(), sid, k + 1, f"关键技术研发项目{k + 1}", "企业自立", rng.randint(2, 12),
                              round(rng.uniform(5, 200) * scale, 2), round(rng.uniform(0, 80), 2)))
            if period == PERIOD and i % 4:
                files.append((new_id(), unit, "surveys", sid, "研发费用辅助账.pdf", "bench", len(blob), stamp, stamp))
                if i % 3 == 0:
                    decisions.append((new_id(), unit, eid, sid, PERIOD, "confirmed", "{}", "符合销号条件", "bench",
                                      stamp, stamp, stamp))
    conn.executemany("INSERT INTO enterprises (id, unit_id, name, uscc, township_id, industry, above_scale, "
                     "created_at, updated_at, is_sample) VALUES (?,?,?,?,?,?,?,?,?,?)", ents)
    conn.executemany("INSERT INTO surveys (id, unit_id, enterprise_id, period, innovation_input, innovation_talent, "
                     "other_activities, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", surveys)
    conn.executemany("INSERT INTO survey_institutions (id, survey_id, seq, name, approver, field, count, staff, "
                     "spending, equipment_value) VALUES (?,?,?,?,?,?,?,?,?,?)", insts)
    conn.executemany("INSERT INTO survey_projects (id, survey_id, seq, name, source_doc, staff, spending, assets) "
                     "VALUES (?,?,?,?,?,?,?,?)", projs)
    conn.executemany("INSERT INTO evidence_files (id, unit_id, owner_table, owner_id, file_name, sha256, size, "
                     "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", files)
    conn.executemany("INSERT INTO signoffs (id, unit_id, enterprise_id, survey_id, period, decision, conditions, "
                     "reason, decided_by, decided_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     decisions)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    ledger.close()


def big_list_filters() -> None:
    """The tab's list filters on the skeleton bench's 100,000-enterprise ledger (bench/make_ledger.py)."""
    import statistics

    from make_ledger import ensure

    from desktop_app.services.enterprises import enterprise_list
    from desktop_app.services.ledger import open_ledger
    from desktop_app.services.listing import ListQuery, ListSource

    ledger = open_ledger(ensure())
    period = enterprise_list.periods(ledger)[0]
    t = time.perf_counter()
    enterprise_list.prepare(ledger, period)
    print(f"100k ledger: prepare {(time.perf_counter() - t) * 1000:.0f} ms")
    src = ListSource(ledger, enterprise_list.LIST)
    town = ledger.conn.execute("SELECT id FROM units WHERE level = 'township' ORDER BY seq LIMIT 1").fetchone()[0]
    for label, q in (("no filter, by name", ListQuery()), ("search 煤层气", ListQuery(search="煤层气")),
                     ("state 未开展", ListQuery(filters={"state": "未开展"})),
                     ("helper （未结对）", ListQuery(filters={"helper": enterprise_list.NO_HELPER})),
                     ("title 高新技术企业", ListQuery(filters={"title": "高新技术企业"})),
                     ("township + 规上 + state", ListQuery(filters={"township_id": town, "above_scale": 1,
                                                                   "state": "未开展"}))):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            ids = src.rowids(q)
            src.rows(ids[:200])
            times.append((time.perf_counter() - t) * 1000)
        print(f"100k ledger, 企业 tab list: {label} ({len(ids):,} rows) + first page: "
              f"{statistics.median(times):.0f} ms")
    ledger.close()


def main() -> None:
    from desktop_app.reports import fonts
    from desktop_app.services import printing
    from desktop_app.services.enterprises import enterprise_list
    from desktop_app.services.ledger import open_ledger
    from desktop_app.services.listing import ListQuery, ListSource

    DATA.mkdir(exist_ok=True)
    path = DATA / f"enterprises_{N}.sqlite3"
    if not path.exists():
        t = time.perf_counter()
        build(path)
        print(f"built {path.name} in {time.perf_counter() - t:.1f} s")
    print(f"python {platform.python_version()} on {platform.platform()}")
    fonts.ensure_fonts()
    ledger = open_ledger(path)
    n_ret = ledger.conn.execute("SELECT COUNT(*) FROM surveys WHERE period = ?", (PERIOD,)).fetchone()[0]
    print(f"ledger: {N:,} enterprises, {n_ret:,} returns in {PERIOD} (+ last year's)")
    out = Path(tempfile.mkdtemp(prefix="bench-ent-"))
    for fmt in ("pdf", "xlsx"):
        first, best = timed(lambda f=fmt: printing.write_report(ledger, "coverage-summary", f, out / f"s.{f}",
                                                                {"period": PERIOD}))
        print(f"coverage summary → {fmt.upper()}: first {first:.2f} s, best of 3 {best:.2f} s  [goal < 3 s]")
    first, best = timed(lambda: enterprise_list.prepare(ledger, PERIOD))
    print(f"企业 tab: coverage states for the list (prepare): best {best * 1000:.0f} ms")
    src = ListSource(ledger, enterprise_list.LIST)
    first, best = timed(lambda: src.rows(src.rowids(ListQuery(filters={"state": "已开展待核"}))[:200]))
    print(f"企业 tab: state filter + first page: best {best * 1000:.0f} ms")
    ledger.close()
    r = subprocess.run([sys.executable, "-c", CHILD_TAB, str(ROOT), str(path), PERIOD], capture_output=True,
                       text=True, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    build_s, refresh_s, cover_s = map(float, r.stdout.split()[-3:])
    print(f"企业 tab (offscreen): built and shown {build_s:.2f} s; refresh after a save {refresh_s:.2f} s; "
          f"coverage tables recounted {cover_s:.2f} s")
    big_list_filters()
    for n in (200, 1000):
        r = subprocess.run([sys.executable, "-c", CHILD_BATCH, str(ROOT), str(path), str(n), str(out / f"b{n}.pdf"),
                            PERIOD], capture_output=True, text=True, check=True)
        secs, before, peak = map(float, r.stdout.split())
        pages = subprocess.run(["pdfinfo", str(out / f"b{n}.pdf")], capture_output=True, text=True).stdout
        n_pages = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
        print(f"batch of {n:,} survey forms → one PDF ({n_pages} pages, "
              f"{(out / f'b{n}.pdf').stat().st_size / 2**20:.1f} MB): {secs:.1f} s, "
              f"peak RSS {peak:.0f} MB (+{peak - before:.0f} MB while printing)  [goal < 30 s for 1,000]")
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
