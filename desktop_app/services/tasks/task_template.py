"""导出任务清单模板: an empty sheet in the 000 附件2 layout that :mod:`task_import` reads back."""

from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm

from desktop_app import i18n
from desktop_app.reports import write_xlsx
from desktop_app.reports.pdf_page import table_geometry
from desktop_app.reports.pdf_table import column_widths
from desktop_app.reports.task_list import TaskListHeader, build_task_list_form
from desktop_app.reports.xlsx import UNIT_MM


def template_notes() -> list[str]:
    return [
        i18n.tr("填写说明：1．表头两行不要改动；表格跨页时重复的表头在导入时自动跳过。"),
        i18n.tr("2．序号、重点任务、具体任务可以合并单元格（合并视为向下填充），也可以每行重复填写；新的重点任务须写序号。"),
        i18n.tr("3．每行填写一个责任单位的一组责任人；同一单位有多组责任人时，下一行的责任单位可留空或合并。"),
        i18n.tr("4．每项具体任务列出的第一个责任单位为牵头单位，其余为配合单位；多人写在同一单元格内，用空格分开。"),
        i18n.tr("5．请保存为 Excel 工作簿（*.xlsx）后导入；导入前会先预览，有问题的行逐条列出，全部无误才导入。"),
    ]


def write_template(path: Path | str, rows: int = 18) -> Path:
    """An empty sheet in the 附件2 layout, with filling notes under it."""
    form = build_task_list_form([], TaskListHeader(document_title="\u3000" * 8))
    # ideographic spaces give the empty columns their printed widths (one line each); the reader
    # treats them as blank
    geo = table_geometry(form.orientation)
    blanks = tuple("\u3000" * max(1, int((w / mm / UNIT_MM - 3) / 2)) for w in column_widths(form, geo.width))
    form = replace(form, rows=[blanks] * rows, notes=template_notes(),
                   furniture=replace(form.furniture, unit=""))
    return write_xlsx(form, Path(path))
