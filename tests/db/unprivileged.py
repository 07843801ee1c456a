"""Run Python in a child that the file system's permissions really stop, even when the tests run as root.

Root ignores ``chmod 0o555``; so as root the child drops the capabilities that
override permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) with
``capset`` before it starts. The kernel then refuses its writes as it would a clerk's.
"""

import ctypes
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_DROP = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for bit in _DROP:  # from the bounding set too, or exec gives root every capability back
        if libc.prctl(24, bit, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")
    header, data = _Header(0x20080522, 0), (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~sum(1 << bit for bit in _DROP) & 0xFFFFFFFF
    data[0].effective &= mask
    data[0].permitted &= mask
    data[0].inheritable &= mask
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def run(code: str, *args: str) -> subprocess.CompletedProcess:
    """``python -c code args…`` as a process without permission overrides."""
    drop = _drop_overrides if getattr(os, "geteuid", lambda: 1)() == 0 else None
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, preexec_fn=drop)


_EVERYONE = "*S-1-1-0"


def read_only_folder(folder: Path) -> None:
    """No new files in ``folder`` (Windows: an ACL denying 'create files' to Everyone; elsewhere chmod)."""
    if sys.platform == "win32":
        subprocess.run(["icacls", str(folder), "/deny", f"{_EVERYONE}:(AD,WD)"], check=True, capture_output=True)
    else:
        os.chmod(folder, 0o555)


def writable_folder(folder: Path) -> None:
    if sys.platform == "win32":
        subprocess.run(["icacls", str(folder), "/remove:d", _EVERYONE], check=True, capture_output=True)
    else:
        os.chmod(folder, 0o755)
