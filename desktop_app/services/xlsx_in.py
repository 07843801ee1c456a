"""Reading a clerk's .xlsx safely: the one reader every Excel import uses.

A workbook from outside is hostile until read: its ``<dimension>`` tag may lie
(openpyxl's streaming mode trusts it and drops rows), its zip may be a bomb,
its XML may be cut or mangled. :func:`read_workbook` checks the limits before
the work (file size, members, total uncompressed size and ratio, compression
kinds), then reads every row with row, column and time limits, and turns every
failure into one Chinese :class:`UserError` line naming the file (and sheet).
"""

from __future__ import annotations

import re
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from desktop_app import i18n
from desktop_app.errors import UserError

MAX_FILE = 20 * 1024 * 1024           # compressed bytes on disk
MAX_UNZIPPED = 50 * 1024 * 1024       # sum of the members' declared sizes
MAX_RATIO = 200                       # uncompressed / compressed, for workbooks over MIN_RATIO_CHECK
MIN_RATIO_CHECK = 1024 * 1024
MAX_MEMBERS = 1000
MAX_ROWS = 20_000
MAX_COLS = 200
SCAN_FACTOR = 5                       # empty rows read at most: SCAN_FACTOR x rows
MAX_MERGED_CELLS = 1_000_000
TIME_BUDGET = 30.0                    # seconds for the whole read
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_SUPPORTED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

# Everything a damaged workbook can make zipfile / zlib / ElementTree / openpyxl raise.
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, LookupError, ValueError, TypeError,
    AttributeError, ArithmeticError, MemoryError, NotImplementedError, EOFError, OSError,
    ParseError, SyntaxError, RecursionError, AssertionError)


@dataclass(frozen=True)
class Limits:
    file_bytes: int = MAX_FILE
    unzipped: int = MAX_UNZIPPED
    ratio: float = MAX_RATIO
    members: int = MAX_MEMBERS
    rows: int = MAX_ROWS
    cols: int = MAX_COLS
    merged_cells: int = MAX_MERGED_CELLS
    seconds: float = TIME_BUDGET


@dataclass
class Sheet:
    """One worksheet as plain values (row r, column c at rows[r-1][c-1]) and its merged ranges."""

    title: str
    rows: list[tuple]
    merges: list[tuple[int, int, int, int]]  # min_col, min_row, max_col, max_row

    def value(self, r: int, c: int) -> Any:
        row = self.rows[r - 1] if 0 < r <= len(self.rows) else ()
        return row[c - 1] if 0 < c <= len(row) else None

    @property
    def empty(self) -> bool:
        return not any(v not in (None, "") for row in self.rows for v in row)


def _fail(name: str, message: str, sheet: str = "") -> UserError:
    where = i18n.tr("“{f}”").format(f=name)
    if sheet:
        where += i18n.tr("工作表“{s}”").format(s=sheet)
    return UserError(message, where=where)


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.0f}"


def check_zip(path: Path, limits: Limits = Limits()) -> None:
    """Refuse before reading: missing, empty, .xls, too big, a zip bomb, unsupported compression."""
    name = path.name
    if not path.is_file():
        raise UserError(i18n.tr("文件不存在：{p}").format(p=path))
    size = path.stat().st_size
    if not size:
        raise UserError(i18n.tr("文件是空的（0 字节）：{f}").format(f=name))
    if size > limits.file_bytes:
        raise _fail(name, i18n.tr("文件过大（{n} MB，最多 {m} MB），未读取").format(
            n=_mb(size), m=_mb(limits.file_bytes)))
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE2:
        raise UserError(i18n.tr(
            "“{f}”是旧版 Excel 97-2003 文件（.xls），只是扩展名改成了 .xlsx；请用 Excel 打开后“另存为”"
            "Excel 工作簿（*.xlsx）再导入").format(f=name))
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except READ_ERRORS:
        raise _fail(name, i18n.tr("不是有效的 Excel 工作簿（.xlsx），无法读取")) from None
    if len(infos) > limits.members:
        raise _fail(name, i18n.tr("工作簿内部文件过多（{n} 个），不像正常的 Excel 工作簿，未读取").format(n=len(infos)))
    total = sum(max(0, i.file_size) for i in infos)
    if total > limits.unzipped or (total > MIN_RATIO_CHECK and total > limits.ratio * size):
        raise _fail(name, i18n.tr("解压后过大（{n} MB），可能是恶意构造的文件，未读取").format(n=_mb(total)))
    for info in infos:
        if info.compress_type not in _SUPPORTED or info.flag_bits & 0x1:
            raise _fail(name, i18n.tr("使用了不支持的压缩或加密方式，无法读取；请用 Excel 打开后重新保存"))


