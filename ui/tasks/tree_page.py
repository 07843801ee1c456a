"""任务清单: document → key task → concrete task → assignments, with the selected node's detail."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services import tasks
from desktop_app.services.exchange import ownership
from desktop_app.services.tasks import progress
from ui.common.flow_layout import FlowLayout
from ui.common.ledger_view import LedgerView
from ui.tasks import node_dialogs
from ui.tasks.month_models import GREY, ORANGE
from ui.tasks.node_detail import NodeDetail
from ui.tasks.progress_dialog import ProgressDialog

NODE_ROLE = Qt.ItemDataRole.UserRole + 1   # ("documents" | "key_tasks" | "tasks" | "assignments", node)


class TreePage(LedgerView, QWidget):
    shows = frozenset({"documents", "key_tasks", "tasks", "assignments", "assignment_contacts", "departments",
                       "progress_entries", "evidence_files", "settings", "targets", "target_values",
                       "target_actuals", "supervision_items"})

    def __init__(self, ledger, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger, self.today = ledger, today
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(objectName="task_tree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0; }")
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_node(cur))
        self.tree.doubleClicked.connect(lambda _: self.edit_current())
        self.tree.expanded.connect(self._opened)
        self.detail = NodeDetail(self)
        self.buttons: dict[str, QPushButton] = {}
        bar = FlowLayout()  # wraps on a narrow window
        for key, text, slot in (
                ("new_doc", self.tr("新增文件…"), self.add_document),
                ("add_child", self.tr("新增下级…"), self.add_child),
                ("edit", self.tr("编辑…"), self.edit_current),
                ("fill", self.tr("填报进展…"), self.fill_progress),
                ("delete", self.tr("删除…"), self.delete_current)):
            b = QPushButton(text, objectName=f"tree_{key}")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
        self.owner_note = QLabel(objectName="owner_note", styleSheet="color: #8a5a00;")
        self.owner_note.hide()
        bar.addWidget(self.owner_note)
        bar.addStretch(1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(bar)
        rv.addWidget(self.detail, 1)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([460, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.detail.target_action.connect(self._target_action)
        self.mark_stale()  # filled when first shown
        self.watch_ledger(ledger)

    # ---- tree ---------------------------------------------------------
    def refresh(self) -> None:
        kind, node = self.current() or (None, None)
        keep = node.id if node else None
        expanded = self._expanded_ids()
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("任务"), self.tr("最新进展")])
        root = self.model.invisibleRootItem()
        self._task_of: dict[str, str] = {}     # assignment id → task id, to open a task on demand
        self._task_items: dict[str, QStandardItem] = {}
        select = None
        for doc in sorted(tasks.tree(self.ledger), key=lambda d: not d.key_tasks):
            k, t, a = doc.counts()
            d_item = self._row(root, "documents", doc, doc.label,
                               self.tr("{k} 项重点任务 / {t} 项具体任务") .format(k=k, t=t) if k else self.tr("（无任务）"))
            select = select or (d_item if doc.id == keep else None)
            for key in doc.key_tasks:
                k_item = self._row(d_item, "key_tasks", key, f"{key.seq}. {key.name}",
                                   self.tr("{n} 项").format(n=len(key.tasks)))
                select = select or (k_item if key.id == keep else None)
                for task in key.tasks:
                    extra = self.tr("　目标 {n}").format(n=task.targets) if task.targets else ""
                    t_item = self._row(k_item, "tasks", task, task.name,
                                       self.tr("{n} 个责任单位").format(n=len(task.assignments)) + extra)
                    select = select or (t_item if task.id == keep else None)
                    self._task_items[task.id] = t_item
                    for a in task.assignments:
                        self._task_of[a.id] = task.id
                    if task.id in expanded or keep in {a.id for a in task.assignments}:
                        self._fill_task(t_item)
                    elif task.assignments:
                        t_item.appendRow([QStandardItem(), QStandardItem()])  # placeholder: filled when opened
        if keep in self._task_of:
            select = self._find(self._task_items[self._task_of[keep]], keep)
        self.tree.setColumnWidth(0, 330)
        for i in range(root.rowCount()):  # documents with tasks open by default
            if root.child(i).hasChildren() and (not expanded or root.child(i).data(NODE_ROLE)[1].id in expanded):
                self.tree.expand(root.child(i).index())
        for item in self._all_items():
            if item.data(NODE_ROLE)[1].id in expanded:
                self.tree.expand(item.index())
        if select is None and root.rowCount() and root.child(0).hasChildren():
            select = root.child(0)  # start on the document that has a task list
        if select is not None:
            self.tree.setCurrentIndex(select.index())
        else:
            self.show_node(None)

    def _fill_task(self, t_item: QStandardItem) -> None:
        """A task's responsible units, added when the task is first opened (a big list stays quick)."""
        if t_item.rowCount() and t_item.child(0).data(NODE_ROLE) is None:
            t_item.removeRow(0)
        if t_item.rowCount():
            return
        for node in t_item.data(NODE_ROLE)[1].assignments:
            latest = f"{node.latest[0]} {node.latest[1]}" if node.latest else self.tr("未报")
            a_item = self._row(t_item, "assignments", node, f"{node.department}（{node.role_text}）", latest)
            if not node.latest or node.latest[1] == "滞后":
                a_item.setForeground(QBrush(ORANGE if node.latest else GREY))

    def _opened(self, index) -> None:
        item = self.model.itemFromIndex(index.siblingAtColumn(0))
        if item is not None and item.data(NODE_ROLE) and item.data(NODE_ROLE)[0] == "tasks":
            self._fill_task(item)

    @staticmethod
    def _find(parent: QStandardItem, node_id: str) -> QStandardItem | None:
        for i in range(parent.rowCount()):
            data = parent.child(i).data(NODE_ROLE)
            if data and data[1].id == node_id:
                return parent.child(i)
        return None

    def _row(self, parent: QStandardItem, kind: str, node, text: str, extra: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setData((kind, node), NODE_ROLE)
        item.setToolTip(text)
        parent.appendRow([item, QStandardItem(extra)])
        return item

    def _all_items(self):
        stack = [self.model.invisibleRootItem()]
        while stack:
            parent = stack.pop()
            for i in range(parent.rowCount()):
                child = parent.child(i)
                if child.data(NODE_ROLE) is None:
                    continue  # a placeholder under a closed task
                yield child
                if child.hasChildren():
                    stack.append(child)

    def _expanded_ids(self) -> set[str]:
        return {item.data(NODE_ROLE)[1].id for item in self._all_items() if self.tree.isExpanded(item.index())}

    def current(self):
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.itemFromIndex(index.siblingAtColumn(0)).data(NODE_ROLE)

    def parent_node(self, kind_wanted: str):
        index = self.tree.currentIndex().siblingAtColumn(0)
        while index.isValid():
            kind, node = self.model.itemFromIndex(index).data(NODE_ROLE)
            if kind == kind_wanted:
                return node
            index = index.parent()
        return None

    def select_id(self, node_id: str) -> bool:
        if node_id in getattr(self, "_task_of", {}):
            self._fill_task(self._task_items[self._task_of[node_id]])
        for item in self._all_items():
            if item.data(NODE_ROLE)[1].id == node_id:
                self.tree.setCurrentIndex(item.index())
                self.tree.scrollTo(item.index())
                return True
        return False

    def show_node(self, index) -> None:
        cur = self.current() if index is not None else None
        kind = cur[0] if cur else None
        self.buttons["add_child"].setEnabled(kind in ("documents", "key_tasks", "tasks"))
        self.buttons["add_child"].setText({"documents": self.tr("新增重点任务…"), "key_tasks": self.tr("新增具体任务…"),
                                           "tasks": self.tr("新增责任单位…")}.get(kind, self.tr("新增下级…")))
        owner = self.received_from(cur)
        if owner:  # the county's task list: this unit reports progress on it, never edits it
            self.buttons["add_child"].setEnabled(False)
        self.buttons["edit"].setEnabled(cur is not None and owner is None)
        self.buttons["delete"].setEnabled(cur is not None and owner is None)
        self.buttons["fill"].setEnabled(kind == "assignments")
        self.owner_note.setText((self.tr("由{unit}上报，只读") if self.ledger.unit.level == "city" else self.tr("由{unit}下发，只读"))
                                 .format(unit=owner) if owner else "")
        self.owner_note.setVisible(owner is not None)
        self.detail.show_node(self.ledger, cur, self.today or date.today())

    def received_from(self, cur) -> str | None:
        return ownership.received_from(self.ledger, cur[0], cur[1].id) if cur else None

    # ---- actions ------------------------------------------------------
    def _run(self, dialog) -> str | None:
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        saved = dialog.result_value  # the write refreshed the tree (the ledger's change)
        if saved:
            self.select_id(saved)
        return saved

    def add_document(self) -> str | None:
        return self._run(node_dialogs.document_dialog(self, self.ledger))

    def add_child(self) -> str | None:
        cur = self.current()
        if cur is None:
            return None
        kind, node = cur
        if kind == "documents":
            return self._run(node_dialogs.key_task_dialog(self, self.ledger, node.id))
        if kind == "key_tasks":
            return self._run(node_dialogs.task_dialog(self, self.ledger, node.id))
        if kind == "tasks":
            return self._run(node_dialogs.AssignmentDialog(self, self.ledger, node.id))
        return None

    def edit_current(self) -> str | None:
        cur = self.current()
        if cur is None:
            return None
        kind, node = cur
        if self.received_from(cur):  # read-only here: a double-click on an assignment fills its progress
            return self.fill_progress() if kind == "assignments" else None
        if kind == "documents":
            return self._run(node_dialogs.document_dialog(self, self.ledger, node.id))
        if kind == "key_tasks":
            return self._run(node_dialogs.key_task_dialog(self, self.ledger, self.parent_node("documents").id, node))
        if kind == "tasks":
            return self._run(node_dialogs.task_dialog(self, self.ledger, self.parent_node("key_tasks").id, node))
        return self._run(node_dialogs.AssignmentDialog(self, self.ledger, self.parent_node("tasks").id, node))

    def fill_progress(self) -> str | None:
        cur = self.current()
        if cur is None or cur[0] != "assignments":
            return None
        dialog = ProgressDialog(self.ledger, cur[1].id, progress.this_period(self.today), self, today=self.today)
        self._last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved_id

    def delete_current(self) -> None:
        cur = self.current()
        if cur is None or self.received_from(cur):
            return
        kind, node = cur
        name = getattr(node, "label", None) or getattr(node, "name", None) or node.department
        what = {"documents": self.tr("文件及其全部任务"), "key_tasks": self.tr("重点任务及其下的具体任务和分工"),
                "tasks": self.tr("具体任务及其责任单位"), "assignments": self.tr("这一责任单位的分工")}[kind]
        answer = QMessageBox.question(self, self.tr("删除"), self.tr("确定删除“{n}”（{w}）吗？已报的进展保留在“文件 → 操作日志”中。").format(
            n=name, w=what))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if kind == "assignments":
                tasks.delete(self.ledger, node.id)
            else:
                tasks.delete_node(self.ledger, kind, node.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("删除"), str(exc))
            return

    def _target_action(self, action: str, target_id: str) -> None:
        from desktop_app.services.tasks import task_targets

        task = self.parent_node("tasks")
        if task is None:
            return
        if action == "delete":
            if QMessageBox.question(self, self.tr("删除目标"), self.tr("确定删除这一目标吗？")) \
                    != QMessageBox.StandardButton.Yes:
                return
            task_targets.delete(self.ledger, target_id)
            return
        row = next((r for r in task_targets.for_task(self.ledger, task.id) if r.id == target_id), None)
        self._run(node_dialogs.target_dialog(self, self.ledger, task.id, row))
        self.select_id(task.id)
