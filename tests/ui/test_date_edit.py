"""Record dialogs take dates typed any usual way, or picked from a calendar; empty stays allowed."""

from datetime import date

from PySide6.QtCore import QDate

from desktop_app.services import forms
from ui.app import make_app
from ui.common.date_edit import DateEdit
from ui.common.record_dialog import FieldDef, RecordDialog


def _dialog(qtbot, saved):
    make_app()

    def save(values):
        saved.append(forms.iso_date(values, "on", "日期"))
        return saved[-1]

    d = RecordDialog("测试", [FieldDef("on", "日期", "date")], save)
    qtbot.addWidget(d)
    d.show()
    return d


def test_dialog_accepts_dotted_and_chinese_dates(qtbot):
    saved = []
    d = _dialog(qtbot, saved)
    w = d.widgets["on"]
    assert isinstance(w, DateEdit)
    w.setText("2024.5.1")
    d.accept()
    assert saved == ["2024-05-01"] and d.result() == d.DialogCode.Accepted
    d = _dialog(qtbot, saved)
    d.widgets["on"].setText("2024年5月1日")
    d.accept()
    d = _dialog(qtbot, saved)
    d.widgets["on"].setText("")  # empty allowed: the field is not required
    d.accept()
    assert saved[1:] == ["2024-05-01", None]


def test_bad_date_is_marked_and_kept(qtbot):
    saved = []
    d = _dialog(qtbot, saved)
    d.widgets["on"].setText("2024.2.30")
    d.accept()
    assert not saved and "不是有效日期" in d.error_label.text() and d.widgets["on"].text() == "2024.2.30"


def test_calendar_popup_writes_the_picked_day(qtbot):
    d = _dialog(qtbot, [])
    w = d.widgets["on"]
    w.setText("2024/5/1")
    w.pick_button.click()
    assert w.calendar.isVisible() and w.calendar.selectedDate() == QDate(2024, 5, 1)
    w.calendar.clicked.emit(QDate(2024, 6, 18))
    assert w.text() == date(2024, 6, 18).isoformat() and not w.calendar.isVisible()
