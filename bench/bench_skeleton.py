"""Issue 2 figures: cold start, list filter on 100,000 enterprises, window memory.

    python bench/bench_skeleton.py

Prints figures; record them in bench/RESULTS.md.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_ledger import ensure  # noqa: E402

CHILD_START = r"""
import os, sys, time
t0 = float(sys.argv[2])
sys.path.insert(0, sys.argv[3])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from ui.app import make_app
from desktop_app.services.ledger import open_ledger
from ui.main_window import MainWindow
app = make_app()
w = MainWindow(open_ledger(sys.argv[1]))
w.show()
app.processEvents()
print(f"{time.time() - t0:.4f}")
"""

CHILD_MEMORY = r"""
import os, resource, sys
sys.path.insert(0, sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from ui.app import make_app
from desktop_app.services.ledger import open_ledger
from ui.main_window import MainWindow
app = make_app()
w = MainWindow(open_ledger(sys.argv[1]))
w.show()
tab = w.tab_widgets["enterprises"]
w.tabs.setCurrentWidget(tab)
app.processEvents()
rows = tab.model.rowCount()
for r in range(0, rows, 40):          # scroll through every page, top to bottom
    tab.view.scrollTo(tab.model.index(r, 0))
    app.processEvents()
for col in range(tab.model.columnCount()):
    tab.model.sort(col)               # and sort by every column
    app.processEvents()
print(rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def cold_start(path: Path, runs: int = 7) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        r = subprocess.run([sys.executable, "-c", CHILD_START, str(path), str(t0), str(ROOT)],
                           capture_output=True, text=True, check=True)
        out.append(float(r.stdout.strip().splitlines()[-1]))
    return out


def filter_times(path: Path) -> dict[str, float]:
    from desktop_app.services.enterprises import enterprise_list
    from desktop_app.services.ledger import open_ledger
    from desktop_app.services.listing import ListQuery, ListSource

    ledger = open_ledger(path)
    # the 企业 tab's own list: registry + coverage state of the latest period
    enterprise_list.prepare(ledger, enterprise_list.periods(ledger)[0])
    src = ListSource(ledger, enterprise_list.LIST)
    results = {}
    for frag in ("鑫", "泽华", "煤层气", "沁泽铸造", "91140521MA00"):
        times = []
        for _ in range(9):
            t = time.perf_counter()
            ids = src.rowids(ListQuery(search=frag))
            src.rows(ids[:200])        # and the first visible page
            times.append((time.perf_counter() - t) * 1000)
        results[f"{frag} ({len(ids):,} rows)"] = statistics.median(times)
    t = time.perf_counter()
    ids = src.rowids(ListQuery())
    results[f"no filter, sorted by name ({len(ids):,} rows)"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    ids = src.rowids(ListQuery(filters={"industry": "煤炭", "above_scale": 1}))
    results[f"industry + 规上 filter ({len(ids):,} rows)"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    ids = src.rowids(ListQuery(filters={"state": "已销号"}))
    results[f"coverage state 已销号 ({len(ids):,} rows)"] = (time.perf_counter() - t) * 1000
    ledger.close()
    return results


def main() -> None:
    path = ensure()
    print(f"ledger: {path} ({path.stat().st_size / 2**20:.0f} MB)")
    starts = cold_start(path)
    print(f"cold start to window shown (100k ledger, offscreen): median {statistics.median(starts):.2f} s, "
          f"min {min(starts):.2f} s, max {max(starts):.2f} s  [goal < 1.5 s]")
    for label, ms in filter_times(path).items():
        print(f"filter {label}: {ms:.1f} ms  [goal < 50 ms]")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", CHILD_MEMORY, str(path), str(ROOT)], capture_output=True,
                       text=True, check=True, env=env)
    rows, rss = r.stdout.split()
    print(f"window memory, {int(rows):,} enterprises scrolled end to end and sorted by every column: "
          f"peak RSS {float(rss):.0f} MB  [goal < 300 MB]")


if __name__ == "__main__":
    main()
