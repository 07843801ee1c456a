"""One indicator as a bar chart: what each year required against what was achieved."""

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QLineSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen


def build_chart(title: str, unit: str, points: Sequence[tuple[int, float | None, float | None]],
                target: float | None) -> QChart:
    """``points`` are (year, required, actual); a dashed line marks the target value."""
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    if not points:
        chart.setTitle(title + QCoreApplication.translate("targets_chart", "（无数据）"))
        return chart
    required = QBarSet(QCoreApplication.translate("targets_chart", "本年应达"))
    required.setColor(QColor("#9db7d5"))
    actual = QBarSet(QCoreApplication.translate("targets_chart", "实际值"))
    actual.setColor(QColor("#2f6db5"))
    years = []
    for year, req, act in points:
        years.append(str(year))
        required.append(req or 0.0)
        actual.append(act or 0.0)
    bars = QBarSeries()
    bars.append(required)
    bars.append(actual)
    bars.setLabelsVisible(True)
    bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    bars.setLabelsFormat("@value")
    chart.addSeries(bars)
    x = QBarCategoryAxis()
    x.append(years)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(x)
    top = max([v for _, r, a in points for v in (r, a) if v is not None] + [target or 0.0, 1.0])
    y = QValueAxis()
    y.setRange(0, top * 1.2)
    y.setLabelFormat("%.4g")
    y.setTitleText(unit)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(y)
    if target is not None:
        line = QLineSeries()
        line.setName(QCoreApplication.translate("targets_chart", "目标值 {v}").format(v=f"{target:g}"))
        pen = QPen(QColor("#b3261e"))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidthF(1.5)
        line.setPen(pen)
        line.append(QPointF(-0.5, target))
        line.append(QPointF(len(points) - 0.5, target))
        chart.addSeries(line)
        hidden_x = QValueAxis()
        hidden_x.setRange(-0.5, len(points) - 0.5)
        hidden_x.setVisible(False)
        chart.addAxis(hidden_x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(hidden_x)
        line.attachAxis(y)
    return chart
