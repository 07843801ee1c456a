"""Evidence files (印证材料) kept inside the ledger, for any owning record.

The content goes into ``file_blobs`` once per SHA-256 (the same scan attached
to three returns is stored once); each attachment is an ``evidence_files``
row naming its owner (``owner_table``, ``owner_id``): a survey return, a
progress entry, a supervision item … The ledger file stays the one thing to
back up and carry upward.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app import i18n
from desktop_app.domain.file_names import safe_name
from desktop_app.errors import UserError, ValidationError
from desktop_app.fileio import atomic_output, describe_os_error
from desktop_app.services.ledger import Ledger

MAX_BYTES = 50 * 1024 * 1024  # a ledger goes upward on a USB stick or by e-mail
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


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise ValidationError("evidence", i18n.tr("找不到文件：{path}").format(path=path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError("evidence", i18n.tr("文件“{name}”有 {size}，超过单个印证材料 {max} 的上限；"
                                                 "请压缩或分页扫描后再附加").format(
                name=path.name, size=human_size(size), max=human_size(MAX_BYTES)))
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("evidence", i18n.tr("无法读取文件：{reason}").format(
            reason=describe_os_error(exc, path))) from exc
    if not data:
        raise ValidationError("evidence", i18n.tr("文件“{name}”是空文件").format(name=path.name))
    return data


def attach_bytes(ledger: Ledger, owner_table: str, owner_id: str, file_name: str, data: bytes,
                 *, note: str = "") -> str:
    """Store ``data`` as evidence of one record; returns the evidence id.

    Joins the caller's transaction when there is one (a survey saved with its
    new files is one write).
    """
    if not str(file_name or "").strip():
        raise ValidationError("evidence", i18n.tr("请给印证材料一个文件名"))
    file_name = safe_name(file_name)  # no path parts, control characters or names Windows reserves
    if len(data) > MAX_BYTES:
        raise ValidationError("evidence", i18n.tr("文件“{name}”超过单个印证材料 {max} 的上限").format(
            name=file_name, max=human_size(MAX_BYTES)))
    digest = hashlib.sha256(data).hexdigest()
    with ledger.write() as w:
        _check_owner(ledger, owner_table, owner_id)
        same = ledger.conn.execute(
            "SELECT file_name FROM evidence_files WHERE owner_table = ? AND owner_id = ? AND sha256 = ? "
            "AND deleted_at IS NULL", (owner_table, owner_id, digest)).fetchone()
        if same:
            raise ValidationError("evidence", i18n.tr("“{name}”与已附的“{old}”内容相同，无需重复附加").format(
                name=file_name, old=same[0]))
        ledger.conn.execute("INSERT OR IGNORE INTO file_blobs (sha256, size, data) VALUES (?, ?, ?)",
                            (digest, len(data), data))
        return w.insert("evidence_files", {
            "owner_table": owner_table, "owner_id": owner_id, "file_name": file_name,
            "sha256": digest, "size": len(data), "note": note.strip()})


def attach(ledger: Ledger, owner_table: str, owner_id: str, path: Path | str, *, note: str = "") -> str:
    """Read a file from disk and attach it (see :func:`attach_bytes`)."""
    path = Path(path)
    return attach_bytes(ledger, owner_table, owner_id, path.name, _read(path), note=note)


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


def content(ledger: Ledger, evidence_id: str) -> bytes:
    ev = get(ledger, evidence_id)
    row = ledger.conn.execute("SELECT data FROM file_blobs WHERE sha256 = ?", (ev.sha256,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("印证材料“{name}”的内容缺失，台账可能已损坏（请运行“检查台账”）").format(
            name=ev.file_name))
    data = bytes(row[0])
    if hashlib.sha256(data).hexdigest() != ev.sha256:
        raise UserError(i18n.tr("印证材料“{name}”的内容校验不符，台账可能已损坏").format(name=ev.file_name))
    return data


def export(ledger: Ledger, evidence_id: str, out: Path | str) -> Path:
    """Write one evidence file to ``out`` (a file path, or a folder to keep its name)."""
    ev = get(ledger, evidence_id)
    target = Path(out)
    if target.is_dir():  # the stored name, made safe again (a ledger may come from anywhere)
        folder = target.resolve()
        target = folder / safe_name(ev.file_name)
        if target.resolve().parent != folder:
            raise UserError(i18n.tr("印证材料的文件名“{name}”不安全，未导出").format(name=ev.file_name))
    if not target.parent.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=target.parent))
    data = content(ledger, evidence_id)
    with atomic_output(target) as tmp:
        tmp.write_bytes(data)
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
