"""Ledgers on network shares are refused for live use (SQLite locking over the network corrupts data)."""

import pytest

from db import location
from desktop_app.errors import UserError
from desktop_app.services import maintenance
from desktop_app.services.ledger import create_ledger

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fs01/台账 /mnt/share cifs rw,vers=3.0 0 0
fs02:/export /mnt/nfs nfs4 rw 0 0
me@host:/home /mnt/ssh fuse.sshfs rw 0 0
/dev/vdb /mnt/share/local\\040disk ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize("path, network", [
    ("/home/clerk/台账.sqlite3", False),
    ("/mnt/share/台账.sqlite3", True),
    ("/mnt/sharex/台账.sqlite3", False),
    ("/mnt/nfs/a/b.sqlite3", True),
    ("/mnt/ssh/l.sqlite3", True),
    ("/mnt/share/local disk/l.sqlite3", False),  # a local disk mounted inside the share
    ("/tmp/l.sqlite3", False),
])
def test_linux_mount_table(path, network):
    reason = location.network_reason(path, windows=False, mounts=MOUNTS)
    assert (reason is not None) == network
    if network:
        assert location.mount_fs_type(path, MOUNTS) in reason


@pytest.mark.parametrize("path, drive_type, network", [
    ("\\\\server\\share\\台账.sqlite3", None, True),
    ("//server/share/台账.sqlite3", None, True),
    ("\\\\?\\UNC\\server\\share\\l.sqlite3", None, True),
    ("\\\\?\\C:\\台账\\l.sqlite3", 3, False),
    ("Z:\\台账.sqlite3", location.DRIVE_REMOTE, True),
    ("C:\\Users\\clerk\\台账.sqlite3", 3, False),  # DRIVE_FIXED
    ("E:\\台账.sqlite3", 2, False),  # DRIVE_REMOVABLE: a USB stick is local
])
def test_windows_paths(path, drive_type, network):
    reason = location.network_reason(path, windows=True, drive_type=drive_type)
    assert (reason is not None) == network


def test_a_ledger_on_a_share_is_refused_but_backups_may_go_there(ledger, tmp_path, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    real = location.network_reason
    monkeypatch.setattr(location, "network_reason", lambda path, **kw: (
        "网络文件系统 cifs" if path.startswith(str(share)) else real(path, **kw)))
    with pytest.raises(UserError, match="网络") as caught:
        create_ledger(share / "l.sqlite3", unit_name="x", level="county", operator="y")
    assert "损坏数据" in str(caught.value) and str(share / "l.sqlite3") in str(caught.value)
    assert list(share.iterdir()) == []
    out = maintenance.backup(ledger.path, share / "备份.sqlite3")
    assert out.exists()
