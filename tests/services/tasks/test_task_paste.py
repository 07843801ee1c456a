"""Task rows copied from Excel and pasted into the import preview: the same checks as a workbook (issue 15)."""

from desktop_app.services.tasks import task_import, task_paste
from tests.services.tasks.sheets import seed_rows


def _tsv(rows, header=True) -> str:
    cols = task_import.COLUMNS
    lines = (["\t".join(cols)] if header else []) + ["\t".join(r.get(c, "") for c in cols) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def test_pasted_rows_with_or_without_their_header_read_as_the_workbook_does():
    rows = seed_rows()[:7]
    for header in (True, False):
        p = task_paste.read_pasted(_tsv(rows, header))
        assert p.ok and p.counts()["lines"] == 7, (header, [e.text() for e in p.errors])
        assert [v[task_import.UNIT] for _, v in p.rows] == [r[task_import.UNIT] for r in rows]


def test_a_pasted_problem_is_named_and_nothing_is_evaluated():
    rows = seed_rows()[:3]
    rows[2] = {**rows[2], task_import.HANDLER: "=cmd|' /C calc'!A0"}
    p = task_paste.read_pasted(_tsv(rows))
    assert p.ok and p.rows[2][1][task_import.HANDLER] == "=cmd|' /C calc'!A0"  # text as typed, never a formula
    short = _tsv(rows).replace("\t" + task_import.LEADER, "\t领导", 1)  # a header with a column renamed
    p = task_paste.read_pasted(short)
    assert not p.ok and any(task_import.LEADER in e.text() for e in p.errors)


def test_an_empty_clipboard_says_what_to_do():
    p = task_paste.read_pasted("\r\n\t\r\n")
    assert not p.ok and "在 Excel 中选中任务行后复制" in p.errors[0].text()
