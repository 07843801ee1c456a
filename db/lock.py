"""One writer per ledger: a lock file beside it, held while a Ledger is open for writing.

SQLite alone lets two programs write in turn, and a restore under another
program's feet loses that program's saves. So the window and every writing
command hold ``<ledger>.lock`` (an OS lock: ``flock`` on POSIX,
``msvcrt.locking`` on Windows) with a note of who holds it. The OS drops the
lock when a process dies, so a lock file left by a crash is simply taken over.
"""

import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.fileio import describe_os_error

_LOCK_AT = 1 << 20  # Windows locks are mandatory: lock a byte past the note so others can read it
_held: dict[str, "LedgerLock"] = {}  # this process's locks, by normalised ledger path
_guard = threading.Lock()
_program = ""


class LedgerBusy(UserError):
    """The ledger is open for writing elsewhere (another program, or another window here)."""


def set_program(name: str) -> None:
    """What the note calls this process (the window, or ``命令行 import-tasks``)."""
    global _program
    _program = name


def lock_path(ledger: Path | str) -> Path:
    return Path(f"{ledger}.lock")


def _key(ledger: Path) -> str:
    return os.path.normcase(os.path.abspath(ledger))


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(ledger: Path | str) -> dict | None:
    """The note in the lock file, if there is a readable one."""
    try:
        with open(lock_path(ledger), "rb") as fh:
            data = json.loads(fh.read(4096).decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def describe_holder(holder: dict | None) -> str:
    if not holder:
        return i18n.tr("另一个程序")
    return i18n.tr("{operator}（{program}，计算机 {host}，进程 {pid}，自 {since} 起）").format(
        operator=holder.get("operator") or i18n.tr("未署名"), program=holder.get("program") or i18n.tr("创新台账"),
        host=holder.get("host", "?"), pid=holder.get("pid", "?"), since=holder.get("since", "?"))


def busy_message(ledger: Path | str, holder: dict | None) -> str:
    return i18n.tr("台账正由{who}打开，不能同时修改。请先在那里关闭台账再试：{path}").format(
        who=describe_holder(holder), path=ledger)


def holder_now(ledger: Path | str) -> dict | None:
    """Who holds the lock right now (None: nobody, or a stale note after a crash)."""
    ledger = Path(ledger)
    with _guard:
        mine = _held.get(_key(ledger))
    if mine is not None:
        return dict(mine.note)
    path = lock_path(ledger)
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return read_holder(ledger)  # cannot open it to test: trust the note
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return read_holder(ledger) or {}
    finally:
        os.close(fd)


@dataclass
class LedgerLock:
    ledger: Path
    fd: int
    note: dict

    def update(self, **fields: str) -> None:
        self.note.update(fields)
        self._write()

    def _write(self) -> None:
        data = json.dumps(self.note, ensure_ascii=False).encode("utf-8")
        try:
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)
        except OSError:
            pass  # the OS lock is what counts; the note is a courtesy

    def release(self) -> None:
        with _guard:
            if _held.get(_key(self.ledger)) is not self:
                return
            del _held[_key(self.ledger)]
        path = lock_path(self.ledger)
        if sys.platform != "win32":
            try:  # unlink while still locked: a waiting opener sees the inode change and retries
                path.unlink()
            except OSError:
                pass
        try:
            _unlock(self.fd)
        except OSError:
            pass
        os.close(self.fd)
        if sys.platform == "win32":
            try:  # fails harmlessly if another program has it open already
                path.unlink()
            except OSError:
                pass


def acquire(ledger: Path | str, operator: str = "") -> LedgerLock:
    """Take the ledger's lock or raise :class:`LedgerBusy` naming the holder."""
    ledger = Path(ledger)
    key = _key(ledger)
    path = lock_path(ledger)
    with _guard:
        if key in _held:
            raise LedgerBusy(busy_message(ledger, _held[key].note))
        for _ in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
            except OSError as exc:
                raise UserError(describe_os_error(exc, path)) from exc
            if not _try_lock(fd):
                os.close(fd)
                raise LedgerBusy(busy_message(ledger, read_holder(ledger)))
            if sys.platform != "win32" and not _same_file(fd, path):
                _unlock(fd)  # the holder removed it as we opened it: try the new one
                os.close(fd)
                continue
            break
        else:
            raise LedgerBusy(busy_message(ledger, read_holder(ledger)))
        note = {"program": _program or i18n.tr("创新台账"), "pid": os.getpid(), "operator": operator,
                "host": socket.gethostname(), "since": datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
        lock = LedgerLock(ledger, fd, note)
        lock._write()
        _held[key] = lock
        return lock


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
