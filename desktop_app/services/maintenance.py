"""Backup, restore and integrity check of a ledger file."""

import itertools
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from db import connection, lock, migrate
from db.records import Writer
from desktop_app import i18n
from desktop_app.errors import OtherUnitBackup, UserError
from desktop_app.fileio import atomic_output, describe_os_error
from desktop_app.services.checking import CheckResult, Meter, Progress, check, describe, sound

__all__ = ["CheckResult", "backup", "check", "restore", "schema_version"]  # check lives in checking


def _copy_database(source: sqlite3.Connection, target_path: Path, meter: Meter | None = None) -> None:
    target = sqlite3.connect(target_path)
    try:
        if meter is None or meter.copy_progress() is None:
            source.backup(target)
        else:  # in steps, so the bar moves and 取消 stops it
            source.backup(target, pages=1024, progress=meter.copy_progress())
        target.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    finally:
        target.close()


def backup(ledger_path: Path | str, out: Path | str, *, operator: str | None = None,
           progress: Progress | None = None) -> Path:
    """A consistent copy of the ledger (safe while the window has it open), noted in its audit log.

    ``progress`` as for :func:`restore`: 取消 leaves no file behind."""
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
                _copy_database(source, tmp, Meter(progress))
            except sqlite3.OperationalError as exc:
                if "full" in str(exc).lower():
                    raise UserError(i18n.tr("磁盘空间不足，无法写入 {path}").format(path=out)) from exc
                raise UserError(i18n.tr("备份失败：{reason}").format(reason=exc)) from exc
    finally:
        source.close()
    _log_backup(ledger_path, out, operator)
    return out


