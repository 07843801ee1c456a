"""Enterprise-name search on 100,000 enterprises: this tree against an older one, in one run.

    python bench/bench_search.py [--old DIR]

DIR is an older tree of the project (``git archive <commit> | tar -x -C DIR``);
its own bench ledger is built there by its own code. Each tree is measured in
a fresh process on its own ledger: list filter by 1–4 characters (the 企业 tab's
list and first page, median of 9), size of the short-query index, 1,000 name
updates and 1,000 inserts (one transaction each), and ``check``. For the new
tree also: migrating a copy of the old ledger. Prints figures; record them in
bench/RESULTS.md.
"""

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEDGER = "bench/data/ledger_100000_50000.sqlite3"

CHILD = r"""
import json, shutil, statistics, sys, time
root, path = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
from desktop_app.services import maintenance
from desktop_app.services.enterprises import enterprise_list
from desktop_app.services.ledger import open_ledger
from desktop_app.services.listing import ListQuery, ListSource
out = {}
work = path + ".bench"
shutil.copy(path, work)
ledger = open_ledger(work)
conn = ledger.conn
enterprise_list.prepare(ledger, enterprise_list.periods(ledger)[0])
src = ListSource(ledger, enterprise_list.LIST)
for frag in ("鑫", "泽华", "煤层气", "沁泽铸造"):
    times = []
    for _ in range(9):
        t = time.perf_counter()
        ids = src.rowids(ListQuery(search=frag))
        src.rows(ids[:200])
        times.append((time.perf_counter() - t) * 1000)
    out[f"search {frag}"] = (len(ids), statistics.median(times))
table = enterprise_list.LIST.char_table
out["index MB"] = conn.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ?", (table + "%",)).fetchone()[0] / 2**20
rows = conn.execute("SELECT rowid, name FROM enterprises ORDER BY rowid LIMIT 1000").fetchall()
t = time.perf_counter()
conn.execute("BEGIN")
conn.executemany("UPDATE enterprises SET name = ? WHERE rowid = ?", [(n[::-1], r) for r, n in rows])
conn.execute("COMMIT")
out["1,000 name updates ms"] = (time.perf_counter() - t) * 1000
t = time.perf_counter()
conn.execute("BEGIN")
conn.execute("INSERT INTO enterprises (id, unit_id, name, uscc, created_at, updated_at, is_sample) "
             "SELECT id || '-b', unit_id, name || '分公司', uscc || 'B', created_at, updated_at, 1 "
             "FROM enterprises ORDER BY rowid LIMIT 1000")
conn.execute("COMMIT")
out["1,000 inserts ms"] = (time.perf_counter() - t) * 1000
ledger.close()
t = time.perf_counter()
result = maintenance.check(work)
out["check s"] = time.perf_counter() - t
for suffix in ("", "-wal", "-shm"):
    try:
        __import__("os").unlink(work + suffix)
    except OSError:
        pass
print(json.dumps(out, ensure_ascii=False))
"""

CHILD_MIGRATE = r"""
import shutil, sys, time
sys.path.insert(0, sys.argv[1])
from desktop_app.services.ledger import open_ledger
t = time.perf_counter()
open_ledger(sys.argv[2]).close()
print(time.perf_counter() - t)
"""


def ensure_ledger(tree: Path) -> Path:
    path = tree / LEDGER
    if not path.exists():
        subprocess.run([sys.executable, str(tree / "bench" / "make_ledger.py")], cwd=tree, check=True)
    return path


def measure(tree: Path) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(ensure_ledger(tree))], cwd=tree,
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--old", type=Path, help="an older tree to compare with")
    a = p.parse_args()
    trees = [("new", ROOT)] + ([("old", a.old.resolve())] if a.old else [])
    results = {label: measure(tree) for label, tree in trees}
    for key in results["new"]:
        cells = []
        for label, _ in trees:
            v = results[label][key]
            cells.append(f"{label} {v[1]:.1f} ms ({v[0]:,} rows)" if isinstance(v, list) else f"{label} {v:.2f}")
        print(f"{key}: " + " | ".join(cells))
    if a.old:
        copy = ROOT / "bench" / "data" / "old_ledger_migrated.sqlite3"
        shutil.copy(ensure_ledger(a.old), copy)
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", CHILD_MIGRATE, str(ROOT), str(copy)], cwd=ROOT,
                           capture_output=True, text=True, check=True)
        print(f"migrate the old 100k ledger (open_ledger, backup included): {float(r.stdout):.2f} s "
              f"(process {time.perf_counter() - t:.2f} s)")
        for f in copy.parent.glob(copy.name + "*"):
            f.unlink()


if __name__ == "__main__":
    main()
