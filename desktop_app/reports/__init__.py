"""Official forms: plain data in, a PDF or an editable Excel file out.

No database and no Qt here: the service layer builds the dataclasses, these
functions print them. A form's layout is data next to its module (see
``task_list``).

The writers (reportlab, openpyxl) load on first use: importing a form's data
classes from ``desktop_app.reports.model`` costs nothing at start-up.
"""

import importlib

_LAZY = {
    "Attachment": "document_model", "DocParagraph": "document_model", "DocumentForm": "document_model",
    "write_document_pdf": "document",
    "FontChoice": "fonts", "chosen_fonts": "fonts",
    "Cancelled": "model", "Column": "model", "Furniture": "model", "HeaderCell": "model",
    "ProgressFn": "model", "Span": "model", "TableForm": "model", "Totals": "model",
    "write_pdf": "pdf_form", "write_xlsx": "xlsx", "read_meta": "xlsx_meta",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
