"""Evidence files streamed: time and memory of attaching and exporting files of growing size.

    python bench/bench_evidence.py [--sizes 1,10,50]

Each size (MB) is attached to a survey return of an empty ledger and exported
again; the peak of Python's allocations (tracemalloc) should stay near one
chunk (evidence.CHUNK) whatever the file's size.
"""

import argparse
import hashlib
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.services import enterprises, evidence  # noqa: E402
from desktop_app.services.ledger import create_ledger  # noqa: E402


def _file(path: Path, mb: int) -> Path:
    with path.open("wb") as fh:
        for i in range(mb * 256):
            fh.write(hashlib.sha256(str(i).encode()).digest() * 128)  # 4 KB of distinct bytes
    return path


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1,10,50")
    sizes = [int(s) for s in p.parse_args().sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger = create_ledger(folder / "l.sqlite3", unit_name="沁水县", level="county", operator="bench")
        eid = enterprises.save(ledger, {"name": "沁水县测试煤业有限公司", "uscc": "91140521MA0K3F2L1W"})
        with ledger.write() as w:
            sid = w.insert("surveys", {"enterprise_id": eid, "period": "2024-05"})
        print(f"chunk {evidence.CHUNK // 1024} KB; limit {evidence.human_size(evidence.MAX_BYTES)}")
        print("| file | attach | export | Python peak (tracemalloc) |")
        print("|---|---|---|---|")
        for mb in sizes:
            if mb * 1024 * 1024 > evidence.MAX_BYTES:
                mb = evidence.MAX_BYTES // (1024 * 1024)
            src = _file(folder / f"{mb}.pdf", mb)
            tracemalloc.start()
            t0 = time.perf_counter()
            ev = evidence.attach(ledger, "surveys", sid, src)
            t1 = time.perf_counter()
            out = evidence.export(ledger, ev, folder / f"out{mb}.pdf")
            t2 = time.perf_counter()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert out.stat().st_size == src.stat().st_size
            print(f"| {mb} MB | {(t1 - t0) * 1000:.0f} ms | {(t2 - t1) * 1000:.0f} ms | {peak / 1024 / 1024:.2f} MB |")
        ledger.close()


if __name__ == "__main__":
    main()
