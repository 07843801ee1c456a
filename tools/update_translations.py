"""Regenerate resources/i18n/innovation_ledger_en.ts from the program's sources.

    .venv/bin/python tools/update_translations.py

Runs ``pyside6-lupdate`` (next to the running Python) over desktop_app/ and
ui/ and merges into the English ``.ts``: new strings are added untranslated,
strings gone from the source are dropped, existing translations are kept.
``tests/test_translations.py`` checks the file is up to date and that every
string sits in the context the running program looks it up in.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("desktop_app", "ui")
TS_FILE = ROOT / "resources" / "i18n" / "innovation_ledger_en.ts"
# lupdate's normal chatter; anything else it prints is a problem
_QUIET = ("Updating '", "Found ", "    Found ", "Removed ", "    Removed ", "Kept ", "    Kept ",
          "Same-text heuristic", "    Same-text heuristic", "Similar-text heuristic",
          "    Similar-text heuristic", "Number heuristic", "    Number heuristic")


def sources() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))


def lupdate_exe() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else "pyside6-lupdate"


def run_lupdate(ts: Path, *, locations: str = "relative") -> list[str]:
    """Write ``ts`` (merging into it if it exists); return what lupdate said beyond its usual report."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    cmd = [lupdate_exe(), "-no-obsolete", "-locations", locations, "-source-language", "zh_CN",
           "-target-language", "en", *files, "-ts", str(ts)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    lines = (done.stdout + done.stderr).splitlines()
    return [line for line in lines if line.strip() and not line.startswith(_QUIET)]


def main() -> int:
    said = run_lupdate(TS_FILE)
    for line in said:
        print(line, file=sys.stderr)
    print(f"{TS_FILE.relative_to(ROOT)} updated")
    return 1 if said else 0


if __name__ == "__main__":
    sys.exit(main())
