"""Demo for the 任务 tab: evidence on progress entries and 督办事项 at every stage of 13710.

The two months of progress entries themselves come from ``activity``; this
step adds what the clerk checks them against: scanned minutes and plans on
some entries, and supervision items that are on time, due soon, overdue,
closed and closed late, relative to the demo's "today".
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from desktop_app.services import evidence
from desktop_app.services.demo_steps import DemoContext
from desktop_app.services.ledger import Ledger

ORDER = 20

# (title, detail, unit, task, major, assigned days ago, plan / progress / closed days after assignment,
#  written timeline days after assignment, close note)
_ITEMS = (
    ("督促未开展研发活动的规上企业建立研发机构", "对照规上工业企业名单，逐户明确帮扶责任人，本月内建立研发机构或开展研发活动。",
     "县工信局", "推进规上工业企业创新活动全覆盖", False, 2, (0, None, None), None, ""),
    ("高新技术企业培育库入库企业申报材料把关", "组织专家对拟申报企业的研发费用归集、知识产权等材料逐项审核。",
     "县教育局", "培育高新技术企业", False, 10, (0, 3, None), None, ""),
    ("煤层气检验检测平台建设进度滞后问题", "协调场地和设备采购，倒排工期，形成书面推进方案。",
     "县能源局", "建设一批公共服务平台", True, 20, (0, 2, None), None, ""),
    ("5G智能矿山联合创新实验室建设", "推动沁和能源集团与晋城移动公司签订合作协议，明确建设内容和时间节点。",
     "县工信局", "支持企业建设研发机构", True, 40, (0, 3, None), 100, ""),
    ("科技特派员选派到位情况核查", "核对各乡（镇）科技特派员到岗和服务记录。",
     "县教育局", "夯实基层创新基础", False, 25, (0, 2, 5), None, "已逐乡核查，科技特派员全部到岗，服务记录齐全。"),
    ("“晋兴版”挂牌后备企业筛选", "会同县财政局筛选1-2家企业，做好挂牌辅导。",
     "县金融办", "加强金融支持", False, 35, (1, 5, 10), None, "已筛选2家后备企业并报送市金融办。"),
)


def _pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF standing in for a scanned document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.reports import fonts

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setFont(fonts.font_name(fonts.TITLE), 20)
    c.drawCentredString(A4[0] / 2, A4[1] - 90, title)
    c.setFont(fonts.font_name(fonts.BODY), 14)
    for i, text in enumerate(lines):
        c.drawString(80, A4[1] - 140 - i * 26, text)
    c.drawString(80, 80, "（演示台账示例材料）")
    c.save()
    return buf.getvalue()


def _add_evidence(ledger: Ledger, period: str) -> None:
    entries = ledger.conn.execute(
        "SELECT p.id, t.name, d.name, p.status FROM progress_entries p JOIN assignments a ON a.id = p.assignment_id "
        "JOIN tasks t ON t.id = a.task_id JOIN departments d ON d.id = a.department_id "
        "WHERE p.period = ? AND p.deleted_at IS NULL ORDER BY p.rowid", (period,)).fetchall()
    minutes = _pdf("专题推进会会议纪要", [f"时间：{period}", "议题：工作任务推进情况调度", "参加单位：各责任单位"])
    plan = _pdf("阶段性工作方案", [f"报送期：{period}", "一、工作目标", "二、推进措施", "三、时间安排"])
    for i, (entry_id, task, dept, status) in enumerate(entries):
        if status == "未启动" or i % 3:
            continue
        evidence.attach_bytes(ledger, "progress_entries", entry_id, f"{dept}{task}推进会会议纪要.pdf", minutes)
        if status == "已完成":
            evidence.attach_bytes(ledger, "progress_entries", entry_id, f"{dept}{task}工作方案.pdf", plan)


def _add_supervision(ledger: Ledger, today: date) -> None:
    w = ledger.writer
    tasks = {r[0]: r[1] for r in ledger.conn.execute("SELECT name, id FROM tasks WHERE deleted_at IS NULL")}
    depts = {r[0]: r[1] for r in ledger.conn.execute("SELECT name, id FROM departments WHERE deleted_at IS NULL")}

    def on(start: date, days: int | None) -> str | None:
        return None if days is None else min(start + timedelta(days=days), today).isoformat()

    for title, detail, dept, task, major, ago, (plan, prog, closed), timeline, note in _ITEMS:
        start = today - timedelta(days=ago)
        w.insert("supervision_items", {
            "title": title, "detail": detail, "department_id": depts.get(dept), "task_id": tasks.get(task),
            "major": int(major), "assigned_on": start.isoformat(), "planned_on": on(start, plan),
            "progress_on": on(start, prog), "closed_on": on(start, closed),
            "timeline": (start + timedelta(days=timeline)).isoformat() if timeline else None,
            "close_note": note})


def fill(ledger: Ledger, ctx: DemoContext) -> None:
    with ledger.write():
        for period in ctx.periods:
            _add_evidence(ledger, period)
        _add_supervision(ledger, ctx.today)
