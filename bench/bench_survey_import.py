"""Issue 12 figures: a township's month of survey returns — 200 filled workbooks — imported.

    python bench/bench_survey_import.py [--count 200]

Builds a county ledger with one township of COUNT enterprises in a temporary
folder, sends each its workbook (``report survey --format xlsx``), fills every
one the way people do (tests/services/survey_books.py), then times 导入调查表
on the folder: reading and checking (the preview), writing, and the same
folder again (all unchanged). Goal: the 200 in under 20 s. Record in
bench/RESULTS.md.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import enterprises, survey_import, units  # noqa: E402
from desktop_app.services.ledger import create_ledger  # noqa: E402
from tests.services.survey_books import export, fill_like_people  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    n = ap.parse_args().count
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ledger = create_ledger(tmp / "ledger.sqlite3", unit_name="沁水县", level="county", code="140521",
                               parent_name="晋城市", operator="bench")
        units.add_township(ledger, "龙港镇")
        tid = units.unit_id_by_name(ledger, "龙港镇")
        sent, back = tmp / "sent", tmp / "back"
        sent.mkdir()
        back.mkdir()
        t0 = time.perf_counter()
        for i in range(n):
            body = f"91140521MA0B{i:05d}"
            code = body + uscc_check_char(body)
            enterprises.save(ledger, {"name": f"测试企业{i:03d}有限公司", "uscc": code, "township_id": tid,
                                      "above_scale": True})
            fill_like_people(export(ledger, code, sent / f"{i:03d}.xlsx"), back / f"{i:03d}.xlsx")
        print(f"made and filled {n} workbooks in {time.perf_counter() - t0:.1f} s (not timed below)")

        t0 = time.perf_counter()
        pv = survey_import.preview(ledger, [back])
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = survey_import.apply(ledger, pv)
        t_write = time.perf_counter() - t0
        assert not pv.refused and result.new == n, (pv.counts(), result)
        print(f"import {n} workbooks: read+check {t_read:.1f} s, write {t_write:.1f} s, "
              f"total {t_read + t_write:.1f} s ({(t_read + t_write) / n * 1000:.0f} ms each; goal < 20 s)")
        t0 = time.perf_counter()
        again = survey_import.preview(ledger, [back])
        same = survey_import.apply(ledger, again)
        print(f"same folder again: {same.unchanged} unchanged, {time.perf_counter() - t0:.1f} s, nothing written")
        ledger.close()


if __name__ == "__main__":
    main()
