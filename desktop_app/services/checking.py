"""Checking a ledger file, and the progress meter of the long file jobs (check, restore, backup).

``check`` is the clerk's 检查台账; :func:`sound` is the part a backup must pass
before a restore accepts it. Both run long on a big ledger (seconds at
100,000 enterprises), so they report to a :class:`Meter` and stop when the
clerk presses 取消.
"""

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db import connection, diagnose, migrate, search_index
from desktop_app import i18n
from desktop_app.domain.codes import uscc_error
from desktop_app.errors import Cancelled, UserError

Progress = Callable[[int, int], bool]  # (done, total) → False once the clerk pressed 取消
SCALE = 1000  # the meter's whole bar


class _Root:
    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.cancelled = False
        self.last = 0.0  # when SQLite's handler last reported


class Meter:
    """One bar over the parts of a long job; ``part(lo, hi)`` is a share of it (fractions)."""

    def __init__(self, progress: Progress | None = None, lo: float = 0.0, hi: float = 1.0, root: _Root | None = None):
        self.root = root or _Root(progress)
        self.lo, self.hi = lo, hi
        self.fraction = 0.0

    def part(self, lo: float, hi: float) -> "Meter":
        width = self.hi - self.lo
        return Meter(lo=self.lo + width * lo, hi=self.lo + width * hi, root=self.root)

    def tick(self, fraction: float) -> bool:
        """Report ``fraction`` of this part; False once cancelled."""
        self.fraction = min(max(fraction, 0.0), 1.0)
        root = self.root
        if root.progress is not None and not root.cancelled:
            done = int(SCALE * (self.lo + (self.hi - self.lo) * self.fraction))
            if root.progress(done, SCALE) is False:
                root.cancelled = True
        return not root.cancelled

    def at(self, fraction: float) -> None:
        if not self.tick(fraction):
            raise Cancelled(i18n.tr("已取消，台账未改动"))

    def copy_progress(self) -> Callable[[int, int, int], None] | None:
        """For ``Connection.backup(progress=…)``: raising there stops the copy."""
        if self.root.progress is None:
            return None
        return lambda _status, remaining, total: self.at((total - remaining) / total if total else 1.0)

    @contextmanager
    def watching(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Long statements on ``conn`` stop when the clerk cancels (SQLite's progress handler)."""
        root = self.root
        if root.progress is None:
            yield
            return

        def handler() -> int:
            now = time.monotonic()
            if now - root.last > 0.05:
                root.last = now
                self.tick(self.fraction)
            return 1 if root.cancelled else 0

        conn.set_progress_handler(handler, 20000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if root.cancelled:
                raise Cancelled(i18n.tr("已取消，台账未改动")) from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)   # what is wrong and was left as it is
    repaired: list[str] = field(default_factory=list)   # what was wrong and has been put right


def check(ledger_path: Path | str, *, progress: Progress | None = None) -> CheckResult:
    """Check the ledger; rebuild search indexes that are out of step with their tables."""
    ledger_path = Path(ledger_path)
    meter = Meter(progress)
    version = connection.inspect(ledger_path)
    connection.remove_leftovers(ledger_path)
    result = CheckResult()
    # read-write connection so FTS5 accepts its 'integrity-check' command
    if problem := diagnose.file_problem(ledger_path):  # read-only or full: not damage, say what it is
        raise UserError(problem)
    conn = sqlite3.connect(ledger_path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 5000")
    try:
        with meter.watching(conn):
            stale = _read_checks(conn, version, result.problems, meter.part(0, 0.9))
            meter.at(0.9)  # the repair below is not cancelled halfway: it is one transaction
        if stale:
            _rebuild(conn, version, stale, result)
        meter.at(1.0)
    except sqlite3.Error as exc:  # busy, read-only: the ledger is not damaged
        raise UserError(diagnose.describe(exc, ledger_path)) from exc
    finally:
        conn.close()
    return result


def _read_checks(conn: sqlite3.Connection, version: int, problems: list[str],
                 meter: Meter) -> list[search_index.Stale]:
    """Everything but the repair, in a transaction that is rolled back; returns the stale indexes."""
    stale: list[search_index.Stale] = []
    conn.execute("BEGIN")
    try:
        if version < migrate.latest_version():
            problems.append(i18n.tr("结构版本 {v} 低于当前版本 {n}，打开时将自动升级").format(
                v=version, n=migrate.latest_version()))
        stale = sound(conn, version, problems, meter.part(0, 0.95))
        for row in conn.execute("SELECT name, uscc FROM enterprises WHERE deleted_at IS NULL AND is_sample = 0"):
            if err := uscc_error(row["uscc"]):
                problems.append(i18n.tr("企业“{name}”：{err}").format(name=row["name"], err=err))
    except sqlite3.DatabaseError as exc:
        if diagnose.is_environmental(exc) or meter.root.cancelled:
            raise
        problems.append(i18n.tr("读取台账出错：{reason}").format(reason=exc))
    finally:
        conn.execute("ROLLBACK")
    return stale


def sound(conn: sqlite3.Connection, version: int, problems: list[str],
          meter: Meter | None = None) -> list[search_index.Stale]:
    """Integrity, references and the unit (into ``problems``); returns the stale search indexes.

    Run it inside ``meter.watching(conn)`` for 取消 to stop its long statements.
    """
    meter = meter or Meter()
    meter.at(0)
    integrity, references, search = meter.part(0, 0.45), meter.part(0.45, 0.55), meter.part(0.55, 1)
    integrity.at(0)
    for row in conn.execute("PRAGMA integrity_check"):
        if row[0] != "ok":
            problems.append(i18n.tr("完整性检查：{msg}").format(msg=row[0]))
    references.at(0)
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(i18n.tr("表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录").format(
            table=row[0], rowid=row[1], parent=row[2]))
    search.at(0)
    stale = search_index.stale(conn, version)
    if not conn.execute("SELECT 1 FROM settings s JOIN units u ON u.id = s.value "
                        "WHERE s.key = 'unit_id'").fetchone():
        problems.append(i18n.tr("未设置本单位"))
    meter.at(1)
    return stale


def describe(item: search_index.Stale) -> str:
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
        result.problems.extend(i18n.tr("{what}，重建失败：{reason}").format(what=describe(item), reason=exc)
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
            result.problems.append(i18n.tr("{what}，重建后仍不一致").format(what=describe(item)))
        else:
            result.repaired.append(i18n.tr("{what}，已重建").format(what=describe(item)))
