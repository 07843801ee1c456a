"""Evidence files (印证材料) kept inside the ledger, for any owning record.

The content goes into ``file_blobs`` once per SHA-256 (the same scan attached
to three returns is stored once); each attachment is an ``evidence_files``
row naming its owner (``owner_table``, ``owner_id``): a survey return, a
progress entry, a supervision item … The ledger file stays the one thing to
back up and carry upward.

Files are streamed: hashed, stored (``zeroblob`` + the blob API) and
written out in pieces of ``CHUNK``, so a 50 MB scan never sits in memory whole.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop_app import i18n
from desktop_app.domain.file_names import safe_name
from desktop_app.errors import UserError, ValidationError
from desktop_app.fileio import atomic_output, describe_os_error
from desktop_app.services.ledger import Ledger

MAX_BYTES = 50 * 1024 * 1024  # a ledger goes upward on a USB stick or by e-mail
CHUNK = 1024 * 1024  # files are read, hashed, stored and written out in pieces of this size
# Records that may carry evidence; the table must also have an id and deleted_at.
OWNER_TABLES = ("surveys", "progress_entries", "supervision_items", "signoffs", "enterprises",
                "enterprise_titles", "helper_pairings", "platforms", "talent", "reward_records")


@dataclass(frozen=True)
class EvidenceFile:
    id: str
    owner_table: str
    owner_id: str
    file_name: str
    sha256: str
    size: int
    note: str
    created_at: str

    @property
    def size_text(self) -> str:
        return human_size(self.size)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _check_owner(ledger: Ledger, owner_table: str, owner_id: str) -> None:
    if owner_table not in OWNER_TABLES:
        raise ValueError(f"evidence cannot belong to {owner_table!r}")  # a programming error
    row = ledger.conn.execute(
        f"SELECT 1 FROM {owner_table} WHERE id = ? AND deleted_at IS NULL", (owner_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("要附加印证材料的记录不存在或已删除"))


def _too_big(name: str, size: int) -> ValidationError:
    return ValidationError("evidence", i18n.tr("文件“{name}”有 {size}，超过单个印证材料 {max} 的上限；"
                                         "请压缩或分页扫描后再附加").format(
        name=name, size=human_size(size), max=human_size(MAX_BYTES)))


def _changed(name: str) -> ValidationError:
    return ValidationError("evidence", i18n.tr("文件“{name}”在附加过程中被改动，未附加；请关闭编辑它的程序后重试").format(
        name=name))


def _chunks(fh: BinaryIO, size: int, name: str) -> Iterator[bytes]:
    """Exactly ``size`` bytes of ``fh`` in pieces of at most CHUNK; a file that grew or shrank is refused."""
    left = size
    while left:
        piece = fh.read(min(CHUNK, left))
        if not piece:
            raise _changed(name)
        left -= len(piece)
        yield piece
    if fh.read(1):
        raise _changed(name)


def _open_source(path: Path) -> tuple[BinaryIO, int]:
    if not path.is_file():
        raise ValidationError("evidence", i18n.tr("找不到文件：{path}").format(path=path))
    try:
        fh = path.open("rb")
        size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise ValidationError("evidence", i18n.tr("无法读取文件：{reason}").format(
            reason=describe_os_error(exc, path))) from exc
    if size > MAX_BYTES:
        fh.close()
        raise _too_big(path.name, size)
    if not size:
        fh.close()
        raise ValidationError("evidence", i18n.tr("文件“{name}”是空文件").format(name=path.name))
    return fh, size


def _digest(fh: BinaryIO, size: int, name: str) -> str:
    h = hashlib.sha256()
    for piece in _chunks(fh, size, name):
        h.update(piece)
    return h.hexdigest()


def _store(ledger: Ledger, owner_table: str, owner_id: str, file_name: str, digest: str, size: int,
           write_blob: Callable[[], None], note: str) -> str:
    """The evidence row (and, for content not stored yet, the blob ``write_blob`` fills) in one write."""
    with ledger.write() as w:
        _check_owner(ledger, owner_table, owner_id)
        same = ledger.conn.execute(
            "SELECT file_name FROM evidence_files WHERE owner_table = ? AND owner_id = ? AND sha256 = ? "
            "AND deleted_at IS NULL", (owner_table, owner_id, digest)).fetchone()
        if same:
            raise ValidationError("evidence", i18n.tr("“{name}”与已附的“{old}”内容相同，无需重复附加").format(
                name=file_name, old=same[0]))
        if not ledger.conn.execute("SELECT 1 FROM file_blobs WHERE sha256 = ?", (digest,)).fetchone():
            write_blob()
        return w.insert("evidence_files", {
            "owner_table": owner_table, "owner_id": owner_id, "file_name": file_name,
            "sha256": digest, "size": size, "note": note.strip()})


def _plain_name(file_name: str) -> str:
    if not str(file_name or "").strip():
        raise ValidationError("evidence", i18n.tr("请给印证材料一个文件名"))
    return safe_name(file_name)  # no path parts, control characters or names Windows reserves


def attach_bytes(ledger: Ledger, owner_table: str, owner_id: str, file_name: str, data: bytes,
                 *, note: str = "") -> str:
    """Store ``data`` as evidence of one record; returns the evidence id.

    Joins the caller's transaction when there is one (a survey saved with its
    new files is one write).
    """
    file_name = _plain_name(file_name)
    if len(data) > MAX_BYTES:
        raise _too_big(file_name, len(data))

    def write_blob() -> None:
        ledger.conn.execute("INSERT INTO file_blobs (sha256, size, data) VALUES (?, ?, ?)",
                            (digest, len(data), data))

    digest = hashlib.sha256(data).hexdigest()
    return _store(ledger, owner_table, owner_id, file_name, digest, len(data), write_blob, note)


def attach(ledger: Ledger, owner_table: str, owner_id: str, path: Path | str, *, note: str = "") -> str:
    """Attach a file from disk, streamed: never more than CHUNK of it in memory.

    The file is hashed in pieces; content not stored yet goes into a blob of its
    size (``zeroblob``) written piece by piece and hashed again on the way, so a
    file changed in between is refused and nothing is written.
    """
    path = Path(path)
    file_name = _plain_name(path.name)
    fh, size = _open_source(path)
    with fh:
        try:
            digest = _digest(fh, size, file_name)

            def write_blob() -> None:
                rowid = ledger.conn.execute("INSERT INTO file_blobs (sha256, size, data) VALUES (?, ?, zeroblob(?))",
                                            (digest, size, size)).lastrowid
                fh.seek(0)
                again = hashlib.sha256()
                with ledger.conn.blobopen("file_blobs", "data", rowid) as blob:
                    for piece in _chunks(fh, size, file_name):
                        again.update(piece)
                        blob.write(piece)
                if again.hexdigest() != digest:
                    raise _changed(file_name)

            return _store(ledger, owner_table, owner_id, file_name, digest, size, write_blob, note)
        except OSError as exc:
            raise ValidationError("evidence", i18n.tr("无法读取文件：{reason}").format(
                reason=describe_os_error(exc, path))) from exc


def reuse(ledger: Ledger, owner_table: str, owner_id: str, evidence_id: str) -> str:
    """Attach a file already stored to another record: no content copied, its hash checked piece by piece."""
    ev = get(ledger, evidence_id)
    for _ in _pieces(ledger, ev):  # missing or damaged content is refused, as on export
        pass
    return _store(ledger, owner_table, owner_id, ev.file_name, ev.sha256, ev.size, lambda: None, ev.note)


def list_files(ledger: Ledger, owner_table: str, owner_id: str) -> list[EvidenceFile]:
    rows = ledger.conn.execute(
        "SELECT id, owner_table, owner_id, file_name, sha256, size, COALESCE(note, ''), created_at "
        "FROM evidence_files WHERE owner_table = ? AND owner_id = ? AND deleted_at IS NULL "
        "ORDER BY created_at, rowid", (owner_table, owner_id))
    return [EvidenceFile(*r) for r in rows]


def count(ledger: Ledger, owner_table: str, owner_id: str) -> int:
    return ledger.conn.execute(
        "SELECT COUNT(*) FROM evidence_files WHERE owner_table = ? AND owner_id = ? AND deleted_at IS NULL",
        (owner_table, owner_id)).fetchone()[0]


def get(ledger: Ledger, evidence_id: str) -> EvidenceFile:
    row = ledger.conn.execute(
        "SELECT id, owner_table, owner_id, file_name, sha256, size, COALESCE(note, ''), created_at "
        "FROM evidence_files WHERE id = ? AND deleted_at IS NULL", (evidence_id,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("印证材料不存在或已移除"))
    return EvidenceFile(*row)


def _blob_rowid(ledger: Ledger, ev: EvidenceFile) -> int:
    row = ledger.conn.execute("SELECT rowid FROM file_blobs WHERE sha256 = ?", (ev.sha256,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("印证材料“{name}”的内容缺失，台账可能已损坏（请运行“检查台账”）").format(
            name=ev.file_name))
    return row[0]


def _mismatch(ev: EvidenceFile) -> UserError:
    return UserError(i18n.tr("印证材料“{name}”的内容校验不符，台账可能已损坏").format(name=ev.file_name))


def _pieces(ledger: Ledger, ev: EvidenceFile) -> Iterator[bytes]:
    """The stored content in pieces of at most CHUNK; raises after the last piece if its hash is wrong."""
    h = hashlib.sha256()
    with ledger.conn.blobopen("file_blobs", "data", _blob_rowid(ledger, ev), readonly=True) as blob:
        while piece := blob.read(CHUNK):
            h.update(piece)
            yield piece
    if h.hexdigest() != ev.sha256:
        raise _mismatch(ev)


def content(ledger: Ledger, evidence_id: str) -> bytes:
    """The whole content in memory (small files; :func:`export` streams)."""
    return b"".join(_pieces(ledger, get(ledger, evidence_id)))


def export(ledger: Ledger, evidence_id: str, out: Path | str) -> Path:
    """Write one evidence file to ``out`` (a file path, or a folder to keep its name), in pieces.

    The content's hash is checked on the way; a mismatch leaves no file behind.
    """
    ev = get(ledger, evidence_id)
    target = Path(out)
    if target.is_dir():  # the stored name, made safe again (a ledger may come from anywhere)
        folder = target.resolve()
        target = folder / safe_name(ev.file_name)
        if target.resolve().parent != folder:
            raise UserError(i18n.tr("印证材料的文件名“{name}”不安全，未导出").format(name=ev.file_name))
    if not target.parent.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=target.parent))
    _blob_rowid(ledger, ev)  # missing content: say so before making any file
    with ledger.write() as w:  # a copy leaves the ledger: the log says where (personal data may be in it)
        with atomic_output(target) as tmp, tmp.open("wb") as fh:
            for piece in _pieces(ledger, ev):
                fh.write(piece)
        w.log("bulk", "evidence_files", ev.id, None, {"file_name": ev.file_name, "exported_to": str(target)})
    return target


def export_all(ledger: Ledger, owner_table: str, owner_id: str, folder: Path | str) -> list[Path]:
    """Every file of one record into ``folder``; clashing names get （2）, （3） …"""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=folder))
    out: list[Path] = []
    taken: set[str] = set()
    for ev in list_files(ledger, owner_table, owner_id):
        name, n = safe_name(ev.file_name), 2
        stem, suffix = Path(name).stem, Path(name).suffix
        while name in taken or (folder / name).exists():
            name, n = f"{stem}（{n}）{suffix}", n + 1
        taken.add(name)
        out.append(export(ledger, ev.id, folder / name))
    return out


def remove(ledger: Ledger, evidence_id: str, *, reason: str = "") -> None:
    """Detach a file (soft delete; the content stays for the audit trail and restore)."""
    with ledger.write() as w:
        get(ledger, evidence_id)
        w.soft_delete("evidence_files", evidence_id, reason=reason or None)


def copy_all(ledger: Ledger, owner_table: str, from_id: str, to_id: str) -> int:
    """Attach the files of one record to another (no content copied: blobs are shared)."""
    n = 0
    with ledger.write() as w:
        _check_owner(ledger, owner_table, to_id)
        have = {r[0] for r in ledger.conn.execute(
            "SELECT sha256 FROM evidence_files WHERE owner_table = ? AND owner_id = ? AND deleted_at IS NULL",
            (owner_table, to_id))}
        for ev in list_files(ledger, owner_table, from_id):
            if ev.sha256 in have:
                continue
            w.insert("evidence_files", {"owner_table": owner_table, "owner_id": to_id,
                                        "file_name": ev.file_name, "sha256": ev.sha256, "size": ev.size,
                                        "note": ev.note})
            have.add(ev.sha256)
            n += 1
    return n
