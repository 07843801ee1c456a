"""平台 tab: innovation platforms and carriers, with each one's status history below."""

from PySide6.QtWidgets import QPushButton

from desktop_app.services import catalogs, platforms, units
from ui.common.list_tab import ListTab
from ui.common.picker import FormDialog, PickerField, enterprise_source
from ui.common.record_dialog import FieldDef, RecordDialog
from ui.talent.detail import DetailPanel, KeepsSelection, run_dialog


class PlatformsTab(KeepsSelection, ListTab):
    column_widths = {"name": 260, "type": 130, "level": 56, "host": 230, "approver": 150,
                     "approval_doc": 150, "approved_on": 90, "status": 64, "field": 110, "staff": 56,
                     "investment": 90}
    dialog_class = FormDialog
    shows = frozenset({"platform_status_history"})  # the detail under the list

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("平台")
        self.search_hint = self.tr("搜索平台名称、依托单位")
        super().__init__(ledger, parent)
        self.detail = DetailPanel(self, self.tr("状态变更记录"),
                                  [self.tr("日期"), self.tr("状态"), self.tr("批准文号及说明"), self.tr("经办人")],
                                  2, "history")
        self.status_button = QPushButton(self.tr("状态变更…"), objectName="change_status")
        self.status_button.setToolTip(self.tr("登记认定、撤销等状态变化及其日期"))
        self.status_button.clicked.connect(self.change_status)
        self.detail.bar.addWidget(self.status_button)
        self.show_detail()

    def spec(self):
        return platforms.LIST

    def titles(self):
        return {"name": self.tr("平台名称"), "type": self.tr("类型"), "level": self.tr("级别"),
                "host": self.tr("依托单位"), "approver": self.tr("批准部门"), "approval_doc": self.tr("批准文号"),
                "approved_on": self.tr("批准日期"), "status": self.tr("状态"), "field": self.tr("研究领域"),
                "staff": self.tr("人员"), "investment": self.tr("投入（万元）"), "evaluation": self.tr("评估结果")}

    def right_aligned(self):
        return frozenset({"staff", "investment"})

    def filter_defs(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return (("type", self.tr("全部类型"), [(c, c) for c in catalogs.platform_types()]),
                ("level", self.tr("全部级别"), [(c, c) for c in catalogs.platform_levels()]),
                ("status", self.tr("全部状态"), [(c, c) for c in catalogs.platform_statuses()]),
                ("township_id", self.tr("全部乡镇"), towns))

    def fields(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return [
            FieldDef("name", self.tr("平台名称"), required=True),
            FieldDef("type", self.tr("平台类型"), "choice", required=True, options=catalogs.platform_types()),
            FieldDef("level", self.tr("级别"), "choice", required=True, options=catalogs.platform_levels()),
            FieldDef("status", self.tr("状态"), "choice", required=True, options=catalogs.platform_statuses()),
            PickerField("host_enterprise_id", self.tr("依托企业"), "picker", source=enterprise_source(),
                        ledger=self.ledger),
            FieldDef("host_name", self.tr("依托单位（非企业）"), placeholder=self.tr("高校、院所、园区等")),
            FieldDef("township_id", self.tr("所在乡镇"), "ref", options=towns),
            FieldDef("approver", self.tr("批准部门")),
            FieldDef("approval_doc", self.tr("批准文号"), placeholder=self.tr("如 晋科发〔2025〕41号")),
            FieldDef("approved_on", self.tr("批准日期"), "date"),
            FieldDef("field", self.tr("研究领域")),
            FieldDef("staff", self.tr("人员数"), "int"),
            FieldDef("investment", self.tr("累计投入（万元）"), "number"),
            FieldDef("evaluation", self.tr("评估结果"), placeholder=self.tr("如 2024 年度考核：良好")),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return platforms.get(self.ledger, record_id)

    def save(self, values, record_id):
        return platforms.save(self.ledger, values, record_id)

    def remove(self, record_id):
        platforms.delete(self.ledger, record_id)

    def show_detail(self) -> None:
        platform_id = self.current_id()
        self.status_button.setEnabled(platform_id is not None)
        if platform_id is None:
            self.detail.fill([])
            self.detail.caption.setText(self.tr("选择一个平台查看其状态变更记录"))
            return
        record = platforms.get(self.ledger, platform_id)
        rows = platforms.history(self.ledger, platform_id)
        extra = self.tr("；评估：{e}").format(e=record["evaluation"]) if record["evaluation"] else ""
        self.detail.caption.setText(self.tr("{name}（当前：{s}）{extra}").format(
            name=record["name"], s=record["status"], extra=extra))
        self.detail.fill([(r["changed_on"], r["status"], r["note"], r["operator"]) for r in rows])

    def change_status(self) -> bool:
        platform_id = self.current_id()
        if platform_id is None:
            return False
        current = platforms.get(self.ledger, platform_id)["status"]
        fields = [FieldDef("status", self.tr("新状态"), "choice", required=True,
                           options=[s for s in catalogs.platform_statuses() if s != current]),
                  FieldDef("changed_on", self.tr("变更日期"), "date", required=True),
                  FieldDef("approval_doc", self.tr("批准文号"), placeholder=self.tr("认定时填写")),
                  FieldDef("note", self.tr("说明"))]
        return run_dialog(self, RecordDialog(self.tr("平台状态变更"), fields,
                                             lambda v: platforms.change_status(self.ledger, platform_id, v), None,
                                             self))
