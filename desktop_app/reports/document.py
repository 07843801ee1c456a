"""Documents in 公文 layout (GB/T 9704-2012): a brief with its attached tables.

Used for the 月度调度情况 brief: 版头 (发文机关标志, 发文字号, red line),
title, 主送机关, body, 附件说明, 署名 and 成文日期, the attached table forms on
their own pages, and the 版记 at the foot of the last page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from desktop_app import i18n
from desktop_app.fileio import atomic_output
from desktop_app.reports import fonts
from desktop_app.reports.document_model import DocParagraph, DocumentForm
from desktop_app.reports.pdf_doc_parts import BanJi, DocNumber, IssuerMark, SignatureBlock
from desktop_app.reports.pdf_form import form_flowables
from desktop_app.reports.pdf_grid import GridParagraph
from desktop_app.reports.pdf_page import (
    DOC_TEMPLATE,
    DOCUMENT,
    LINE,
    TITLE_SIZE,
    make_doc,
    table_geometry,
)
from desktop_app.reports.pdf_text import TextBlock

ISSUER_TOP = 35 * mm  # 发文机关标志 35 mm below the top of the text block

LEVEL_FONTS = {0: fonts.BODY, 1: fonts.HEI, 2: fonts.KAI, 3: fonts.BODY, 4: fonts.BODY}


def _paragraph(p: DocParagraph) -> GridParagraph:
    body = fonts.font_name(fonts.BODY)
    face = fonts.font_name(LEVEL_FONTS.get(p.level, fonts.BODY))
    runs = [(p.lead, face), (p.text, body)] if p.lead else [(p.text, face)]
    return GridParagraph([r for r in runs if r[0]])


def _attachment_note(doc: DocumentForm) -> list[Flowable]:
    """附件说明: "附件：1.名称", further items aligned under the first name."""
    body = fonts.font_name(fonts.BODY)
    label = i18n.tr("附件：")
    if len(doc.attachments) == 1:
        return [GridParagraph([(label + doc.attachments[0].name, body)], rest_indent=5)]
    out: list[Flowable] = []
    for i, att in enumerate(doc.attachments, start=1):
        text = f"{label if i == 1 else ''}{i}.{att.name}"
        out.append(GridParagraph([(text, body)], first_indent=2 if i == 1 else 5, rest_indent=6))
    return out


def _attachment_label(doc: DocumentForm, i: int) -> str:
    return i18n.tr("附件") if len(doc.attachments) == 1 else i18n.tr("附件{n}").format(n=i)


def document_flowables(doc: DocumentForm) -> list[Flowable]:
    body, title = fonts.font_name(fonts.BODY), fonts.font_name(fonts.TITLE)
    out: list[Flowable] = [
        Spacer(1, ISSUER_TOP),
        IssuerMark(doc.issuer, title),
        Spacer(1, LINE * 2),
        DocNumber(doc.number, body),
        Spacer(1, LINE * 2),
        TextBlock(doc.title, title, TITLE_SIZE, leading=LINE * 1.15, align="center",
                  balance=True),
        Spacer(1, LINE),
    ]
    if doc.recipients:
        out.append(GridParagraph([(doc.recipients.rstrip("：:") + "：", body)], first_indent=0))
    out += [_paragraph(p) for p in doc.paragraphs]
    if doc.attachments:
        out.append(Spacer(1, LINE))
        out += _attachment_note(doc)
    if doc.signature or doc.date:
        out.append(Spacer(1, LINE * 3))  # room for the seal over 署名 and date
        out.append(SignatureBlock(doc.signature, doc.date, body))
    for i, att in enumerate(doc.attachments, start=1):
        for k, form in enumerate(att.forms):
            labelled = replace(form, label=_attachment_label(doc, i) if k == 0 else "")
            out += [NextPageTemplate(table_geometry(form.orientation).name), PageBreak()]
            out += form_flowables(labelled, restart_numbering=False)
    if doc.cc or doc.printed_by or doc.printed_on:
        if any(att.forms for att in doc.attachments):
            out += [NextPageTemplate(DOC_TEMPLATE), PageBreak()]
        else:
            out.append(Spacer(1, LINE))
        rows = []
        if doc.cc:
            rows.append((i18n.tr("抄送：{cc}").format(cc=doc.cc.rstrip("。")) + "。", ""))
        on = i18n.tr("{date}印发").format(date=doc.printed_on) if doc.printed_on else ""
        rows.append((doc.printed_by, on))
        out.append(BanJi(rows, fonts.font_name(fonts.BODY)))
    return out


def write_document_pdf(doc: DocumentForm, path: Path | str) -> Path:
    """Print a 公文 with its attachments into one PDF, pages numbered throughout."""
    target = Path(path)
    with atomic_output(target) as tmp:
        pdf = make_doc(str(tmp), DOCUMENT, doc.title.replace("\n", ""))
        pdf.build(document_flowables(doc))
    return target
