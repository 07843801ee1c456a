"""The OK/Cancel row every dialog ends with, and Ctrl+S where a dialog saves."""

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox


def save_shortcut(dialog: QDialog, button: QAbstractButton) -> QShortcut:
    """Ctrl+S presses ``button`` (when it is enabled), as in every office program."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
    shortcut.activated.connect(lambda: button.isEnabled() and button.click())
    button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText))
    return shortcut


def ok_cancel(dialog: QDialog, ok_text: str | None = None, *, saves: bool = False) -> QDialogButtonBox:
    """确定/取消 wired to the dialog; ``ok_text`` names the action (保存, 导入 …);
    ``saves``: the OK button saves, so Ctrl+S presses it too."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok_text:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    if saves:
        save_shortcut(dialog, ok)
    return buttons
