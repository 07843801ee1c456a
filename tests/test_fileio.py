"""Atomic output: complete or absent, with ordinary permissions."""

import os

import pytest

from desktop_app.errors import UserError
from desktop_app.fileio import atomic_output


def test_result_has_umask_permissions(tmp_path):
    out = tmp_path / "a.pdf"
    with atomic_output(out) as tmp:
        tmp.write_bytes(b"%PDF")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failure_leaves_nothing(tmp_path):
    out = tmp_path / "a.pdf"
    with pytest.raises(RuntimeError):
        with atomic_output(out) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="文件夹不存在"):
        with atomic_output(tmp_path / "no" / "a.pdf"):
            pass
