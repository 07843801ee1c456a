"""The survey return (企业创新活动开展情况调查表, 004 附件3) for one enterprise and period.

Laid out in the form's order: 一 R&D institutions and 二 R&D projects as
growing grids, 三 the six directions and the fourteen boxes, then the
evidence files and who filled it in. Nothing is written until 保存; the
service checks everything and a bad field is pointed at, nothing lost.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.domain.file_names import runs_code
from desktop_app.domain.survey import DIRECTIONS, INSTITUTION_FIELDS, PROJECT_FIELDS, SECTION_TITLES
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import catalogs, evidence
from desktop_app.services.enterprises import surveys
from desktop_app.services.ledger import Ledger
from ui.common.buttons import save_shortcut
from ui.common.window_size import size_window
from ui.enterprises.row_table import RowTable

ROLE_KIND = 0x0101  # Qt.UserRole + 1: ("new", path) | ("keep", id) | ("reuse", id)


class SurveyDialog(QDialog):
    def __init__(self, ledger: Ledger, enterprise: dict, period: str, survey_id: str | None = None, parent=None):
        super().__init__(parent)
        self.ledger, self.enterprise, self.survey_id = ledger, enterprise, survey_id
        self.removed: list[str] = []
        self.result_value: str | None = None
        self.setWindowTitle(self.tr("企业创新活动开展情况调查表 — {name}").format(name=enterprise["name"]))
        size_window(self, "survey", 1040, 700)  # the form scrolls

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("企业全称：<b>{name}</b>").format(name=enterprise["name"])), 1)
        top.addWidget(QLabel(self.tr("报送期")))
        self.period = QLineEdit(period, objectName="period")
        self.period.setPlaceholderText(self.tr("如 2026-10"))
        self.period.setFixedWidth(90)
        top.addWidget(self.period)
        self.copy_button = QPushButton(self.tr("复制上期"), objectName="copy_previous")
        self.copy_button.setToolTip(self.tr("以本企业最近一期调查表为底稿（含印证材料），再按本期情况修改"))
        self.copy_button.clicked.connect(self.copy_previous)
        top.addWidget(self.copy_button)

        body = QWidget()
        form = QVBoxLayout(body)
        self.institutions = RowTable(INSTITUTION_FIELDS)
        self.institutions.setObjectName("institutions")
        self.projects = RowTable(PROJECT_FIELDS)
        self.projects.setObjectName("projects")
        for title, table in ((SECTION_TITLES[0], self.institutions), (SECTION_TITLES[1], self.projects)):
            form.addWidget(self._grid_box(i18n.tr(title), table))
        form.addWidget(self._activities_box())
        form.addWidget(self._evidence_box())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        sign = QHBoxLayout()
        self.filled_by = QLineEdit(objectName="filled_by")
        self.phone = QLineEdit(objectName="phone")
        self.filled_on = QLineEdit(objectName="filled_on")
        self.filled_on.setPlaceholderText(self.tr("如 2026-11-01"))
        for label, w in ((self.tr("填表人"), self.filled_by), (self.tr("联系电话"), self.phone),
                         (self.tr("填表日期"), self.filled_on)):
            sign.addWidget(QLabel(label))
            sign.addWidget(w)

        self.error_label = QLabel(objectName="error")
        self.error_label.setStyleSheet("color: #c00;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save_shortcut(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(sign)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if survey_id:
            self.load(surveys.as_values(surveys.get(ledger, survey_id)))
            for ev in evidence.list_files(ledger, "surveys", survey_id):
                self._add_evidence_item(ev.file_name, ("keep", ev.id), ev.size_text)
        else:
            self.institutions.add_row()
            self.projects.add_row()
        self.institutions.setFocus()

    # ---- layout pieces ---------------------------------------------------
    def _grid_box(self, title: str, table: RowTable) -> QGroupBox:
        box = QGroupBox(title)
        v = QVBoxLayout(box)
        table.setMinimumHeight(120)
        v.addWidget(table)
        bar = QHBoxLayout()
        add, remove = QPushButton(self.tr("添加一行 (Ctrl+Enter)")), QPushButton(self.tr("删除所选行"))
        add.clicked.connect(lambda: (table.add_row(), table.setFocus()))
        remove.clicked.connect(table.remove_current)
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("回车到下一格；没有的留空行即可")))
        v.addLayout(bar)
        return box

    def _activities_box(self) -> QGroupBox:
        box = QGroupBox(i18n.tr(SECTION_TITLES[2]))
        v = QVBoxLayout(box)
        form = QFormLayout()
        self.directions: dict[str, QPlainTextEdit] = {}
        for key, label in DIRECTIONS:
            w = QPlainTextEdit(objectName=key)
            w.setTabChangesFocus(True)
            w.setFixedHeight(46)
            self.directions[key] = w
            form.addRow(i18n.tr(label), w)
        v.addLayout(form)
        v.addWidget(QLabel(self.tr("其他创新活动（可多选）")))
        grid = QGridLayout()
        self.checks: list[QCheckBox] = []
        for i, name in enumerate(catalogs.other_activities()):
            box_ = QCheckBox(name, objectName=f"activity_{i + 1}")
            self.checks.append(box_)
            grid.addWidget(box_, i // 2, i % 2)
        v.addLayout(grid)
        return box

    def _evidence_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("印证材料（批准文件、立项文件、研发费用辅助账、照片等）"))
        h = QHBoxLayout(box)
        self.evidence_list = QListWidget(objectName="evidence")
        self.evidence_list.setMaximumHeight(110)
        h.addWidget(self.evidence_list, 1)
        col = QVBoxLayout()
        for text, slot in ((self.tr("添加文件…"), self.pick_files), (self.tr("打开"), self.open_selected),
                           (self.tr("移除"), self.remove_selected)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            col.addWidget(b)
        col.addStretch(1)
        h.addLayout(col)
        return box

    # ---- values ----------------------------------------------------------
    def load(self, values: dict) -> None:
        self.institutions.set_rows(values.get("institutions") or [])
        self.projects.set_rows(values.get("projects") or [])
        for key, w in self.directions.items():
            w.setPlainText(values.get(key) or "")
        ticked = set(values.get("other_activities") or ())
        for i, box in enumerate(self.checks, start=1):
            box.setChecked(i in ticked)
        self.filled_by.setText(values.get("filled_by") or "")
        self.phone.setText(values.get("phone") or "")
        self.filled_on.setText(values.get("filled_on") or "")

    def values(self) -> dict:
        return {"period": self.period.text(), "institutions": self.institutions.rows(),
                "projects": self.projects.rows(), **{k: w.toPlainText() for k, w in self.directions.items()},
                "other_activities": [i for i, b in enumerate(self.checks, start=1) if b.isChecked()],
                "filled_by": self.filled_by.text(), "phone": self.phone.text(), "filled_on": self.filled_on.text()}

    def copy_previous(self) -> None:
        period = self.period.text().strip()
        prev = surveys.previous(self.ledger, self.enterprise["id"], period or "9999-12")
        if prev is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("本企业在 {p} 之前没有调查表可复制").format(p=period))
            return
        self.load({**surveys.as_values(prev), "filled_on": ""})
        have = {self.evidence_list.item(i).text() for i in range(self.evidence_list.count())}
        for ev in evidence.list_files(self.ledger, "surveys", prev.id):
            if ev.file_name not in have:
                self._add_evidence_item(ev.file_name, ("reuse", ev.id), self.tr("沿用 {p}").format(p=prev.period))
        self.show_error(self.tr("已复制 {p} 的调查表，请按本期情况修改后保存").format(p=prev.period), None, info=True)

    # ---- evidence --------------------------------------------------------
    def _add_evidence_item(self, name: str, kind: tuple[str, str], detail: str) -> None:
        item = QListWidgetItem(f"{name}（{detail}）")
        item.setData(ROLE_KIND, kind)
        self.evidence_list.addItem(item)

    def add_files(self, paths: list[str]) -> None:
        for p in paths:
            path = Path(p)
            size = evidence.human_size(path.stat().st_size) if path.is_file() else "?"
            self._add_evidence_item(path.name, ("new", str(path)), self.tr("待保存，{s}").format(s=size))

    def pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择印证材料"), str(Path.home()),
                                                self.tr("文档和图片 (*.pdf *.jpg *.jpeg *.png *.doc *.docx "
                                                        "*.xls *.xlsx *.ofd);;所有文件 (*)"))
        self.add_files(paths)

    def _kinds(self, kind: str) -> list[str]:
        out = []
        for i in range(self.evidence_list.count()):
            k, value = self.evidence_list.item(i).data(ROLE_KIND)
            if k == kind:
                out.append(value)
        return out

    def remove_selected(self) -> None:
        row = self.evidence_list.currentRow()
        if row < 0:
            return
        kind, value = self.evidence_list.item(row).data(ROLE_KIND)
        if kind == "keep":
            self.removed.append(value)
        self.evidence_list.takeItem(row)

    def open_selected(self) -> None:
        item = self.evidence_list.currentItem()
        if item is None:
            return
        kind, value = item.data(ROLE_KIND)
        try:
            path = Path(value) if kind == "new" else evidence.export(
                self.ledger, value, Path(tempfile.mkdtemp(prefix="evidence-")))
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        if runs_code(path.name):  # a program or a shortcut is shown in its folder, never run
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "“{name}”是可执行程序或快捷方式，为安全起见不直接打开，只打开它所在的文件夹。").format(name=path.name))
            path = path.parent
        self.last_opened = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ---- saving ----------------------------------------------------------
    def show_error(self, message: str, field: str | None, *, info: bool = False) -> None:
        self.institutions.clear_marks()
        self.projects.clear_marks()
        for w in (self.period, self.phone, self.filled_on, self.filled_by):
            w.setStyleSheet("")
        self.error_label.setStyleSheet("color: #06c;" if info else "color: #c00;")
        self.error_label.setText(message)
        self.error_label.show()
        if not field:
            return
        parts = field.split(".")
        if parts[0] in ("institutions", "projects") and len(parts) == 3:
            getattr(self, parts[0]).mark(int(parts[1]), parts[2])
        elif isinstance(getattr(self, parts[0], None), QLineEdit):
            w = getattr(self, parts[0])
            w.setStyleSheet("border: 1px solid #c00;")
            w.setFocus()
        elif parts[0] in self.directions:
            self.directions[parts[0]].setFocus()

    def accept(self) -> None:
        try:
            self.result_value = surveys.save(
                self.ledger, self.enterprise["id"], self.values(), self.survey_id,
                new_files=self._kinds("new"), reuse_evidence=self._kinds("reuse"), remove_evidence=self.removed)
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except UserError as exc:
            self.show_error(str(exc), None)
            return
        super().accept()
