"""Kill test: SIGKILL a child process while it writes, migrates and restores; nothing committed is lost.

    python bench/bench_kill.py [--writes 100] [--migrations 50] [--restores 60] [--size 8000]

A child runs the program's own services on a ledger and prints ``committed <id>``
on its stdout right after each commit (flushed: the side channel). The parent
kills it (SIGKILL, no chance to clean up) at a random moment, then checks that

- the ledger opens (a stale lock is taken over, a half migration carries on),
- it passes ``check`` (PRAGMA integrity_check, references, search indexes, the
  program's own checks) with nothing found and nothing repaired,
- every write the child reported committed exists (after a restore: in the
  restored ledger, or, for writes made before it, in the copy kept aside),
- leftovers of the killed child (``.~*`` temporary copies, its lock file,
  rollback journals, an empty kept-copy name) are gone after that next open.

Not a timed test; figures are printed. ``run()`` is also what the small test
in tests/db/test_kill.py calls.
"""

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import connection, lock, migrate  # noqa: E402
from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import maintenance  # noqa: E402
from desktop_app.services.ledger import open_ledger  # noqa: E402

OLD_FIXTURE = ROOT / "tests" / "fixtures" / "ledger_v4.sqlite3"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
OPERATOR = "断电测试"


# ---- the child ----------------------------------------------------------------------------------

def _code(rng: random.Random) -> str:
    body = "91140521MA" + "".join(rng.choice(USCC_CHARS) for _ in range(7))
    return body + uscc_check_char(body)


def _write_forever(ledger_path: Path, say, rng: random.Random, ledger=None) -> None:
    from desktop_app.services import enterprises

    ledger = ledger or open_ledger(ledger_path, OPERATOR)
    say("ready")
    n = 0
    while True:
        n += 1
        eid = enterprises.save(ledger, {"name": f"断电测试企业{os.getpid()}-{n}有限公司", "uscc": _code(rng)})
        say(f"committed {eid}")  # only after the commit returned
        if os.environ.get("BENCH_KILL_LIE"):  # the harness's own test: a write that never happened
            say(f"committed never-written-{os.getpid()}-{n}")


def child(mode: str, ledger_path: Path, backup: Path | None) -> None:
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    if mode == "write":
        _write_forever(ledger_path, say, rng)
    elif mode == "migrate":
        say("start")
        ledger = open_ledger(ledger_path, OPERATOR)  # migrates forward, a backup first
        say("migrated")
        _write_forever(ledger_path, say, rng, ledger)
    elif mode == "restore":
        from desktop_app.services import enterprises

        ledger = open_ledger(ledger_path, OPERATOR)
        say("start")
        for n in range(5):
            eid = enterprises.save(ledger, {"name": f"恢复前企业{os.getpid()}-{n}有限公司", "uscc": _code(rng)})
            say(f"committed {eid}")
        ledger.close()
        say("restoring")
        kept = maintenance.restore(ledger_path, backup)
        say(f"restored {kept}")
        _write_forever(ledger_path, say, rng)


# ---- the parent ---------------------------------------------------------------------------------

@dataclass
class Figures:
    kills: dict[str, int] = field(default_factory=lambda: {"write": 0, "migrate": 0, "restore": 0})
    committed: int = 0
    lost: int = 0
    failed_open: int = 0
    check_findings: int = 0
    integrity_bad: int = 0
    leftovers_after_kill: int = 0     # temp copies, stale locks, journals the killed child left
    leftovers_after_open: int = 0     # … still there after the next open (must be 0)
    migrations_cut: int = 0           # kills that landed before the migration finished
    restores_cut: int = 0             # kills that landed inside a restore
    restores_done: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total_kills(self) -> int:
        return sum(self.kills.values())


class Child:
    def __init__(self, mode: str, ledger_path: Path, backup: Path | None = None):
        args = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(ledger_path)]
        if backup:
            args.append(str(backup))
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        self.lines: list[str] = []
        self.seen = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            with self.seen:
                self.lines.append(raw.decode("utf-8").strip())
                self.seen.notify_all()
        with self.seen:
            self.lines.append("<eof>")
            self.seen.notify_all()

    def wait_for(self, word: str, timeout: float = 30) -> None:
        with self.seen:
            if not self.seen.wait_for(lambda: word in self.lines or "<eof>" in self.lines, timeout):
                raise RuntimeError(f"child never said {word!r}")
        if word not in self.lines:
            raise RuntimeError(f"child ended before {word!r}: {self.proc.stderr.read().decode()[-2000:]}")

    def kill(self) -> list[str]:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.lines


def _committed(lines: list[str], after: str | None = None) -> set[str]:
    if after is not None:
        lines = lines[lines.index(after) + 1:] if after in lines else []
    return {line.split()[1] for line in lines if line.startswith("committed ")}


