"""数据交换 → 导入下发包 / 导入报送包: read it, show what it would change, then apply on the clerk's word."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop_app.services.exchange import receive
from ui.common.background import BackgroundTask
from ui.exchange import package_files
from ui.exchange.batch_import import import_many
from ui.exchange.import_preview import PreviewDialog


def choose_and_import(window) -> BackgroundTask | None:
    paths = package_files.ask_open(window, QCoreApplication.translate("import_flow", "导入交换包"),
                                   QCoreApplication.translate("import_flow", "报送包 (*.bsb);;所有文件 (*)"))
    return open_packages(window, paths)


def open_packages(window, paths: list[str]) -> BackgroundTask | None:
    """One package: read, previewed, imported; several: each read first, then the sound ones imported."""
    if not paths:
        return None
    if len(paths) == 1:
        return import_package(window, paths[0])
    return import_many(window, paths)


def _work(window, path: str, dry_run: bool, same: dict[str, str] | None = None):
    return package_files.ledger_work(
        window, lambda ledger, _progress: receive.import_package(ledger, path, dry_run=dry_run, same=same))


def import_package(window, path: str, same: dict[str, str] | None = None) -> BackgroundTask:
    """Check and classify in the background; ask 是同一企业吗? where a new firm's code is already ours;
    the preview opens when done."""
    task = BackgroundTask(window, QCoreApplication.translate("import_flow", "正在读取交换包…"),
                          _work(window, path, True, same))
    window._exchange_task = task

    def done(result: receive.Result):
        window._exchange_task = None
        title = QCoreApplication.translate("import_flow", "导入交换包")
        if result.already:
            QMessageBox.information(window, title, result.lines()[0])
            return
        if result.accepted is not None:  # a 回执: nothing to choose, taken at once
            take_receipt(window, path)
            return
        if result.same_code:
            answers = dict(same or {})
            sender = result.package.from_unit.get("name") or ""
            for found in result.same_code:
                if not ask_same_firm(window, sender, found):
                    QMessageBox.information(window, title, QCoreApplication.translate(
                        "import_flow", "未导入。请与{sender}核实“{name}”的统一社会信用代码（{uscc}），更正后重新报送。").format(
                        sender=sender, name=found.theirs_name, uscc=found.uscc))
                    return
                answers[found.theirs_id] = found.ours_id
            import_package(window, path, answers)  # read again with the merges: the preview shows where they differ
            return
        dialog = PreviewDialog(window, path, result, _work(window, path, False, same))
        window._import_preview = dialog
        dialog.show()
    return task.start(done)


def ask_same_firm(window, sender: str, found) -> bool:
    """是同一企业吗? 是: the two records become one (where they differ, a choice field by field)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("import_flow", "是同一企业吗？"),
                      found.question(sender), parent=window)
    box.setObjectName("same_firm")
    box.setInformativeText(QCoreApplication.translate(
        "import_flow", "选“是”，两条记录合为一条，仍用本台账的记录；两边不同的字段导入后在“冲突待处理”中逐项选择，"
        "{sender}导入下一个下发包时也合为一条。选“否”，本包不导入。").format(sender=sender))
    yes = box.addButton(QCoreApplication.translate("import_flow", "是，合并为一条"), QMessageBox.ButtonRole.YesRole)
    box.addButton(QCoreApplication.translate("import_flow", "否，不导入"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def take_receipt(window, path: str) -> BackgroundTask:
    title = QCoreApplication.translate("import_flow", "导入回执")
    task = BackgroundTask(window, QCoreApplication.translate("import_flow", "正在导入回执…"), _work(window, path, False))
    window._exchange_task = task

    def done(result: receive.Result):
        window._exchange_task = None
        window.last_receipt = result
        QMessageBox.information(window, title, "\n".join(result.lines()))
    return task.start(done)
