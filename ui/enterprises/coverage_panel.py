"""Coverage of the 规上 enterprises for the chosen period, by township and by industry.

Recounted when the ledger changes what it counts, so a confirmed 销号 shows
here at once — or, while the panel is behind another page, when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs, metrics, units
from desktop_app.services.ledger import Ledger
from ui.common.ledger_view import LedgerView

HEADERS = (QT_TRANSLATE_NOOP("CoveragePanel", "规上企业"), QT_TRANSLATE_NOOP("CoveragePanel", "开展创新活动"),
           QT_TRANSLATE_NOOP("CoveragePanel", "有研发机构"), QT_TRANSLATE_NOOP("CoveragePanel", "已销号"),
           QT_TRANSLATE_NOOP("CoveragePanel", "覆盖率"), QT_TRANSLATE_NOOP("CoveragePanel", "研发机构占比"))


def _pct(rate: float, whole: int) -> str:
    return f"{rate * 100:.1f}%" if whole else "—"


class CoveragePanel(LedgerView, QWidget):
    shows = frozenset({"enterprises", "units", "surveys", "survey_institutions", "survey_projects", "signoffs",
                       "evidence_files"})

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.period = ""
        self.tables: dict[str, QTableWidget] = {}
        v = QVBoxLayout(self)
        self.caption = QLabel(objectName="coverage_caption")
        v.addWidget(self.caption)
        for by, title in (("township", self.tr("按乡镇")), ("industry", self.tr("按行业"))):
            t = QTableWidget(0, len(HEADERS) + 1, objectName=f"coverage_{by}")
            t.setHorizontalHeaderLabels([self.tr("乡（镇）") if by == "township" else self.tr("行业"),
                                         *(self.tr(h) for h in HEADERS)])
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.verticalHeader().hide()
            t.verticalHeader().setDefaultSectionSize(24)
            t.horizontalHeader().setStretchLastSection(True)
            self.tables[by] = t
            v.addWidget(QLabel(title))
            v.addWidget(t, 1)
        self.mark_stale()  # counted when first looked at
        self.watch_ledger(ledger)

    def show_period(self, period: str) -> None:
        if period == self.period:
            return
        self.period = period
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def refresh(self) -> None:
        self._stale = False
        if not self.period:
            self.caption.setText(self.tr("台账中还没有调查表"))
            return
        self.caption.setText(self.tr("{p} 报送期，规上工业企业创新活动覆盖情况").format(p=self.period))
        basis = metrics.coverage_basis(self.ledger, self.period)  # read once for both tables
        total = metrics.coverage(self.ledger, self.period, basis=basis)
        for by, table in self.tables.items():
            groups = metrics.coverage_groups(self.ledger, self.period, by, basis=basis)
            order = [c.name for c in units.townships(self.ledger)] if by == "township" else catalogs.industries()
            names = [n for n in order if n in groups] + sorted(set(groups) - set(order))
            rows = [(self.tr("合计"), total)] + [(n or self.tr("（未填）"), groups[n]) for n in names]
            table.setRowCount(len(rows))
            for r, (name, f) in enumerate(rows):
                cells = (name, str(f.above_scale), str(f.with_activity), str(f.with_institution), str(f.signed_off),
                         _pct(f.coverage_rate, f.above_scale), _pct(f.institution_share, f.above_scale))
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(r, c, item)
            table.resizeColumnsToContents()
