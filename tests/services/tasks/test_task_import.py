"""Task-sheet import: a preview with row-level errors; all or nothing."""

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.errors import UserError
from desktop_app.services import printing, seed, tasks
from desktop_app.services.ledger import open_ledger
from desktop_app.services.tasks import task_import, task_template
from tests.conftest import file_state
from tests.services.tasks.sheets import COLS, seed_rows, task_sheet

DOC = {"doc_no": "沁办发〔2026〕9号", "title": "测试实施方案", "issuer": "中共沁水县委办公室", "issued_on": "2026-03-01"}


def lines_as_seed(preview):
    return [(str(x.key_seq), x.key_task, x.task, x.department, x.leader, x.section, x.handler) for x in preview.lines]


def test_seed_layout_with_merges_and_repeated_headers_reads_like_the_seed(tmp_path):
    path = task_sheet(tmp_path / "附件2.xlsx", repeat_header_every=20)
    ws = load_workbook(path).active
    assert sum(1 for row in ws.iter_rows(values_only=True) if row[0] == "序号") == 4  # header printed 4 times
    preview = task_import.read_sheet(path)
    assert preview.errors == []
    assert lines_as_seed(preview) == [tuple(r.values()) for r in seed_rows()]
    assert preview.counts() == {"key_tasks": 9, "tasks": 24, "assignments": 71, "lines": 73}
    assert preview.title == "关于打造创新生态小气候的实施方案（试行）"


def test_good_sheet_imports_a_tree_like_the_builtin_one(ledger, tmp_path):
    preview = task_import.read_sheet(task_sheet(tmp_path / "t.xlsx"))
    doc_id = task_import.import_tasks(ledger, preview, DOC)
    node = next(d for d in tasks.tree(ledger) if d.id == doc_id)
    assert node.doc_no == "沁办发〔2026〕9号" and node.counts() == (9, 24, 71)
    first = node.key_tasks[0].tasks[0]
    assert [(a.department, a.role) for a in first.assignments] == [
        ("县发改局", "lead"), ("县教育局", "support"), ("沁水经济技术开发区", "support")]
    # a unit with two lines under one task is one assignment with two contact lines
    cross = next(t for k in node.key_tasks for t in k.tasks if t.name == "推动跨区域协同创新")
    assert cross.assignments[0].contacts == [("王 锋", "农业经济和社会事业股", "刘海胜"),
                                             ("郜进龙", "工交能源和城环股", "韩春彤")]
    with pytest.raises(UserError, match="已在台账中"):
        task_import.import_tasks(ledger, preview, DOC)


def test_exported_task_list_reads_back(demo_ledger, tmp_path):
    out = printing.write_report(demo_ledger, "task-list", "xlsx", tmp_path / "清单.xlsx")
    preview = task_import.read_sheet(out)
    assert preview.errors == []
    assert lines_as_seed(preview) == [tuple(r.values()) for r in seed.task_lines()]


def test_template_has_the_layout_and_reads_back_once_filled(ledger, tmp_path):
    path = task_template.write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    for name in COLS + ("牵头部门及相关责任人",):
        assert name in values
    assert any(str(v).startswith("填写说明") for v in values)
    empty = task_import.read_sheet(path)
    assert not empty.ok and "没有任务行" in empty.error_text()
    header_row = next(r for r in range(1, 10) if ws.cell(r, 4).value == "责任单位")
    for c, v in enumerate((1, "科技创新行动", "建设孵化器", "县教育局", "郝金龙", "科技业务股", "王 慧"), start=1):
        ws.cell(header_row + 1, c, v)
    ws.cell(header_row + 2, 4, "县工信局")
    ws.cell(header_row + 2, 5, "张 雁")
    wb.save(path)
    preview = task_import.read_sheet(path)
    assert preview.errors == [] and preview.counts() == {"key_tasks": 1, "tasks": 1, "assignments": 2, "lines": 2}
    assert preview.title == ""  # the template's placeholder title is not a title


def _import_fails_and_writes_nothing(ledger, preview):
    before = file_state(ledger.path)
    with pytest.raises(UserError, match="未导入"):
        task_import.import_tasks(ledger, preview, DOC)
    assert file_state(ledger.path) == before


