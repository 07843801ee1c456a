"""Backup, restore and integrity check of a ledger file."""

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from db import connection, diagnose, lock, migrate, search_index
from desktop_app import i18n
from desktop_app.domain.codes import uscc_error
from desktop_app.errors import OtherUnitBackup, UserError
from desktop_app.fileio import atomic_output, describe_os_error


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    finally:
        target.close()


def backup(ledger_path: Path | str, out: Path | str) -> Path:
    """A consistent copy of the ledger (safe while the window has it open)."""
    ledger_path, out = Path(ledger_path), Path(out)
    connection.inspect(ledger_path)
    if out.resolve() == ledger_path.resolve():
        raise UserError(i18n.tr("备份文件不能与台账文件相同：{path}").format(path=out))
    if out.is_dir():
        raise UserError(i18n.tr("请给出备份文件名，而不是文件夹：{path}").format(path=out))
    source = sqlite3.connect(f"{ledger_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with atomic_output(out) as tmp:
            try:
                _copy_database(source, tmp)
            except sqlite3.OperationalError as exc:
                if "full" in str(exc).lower():
                    raise UserError(i18n.tr("磁盘空间不足，无法写入 {path}").format(path=out)) from exc
                raise UserError(i18n.tr("备份失败：{reason}").format(reason=exc)) from exc
    finally:
        source.close()
    return out


def _unit_name(path: Path) -> str | None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT u.name FROM settings s JOIN units u ON u.id = s.value "
                           "WHERE s.key = 'unit_id'").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def restore(ledger_path: Path | str, source: Path | str, *, allow_other_unit: bool = False) -> Path | None:
    """Put a backup in place of the ledger; the current file is kept aside first.

    Refused while the ledger is open elsewhere (its saves would vanish under it);
    holds the ledger's lock while it works, so nothing opens it halfway.
    Returns where the previous ledger was kept (None when there was none).
    """
    ledger_path = Path(ledger_path)
    try:
        held = lock.acquire(ledger_path)
    except lock.LedgerBusy as exc:
        raise lock.LedgerBusy(i18n.tr("台账正由{who}打开，不能恢复。请先关闭那边的台账：{path}").format(
            who=lock.describe_holder(lock.holder_now(ledger_path)), path=ledger_path)) from exc
    try:
        return _restore(ledger_path, Path(source), allow_other_unit=allow_other_unit)
    finally:
        held.release()


def _restore(ledger_path: Path, source: Path, *, allow_other_unit: bool) -> Path | None:
    connection.inspect(source)  # not ours, newer, corrupt → UserError, nothing touched
    kept: Path | None = None
    if ledger_path.exists():
        connection.inspect(ledger_path)
        ours, theirs = _unit_name(ledger_path), _unit_name(source)
        if not allow_other_unit and ours and theirs and ours != theirs:
            raise OtherUnitBackup(i18n.tr("备份属于“{theirs}”，当前台账属于“{ours}”，未恢复").format(
                theirs=theirs, ours=ours), option="--force")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = ledger_path.with_name(f"{ledger_path.name}.before-restore-{stamp}.bak")
        backup(ledger_path, kept)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with atomic_output(ledger_path) as tmp:
            _copy_database(src, tmp)
            for suffix in ("-wal", "-shm"):
                stale = Path(f"{ledger_path}{suffix}")
                if stale.exists():
                    try:
                        stale.unlink()
                    except OSError as exc:
                        raise UserError(describe_os_error(exc, stale)) from exc
    finally:
        src.close()
    connection.open_existing(ledger_path).close()  # migrate an older backup forward
    return kept


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)   # what is wrong and was left as it is
    repaired: list[str] = field(default_factory=list)   # what was wrong and has been put right


