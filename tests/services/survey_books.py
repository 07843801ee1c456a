"""Survey workbooks for the import tests: exported by the program, then filled with openpyxl
the way people fill them (finding each cell by its printed caption, as a person does)."""

from pathlib import Path

from openpyxl import load_workbook

from desktop_app.services import catalogs
from desktop_app.services.printing import write_report
from desktop_app.services.survey_import_read import key

PERIOD = "2026-10"


def export(ledger, uscc: str, path: Path, period: str = PERIOD) -> Path:
    return write_report(ledger, "survey", "xlsx", path, {"enterprise": uscc, "period": period})


def find(ws, text: str, nth: int = 0, start_row: int = 1) -> tuple[int, int]:
    """(row, col) of the nth cell whose text is ``text`` (spaces and width ignored)."""
    want, seen = key(text), 0
    for row in ws.iter_rows(min_row=start_row):
        for c in row:
            if key(c.value) == want:
                if seen == nth:
                    return c.row, c.column
                seen += 1
    raise LookupError(text)


def put_beside(ws, label: str, value, nth: int = 0, offset: int = 2) -> None:
    """The value cell right of a caption (institution and project caption rows)."""
    r, c = find(ws, label, nth)
    ws.cell(r, c + offset).value = value


def put_under(ws, label: str, value, nth: int = 0) -> None:
    r, c = find(ws, label, nth)
    ws.cell(r + 1, c).value = value


def tick(ws, n: int, mark: str = "√") -> None:
    r, c = find(ws, catalogs.other_activities()[n - 1])
    ws.cell(r, c - 1).value = mark


def fill_like_people(src: Path, out: Path) -> Path:
    """Full-width digits, “1,234.5”, “12万元”, spaces, an extra institution in a spare block, √ ticks."""
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    put_beside(ws, "研究开发机构及平台名称", "企业技术中心", 0)
    put_beside(ws, "批准部门（或企业自建）", "晋城市工信局", 0)
    put_beside(ws, "研究领域", " 煤矿安全 ", 0, offset=1)
    put_under(ws, "期末机构数（个）", "１", 0)
    put_under(ws, "机构研究开发人员数量（人）", "１２", 0)
    put_under(ws, "机构研究开发费用（万元）", "1,234.5", 0)
    put_under(ws, "期末仪器和设备原价（万元）", "12万元", 0)
    put_beside(ws, "研究开发机构及平台名称", "煤层气工程实验室", 1)  # the extra institution
    put_beside(ws, "批准部门（或企业自建）", "企业自建", 1)
    put_under(ws, "机构研究开发人员数量（人）", 3, 1)
    put_under(ws, "机构研究开发费用（万元）", "５０", 1)
    put_beside(ws, "研发项目名称", "瓦斯抽采关键技术研究", 0)
    put_beside(ws, "研发项目来源及立项文号", "晋市科字〔2024〕5号", 0)
    put_under(ws, "研究开发人员情况（人）", "6", 0)
    put_under(ws, "研究开发费用情况（万元）", " 40.25 ", 0)
    put_under(ws, "研究开发资产情况（万元）", 10, 0)
    r, c = find(ws, "创新投入")
    ws.cell(r, c + 3).value = "加大研发投入"
    tick(ws, 1, "√")
    tick(ws, 3, "✓")
    tick(ws, 14, "是")
    r, c = find(ws, "填表人：" + "\u3000" * 5)
    ws.cell(r, c).value = "填表人：张三"
    ws.cell(r, c + 4).value = "联系电话：１３８１２３４５６７８"
    ws.cell(r, c + 8).value = "2026年11月5日"
    wb.save(out)
    return out
