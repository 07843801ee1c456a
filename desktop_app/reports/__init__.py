"""Official forms: plain data in, a PDF or an editable Excel file out.

No database and no Qt here: the service layer builds the dataclasses, these
functions print them. A form's layout is data next to its module (see
``task_list``).
"""

from desktop_app.reports.document import (
    Attachment,
    DocParagraph,
    DocumentForm,
    write_document_pdf,
)
from desktop_app.reports.fonts import FontChoice, chosen_fonts
from desktop_app.reports.model import (
    Cancelled,
    Column,
    Furniture,
    HeaderCell,
    ProgressFn,
    Span,
    TableForm,
    Totals,
)
from desktop_app.reports.pdf_form import write_pdf
from desktop_app.reports.xlsx import write_xlsx
from desktop_app.reports.xlsx_meta import read_meta

__all__ = [
    "Attachment",
    "Cancelled",
    "Column",
    "DocParagraph",
    "DocumentForm",
    "FontChoice",
    "Furniture",
    "HeaderCell",
    "ProgressFn",
    "Span",
    "TableForm",
    "Totals",
    "chosen_fonts",
    "read_meta",
    "write_document_pdf",
    "write_pdf",
    "write_xlsx",
]
