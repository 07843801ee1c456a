"""The open ledger: one file, one owning unit, one operator.

Every service function takes a :class:`Ledger`. Background work opens its own
connection with :meth:`Ledger.reopen` (SQLite connections stay in the thread
that uses them; WAL lets readers and the one writer work side by side).
"""

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db import connection, diagnose, location
from db import lock as ledger_lock
from db.records import Writer
from desktop_app import i18n
from desktop_app.domain.codes import division_code_error
from desktop_app.errors import UserError, ValidationError

LEVELS = ("county", "township", "zone", "city", "department")
LOWER_LEVELS = ("township", "zone", "department")  # units that report to a county


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str
    code: str
    parent_id: str | None
    parent_name: str | None

    @property
    def level_label(self) -> str:
        return level_label(self.level)


def level_label(level: str) -> str:
    return {"county": i18n.tr("县（市、区）"), "township": i18n.tr("乡（镇）"), "zone": i18n.tr("开发区"),
            "city": i18n.tr("市"), "department": i18n.tr("县直部门")}.get(level, level)


@dataclass(frozen=True)
class Changes:
    """What one committed write touched: table → row ids (``None`` among them: many rows).

    Like Anki's ``OpChanges``: the window hands it to every tab, and a tab
    refreshes only when it shows one of the tables.
    """

    tables: dict[str, frozenset[str | None]]

    def touches(self, tables: Iterable[str]) -> bool:
        return not self.tables.keys().isdisjoint(tables)

    def ids(self, table: str) -> frozenset[str | None]:
        return self.tables.get(table, frozenset())

    def __bool__(self) -> bool:
        return bool(self.tables)


EVERYTHING = "*"  # a Changes naming this table: the whole ledger (restore, another ledger opened)


def everything() -> Changes:
    return Changes({EVERYTHING: frozenset({None})})


Listener = Callable[[Changes], None]


@dataclass
class Ledger:
    path: Path
    conn: sqlite3.Connection
    unit: Unit
    operator: str
    _writer: Writer | None = field(default=None, repr=False)
    listeners: list[Listener] = field(default_factory=list, repr=False)  # shared with reopen()ed copies
    wrote: bool = field(default=False, repr=False)  # committed a write: close() may refresh statistics
    lock: ledger_lock.LedgerLock | None = field(default=None, repr=False)  # held by the opener, not by reopen()

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction with an audit trail: ``with ledger.write() as w: …``.

        A full disk or a file turned read-only rolls the whole write back and
        becomes one clear message. After the outermost write commits, every
        listener hears what it changed.
        """
        outermost = not self.conn.in_transaction
        try:
            with connection.transaction(self.conn):
                yield self.writer
        except sqlite3.OperationalError as exc:
            if outermost:
                self.writer.take_touched()
            self._raise_for(exc)
        except BaseException:
            if outermost:
                self.writer.take_touched()
            raise
        if outermost:
            self.wrote = True
            self._publish(self.writer.take_touched())

    def _publish(self, touched: dict[str, set[str | None]]) -> None:
        touched.pop("audit_log", None)
        if touched:
            changes = Changes({t: frozenset(ids) for t, ids in touched.items()})
            for listener in list(self.listeners):
                listener(changes)

    def subscribe(self, listener: Listener) -> None:
        if listener not in self.listeners:
            self.listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self.listeners:
            self.listeners.remove(listener)

    def _raise_for(self, exc: sqlite3.OperationalError) -> None:
        if diagnose.is_busy(exc):  # after the busy timeout: who is writing, never a raw "database is locked"
            raise UserError(diagnose.busy(self.path) + i18n.tr("（本次修改未保存）")) from exc
        text = str(exc).lower()
        if "full" in text:
            raise UserError(i18n.tr("磁盘空间不足，未能保存（台账未改动）：{path}").format(path=self.path)) from exc
        if "readonly" in text or "read-only" in text:
            raise UserError(i18n.tr("台账文件为只读，未能保存：{path}").format(path=self.path)) from exc
        raise exc

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            # a city holds what its counties reported: shown and summed, corrected only at the source
            self._writer = Writer(self.conn, self.operator, self.unit.id, read_only_owner=self.unit.parent_id,
                                  read_only_others=self.unit.level == "city")
        return self._writer

    def reopen(self) -> "Ledger":
        """Another connection for a background thread; it shares (and never takes) the opener's lock."""
        conn = connection.open_existing(self.path, upgrade=False, read_only=self.lock is None)
        return Ledger(self.path, conn, self.unit, self.operator, listeners=self.listeners)

    def close(self) -> None:
        if self.wrote:  # a reader (report, check) leaves every byte as it was
            try:
                self.conn.execute("PRAGMA optimize")  # keeps planner statistics fresh
            except sqlite3.Error:
                pass
        self.conn.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as w:
            old = self.setting(key)
            if old == value:
                return
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
            w.log("update", "settings", key, {"value": old}, {"value": value})


