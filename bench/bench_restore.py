"""Restore of a big ledger, as the window runs it: progress reports, and how fast 取消 is heard.

    python bench/bench_restore.py [--enterprises 100000 --talent 50000]

Prints the restore's time, the longest gap between two progress reports (the
bar never freezes longer than that), and for 取消 pressed in each part (copy,
full check, kept copy) how long until the restore stopped, the ledger untouched.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_ledger import ensure  # noqa: E402

from desktop_app.errors import Cancelled  # noqa: E402
from desktop_app.services import maintenance  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--enterprises", type=int, default=100_000)
    p.add_argument("--talent", type=int, default=50_000)
    a = p.parse_args()
    source = ensure(a.enterprises, a.talent)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "台账.sqlite3"
        shutil.copy(source, ledger)
        backup = maintenance.backup(ledger, Path(tmp) / "备份.sqlite3")
        print(f"ledger {ledger.stat().st_size / 1e6:.0f} MB ({a.enterprises:,} enterprises, {a.talent:,} talent)")
        stamps: list[tuple[float, int]] = []
        t0 = time.perf_counter()
        kept = maintenance.restore(ledger, backup, progress=lambda d, t: stamps.append((time.perf_counter(), d)) or True)
        took = time.perf_counter() - t0
        kept.unlink()
        gaps = [b[0] - a[0] for a, b in zip([(t0, 0)] + stamps, stamps, strict=False)]
        print(f"restore: {took:.1f} s, {len(stamps)} progress reports, longest gap {max(gaps) * 1000:.0f} ms")
        for name, at in (("copy", 100), ("full check", 500), ("kept copy", 900)):
            cancelled_at: list[float] = []

            def progress(done, total, at=at, cancelled_at=cancelled_at):
                if done >= at:
                    cancelled_at.append(time.perf_counter())
                    return False
                return True

            before = ledger.read_bytes()
            try:
                maintenance.restore(ledger, backup, progress=progress)
            except Cancelled:
                stopped = time.perf_counter()
            else:
                raise SystemExit("not cancelled")
            same = ledger.read_bytes() == before and not list(Path(tmp).glob(".~*"))
            print(f"取消 in the {name}: stopped {(stopped - cancelled_at[0]) * 1000:.0f} ms later; "
                  f"ledger untouched, no copies left: {same}")


if __name__ == "__main__":
    main()