def read_workbook(path: Path | str, *, skip: Callable[[str], bool] = lambda title: False,
                  limits: Limits = Limits()) -> list[Sheet]:
    """Every sheet not skipped, all its rows whatever ``<dimension>`` says; raises UserError."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    check_zip(path, limits)
    name = path.name
    deadline = time.monotonic() + limits.seconds
    sheet = ""
    try:
        with warnings.catch_warnings():  # openpyxl's English warnings about damaged parts; failures still raise
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
        try:
            sheets = []
            with zipfile.ZipFile(path) as z:
                for ws in wb.worksheets:
                    sheet = ws.title
                    if skip(sheet):
                        continue
                    ws.reset_dimensions()  # never trust <dimension>: read every row there is
                    rows = _rows(ws, name, limits, deadline)
                    merges = _merges(z.read(ws._worksheet_path), rows, name, sheet, limits, range_boundaries)
                    del rows[max([len(rows) and _last(rows), *(m[3] for m in merges)]):]
                    sheets.append(Sheet(sheet, rows, merges))
        finally:
            wb.close()
        return sheets
    except UserError:
        raise
    except (InvalidFileException, *READ_ERRORS):
        raise _fail(name, i18n.tr("不是有效的 Excel 工作簿（.xlsx），或文件已损坏，无法读取"), sheet) from None


def _rows(ws, name: str, limits: Limits, deadline: float) -> list[tuple]:
    rows: list[tuple] = []
    last = 0
    for row in ws.iter_rows(values_only=True):
        if len(rows) >= SCAN_FACTOR * limits.rows or (len(rows) >= limits.rows and any(v not in (None, "") for v in row)):
            raise _fail(name, i18n.tr("行数过多（超过 {n} 行），未读取").format(n=limits.rows), ws.title)
        if time.monotonic() > deadline:
            raise _fail(name, i18n.tr("读取超时（超过 {n} 秒），文件可能已损坏或过大，未读取").format(
                n=int(limits.seconds)), ws.title)
        end = len(row)
        while end and row[end - 1] in (None, ""):
            end -= 1
        if end > limits.cols:
            raise _fail(name, i18n.tr("第 {r} 行列数过多（超过 {n} 列），未读取").format(
                r=len(rows) + 1, n=limits.cols), ws.title)
        rows.append(tuple(row[:end]))
        if end:
            last = len(rows)
    del rows[max(last, limits.rows):]  # trailing empty rows (kept within the limit for merges over them)
    return rows


def _last(rows: list[tuple]) -> int:
    """The number of the last non-empty row."""
    return next((i for i in range(len(rows), 0, -1) if rows[i - 1]), 0)


def _merges(xml: bytes, rows: list[tuple], name: str, sheet: str, limits: Limits,
            range_boundaries) -> list[tuple[int, int, int, int]]:
    """Merged ranges clipped to the rows read; an absurd total area is refused."""
    merges = []
    area = 0
    height = len(rows)
    for m in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(m.decode())
        if min_row > height or min_col > limits.cols:
            continue
        max_row, max_col = min(max_row, height), min(max_col, limits.cols)
        if max_col - min_col < 2:  # narrow merges are filled down cell by cell
            area += (max_row - min_row + 1) * (max_col - min_col + 1)
        if area > limits.merged_cells:
            raise _fail(name, i18n.tr("合并单元格过多，未读取"), sheet)
        merges.append((min_col, min_row, max_col, max_row))
    return merges
