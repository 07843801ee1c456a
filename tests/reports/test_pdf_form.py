"""PDF output of table forms, checked through poppler like a reviewer would."""

import errno
import os
import re
import time

import pytest

from desktop_app.errors import UserError
from desktop_app.reports.model import Cancelled, Column, Span, TableForm
from desktop_app.reports.pdf_form import write_pdf
from tests.reports.conftest import (
    pdf_fonts,
    pdf_page_sizes,
    pdf_pages,
    pdf_text,
)
from tests.reports.samples import amounts_form


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_every_task_and_handler_is_printed(task_pdf, task_lines):
    text = pdf_text(task_pdf)
    for ln in task_lines:
        assert squash(ln.task) in text
        assert squash(ln.department) in text
        for name in ln.handler.split():
            assert name in text


def test_all_fonts_embedded_no_base14(task_pdf):
    rows = pdf_fonts(task_pdf)
    assert rows
    for row in rows:
        assert row["emb"] == "yes", row["line"]
        assert not re.search(r"Helvetica|Times|Courier|Symbol|Dingbats", row["name"]), row["line"]


def test_landscape_a4_with_page_numbers(task_pdf):
    pages = pdf_pages(task_pdf)
    assert pages >= 3
    for w, h in pdf_page_sizes(task_pdf):
        assert (round(w), round(h)) == (842, 595)
    for n in range(1, pages + 1):
        assert f"—{n}—" in pdf_text(task_pdf, n)


def test_header_and_merged_key_task_repeat_on_every_page(task_pdf, task_lines):
    key_tasks = {ln.key_task for ln in task_lines}
    for n in range(1, pdf_pages(task_pdf) + 1):
        text = pdf_text(task_pdf, n)
        assert "牵头部门及相关责任人" in text and "具体承办人" in text
        assert any(k in text for k in key_tasks), f"page {n} lost its 重点任务"


def test_title_and_furniture(task_pdf):
    first = pdf_text(task_pdf, 1)
    assert "附件2" in first
    assert "贯彻落实《关于打造创新生态小气候的实施方案（试行）》工作任务清单" in first
    assert "填报单位（盖章）：沁水县创新生态建设领导小组办公室" in first
    last = pdf_text(task_pdf, pdf_pages(task_pdf))
    assert "填报人：" in last and "填报日期：2026年3月31日" in last


def spanning_form(n_rows: int) -> TableForm:
    cols = (Column("g", "分组", width=1), Column("n", "序号", kind="int"),
            Column("t", "内容", width=4, align="left"))
    rows = [("跨页合并的分组甲" if i == 0 else "", i + 1, f"第{i + 1}行内容") for i in range(n_rows)]
    return TableForm("span-test", "1", "跨页合并测试表", cols, rows=rows,
                     spans=(Span(0, 0, n_rows),))


def test_span_crossing_a_page_break_prints_on_both_pages(tmp_path):
    path = write_pdf(spanning_form(60), tmp_path / "span.pdf")
    assert pdf_pages(path) >= 2
    for n in (1, 2):
        assert "跨页合并的分组甲" in pdf_text(path, n)
    assert "第60行内容" in pdf_text(path)


def test_a_row_taller_than_a_page_is_continued_not_cut(tmp_path):
    long = "".join(f"第{i}句创新生态建设工作内容。" for i in range(400))
    form = TableForm("tall", "1", "超长单元格", (Column("a", "说明"),), rows=[(long,)])
    path = write_pdf(form, tmp_path / "tall.pdf")
    assert pdf_pages(path) >= 3
    text = pdf_text(path)
    assert "第0句" in text and "第399句创新生态建设工作内容。" in text


def test_totals_and_number_formats(tmp_path):
    form = amounts_form(10)
    path = write_pdf(form, tmp_path / "amounts.pdf")
    text = pdf_text(path)
    spend = sum(row[5] for row in form.rows)
    assert "合计" in text and f"{spend:.2f}" in text
    assert "0.10%" in text and "120.50" in text and "10.00" in text


def test_batch_numbers_pages_once_through_the_file_and_is_quick(tmp_path):
    forms = [amounts_form(3) for _ in range(150)]
    t = time.perf_counter()
    path = write_pdf(forms, tmp_path / "batch.pdf")
    assert time.perf_counter() - t < 10
    assert pdf_pages(path) == 150
    assert "—150—" in pdf_text(path, 150) and "—1—" not in pdf_text(path, 150)


def test_cancel_leaves_no_file(tmp_path):
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 3

    with pytest.raises(Cancelled):
        write_pdf([amounts_form(3) for _ in range(10)], tmp_path / "c.pdf", progress)
    assert calls[0] == (0, 10)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_total(tmp_path):
    calls = []
    write_pdf([amounts_form(2)] * 3, tmp_path / "p.pdf", lambda d, t: calls.append((d, t)) or True)
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_read_only_folder_raises_user_error(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):  # running as root: simulate the OS refusing
            import tempfile

            def refuse(*a, **k):
                raise PermissionError(errno.EACCES, "Permission denied")

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        with pytest.raises(UserError) as err:
            write_pdf(amounts_form(2), folder / "x.pdf")
        assert "没有写入权限" in str(err.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_an_empty_form_still_prints_its_header(tmp_path):
    form = amounts_form(0)
    path = write_pdf(form, tmp_path / "empty.pdf")
    text = pdf_text(path)
    assert "研究开发活动情况" in text and "合计" in text and "—1—" in text
