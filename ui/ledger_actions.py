"""文件 menu actions: new, open, backup, restore, check (the last three off the GUI thread)."""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.errors import OtherUnitBackup, UserError
from desktop_app.services import maintenance
from desktop_app.services.ledger import open_ledger
from ui.common.background import BackgroundTask

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


def backup(window) -> BackgroundTask | None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    suggested = window.ledger.path.with_name(f"{window.ledger.unit.name}台账备份-{stamp}.sqlite3")
    name, _ = QFileDialog.getSaveFileName(window, translate("ledger_actions", "备份台账"), str(suggested), _filter())
    if not name:
        return None
    path, operator = window.ledger.path, window.ledger.operator

    def done(out) -> None:
        QMessageBox.information(window, translate("ledger_actions", "备份台账"),
                                translate("ledger_actions", "已备份到 {path}").format(path=out))

    return _run(window, translate("ledger_actions", "备份台账"),
                lambda progress: maintenance.backup(path, name, operator=operator, progress=progress), done)


def _run(window, title: str, work, done, failed=None) -> BackgroundTask:
    """``work(progress)`` off the GUI thread; the window keeps the task until it ends."""
    task = BackgroundTask(window, title, work)
    if failed is not None:
        task.failed.connect(failed)
    window.file_task = task.start(done)
    return task


def restore(window) -> BackgroundTask | None:
    """Ask, close the ledger, restore off the GUI thread (progress, 取消), then show the result."""
    name, _ = QFileDialog.getOpenFileName(window, translate("ledger_actions", "选择要恢复的备份"), str(window.ledger.path.parent),
                                          _filter())
    if not name:
        return None
    answer = QMessageBox.question(window, translate("ledger_actions", "恢复台账"), translate("ledger_actions",
        "用备份“{src}”替换当前台账？当前台账会先另存一份，不会丢失。").format(src=name))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    path, operator = window.ledger.path, window.ledger.operator
    window.close_ledger()
    return _restore(window, path, operator, name, allow_other_unit=False)


def _restore(window, path: Path, operator: str, name: str, *, allow_other_unit: bool) -> BackgroundTask:
    title = translate("ledger_actions", "恢复台账")

    def work(progress):
        try:
            return maintenance.restore(path, name, allow_other_unit=allow_other_unit, progress=progress)
        except OtherUnitBackup as exc:  # asked on the GUI thread, then run again
            return exc

    def reopen() -> None:
        window.set_ledger(open_ledger(path, operator))

    def done(result) -> None:
        if isinstance(result, OtherUnitBackup):  # the window's way out: ask once more, plainly
            again = QMessageBox.question(window, title, translate(
                "ledger_actions", "{msg}。\n确定要用其他单位的备份替换本单位的台账吗？").format(msg=result))
            if again == QMessageBox.StandardButton.Yes:
                _restore(window, path, operator, name, allow_other_unit=True)
            else:
                reopen()
            return
        reopen()
        QMessageBox.information(window, title,
                                translate("ledger_actions", "已恢复。原台账另存为：{path}").format(path=result))

    return _run(window, title, work, done, lambda _exc: reopen())  # failed or 取消: the ledger as it was


def check(window) -> BackgroundTask:
    path, title = window.ledger.path, translate("ledger_actions", "检查台账")

    def done(result) -> None:
        repaired = ""
        if result.repaired:
            repaired = translate("ledger_actions", "已修复 {n} 项：\n").format(n=len(result.repaired)) + "\n".join(result.repaired) + "\n\n"
        if result.problems:
            QMessageBox.warning(window, title, repaired + translate("ledger_actions", "发现 {n} 个问题：\n").format(
                n=len(result.problems)) + "\n".join(result.problems[:30]))
        else:
            QMessageBox.information(window, title, repaired + translate("ledger_actions", "台账完好，未发现问题。"))

    return _run(window, title, lambda progress: maintenance.check(path, progress=progress), done)
