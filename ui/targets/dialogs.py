"""Dialogs of the 目标完成情况 window: a county's own target (with yearly values), a typed actual."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app.domain.targets import COMPARISONS, comparison_label
from desktop_app.services import targets
from ui.common.picker import FormDialog
from ui.common.record_dialog import FieldDef

translate = QCoreApplication.translate  # the fields are shown by TargetsWindow; lupdate reads translate(…)


def target_fields(ledger) -> list[FieldDef]:
    scopes = targets.scopes(ledger)
    if ledger.unit.name not in scopes:
        scopes.insert(0, ledger.unit.name)
    return [
        FieldDef("indicator", translate("TargetsWindow", "指标名称"), required=True),
        FieldDef("measure_unit", translate("TargetsWindow", "计量单位"), placeholder=translate("TargetsWindow", "家、个、%、亿元 …")),
        FieldDef("scope", translate("TargetsWindow", "所属地区"), "choice", required=True, options=scopes),
        FieldDef("metric", translate("TargetsWindow", "实际值统计口径"), "ref", required=True,
                 options=[(k, label) for k, label, _ in targets.metric_presets()]),
        FieldDef("comparison", translate("TargetsWindow", "比较方式"), "ref", required=True,
                 options=[(c, comparison_label(c)) for c in COMPARISONS]),
        FieldDef("baseline_year", translate("TargetsWindow", "基线年份"), "int"),
        FieldDef("baseline_value", translate("TargetsWindow", "基线值"), "number"),
        FieldDef("annual", translate("TargetsWindow", "每年都须达到"), "bool"),
        FieldDef("note", translate("TargetsWindow", "备注"), "multiline"),
    ]


class TargetDialog(FormDialog):
    """A county's own target; the yearly target values go in the table under the form."""

    def __init__(self, title, fields, save, values=None, parent=None):
        self.values_table = QTableWidget(0, 2)
        super().__init__(title, fields, save, values, parent)
        table = self.values_table
        self.add_table_section(self.tr("年度目标值（至少一个）"), table, "milestones",
                               [self.tr("目标年份"), self.tr("目标值")],
                               [(self.tr("添加年度"), "add_year", lambda: self.add_row("", "")),
                                (self.tr("删除年度"), "remove_year", self.remove_row)])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMaximumHeight(140)
        for year, value in (values or {}).get("milestones", []) or [("", "")]:
            self.add_row(year, value)

    def add_row(self, year, value) -> None:
        r = self.values_table.rowCount()
        self.values_table.insertRow(r)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        self.values_table.setItem(r, 0, QTableWidgetItem(str(year)))
        self.values_table.setItem(r, 1, QTableWidgetItem(shown))

    def remove_row(self) -> None:
        for r in sorted({i.row() for i in self.values_table.selectedIndexes()}, reverse=True):
            self.values_table.removeRow(r)

    def values(self):
        out = super().values()
        t = self.values_table
        out["milestones"] = [((t.item(r, 0).text() if t.item(r, 0) else ""),
                              (t.item(r, 1).text() if t.item(r, 1) else "")) for r in range(t.rowCount())]
        return out


def actual_fields() -> list[FieldDef]:
    return [FieldDef("year", translate("TargetsWindow", "年份"), "int", required=True),
            FieldDef("value", translate("TargetsWindow", "实际值"), "number", required=True),
            FieldDef("source_note", translate("TargetsWindow", "数据来源"), required=True,
                     placeholder=translate("TargetsWindow", "如 县统计局《2025年科技统计快报》"))]
