"""Dialogs for the task tree: document, key task, task, assignment (with contact lines), target."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs, tasks, units
from desktop_app.services.tasks import task_targets
from ui.common.buttons import ok_cancel
from ui.common.record_dialog import FieldDef, RecordDialog

translate = QCoreApplication.translate  # the dialogs open from TreePage; lupdate reads translate(…)


def document_dialog(parent, ledger, document_id: str | None = None) -> RecordDialog:
    values = tasks.document(ledger, document_id) if document_id else None
    fields = [FieldDef("doc_no", translate("TreePage", "文号"), placeholder=translate("TreePage", "如 沁办发〔2020〕24号")),
              FieldDef("title", translate("TreePage", "文件标题"), required=True),
              FieldDef("issuer", translate("TreePage", "发文机关")),
              FieldDef("issued_on", translate("TreePage", "成文日期"), "date")]
    return RecordDialog(translate("TreePage", "编辑政策文件") if document_id else translate("TreePage", "新增政策文件"), fields,
                        lambda v: tasks.save_document(ledger, v, document_id), values, parent)


def key_task_dialog(parent, ledger, document_id: str, key=None) -> RecordDialog:
    fields = [FieldDef("seq", translate("TreePage", "序号"), "int", placeholder=translate("TreePage", "留空则排在最后")),
              FieldDef("name", translate("TreePage", "重点任务"), required=True)]
    values = {"seq": key.seq, "name": key.name} if key else None
    return RecordDialog(translate("TreePage", "编辑重点任务") if key else translate("TreePage", "新增重点任务"), fields,
                        lambda v: tasks.save_key_task(ledger, document_id, v, key.id if key else None), values, parent)


def task_dialog(parent, ledger, key_task_id: str, task=None) -> RecordDialog:
    fields = [FieldDef("name", translate("TreePage", "具体任务"), required=True),
              FieldDef("description", translate("TreePage", "任务说明"), "multiline")]
    values = {"name": task.name, "description": task.description} if task else None
    return RecordDialog(translate("TreePage", "编辑具体任务") if task else translate("TreePage", "新增具体任务"), fields,
                        lambda v: tasks.save_task(ledger, key_task_id, v, task.id if task else None), values, parent)


def target_dialog(parent, ledger, task_id: str, row=None) -> RecordDialog:
    kinds = list(task_targets.KINDS.items())
    fields = [
        FieldDef("indicator", translate("TreePage", "指标"), required=True, placeholder=translate("TreePage", "如 高新技术企业数")),
        FieldDef("measure_unit", translate("TreePage", "计量单位"), placeholder=translate("TreePage", "家 / 个 / 名 / %")),
        FieldDef("year_values", translate("TreePage", "目标"), required=True, placeholder=translate("TreePage", "年份:目标值，如 2023:10；多年用分号")),
        FieldDef("kind", translate("TreePage", "统计口径"), "ref", required=True, options=[(k, i18n.tr(v)) for k, v in kinds]),
        FieldDef("title", translate("TreePage", "企业称号"), "choice", options=[t["name"] for t in catalogs.enterprise_titles()]),
        FieldDef("platform_type", translate("TreePage", "平台类型"), "choice", options=catalogs.platform_types()),
        FieldDef("level", translate("TreePage", "级别（及以上）"), "choice", options=catalogs.platform_levels()),
        FieldDef("high_level", translate("TreePage", "只计高层次人才"), "bool"),
        FieldDef("since_year", translate("TreePage", "起算年份"), "int", placeholder=translate("TreePage", "只计该年起新增的，可不填")),
    ]
    values = None
    if row is not None:
        m = row.metric
        values = {"indicator": row.indicator, "measure_unit": row.measure_unit,
                  "year_values": task_targets.format_year_values(row.years), "kind": m.get("kind", "manual"),
                  "title": m.get("title"), "platform_type": (m.get("types") or [None])[0],
                  "level": m.get("min_level") or m.get("level"), "high_level": m.get("high_level", False),
                  "since_year": m.get("since_year", "")}
    dialog = RecordDialog(translate("TreePage", "编辑目标") if row else translate("TreePage", "新增目标"), fields,
                          lambda v: task_targets.save(ledger, task_id, v, row.id if row else None), values, parent)
    note = QLabel(translate("TreePage", "能从台账统计的目标（企业称号、平台、人才、覆盖率），实际值由系统自动计算，不需填写。"))
    note.setWordWrap(True)
    note.setStyleSheet("color: #555;")
    dialog.layout().insertWidget(1, note)
    return dialog


class AssignmentDialog(QDialog):
    """责任单位, 牵头/配合, and one line per 责任领导 / 责任科室 / 具体承办人 group."""

    HEAD = (QT_TRANSLATE_NOOP("AssignmentDialog", "责任领导"), QT_TRANSLATE_NOOP("AssignmentDialog", "责任科室"),
            QT_TRANSLATE_NOOP("AssignmentDialog", "具体承办人"))

    def __init__(self, parent, ledger, task_id: str, node=None):
        super().__init__(parent)
        self.ledger, self.task_id, self.node = ledger, task_id, node
        self.result_value = None
        self.setWindowTitle(self.tr("编辑责任单位") if node else self.tr("新增责任单位"))
        self.setMinimumWidth(600)
        self.department = QComboBox(objectName="department")
        self.department.setEditable(True)
        names = [c.name for c in units.departments(ledger)]
        self.department.addItems(names)
        self.department.setCompleter(QCompleter(names, self))
        self.department.setCurrentText(node.department if node else "")
        self.role = QComboBox(objectName="role")
        self.role.addItem(self.tr("牵头"), "lead")
        self.role.addItem(self.tr("配合"), "support")
        self.role.setCurrentIndex(0 if node and node.role == "lead" else 1)
        self.contacts = QTableWidget(0, 3, objectName="contacts")
        self.contacts.setHorizontalHeaderLabels([self.tr(h) for h in self.HEAD])
        self.contacts.horizontalHeader().setStretchLastSection(True)
        self.contacts.setColumnWidth(0, 120)
        self.contacts.setColumnWidth(1, 220)
        for line in (node.contacts if node else []) or [("", "", "")]:
            self.add_line(line)
        add = QPushButton(self.tr("加一行"))
        add.clicked.connect(lambda: self.add_line(("", "", "")))
        remove = QPushButton(self.tr("删除选中行"))
        remove.clicked.connect(lambda: self.contacts.removeRow(self.contacts.currentRow()))
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("责任单位"), self.department)
        form.addRow(self.tr("分工"), self.role)
        self.error_label = QLabel(objectName="error")
        self.error_label.setStyleSheet("color: #c00;")
        self.error_label.hide()
        self.buttons = ok_cancel(self, self.tr("保存"), saves=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("责任人（多人写在同一格内用空格分开；同一单位多组责任人各占一行）")))
        layout.addWidget(self.contacts)
        layout.addLayout(row_buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def add_line(self, line) -> None:
        r = self.contacts.rowCount()
        self.contacts.insertRow(r)
        for c, text in enumerate(line):
            self.contacts.setItem(r, c, QTableWidgetItem(text))

    def values(self) -> dict:
        lines = []
        for r in range(self.contacts.rowCount()):
            cells = [(self.contacts.item(r, c).text() if self.contacts.item(r, c) else "") for c in range(3)]
            lines.append(dict(zip(("leader", "section", "handler"), cells, strict=True)))
        return {"department": self.department.currentText(), "role": self.role.currentData(), "contacts": lines}

    def accept(self) -> None:
        try:
            self.result_value = tasks.save_assignment(self.ledger, self.task_id, self.values(),
                                                      self.node.id if self.node else None)
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()
