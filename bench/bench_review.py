"""审核 bench: the rules over a period with thousands of returns, and the 审核结果表.

Run from the worktree root: ``python bench/bench_review.py [--returns 5000]``.
The demo ledger's 2026-11 returns (and last year's) are copied onto generated
enterprises, directly through the schema. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.records import new_id  # noqa: E402
from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import printing, review  # noqa: E402
from desktop_app.services.demo import build_demo  # noqa: E402

PERIOD, LAST = "2026-11", "2025-11"


def _copy_rows(conn, table: str, where: str, params, changes: dict) -> list[dict]:
    rows = [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE {where}", params)]
    for r in rows:
        r.update(changes)
        r["id"] = new_id()
    return rows


def build(path: Path, n: int):
    ledger = build_demo(path)
    conn = ledger.conn
    samples = [dict(r) for r in conn.execute("SELECT * FROM surveys WHERE period IN (?, ?)", (PERIOD, LAST))]
    by_enterprise: dict[str, list[dict]] = {}
    for s in samples:
        by_enterprise.setdefault(s["enterprise_id"], []).append(s)
    sources = list(by_enterprise.values())
    template = dict(conn.execute("SELECT * FROM enterprises LIMIT 1").fetchone())
    conn.execute("BEGIN")
    for i in range(n):
        body = f"91140521MB{i:07X}".replace("I", "J").replace("O", "P")[:17]
        eid = new_id()
        conn.execute("INSERT INTO enterprises (id, unit_id, name, uscc, township_id, industry, above_scale, "
                     "created_at, updated_at, is_sample) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 1)",
                     (eid, template["unit_id"], f"审核测试企业{i:05d}有限公司", body + uscc_check_char(body),
                      template["township_id"], template["industry"], template["created_at"], template["created_at"]))
        for s in sources[i % len(sources)]:
            sid = new_id()
            conn.execute(f"INSERT INTO surveys ({', '.join(s)}) VALUES ({', '.join('?' * len(s))})",
                         [{"id": sid, "enterprise_id": eid}.get(k, v) for k, v in s.items()])
            for child in ("survey_institutions", "survey_projects"):
                for r in _copy_rows(conn, child, "survey_id = ?", (s["id"],), {"survey_id": sid}):
                    conn.execute(f"INSERT INTO {child} ({', '.join(r)}) VALUES ({', '.join('?' * len(r))})",
                                 list(r.values()))
    conn.execute("COMMIT")
    return ledger


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--returns", type=int, default=5000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        ledger = build(Path(tmp) / "review.sqlite3", args.returns)
        print(f"ledger with {args.returns:,} more enterprises (2 returns each): {time.perf_counter() - t:.1f} s")
        times = []
        for _ in range(3):
            t = time.perf_counter()
            found = review.run(ledger, PERIOD)
            times.append(time.perf_counter() - t)
        n = ledger.conn.execute("SELECT COUNT(*) FROM surveys WHERE period = ?", (PERIOD,)).fetchone()[0]
        print(f"review.run over {n:,} returns of {PERIOD}: first {times[0]:.2f} s, best {min(times):.2f} s, "
              f"{len(found):,} findings")
        for fmt in ("pdf", "xlsx"):
            t = time.perf_counter()
            printing.write_report(ledger, "review", fmt, Path(tmp) / f"r.{fmt}", {"period": PERIOD})
            print(f"审核结果表 {fmt}: {time.perf_counter() - t:.1f} s")
        ledger.close()


if __name__ == "__main__":
    main()
