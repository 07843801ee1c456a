"""The headless contract of CLI.md: exit codes, one-line errors, nothing partial."""

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from desktop_app.__main__ import main
from tests.conftest import file_state

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args, db=None) -> Result:
    """The command in this process (the same ``main`` as ``python -m desktop_app``)."""
    argv = (["--db", str(db)] if db else []) + [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refusing an option
            code = exc.code if isinstance(exc.code, int) else 2
    return Result(code, out.getvalue(), err.getvalue())


def test_python_m_desktop_app_runs_a_command(tmp_path):
    """One real process: the module entry point, its exit code and its stderr line."""
    db = tmp_path / "missing.sqlite3"
    r = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db), "check"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"错误：台账文件不存在：{db}"]


def test_init_backup_restore_check(tmp_path):
    db = tmp_path / "qs.sqlite3"
    r = cli("init", "--unit", "沁水县", "--level", "county", "--code", "140521", "--parent", "晋城市", db=db)
    assert r.returncode == 0, r.stderr
    assert db.exists()
    assert cli("check", db=db).returncode == 0
    r = cli("backup", "--out", str(tmp_path / "b.sqlite3"), db=db)
    assert r.returncode == 0 and (tmp_path / "b.sqlite3").exists()
    r = cli("restore", str(tmp_path / "b.sqlite3"), db=db)
    assert r.returncode == 0, r.stderr
    assert list(tmp_path.glob("qs.sqlite3.before-restore-*.bak"))


def test_demo_command(tmp_path):
    db = tmp_path / "demo.sqlite3"
    r = cli("demo", db=db)
    assert r.returncode == 0, r.stderr
    assert "enterprises" in r.stdout
    assert cli("demo", db=db).returncode == 0  # refill


def test_bad_input_one_line_exit_2_nothing_changed(tmp_path):
    db = tmp_path / "qs.sqlite3"
    assert cli("init", "--unit", "沁水县", "--level", "county", db=db).returncode == 0
    before = file_state(db)
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello", encoding="utf-8")
    for args in (("restore", str(junk)),
                 ("init", "--unit", "沁水县", "--level", "county"),
                 ("init", "--unit", "X", "--level", "county", "--code", "12")):
        r = cli(*args, db=db)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误："), r.stderr
    assert "行政区划代码" in cli("init", "--unit", "X", "--level", "county", "--code", "12",
                                 db=tmp_path / "n.sqlite3").stderr
    assert file_state(db) == before
    r = cli("check", db=junk)
    assert r.returncode == 2 and "不是台账文件" in r.stderr


def test_demo_refuses_real_ledger(tmp_path):
    db = tmp_path / "real.sqlite3"
    cli("init", "--unit", "沁水县", "--level", "county", db=db)
    before = file_state(db)
    r = cli("demo", db=db)
    assert r.returncode == 2 and "不是演示台账" in r.stderr
    assert file_state(db) == before


def test_report_task_list_both_formats(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert cli("demo", db=db).returncode == 0
    for fmt in ("pdf", "xlsx"):
        out = tmp_path / f"tl.{fmt}"
        r = cli("report", "task-list", "--format", fmt, "--out", str(out), db=db)
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size > 10_000
    r = cli("report", "task-list", "--format", "pdf", "--out", str(tmp_path / "no" / "x.pdf"), db=db)
    assert r.returncode == 2 and "文件夹不存在" in r.stderr


def test_read_only_commands_leave_the_ledger_bytes_unchanged(demo_ledger, tmp_path):
    """``report`` and ``check`` read: not one byte of the ledger (or a WAL beside it) changes."""
    from desktop_app.services import platforms

    pid = demo_ledger.conn.execute("SELECT id FROM platforms WHERE deleted_at IS NULL LIMIT 1").fetchone()[0]
    platforms.delete(demo_ledger, pid)  # planner statistics now stale: a careless close would ANALYZE
    demo_ledger.close()
    before = file_state(demo_ledger.path)
    for args in (("report", "talent", "--format", "xlsx", "--out", tmp_path / "t.xlsx"),
                 ("report", "task-list", "--format", "pdf", "--out", tmp_path / "l.pdf"),
                 ("check",)):
        result = cli(*args, db=demo_ledger.path)
        assert result.returncode == 0, result.stderr
        assert file_state(demo_ledger.path) == before, args
