"""人才 tab: people brought in or trained. ID numbers and phones stay masked."""

from desktop_app.services import catalogs, talent
from ui.common.list_tab import ListTab
from ui.common.record_dialog import FieldDef


class TalentTab(ListTab):
    column_widths = {"name": 90, "gender": 40, "birth_year": 70, "category": 120, "high_level": 60,
                     "intro_method": 100, "intro_date": 90, "employer": 240, "industry": 80, "id_number": 160}

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("人才")
        self.search_hint = self.tr("搜索姓名、工作单位、专业")
        super().__init__(ledger, parent)

    def spec(self):
        return talent.LIST

    def titles(self):
        return {"name": self.tr("姓名"), "gender": self.tr("性别"), "birth_year": self.tr("出生年份"),
                "category": self.tr("人才类别"), "high_level": self.tr("高层次"), "intro_method": self.tr("引进方式"),
                "intro_date": self.tr("引进时间"), "employer": self.tr("工作单位"), "industry": self.tr("服务产业"),
                "id_number": self.tr("身份证号"), "phone": self.tr("联系电话")}

    def filter_defs(self):
        return (("category", self.tr("全部类别"), [(c, c) for c in catalogs.talent_categories()]),
                ("industry", self.tr("全部产业"), [(c, c) for c in catalogs.talent_industries()]),
                ("intro_method", self.tr("全部引进方式"), [(c, c) for c in catalogs.intro_methods()]),
                ("high_level", self.tr("高层次/一般"), [(1, self.tr("高层次人才")), (0, self.tr("一般人才"))]))

    def fields(self):
        return [
            FieldDef("name", self.tr("姓名"), required=True),
            FieldDef("gender", self.tr("性别"), "choice", options=["男", "女"]),
            FieldDef("id_number", self.tr("身份证号"), placeholder=self.tr("18 位，末位可为 X")),
            FieldDef("birth_year", self.tr("出生年份"), "int"),
            FieldDef("phone", self.tr("联系电话")),
            FieldDef("education", self.tr("学历"), "choice", options=catalogs.names("education_levels")),
            FieldDef("degree", self.tr("学位"), "choice", options=catalogs.names("degrees")),
            FieldDef("prof_title", self.tr("职称"), "choice", options=catalogs.names("professional_titles")),
            FieldDef("specialty", self.tr("专业特长")),
            FieldDef("employer", self.tr("工作单位")),
            FieldDef("category", self.tr("人才类别"), "choice", options=catalogs.talent_categories()),
            FieldDef("high_level", self.tr("高层次人才"), "bool"),
            FieldDef("high_level_tier", self.tr("高层次人才层级")),
            FieldDef("intro_method", self.tr("引进方式"), "choice", options=catalogs.intro_methods()),
            FieldDef("intro_date", self.tr("引进时间"), "date"),
            FieldDef("industry", self.tr("服务产业"), "choice", options=catalogs.talent_industries()),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return talent.get(self.ledger, record_id)

    def save(self, values, record_id):
        return talent.save(self.ledger, values, record_id)

    def remove(self, record_id):
        talent.delete(self.ledger, record_id)
