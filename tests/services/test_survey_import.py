"""导入调查表: the workbook we send out comes back filled in and lands in the ledger, exactly."""

import pytest
from openpyxl import load_workbook

from desktop_app.domain.survey import Institution, Project
from desktop_app.errors import UserError
from desktop_app.services import survey_import
from desktop_app.services.enterprises import signoff, surveys
from tests.conftest import file_state
from tests.services.enterprises.helpers import INSTITUTION, add_enterprise, add_return, code
from tests.services.survey_books import PERIOD, export, fill_like_people, find, put_under, tick


@pytest.fixture
def filled(ledger, tmp_path):
    eid = add_enterprise(ledger, 1)
    blank = export(ledger, code(1), tmp_path / "下发.xlsx")
    return eid, fill_like_people(blank, tmp_path / "企业填报.xlsx")


def test_round_trip_finds_exactly_the_typed_values(ledger, filled, tmp_path):
    eid, path = filled
    pv = survey_import.preview(ledger, [path])
    assert not pv.refused and [r.status for r in pv.returns] == ["new"]
    labels = [c.label for c in pv.returns[0].changes]
    assert "研究开发机构 2：研究开发机构及平台名称" in labels and "其他创新活动" in labels
    result = survey_import.apply(ledger, pv)
    assert result.new == 1
    ret = surveys.find(ledger, eid, PERIOD)
    assert ret.institutions == (
        Institution("企业技术中心", "晋城市工信局", "煤矿安全", 1, 12, 1234.5, 12.0),
        Institution("煤层气工程实验室", "企业自建", "", 1, 3, 50.0, 0.0))
    assert ret.projects == (Project("瓦斯抽采关键技术研究", "晋市科字〔2024〕5号", 6, 40.25, 10.0),)
    assert ret.other_activities == (1, 3, 14)
    assert ret.directions["innovation_input"] == "加大研发投入"
    assert (ret.filled_by, ret.phone, ret.filled_on) == ("张三", "13812345678", "2026-11-05")
    ids = [r[0] for r in ledger.conn.execute("SELECT id FROM survey_institutions ORDER BY seq")]

    before = file_state(ledger.path)  # the same file again: nothing to write
    again = survey_import.preview(ledger, [path])
    assert [r.status for r in again.returns] == ["unchanged"]
    assert survey_import.apply(ledger, again).unchanged == 1
    assert file_state(ledger.path) == before

    fresh = export(ledger, code(1), tmp_path / "再次下发.xlsx")  # our pre-filled workbook reads as the ledger
    assert [r.status for r in survey_import.preview(ledger, [fresh]).returns] == ["unchanged"]
    wb = load_workbook(fresh)
    put_under(wb.worksheets[0], "机构研究开发费用（万元）", "1300", 0)
    wb.save(fresh)
    changed = survey_import.preview(ledger, [fresh]).returns[0]
    assert changed.status == "changed"
    assert [(c.label, c.before, c.after) for c in changed.changes] == [
        ("研究开发机构 1：机构研究开发费用（万元）", "1234.5", "1300")]
    survey_import.apply(ledger, survey_import.preview(ledger, [fresh]))
    assert [r[0] for r in ledger.conn.execute("SELECT id FROM survey_institutions ORDER BY seq")] == ids
    assert surveys.find(ledger, eid, PERIOD).institutions[0].spending == 1300


def test_the_sent_workbook_is_a_form_to_fill(ledger, tmp_path):
    add_enterprise(ledger, 1)
    ws = load_workbook(export(ledger, code(1), tmp_path / "a.xlsx")).worksheets[0]
    assert ws.protection.sheet and not ws.protection.password
    r, c = find(ws, "研究开发机构及平台名称")
    assert ws.cell(r, c).protection.locked and not ws.cell(r, c + 2).protection.locked
    text = " ".join(str(v) for row in ws.iter_rows(max_row=5, values_only=True) for v in row if v)
    assert code(1) in text and "测试企业1有限公司" in text and "龙港镇" in text and "2026年10月" in text
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert kinds["list"].formula1 == '"✓"' and kinds["decimal"].formula1 == "0" and kinds["whole"].formula1 == "0"
    r, c = find(ws, "发表论文、著作")
    assert ws.cell(r, c - 1).coordinate in str(kinds["list"].sqref)
    assert sum(1 for row in ws.iter_rows(values_only=True) for v in row if v == "研究开发机构及平台名称") == 4
    meta = {row[0]: row[1] for row in load_workbook(tmp_path / "a.xlsx")["_meta"].iter_rows(values_only=True)}
    assert meta["form_id"] == "survey" and meta["enterprise"] == code(1) and meta["period"] == PERIOD
    assert load_workbook(tmp_path / "a.xlsx")["_meta"].sheet_state == "hidden"


def test_without_meta_sheet_the_layout_identifies_the_form(ledger, filled, tmp_path):
    eid, path = filled
    wb = load_workbook(path)
    del wb["_meta"]
    wb.create_sheet("说明").append(["这是企业自己加的工作表"])
    wb.save(path)
    pv = survey_import.preview(ledger, [path])
    assert not pv.refused and pv.returns[0].enterprise_id == eid


