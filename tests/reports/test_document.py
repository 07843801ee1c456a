"""公文 layout: the grid, the 版头 and 版记, attachments on their own pages."""

import pytest
from reportlab.lib.units import mm

from desktop_app.reports import fonts
from desktop_app.reports.document import write_document_pdf
from desktop_app.reports.pdf_grid import GridParagraph
from desktop_app.reports.pdf_page import CHARS_PER_LINE, DOC_TEXT_H, DOC_TEXT_W, LINE, PITCH
from tests.reports.conftest import pdf_fonts, pdf_page_sizes, pdf_pages, pdf_text
from tests.reports.samples import sample_brief


def test_grid_is_28_by_22():
    assert PITCH * 28 == pytest.approx(156 * mm)
    assert LINE * 22 == pytest.approx(225 * mm)
    assert (DOC_TEXT_W, DOC_TEXT_H) == (pytest.approx(156 * mm), pytest.approx(225 * mm))


def test_grid_paragraph_holds_28_characters_a_line():
    body = fonts.font_name(fonts.BODY)
    text = "创新生态" * 15  # 60 Han characters
    p = GridParagraph([(text, body)], first_indent=0)
    p.wrap(DOC_TEXT_W, 1000)
    assert [len("".join(line)) for line in p.lines] == [28, 28, 4]
    p = GridParagraph([(text, body)])  # first line indented two characters
    p.wrap(DOC_TEXT_W, 1000)
    assert len("".join(p.lines[0])) == CHARS_PER_LINE - 2


def test_grid_paragraph_keeps_punctuation_off_the_line_start():
    body = fonts.font_name(fonts.BODY)
    text = "创" * 28 + "，" + "新" * 10
    p = GridParagraph([(text, body)], first_indent=0)
    p.wrap(DOC_TEXT_W, 1000)
    assert all(line[0] not in "，。、；：" for line in p.lines)
    pieces = p.split(DOC_TEXT_W, LINE * 1.5)
    assert len(pieces) == 2 and pieces[0].wrap(DOC_TEXT_W, 1000)[1] == pytest.approx(LINE)


@pytest.fixture(scope="module")
def brief_pdf(task_form, out_dir):
    return write_document_pdf(sample_brief(task_form), out_dir / "brief.pdf")


def test_brief_reads_like_a_document(brief_pdf):
    first = pdf_text(brief_pdf, 1)
    assert "沁水县创新生态建设领导小组办公室文件" in first
    assert "沁创领办〔2026〕3号" in first
    assert "2026年2月创新生态建设工作调度情况的通报" in first
    assert "各乡（镇）人民政府" in first
    text = pdf_text(brief_pdf)
    assert "附件：贯彻落实《关于打造创新生态小气候的实施方案（试行）》工作任务清单" in text
    assert "2026年3月5日" in text


def test_attachments_landscape_and_numbered_on(brief_pdf):
    pages = pdf_pages(brief_pdf)
    sizes = pdf_page_sizes(brief_pdf)
    assert (round(sizes[0][0]), round(sizes[0][1])) == (595, 842)
    assert (round(sizes[2][0]), round(sizes[2][1])) == (842, 595)
    assert "附件" in pdf_text(brief_pdf, 3) and "牵头部门及相关责任人" in pdf_text(brief_pdf, 3)
    for n in range(1, pages + 1):
        assert f"—{n}—" in pdf_text(brief_pdf, n)
    last = pdf_text(brief_pdf, pages)
    assert "抄送：县委办公室" in last and "2026年3月5日印发" in last
    assert (round(sizes[-1][0]), round(sizes[-1][1])) == (595, 842)


def test_brief_fonts_embedded(brief_pdf):
    for row in pdf_fonts(brief_pdf):
        assert row["emb"] == "yes" and "Helvetica" not in row["name"], row["line"]


def test_brief_without_attachments_keeps_banji_on_the_body_page(tmp_path):
    path = write_document_pdf(sample_brief(), tmp_path / "plain.pdf")
    pages = pdf_pages(path)
    last = pdf_text(path, pages)
    assert "沁水县创新生态建设领导小组办公室" in last and "印发" in last
    assert "附件" not in pdf_text(path)
