"""印证材料 of one record: files kept in the ledger, plus files picked but not yet saved."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services import evidence

PENDING_ROLE = Qt.ItemDataRole.UserRole + 1


class EvidenceList(QWidget):
    """Adds and removals are collected and handed to the save function (one write)."""

    changed = Signal()

    def __init__(self, ledger, owner_table: str, owner_id: str | None, parent=None):
        super().__init__(parent)
        self.ledger, self.owner_table, self.owner_id = ledger, owner_table, owner_id
        self.to_attach: list[Path] = []
        self.to_detach: list[str] = []
        self.list = QListWidget(objectName="evidence_files")
        self.list.setMaximumHeight(96)
        self.list.itemDoubleClicked.connect(lambda _: self.export_current())
        add = QPushButton(self.tr("添加…"), objectName="evidence_add")
        add.clicked.connect(self.pick)
        self.export_button = QPushButton(self.tr("另存为…"))
        self.export_button.clicked.connect(self.export_current)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QVBoxLayout()
        for b in (add, self.export_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.owner_id:
            for ev in evidence.list_files(self.ledger, self.owner_table, self.owner_id):
                if ev.id in self.to_detach:
                    continue
                item = QListWidgetItem(f"{ev.file_name}（{ev.size_text}）")
                item.setData(Qt.ItemDataRole.UserRole, ev.id)
                self.list.addItem(item)
        for path in self.to_attach:
            item = QListWidgetItem(self.tr("{name}（待保存）").format(name=path.name))
            item.setData(PENDING_ROLE, str(path))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(self.tr("（无）"))

    def add_paths(self, paths: list[str | Path]) -> None:
        for p in paths:
            path = Path(p)
            if path not in self.to_attach:
                self.to_attach.append(path)
        self.reload()
        self.changed.emit()

    def pick(self) -> None:
        settings = QSettings()
        folder = settings.value("evidence/folder", str(Path.home()))
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择印证材料"), folder,
                                                self.tr("常用材料 (*.pdf *.jpg *.jpeg *.png *.doc *.docx *.xls *.xlsx);;"
                                                        "所有文件 (*)"))
        if paths:
            settings.setValue("evidence/folder", str(Path(paths[0]).parent))
            self.add_paths(paths)

    def _current(self) -> QListWidgetItem | None:
        item = self.list.currentItem()
        if item is None or not (item.data(Qt.ItemDataRole.UserRole) or item.data(PENDING_ROLE)):
            return None
        return item

    def remove_current(self) -> None:
        item = self._current()
        if item is None:
            return
        if item.data(PENDING_ROLE):
            self.to_attach.remove(Path(item.data(PENDING_ROLE)))
        else:
            self.to_detach.append(item.data(Qt.ItemDataRole.UserRole))
        self.reload()
        self.changed.emit()

    def export_current(self) -> None:
        item = self._current()
        if item is None or item.data(PENDING_ROLE):
            return
        ev = evidence.get(self.ledger, item.data(Qt.ItemDataRole.UserRole))
        out, _ = QFileDialog.getSaveFileName(self, self.tr("另存印证材料"), str(Path.home() / ev.file_name))
        if not out:
            return
        try:
            evidence.export(self.ledger, ev.id, out)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("印证材料"), str(exc))
