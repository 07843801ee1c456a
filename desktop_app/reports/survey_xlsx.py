"""The 附件3 survey as the workbook an enterprise fills in and sends back.

The same grid as the printed form (``survey_form``), with what a form to fill
needs: name, credit code, township and period written in; spare blocks in
sections 一 and 二; the fourteen 其他创新活动 as a tick cell each (a ✓
dropdown) beside its caption; numbers checked (≥ 0) where a number goes; every
other cell locked (sheet protection without a password, so rows can still be
inserted); and the hidden meta sheet naming form, version, enterprise and
period, by which ``services.survey_import`` recognises a return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

import desktop_app
from desktop_app import i18n
from desktop_app.fileio import atomic_output
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.grid_form import GridCell, GridForm, GridGroup, validate
from desktop_app.reports.model import Cancelled, ProgressFn
from desktop_app.reports.survey_form import (
    SurveyPrint,
    build_survey_form,
    institution_group,
    project_group,
)
from desktop_app.reports.xlsx import NUMBER_FORMATS, sheet_names
from desktop_app.reports.xlsx_cells import put
from desktop_app.reports.xlsx_grid_form import VALUE_FONT, _GridSheet
from desktop_app.reports.xlsx_meta import META_SHEET, write_meta

SPARE_BLOCKS = 2
TICK = "✓"
TICK_COLS = ((3, 1, 4, 4), (8, 1, 9, 3))  # (tick col, span, caption col, span) for the left / right half
ACTIVITIES_LABEL = QT_TRANSLATE_NOOP("i18n", "其他创新活动（可多选）")
UNLOCKED = Protection(locked=False)
PAGE_PT = 940.0         # row points on one A4 page once the sheet is shrunk to the page width (LibreOffice: ~985)
DEFAULT_ROW_PT = 15.0
ONE_PAGE_SHRINK = 1.15  # a form up to this much taller than a page is shrunk onto one


def ticks_group(ticks: tuple[tuple[bool, str], ...]) -> GridGroup:
    """The checkbox list as one tick cell per activity, two activities a row, in reading order."""
    rows = (len(ticks) + 1) // 2
    cells = [GridCell(0, 0, i18n.tr(ACTIVITIES_LABEL), rowspan=rows, colspan=3, role="label")]
    for i, (ticked, caption) in enumerate(ticks):
        tick_col, tick_span, cap_col, cap_span = TICK_COLS[i % 2]
        cells.append(GridCell(i // 2, tick_col, TICK if ticked else "", colspan=tick_span))
        cells.append(GridCell(i // 2, cap_col, caption, colspan=cap_span, role="text"))
    if len(ticks) % 2:
        cells.append(GridCell(rows - 1, 8, "", colspan=4, role="label"))
    return GridGroup(rows, tuple(cells))


def fill_in_form(data: SurveyPrint) -> tuple[GridForm, GridGroup]:
    """The printed form with spare blocks and tick cells; also the ticks group (its captions are not inputs)."""
    form = build_survey_form(data)
    one, two, three = form.sections
    one = replace(one, groups=one.groups + tuple(institution_group(None, first=False) for _ in range(SPARE_BLOCKS)))
    two = replace(two, groups=two.groups + tuple(project_group(None, first=False) for _ in range(SPARE_BLOCKS)))
    checks = next(c for c in three.groups[-1].cells if c.role == "checks")
    ticks = ticks_group(checks.checks)
    three = replace(three, groups=three.groups[:-1] + (ticks,))
    above = form.lines_above
    if data.township and above:  # the township the return belongs to, beside the county
        first = above[0]
        above = ((first[0], i18n.tr("所属乡镇：") + data.township, *first[1:]), *above[1:])
    return replace(form, sections=(one, two, three), lines_above=above), ticks


class _FillSheet(_GridSheet):
    """Writes the grid and remembers where every input cell landed."""

    def __init__(self, ws, form: GridForm, ticks: GridGroup):
        super().__init__(ws, form)
        self.ticks = ticks
        self.inputs: list[tuple[int, int, int, str]] = []  # row, first col, last col, kind (text | int | money | tick)
        self.lines: list[tuple[int, int]] = []            # row, number of items of each furniture line
        self.groups: list[tuple[int, int]] = []           # top row, rows: kept together on paper

    def _line(self, items, font, height, align="left") -> None:
        self.lines.append((self.row, max(1, len(items))))
        super()._line(items, font, height, align)

    def _group(self, cells, rows, separated) -> None:
        top = self.row
        super()._group(cells, rows, separated)
        self.groups.append((top, rows))
        is_ticks = cells is self.ticks.cells
        for c in cells:
            r, c0, c1 = top + c.row, c.col + 1, c.col + c.colspan
            if c.role == "label":
                continue
            if is_ticks and c.role == "text":  # an activity's caption: printed text, not an answer
                anchor = self.ws.cell(r, c0)
                anchor.font = VALUE_FONT
                anchor.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
                continue
            kind = "tick" if is_ticks else c.kind if c.kind in ("int", "money") else "text"
            if kind == "tick":
                self.ws.cell(r, c0).alignment = Alignment(horizontal="center", vertical="center")
            self.inputs.append((r, c0, c1, kind))

    def finish(self) -> None:
        ws = self.ws
        sign_row, k = self.lines[-1]  # 填表人 / 联系电话 / 填表日期
        for i in range(k):
            self.inputs.append((sign_row, i * self.n // k + 1, (i + 1) * self.n // k, "text"))
        checks = {
            "int": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
            "money": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
            "tick": DataValidation(type="list", formula1=f'"{TICK}"', allow_blank=True),
        }
        messages = {"int": i18n.tr("请填写不小于 0 的整数"), "money": i18n.tr("请填写不小于 0 的数字（单位：万元）"),
                    "tick": i18n.tr("开展了该项活动请选择 ✓，未开展请留空")}
        for kind, dv in checks.items():
            dv.error, dv.errorTitle = messages[kind], i18n.tr("填写有误")
            dv.prompt = messages[kind]
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
        for r, c0, c1, kind in self.inputs:
            for c in range(c0, c1 + 1):
                ws.cell(r, c).protection = UNLOCKED
            if kind in checks:
                checks[kind].add(ws.cell(r, c0).coordinate)
            if kind in NUMBER_FORMATS:
                ws.cell(r, c0).number_format = NUMBER_FORMATS[kind]
        self._page_breaks()
        p = ws.protection
        p.sheet = True  # no password: protection keeps the form's shape, it is not a secret
        p.insertRows = p.formatRows = p.formatColumns = False  # these stay allowed


    def _page_breaks(self) -> None:
        """One page when the form nearly fits (shrunk a little), else breaks between groups, never inside one."""
        ws = self.ws
        height = [ws.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, self.row)]
        if sum(height) <= PAGE_PT * ONE_PAGE_SHRINK:
            ws.page_setup.fitToHeight = 1
            return
        starts = {top: rows for top, rows in self.groups}
        used, r = 0.0, 1
        while r < self.row:
            span = starts.get(r, 1)
            need = sum(height[r - 1:r - 1 + span])
            if used and used + need > PAGE_PT:
                ws.row_breaks.append(Break(id=r - 1))
                used = 0.0
            used += need
            r += span


def _meta_rows(wb: Workbook, prints: list[SurveyPrint]) -> None:
    """The shared meta rows, and after each sheet's block the enterprise it was made for."""
    ws = wb[META_SHEET]
    rows = [(a.value, b.value) for a, b in ws.iter_rows(min_row=1, max_col=2)]
    out: list[tuple] = []
    it = iter(prints)
    for key, value in rows:
        out.append((key, value))
        if key == "period":
            p = next(it)
            out += [("enterprise", p.uscc), ("enterprise_name", p.enterprise), ("township", p.township),
                    ("layout", "fill-in")]
    for r, (key, value) in enumerate(out, start=1):
        put(ws, r, 1, key)
        put(ws, r, 2, value)


def write_survey_xlsx(prints: Sequence[SurveyPrint], path: Path | str, progress: ProgressFn | None = None, *,
                      now: datetime | None = None) -> Path:
    """One fill-in sheet per enterprise plus the hidden meta sheet, written atomically."""
    prints = list(prints)
    if not prints:
        raise ValueError("write_survey_xlsx needs at least one enterprise")
    total = len(prints)
    wb = Workbook()
    wb.remove(wb.active)
    built = []
    for i, data in enumerate(prints):
        if progress is not None and progress(i, total) is False:
            raise Cancelled()
        built.append(fill_in_form(data))
    forms = [f for f, _ in built]
    names = sheet_names(forms)
    for name, (form, ticks) in zip(names, built, strict=True):
        validate(form)
        sheet = _FillSheet(wb.create_sheet(name), form, ticks)
        sheet.write()
        sheet.finish()
    write_meta(wb, list(zip(names, forms, strict=True)), now or datetime.now())
    _meta_rows(wb, prints)
    wb.properties.creator = f"{desktop_app.APP_NAME} {desktop_app.__version__}"
    wb.properties.title = forms[0].title
    if progress is not None and progress(total, total) is False:
        raise Cancelled()
    target = Path(path)
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return target
