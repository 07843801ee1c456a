"""月度通报: the clerk edits the wording; every number stays a {data item} filled from the ledger on print."""


from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import schedule
from desktop_app.errors import ValidationError
from desktop_app.reports.monthly_brief import PLACEHOLDER, BriefWording, fill, paragraphs
from desktop_app.services import printing
from desktop_app.services.tasks import brief, progress
from ui.common.background import BackgroundTask
from ui.common.buttons import save_shortcut
from ui.common.window_size import size_window
from ui.report_menu import print_report
from ui.tasks.node_detail import detail_table, fill_table


class ItemHighlighter(QSyntaxHighlighter):
    """{数据项} in blue on a tint (locked to the ledger); an unknown one in red."""

    def __init__(self, document, known: set[str]):
        super().__init__(document)
        self.known = known
        self.ok, self.bad = QTextCharFormat(), QTextCharFormat()
        self.ok.setForeground(QColor("#0b5cad"))
        self.ok.setBackground(QColor("#e8f0fb"))
        self.bad.setForeground(QColor("#c0392b"))
        self.bad.setFontUnderline(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        for m in PLACEHOLDER.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.ok if m.group(1) in self.known else self.bad)


class BriefDialog(QDialog):
    def __init__(self, ledger, period: str, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("月度调度情况通报"))
        size_window(self, "brief", 1180, 760)
        self.period = QComboBox(objectName="period")
        for p in progress.period_choices():
            self.period.addItem(schedule.period_label(p), p)
        self.period.setCurrentIndex(max(0, self.period.findData(period)))
        s = brief.settings(ledger)
        self.issuer = QLineEdit(s.issuer, objectName="issuer")
        self.pattern = QLineEdit(s.number_pattern, objectName="number_pattern")
        self.pattern.setToolTip(self.tr("{年} 为发文年份，{号} 为序号"))
        self.number = QSpinBox(objectName="number")
        self.number.setRange(1, 9999)
        self.number.setValue(brief.suggest_number(ledger, period))
        self.title_edit = self._text("title", 54)
        self.recipients = QLineEdit(objectName="recipients")
        self.body = self._text("body", 0)
        self.signature = QLineEdit(objectName="signature")
        self.cc = QLineEdit(objectName="cc")
        self.printed_by = QLineEdit(objectName="printed_by")
        self.edits = {"title": self.title_edit, "recipients": self.recipients, "body": self.body,
                      "signature": self.signature, "cc": self.cc, "printed_by": self.printed_by,
                      "issuer": self.issuer, "number_pattern": self.pattern}
        number_row = QHBoxLayout()
        number_row.addWidget(self.pattern, 1)
        number_row.addWidget(QLabel(self.tr("序号")))
        number_row.addWidget(self.number)
        form = QFormLayout()
        form.addRow(self.tr("报送期"), self.period)
        form.addRow(self.tr("发文机关标志"), self.issuer)
        form.addRow(self.tr("发文字号"), number_row)
        form.addRow(self.tr("标题"), self.title_edit)
        form.addRow(self.tr("主送机关"), self.recipients)
        form.addRow(self.tr("正文"), self.body)
        form.addRow(self.tr("署名"), self.signature)
        form.addRow(self.tr("抄送"), self.cc)
        form.addRow(self.tr("印发机关"), self.printed_by)
        hint = QLabel(self.tr("蓝色的 {数据项} 在打印时按台账实时填入，改措辞不会改动数字；双击右侧数据项可插入到正文光标处。"
                              "以“一、”“（一）”开头的行按公文标题层级排版。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(form, 1)
        lv.addWidget(hint)

        self.items = detail_table("items", [self.tr("数据项"), self.tr("本期数值")])
        self.items.setWordWrap(False)
        self.items.doubleClicked.connect(self.insert_item)
        self.preview = QTextBrowser(objectName="preview")
        side = QTabWidget()
        side.addTab(self.items, self.tr("数据项"))
        side.addTab(self.preview, self.tr("预览"))
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(side)
        split.setSizes([720, 420])
        self.error_label = QLabel(objectName="error")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        reset = QPushButton(self.tr("恢复默认措辞"), objectName="reset")
        reset.clicked.connect(lambda: self.set_wording(brief.default(self.ledger)))
        self.print_button = QPushButton(self.tr("生成 PDF…"), objectName="print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.save_button = QPushButton(self.tr("保存"), objectName="save")
        self.save_button.clicked.connect(lambda: self.save())
        save_shortcut(self, self.save_button)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(reset)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.highlighters = [ItemHighlighter(e.document(), set(brief.ITEM_NAMES)) for e in (self.title_edit, self.body)]
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.update_preview)
        for e in (self.title_edit, self.body):
            e.textChanged.connect(self._debounce.start)
        for e in (self.recipients, self.signature, self.cc):
            e.textChanged.connect(lambda _: self._debounce.start())
        self.period.currentIndexChanged.connect(self.load_figures)
        self.set_wording(brief.wording(ledger))
        self.load_figures()

    def _text(self, name: str, height: int) -> QPlainTextEdit:
        w = QPlainTextEdit(objectName=name)
        if height:
            w.setFixedHeight(height)
            w.setTabChangesFocus(True)
        return w

    def set_wording(self, w: BriefWording) -> None:
        self.title_edit.setPlainText(w.title)
        self.body.setPlainText(w.body)
        for key in ("recipients", "signature", "cc", "printed_by"):
            self.edits[key].setText(getattr(w, key))

    def wording(self) -> BriefWording:
        return BriefWording(title=self.title_edit.toPlainText(), recipients=self.recipients.text(),
                            body=self.body.toPlainText(), signature=self.signature.text(), cc=self.cc.text(),
                            printed_by=self.printed_by.text())

    def settings(self) -> brief.BriefSettings:
        return brief.BriefSettings(issuer=self.issuer.text(), number_pattern=self.pattern.text())

    def load_figures(self, *_args) -> None:
        self.values = brief.figures(self.ledger, self.period.currentData())
        fill_table(self.items, [["{" + k + "}", v] for k, v in self.values.items()])
        self.items.setColumnWidth(0, 190)
        self.update_preview()

    def insert_item(self, index) -> None:
        self.body.insertPlainText(self.items.item(index.row(), 0).text())
        self.body.setFocus()

    def update_preview(self) -> None:
        try:
            w = self.wording()
            title = fill(w.title, self.values, "title").replace("\n", "")
            body = fill(w.body, self.values)
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setStyleSheet("color: #c0392b;")
            return
        self.error_label.setText("")
        html = [f"<h3 align='center'>{title}</h3><p>{fill(w.recipients, self.values, 'recipients')}：</p>"]
        for p in paragraphs(body):
            text = (f"<b>{p.lead}</b>" if p.lead else "") + p.text
            html.append(f"<p><b>{text}</b></p>" if p.level == 1 else f"<p>　　{text}</p>")
        self.preview.setHtml("".join(html))

    def save(self) -> bool:
        """Keep the wording, 发文机关标志, 发文字号 and number for this ledger (保存, Ctrl+S)."""
        period, w, s, n = self.period.currentData(), self.wording(), self.settings(), self.number.value()
        try:
            brief.check_wording(w, self.values)
            brief.remember(self.ledger, period, n, w, s)
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setStyleSheet("color: #c0392b;")
            if exc.field in self.edits:
                self.edits[exc.field].setFocus()
            return False
        self.error_label.setText(self.tr("已保存通报措辞和发文字号。"))
        self.error_label.setStyleSheet("color: #2e7d32;")
        return True

    def print_pdf(self, out: str | None = None) -> BackgroundTask | None:
        """Keep the wording and number, then print through the 报表 menu's path (the form
        ``monthly-brief`` reads them back), so the window, the menu and the CLI print the same brief."""
        if not self.save():
            return None
        spec = printing.registry()["monthly-brief"]
        self._task = print_report(self, spec, out=out, params={"period": self.period.currentData()}, fmt="pdf")
        return self._task

