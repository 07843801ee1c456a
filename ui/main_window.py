"""The main window: four tabs over one ledger, menus, status bar."""

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox

from desktop_app import APP_NAME, __version__, i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services.exchange import ownership, submissions
from desktop_app.services.ledger import Ledger
from ui import ledger_actions, recent_ledgers, report_menu
from ui import review as review_menu
from ui.common.ledger_view import events_for, release
from ui.common.window_size import size_window
from ui.enterprises.tab import EnterprisesTab
from ui.exchange import menu as exchange_entries
from ui.lazy_tabs import LazyTabs, TabPages
from ui.platforms.tab import PlatformsTab
from ui.talent.tab import TalentTab
from ui.tasks.tab import TasksTab

TAB_CLASSES = (("tasks", TasksTab, QT_TRANSLATE_NOOP("MainWindow", "任务")),
               ("enterprises", EnterprisesTab, QT_TRANSLATE_NOOP("MainWindow", "企业")),
               ("talent", TalentTab, QT_TRANSLATE_NOOP("MainWindow", "人才")),
               ("platforms", PlatformsTab, QT_TRANSLATE_NOOP("MainWindow", "平台")))

PATH_WIDTH = 380  # the ledger's path in the status bar, at most (pixels)


class MainWindow(QMainWindow):
    ledger_changed = Signal(object)   # Changes of every committed write to the open ledger

    def __init__(self, ledger: Ledger):
        super().__init__()
        self.ledger = ledger
        self.tabs = TabPages()
        self.tab_widgets = LazyTabs(self.tabs)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)  # .bsb packages dropped on the window are imported
        size_window(self, "main", 1280, 780, main=True)
        self._status = {key: QLabel() for key in ("exchange", "unit", "operator", "path")}
        for label in self._status.values():
            self.statusBar().addPermanentWidget(label)
        self.report_menu: QMenu | None = None
        self._build_menus()
        self.ledger_changed.connect(self._exchange_changed)
        self.set_ledger(ledger)

    # ---- ledger ---------------------------------------------------------
    def set_ledger(self, ledger: Ledger) -> None:
        """Show ``ledger``: the views of the previous one are torn down before it closes."""
        current = self.tabs.currentIndex()
        if self.ledger is not ledger:
            self.close_ledger()
        else:
            self._detach()
        self.ledger = ledger
        self._closed = False
        self._events = events_for(ledger)
        self._events.changed.connect(self.ledger_changed)
        QSettings().setValue("ledger/last_path", str(ledger.path))
        recent_ledgers.remember(ledger.path)
        self.tabs.blockSignals(True)  # adding pages must not build them
        for key, cls, title in TAB_CLASSES:
            self.tab_widgets.add(key, self.tr(title), lambda k=key, c=cls: self._build_tab(k, c, ledger))
        self.tabs.setCurrentIndex(max(current, 0))
        self.tabs.blockSignals(False)
        self.tab_widgets[TAB_CLASSES[max(current, 0)][0]]  # the visible tab is built at once
        demo = self.tr("（演示台账）") if ledger.setting("demo") == "1" else ""
        self.setWindowTitle(f"{ledger.unit.name}{demo} — {i18n.tr(APP_NAME)}")
        self._status["unit"].setText(self.tr("单位：{name}　{level}").format(
            name=ledger.unit.name, level=ledger.unit.level_label))
        self._status["operator"].setText(self.tr("操作员：{name}").format(name=ledger.operator))
        path = self.tr("台账：{path}").format(path=ledger.path)  # a long folder is shortened in the middle
        self._status["path"].setText(self._status["path"].fontMetrics().elidedText(
            path, Qt.TextElideMode.ElideMiddle, PATH_WIDTH))
        self._status["path"].setToolTip(path)
        self._exchange_changed()

    def _exchange_changed(self, changes=None) -> None:
        """The 数据交换 entries and the status bar's note of the last distribution received."""
        if changes is not None and not changes.touches(("exchange_conflicts", "package_log")):
            return
        exchange_entries.fit_to_ledger(self.exchange_actions, self.ledger)
        last = ownership.last_distribution(self.ledger)
        note = self._status["exchange"]
        note.setText(self.tr("已接收{sender}下发包第 {n} 号（{at}）").format(
            sender=last[0], n=last[1], at=last[2][:10]) if last else "")
        tip = self.tr("{sender}下发的任务、目标等在本台账只读；本单位录入的数据在下次导入时不会被覆盖").format(
            sender=last[0]) if last else ""
        back = submissions.open_returns(self.ledger) if last else []
        if back:
            note.setText(note.text() + "　" + self.tr("⚠ {periods} 的报送被退回").format(
                periods="、".join(r["period"] for r in back)))
            note.setStyleSheet("color: #b00000;")
            tip = "\n".join(self.tr("{p} 退回原因：{reason}").format(p=r["period"], reason=r["reason"]) for r in back) \
                + "\n" + self.tr("请更正后重新生成报送包（数据交换 → 生成报送包…）")
        else:
            note.setStyleSheet("")
        note.setToolTip(tip)
        note.setVisible(last is not None)

    def open_package(self, path) -> None:
        """A package named on the command line or dropped on the window: checked, previewed, then imported."""
        from ui.exchange import import_flow

        import_flow.import_package(self, str(path))

    @staticmethod
    def _dropped_packages(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(".bsb")]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._dropped_packages(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """报送包 files dropped on the window (from the USB stick's folder): imported as 导入报送包… would."""
        from ui.exchange import import_flow

        if paths := self._dropped_packages(event):
            event.acceptProposedAction()
            import_flow.open_packages(self, paths)

    def _build_tab(self, key: str, cls, ledger: Ledger):
        tab = cls(ledger, self)  # a LedgerView: it hears the ledger's changes itself
        tab.setObjectName(f"tab_{key}")
        return tab

    def _detach(self) -> None:
        """Tear down every view of the current ledger (tabs, tool windows, the change signal)."""
        self.tab_widgets.clear()
        self._close_tool_windows()
        if getattr(self, "_events", None) is not None:
            self._events.changed.disconnect(self.ledger_changed)
            self._events = None

    def close_ledger(self) -> None:
        """Views first, then the ledger (restore swaps the file underneath; set_ledger follows)."""
        self._detach()
        if not getattr(self, "_closed", False):
            release(self.ledger)
            self.ledger.close()
            self._closed = True

    def _close_tool_windows(self) -> None:
        for attr in ("_targets_window", "_rewards_window", "_audit_window", "_review_window", "_distribute_window",
                     "_conflicts_window", "_submissions_window"):
            win = getattr(self, attr, None)
            if win is not None:
                win.teardown()
                win.close()
                win.deleteLater()
                setattr(self, attr, None)

    # ---- menus ----------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot, shortcut=None, enabled: bool = True) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def open_recycle_bin(self):
        from ui.recycle_bin import RecycleBinDialog

        dialog = RecycleBinDialog(self.ledger, self)
        self.recycle_bin = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("文件(&F)"))
        self._action(file, self.tr("新建台账…"), lambda: ledger_actions.new_ledger(self), QKeySequence.StandardKey.New)
        self._action(file, self.tr("打开台账…"), lambda: ledger_actions.open_ledger_file(self),
                     QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu(self.tr("最近打开的台账"))
        self.recent_menu.setObjectName("recent")
        self.recent_menu.aboutToShow.connect(lambda: recent_ledgers.fill(self, self.recent_menu))
        file.addSeparator()
        self._action(file, self.tr("备份台账…"), lambda: ledger_actions.backup(self))
        self._action(file, self.tr("恢复台账…"), lambda: ledger_actions.restore(self))
        self._action(file, self.tr("检查台账"), lambda: ledger_actions.check(self))
        file.addSeparator()
        self._action(file, self.tr("操作日志…"), self.open_audit)
        self._action(file, self.tr("回收站…"), self.open_recycle_bin)
        file.addSeparator()
        self._action(file, self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)

        self.report_menu = bar.addMenu(self.tr("报表(&R)"))
        report_menu.populate(self, self.report_menu)

        goals = bar.addMenu(self.tr("目标奖补(&T)"))
        self._action(goals, self.tr("目标完成情况…"), self.open_targets)
        self._action(goals, self.tr("奖补测算…"), self.open_rewards)

        bar.addMenu(self.tr("数据交换(&E)"))
        self.exchange_actions = exchange_entries.add_package_entries(self)
        exchange_entries.add_survey_import(self)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("使用说明"), self.show_help, QKeySequence.StandardKey.HelpContents)
        help_menu.addSeparator()
        self._action(help_menu, self.tr("关于…"), self.about)
        review_menu.add_menu_entry(self)  # 数据交换 → 审核…

    def open_targets(self):
        from ui.targets.window import open_targets  # charts load on first use, not at start-up

        return open_targets(self)

    def open_audit(self):
        from ui.audit_window import open_audit

        return open_audit(self)

    def open_rewards(self):
        from ui.rewards.window import open_rewards

        return open_rewards(self)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not getattr(self, "_warmed", False):
            self._warmed = True
            QTimer.singleShot(1500, report_menu.warm_up)  # after the first paint

    def show_help(self):
        from ui.help_dialog import show_help

        return show_help(self)

    def about(self) -> None:
        from desktop_app.services import report_fonts
        from desktop_app.services.maintenance import schema_version

        QMessageBox.about(self, self.tr("关于"), self.tr(
            "<h3>{app}</h3><p>版本 {version}</p><p>台账结构版本 {schema}</p>"
            "<p>本单位：{unit}<br>台账文件：{path}</p><p>报表字体：{fonts}</p>"
            "<p>离线运行，数据只保存在本机台账文件中。</p>").format(
            app=i18n.tr(APP_NAME), version=__version__, schema=schema_version(),
            unit=self.ledger.unit.name, path=self.ledger.path, fonts=report_fonts.describe()))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.close_ledger()
        super().closeEvent(event)
