"""文件 → 最近打开的台账 and 帮助 → 使用说明."""

from PySide6.QtCore import QSettings

from desktop_app.services.ledger import create_ledger
from ui import recent_ledgers


def _menu_action(menu, text):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_recent_ledgers_listed_missing_disabled_and_reopened(qtbot, demo_window, tmp_path):
    other = create_ledger(tmp_path / "other.sqlite3", unit_name="阳城县", level="county", operator="甲")
    other.close()
    gone = tmp_path / "gone.sqlite3"
    recent_ledgers.remember(gone)
    recent_ledgers.remember(other.path)
    recent_ledgers.remember(demo_window.ledger.path)
    menu = demo_window.recent_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.data()]
    assert [a.data() for a in entries][:3] == [str(demo_window.ledger.path.resolve()),
                                               str(other.path.resolve()), str(gone.resolve())]
    current, reopen, missing = entries[:3]
    assert not current.isEnabled() and reopen.isEnabled()
    assert not missing.isEnabled() and "文件不存在" in missing.text()
    reopen.trigger()
    assert demo_window.ledger.unit.name == "阳城县"
    assert recent_ledgers.recent()[0] == str(other.path.resolve())
    for i in range(12):
        recent_ledgers.remember(tmp_path / f"x{i}.sqlite3")
    assert len(recent_ledgers.recent()) == recent_ledgers.MAX_RECENT
    menu.aboutToShow.emit()
    _menu_action(menu, "清除列表").trigger()
    assert recent_ledgers.recent() == [] and QSettings().value(recent_ledgers.KEY) in ([], None)


def test_help_dialog_shows_the_monthly_steps(qtbot, demo_window):
    help_menu = demo_window.menuBar().actions()[-1].menu()
    _menu_action(help_menu, "使用说明").trigger()
    dialog = demo_window._help_dialog
    assert dialog.isVisible()
    text = dialog.browser.toPlainText()
    for step in ("下发任务", "填报进展", "调查表", "销号", "打印报表", "备份"):
        assert step in text
    dialog.grab().save("/tmp/help_dialog.png")


def test_every_exchange_entry_the_help_names_is_in_the_menu(demo_window):
    """使用说明 names 数据交换 entries; each is one the window has (shown at some level of ledger)."""
    import re

    from desktop_app.paths import resource
    from ui.help_dialog import HELP_FILE

    text = resource(*HELP_FILE).read_text(encoding="utf-8")
    named = set(re.findall(r"数据交换 → ([^”]+)”", text)) | set(re.findall(r"点“(生成回执…|导入回执…)”", text))
    menu = next(a.menu() for a in demo_window.menuBar().actions() if a.text().startswith("数据交换"))
    entries = {a.text().split("（")[0].removesuffix("…") + "…" for a in menu.actions() if a.text()}
    assert {"生成回执…", "导入回执…", "导入报送包…"} <= named
    assert named <= entries, named - entries
