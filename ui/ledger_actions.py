"""文件 menu actions: new, open, backup, restore, check."""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.errors import OtherUnitBackup, UserError
from desktop_app.services import maintenance
from desktop_app.services.ledger import open_ledger

translate = QCoreApplication.translate  # these run on the main window; lupdate reads translate("…", "…")


def _filter() -> str:
    return translate("ledger_actions", "台账文件 (*.sqlite3 *.db);;所有文件 (*)")


def new_ledger(window) -> None:
    from ui.setup_dialog import SetupDialog

    name, _ = QFileDialog.getSaveFileName(window, translate("ledger_actions", "新建台账"), str(window.ledger.path.parent),
                                          _filter())
    if not name:
        return
    dialog = SetupDialog(Path(name), window)
    if dialog.exec() == SetupDialog.DialogCode.Accepted and dialog.ledger:
        window.set_ledger(dialog.ledger)


def open_ledger_file(window) -> None:
    name, _ = QFileDialog.getOpenFileName(window, translate("ledger_actions", "打开台账"), str(window.ledger.path.parent),
                                          _filter())
    if not name:
        return
    open_path(window, name)


def open_path(window, name: str) -> None:
    same = Path(name).resolve() == window.ledger.path.resolve()
    if same:  # the window holds this ledger's lock: let go of it to open it afresh
        window.close_ledger()
    try:
        ledger = open_ledger(name)
    except UserError as exc:
        QMessageBox.warning(window, translate("ledger_actions", "打开台账"), str(exc))
        if same:
            window.set_ledger(open_ledger(window.ledger.path, window.ledger.operator))
        return
    window.set_ledger(ledger)


def backup(window) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    suggested = window.ledger.path.with_name(f"{window.ledger.unit.name}台账备份-{stamp}.sqlite3")
    name, _ = QFileDialog.getSaveFileName(window, translate("ledger_actions", "备份台账"), str(suggested), _filter())
    if not name:
        return
    try:
        out = maintenance.backup(window.ledger.path, name, operator=window.ledger.operator)
    except UserError as exc:
        QMessageBox.warning(window, translate("ledger_actions", "备份台账"), str(exc))
        return
    QMessageBox.information(window, translate("ledger_actions", "备份台账"), translate("ledger_actions", "已备份到 {path}").format(path=out))


def restore(window) -> None:
    name, _ = QFileDialog.getOpenFileName(window, translate("ledger_actions", "选择要恢复的备份"), str(window.ledger.path.parent),
                                          _filter())
    if not name:
        return
    answer = QMessageBox.question(window, translate("ledger_actions", "恢复台账"), translate("ledger_actions",
        "用备份“{src}”替换当前台账？当前台账会先另存一份，不会丢失。").format(src=name))
    if answer != QMessageBox.StandardButton.Yes:
        return
    path, operator = window.ledger.path, window.ledger.operator
    window.close_ledger()
    try:
        try:
            kept = maintenance.restore(path, name)
        except OtherUnitBackup as exc:  # the window's way out: ask once more, plainly
            again = QMessageBox.question(window, translate("ledger_actions", "恢复台账"), translate(
                "ledger_actions", "{msg}。\n确定要用其他单位的备份替换本单位的台账吗？").format(msg=exc))
            if again != QMessageBox.StandardButton.Yes:
                window.set_ledger(open_ledger(path, operator))
                return
            kept = maintenance.restore(path, name, allow_other_unit=True)
    except UserError as exc:
        QMessageBox.warning(window, translate("ledger_actions", "恢复台账"), str(exc))
        window.set_ledger(open_ledger(path, operator))
        return
    window.set_ledger(open_ledger(path, operator))
    QMessageBox.information(window, translate("ledger_actions", "恢复台账"),
                            translate("ledger_actions", "已恢复。原台账另存为：{path}").format(path=kept))


def check(window) -> None:
    try:
        result = maintenance.check(window.ledger.path)
    except UserError as exc:
        QMessageBox.warning(window, translate("ledger_actions", "检查台账"), str(exc))
        return
    repaired = ""
    if result.repaired:
        repaired = translate("ledger_actions", "已修复 {n} 项：\n").format(n=len(result.repaired)) + "\n".join(result.repaired) + "\n\n"
    if result.problems:
        QMessageBox.warning(window, translate("ledger_actions", "检查台账"), repaired + translate("ledger_actions", "发现 {n} 个问题：\n").format(
            n=len(result.problems)) + "\n".join(result.problems[:30]))
    else:
        QMessageBox.information(window, translate("ledger_actions", "检查台账"), repaired + translate("ledger_actions", "台账完好，未发现问题。"))
