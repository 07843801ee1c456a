"""Opening a ledger file: pragmas, identity checks, migrations.

A ledger is one SQLite file marked with our ``application_id``. Opening
anything else — a stray file, a ledger from a newer program, a damaged file,
a file in a folder we cannot write — fails with one clear ``UserError`` and
leaves the file as it was.
"""

import glob
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db import diagnose, migrate
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.fileio import describe_os_error

APPLICATION_ID = 0x43584C47  # "CXLG": 创新台账


def _raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise sqlite3.OperationalError("cannot switch to WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # 32 MB page cache (default 2 MB): a year of monthly progress for a big task list
    # is ~25 MB, and re-reading it from the OS on every refresh doubles the query time
    conn.execute("PRAGMA cache_size = -32768")


def create(path: Path | str) -> sqlite3.Connection:
    """Create a new, empty ledger at the newest schema version."""
    path = Path(path)
    if path.exists():
        raise UserError(i18n.tr("文件已存在，不会覆盖：{path}").format(path=path))
    if not path.parent.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=path.parent))
    try:
        conn = _raw_connect(path)
        _configure(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate.upgrade(conn, path, backup=False)
    except sqlite3.Error as exc:
        _remove_quietly(path)
        raise UserError(i18n.tr("无法创建台账文件 {path}：{reason}").format(path=path, reason=exc)) from exc
    except OSError as exc:
        _remove_quietly(path)
        raise UserError(describe_os_error(exc, path)) from exc
    return conn


def temp_prefix(path: Path) -> str:
    """How temporary copies made beside the ledger ``path`` (restore, kept copies) begin."""
    return f".~{path.name}."


def kept_copy(path: Path, stamp: str, n: int) -> Path:
    """Where restore keeps the ledger ``path`` it replaces (``n`` > 1: a second restore in the same second)."""
    return path.with_name(f"{path.name}.before-restore-{stamp}{f'-{n}' if n > 1 else ''}.bak")


def _ours(candidate: Path) -> bool:
    try:
        with candidate.open("rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def remove_leftovers(path: Path | str) -> list[Path]:
    """Delete the temporary copies a killed restore left beside the ledger ``path``.

    Only our own names: ``.~<ledger name>.…`` (what restore makes now), the
    older ``.~xxxxxxxx<suffix>`` copies of this program's ledgers, and an empty
    kept-copy name (:func:`kept_copy`) a restore claimed before it was killed. A restore
    still running elsewhere loses its copy and fails before its swap, leaving
    the ledger as it was (on Windows an open copy cannot be deleted at all).
    """
    path = Path(path)
    legacy = re.compile(r"\.~[a-z0-9_]{8}(" + re.escape(path.suffix) + r"|\.bak)")
    removed = []
    try:
        candidates = [c for c in path.parent.glob(".~*")
                      if c.name.startswith(temp_prefix(path)) or (legacy.fullmatch(c.name) and _ours(c))]
        # a kept copy's name claimed by a restore killed before the copy was in: an empty file
        kept = glob.escape(kept_copy(path, "STAMP", 1).name).replace("STAMP", "*")
        candidates += [c for c in path.parent.glob(kept) if c.stat().st_size == 0]
    except OSError:
        return removed
    for candidate in candidates:
        try:
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


def open_existing(path: Path | str, *, upgrade: bool = True, read_only: bool = False) -> sqlite3.Connection:
    """Open an existing ledger; migrate it forward (with a backup first).

    ``read_only``: a reader (``report``) of a current ledger in a read-only file or folder
    still gets a connection, one that cannot write.
    """
    path = Path(path)
    version = inspect(path)
    if problem := diagnose.file_problem(path):  # read-only file or folder, full disk: say so first
        if read_only and version == migrate.latest_version():
            return _read_only_connect(path)
        raise UserError(problem)
    remove_leftovers(path)
    conn = None
    try:
        conn = _raw_connect(path)
        _configure(conn)
        _drop_stale_journal(path)
        if upgrade:
            migrate.upgrade(conn, path, backup=True)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise UserError(diagnose.describe(exc, path)) from exc
    return conn


def _drop_stale_journal(path: Path) -> None:
    """A rollback journal left by a process killed while the ledger was briefly out of WAL mode (restore).

    Switching to WAL read the file first, and SQLite rolls a hot journal back before any read and
    deletes it; it needed the file to itself, so nobody is writing one now. What is left holds nothing
    to roll back (seen: a journal created an instant before the kill), and would lie there forever.
    """
    journal = Path(f"{path}-journal")
    try:
        journal.unlink()
    except FileNotFoundError:
        return
    except OSError:
        return  # kept open elsewhere (Windows): harmless, tried again at the next open


def _frozen(path: Path) -> bool:
    """Nobody can be writing it: a folder we cannot write, and no write-ahead log beside the file."""
    return not diagnose.folder_writable(path.parent) and not Path(f"{path}-wal").exists()


def _ro_uri(path: Path) -> str:
    # in a read-only folder SQLite cannot make the -shm file a WAL reader needs; immutable needs none
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if _frozen(path) else "")


def _read_only_connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(_ro_uri(path), uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT COUNT(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error as exc:
        raise UserError(diagnose.describe(exc, path)) from exc
    return conn


def inspect(path: Path) -> int:
    """Check that ``path`` is a sound ledger this program can read.

    Returns its schema version. Opens read-only, so nothing is changed.
    """
    if not path.exists():
        raise UserError(i18n.tr("台账文件不存在：{path}").format(path=path))
    if not path.is_file():
        raise UserError(i18n.tr("不是文件：{path}").format(path=path))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc
    if header != b"SQLite format 3\x00":
        raise UserError(i18n.tr("不是台账文件（不是 SQLite 数据库）：{path}").format(path=path))
    try:
        try:
            app_id, version, ok = _read_header(path)
        except sqlite3.OperationalError as exc:
            # a process killed mid-write leaves a write-ahead log a read-only connection may not recover
            # (SQLITE_READONLY_RECOVERY); a writable file is recovered by one ordinary open, then read again
            if "readonly" not in str(exc).replace(" ", "") or diagnose.file_problem(path):
                raise
            rw = sqlite3.connect(path)
            try:
                rw.execute("PRAGMA user_version").fetchone()  # the first read recovers the log
            finally:
                rw.close()
            app_id, version, ok = _read_header(path)
    except sqlite3.Error as exc:
        raise UserError(diagnose.describe(exc, path)) from exc
    if app_id != APPLICATION_ID:
        raise UserError(i18n.tr("不是本程序的台账文件：{path}").format(path=path))
    if ok != "ok":
        raise UserError(i18n.tr("台账文件已损坏（完整性检查未通过）：{path}").format(path=path))
    if version > migrate.latest_version():
        raise UserError(
            i18n.tr("该台账由更新版本的程序创建（结构版本 {found}，本程序支持到 {ours}），请先升级程序：{path}").format(
                found=version, ours=migrate.latest_version(), path=path
            )
        )
    return version


def _read_header(path: Path) -> tuple[int, int, str]:
    ro = sqlite3.connect(_ro_uri(path), uri=True)
    try:
        return (ro.execute("PRAGMA application_id").fetchone()[0], ro.execute("PRAGMA user_version").fetchone()[0],
                ro.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        ro.close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write = one transaction; nested use joins the outer one."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # may fail (a deferred foreign key, a full disk) and leave the transaction open
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _remove_quietly(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
        except OSError:
            pass