def _log_backup(ledger_path: Path, out: Path, operator: str | None) -> None:
    """The backup holds personal data: say in the ledger's log where it went.

    A ledger that cannot be written (a read-only file or folder) keeps its
    backup but cannot record it; that is left as it is.
    """
    conn = sqlite3.connect(ledger_path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if operator is None:
            row = conn.execute("SELECT value FROM settings WHERE key = 'operator'").fetchone()
            operator = row[0] if row and row[0] else i18n.tr("未署名")
        with connection.transaction(conn):
            Writer(conn, operator, None).log("bulk", "*", None, None, {"backup_to": str(out.resolve())})
    except sqlite3.OperationalError:
        pass
    finally:
        conn.close()


def _unit_name(path: Path) -> str | None:
    """The unit a ledger or backup belongs to (None: none set, or unreadable — the full check says why)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT u.name FROM settings s JOIN units u ON u.id = s.value "
                               "WHERE s.key = 'unit_id'").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def restore(ledger_path: Path | str, source: Path | str, *, allow_other_unit: bool = False,
            progress: Progress | None = None) -> Path | None:
    """Put a backup in place of the ledger; the current file is kept aside first.

    The backup is copied beside the ledger, checked in full (integrity,
    references, search indexes, unit) and migrated there; only then is the
    current ledger's WAL written into it, a copy of it kept under a name of its
    own, and the new file renamed over it. Whatever fails before that rename
    leaves the ledger with every committed change. Returns where the previous
    ledger was kept (None when there was none).

    Refused while the ledger is open elsewhere (its saves would vanish under it);
    holds the ledger's lock while it works, so nothing opens it halfway.
    ``progress(done, total)`` hears how far it is; returning False stops it with
    ``Cancelled`` (up to the swap), the ledger untouched.
    """
    ledger_path = Path(ledger_path)
    try:
        held = lock.acquire(ledger_path)
    except lock.LedgerBusy as exc:
        raise lock.LedgerBusy(i18n.tr("台账正由{who}打开，不能恢复。请先关闭那边的台账：{path}").format(
            who=lock.describe_holder(lock.holder_now(ledger_path)), path=ledger_path)) from exc
    try:
        return _restore(ledger_path, Path(source), allow_other_unit=allow_other_unit, meter=Meter(progress))
    finally:
        held.release()


def _restore(ledger_path: Path, source: Path, *, allow_other_unit: bool, meter: Meter) -> Path | None:
    meter.at(0)
    connection.remove_leftovers(ledger_path)
    version = connection.inspect(source)  # not ours, newer, corrupt → UserError, nothing touched
    if ledger_path.exists():
        connection.inspect(ledger_path)
        ours, theirs = _unit_name(ledger_path), _unit_name(source)  # asked first, before the long work
        if not allow_other_unit and ours and theirs and ours != theirs:
            raise OtherUnitBackup(i18n.tr("备份属于“{theirs}”，当前台账属于“{ours}”，未恢复").format(
                theirs=theirs, ours=ours), option="--force")
    tmp = _temp_beside(ledger_path, "restore-")
    kept: Path | None = None
    try:
        _copy_file(source, tmp, ledger_path, meter.part(0.02, 0.3))
        if problems := _backup_problems(tmp, version, meter.part(0.3, 0.8)):
            raise UserError(i18n.tr("备份未通过检查，未恢复（台账未改动）：{path}\n{problems}").format(
                path=source, problems="\n".join(problems[:10])))
        meter.at(0.8)
        _migrate_copy(tmp)
        meter.at(0.85)
        if ledger_path.exists():
            try:  # the copy kept aside is read through the WAL: until the swap, the ledger is not touched
                kept = _keep_aside(ledger_path, meter.part(0.86, 0.99))
                meter.at(0.99)  # the last moment 取消 is heard: what follows is the settle and one rename
                _settle(ledger_path)  # its WAL into the file, or that WAL would be read into the new one
            except BaseException:
                if kept is not None:
                    kept.unlink(missing_ok=True)  # nothing was replaced: no copy to keep
                raise
        else:
            meter.at(0.99)
        try:
            os.replace(tmp, ledger_path)
        except OSError as exc:
            raise UserError(i18n.tr("无法替换台账文件 {path}（{reason}），未恢复；原台账未改动，数据完整").format(
                path=ledger_path, reason=exc.strerror or exc)) from exc
    finally:
        connection.remove_leftovers(ledger_path)  # the copy, when it was not moved into place
    shm = Path(f"{ledger_path}-shm")
    if shm.exists() and not Path(f"{ledger_path}-wal").exists():
        shm.unlink(missing_ok=True)  # the index of a WAL that is gone
    connection.open_existing(ledger_path).close()
    meter.tick(1.0)  # done: too late for 取消 to undo anything
    return kept


def _temp_beside(ledger_path: Path, kind: str) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=connection.temp_prefix(ledger_path) + kind, suffix=ledger_path.suffix,
                                    dir=ledger_path.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(describe_os_error(exc, ledger_path)) from exc
    return Path(name)


def _copy_file(source: Path, target: Path, ledger_path: Path, meter: Meter) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _copy_database(src, target, meter)
    except sqlite3.Error as exc:
        if "full" in str(exc).lower():
            raise UserError(i18n.tr("磁盘空间不足，无法写入 {path}").format(path=ledger_path)) from exc
        raise UserError(i18n.tr("无法复制备份 {path}：{reason}").format(path=source, reason=exc)) from exc
    except OSError as exc:
        raise UserError(describe_os_error(exc, ledger_path)) from exc
    finally:
        src.close()


def _backup_problems(path: Path, version: int, meter: Meter) -> list[str]:
    """Why the copy of a backup at ``path`` must not become the ledger (empty: it may)."""
    problems: list[str] = []
    conn = sqlite3.connect(path, isolation_level=None)  # our own copy: FTS5 checks need read-write
    try:
        conn.execute("BEGIN")
        try:
            with meter.watching(conn):
                problems.extend(describe(item) for item in sound(conn, version, problems, meter))
        except sqlite3.DatabaseError as exc:
            problems.append(i18n.tr("读取台账出错：{reason}").format(reason=exc))
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
    return problems


def _migrate_copy(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate.upgrade(conn, path, backup=False)  # the backup file itself is the copy of the old version
    except sqlite3.Error as exc:
        raise UserError(i18n.tr("备份无法升级到当前结构版本，未恢复（台账未改动）：{reason}").format(reason=exc)) from exc
    finally:
        conn.close()


def _settle(ledger_path: Path) -> None:
    """Write the ledger's WAL into its file (leaving no WAL), so the file alone holds every change."""
    conn = sqlite3.connect(ledger_path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.Error as exc:
        mode = str(exc)
    finally:
        conn.close()
    if "locked" in str(mode).lower():
        raise UserError(i18n.tr("台账正被其他窗口或程序使用，请先关闭后再恢复（台账未改动）：{path}").format(
            path=ledger_path))
    if str(mode).lower() != "delete":
        raise UserError(i18n.tr("无法把最近的修改写入台账文件（{reason}），未恢复，台账未改动：{path}").format(
            reason=mode, path=ledger_path))


def _keep_aside(ledger_path: Path, meter: Meter) -> Path:
    """A copy of the current ledger under a name no earlier copy has."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        kept = connection.kept_copy(ledger_path, stamp, n)
        try:
            kept.open("xb").close()  # claimed: a second restore in the same second takes the next name
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise UserError(describe_os_error(exc, kept)) from exc
    src = sqlite3.connect(f"{ledger_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with atomic_output(kept, prefix=connection.temp_prefix(ledger_path) + "keep-") as tmp:
            _copy_database(src, tmp, meter)
    except BaseException:
        kept.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return kept


def schema_version() -> int:
    """The newest ledger schema this program writes (for the About box)."""
    return migrate.latest_version()


def ensure_writable_folder(path: Path) -> None:
    if not os.access(path.parent, os.W_OK):
        raise UserError(i18n.tr("没有写入权限：{path}").format(path=path.parent))
