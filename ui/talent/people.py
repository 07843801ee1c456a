"""人才名册: the people list. ID numbers and phones show masked; 查看完整号码 asks why."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from desktop_app.errors import UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs, printing, talent, units
from ui import report_menu
from ui.common.list_tab import ListTab
from ui.common.picker import FormDialog, PickerField, enterprise_source
from ui.common.record_dialog import FieldDef

# shown by UnmaskDialog and PeoplePage; looked up in the UnmaskDialog context
REASONS = (QT_TRANSLATE_NOOP("UnmaskDialog", "核对人才补贴发放"), QT_TRANSLATE_NOOP("UnmaskDialog", "办理人才公寓入住"),
           QT_TRANSLATE_NOOP("UnmaskDialog", "上报人才信息核对"), QT_TRANSLATE_NOOP("UnmaskDialog", "办理引进手续"))


class UnmaskDialog(QDialog):
    """Full ID number and phone of one person, after a reason that goes into the audit log."""

    def __init__(self, ledger, talent_id: str, parent=None):
        super().__init__(parent)
        self.ledger, self.talent_id = ledger, talent_id
        record = talent.get_masked(ledger, talent_id)
        self.setWindowTitle(self.tr("查看完整号码 — {name}").format(name=record["name"]))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr("身份证号和联系电话属个人信息，默认隐去。查看须写明事由，"
                               "事由、查看人和时间记入审计日志。"))
        intro.setWordWrap(True)
        self.reason = QComboBox(objectName="reason", editable=True)
        self.reason.addItems([self.tr(r) for r in REASONS])
        self.reason.setCurrentText("")
        self.reason.lineEdit().setPlaceholderText(self.tr("选择或填写查看事由"))
        self.show_button = QPushButton(self.tr("查看"), objectName="show")
        self.show_button.clicked.connect(self.reveal)
        self.id_number = QLineEdit(record["id_number"], objectName="id_number", readOnly=True)
        self.phone = QLineEdit(record["phone"], objectName="phone", readOnly=True)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #c00;")
        self.error.hide()
        self.history = QListWidget(objectName="history")
        self.history.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow(self.tr("查看事由"), self.reason)
        form.addRow("", self.show_button)
        form.addRow(self.tr("身份证号"), self.id_number)
        form.addRow(self.tr("联系电话"), self.phone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("查看记录")))
        layout.addWidget(self.history)
        layout.addWidget(buttons)
        self._load_history()

    def _load_history(self) -> None:
        self.history.clear()
        for row in talent.unmask_log(self.ledger, self.talent_id):
            self.history.addItem(f"{row['at'][:16].replace('T', ' ')}  {row['operator']}  {row['reason']}")
        if not self.history.count():
            self.history.addItem(self.tr("（尚无查看记录）"))

    def reveal(self) -> bool:
        try:
            full = talent.unmask(self.ledger, self.talent_id, self.reason.currentText())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        self.id_number.setText(full["id_number"] or self.tr("（未登记）"))
        self.phone.setText(full["phone"] or self.tr("（未登记）"))
        self._load_history()
        return True


class PeoplePage(ListTab):
    column_widths = {"name": 80, "gender": 40, "birth_year": 64, "category": 110, "high_level": 50, "tier": 110,
                     "intro_method": 96, "intro_date": 86, "employer": 230, "industry": 72, "education": 86,
                     "prof_title": 56, "id_number": 150}
    dialog_class = FormDialog

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("人才")
        self.search_hint = self.tr("搜索姓名、工作单位、专业")
        super().__init__(ledger, parent)
        self.unmask_button = QPushButton(self.tr("查看完整号码…"), objectName="unmask")
        self.unmask_button.setToolTip(self.tr("查看所选人员的完整身份证号和电话（须写明事由，记入审计日志）"))
        self.unmask_button.clicked.connect(self.unmask_current)
        self.print_button = QToolButton(objectName="print", text=self.tr("打印…"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("人才统计表（身份证号隐去）…"),
                       lambda: report_menu.print_report(self, printing.registry()["talent"]))
        menu.addAction(self.tr("人才统计表（含完整身份证号，须写明事由）…"), self.ask_print_unmasked)
        self.print_button.setMenu(menu)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(bar.count() - 3, self.unmask_button)
        bar.insertWidget(bar.count() - 3, self.print_button)
        self._update_buttons()

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "unmask_button"):
            self.unmask_button.setEnabled(self.current_id() is not None)

    def spec(self):
        return talent.LIST

    def titles(self):
        return {"name": self.tr("姓名"), "gender": self.tr("性别"), "birth_year": self.tr("出生年份"),
                "category": self.tr("人才类别"), "high_level": self.tr("高层次"), "tier": self.tr("层级"),
                "intro_method": self.tr("引进方式"), "intro_date": self.tr("引进时间"),
                "employer": self.tr("工作单位"), "industry": self.tr("服务产业"), "education": self.tr("学历"),
                "prof_title": self.tr("职称"), "id_number": self.tr("身份证号"), "phone": self.tr("联系电话")}

    def right_aligned(self):
        return frozenset({"birth_year"})

    def filter_defs(self):
        return (("category", self.tr("全部类别"), [(c, c) for c in catalogs.talent_categories()]),
                ("industry", self.tr("全部产业"), [(c, c) for c in catalogs.talent_industries()]),
                ("intro_method", self.tr("全部引进方式"), [(c, c) for c in catalogs.intro_methods()]),
                ("high_level", self.tr("高层次/一般"), [(1, self.tr("高层次人才")), (0, self.tr("一般人才"))]))

    def fields(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return [
            FieldDef("name", self.tr("姓名"), required=True),
            FieldDef("gender", self.tr("性别"), "choice", options=["男", "女"]),
            FieldDef("id_number", self.tr("身份证号"), placeholder=self.tr("18 位，末位可为 X")),
            FieldDef("birth_year", self.tr("出生年份"), "int", placeholder=self.tr("填身份证号可不填")),
            FieldDef("phone", self.tr("联系电话")),
            FieldDef("education", self.tr("学历"), "choice", options=catalogs.names("education_levels")),
            FieldDef("degree", self.tr("学位"), "choice", options=catalogs.names("degrees")),
            FieldDef("prof_title", self.tr("职称"), "choice", options=catalogs.names("professional_titles")),
            FieldDef("specialty", self.tr("专业特长")),
            FieldDef("category", self.tr("人才类别"), "choice", options=catalogs.talent_categories()),
            FieldDef("high_level", self.tr("高层次人才"), "bool"),
            FieldDef("high_level_tier", self.tr("高层次人才层级"), placeholder=self.tr("如 省级高层次人才")),
            FieldDef("intro_method", self.tr("引进方式"), "choice", options=catalogs.intro_methods()),
            FieldDef("intro_date", self.tr("引进时间"), "date"),
            FieldDef("industry", self.tr("服务产业"), "choice", options=catalogs.talent_industries()),
            PickerField("enterprise_id", self.tr("工作单位（企业）"), "picker", source=enterprise_source(),
                        ledger=self.ledger),
            FieldDef("employer", self.tr("工作单位"), placeholder=self.tr("非企业单位直接填写")),
            FieldDef("township_id", self.tr("所在乡镇"), "ref", options=towns),
            FieldDef("support_housing", self.tr("入住人才公寓"), "bool"),
            FieldDef("support_award", self.tr("奖励补贴（万元）"), "number"),
            FieldDef("support_case", self.tr("一事一议事项")),
            FieldDef("support_case_amount", self.tr("一事一议金额（万元）"), "number"),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return talent.get_masked(self.ledger, record_id)

    def save(self, values, record_id):
        return talent.save(self.ledger, values, record_id)

    def remove(self, record_id):
        talent.delete(self.ledger, record_id)

    def ask_print_unmasked(self):
        reason, ok = QInputDialog.getItem(
            self, self.tr("打印含完整身份证号的名单"),
            self.tr("高层次人才名单将列出完整身份证号。请写明事由（记入审计日志）："),
            [QCoreApplication.translate("UnmaskDialog", r) for r in REASONS], editable=True)
        if not ok:
            return None
        if not reason.strip():
            QMessageBox.warning(self, self.noun, self.tr("查看完整身份证号须填写事由"))
            return None
        return self.print_unmasked(reason)

    def print_unmasked(self, reason: str, out: str | None = None):
        """人才统计表 with full ID numbers; the reason is logged when the form is built."""
        return report_menu.print_report(self, printing.registry()["talent"], out=out, fmt="pdf",
                                        params={"unmask_reason": reason.strip()})

    def unmask_current(self) -> UnmaskDialog | None:
        record_id = self.current_id()
        if not record_id:
            return None
        try:
            dialog = UnmaskDialog(self.ledger, record_id, self)
        except UserError as exc:
            QMessageBox.warning(self, self.noun, str(exc))
            return None
        self._last_unmask = dialog
        dialog.exec()
        return dialog