def _leftovers(ledger_path: Path) -> list[Path]:
    folder = ledger_path.parent
    found = list(folder.glob(".~*")) + list(folder.glob("*-journal"))
    found += [p for p in folder.glob("*.before-restore-*.bak") if p.stat().st_size == 0]  # claimed, never filled
    if lock.lock_path(ledger_path).exists():
        found.append(lock.lock_path(ledger_path))
    return found


def _ids(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM enterprises WHERE deleted_at IS NULL")}
    finally:
        conn.close()


def verify(ledger_path: Path, figures: Figures, label: str) -> set[str] | None:
    """Open, check and read the ledger after a kill; returns the live enterprise ids (None: did not open)."""
    figures.leftovers_after_kill += len(_leftovers(ledger_path))
    if lock.holder_now(ledger_path) is not None:
        figures.errors.append(f"{label}: the dead child still holds the lock")
    try:
        ledger = open_ledger(ledger_path, "核对")
    except Exception as exc:  # noqa: BLE001 — a figure, not a crash
        figures.failed_open += 1
        figures.errors.append(f"{label}: open failed: {exc}")
        return None
    try:
        if ledger.conn.execute("PRAGMA user_version").fetchone()[0] != migrate.latest_version():
            figures.errors.append(f"{label}: not at the latest schema version after open")
        ids = {r[0] for r in ledger.conn.execute("SELECT id FROM enterprises WHERE deleted_at IS NULL")}
    finally:
        ledger.close()
    if still := _leftovers(ledger_path):
        figures.leftovers_after_open += len(still)
        figures.errors.append(f"{label}: left after the next open: {', '.join(p.name for p in still)}")
    result = maintenance.check(ledger_path)
    if result.problems or result.repaired:
        figures.check_findings += len(result.problems) + len(result.repaired)
        figures.errors.append(f"{label}: check found {result.problems + result.repaired}")
    conn = sqlite3.connect(ledger_path)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            figures.integrity_bad += 1
    finally:
        conn.close()
    for bak in ledger_path.parent.glob(f"{ledger_path.name}.v*.bak"):  # a migration's own backup is sound
        try:
            connection.inspect(bak)
        except Exception as exc:  # noqa: BLE001
            figures.errors.append(f"{label}: migration backup {bak.name} unusable: {exc}")
    return ids


def _lose(figures: Figures, label: str, missing: set[str]) -> None:
    if missing:
        figures.lost += len(missing)
        figures.errors.append(f"{label}: {len(missing)} committed writes missing")


def pad_old_ledger(path: Path, n: int) -> Path:
    """The version-4 fixture with ``n`` more enterprises: a migration that takes a while."""
    shutil.copy(OLD_FIXTURE, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("spaced", 1, lambda t: " ".join(t) if t else "", deterministic=True)
    stamp = "2026-11-20T10:00:00+08:00"
    conn.execute("BEGIN")
    for i in range(n):
        body = f"91140521MB{i:07X}"
        conn.execute("INSERT INTO enterprises (id, unit_id, name, uscc, township_id, industry, created_at, updated_at) "
                     "VALUES (?, 'u-county', ?, ?, 'u-town', '铸造', ?, ?)",
                     (f"old-{i}", f"沁水县旧台账第{i}号铸造有限公司", body + uscc_check_char(body), stamp, stamp))
        conn.execute("INSERT INTO audit_log (at, operator, action, table_name, row_id, new_values) "
                     "VALUES (?, '王 慧', 'insert', 'enterprises', ?, ?)",
                     (stamp, f"old-{i}", f'{{"name": "第{i}号", "phone": "1390356{i % 10000:04d}"}}'))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def base_ledger(path: Path, n: int) -> Path:
    """The demo ledger with ``n`` more enterprises (a restore of it takes a while)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from make_ledger import build

    build(path, n, 0)
    return path


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def kill_writes(folder: Path, base: Path, kills: int, rng: random.Random, figures: Figures) -> None:
    ledger_path = folder / "写入.sqlite3"
    shutil.copy(base, ledger_path)
    everything: set[str] = set()
    for k in range(kills):
        child = Child("write", ledger_path)
        child.wait_for("ready")
        time.sleep(rng.uniform(0.0, 0.4))
        lines = child.kill()
        figures.kills["write"] += 1
        everything |= _committed(lines)
        ids = verify(ledger_path, figures, f"write kill {k}")
        if ids is not None:
            _lose(figures, f"write kill {k}", everything - ids)
    figures.committed += len(everything)


def kill_migrations(folder: Path, old: Path, kills: int, rng: random.Random, figures: Figures) -> None:
    probe = folder / "迁移试跑" / "台账.sqlite3"
    probe.parent.mkdir()
    shutil.copy(old, probe)
    took = _timed(lambda: open_ledger(probe, OPERATOR).close())  # backup + migrations, in this process
    for k in range(kills):
        work = folder / f"迁移{k}"
        work.mkdir()
        ledger_path = work / "台账.sqlite3"
        shutil.copy(old, ledger_path)
        child = Child("migrate", ledger_path)
        child.wait_for("start")
        time.sleep(rng.uniform(0.0, took * 1.2))
        lines = child.kill()
        figures.kills["migrate"] += 1
        figures.migrations_cut += "migrated" not in lines
        committed = _committed(lines)
        figures.committed += len(committed)
        ids = verify(ledger_path, figures, f"migration kill {k}")
        if ids is not None:
            _lose(figures, f"migration kill {k}", committed - ids)
            if not {f"old-{i}" for i in range(3)} <= ids:
                figures.errors.append(f"migration kill {k}: the old rows are gone")
        shutil.rmtree(work)


def kill_restores(folder: Path, base: Path, kills: int, rng: random.Random, figures: Figures) -> None:
    work = folder / "恢复"
    work.mkdir()
    ledger_path = work / "台账.sqlite3"
    shutil.copy(base, ledger_path)
    backup = maintenance.backup(ledger_path, folder / "恢复用备份.sqlite3")
    backup_ids = _ids(backup)
    probe = folder / "恢复试跑.sqlite3"
    shutil.copy(base, probe)
    took = _timed(lambda: maintenance.restore(probe, backup))
    for k in range(kills):
        kept_before = set(work.glob("*.before-restore-*"))
        child = Child("restore", ledger_path, backup)
        child.wait_for("start")
        child.wait_for("restoring")
        time.sleep(rng.uniform(0.0, took * 1.3))
        lines = child.kill()
        figures.kills["restore"] += 1
        restored = any(line.startswith("restored ") for line in lines)
        figures.restores_cut += not restored
        figures.restores_done += restored
        before, after = _committed(lines[:lines.index("restoring")]), _committed(lines, after="restoring")
        figures.committed += len(before) + len(after)
        label = f"restore kill {k}"
        ids = verify(ledger_path, figures, label)
        if ids is None:
            continue
        kept = set(work.glob("*.before-restore-*")) - kept_before
        swapped = ids >= backup_ids and not (before & ids)
        if restored and not swapped:
            figures.errors.append(f"{label}: reported restored, but the ledger is not the backup")
        if not swapped and not before <= ids:
            _lose(figures, label, before - ids)
        if swapped:  # the writes made before the restore live on in the copy kept aside
            kept_ids = set().union(*(_ids(p) for p in kept)) if kept else set()
            _lose(figures, label, before - kept_ids)
        _lose(figures, label, after - ids)
        for p in kept:
            p.unlink()


def run(folder: Path, *, writes: int, migrations: int, restores: int, size: int, seed: int = 13,
        echo=print) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    base = base_ledger(folder / "基础台账.sqlite3", size)
    old = pad_old_ledger(folder / "旧版台账.sqlite3", size)
    for name, step, n, source in (("write", kill_writes, writes, base), ("migrate", kill_migrations, migrations, old),
                                  ("restore", kill_restores, restores, base)):
        t0 = time.perf_counter()
        step(folder, source, n, rng, figures)
        echo(f"{name}: {figures.kills[name]} kills in {time.perf_counter() - t0:.0f} s")
    return figures


def report(f: Figures, took: float, size: int) -> str:
    lines = [
        f"kills: {f.total_kills} (writes {f.kills['write']}, migrations {f.kills['migrate']}, "
        f"restores {f.kills['restore']}) in {took:.0f} s, ledgers of {size:,} extra enterprises",
        f"committed writes reported by the children: {f.committed:,}",
        f"lost: {f.lost}",
        f"ledger failed to open: {f.failed_open}; integrity_check not ok: {f.integrity_bad}; "
        f"check findings: {f.check_findings}",
        f"kills inside a migration: {f.migrations_cut} of {f.kills['migrate']}; inside a restore: "
        f"{f.restores_cut} of {f.kills['restore']} (restores finished before the kill: {f.restores_done})",
        f"leftovers after the kills (temp copies, stale locks, journals): {f.leftovers_after_kill}; "
        f"after the next open: {f.leftovers_after_open}",
    ]
    lines += [f"ERROR {e}" for e in f.errors[:20]]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
        return 0
    p = argparse.ArgumentParser()
    p.add_argument("--writes", type=int, default=100)
    p.add_argument("--migrations", type=int, default=50)
    p.add_argument("--restores", type=int, default=60)
    p.add_argument("--size", type=int, default=8000, help="extra enterprises in the ledgers")
    p.add_argument("--seed", type=int, default=13)
    a = p.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-kill-") as tmp:
        figures = run(Path(tmp), writes=a.writes, migrations=a.migrations, restores=a.restores, size=a.size,
                      seed=a.seed)
    print(report(figures, time.perf_counter() - t0, a.size))
    return 0 if not figures.errors and not figures.lost else 1


if __name__ == "__main__":
    sys.exit(main())
