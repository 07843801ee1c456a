"""Every tab, tool window and main dialog fits a 1366×768 office PC, at 100 % and at 150 % (issue 15).

At 150 % the screen is about 911×485 logical pixels. Qt's scale factor is
fixed per process, so that run is a subprocess (tests/ui/screen_fit.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from tests.ui.screen_fit import problems, survey
from ui.common.flow_layout import FlowLayout

ROOT = Path(__file__).resolve().parents[2]
SCREEN = ROOT / "tests" / "fixtures" / "screen_1366x768.json"
EVERYTHING = {"main/enterprises/selected", "main/tasks/0", "main/talent/2", "main/platforms", "task_import",
              "task_brief", "task_progress", "task_assignment", "supervision_step", "supervision_files",
              "enterprise_survey", "enterprise_record", "targets", "target_record", "rewards", "audit",
              "recycle_bin", "help", "enterprise_picker", "report_survey", "distribute", "submissions", "conflicts",
              "import_preview", "batch_import"}


def test_everything_fits_at_1366x768(demo_window):
    seen = survey(demo_window)
    assert EVERYTHING <= seen.keys()
    assert {name: found for name, found in seen.items() if found} == {}


def test_everything_fits_at_150_percent(demo_file, tmp_path):
    out = tmp_path / "fit.json"
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": f"offscreen:configfile={SCREEN}"}
    run = subprocess.run([sys.executable, "-m", "tests.ui.screen_fit", str(demo_file), str(out)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["available"] == [0, 0, 911, 485]  # 1366×728 at 150 %
    assert EVERYTHING <= result["seen"].keys()
    assert {name: found for name, found in result["seen"].items() if found} == {}


def test_the_check_sees_a_dialog_too_wide_for_the_screen(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    wide = QWidget()
    wide.setMinimumWidth(1500)
    layout.addWidget(wide)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok))
    dialog.show()
    qtbot.waitExposed(dialog)
    found = problems(dialog)
    assert any("minimum size" in f for f in found)
    assert any("QDialogButtonBox" in f or "window" in f for f in found)


def test_a_tool_bar_wraps_instead_of_widening_the_window(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    bar = FlowLayout()
    buttons = [QPushButton(f"按钮{i}号很长的名字") for i in range(6)] + [QPushButton(f"{i}") for i in range(2)]
    for b in buttons[:6]:
        bar.addWidget(b)
    bar.addStretch(1)
    for b in buttons[6:]:
        bar.addWidget(b)
    outer = QVBoxLayout(host)
    outer.addLayout(bar)
    outer.addStretch(1)
    widest = max(b.sizeHint().width() for b in buttons)
    assert host.minimumSizeHint().width() <= widest + 2 * outer.contentsMargins().left() + 2
    host.resize(400, 400)
    host.show()
    qtbot.waitExposed(host)
    rows = {b.y() for b in buttons}
    assert len(rows) >= 3  # wrapped onto several lines
    for b in buttons:
        assert 0 <= b.x() and b.x() + b.width() <= host.width(), b.text()
    margin = outer.contentsMargins().right()
    assert abs(buttons[-1].x() + buttons[-1].width() - (host.width() - margin)) <= 1  # after the stretch: right
    host.resize(3000, 400)
    qtbot.wait(10)
    assert len({b.y() for b in buttons}) == 1  # wide enough: one line, as a QHBoxLayout
