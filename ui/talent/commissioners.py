"""科技特派员: who is posted where, and what each did (service records) under the list."""

from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.errors import UserError
from desktop_app.services import units
from desktop_app.services.talent import commissioners
from ui.common.list_tab import ListTab
from ui.common.picker import FormDialog, PickerField, enterprise_source, talent_source
from ui.common.record_dialog import FieldDef, RecordDialog
from ui.talent.detail import DetailPanel, KeepsSelection, run_dialog


class CommissionersPage(KeepsSelection, ListTab):
    column_widths = {"name": 90, "specialty": 120, "prof_title": 70, "employer": 180, "posted_to": 220,
                     "start_on": 90, "end_on": 90, "services": 70, "last_service": 100}
    dialog_class = FormDialog

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("科技特派员派驻")
        self.search_hint = self.tr("搜索姓名、专业、派驻乡镇或企业")
        super().__init__(ledger, parent)
        self.detail = DetailPanel(self, self.tr("服务记录"), [self.tr("服务日期"), self.tr("服务内容")], 1, "services")
        self.services = self.detail.table
        self.add_service_button = QPushButton(self.tr("登记服务…"), objectName="add_service")
        self.add_service_button.clicked.connect(self.add_service)
        self.delete_service_button = QPushButton(self.tr("删除服务记录"), objectName="delete_service")
        self.delete_service_button.clicked.connect(self.delete_service)
        self.detail.bar.addWidget(self.add_service_button)
        self.detail.bar.addWidget(self.delete_service_button)
        self.show_detail()

    def spec(self):
        return commissioners.LIST

    def titles(self):
        return {"name": self.tr("姓名"), "specialty": self.tr("专业特长"), "prof_title": self.tr("职称"),
                "employer": self.tr("派出单位"), "posted_to": self.tr("派驻乡镇（企业）"),
                "start_on": self.tr("派驻时间"), "end_on": self.tr("结束时间"), "services": self.tr("服务次数"),
                "last_service": self.tr("最近服务")}

    def right_aligned(self):
        return frozenset({"services"})

    def filter_defs(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return (("township_id", self.tr("全部乡镇"), towns),
                ("active", self.tr("在岗/期满"), [(1, self.tr("在岗")), (0, self.tr("已期满"))]))

    def fields(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return [
            PickerField("talent_id", self.tr("科技特派员"), "picker", required=True, source=talent_source(),
                        ledger=self.ledger),
            FieldDef("township_id", self.tr("派驻乡镇"), "ref", options=towns),
            PickerField("enterprise_id", self.tr("派驻企业"), "picker", source=enterprise_source(),
                        ledger=self.ledger),
            FieldDef("start_on", self.tr("派驻开始日期"), "date", required=True),
            FieldDef("end_on", self.tr("派驻结束日期"), "date", placeholder=self.tr("在岗可不填")),
            FieldDef("note", self.tr("服务方向及备注"), "multiline"),
        ]

    def load(self, record_id):
        return commissioners.get(self.ledger, record_id)

    def save(self, values, record_id):
        return commissioners.save(self.ledger, values, record_id)

    def remove(self, record_id):
        commissioners.delete(self.ledger, record_id)

    def describe(self, record):
        return self.tr("该派驻记录及其服务记录")

    def show_detail(self) -> None:
        posting = self.current_id()
        self.add_service_button.setEnabled(posting is not None)
        self.delete_service_button.setEnabled(posting is not None)
        if posting is None:
            self.detail.fill([])
            self.detail.caption.setText(self.tr("选择一条派驻记录查看其服务记录"))
            return
        rows = commissioners.services(self.ledger, posting)
        name = self.model.data(self.model.index(self.current_row(), 0))
        self.detail.caption.setText(self.tr("{name}：共 {n} 次服务").format(name=name, n=len(rows)))
        self.detail.fill([(r["served_on"], r["content"]) for r in rows], [r["id"] for r in rows])

    def add_service(self) -> str | None:
        posting = self.current_id()
        if posting is None:
            return None
        fields = [FieldDef("served_on", self.tr("服务日期"), "date", required=True),
                  FieldDef("content", self.tr("服务内容"), "multiline", required=True)]
        dialog = RecordDialog(self.tr("登记服务记录"), fields,
                              lambda v: commissioners.add_service(self.ledger, posting, v), None, self)
        return dialog.result_value if run_dialog(self, dialog) else None

    def delete_service(self) -> None:
        service_id = self.detail.selected_id()
        if not service_id:
            return
        if QMessageBox.question(self, self.tr("删除服务记录"), self.tr("确定删除所选服务记录吗？")) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            commissioners.delete_service(self.ledger, service_id)
        except UserError as exc:
            QMessageBox.warning(self, self.noun, str(exc))
            return
