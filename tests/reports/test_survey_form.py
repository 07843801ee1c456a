"""附件3 printed from plain data: every label and answer on the page, blocks repeated, long text kept."""

import re
import subprocess

from openpyxl import load_workbook

from desktop_app.domain.survey import (
    INSTITUTION_FIELDS,
    PROJECT_FIELDS,
    Institution,
    Project,
    SurveyReturn,
)
from desktop_app.reports import read_meta
from desktop_app.reports.grid_form import GridBatch
from desktop_app.reports.pdf_grid_form import write_grid_pdf
from desktop_app.reports.survey_form import SurveyPrint, build_survey_form
from desktop_app.reports.xlsx_grid_form import write_grid_xlsx
from desktop_app.services import catalogs

NAMES = tuple(catalogs.other_activities())


def _text(path, page=None):
    args = ["pdftotext"] + (["-f", str(page), "-l", str(page)] if page else [])
    return re.sub(r"\s+", "", subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                                             check=True).stdout)


def _pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def sample(**changes) -> SurveyPrint:
    ret = SurveyReturn(
        enterprise_id="e1", period="2024-05",
        institutions=(Institution("煤层气开发利用技术中心", "山西省工业和信息化厅", "煤层气抽采", 1, 23, 456.78, 1234.5),
                      Institution("瓦斯治理实验室", "企业自建", "瓦斯治理", 2, 8, 12.0, 30.0)),
        projects=(Project("低渗透煤层增透技术研究", "晋市科字〔2024〕5号", 6, 40.25, 10.0),),
        directions={"innovation_input": "全年研发投入 509 万元", "tech_cooperation": "与太原理工大学共建实验室"},
        other_activities=(1, 11, 14), filled_by="王会计", phone="0356-7021234", filled_on="2024-06-01")
    base = dict(enterprise="山西蓝焰煤层气集团有限责任公司", uscc="91140521MA0K3F2L1W", county="沁水县",
                industry="煤层气", period="2024-05", ret=ret, activity_names=NAMES, evidence=("批复.pdf",))
    return SurveyPrint(**{**base, **changes})


def test_every_label_and_answer_printed(tmp_path):
    out = write_grid_pdf(build_survey_form(sample()), tmp_path / "s.pdf")
    text = _text(out)
    for words in ("附件3", "企业创新活动开展情况调查表", "企业全称（盖章）：山西蓝焰煤层气集团有限责任公司",
                  "所属县（市、区）：沁水县", "所属行业：煤层气", "报送期：2024年5月", "一、企业研究开发机构情况",
                  "二、企业研究开发活动及相关情况", "三、企业创新相关活动开展情况", "煤层气开发利用技术中心",
                  "瓦斯治理实验室", "456.78", "1234.50", "晋市科字〔2024〕5号", "40.25", "全年研发投入509万元",
                  "印证材料：共1份（批复.pdf）", "填表人：王会计", "填表日期：2024年6月1日"):
        assert words in text, words
    for _, label, _ in INSTITUTION_FIELDS + PROJECT_FIELDS:
        assert text.count(label) >= 1, label
    assert text.count("研究开发机构及平台名称") == 2        # one block per institution
    for name in NAMES:
        assert name.replace(" ", "") in text, name
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts


def test_one_institution_one_project_fits_one_page(tmp_path):
    ret = sample().ret
    one = sample(ret=SurveyReturn(**{**ret.__dict__, "institutions": ret.institutions[:1]}))
    assert _pages(write_grid_pdf(build_survey_form(one), tmp_path / "one.pdf")) == 1


def test_blank_form_leaves_room_and_two_blocks(tmp_path):
    out = write_grid_pdf(build_survey_form(sample(ret=None, evidence=())), tmp_path / "b.pdf")
    text = _text(out)
    assert text.count("研究开发机构及平台名称") == 2 and text.count("研发项目名称") == 2
    assert "请随表附研发机构批准文件" in text and "填表人：" in text


def test_long_answer_runs_over_pages_without_loss(tmp_path):
    long = "".join(f"第{i}项：开展煤层气高效抽采关键技术攻关，完成现场试验。" for i in range(1, 121))
    ret = sample().ret
    form = build_survey_form(sample(ret=SurveyReturn(**{**ret.__dict__, "directions": {"tech_rd": long}})))
    out = write_grid_pdf(form, tmp_path / "long.pdf")
    assert _pages(out) >= 3
    text = _text(out)
    for i in (1, 60, 120):
        assert f"第{i}项" in text
    assert text.count("技术研发") >= 2  # the caption repeats on the continuation


def test_batch_restarts_page_numbers_and_xlsx_has_a_sheet_each(tmp_path):
    forms = GridBatch(3, lambda i: build_survey_form(sample(enterprise=f"企业{i}有限公司")))
    seen = []
    out = write_grid_pdf(forms, tmp_path / "batch.pdf", lambda done, total: seen.append((done, total)) or True)
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    per = _pages(out) // 3
    assert per >= 1 and _pages(out) == 3 * per
    assert f"—{per + 1}—" in _text(out, per + 1) and f"—{2 * per + 1}—" in _text(out, 2 * per + 1)  # one sequence
    assert "企业2有限公司" in _text(out)
    x = write_grid_xlsx(forms, tmp_path / "batch.xlsx")
    wb = load_workbook(x)
    assert wb.sheetnames[:3] == ["企业0有限公司", "企业1有限公司", "企业2有限公司"]
    ws = wb.worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert 456.78 in values and 1234.5 in values and "煤层气开发利用技术中心" in values
    checks = next(v for v in values if isinstance(v, str) and v.startswith(("☑", "□")))
    assert checks.splitlines()[0] == "☑ 成立企业内部研究机构、创新管理部门"
    assert checks.splitlines()[1].startswith("□")
    money = next(c for row in ws.iter_rows() for c in row if c.value == 456.78)
    assert money.number_format == "0.00"
    assert read_meta(x)["form_id"] == "survey"


def test_cancel_leaves_no_file(tmp_path):
    import pytest

    from desktop_app.errors import Cancelled

    forms = GridBatch(5, lambda i: build_survey_form(sample()))
    with pytest.raises(Cancelled):
        write_grid_pdf(forms, tmp_path / "c.pdf", lambda done, total: done < 2)
    assert list(tmp_path.iterdir()) == []
