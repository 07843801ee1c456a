"""Task sheets built with openpyxl, laid out like 000 附件2 (test fixtures)."""

import csv
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook

from desktop_app.paths import resource

COLS = ("序号", "重点任务", "具体任务", "责任单位", "责任领导", "责任科室", "具体承办人")


def seed_rows() -> list[dict[str, str]]:
    with resource("seeds", "qinshui_tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _header(ws, row: int, cols=COLS) -> int:
    """The printed two-row header; returns the next free row."""
    for c, name in enumerate(cols[:3], start=1):
        ws.cell(row, c, name)
        ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
    ws.cell(row, 4, "牵头部门及相关责任人")
    ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=3 + len(cols[3:]))
    for c, name in enumerate(cols[3:], start=4):
        ws.cell(row + 1, c, name)
    return row + 2


def _merge_run(ws, col: int, first: int, last: int, value) -> None:
    ws.cell(first, col, value)
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def task_sheet(path: Path, rows: list[dict[str, str]] | None = None, *, repeat_header_every: int = 25,
               cols=COLS, title: str = "关于打造创新生态小气候的实施方案（试行）") -> Path:
    """Rows written with merges (序号/重点任务 per key task, 具体任务 per task, 责任单位 per unit run)
    and the header repeated at "page breaks", as in the seed."""
    rows = seed_rows() if rows is None else rows
    wb = Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.cell(1, 1, "附件2")
    ws.cell(2, 1, f"贯彻落实《{title}》 工作任务清单")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    r = _header(ws, 3, cols)
    # page chunks: a key task split over a page break repeats its cells after the header
    page: list[dict[str, str]] = []
    chunks = []
    for row in rows:
        page.append(row)
        if len(page) == repeat_header_every:
            chunks.append(page)
            page = []
    if page:
        chunks.append(page)
    index = {name: i for i, name in enumerate(cols, start=1)}
    for n, chunk in enumerate(chunks):
        if n:
            r = _header(ws, r + 1, cols)  # a blank line, then the header again
        for _, key_lines in groupby(chunk, key=lambda x: (x["序号"], x["重点任务"])):
            key_lines = list(key_lines)
            start = r
            for _, t_lines in groupby(key_lines, key=lambda x: x["具体任务"]):
                t_lines = list(t_lines)
                t_start = r
                for _, u_lines in groupby(t_lines, key=lambda x: x["责任单位"]):
                    u_lines = list(u_lines)
                    u_start = r
                    for line in u_lines:
                        for name in ("责任领导", "责任科室", "具体承办人"):
                            if name in index:
                                ws.cell(r, index[name], line[name])
                        r += 1
                    if "责任单位" in index:
                        _merge_run(ws, index["责任单位"], u_start, r - 1, u_lines[0]["责任单位"])
                if "具体任务" in index:
                    _merge_run(ws, index["具体任务"], t_start, r - 1, t_lines[0]["具体任务"])
            for name in ("序号", "重点任务"):
                if name in index:
                    value = key_lines[0][name]
                    value = int(value) if name == "序号" and value.isdigit() else value
                    _merge_run(ws, index[name], start, r - 1, value)
    wb.save(path)
    return path
