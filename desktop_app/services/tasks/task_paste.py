"""Rows of a task list copied from Excel and pasted: read and checked exactly as a task workbook is.

The clipboard holds tab-separated cells (Excel quotes a cell with a tab or a line break). With the
header row copied too, its columns are found by name; without it, the cells are taken in the order of
the 工作任务清单 (序号, 重点任务, 具体任务, 责任单位, 责任领导, 责任科室, 具体承办人). Every cell is
written as text into a workbook of its own, which ``task_import.read_sheet`` then reads: one set of rules.
"""

import csv
import io
import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook

from desktop_app import i18n
from desktop_app.services.tasks import task_import

MAX_ROWS = 5000


def rows_of(text: str) -> list[list[str]]:
    lines = [[cell.strip() for cell in row]
             for row in csv.reader(io.StringIO((text or "").rstrip("\r\n"), newline=""), delimiter="\t")]
    return [row for row in lines if any(row)]


def read_pasted(text: str) -> task_import.ImportPreview:
    rows = rows_of(text)
    name = i18n.tr("粘贴的内容") + ".xlsx"
    if not rows:
        preview = task_import.ImportPreview(file=name)
        preview.errors.append(task_import.RowError(0, "", i18n.tr("剪贴板里没有表格内容：请在 Excel 中选中任务行后复制")))
        return preview
    if len(rows) > MAX_ROWS:
        preview = task_import.ImportPreview(file=name)
        preview.errors.append(task_import.RowError(0, "", i18n.tr("粘贴的内容有 {n} 行，超过 {m} 行；请分批粘贴或导入文件").format(
            n=len(rows), m=MAX_ROWS)))
        return preview
    named = sum(task_import._squeeze(c) in task_import.COLUMNS for c in rows[0])
    if named < 3:  # no header copied: the cells are in the form's order
        rows = [list(task_import.COLUMNS), *rows]
    book = Workbook()
    sheet = book.active
    sheet.title = i18n.tr("粘贴")
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            cell = sheet.cell(r, c, value)
            cell.data_type = "s"  # as typed, never a formula
    folder = Path(tempfile.mkdtemp(prefix="paste-"))
    try:
        path = folder / name
        book.save(path)
        return task_import.read_sheet(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
