"""企业 tab: the enterprise registry."""

from desktop_app.services import catalogs, enterprises, units
from ui.common.list_tab import ListTab
from ui.common.record_dialog import FieldDef


class EnterprisesTab(ListTab):
    column_widths = {"name": 280, "uscc": 170, "township": 110, "industry": 80, "above_scale": 50,
                     "legal_person": 80, "contact": 80, "phone": 110}

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("企业")
        self.search_hint = self.tr("搜索企业名称、统一社会信用代码、法定代表人")
        super().__init__(ledger, parent)

    def spec(self):
        return enterprises.LIST

    def titles(self):
        return {"name": self.tr("企业名称"), "uscc": self.tr("统一社会信用代码"), "township": self.tr("所属乡镇"),
                "industry": self.tr("行业"), "above_scale": self.tr("规上"), "legal_person": self.tr("法定代表人"),
                "contact": self.tr("联系人"), "phone": self.tr("联系电话"), "updated_at": self.tr("更新日期")}

    def filter_defs(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return (("township_id", self.tr("全部乡镇"), towns),
                ("industry", self.tr("全部行业"), [(i, i) for i in catalogs.industries()]),
                ("above_scale", self.tr("规上/规下"), [(1, self.tr("规上企业")), (0, self.tr("规下企业"))]))

    def fields(self):
        towns = [(c.id, c.name) for c in units.townships(self.ledger)]
        return [
            FieldDef("name", self.tr("企业名称"), required=True),
            FieldDef("uscc", self.tr("统一社会信用代码"), required=True, placeholder=self.tr("18 位，如 91140521MA0XXXXXXX")),
            FieldDef("township_id", self.tr("所属乡镇"), "ref", options=towns),
            FieldDef("industry", self.tr("所属行业"), "choice", options=catalogs.industries()),
            FieldDef("above_scale", self.tr("规模以上工业企业"), "bool"),
            FieldDef("address", self.tr("地址")),
            FieldDef("legal_person", self.tr("法定代表人")),
            FieldDef("contact", self.tr("联系人")),
            FieldDef("phone", self.tr("联系电话")),
            FieldDef("founded_on", self.tr("成立日期"), "date"),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return enterprises.get(self.ledger, record_id)

    def save(self, values, record_id):
        return enterprises.save(self.ledger, values, record_id)

    def remove(self, record_id):
        enterprises.delete(self.ledger, record_id)
