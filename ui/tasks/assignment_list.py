"""分工查询: every assignment in one searchable list (task, unit, people, latest status)."""

from desktop_app.services import tasks, units
from ui.common.list_tab import ListTab
from ui.common.record_dialog import FieldDef


class AssignmentList(ListTab):
    column_widths = {"doc_no": 150, "key_seq": 44, "key_task": 130, "task": 220, "department": 170,
                     "role": 50, "leader": 90, "section": 170, "handler": 90, "status": 60}

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("任务分工")
        self.search_hint = self.tr("搜索任务、责任单位、责任人")
        super().__init__(ledger, parent)

    def spec(self):
        return tasks.LIST

    def titles(self):
        return {"doc_no": self.tr("文件"), "key_seq": self.tr("序号"), "key_task": self.tr("重点任务"),
                "task": self.tr("具体任务"), "department": self.tr("责任单位"), "role": self.tr("分工"),
                "leader": self.tr("责任领导"), "section": self.tr("责任科室"), "handler": self.tr("具体承办人"),
                "status": self.tr("最新状态")}

    def right_aligned(self):
        return frozenset({"key_seq"})

    def filter_defs(self):
        docs = [(c.id, c.name) for c in tasks.documents(self.ledger)]
        depts = [(c.id, c.name) for c in units.departments(self.ledger)]
        return (("document_id", self.tr("全部文件"), docs), ("department_id", self.tr("全部责任单位"), depts))

    def fields(self):
        docs = [(c.id, c.name) for c in tasks.all_documents(self.ledger)]
        return [
            FieldDef("document_id", self.tr("政策文件"), "ref", required=True, options=docs),
            FieldDef("key_task", self.tr("重点任务"), required=True),
            FieldDef("task", self.tr("具体任务"), required=True),
            FieldDef("department", self.tr("责任单位"), required=True),
            FieldDef("role", self.tr("分工"), "ref", required=True,
                     options=[("lead", self.tr("牵头")), ("support", self.tr("配合"))]),
            FieldDef("leader", self.tr("责任领导")),
            FieldDef("section", self.tr("责任科室")),
            FieldDef("handler", self.tr("具体承办人")),
        ]

    def load(self, record_id):
        return tasks.get(self.ledger, record_id)

    def save(self, values, record_id):
        return tasks.save(self.ledger, values, record_id)

    def remove(self, record_id):
        tasks.delete(self.ledger, record_id)

    def describe(self, record):
        return f"{record['task']} — {record['department']}"
