"""Every window fits the screen it opens on (tests: a 1366×768 office PC, see tests/conftest.py) and remembers its size."""

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from ui.common.window_size import size_window


def _inside(widget):
    room = QGuiApplication.primaryScreen().availableGeometry()
    frame = widget.frameGeometry()
    return room.contains(frame.topLeft()) and frame.width() <= room.width() and frame.height() <= room.height()


def test_main_window_and_tool_windows_fit_a_small_screen(demo_window, qtbot):
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert room.height() == 728  # 1366×768 less the taskbar
    assert demo_window.isMaximized()  # a small screen: the main window takes all of it
    for window in (demo_window.open_targets(), demo_window.open_rewards()):
        qtbot.waitExposed(window)
        assert _inside(window), window.windowTitle()


def test_dialog_buttons_lie_on_screen(demo_window, qtbot):
    from ui.enterprises.survey_dialog import SurveyDialog
    from ui.tasks.brief_dialog import BriefDialog
    from ui.tasks.import_dialog import ImportDialog

    ledger = demo_window.ledger
    tab = demo_window.tab_widgets["enterprises"]
    demo_window.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    dialogs = [ImportDialog(ledger, demo_window), BriefDialog(ledger, tab.period, demo_window),
               SurveyDialog(ledger, tab.page.enterprise, tab.period, None, demo_window)]
    room = QGuiApplication.primaryScreen().availableGeometry()
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _inside(dialog), dialog.windowTitle()
        for box in dialog.findChildren(QDialogButtonBox):
            if box.isVisible():
                corner = box.mapToGlobal(box.rect().bottomRight())
                assert room.contains(corner), (dialog.windowTitle(), corner)
        dialog.reject()


def test_size_and_place_are_remembered(qtbot):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    size_window(w, "probe", 500, 300)
    w.show()
    w.resize(420, 260)
    w.hide()  # closing saves
    again = QWidget()
    qtbot.addWidget(again)
    size_window(again, "probe", 500, 300)
    assert (again.width(), again.height()) == (420, 260)
