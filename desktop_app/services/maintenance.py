"""Backup, restore and integrity check of a ledger file."""

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from db import connection, migrate
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

    Returns where the previous ledger was kept (None when there was none).
    """
    ledger_path, source = Path(ledger_path), Path(source)
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


def check(ledger_path: Path | str) -> list[str]:
    """Problems found in the ledger; an empty list means it is sound."""
    ledger_path = Path(ledger_path)
    version = connection.inspect(ledger_path)
    problems: list[str] = []
    # read-write connection so FTS5 accepts its 'integrity-check' command;
    # everything runs inside a transaction that is rolled back
    conn = sqlite3.connect(ledger_path, isolation_level=None)
    conn.row_factory = sqlite3.Row
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
        if version >= 2:
            for fts in ("enterprises_fts", "talent_fts", "platforms_fts"):
                try:
                    conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
                except sqlite3.DatabaseError as exc:
                    problems.append(i18n.tr("检索索引 {name} 与数据不一致：{reason}").format(name=fts, reason=exc))
        if not conn.execute("SELECT 1 FROM settings s JOIN units u ON u.id = s.value "
                            "WHERE s.key = 'unit_id'").fetchone():
            problems.append(i18n.tr("未设置本单位"))
        for row in conn.execute("SELECT name, uscc FROM enterprises WHERE deleted_at IS NULL AND is_sample = 0"):
            if err := uscc_error(row["uscc"]):
                problems.append(i18n.tr("企业“{name}”：{err}").format(name=row["name"], err=err))
    except sqlite3.DatabaseError as exc:
        problems.append(i18n.tr("读取台账出错：{reason}").format(reason=exc))
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    return problems


def schema_version() -> int:
    """The newest ledger schema this program writes (for the About box)."""
    return migrate.latest_version()


def ensure_writable_folder(path: Path) -> None:
    if not os.access(path.parent, os.W_OK):
        raise UserError(i18n.tr("没有写入权限：{path}").format(path=path.parent))
