"""Table models of the 本月调度 page: the units' summary and every assignment's entry."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain import schedule
from desktop_app.domain.ranking import Ranked, UnitStats
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services.tasks.progress import MonthRow

RED = QColor("#c0392b")
PINK = QColor("#fdecea")
GREEN = QColor("#1e7d32")
GREY = QColor("#777777")
ORANGE = QColor("#b35c00")
_ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_R = Qt.ItemDataRole
# a view asks about ten roles per painted cell; the rest are answered before any work
_UNIT_ROLES = frozenset({_R.DisplayRole, _R.ForegroundRole, _R.TextAlignmentRole, _R.ToolTipRole, ROW_ROLE})
_ENTRY_ROLES = frozenset({_R.DisplayRole, _R.ToolTipRole, _R.ForegroundRole, _R.BackgroundRole, ROW_ROLE})


class ItemTable(QAbstractTableModel):
    columns: tuple[tuple[str, str], ...] = ()
    right = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.columns[section][1])
        return None

    def key(self, column: int) -> str:
        return self.columns[column][0]


class UnitModel(ItemTable):
    """One line per unit: due, in, late, missing, and its place in the ranking."""

    columns = (
        ("rank", QT_TRANSLATE_NOOP("UnitModel", "名次")), ("unit", QT_TRANSLATE_NOOP("UnitModel", "责任单位")),
        ("due", QT_TRANSLATE_NOOP("UnitModel", "应报")), ("submitted", QT_TRANSLATE_NOOP("UnitModel", "已报")),
        ("late", QT_TRANSLATE_NOOP("UnitModel", "逾期")), ("missing", QT_TRANSLATE_NOOP("UnitModel", "未报")),
        ("days_late", QT_TRANSLATE_NOOP("UnitModel", "逾期天数")),
    )
    right = frozenset({"rank", "due", "submitted", "late", "missing", "days_late"})

    def set_units(self, units: list[UnitStats], ranked: list[Ranked]) -> None:
        places = {id(r.stats): (r.rank, r.tied) for r in ranked}
        self.set_items([(places.get(id(u)), u) for u in units])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _UNIT_ROLES or not index.isValid():
            return None
        place, u = self.items[index.row()]
        key = self.key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "rank":
                return "" if place is None else place[0]  # a shared place shows the same number
            return {"unit": u.unit, "due": u.due, "submitted": u.submitted, "late": u.late, "missing": u.missing,
                    "days_late": u.days_late}[key]
        if role == Qt.ItemDataRole.ForegroundRole and (u.late or u.missing) and key in ("unit", "late", "missing",
                                                                                       "days_late"):
            return QBrush(RED)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tie = self.tr("（与其他单位并列第 {n} 名）").format(n=place[0]) if place and place[1] else ""
            return self.tr("{u}：应报 {d} 条，按时 {a} 条，逾期 {b} 条，未报 {c} 条；已完成 {e} 条，滞后 {f} 条{tie}").format(
                u=u.unit, d=u.due, a=u.on_time, b=u.late, c=u.missing, e=u.done, f=u.behind, tie=tie)
        if role == ROW_ROLE:
            return u
        return None


class EntryModel(ItemTable):
    """Every assignment's entry for the period; late and missing ones in red."""

    columns = (
        ("department", QT_TRANSLATE_NOOP("EntryModel", "责任单位")), ("task", QT_TRANSLATE_NOOP("EntryModel", "具体任务")),
        ("status", QT_TRANSLATE_NOOP("EntryModel", "推进状态")), ("submitted", QT_TRANSLATE_NOOP("EntryModel", "报送日期")),
        ("flag", QT_TRANSLATE_NOOP("EntryModel", "报送情况")), ("evidence", QT_TRANSLATE_NOOP("EntryModel", "印证材料")),
        ("work_done", QT_TRANSLATE_NOOP("EntryModel", "本月工作进展")), ("problems", QT_TRANSLATE_NOOP("EntryModel", "存在问题")),
        ("handler", QT_TRANSLATE_NOOP("EntryModel", "具体承办人")), ("key_task", QT_TRANSLATE_NOOP("EntryModel", "重点任务")),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ENTRY_ROLES or not index.isValid():
            return None
        r: MonthRow = self.items[index.row()]
        key = self.key(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "department":
                return r.department + (self.tr("（牵头）") if r.role == "lead" else "")
            if key == "submitted":
                return r.submitted_on.isoformat() if r.submitted_on else ""
            if key == "flag":
                return r.flag_text
            if key == "evidence":
                return self.tr("{n} 份").format(n=r.evidence) if r.evidence else ""
            if key == "key_task":
                return f"{r.key_seq}. {r.key_task}"
            if key == "status":
                return r.status or ""
            return getattr(r, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "flag":
                state = r.check.state
                return QBrush(RED if r.check.flagged else GREEN if state == schedule.ON_TIME else GREY)
            if key == "status" and r.status == "滞后":
                return QBrush(ORANGE)
        if role == Qt.ItemDataRole.BackgroundRole and r.check.state == schedule.MISSING:
            return QBrush(PINK)
        if role == ROW_ROLE:
            return r
        return None
