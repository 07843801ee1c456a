"""数据交换 → 导入调查表: a folder of three workbooks, one bad; the table, the preview, then the import."""

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from desktop_app.services.enterprises import surveys
from tests.services.enterprises.helpers import add_enterprise, code
from tests.services.survey_books import PERIOD, export, fill_like_people, put_under
from ui.app import make_app
from ui.exchange.survey_import import SurveyImportDialog
from ui.main_window import MainWindow


def _folder(ledger, tmp_path):
    for n in (1, 2):
        add_enterprise(ledger, n)
    folder = tmp_path / "收回的调查表"
    folder.mkdir()
    fill_like_people(export(ledger, code(1), tmp_path / "a.xlsx"), folder / "企业一.xlsx")
    fill_like_people(export(ledger, code(2), tmp_path / "b.xlsx"), folder / "企业二.xlsx")
    bad = fill_like_people(export(ledger, code(1), tmp_path / "c.xlsx"), folder / "填错的.xlsx")
    wb = load_workbook(bad)
    put_under(wb.worksheets[0], "机构研究开发费用（万元）", "很多", 0)
    wb.save(bad)
    return folder


def _texts(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_folder_of_three_one_bad(qtbot, ledger, tmp_path):
    make_app()
    folder = _folder(ledger, tmp_path)
    dialog = SurveyImportDialog(ledger, None, [str(folder)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy(), timeout=20000)
    files = dialog.files
    assert _texts(files, 0) == ["企业一.xlsx", "企业二.xlsx", "填错的.xlsx"]
    assert _texts(files, 4) == ["新增", "新增", "未导入"]
    assert "很多" in files.item(2, 5).text() and "机构研究开发费用（万元）" in files.item(2, 5).text()
    assert "1 个文件未通过检查" in dialog.summary.text()
    assert dialog.ok.isEnabled()
    files.selectRow(0)
    labels = _texts(dialog.fields, 0)
    assert "研究开发机构 1：机构研究开发费用（万元）" in labels and "其他创新活动" in labels and "填表人" in labels
    assert "张三" in _texts(dialog.fields, 2)
    files.selectRow(2)
    assert dialog.fields.rowCount() == 0 and "未导入" in dialog.fields_title.text()
    dialog.grab().save(str(tmp_path / "survey_import.png"))
    eids = [r.enterprise_id for r in dialog.preview.returns]
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.result.new == 2
    assert all(surveys.find(ledger, eid, PERIOD).institutions[0].spending == 1234.5 for eid in eids)


def test_signed_off_asks_and_no_keeps_the_return(qtbot, ledger, tmp_path, monkeypatch):
    from desktop_app.services.enterprises import signoff
    from tests.services.enterprises.helpers import INSTITUTION, add_return

    make_app()
    eid = add_enterprise(ledger, 1)
    add_return(ledger, eid, PERIOD, institutions=[INSTITUTION], evidence_files=1)
    signoff.confirm(ledger, eid, PERIOD, "材料齐全")
    path = export(ledger, code(1), tmp_path / "a.xlsx")
    wb = load_workbook(path)
    put_under(wb.worksheets[0], "机构研究开发费用（万元）", "7", 0)
    wb.save(path)
    dialog = SurveyImportDialog(ledger, None, [str(path)])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy(), timeout=20000)
    assert "已销号" in dialog.files.item(0, 4).text()
    asked = []
    monkeypatch.setattr(dialog, "ask_signed_off", lambda rs: asked.append(rs) or QMessageBox.StandardButton.No)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert asked and dialog.result.kept_signed_off == 1
    assert surveys.find(ledger, eid, PERIOD).institutions[0].spending == 100.5


def test_main_window_has_the_menu_entry(qtbot, ledger):
    make_app()
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    menus = [a.menu() for a in w.menuBar().actions() if a.menu() is not None]
    exchange = [m for m in menus if m.title().startswith("数据交换")]
    assert len(exchange) == 1
    entry = next(a for a in exchange[0].actions() if a.objectName() == "import_survey")
    assert entry.isEnabled() and entry.text() == "导入调查表…"
    entry.trigger()
    dialog = w.findChild(SurveyImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()
