"""Atomic file output: a report or backup is either complete or absent."""

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app import i18n
from desktop_app.errors import UserError


def describe_os_error(exc: OSError, path: Path | str) -> str:
    if exc.errno == errno.ENOSPC:
        return i18n.tr("磁盘空间不足，无法写入 {path}").format(path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return i18n.tr("没有写入权限：{path}").format(path=path)
    if exc.errno == errno.ENOENT:
        return i18n.tr("文件夹不存在：{path}").format(path=Path(path).parent)
    return i18n.tr("无法写入 {path}：{reason}").format(path=path, reason=exc.strerror or exc)


def _default_permissions(path: Path) -> None:
    """mkstemp makes owner-only files; give the result the usual umask mode."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


@contextmanager
def atomic_output(path: Path | str, *, prefix: str = ".~") -> Iterator[Path]:
    """Yield a temporary path beside ``path`` (named ``prefix…``); move it into place on success.

    On any error the temporary file is removed and ``path`` is untouched.
    OS errors (full disk, read-only folder) become a :class:`UserError`.
    """
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(describe_os_error(exc, target)) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        _default_permissions(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(describe_os_error(exc, target)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
