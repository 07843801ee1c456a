"""First start: who is this ledger for? Creates the ledger in the user's data folder."""

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.errors import UserError, ValidationError
from desktop_app.services import demo, seed
from desktop_app.services.exchange import lower_ledger
from desktop_app.services.ledger import Ledger, create_ledger, open_ledger


class SetupDialog(QDialog):
    """Ask for the unit and operator; the result is an open :class:`Ledger`."""

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("创建工作台账"))
        self.setMinimumWidth(560)
        self.path = path
        self.ledger: Ledger | None = None

        intro = QLabel(self.tr("欢迎使用创新生态工作台账。请先填写本单位信息，程序将为本单位建立台账文件。"))
        intro.setWordWrap(True)
        self.level = QComboBox()
        self.level.setObjectName("level")
        self.level.addItem(self.tr("县（市、区）"), "county")
        self.level.addItem(self.tr("乡（镇）"), "township")
        self.level.addItem(self.tr("市（汇总各县报送包）"), "city")
        self.unit_name = QLineEdit(objectName="unit_name")
        self.unit_name.setPlaceholderText(self.tr("如 沁水县 或 龙港镇"))
        self.code = QLineEdit(objectName="code")
        self.code.setPlaceholderText(self.tr("可不填，如 140521"))
        self.parent_name = QLineEdit(objectName="parent_name")
        self.parent_name.setPlaceholderText(self.tr("如 晋城市 或 沁水县"))
        self.operator = QLineEdit(objectName="operator")
        self.operator.setPlaceholderText(self.tr("填报人姓名"))
        self.path_label = QLabel(str(path))
        self.path_label.setWordWrap(True)
        change = QPushButton(self.tr("更改位置…"))
        change.clicked.connect(self._choose_path)

        form = QFormLayout()
        form.addRow(self.tr("单位级别"), self.level)
        form.addRow(self.tr("单位名称 *"), self.unit_name)
        form.addRow(self.tr("行政区划代码"), self.code)
        form.addRow(self.tr("上级单位"), self.parent_name)
        form.addRow(self.tr("操作员 *"), self.operator)
        where = QHBoxLayout()
        where.addWidget(self.path_label, 1)
        where.addWidget(change)
        form.addRow(self.tr("台账文件"), where)

        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #c00;")
        self.error.setWordWrap(True)
        self.error.hide()

        self.create_button = QPushButton(self.tr("创建台账"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        open_button = QPushButton(self.tr("打开已有台账…"))
        open_button.clicked.connect(self.open_existing)
        demo_button = QPushButton(self.tr("使用演示台账"))
        demo_button.setToolTip(self.tr("沁水县演示数据，可随意试用"))
        demo_button.clicked.connect(self.use_demo)
        package_button = QPushButton(self.tr("从下发包创建…"), objectName="from_package")
        package_button.setToolTip(self.tr("乡镇、开发区和责任单位：用县里下发的 .bsb 文件建立本单位台账"))
        package_button.clicked.connect(lambda: self.create_from_package())
        cancel = QPushButton(self.tr("退出"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(demo_button)
        buttons.addWidget(package_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _choose_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("台账文件位置"), str(self.path),
                                              self.tr("台账文件 (*.sqlite3 *.db)"))
        if name:
            self.path = Path(name)
            self.path_label.setText(name)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def create(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ledger = create_ledger(self.path, unit_name=self.unit_name.text(), level=self.level.currentData(),
                                   code=self.code.text(), parent_name=self.parent_name.text(),
                                   operator=self.operator.text())
            seed.load_builtin(ledger)
        except ValidationError as exc:
            widget = self.findChild(QLineEdit, exc.field)
            if widget:
                widget.setFocus()
            self._fail(str(exc))
            return
        except (UserError, OSError) as exc:
            self._fail(str(exc))
            return
        self.ledger = ledger
        self.accept()

    def open_existing(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("打开台账"), str(self.path.parent),
                                              self.tr("台账文件 (*.sqlite3 *.db);;所有文件 (*)"))
        if not name:
            return
        try:
            self.ledger = open_ledger(name)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("打开台账"), str(exc))
            return
        self.accept()

    def use_demo(self) -> None:
        target = self.path.with_name("demo.sqlite3")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.ledger = demo.build_demo(target)
        except (UserError, OSError) as exc:
            self._fail(str(exc))
            return
        self.accept()

    def create_from_package(self, package: str | None = None) -> bool:
        """The unit's own ledger from the distribution package its county sent: unit and parent come
        from the package; only the operator is asked for."""
        if not self.operator.text().strip():
            self.operator.setFocus()
            self._fail(self.tr("请先填写操作员（填报人姓名），再选择下发包"))
            return False
        if package is None:
            package, _ = QFileDialog.getOpenFileName(self, self.tr("选择下发包"), str(Path.home()),
                                                     self.tr("下发包 (*.bsb);;所有文件 (*)"))
            if not package:
                return False
        try:
            m = lower_ledger.describe(package)
        except UserError as exc:
            self._fail(str(exc))
            return False
        answer = QMessageBox.question(self, self.tr("从下发包创建"), self.tr(
            "这是{sender}给“{unit}”的下发包（第 {seq} 号，{at} 生成）。\n"
            "将为{unit}建立台账：{path}\n继续吗？").format(
            sender=m.from_unit.get("name"), unit=m.to_unit.get("name"), seq=m.seq,
            at=m.created_at[:16].replace("T", " "), path=self.path))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.ledger, _result = lower_ledger.create_from_package(package, self.path, operator=self.operator.text())
        except (UserError, OSError) as exc:
            self._fail(str(exc))
            return False
        self.accept()
        return True
