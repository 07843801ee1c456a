"""What is really wrong when SQLite refuses a ledger: one Chinese sentence per cause.

"database is locked", "unable to open database file" and "attempt to write a
readonly database" are not damage; calling them damage makes a clerk throw
away a good ledger. Only SQLite's own corruption codes are reported as damage.
"""

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from db import lock
from desktop_app import i18n

SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(exc: sqlite3.Error) -> bool:
    return _code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in str(exc).lower()


def is_environmental(exc: sqlite3.Error) -> bool:
    """Something outside the file is in the way: another writer, a read-only file or folder, a full disk."""
    text = str(exc).lower()
    return (is_busy(exc) or _code(exc) in (SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PERM)
            or "readonly" in text or "disk is full" in text)


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the bytes are wrong (not: busy, read-only, cannot open, disk full)."""
    code = _code(exc)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def busy(path: Path | str) -> str:
    holder = lock.holder_now(path)
    if holder is not None and holder.get("pid") == os.getpid():  # we hold the lock: our background work, or a stranger
        return i18n.tr("台账正忙：本程序的后台任务（如导入）或另一个程序正在修改台账，请稍后再试：{path}").format(path=path)
    if holder is not None:
        return i18n.tr("另一个程序正在修改台账：{who}。请稍后再试，或先关闭那边的台账：{path}").format(
            who=lock.describe_holder(holder), path=path)
    return i18n.tr("另一个程序正在修改台账，请稍后再试：{path}").format(path=path)


def damaged(path: Path | str) -> str:
    return i18n.tr("台账文件已损坏，无法读取：{path}").format(path=path)


def folder_writable(folder: Path) -> bool:
    """Can we make a file in ``folder``? (Windows' ``os.access`` ignores the folder's permissions: try it.)"""
    if not os.access(folder, os.W_OK):
        return False
    if sys.platform != "win32":
        return True
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".~probe"):
            return True
    except OSError:
        return False


def file_problem(path: Path) -> str | None:
    """What the file system says is in the way (missing, read-only, full), or None."""
    if not path.exists():
        return i18n.tr("台账文件不存在：{path}").format(path=path)
    if not os.access(path, os.R_OK):
        return i18n.tr("没有读取台账文件的权限：{path}").format(path=path)
    if not os.access(path, os.W_OK):
        return i18n.tr("台账文件是只读的（文件属性或权限），不能修改：{path}。请取消只读后再打开").format(path=path)
    folder = path.parent
    if not folder_writable(folder):
        return i18n.tr("台账所在文件夹是只读的，不能修改台账（需要在文件夹里写入临时文件）：{folder}。"
                       "台账本身没有损坏：{path}").format(folder=folder, path=path)
    try:
        if shutil.disk_usage(folder).free < 64 * 1024:
            return i18n.tr("磁盘空间不足，无法打开台账：{path}").format(path=path)
    except OSError:
        pass
    return None


def describe(exc: sqlite3.Error, path: Path | str) -> str:
    """The message for ``exc`` raised while opening or reading the ledger at ``path``."""
    path = Path(path)
    code = _code(exc)
    if is_busy(exc):
        return busy(path)
    if code == SQLITE_FULL or "disk is full" in str(exc).lower():
        return i18n.tr("磁盘空间不足，无法打开台账（台账未改动）：{path}").format(path=path)
    if code == SQLITE_NOTADB:
        return i18n.tr("不是台账文件（不是 SQLite 数据库）：{path}").format(path=path)
    if is_damage(exc):
        return damaged(path)
    problem = file_problem(path)
    if problem:
        return problem
    return i18n.tr("无法打开台账 {path}：{reason}").format(path=path, reason=exc)
