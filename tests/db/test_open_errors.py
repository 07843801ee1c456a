"""Opening says what is really wrong: only damage is called damage."""

import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from db import connection, diagnose
from desktop_app.errors import UserError
from desktop_app.services import maintenance
from desktop_app.services.ledger import create_ledger, open_ledger
from tests.db import unprivileged

TRY_ALL = """
import sys
from desktop_app.services import maintenance
from desktop_app.services.ledger import open_ledger
for name, fn in (("open", lambda: open_ledger(sys.argv[1])), ("read", lambda: open_ledger(sys.argv[1], write=False)),
                 ("check", lambda: maintenance.check(sys.argv[1]))):
    try:
        fn()
        print(name, "ok")
    except Exception as exc:
        print(name, type(exc).__name__, exc)
"""


@pytest.fixture
def sound(tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    ledger = create_ledger(folder / "l.sqlite3", unit_name="沁水县", level="county", operator="测试员")
    ledger.close()
    yield ledger.path
    unprivileged.writable_folder(folder)
    os.chmod(ledger.path, 0o644)


def _lines(path) -> dict[str, str]:
    r = unprivileged.run(TRY_ALL, str(path))
    assert r.returncode == 0, r.stderr
    return dict(line.split(" ", 1) for line in r.stdout.splitlines())


def test_a_sound_ledger_in_a_read_only_folder_is_not_called_damaged(sound):
    before = sound.read_bytes()
    unprivileged.read_only_folder(sound.parent)
    seen = _lines(sound)
    assert seen.pop("read") == "ok"  # a reader (report) still reads it
    assert set(seen) == {"open", "check"}
    for line in seen.values():
        assert "只读" in line and "文件夹" in line and "没有损坏" in line and str(sound.parent) in line, line
        assert "已损坏" not in line
    assert sound.read_bytes() == before


def test_a_read_only_file_is_called_read_only(sound):
    os.chmod(sound, 0o444)
    seen = _lines(sound)
    assert seen.pop("read") == "ok"
    for line in seen.values():
        assert "台账文件是只读的" in line and str(sound) in line and "损坏" not in line, line


def test_the_unprivileged_child_is_really_stopped(sound):
    unprivileged.read_only_folder(sound.parent)
    r = unprivileged.run("import sys; open(sys.argv[1] + '-x', 'w')", str(sound))
    assert r.returncode != 0 and "PermissionError" in r.stderr


@pytest.mark.parametrize("cut", [100, 4096, 20000])
def test_a_truncated_ledger_is_damaged(sound, cut):
    data = sound.read_bytes()
    sound.write_bytes(data[:cut])
    with pytest.raises(UserError, match="已损坏") as caught:
        open_ledger(sound)
    assert str(sound) in str(caught.value)


def test_garbage_after_the_header_is_damaged(sound):
    data = bytearray(sound.read_bytes())
    data[100:] = os.urandom(len(data) - 100)
    sound.write_bytes(bytes(data))
    with pytest.raises(UserError, match="损坏"):
        open_ledger(sound)


def test_not_a_ledger_and_missing(tmp_path):
    junk = tmp_path / "x.sqlite3"
    junk.write_bytes(b"PK\x03\x04 not sqlite at all" * 10)
    with pytest.raises(UserError, match="不是台账文件"):
        open_ledger(junk)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UserError, match="不是本程序的台账文件"):
        open_ledger(other)
    with pytest.raises(UserError, match="台账文件不存在"):
        open_ledger(tmp_path / "gone.sqlite3")
    assert not (tmp_path / "gone.sqlite3").exists() and not (tmp_path / "gone.sqlite3.lock").exists()


def test_a_newer_schema_asks_for_a_newer_program(sound):
    conn = sqlite3.connect(sound)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(UserError, match="更新版本的程序") as caught:
        open_ledger(sound)
    assert "999" in str(caught.value) and "损坏" not in str(caught.value)


WRITE_AND_WAIT = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("ready", flush=True)
time.sleep(60)
"""


def test_a_busy_ledger_is_named_not_damaged(sound):
    other = subprocess.Popen([sys.executable, "-c", WRITE_AND_WAIT, str(sound)], stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "ready"  # another program mid-write, beyond the busy timeout
    try:
        ledger = open_ledger(sound)
        ledger.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(UserError) as caught:
            ledger.set_setting("x", "1")
        msg = str(caught.value)
        assert "另一个程序正在修改台账" in msg and "locked" not in msg and "未保存" in msg
        ledger.close()
        with pytest.raises(UserError, match="另一个程序正在修改台账") as checked:
            maintenance.check(sound)
        assert "不一致" not in str(checked.value)
    finally:
        other.kill()
        other.wait(10)


def test_diagnose_codes():
    def err(code, text):
        exc = sqlite3.OperationalError(text)
        exc.sqlite_errorcode = code
        return exc

    assert "磁盘空间不足" in diagnose.describe(err(13, "database or disk is full"), "/x/l.sqlite3")
    assert "已损坏" in diagnose.describe(err(11, "database disk image is malformed"), "/x/l.sqlite3")
    assert "不是台账文件" in diagnose.describe(err(26, "file is not a database"), "/x/l.sqlite3")
    assert "台账文件不存在" in diagnose.describe(err(14, "unable to open database file"), "/nowhere/l.sqlite3")
    assert "另一个程序正在修改台账" in diagnose.describe(err(5, "database is locked"), "/x/l.sqlite3")
    assert diagnose.is_environmental(err(8, "attempt to write a readonly database"))
    assert not diagnose.is_damage(err(5, "database is locked"))


def test_inspect_still_passes_a_sound_ledger(sound):
    assert connection.inspect(sound) >= 1
    assert stat.S_ISREG(os.stat(sound).st_mode)


def test_a_full_disk_is_called_a_full_disk(sound, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10**9, 10**9, 0))
    with pytest.raises(UserError, match="磁盘空间不足") as caught:
        open_ledger(sound)
    assert str(sound) in str(caught.value) and "损坏" not in str(caught.value)


def test_a_report_still_comes_out_of_a_read_only_folder(sound, tmp_path):
    before = sound.read_bytes()
    unprivileged.read_only_folder(sound.parent)
    out = tmp_path / "人才.xlsx"
    code = "import sys; from desktop_app import cli; sys.exit(cli.run(sys.argv[1:]))"
    r = unprivileged.run(code, "--db", str(sound), "report", "talent", "--format", "xlsx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"PK")
    assert sound.read_bytes() == before and sorted(p.name for p in sound.parent.iterdir()) == ["l.sqlite3"]


def test_busy_with_our_own_background_work_says_so(demo_ledger):
    background = demo_ledger.reopen()  # a long import's connection, mid-write
    background.conn.execute("BEGIN IMMEDIATE")
    try:
        demo_ledger.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(UserError, match="本程序的后台任务") as caught:
            demo_ledger.set_setting("x", "1")
        assert "locked" not in str(caught.value)
    finally:
        background.conn.execute("ROLLBACK")
        background.close()
    demo_ledger.set_setting("x", "1")  # and once it is done, the save goes through
    assert demo_ledger.setting("x") == "1"
