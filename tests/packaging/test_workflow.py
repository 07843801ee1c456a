"""The Windows workflow cannot run here; actionlint checks it (syntax, expressions, runners)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def actionlint() -> str:
    beside = Path(sys.executable).with_name("actionlint")
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    assert found, "actionlint is a test dependency (pyproject's test extra)"
    return found


def lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", "-shellcheck=", str(path)], capture_output=True,
                          text=True, timeout=60, check=False)


def test_windows_workflow_passes_actionlint():
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_on_windows_2022_with_python_311_and_uploads_the_installer():
    text = WORKFLOW.read_text(encoding="utf-8")
    for needed in ("windows-2022", 'python-version: "3.11"', "packaging/build_bundle.sh",
                   "packaging/smoke_test.py", "makensis", "upload-artifact"):
        assert needed in text, needed


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on: windows-2022", "runs-on: ${{ matrix.os }"),
                      encoding="utf-8")
    assert lint(broken).returncode != 0
