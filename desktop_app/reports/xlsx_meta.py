"""The hidden ``_meta`` sheet: how a filled-in workbook is recognised later.

Every workbook we write carries key/value rows naming the program and, per
sheet, the form id and version, unit and period. ``read_meta`` reads them
back and turns anything else (a foreign file, a corrupt one, an old .xls
renamed to .xlsx) into one clear message for the clerk.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

import desktop_app
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.reports.model import TableForm
from desktop_app.reports.xlsx_cells import put

META_SHEET = "_meta"
GENERATOR = "innovation-ledger"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files


def write_meta(wb: Workbook, sheets: list[tuple[str, TableForm]], now: datetime) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    rows = [("key", "value"), ("generator", GENERATOR), ("program_version", desktop_app.__version__),
            ("generated_at", now.isoformat(timespec="seconds"))]
    for name, form in sheets:
        rows += [("sheet", name), ("form_id", form.form_id), ("form_version", form.version),
                 ("unit", form.unit), ("period", form.period)]
    for r, (key, value) in enumerate(rows, start=1):
        put(ws, r, 1, key)
        put(ws, r, 2, value)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 40


def _open(path: Path):
    where = str(path)
    if not path.is_file():
        raise UserError(i18n.tr("找不到文件"), where=where)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise UserError(
            i18n.tr("这是旧版 Excel（.xls）文件或加密的工作簿，不是本程序导出的 .xlsx 报表；"
               "请在本程序导出的原表上填写，不要另存为 .xls 或设置打开密码"),
            where=where,
        )
    if not zipfile.is_zipfile(path):
        raise UserError(i18n.tr("文件已损坏或不是 Excel（.xlsx）文件"), where=where)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError(i18n.tr("文件已损坏，无法读取：{reason}").format(reason=exc), where=where) from exc


def read_meta(path: Path | str) -> dict:
    """The meta rows of one of our workbooks.

    Top-level keys describe the first (usually only) form; ``sheets`` lists
    every form sheet with its own form_id, form_version, unit and period.
    """
    p = Path(path)
    wb = _open(p)
    try:
        if META_SHEET not in wb.sheetnames:
            raise UserError(i18n.tr("该文件不是本程序导出的报表（缺少报表标识）"), where=str(p))
        rows = list(wb[META_SHEET].iter_rows(min_row=2, max_col=2, values_only=True))
    finally:
        wb.close()
    meta: dict = {"sheets": []}
    current: dict | None = None
    for key, value in rows:
        if key is None:
            continue
        value = "" if value is None else str(value)
        if key == "sheet":
            current = {"sheet": value}
            meta["sheets"].append(current)
        elif current is not None:
            current[str(key)] = value
        else:
            meta[str(key)] = value
    if meta.get("generator") != GENERATOR or not meta["sheets"]:
        raise UserError(i18n.tr("该文件不是本程序导出的报表（报表标识无效）"), where=str(p))
    first = meta["sheets"][0]
    for key in ("form_id", "form_version", "unit", "period"):
        meta[key] = first.get(key, "")
    return meta
