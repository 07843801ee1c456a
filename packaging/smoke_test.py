"""Frozen smoke test: run the bundle itself (not the source) the way a clerk and a script would.

    python packaging/smoke_test.py [dist/创新生态工作台账] [--headless]

Checks: ``demo`` gives the same row count in every table as from source; every
``report`` form in both formats; ``check``; ``backup``; and (unless --headless)
the window opened offscreen, failing when the Qt platform plugin or the
bundled fonts are missing. Prints one line per check and "N passed, N failed".
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "创新生态工作台账"
sys.path.insert(0, str(ROOT))


def exe_of(bundle: Path) -> Path:
    for candidate in (bundle / f"{NAME}.exe", bundle / NAME):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"no program in {bundle}")


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%fts%' ORDER BY name")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


class Smoke:
    def __init__(self, exe: Path, work: Path):
        self.exe, self.work, self.passed, self.failed = exe, work, 0, 0
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe), *args], cwd=self.work, env=env or self.env,
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=300, check=False)

    def check(self, what: str, ok: bool, detail: str = "") -> bool:
        print(("PASS " if ok else "FAIL ") + what + ("" if ok or not detail else f": {detail}"))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def from_source(work: Path) -> dict[str, int]:
    db = work / "source.sqlite3"
    subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db), "demo"], cwd=ROOT,
                   check=True, capture_output=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return counts(db)


def main(argv: list[str]) -> int:
    headless = "--headless" in argv
    args = [a for a in argv if not a.startswith("--")]
    bundle = Path(args[0]) if args else ROOT / "dist" / NAME
    exe = exe_of(bundle.resolve())
    with tempfile.TemporaryDirectory(prefix="smoke-") as tmp:
        work = Path(tmp)
        s = Smoke(exe, work)
        db = work / "frozen.sqlite3"
        r = s.run("--db", str(db), "demo")
        frozen = counts(db) if r.returncode == 0 else {}
        source = from_source(work)
        s.check("demo", r.returncode == 0, r.stderr[-400:])
        s.check("demo row counts equal to source", frozen == source and source.get("surveys", 0) > 0,
                f"frozen {frozen} source {source}")
        uscc = sqlite3.connect(db).execute("SELECT uscc FROM enterprises LIMIT 1").fetchone()[0] if frozen else ""
        from desktop_app.services import printing

        for form, spec in printing.registry().items():
            for fmt in spec.formats:
                out = work / f"{form}.{fmt}"
                extra = ["--enterprise", uscc] if "enterprise" in spec.required or form == "survey" else []
                r = s.run("--db", str(db), "report", form, "--format", fmt, "--out", str(out), *extra)
                data = out.read_bytes() if out.exists() else b""
                magic = b"%PDF" if fmt == "pdf" else b"PK"
                fonts_in = fmt == "xlsx" or b"NotoS" in data or b"Noto" in data
                s.check(f"report {form} {fmt}", r.returncode == 0 and data.startswith(magic) and fonts_in,
                        r.stderr[-400:] or "no bundled font in the PDF")
        r = s.run("--db", str(db), "check")
        s.check("check", r.returncode == 0, r.stderr[-400:])
        backup = work / "backup.sqlite3"
        r = s.run("--db", str(db), "backup", "--out", str(backup))
        # the ledger logs the backup after copying it: one audit row more than the copy holds
        logged = {**counts(db), "audit_log": counts(db)["audit_log"] - 1}
        s.check("backup", r.returncode == 0 and counts(backup) == logged, r.stderr[-400:])
        if not headless:
            window_checks(s, db, bundle)
    print(f"{s.passed} passed, {s.failed} failed")
    return 1 if s.failed else 0


def window_checks(s: Smoke, db: Path, bundle: Path) -> None:
    out = s.work / "window.json"
    started = time.time()
    r = s.run("--db", str(db), env=dict(s.env, LEDGER_SMOKE_WINDOW=str(out)))
    found = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    if "shown_at" in found:
        print(f"cold start to window shown: {found['shown_at'] - started:.2f} s")
    s.check("window opens offscreen", r.returncode == 0 and found.get("platform") == "offscreen"
            and found.get("tabs") == 4 and found.get("colours", 0) > 3, r.stderr[-600:] or str(found))
    fonts = found.get("bundled_fonts", {})
    s.check("bundled fonts load and draw Chinese", len(fonts) >= 3 and all(fonts.values()), str(fonts))
    s.check("print preview renders a form and prints it (QtPdf, QtPrintSupport)",
            found.get("preview_pages", 0) > 1 and found.get("preview_ink", 0) > 20
            and found.get("printed_pages") == found.get("preview_pages"), str(found))
    s.check("window icon in every size", {16, 32, 256} <= set(found.get("icon_sizes", [])), str(found))
    plugins = [p.name for p in bundle.rglob("platforms/*") if p.is_file()]
    native = "qwindows.dll" if sys.platform == "win32" else "libqxcb.so"
    s.check("native Qt platform plugin in the bundle", native in plugins, str(plugins))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
