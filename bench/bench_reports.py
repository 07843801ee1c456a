"""Form engine bench: a 2,000-row table to PDF and XLSX, against LibreOffice.

Run from the worktree root: ``python bench/bench_reports.py``. Prints
figures; it is not a test.
"""

from __future__ import annotations

import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.reports import fonts, write_pdf, write_xlsx  # noqa: E402
from tests.reports.samples import amounts_form  # noqa: E402

ROWS = 2000
BATCH = 1000


def timed(fn, runs: int = 3) -> tuple[float, float]:
    """(first run, best run) in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times[0], min(times)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def libreoffice(xlsx: Path, out: Path, profile: Path) -> float:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        return float("nan")
    t = time.perf_counter()
    subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(xlsx)],
        check=True, capture_output=True, timeout=600,
    )
    return time.perf_counter() - t


def main() -> None:
    print(f"python {platform.python_version()} on {platform.platform()}")
    t = time.perf_counter()
    fonts.ensure_fonts()
    print(f"font registration (once per process): {time.perf_counter() - t:.2f} s")
    form = amounts_form(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        # batches first, so the peak-RSS growth is theirs, not the big table's
        rss0 = max_rss_mb()
        small = [amounts_form(3) for _ in range(BATCH // 5)]
        t = time.perf_counter()
        write_pdf(small, d / "batch-small.pdf")
        small_s = time.perf_counter() - t
        rss1 = max_rss_mb()
        batch = (amounts_form(3) for _ in range(BATCH))  # a generator: forms built on demand
        t = time.perf_counter()
        write_pdf(batch, d / "batch.pdf")
        batch_s = time.perf_counter() - t
        rss2 = max_rss_mb()
        print(f"batch of {BATCH // 5} one-page forms -> PDF: {small_s:.2f} s, "
              f"peak RSS +{rss1 - rss0:.0f} MiB")
        print(f"batch of {BATCH} one-page forms -> PDF: {batch_s:.2f} s, "
              f"peak RSS +{rss2 - rss1:.0f} MiB more (peak {rss2:.0f} MiB)")

        pdf_first, pdf_best = timed(lambda: write_pdf(form, d / "big.pdf"))
        xlsx_first, xlsx_best = timed(lambda: write_xlsx(form, d / "big.xlsx"))
        pages = subprocess.run(["pdfinfo", str(d / "big.pdf")], capture_output=True, text=True)
        n_pages = next((ln.split()[-1] for ln in pages.stdout.splitlines()
                        if ln.startswith("Pages:")), "?")
        print(f"{ROWS}-row table -> PDF : first {pdf_first:.2f} s, best {pdf_best:.2f} s "
              f"({n_pages} pages, {(d / 'big.pdf').stat().st_size // 1024} KiB)")
        print(f"{ROWS}-row table -> XLSX: first {xlsx_first:.2f} s, best {xlsx_best:.2f} s "
              f"({(d / 'big.xlsx').stat().st_size // 1024} KiB)")
        lo_cold = libreoffice(d / "big.xlsx", d / "lo", d / "profile")
        lo_warm = libreoffice(d / "big.xlsx", d / "lo", d / "profile")
        print(f"LibreOffice XLSX -> PDF: cold profile {lo_cold:.2f} s, warm {lo_warm:.2f} s")
        print(f"ratio LibreOffice (warm) / our PDF (best): {lo_warm / pdf_best:.1f}x")


if __name__ == "__main__":
    main()