def test_missing_columns(ledger, tmp_path):
    path = task_sheet(tmp_path / "缺列.xlsx", cols=("序号", "重点任务", "具体任务", "责任单位", "责任领导"))
    preview = task_import.read_sheet(path)
    assert [e.text() for e in preview.errors] == ["第 4 行：表头缺少列：责任科室、具体承办人"]
    _import_fails_and_writes_nothing(ledger, preview)


def test_merged_block_without_a_unit(ledger, tmp_path):
    rows = seed_rows()[:7]
    for r in rows[3:4]:  # 打造创新发展先行区: its only line loses its unit
        r["责任单位"] = ""
    for r in rows[4:7]:  # 夯实基层创新基础: a merged task block with no unit and no people at all
        r.update({"责任单位": "", "责任领导": "", "责任科室": "", "具体承办人": ""})
    path = task_sheet(tmp_path / "无单位.xlsx", rows)
    preview = task_import.read_sheet(path)
    texts = [e.text() for e in preview.errors]
    assert "第 8 行“责任单位”：具体任务“打造创新发展先行区”没有填写责任单位" in texts
    assert "第 9 行“责任单位”：具体任务“夯实基层创新基础”没有填写责任单位" in texts
    assert len(preview.errors) == 4  # rows 8, 9, 10, 11
    assert {e.row for e in preview.errors} == {8, 9, 10, 11}
    _import_fails_and_writes_nothing(ledger, preview)


def test_empty_file_and_empty_workbook(ledger, tmp_path):
    zero = tmp_path / "空文件.xlsx"
    zero.write_bytes(b"")
    preview = task_import.read_sheet(zero)
    assert preview.error_text() == "文件是空的（0 字节）：空文件.xlsx"
    _import_fails_and_writes_nothing(ledger, preview)
    blank = tmp_path / "空表.xlsx"
    Workbook().save(blank)
    assert task_import.read_sheet(blank).error_text() == "“空表.xlsx”里没有任何内容"


def test_xls_renamed_to_xlsx(ledger, tmp_path):
    fake = tmp_path / "旧版.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)  # an OLE2 (Excel 97-2003) file
    preview = task_import.read_sheet(fake)
    assert "Excel 97-2003" in preview.error_text() and "另存为" in preview.error_text()
    _import_fails_and_writes_nothing(ledger, preview)
    junk = tmp_path / "坏文件.xlsx"
    junk.write_text("序号,重点任务", encoding="utf-8")
    assert "不是有效的 Excel 工作簿" in task_import.read_sheet(junk).error_text()


@pytest.mark.parametrize("edit, message", [
    (lambda rows: rows[0].update({"序号": "一a"}), "第 5 行“序号”：序号应为正整数，现为“一a”"),
    (lambda rows: rows[0].update({"序号": "0"}), "第 5 行“序号”：序号应为正整数，现为“0”"),
    (lambda rows: rows[0].update({"重点任务": ""}), "第 5 行“重点任务”：没有重点任务"),
    (lambda rows: rows[1].update({"具体任务": "x" * 201}), "第 6 行“具体任务”：内容过长（201 字，最多 200 字）"),
])
def test_row_level_messages(tmp_path, edit, message):
    rows = [dict(r, 具体任务=f"任务{i}") for i, r in enumerate(seed_rows()[:3])]  # one line per task: no merges
    edit(rows)
    preview = task_import.read_sheet(task_sheet(tmp_path / "x.xlsx", rows))
    assert any(e.text().startswith(message) for e in preview.errors), preview.error_text()


def test_same_number_for_two_key_tasks(tmp_path):
    rows = seed_rows()[:8]
    for r in rows[7:]:
        r["序号"] = "1"  # key task 2 printed with 序号 1
    preview = task_import.read_sheet(task_sheet(tmp_path / "x.xlsx", rows))
    assert "序号 1 已用于“创新载体建设行动”" in preview.error_text()


def test_import_into_a_listed_document_without_tasks(ledger, tmp_path):
    seed.load_builtin(ledger)
    doc_004 = ledger.conn.execute("SELECT id, doc_no FROM documents WHERE seed_key = '004'").fetchone()
    preview = task_import.read_sheet(task_sheet(tmp_path / "t.xlsx", seed_rows()[:7]))
    assert task_import.import_tasks(ledger, preview, {"doc_no": doc_004[1], "title": "忽略"}) == doc_004[0]


