"""The package file (报送包, ``.bsb``): an SQLite database with a manifest (EXCHANGE.md).

Written to a temporary file beside the target and renamed into place, so a
full disk or a pulled USB stick never leaves half a package under the real
name. Read from a private copy (the stick may go away), hashed, opened
read-only, and checked before anything else looks at it: SQLite at all, a
manifest, a schema this program knows, row counts and per-table checksums.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from db import migrate
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.fileio import describe_os_error

EXTENSION = ".bsb"
FORMAT = "innovation-ledger-package"
DISTRIBUTION, SUBMISSION, EMPTY_SUBMISSION, RECEIPT = "distribution", "submission", "empty", "receipt"
KIND_LABELS = {DISTRIBUTION: "下发包", SUBMISSION: "报送包", EMPTY_SUBMISSION: "空表上报包", RECEIPT: "回执包"}
ZIP_MAGIC, SQLITE_MAGIC = b"PK\x03\x04", b"SQLite format 3\x00"
NOT_HASHED = frozenset({"unit_id", "row_version", "updated_at"})  # how a row travels, not what it says


@dataclass
class Manifest:
    package_id: str
    kind: str
    from_unit: dict          # id, name, level, code
    to_unit: dict            # id, name, level, code, parent_id
    period: str
    seq: int
    created_at: str
    operator: str
    program_version: str
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return i18n.tr(KIND_LABELS.get(self.kind, self.kind))


def table_checksum(conn: sqlite3.Connection, table: str) -> str:
    """SHA-256 of a table's rows in id order, column by column: independent of page layout."""
    digest = hashlib.sha256()
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    order = "id" if "id" in cols else "sha256" if "sha256" in cols else "rowid"
    for row in conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}"):
        digest.update(json.dumps(row, ensure_ascii=False, default=_blob).encode())
    return digest.hexdigest()


def _blob(value: object) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    raise TypeError(type(value))


def data_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name != 'manifest' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def write(out: Path | str, manifest: Manifest, fill: Callable[[sqlite3.Connection], None]) -> Path:
    """Make the package: ``fill`` creates and fills the data tables on a fresh connection."""
    out = Path(out)
    if out.suffix.lower() != EXTENSION:
        out = out.with_name(out.name + EXTENSION)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=EXTENSION, dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(i18n.tr("无法写入文件夹 {path}：{why}").format(path=out.parent, why=describe_os_error(exc))) from exc
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            with conn:
                fill(conn)
                tables = data_tables(conn)
                manifest.counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
                manifest.checksums = {t: table_checksum(conn, t) for t in tables}
                conn.execute("CREATE TABLE manifest (format TEXT NOT NULL, body TEXT NOT NULL)")
                conn.execute("INSERT INTO manifest VALUES (?, ?)",
                             (FORMAT, json.dumps(asdict(manifest), ensure_ascii=False, sort_keys=True)))
                conn.execute(f"PRAGMA user_version = {manifest.schema_version}")
        finally:
            conn.close()
        os.replace(tmp, out)
    except sqlite3.OperationalError as exc:
        raise UserError(i18n.tr("未能写出{kind}（磁盘已满或不可写）：{path}").format(
            kind=manifest.kind_label, path=out)) from exc
    except OSError as exc:
        raise UserError(i18n.tr("未能写出{kind} {path}：{why}").format(
            kind=manifest.kind_label, path=out, why=describe_os_error(exc))) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out


@dataclass
class Package:
    """A checked package, open read-only on a private copy."""

    path: Path               # where the clerk picked it
    copy: Path               # our copy
    sha256: str
    manifest: Manifest
    conn: sqlite3.Connection

    def rows(self, table: str) -> list[dict]:
        if table not in self.manifest.counts:
            return []
        cur = self.conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]


def _refuse(path: Path, why: str) -> UserError:
    return UserError(i18n.tr("无法读取报送包 {path}：{why}").format(path=path.name, why=why), where=None)


@contextmanager
def opened(path: Path | str) -> Iterator[Package]:
    """The package at ``path``, copied, hashed and checked; the copy is removed afterwards."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise _refuse(path, describe_os_error(exc)) from exc
    if head.startswith(ZIP_MAGIC):
        raise _refuse(path, i18n.tr("这是一个 Excel 工作簿或压缩文件，不是报送包（可能被改了扩展名）"))
    if head != SQLITE_MAGIC:
        raise _refuse(path, i18n.tr("不是报送包文件（文件类型不对或已损坏）"))
    workdir = Path(tempfile.mkdtemp(prefix="bsb-"))
    copy = workdir / "package.bsb"
    try:
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise _refuse(path, describe_os_error(exc)) from exc
        with copy.open("rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro&immutable=1", uri=True)
        conn.text_factory = _lenient_text  # damaged text reads as U+FFFD: the checksum then refuses it
        try:
            manifest = _check(conn, path)
            yield Package(path, copy, digest, manifest, conn)
        finally:
            conn.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _check(conn: sqlite3.Connection, path: Path) -> Manifest:
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise _refuse(path, i18n.tr("文件已损坏（可能未拷贝完整）"))
        row = conn.execute("SELECT format, body FROM manifest").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        text = str(exc)
        if "no such table" in text:
            raise _refuse(path, i18n.tr("文件中没有包清单，不是本程序生成的报送包")) from exc
        raise _refuse(path, i18n.tr("文件已损坏（可能未拷贝完整）")) from exc
    if row is None or row[0] != FORMAT:
        raise _refuse(path, i18n.tr("文件中没有包清单，不是本程序生成的报送包"))
    try:
        manifest = Manifest(**json.loads(row[1]))
    except (TypeError, ValueError) as exc:
        raise _refuse(path, i18n.tr("包清单无法识别")) from exc
    if manifest.schema_version > migrate.latest_version():
        raise _refuse(path, i18n.tr("该包由较新版本的程序生成（数据版本 {v}，本程序支持到 {mine}），请先升级本程序").format(
            v=manifest.schema_version, mine=migrate.latest_version()))
    try:
        tables = data_tables(conn)
        if sorted(tables) != sorted(manifest.counts):
            raise _refuse(path, i18n.tr("包内数据表与清单不符（文件可能被改动）"))
        for table in tables:
            count = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            if count != manifest.counts[table] or table_checksum(conn, table) != manifest.checksums.get(table):
                raise _refuse(path, i18n.tr("“{table}”的校验和不符（文件被改动或损坏）").format(table=table))
    except sqlite3.Error as exc:  # a damaged schema or text that is not UTF-8
        raise _refuse(path, i18n.tr("文件已损坏（可能未拷贝完整）")) from exc
    return manifest
