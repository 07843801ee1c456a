"""A form dialog built from field definitions; the service does the checking.

On OK the dialog hands its values to a save function. A ``ValidationError``
names the bad field: the dialog marks it, shows the sentence under the form
and keeps everything the clerk typed. Enter moves to the next field.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import Cancelled, UserError, ValidationError
from ui.common.buttons import ok_cancel
from ui.common.date_edit import DateEdit


@dataclass
class FieldDef:
    key: str
    label: str
    kind: str = "text"          # text | multiline | choice | ref | bool | int | number | date
    required: bool = False
    options: Sequence[Any] = field(default_factory=list)  # str for choice, (id, name) for ref
    placeholder: str = ""


class _EnterMovesOn(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(obj, QLineEdit | QComboBox | QCheckBox):
                obj.focusNextChild()
                return True
        return False


class RecordDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[FieldDef], save: Callable[[dict[str, Any]], Any],
                 values: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.fields = list(fields)
        self._save = save
        self.result_value: Any = None
        self.widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._enter = _EnterMovesOn(self)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for f in self.fields:
            widget = self._make_widget(f)
            widget.setObjectName(f.key)
            widget.installEventFilter(self._enter)
            self.widgets[f.key] = widget
            label = QLabel(f.label + ("<span style='color:#c00'> *</span>" if f.required else ""))
            self._labels[f.key] = label
            form.addRow(label, widget)

        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #c00;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = ok_cancel(self, self.tr("保存"), saves=True)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if values:
            self.set_values(values)

    def _make_widget(self, f: FieldDef) -> QWidget:
        if f.kind == "multiline":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(70)
            return w
        if f.kind in ("choice", "ref"):
            w = QComboBox()
            # a required choice starts unchosen: a preset would be saved as if the clerk had chosen it
            w.addItem(self.tr("（请选择）") if f.required else self.tr("（未选择）"), None)
            for opt in f.options:
                if f.kind == "ref":
                    w.addItem(opt[1], opt[0])
                else:
                    w.addItem(str(opt), opt)
            return w
        if f.kind == "bool":
            return QCheckBox()
        w = DateEdit() if f.kind == "date" else QLineEdit()
        if f.placeholder:
            w.setPlaceholderText(f.placeholder)
        return w

    def set_values(self, values: dict[str, Any]) -> None:
        for f in self.fields:
            if f.key not in values:
                continue
            value, w = values[f.key], self.widgets[f.key]
            if isinstance(w, QComboBox):
                i = w.findData(value)
                w.setCurrentIndex(i if i >= 0 else 0)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText("" if value is None else str(value))
            else:
                w.setText("" if value is None else str(value))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widgets[f.key]
            if isinstance(w, QComboBox):
                out[f.key] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[f.key] = w.isChecked()
            elif isinstance(w, QPlainTextEdit):
                out[f.key] = w.toPlainText()
            else:
                out[f.key] = w.text()
        return out

    def show_error(self, message: str, field_key: str | None = None) -> None:
        for key, w in self.widgets.items():
            w.setStyleSheet("")
            self._labels[key].setStyleSheet("")
        if field_key in self.widgets:
            self.widgets[field_key].setStyleSheet("border: 1px solid #c00;")
            self._labels[field_key].setStyleSheet("color: #c00;")
            self.widgets[field_key].setFocus()
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            self.result_value = self._save(self.values())
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        except Cancelled:  # the clerk said 取消 to a question the save asked: the form stays open
            return
        super().accept()
