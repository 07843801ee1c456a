"""Table forms to PDF: heading, paginated table, notes and sign-off."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from desktop_app.fileio import atomic_output
from desktop_app.reports import fonts
from desktop_app.reports.model import (
    Cancelled,
    ProgressFn,
    TableForm,
    furniture_above,
    furniture_below,
    validate,
)
from desktop_app.reports.pdf_fit import BIG, MIN_TABLE_SCALE, Scaled, fit_scale
from desktop_app.reports.pdf_page import (
    BODY_SIZE,
    TITLE_SIZE,
    Geometry,
    LazyFlowables,
    NumberingStart,
    make_doc,
    table_geometry,
)
from desktop_app.reports.pdf_table import TableChunk, TableLayout
from desktop_app.reports.pdf_text import SpreadLine, TextBlock

SAFETY = 2.0  # points kept free on each page against rounding in the frame
FURNITURE_SIZE = 12.0
NOTE_SIZE = 10.5


def _heading(form: TableForm) -> list[Flowable]:
    hei, title, body = (fonts.font_name(r) for r in (fonts.HEI, fonts.TITLE, fonts.BODY))
    out: list[Flowable] = []
    if form.label:
        out.append(TextBlock(form.label, hei, BODY_SIZE, space_after=4))
    out.append(TextBlock(form.title, title, TITLE_SIZE, leading=TITLE_SIZE * 1.4, align="center", balance=True,
                         space_after=4 if form.subtitle else 10))
    if form.subtitle:
        out.append(TextBlock(form.subtitle, body, 14, align="center", space_after=8))
    above = furniture_above(form)
    if above:
        out.append(SpreadLine(above, body, FURNITURE_SIZE, space_after=2))
    return out


def _tail(form: TableForm) -> list[Flowable]:
    body = fonts.font_name(fonts.BODY)
    out: list[Flowable] = []
    if form.notes:
        out.append(Spacer(1, 4))
        for note in form.notes:
            out.append(TextBlock(note, body, NOTE_SIZE, leading=NOTE_SIZE * 1.5))
    below = furniture_below(form)
    if below:
        out.append(SpreadLine(below, body, FURNITURE_SIZE, space_before=6))
    return out


def _height(flowables: list[Flowable], geo: Geometry) -> float:
    return sum(f.wrap(geo.width, geo.height)[1] for f in flowables)


def _one_page(form: TableForm, width: float) -> list[Flowable]:
    """The whole form as one page's flowables, laid out at ``width`` (see ``pdf_fit``)."""
    layout = TableLayout(form, width, BIG)
    return [*_heading(form), TableChunk(layout, 0, len(layout.rows)), *_tail(form)]


def form_flowables(form: TableForm, *, restart_numbering: bool = False) -> list[Flowable]:
    """One form's flowables: on one page (a little smaller if need be) when it nearly fits there,
    else its table cut into pages with the end of the table kept with the notes and sign-off."""
    validate(form)
    geo = table_geometry(form.orientation)
    out: list[Flowable] = [NumberingStart()] if restart_numbering else []
    avail = geo.height - SAFETY
    one = fit_scale(lambda w: _one_page(form, w), geo.width, avail, MIN_TABLE_SCALE)
    if one is not None:
        scale, flowables = one
        out.extend(flowables if scale >= 1 else [Scaled(flowables, scale, geo.width)])
        return out
    heading, tail = _heading(form), _tail(form)
    head_h, tail_h = _height(heading, geo), _height(tail, geo)
    layout = TableLayout(form, geo.width, avail - head_h)  # a cut row fits any page
    chunks = layout.paginate(avail - head_h, avail, tail_h)
    out.extend(heading)
    for i, (s, e) in enumerate(chunks):
        if i:
            out.append(PageBreak())
        out.append(TableChunk(layout, s, e))
    out.extend(tail)
    return out


def _as_list(form_or_forms: TableForm | Iterable[TableForm]) -> tuple[Iterator[TableForm], int]:
    if isinstance(form_or_forms, TableForm):
        return iter([form_or_forms]), 1
    total = len(form_or_forms) if hasattr(form_or_forms, "__len__") else 0
    return iter(form_or_forms), total


def table_batches(
    forms: Iterator[TableForm], first: TableForm, total: int, progress: ProgressFn | None,
    *, restart_numbering: bool = False,
) -> Iterator[list[Flowable]]:
    """Flowables form by form, built only when platypus reaches them."""
    done = 0
    form: TableForm | None = first
    while form is not None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled()
        batch: list[Flowable] = []
        if done:
            batch += [NextPageTemplate(table_geometry(form.orientation).name), PageBreak()]
        batch += form_flowables(form, restart_numbering=restart_numbering)
        yield batch
        done += 1
        form = next(forms, None)
    if progress is not None and progress(done, total if total else done) is False:
        raise Cancelled()


def write_pdf(
    form_or_forms: TableForm | Iterable[TableForm],
    path: Path | str,
    progress: ProgressFn | None = None,
) -> Path:
    """Print one form, or many with a page break between them, into one PDF.

    One page-number sequence runs through the file. ``progress(done, total)`` is called per
    form; returning False raises :class:`Cancelled` and no file is left.
    """
    forms, total = _as_list(form_or_forms)
    first = next(forms, None)
    if first is None:
        raise ValueError("write_pdf needs at least one form")
    target = Path(path)
    with atomic_output(target) as tmp:
        doc = make_doc(str(tmp), table_geometry(first.orientation), first.title)
        doc.build(LazyFlowables(table_batches(forms, first, total, progress)))
    return target
