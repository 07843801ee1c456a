"""Issue 5 figures: 2,000 tasks × 12 months of progress — the 本月调度 view and the 推进情况表.

    python bench/bench_tasks.py

Builds bench/data/tasks_2000x12.sqlite3 once (the demo ledger plus a policy
document with 2,000 concrete tasks, 1–3 responsible units each, and twelve
months of entries, some late and some missing), then prints figures. Record
them in bench/RESULTS.md.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.records import new_id, now  # noqa: E402
from desktop_app.domain import schedule  # noqa: E402
from desktop_app.services import printing  # noqa: E402
from desktop_app.services.demo import build_demo  # noqa: E402
from desktop_app.services.ledger import open_ledger  # noqa: E402
from desktop_app.services.tasks import progress, task_import  # noqa: E402

DATA = Path(__file__).parent / "data"
TASKS, MONTHS, KEYS = 2000, 12, 20
WORK = ("召开专题推进会，梳理工作清单，明确责任分工和时间节点", "对接重点企业，落实相关措施，完成阶段性目标",
        "组织开展政策宣讲和申报辅导，收集企业需求", "起草实施细则并征求相关单位意见")


def build(path: Path, seed: int = 5) -> Path:
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    ledger = build_demo(path)
    conn, unit, stamp = ledger.conn, ledger.unit.id, now()
    today = date.today()
    periods = [schedule.shift_period(progress.this_period(today), -i) for i in range(MONTHS)]
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    depts = [new_id() for _ in range(40)]
    conn.executemany("INSERT INTO departments (id, unit_id, name, seq, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                     [(d, unit, f"测试责任单位{i:02d}", 100 + i, stamp, stamp) for i, d in enumerate(depts)])
    doc = new_id()
    conn.execute("INSERT INTO documents (id, unit_id, doc_no, title, issued_on, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?)", (doc, unit, "测办发〔2026〕1号", "测试用大型任务清单", "2026-01-01", stamp, stamp))
    keys = [new_id() for _ in range(KEYS)]
    conn.executemany("INSERT INTO key_tasks (id, unit_id, document_id, seq, name, created_at, updated_at) "
                     "VALUES (?,?,?,?,?,?,?)", [(k, unit, doc, i + 1, f"第{i + 1}项重点行动", stamp, stamp)
                                                for i, k in enumerate(keys)])
    tasks, assigns, contacts, entries = [], [], [], []
    for i in range(TASKS):
        tid = new_id()
        tasks.append((tid, unit, keys[i % KEYS], i // KEYS + 1, f"具体任务{i + 1:04d}：推进创新平台建设和企业培育", stamp, stamp))
        for a_seq, dept in enumerate(rng.sample(depts, rng.randint(1, 3)), start=1):
            aid = new_id()
            assigns.append((aid, unit, tid, dept, "lead" if a_seq == 1 else "support", a_seq, stamp, stamp))
            contacts.append((new_id(), aid, 1, "张 三", "科技业务股", "李 四"))
            for p in periods:
                due = schedule.due_date(schedule.MONTHLY, p)
                roll = rng.random()
                if roll < 0.06 and due < today:
                    continue  # missing
                if due > today and roll < 0.7:
                    continue  # the month still running: most not in yet
                offset = rng.randint(1, 9) if roll < 0.2 else -rng.randint(0, 5)
                submitted = min(due + timedelta(days=offset), today)
                status = rng.choice(("推进中", "推进中", "推进中", "已完成", "滞后", "未启动"))
                entries.append((new_id(), unit, aid, p, status, rng.choice(WORK),
                                "专业人才不足" if status == "滞后" else "", "继续跟踪推进，按月报送进展",
                                submitted.isoformat(), stamp, stamp))
    conn.executemany("INSERT INTO tasks (id, unit_id, key_task_id, seq, name, created_at, updated_at) "
                     "VALUES (?,?,?,?,?,?,?)", tasks)
    conn.executemany("INSERT INTO assignments (id, unit_id, task_id, department_id, role, seq, created_at, updated_at)"
                     " VALUES (?,?,?,?,?,?,?,?)", assigns)
    conn.executemany("INSERT INTO assignment_contacts (id, assignment_id, seq, leader, section, handler) "
                     "VALUES (?,?,?,?,?,?)", contacts)
    entries.sort(key=lambda e: e[3])  # entered month after month, as a ledger grows
    conn.executemany("INSERT INTO progress_entries (id, unit_id, assignment_id, period, status, work_done, problems, "
                     "next_steps, submitted_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", entries)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    print(f"built {path}: {TASKS:,} tasks, {len(assigns):,} assignments, {len(entries):,} entries "
          f"in {time.perf_counter() - t0:.1f} s")
    return path


def ensure() -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"tasks_{TASKS}x{MONTHS}.sqlite3"
    return path if path.exists() else build(path)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def fmt(xs: list[float], unit: str = "ms") -> str:
    k = 1000 if unit == "ms" else 1
    return f"median {statistics.median(xs) * k:.1f} {unit}, best {min(xs) * k:.1f} {unit} (n={len(xs)})"


def main() -> None:
    path = ensure()
    ledger = open_ledger(path)
    period = progress.this_period()
    n = ledger.conn.execute("SELECT COUNT(*) FROM progress_entries").fetchone()[0]
    view = progress.month_view(ledger, period)
    print(f"ledger: {len(view.rows):,} assignments this month, {n:,} progress entries, period {period}; "
          f"load average {os.getloadavg()[0]:.2f}")

    print("month_view() (service only):      ", fmt(timed(lambda: progress.month_view(ledger, period), 15)))

    from ui.app import make_app
    from ui.tasks.month_page import MonthPage
    from ui.tasks.tab import TasksTab
    from ui.tasks.tree_page import TreePage

    app = make_app()
    page = MonthPage(ledger)
    page.resize(1300, 800)
    page.show()
    app.processEvents()

    def refresh_month():
        page.refresh()
        app.processEvents()

    print("本月调度 refresh (view + models):  ", fmt(timed(refresh_month, 15)))
    tab = TasksTab(ledger)
    print("分工查询 list refresh (baseline):  ", fmt(timed(lambda: (tab.list_page.refresh(), app.processEvents()), 15)))
    tree = TreePage(ledger)
    tree.resize(1300, 800)
    tree.show()
    print("任务清单 tree refresh:             ", fmt(timed(lambda: (tree.refresh(), app.processEvents()), 5)))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt_name, runs in (("pdf", 3), ("xlsx", 3)):
            xs = timed(lambda f=fmt_name: printing.write_report(ledger, "task-progress", f, out / f"p.{f}",
                                                                {"period": period}), runs)
            print(f"task-progress {fmt_name.upper()}:                ", fmt(xs, "s"))
        pdf = out / "p.pdf"
        pages = sum(1 for _ in open(pdf, "rb").read().split(b"/Type /Page")[1:])
        print(f"  PDF: {pdf.stat().st_size / 1e6:.1f} MB, about {pages} pages")
        print("ranking PDF:                      ", fmt(timed(lambda: printing.write_report(
            ledger, "ranking", "pdf", out / "r.pdf", {"period": period}), 3), "s"))
        print("monthly-brief PDF:                ", fmt(timed(lambda: printing.write_report(
            ledger, "monthly-brief", "pdf", out / "b.pdf", {"period": period}), 3), "s"))
        printing.write_report(ledger, "task-list", "xlsx", out / "list.xlsx")
        t0 = time.perf_counter()
        preview = task_import.read_sheet(out / "list.xlsx")
        print(f"import preview of the exported list ({preview.counts()['lines']:,} lines): "
              f"{time.perf_counter() - t0:.2f} s, {len(preview.errors)} errors")
    ledger.close()


if __name__ == "__main__":
    main()