def _refusal(ledger, path) -> str:
    pv = survey_import.preview(ledger, [path])
    assert not pv.returns and len(pv.refused) == 1
    return pv.refused[0].error


def test_wrong_number_is_refused_naming_file_sheet_row_field(ledger, filled):
    _, path = filled
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    put_under(ws, "机构研究开发费用（万元）", "一百万", 0)
    row = find(ws, "机构研究开发费用（万元）")[0] + 1
    wb.save(path)
    before = file_state(ledger.path)
    msg = _refusal(ledger, path)
    assert "企业填报.xlsx" in msg and f"第 {row} 行" in msg and "机构研究开发费用（万元）" in msg and "一百万" in msg
    assert file_state(ledger.path) == before


@pytest.mark.parametrize("mark, words", [("可能", "勾选应为 ✓"), ("-5", "不能小于 0")])
def test_bad_tick_or_negative_figure(ledger, filled, mark, words):
    _, path = filled
    wb = load_workbook(path)
    if mark == "-5":
        put_under(wb.worksheets[0], "机构研究开发人员数量（人）", mark, 0)
    else:
        tick(wb.worksheets[0], 5, mark)
    wb.save(path)
    assert words in _refusal(ledger, path)


def test_unknown_enterprise_and_foreign_file(ledger, tmp_path):
    add_enterprise(ledger, 1)
    path = export(ledger, code(1), tmp_path / "a.xlsx")
    ledger.conn.execute("UPDATE enterprises SET uscc = ?", (code(2),))
    assert f"没有统一社会信用代码为 {code(1)}" in _refusal(ledger, path)
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["名称", "金额"])
    wb.save(tmp_path / "别的表.xlsx")
    assert "不是企业创新活动开展情况调查表" in _refusal(ledger, tmp_path / "别的表.xlsx")


def test_signed_off_period_is_replaced_only_when_asked(ledger, tmp_path):
    eid = add_enterprise(ledger, 1)
    add_return(ledger, eid, PERIOD, institutions=[INSTITUTION], activities=[1], evidence_files=1)
    signoff.confirm(ledger, eid, PERIOD, "材料齐全")
    path = export(ledger, code(1), tmp_path / "a.xlsx")
    wb = load_workbook(path)
    put_under(wb.worksheets[0], "机构研究开发费用（万元）", "999", 0)
    wb.save(path)
    pv = survey_import.preview(ledger, [path])
    assert pv.signed_off and pv.returns[0].status == "changed"
    assert survey_import.apply(ledger, pv).kept_signed_off == 1
    assert surveys.find(ledger, eid, PERIOD).institutions[0].spending == 100.5
    survey_import.apply(ledger, survey_import.preview(ledger, [path]), replace_signed_off=True)
    assert surveys.find(ledger, eid, PERIOD).institutions[0].spending == 999


def test_batch_table_folder_with_a_township_workbook(ledger, tmp_path):
    for n in (1, 2, 3):
        add_enterprise(ledger, n)
    folder = tmp_path / "收回"
    folder.mkdir()
    from desktop_app.services.printing import write_report

    write_report(ledger, "survey", "xlsx", folder / "龙港镇.xlsx", {"township": "龙港镇", "period": PERIOD})
    (folder / "坏文件.xlsx").write_bytes(b"not a workbook")
    (folder / "~$龙港镇.xlsx").write_bytes(b"lock")
    pv = survey_import.preview(ledger, [folder])
    assert [f.path.name for f in pv.files] == ["坏文件.xlsx", "龙港镇.xlsx"]
    assert len(pv.returns) == 3 and "坏文件.xlsx" in pv.refused[0].error
    with pytest.raises(UserError):
        survey_import.preview(ledger, [tmp_path / "空文件夹"]) if (tmp_path / "空文件夹").mkdir() is None else None


def test_an_inserted_block_and_blank_rows_read(ledger, filled):
    """A clerk inserts rows (Excel does not move the merges for openpyxl) and copies a block in by hand."""
    eid, path = filled
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    top = find(ws, "二、企业研究开发活动及相关情况")[0]
    ws.insert_rows(top, 5)
    ws.cell(top + 1, 1).value = "研究开发机构及平台名称"
    ws.cell(top + 1, 3).value = "第五个机构"
    ws.cell(top + 2, 1).value = "期末机构数（个）"
    ws.cell(top + 2, 4).value = "机构研究开发人员数量（人）"
    ws.cell(top + 3, 4).value = "７"
    wb.save(path)
    pv = survey_import.preview(ledger, [path])
    assert not pv.refused, pv.refused[0].error
    survey_import.apply(ledger, pv)
    insts = surveys.find(ledger, eid, PERIOD).institutions
    assert [(i.name, i.staff) for i in insts] == [("企业技术中心", 12), ("煤层气工程实验室", 3), ("第五个机构", 7)]


def test_a_stray_line_inside_a_section_is_refused(ledger, filled):
    _, path = filled
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    top = find(ws, "二、企业研究开发活动及相关情况")[0]
    ws.insert_rows(top, 1)
    ws.cell(top, 2).value = "另一个机构 20 人"
    wb.save(path)
    msg = _refusal(ledger, path)
    assert f"第 {top} 行" in msg and "不在任何栏目下" in msg
