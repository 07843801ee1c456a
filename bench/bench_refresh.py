"""What one write costs the open window: SQL statements of one survey save and of the refresh after it.

    python bench/bench_refresh.py [--old DIR]

DIR is an older tree (``git archive <commit> | tar -x -C DIR``). Each tree, in
a fresh process, builds its demo ledger, opens the main window offscreen on
the 企业 tab with the first enterprise shown, saves that enterprise's return
for the shown period and counts the statements on the window's connection:
up to the write's COMMIT (the save) and after it (the refresh). Also a talent
save with the 企业 and 任务 tabs built. Prints figures; record them in
bench/RESULTS.md.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, tempfile, time
from pathlib import Path
root = sys.argv[1]
sys.path.insert(0, root)
from desktop_app.services.demo import build_demo
from desktop_app.services.enterprises import surveys
from desktop_app.services import talent
from ui.app import make_app
from ui.main_window import MainWindow

app = make_app()
ledger = build_demo(Path(tempfile.mkdtemp()) / "demo.sqlite3")
window = MainWindow(ledger)
window.show()
app.processEvents()

def count(action):
    seen = []
    ledger.conn.set_trace_callback(seen.append)
    start = time.perf_counter()
    action()
    if not hasattr(ledger, "subscribe"):  # an older tree: the window refreshed everything on its signal
        window.ledger_changed.emit()
    app.processEvents()
    took = time.perf_counter() - start
    ledger.conn.set_trace_callback(None)
    commit = max(i for i, s in enumerate(seen) if s.strip().upper().startswith(("COMMIT", "RELEASE")))
    return {"save": commit + 1, "refresh": len(seen) - commit - 1, "ms": round(took * 1000, 1)}

tab = window.tab_widgets["enterprises"]
window.tabs.setCurrentWidget(tab)
tab.view.selectRow(0)
app.processEvents()
eid, period = tab.current_id(), tab.period
old = surveys.find_id(ledger, eid, period)
out = {"survey": count(lambda: surveys.save(ledger, eid, {"period": period, "other_activities": [4]}, old))}
window.tab_widgets["tasks"]
tid = ledger.conn.execute("SELECT id FROM talent WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
record = talent.get(ledger, tid)
out["talent"] = count(lambda: talent.save(ledger, {**record, "note": "已核实"}, tid))
print(json.dumps(out))
"""


def measure(tree: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", CHILD, str(tree)], capture_output=True, text=True, env=env,
                         cwd=tree, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path)
    args = parser.parse_args()
    trees = [("this tree", ROOT)] + ([("old tree", args.old)] if args.old else [])
    for name, tree in trees:
        m = measure(tree)
        for what, fig in m.items():
            print(f"{name:10} {what:7} save {fig['save']:4} statements, refresh {fig['refresh']:4} statements, "
                  f"{fig['ms']} ms in all")


if __name__ == "__main__":
    main()