def check(ledger_path: Path | str) -> CheckResult:
    """Check the ledger; rebuild search indexes that are out of step with their tables."""
    ledger_path = Path(ledger_path)
    version = connection.inspect(ledger_path)
    result = CheckResult()
    # read-write connection so FTS5 accepts its 'integrity-check' command
    if problem := diagnose.file_problem(ledger_path):  # read-only or full: not damage, say what it is
        raise UserError(problem)
    conn = sqlite3.connect(ledger_path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 5000")
    try:
        stale = _read_checks(conn, version, result.problems)
        if stale:
            _rebuild(conn, version, stale, result)
    except sqlite3.Error as exc:  # busy, read-only: the ledger is not damaged
        raise UserError(diagnose.describe(exc, ledger_path)) from exc
    finally:
        conn.close()
    return result


def _read_checks(conn: sqlite3.Connection, version: int, problems: list[str]) -> list[search_index.Stale]:
    """Everything but the repair, in a transaction that is rolled back; returns the stale indexes."""
    stale: list[search_index.Stale] = []
    conn.execute("BEGIN")
    try:
        if version < migrate.latest_version():
            problems.append(i18n.tr("结构版本 {v} 低于当前版本 {n}，打开时将自动升级").format(
                v=version, n=migrate.latest_version()))
        for row in conn.execute("PRAGMA integrity_check"):
            if row[0] != "ok":
                problems.append(i18n.tr("完整性检查：{msg}").format(msg=row[0]))
        for row in conn.execute("PRAGMA foreign_key_check"):
            problems.append(i18n.tr("表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录").format(
                table=row[0], rowid=row[1], parent=row[2]))
        stale = search_index.stale(conn, version)
        if not conn.execute("SELECT 1 FROM settings s JOIN units u ON u.id = s.value "
                            "WHERE s.key = 'unit_id'").fetchone():
            problems.append(i18n.tr("未设置本单位"))
        for row in conn.execute("SELECT name, uscc FROM enterprises WHERE deleted_at IS NULL AND is_sample = 0"):
            if err := uscc_error(row["uscc"]):
                problems.append(i18n.tr("企业“{name}”：{err}").format(name=row["name"], err=err))
    except sqlite3.DatabaseError as exc:
        if diagnose.is_environmental(exc):
            raise
        problems.append(i18n.tr("读取台账出错：{reason}").format(reason=exc))
    finally:
        conn.execute("ROLLBACK")
    return stale


def _describe(item: search_index.Stale) -> str:
    if item.missing is None:
        return i18n.tr("检索索引 {name} 与数据不一致").format(name=item.index)
    return i18n.tr("检索索引 {name} 与企业名称不一致（缺 {missing} 条，多 {extra} 条）").format(
        name=item.index, missing=item.missing, extra=item.extra)


def _rebuild(conn: sqlite3.Connection, version: int, stale: list[search_index.Stale],
             result: CheckResult) -> None:
    """Rebuild the stale indexes in one transaction, then look again."""
    try:
        with connection.transaction(conn):
            for item in stale:
                search_index.rebuild(conn, item.index)
    except sqlite3.DatabaseError as exc:
        if diagnose.is_environmental(exc):
            raise
        result.problems.extend(i18n.tr("{what}，重建失败：{reason}").format(what=_describe(item), reason=exc)
                               for item in stale)
        return
    still = set()
    conn.execute("BEGIN")
    try:
        still = {item.index for item in search_index.stale(conn, version)}
    finally:
        conn.execute("ROLLBACK")
    for item in stale:
        if item.index in still:
            result.problems.append(i18n.tr("{what}，重建后仍不一致").format(what=_describe(item)))
        else:
            result.repaired.append(i18n.tr("{what}，已重建").format(what=_describe(item)))


def schema_version() -> int:
    """The newest ledger schema this program writes (for the About box)."""
    return migrate.latest_version()


def ensure_writable_folder(path: Path) -> None:
    if not os.access(path.parent, os.W_OK):
        raise UserError(i18n.tr("没有写入权限：{path}").format(path=path.parent))
