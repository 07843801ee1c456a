"""帮助 → 使用说明: the monthly steps, shipped as resources/help/使用说明.html."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.paths import resource
from ui.common.window_size import size_window

HELP_FILE = ("help", "使用说明.html")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用说明"))
        size_window(self, "help", 720, 640)
        self.browser = QTextBrowser(objectName="help")
        self.browser.setOpenExternalLinks(False)
        path = resource(*HELP_FILE)
        try:
            self.browser.setHtml(path.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(self.tr("找不到使用说明文件：{p}").format(p=path))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_help(window) -> HelpDialog:
    dialog = getattr(window, "_help_dialog", None)
    if dialog is None:
        dialog = window._help_dialog = HelpDialog(window)
    dialog.show()
    dialog.raise_()
    return dialog
