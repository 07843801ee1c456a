"""平台 tab: innovation platforms and carriers."""

from desktop_app.services import catalogs, enterprises, platforms
from ui.common.list_tab import ListTab
from ui.common.record_dialog import FieldDef


class PlatformsTab(ListTab):
    column_widths = {"name": 280, "type": 140, "level": 60, "host": 240, "approver": 160,
                     "approval_doc": 140, "approved_on": 90, "status": 70}

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("平台")
        self.search_hint = self.tr("搜索平台名称、依托单位")
        super().__init__(ledger, parent)

    def spec(self):
        return platforms.LIST

    def titles(self):
        return {"name": self.tr("平台名称"), "type": self.tr("类型"), "level": self.tr("级别"),
                "host": self.tr("依托单位"), "approver": self.tr("批准部门"), "approval_doc": self.tr("批准文号"),
                "approved_on": self.tr("批准日期"), "status": self.tr("状态"), "field": self.tr("研究领域")}

    def filter_defs(self):
        return (("type", self.tr("全部类型"), [(c, c) for c in catalogs.platform_types()]),
                ("level", self.tr("全部级别"), [(c, c) for c in catalogs.platform_levels()]),
                ("status", self.tr("全部状态"), [(c, c) for c in catalogs.platform_statuses()]))

    def fields(self):
        hosts = enterprises.choices(self.ledger)
        return [
            FieldDef("name", self.tr("平台名称"), required=True),
            FieldDef("type", self.tr("平台类型"), "choice", required=True, options=catalogs.platform_types()),
            FieldDef("level", self.tr("级别"), "choice", required=True, options=catalogs.platform_levels()),
            FieldDef("status", self.tr("状态"), "choice", required=True, options=catalogs.platform_statuses()),
            FieldDef("host_enterprise_id", self.tr("依托企业"), "ref", options=hosts),
            FieldDef("host_name", self.tr("依托单位（非企业）")),
            FieldDef("approver", self.tr("批准部门")),
            FieldDef("approval_doc", self.tr("批准文号")),
            FieldDef("approved_on", self.tr("批准日期"), "date"),
            FieldDef("field", self.tr("研究领域")),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return platforms.get(self.ledger, record_id)

    def save(self, values, record_id):
        return platforms.save(self.ledger, values, record_id)

    def remove(self, record_id):
        platforms.delete(self.ledger, record_id)
