"""人才团队: teams with a leader and members taken from the talent list."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app.services import catalogs
from desktop_app.services.talent import teams
from ui.common.list_tab import ListTab
from ui.common.picker import FormDialog, PickerDialog, PickerField, enterprise_source, talent_source
from ui.common.record_dialog import FieldDef
from ui.talent.detail import DetailPanel, KeepsSelection


class TeamDialog(FormDialog):
    """The team's fields, then its members (picked from the talent list, each with a role)."""

    def __init__(self, title, fields, save, values=None, parent=None):
        self.member_table = QTableWidget(0, 3)
        super().__init__(title, fields, save, values, parent)
        self.ledger = parent.ledger
        table = self.member_table
        self.add_table_section(self.tr("团队成员（负责人自动列为成员）"), table, "members",
                               [self.tr("姓名"), self.tr("工作单位"), self.tr("角色")],
                               [(self.tr("添加成员…"), "add_member", self.add_member),
                                (self.tr("移除成员"), "remove_member", self.remove_member)])
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setMinimumHeight(150)
        for m in (values or {}).get("members", []):
            self.append_member(m["talent_id"], m["name"], m["employer"] or "", m["role"])

    def append_member(self, talent_id: str, name: str, employer: str, role: str = "成员") -> None:
        table = self.member_table
        for r in range(table.rowCount()):
            if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == talent_id:
                return
        r = table.rowCount()
        table.insertRow(r)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, talent_id)
        table.setItem(r, 0, item)
        table.setItem(r, 1, QTableWidgetItem(employer))
        combo = QComboBox()
        combo.addItems(list(teams.ROLES))
        combo.setCurrentText(role if role in teams.ROLES else "成员")
        table.setCellWidget(r, 2, combo)

    def add_member(self) -> str | None:
        dialog = PickerDialog(self.ledger, talent_source(), self)
        if dialog.exec() != PickerDialog.DialogCode.Accepted or not dialog.chosen:
            return None
        from desktop_app.services import talent

        person = talent.get(self.ledger, dialog.chosen)
        self.append_member(dialog.chosen, person["name"], person["employer"])
        return dialog.chosen

    def remove_member(self) -> None:
        rows = sorted({i.row() for i in self.member_table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.member_table.removeRow(r)

    def values(self):
        out = super().values()
        table = self.member_table
        out["members"] = [(table.item(r, 0).data(Qt.ItemDataRole.UserRole), table.cellWidget(r, 2).currentText())
                          for r in range(table.rowCount())]
        return out


class TeamsPage(KeepsSelection, ListTab):
    column_widths = {"name": 220, "leader": 90, "field": 200, "enterprise": 240, "intro_method": 100,
                     "intro_date": 90, "members": 60}
    dialog_class = TeamDialog

    def __init__(self, ledger, parent=None):
        self.noun = self.tr("人才团队")
        self.search_hint = self.tr("搜索团队名称、方向、负责人、依托企业")
        super().__init__(ledger, parent)
        self.detail = DetailPanel(self, self.tr("团队成员"), [self.tr("姓名"), self.tr("角色"), self.tr("职称"),
                                                             self.tr("专业特长"), self.tr("工作单位")], 4, "member_list")
        self.show_detail()

    def show_detail(self) -> None:
        team_id = self.current_id()
        if team_id is None:
            self.detail.fill([])
            self.detail.caption.setText(self.tr("选择一个团队查看其成员"))
            return
        rows = teams.members(self.ledger, team_id)
        self.detail.caption.setText(self.tr("共 {n} 人").format(n=len(rows)))
        self.detail.fill([(m["name"], m["role"], m["prof_title"], m["specialty"], m["employer"]) for m in rows])

    def spec(self):
        return teams.LIST

    def titles(self):
        return {"name": self.tr("团队名称"), "leader": self.tr("负责人"), "field": self.tr("研究方向"),
                "enterprise": self.tr("依托企业"), "intro_method": self.tr("引进方式"),
                "intro_date": self.tr("引进时间"), "members": self.tr("成员数")}

    def right_aligned(self):
        return frozenset({"members"})

    def filter_defs(self):
        return (("intro_method", self.tr("全部引进方式"), [(c, c) for c in catalogs.intro_methods()]),)

    def fields(self):
        return [
            FieldDef("name", self.tr("团队名称"), required=True),
            PickerField("leader_id", self.tr("负责人"), "picker", source=talent_source(), ledger=self.ledger),
            FieldDef("field", self.tr("研究方向")),
            PickerField("enterprise_id", self.tr("依托企业"), "picker", source=enterprise_source(),
                        ledger=self.ledger),
            FieldDef("intro_method", self.tr("引进方式"), "choice", options=catalogs.intro_methods()),
            FieldDef("intro_date", self.tr("引进时间"), "date"),
            FieldDef("note", self.tr("备注"), "multiline"),
        ]

    def load(self, record_id):
        return teams.get(self.ledger, record_id)

    def save(self, values, record_id):
        members = values.pop("members", [])
        return teams.save(self.ledger, values, members, record_id)

    def remove(self, record_id):
        teams.delete(self.ledger, record_id)
