"""The 工作任务清单 built from the seed: merges and cell contents as in 附件2."""

from desktop_app.reports.model import Span, validate
from desktop_app.reports.task_list import (
    FORM_ID,
    TaskListLine,
    build_task_list_form,
    split_names,
    task_list_spans,
)
from tests.reports.seed_task_list import seed_header


def test_seed_fixture_parses_the_whole_list(task_lines):
    assert len(task_lines) == 73
    assert sorted({ln.key_seq for ln in task_lines}) == list(range(1, 10))
    assert len({ln.task for ln in task_lines}) == 24
    assert all(ln.department and ln.section and ln.handler for ln in task_lines)
    assert "消费者权益保护和市场交易监督管理股" in {ln.section for ln in task_lines}


def test_form_shape(task_form, task_lines):
    validate(task_form)
    assert task_form.form_id == FORM_ID
    assert task_form.orientation == "landscape"
    assert [c.title for c in task_form.columns] == [
        "序号", "重点任务", "具体任务", "责任单位", "责任领导", "责任科室", "具体承办人",
    ]
    top = {h.text: h for h in task_form.header}
    assert (top["牵头部门及相关责任人"].row, top["牵头部门及相关责任人"].colspan) == (0, 4)
    assert all(top[t].rowspan == 2 for t in ("序号", "重点任务", "具体任务"))
    assert task_form.title == "贯彻落实《关于打造创新生态小气候的实施方案（试行）》工作任务清单"
    assert len(task_form.rows) == len(task_lines)


def test_key_task_and_task_merges(task_form, task_lines):
    spans = set(task_form.spans)
    for seq in range(1, 10):
        idx = [i for i, ln in enumerate(task_lines) if ln.key_seq == seq]
        if len(idx) > 1:
            assert Span(idx[0], 0, len(idx)) in spans
            assert Span(idx[0], 1, len(idx)) in spans
    first = [i for i, ln in enumerate(task_lines) if ln.task == "打造双创要素集聚平台"]
    assert Span(first[0], 2, 3) in spans


def test_unit_merged_over_its_lines_within_a_task(task_form, task_lines):
    idx = [i for i, ln in enumerate(task_lines)
           if ln.task == "推动跨区域协同创新" and ln.department == "县发改局"]
    assert len(idx) == 2
    assert Span(idx[0], 3, 2) in set(task_form.spans)
    handlers = [task_form.rows[i][6] for i in idx]
    assert handlers == ["刘海胜", "韩春彤"]


def test_same_unit_in_another_task_is_not_merged_across_tasks():
    lines = [
        TaskListLine(1, "甲行动", "任务一", "县发改局", "王 锋", "甲股", "张三"),
        TaskListLine(1, "甲行动", "任务二", "县发改局", "王 锋", "甲股", "张三"),
    ]
    spans = task_list_spans(lines)
    assert Span(0, 3, 2) not in spans
    assert Span(0, 0, 2) in spans and Span(0, 2, 2) not in spans


def test_several_names_print_one_per_line(task_form, task_lines):
    i = next(i for i, ln in enumerate(task_lines) if ln.leader == "刘建武 张 雁")
    assert task_form.rows[i][4] == "刘建武\n张 雁"
    assert task_form.rows[i][5] == "市场监管股\n技改与投资规划股"
    assert split_names("李宇鹏 崔亚鹏 王 英 李 健") == ["李宇鹏", "崔亚鹏", "王 英", "李 健"]
    assert split_names("王 锋") == ["王 锋"]


def test_header_furniture_and_meta():
    form = build_task_list_form([], seed_header(unit="龙港镇", period="2026年4月", date=None))
    assert form.unit == "龙港镇" and form.period == "2026年4月"
    assert form.furniture.unit == "龙港镇" and form.furniture.date is None
