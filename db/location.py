"""Is a ledger's folder on a network file system? Then it is refused for live use.

SQLite's locking is unreliable over network file systems and corrupts data
(sqlite.org/useovernet.html); a backup may go there, an open ledger may not.
The tests feed the pure functions a mount table or a drive type.
"""

import os
import sys
from pathlib import Path, PureWindowsPath

from desktop_app import i18n
from desktop_app.errors import UserError

NETWORK_FS = ("nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "ncpfs", "fuse.smbnetfs")
DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_fs_type(path: str, mounts: str) -> str | None:
    """The file-system type of the longest mount point in ``/proc/mounts`` text containing ``path``."""
    best, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape(parts[1]), parts[2]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type


def is_network_fs(fstype: str | None) -> bool:
    return bool(fstype) and (fstype in NETWORK_FS or fstype.startswith("smb") or fstype.startswith("nfs"))


def is_unc(path: str) -> bool:
    """``\\\\server\\share\\…`` (also ``//server/share``), but not the local ``\\\\?\\C:\\`` form."""
    p = path.replace("/", "\\")
    if p.startswith("\\\\?\\UNC\\"):
        return True
    if p.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    return p.startswith("\\\\") and bool(PureWindowsPath(p).drive)


def network_reason(path: str, *, windows: bool, mounts: str = "", drive_type: int | None = None) -> str | None:
    """Why ``path`` is on a network share, or None. Pure: the caller passes what the system says."""
    if windows:
        if is_unc(path):
            return i18n.tr("网络路径")
        if drive_type == DRIVE_REMOTE:
            return i18n.tr("映射的网络驱动器")
        return None
    fstype = mount_fs_type(path, mounts)
    if is_network_fs(fstype):
        return i18n.tr("网络文件系统 {fs}").format(fs=fstype)
    return None


def _drive_type(path: str) -> int | None:
    try:
        import ctypes

        root = os.path.splitdrive(path)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(root)
    except (AttributeError, OSError):
        return None


def check_local(path: Path | str) -> None:
    """Refuse a ledger on a network share, with the reason."""
    full = os.path.abspath(path)
    if sys.platform == "win32":
        reason = network_reason(full, windows=True, drive_type=None if is_unc(full) else _drive_type(full))
    else:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
                mounts = fh.read()
        except OSError:
            return
        reason = network_reason(os.path.realpath(full), windows=False, mounts=mounts)
    if reason:
        raise UserError(i18n.tr(
            "台账不能放在网络位置使用（{reason}）：SQLite 在网络文件系统上加锁不可靠，会损坏数据。"
            "请把台账放在本机磁盘上；备份可以存到网络位置：{path}").format(reason=reason, path=path))
