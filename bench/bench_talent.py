"""Issue 6 figures: the talent list filtered at 50,000 people, and the 人才统计表 PDF.

    python bench/bench_talent.py

Uses the big ledger of make_ledger.py (100,000 enterprises, 50,000 talent on
top of the demo). The baseline is the same ledger without the list's
(category, industry) index (talent_category of 0001), in the same run.
Prints figures; record them in bench/RESULTS.md.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_ledger import ensure  # noqa: E402

from db.listing import build_query  # noqa: E402
from desktop_app.services import printing, talent  # noqa: E402
from desktop_app.services.ledger import open_ledger  # noqa: E402
from desktop_app.services.listing import ListQuery, ListSource  # noqa: E402

CASES = (
    ("category + industry", {"category": "专业技术人才", "industry": "煤层气"}, ""),
    ("category + industry, another pair", {"category": "农村实用人才", "industry": "现代农业"}, ""),
    ("category + industry + high-level", {"category": "专业技术人才", "industry": "煤炭", "high_level": 1}, ""),
    ("category only", {"category": "高技能人才"}, ""),
    ("no filter, by name", {}, ""),
    ("search 3+ characters (FTS)", {}, "王晋沁"),
    ("category + industry + search", {"category": "专业技术人才", "industry": "煤层气"}, "李"),
)


def filter_times(path: Path) -> list[tuple[str, int, float, str]]:
    ledger = open_ledger(path)
    src = ListSource(ledger, talent.LIST)
    out = []
    for label, filters, search in CASES:
        query = ListQuery(search=search, filters=filters)
        times = []
        for _ in range(9):
            t = time.perf_counter()
            ids = src.rowids(query)
            src.rows(ids[:200])            # and the first visible page
            times.append((time.perf_counter() - t) * 1000)
        sql, params = build_query(talent.LIST, query)
        plan = " / ".join(r[3] for r in ledger.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        out.append((label, len(ids), statistics.median(times), plan))
    ledger.close()
    return out


def report_times(path: Path, year: int) -> dict[str, tuple[float, int]]:
    ledger = open_ledger(path)
    high = ledger.conn.execute("SELECT COUNT(*) FROM talent WHERE deleted_at IS NULL AND high_level = 1").fetchone()[0]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("pdf", "xlsx"):
            best = None
            for _ in range(3):
                target = Path(tmp) / f"talent.{fmt}"
                t = time.perf_counter()
                printing.write_report(ledger, "talent", fmt, target, {"year": year})
                took = time.perf_counter() - t
                best = took if best is None else min(best, took)
            pages = 0
            if fmt == "pdf":
                info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
                pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
            out[fmt] = (best, pages)
        if shutil.which("soffice"):  # what a clerk would otherwise do: print our Excel file from LibreOffice
            times = []
            for _ in range(2):      # the first run warms LibreOffice's profile
                t = time.perf_counter()
                subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                                str(Path(tmp) / "talent.xlsx")], capture_output=True, check=True)
                times.append(time.perf_counter() - t)
            out["libreoffice"] = (times[-1], 0)
    ledger.close()
    out["high-level people"] = (float(high), 0)
    return out


def main() -> None:
    path = ensure()
    print(f"ledger: {path} ({path.stat().st_size / 2**20:.0f} MB)")
    n = open_ledger(path).conn.execute("SELECT COUNT(*) FROM talent").fetchone()[0]
    print(f"talent rows: {n:,}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline.sqlite3"
        shutil.copy(path, base)
        ledger = open_ledger(base)
        ledger.conn.execute("DROP INDEX talent_category")
        ledger.conn.execute("ANALYZE")
        ledger.close()
        before = {label: (rows, ms) for label, rows, ms, _ in filter_times(base)}
    for label, rows, ms, plan in filter_times(path):
        b = before[label][1]
        print(f"filter {label} ({rows:,} rows): {ms:.1f} ms  (without the (category, industry) index: {b:.1f} ms)"
              f"  [goal < 50 ms]\n    plan: {plan}")
    year = 2026
    figures = report_times(path, year)
    high = int(figures.pop("high-level people")[0])
    pdf_s, pages = figures["pdf"]
    print(f"人才统计表 {year} → PDF, best of 3: {pdf_s:.2f} s, {pages} pages "
          f"(3 count tables + {high:,} high-level people listed)  [goal < 3 s]")
    print(f"人才统计表 {year} → XLSX, best of 3: {figures['xlsx'][0]:.2f} s")
    if "libreoffice" in figures:
        print(f"baseline: LibreOffice headless, our XLSX → PDF (warm profile): {figures['libreoffice'][0]:.2f} s")


if __name__ == "__main__":
    main()