def _load_unit(conn: sqlite3.Connection, unit_id: str) -> Unit:
    row = conn.execute(
        "SELECT u.id, u.name, u.level, COALESCE(u.code, ''), u.parent_id, p.name "
        "FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?", (unit_id,)
    ).fetchone()
    if row is None:
        raise UserError(i18n.tr("台账缺少本单位信息，文件可能已损坏"))
    return Unit(*row)


def create_ledger(path: Path | str, *, unit_name: str, level: str, code: str = "",
                  parent_name: str = "", operator: str, unit_id: str | None = None,
                  parent_id: str | None = None) -> Ledger:
    """``init``: a new, empty ledger owned by one unit.

    ``unit_id``/``parent_id``: the ids the county gave this unit and itself (a ledger made from a
    distribution package keeps them, so packages between the two name the same units).
    """
    unit_name, code, parent_name, operator = (s.strip() for s in (unit_name, code, parent_name, operator))
    if not unit_name:
        raise ValidationError("unit_name", i18n.tr("请填写单位名称"))
    if level not in LEVELS:
        raise ValidationError("level", i18n.tr("单位级别应为 county（县）或 township（乡镇）"))
    if err := division_code_error(code):
        raise ValidationError("code", err)
    if not operator:
        raise ValidationError("operator", i18n.tr("请填写操作员姓名"))
    if Path(path).exists():  # before the lock: the open ledger there is not ours to lock
        raise UserError(i18n.tr("文件已存在，不会覆盖：{path}").format(path=path))
    location.check_local(path)
    lock = ledger_lock.acquire(path, operator)
    try:
        conn = connection.create(path)
    except BaseException:
        lock.release()
        raise
    try:
        w = Writer(conn, operator, None)
        with connection.transaction(conn):
            if parent_name:
                parent_level = "city" if level == "county" else "county"
                parent_id = w.insert("units", {"id": parent_id or None, "name": parent_name, "level": parent_level})
                conn.execute("UPDATE units SET unit_id = id WHERE id = ?", (parent_id,))
            else:
                parent_id = None
            unit_id = w.insert("units", {"id": unit_id or None, "name": unit_name, "level": level, "code": code or None,
                                         "parent_id": parent_id})
            conn.execute("UPDATE units SET unit_id = id WHERE id = ?", (unit_id,))
            for key, value in (("unit_id", unit_id), ("operator", operator)):
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    except BaseException:
        conn.close()
        connection._remove_quietly(Path(path))
        lock.release()
        raise
    return Ledger(Path(path), conn, _load_unit(conn, unit_id), operator, lock=lock)


def open_ledger(path: Path | str, operator: str | None = None, *, write: bool = True) -> Ledger:
    """Open an existing ledger (migrating it forward if needed).

    ``write``: hold the ledger's lock until :meth:`Ledger.close` (the window, a writing
    command); a second writer is refused naming the first. Readers (``report``) pass False.
    """
    location.check_local(path)
    if write and (problem := diagnose.file_problem(Path(path))):  # read-only, missing: before the lock file
        raise UserError(problem)
    lock = ledger_lock.acquire(path, operator or "") if write else None
    try:
        conn = connection.open_existing(path, read_only=not write)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'unit_id'").fetchone()
            if row is None:
                raise UserError(i18n.tr("台账尚未设置本单位，文件可能不完整：{path}").format(path=path))
            unit = _load_unit(conn, row[0])
            if operator is None:
                op = conn.execute("SELECT value FROM settings WHERE key = 'operator'").fetchone()
                operator = op[0] if op else ""
        except BaseException:
            conn.close()
            raise
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    operator = operator or i18n.tr("未署名")
    if lock is not None:
        lock.update(operator=operator)
    return Ledger(Path(path), conn, unit, operator, lock=lock)
