"""resources/seeds/qinshui_tasks.csv against 000 附件2 (and the document body)."""

import re

import pytest

from tests.resources.seedtext import (
    CSV_HEADER,
    SEEDS_DIR,
    csv_rows,
    qinshui_annex2,
    qinshui_body,
    readme_count,
    squash,
)

COLUMNS = CSV_HEADER.split(",")
CN = "一二三四五六七八九"
SECTION_END = "股室部办组"


def normalise_section(cell: str) -> str:
    """README rule 4: keep a space only after a complete section name."""
    parts = cell.split(" ")
    out = [parts[0]]
    for part in parts[1:]:
        if out[-1] and out[-1][-1] in SECTION_END:
            out.append(part)
        else:
            out[-1] += part
    return " ".join(out)


def seed_table():
    """Read the printed table of 附件2 independently, applying the README rules."""
    rows, cur = [], {"序号": "", "重点任务": "", "具体任务": "", "责任单位": ""}
    for line in qinshui_annex2().splitlines()[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells[0] == "序号" or "责任单位" in cells:  # the repeated header block
            continue
        while cells and cells[-1] == "":
            cells.pop()
        assert len(cells) >= 4, line
        leader, section, handler = cells[-3:]
        unit = cells[-4]
        if len(cells) == 7:
            for col, cell in zip(("序号", "重点任务", "具体任务"), cells[:3], strict=True):
                if cell:
                    cur[col] = cell.replace(" ", "")
        if unit:
            cur["责任单位"] = unit.replace(" ", "")
        rows.append(
            {
                **cur,
                "责任领导": leader,
                "责任科室": normalise_section(section),
                "具体承办人": handler,
            }
        )
    return rows


@pytest.fixture(scope="module")
def rows():
    return csv_rows()


def test_header_exact():
    first = (SEEDS_DIR / "qinshui_tasks.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first == CSV_HEADER


def test_no_blank_cells(rows):
    for i, row in enumerate(rows, start=2):
        assert list(row) == COLUMNS
        for col in COLUMNS:
            assert row[col] and row[col] == row[col].strip(), (i, col)


def test_no_header_repeats(rows):
    for row in rows:
        assert row["责任单位"] != "责任单位" and row["序号"] != "序号"


def test_nine_key_tasks_in_order(rows):
    seqs = [r["序号"] for r in rows]
    blocks = [s for i, s in enumerate(seqs) if i == 0 or s != seqs[i - 1]]
    assert blocks == [str(i) for i in range(1, 10)]  # 1..9, each one contiguous block
    names = {}
    for r in rows:
        names.setdefault(r["序号"], set()).add(r["重点任务"])
    assert all(len(v) == 1 for v in names.values())


def test_key_tasks_are_body_headings(rows):
    body = qinshui_body()
    for r in rows:
        n = int(r["序号"])
        heading = f"（{CN[n - 1]}）{r['重点任务']}"
        assert re.search(r"^#*\s*" + re.escape(heading) + r"\s*$", body, re.M), heading


def test_concrete_tasks_are_bold_lead_ins_of_their_action(rows):
    """Each 具体任务 opens a paragraph ("打造双创要素集聚平台。…") under its own action."""
    body = qinshui_body()
    heads = [re.search(r"^#*\s*（" + CN[i] + r"）", body, re.M).start() for i in range(9)]
    heads.append(body.index("三、保障措施"))
    for task in dict.fromkeys(r["具体任务"] for r in rows):
        m = re.search(r"^" + re.escape(task) + "。", body, re.M)
        assert m, task
        n = int(next(r["序号"] for r in rows if r["具体任务"] == task))
        assert heads[n - 1] < m.start() < heads[n], task


def test_rows_equal_printed_table(rows):
    """Every printed line with people in it is one CSV row, same order, same cells."""
    assert rows == seed_table()


def test_cells_occur_in_annex2(rows):
    annex = qinshui_annex2()
    for r in rows:
        for col in ("责任单位", "责任领导", "具体承办人"):
            assert r[col] in annex, (col, r[col])
        assert squash(r["责任科室"]) in squash(annex), r["责任科室"]
        for section in r["责任科室"].split(" "):
            assert section[-1] in SECTION_END, section
            assert section in squash(annex)


def test_wrap_spaces_removed_padding_kept(rows):
    units = {r["责任单位"] for r in rows}
    tasks = {r["具体任务"] for r in rows}
    keys = {r["重点任务"] for r in rows}
    assert not any(" " in s for s in units | tasks | keys)
    assert "推进规上工业企业创新活动全覆盖" in tasks
    assert "全面提升城市对创新要素的吸引力" in tasks
    assert "创新主体壮大行动" in keys
    sections = {r["责任科室"] for r in rows}
    assert "消费者权益保护和市场交易监督管理股" in sections
    assert "煤炭行管股 煤层气行管股" in sections
    leaders = {r["责任领导"] for r in rows}
    handlers = {r["具体承办人"] for r in rows}
    assert {"王 锋", "张 雁", "刘建武 张 雁", "张雁 刘卫东"} <= leaders
    assert {"王 慧", "李宇鹏 崔亚鹏 王 英 李 健", "高 晋 张军霞", "高晋 张军霞"} <= handlers


def test_odd_lines(rows):
    def lines(task):
        return [(r["责任单位"], r["责任领导"]) for r in rows if r["具体任务"] == task]

    assert lines("推动跨区域协同创新") == [
        ("县发改局", "王 锋"),
        ("县发改局", "郜进龙"),
        ("县工信局", "刘建武 张 雁"),
    ]
    assert lines("加大科技成果转移转化承接力度") == [
        ("县教育局", "郝金龙"),
        ("县工信局", "张 雁"),
        ("县发改局", "王 锋"),
        ("县发改局", "郜进龙"),
        ("县能源局", "刘修瑜"),
    ]


def test_counts_match_readme(rows):
    assert len({r["重点任务"] for r in rows}) == readme_count("key tasks") == 9
    assert len({r["具体任务"] for r in rows}) == readme_count("concrete tasks")
    assert len(rows) == readme_count("assignment lines")
    assert len({r["责任单位"] for r in rows}) == readme_count("distinct responsible units")


def test_people_lines_in_seed_all_represented(rows):
    """Count independently: printed lines of 附件2 that name a 具体承办人."""
    printed = [
        line
        for line in qinshui_annex2().splitlines()[1:]
        if line.strip() and not line.startswith("序号") and "责任单位" not in line
    ]
    assert len(printed) == len(rows)