@pytest.mark.parametrize("text, n", [("1", 1), ("12.", 12), ("3、", 3), ("三", 3), ("十", 10), ("十二", 12),
                                     ("二十一", 21), ("一a", None), ("", None)])
def test_key_task_numbers(text, n):
    assert task_import._seq(text) == n


def test_cli_import_tasks(ledger, tmp_path, capsys):
    from desktop_app import cli

    rows = seed_rows()[:7]
    rows[3]["责任单位"] = ""
    bad = task_sheet(tmp_path / "bad.xlsx", rows)
    before = file_state(ledger.path)
    assert cli.run(["--db", str(ledger.path), "import-tasks", str(bad), "--doc-no", "沁测〔2026〕3号"]) == 2
    out = capsys.readouterr()
    assert "第 8 行“责任单位”：具体任务“打造创新发展先行区”没有填写责任单位" in out.out
    err = out.err.strip()
    assert len(err.splitlines()) == 1 and "没有填写责任单位" in err and "第 8 行" in err and "bad.xlsx" in err
    assert err.endswith("未导入任何数据")
    assert file_state(ledger.path) == before
    good = task_sheet(tmp_path / "good.xlsx", seed_rows()[:7])
    assert cli.run(["--db", str(ledger.path), "import-tasks", str(good), "--dry-run"]) == 0
    assert file_state(ledger.path) == before
    args = ["--db", str(ledger.path), "import-tasks", str(good), "--doc-no", "沁测〔2026〕3号"]
    assert cli.run(args) == 2  # the fixture holds the ledger open for writing: one writer at a time
    assert "不能同时修改" in capsys.readouterr().err
    ledger.close()
    assert cli.run(args) == 0
    assert "已导入" in capsys.readouterr().out
    ledger = open_ledger(ledger.path, write=False)
    n = ledger.conn.execute("SELECT COUNT(*) FROM assignments WHERE deleted_at IS NULL").fetchone()[0]
    assert n == 7
    assert cli.run(["--db", str(ledger.path), "task-template", "--out", str(tmp_path / "模板.xlsx")]) == 0
    assert (tmp_path / "模板.xlsx").exists()


def test_task_list_prints_every_document_with_tasks(demo_ledger, tmp_path):
    preview = task_import.read_sheet(task_sheet(tmp_path / "t.xlsx", seed_rows()[:7], title="新的实施方案"))
    task_import.import_tasks(demo_ledger, preview, {**DOC, "title": "新的实施方案"})
    out = printing.write_report(demo_ledger, "task-list", "xlsx", tmp_path / "清单.xlsx")
    wb = load_workbook(out)
    titles = [ws.cell(1, 1).value for ws in wb.worksheets if ws.title != "_meta"]
    assert titles == ["贯彻落实《新的实施方案》工作任务清单",
                      "贯彻落实《关于打造创新生态小气候的实施方案（试行）》工作任务清单"]


def test_cancelled_import_writes_nothing_and_reports_progress(ledger, tmp_path):
    from desktop_app.errors import Cancelled

    preview = task_import.read_sheet(task_sheet(tmp_path / "t.xlsx"))
    tables = ("documents", "key_tasks", "tasks", "assignments", "assignment_contacts", "units", "audit_log")

    def counts():
        return [ledger.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]

    before = counts()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 40  # the clerk presses 取消 part-way

    with pytest.raises(Cancelled):
        task_import.import_tasks(ledger, preview, DOC, progress)
    assert seen[0] == (0, 73) and seen[-1][0] >= 40
    assert counts() == before
    assert not any(d.doc_no == DOC["doc_no"] for d in tasks.tree(ledger))


def test_every_imported_row_has_its_own_audit_row(ledger, tmp_path):
    preview = task_import.read_sheet(task_sheet(tmp_path / "t.xlsx"))
    task_import.import_tasks(ledger, preview, DOC)
    for table in ("key_tasks", "tasks", "assignments", "assignment_contacts"):
        rows = {r[0] for r in ledger.conn.execute(f"SELECT id FROM {table} WHERE deleted_at IS NULL"
                                                  if table != "assignment_contacts" else f"SELECT id FROM {table}")}
        logged = {r[0] for r in ledger.conn.execute(
            "SELECT row_id FROM audit_log WHERE table_name = ? AND action = 'insert'", (table,))}
        assert rows and rows <= logged, table
