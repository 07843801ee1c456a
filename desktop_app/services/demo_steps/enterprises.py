"""The 企业 tab's sample: helper pairings, evidence, sign-off history, title expiry, last year's returns.

Runs after the monthly returns (``activity``). Everything is sample data in
the spirit of 晋市政办〔2020〕31号: every 规上 enterprise but two has a helper
unit and a 入企工作小组; most returns carry 印证材料; the county has confirmed
some enterprises in the earlier month (one only after sending it back, one
later revoked); and the same months of last year have returns, so the
summary's growth column has a base.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta

from desktop_app.domain.coverage import CONFIRMED, REJECTED, REVOKED, check_signoff, conditions
from desktop_app.services import metrics
from desktop_app.services.demo_steps import DemoContext, short_name
from desktop_app.services.ledger import Ledger

ORDER = 20

HELPERS = {"煤炭": "县能源局", "煤层气": "县能源局", "电力": "县能源局", "热力": "县住房和城乡建设管理局",
           "供水": "县住房和城乡建设管理局"}  # 004 附件5 归口, at county level; others: 县工信局
EXPERTS = {"煤炭": "太原理工大学矿业工程专家团队", "煤层气": "中国矿业大学煤层气专家团队",
           "装备制造": "晋城市人才储备库装备制造专家组", "建材": "山西省建筑材料工业设计研究院专家组",
           "化工": "太原理工大学化学工程专家组"}
WORKERS = ("赵文斌（科级）", "孙建华", "李晓燕", "王志刚（科级）", "郭丽娟", "杨海峰", "刘振宇（科级）", "陈晓东", "张雅琴")
EVIDENCE = ("研发机构批准文件.pdf", "研发项目立项书.pdf", "研发费用辅助账.pdf", "产学研合作协议.pdf",
            "技术改造验收报告.pdf")
SHARED = "县创新活动推进小组入企宣讲签到表.pdf"  # attached to many returns, stored once
RICH = {
    "innovation_input": "本年度研发经费预算{n}万元，设立研发准备金，研发投入占营业收入比重较上年提高0.3个百分点。",
    "innovation_talent": "现有研发人员{s}人，其中高级职称3人；与太原理工大学联合培养定向科技人员2名。",
    "innovation_project": "实施“{p}”项目，已完成中试，申请发明专利2项。",
    "tech_cooperation": "与中国矿业大学签订产学研合作协议，共建联合实验室。",
}


def _pdf(title: str, lines: list[str]) -> bytes:
    """A small real one-page PDF standing in for a scanned document."""
    from reportlab.pdfgen import canvas

    from desktop_app.reports import fonts

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont(fonts.font_name(fonts.HEI), 18)
    c.drawCentredString(297, 760, title)
    c.setFont(fonts.font_name(fonts.BODY), 12)
    for i, line in enumerate(lines + ["（示例材料，非真实文件）"]):
        c.drawString(72, 700 - i * 22, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def _attach(ledger: Ledger, sid: str, name: str, data: bytes) -> None:
    from desktop_app.services import evidence

    evidence.attach_bytes(ledger, "surveys", sid, name, data)


def _titles(ledger: Ledger, ctx: DemoContext) -> None:
    w, ids, today = ledger.writer, ctx.enterprise_ids, ctx.today
    extra = (
        ("山西鑫伟精铸有限公司", "专精特新“小巨人”", "", today.year - 1, "", None),
        ("山西蓝焰煤层气集团有限责任公司", "高科技领军企业", "", today.year - 1, "", None),
        # an earlier certificate, renewed since (the renewal is the demo's own)
        ("山西易高煤层气有限公司", "高新技术企业", "", today.year - 5, f"GR{today.year - 5}14000318",
         date(today.year - 2, 11, 11).isoformat()),
    )
    for name, title, level, year, cert, until in extra:
        if name in ids:
            w.insert("enterprise_titles", {"enterprise_id": ids[name], "title": title, "level": level, "year": year,
                                           "cert_no": cert, "issued_on": f"{year}-11-12" if cert else None,
                                           "valid_until": until, "recertified": 0})
    if "山西易高煤层气有限公司" in ids:
        ledger.conn.execute("UPDATE enterprise_titles SET recertified = 1 WHERE enterprise_id = ? AND title = ? "
                            "AND year > ?", (ids["山西易高煤层气有限公司"], "高新技术企业", today.year - 5))


def _contacts(ledger: Ledger) -> None:
    """Sample people and addresses so the enterprise page reads like a real file."""
    rows = ledger.conn.execute("SELECT e.id, COALESCE(tw.name, '') FROM enterprises e "
                               "LEFT JOIN units tw ON tw.id = e.township_id ORDER BY e.rowid").fetchall()
    surnames, given = "王李张刘陈杨赵黄周吴郭孙", ("建国", "志强", "海燕", "文军", "晓峰", "丽娟", "振华", "春生")
    for i, (eid, town) in enumerate(rows):
        ledger.writer.update("enterprises", eid, {
            "legal_person": surnames[i % 12] + given[i % 8], "contact": surnames[(i + 5) % 12] + given[(i + 3) % 8],
            "address": f"沁水县{town}{['工业园区', '府城路', '新兴街', '滨河路'][i % 4]}{10 + i * 7}号"})


def _pairings(ledger: Ledger, ctx: DemoContext) -> None:
    rows = ledger.conn.execute("SELECT id, industry FROM enterprises WHERE above_scale = 1 AND deleted_at IS NULL "
                               "ORDER BY rowid").fetchall()
    for i, (eid, industry) in enumerate(rows):
        if i in (7, 15):
            continue  # not yet paired: the tab's (未结对) filter shows them
        group = "、".join(WORKERS[(i + k) % len(WORKERS)] for k in range(3))
        ledger.writer.insert("helper_pairings", {
            "enterprise_id": eid, "helper_unit": HELPERS.get(industry, "县工信局"), "work_group": group,
            "expert_team": EXPERTS.get(industry, ""), "mode": "一帮一" if i % 3 else "一帮多",
            "since": f"{ctx.today.year - 1}-07-{1 + i % 20:02d}", "note": "示例数据"}, audit=False)


def _enrich(ledger: Ledger, period: str) -> None:
    """Fuller answers and a second project for a few returns of the latest month."""
    rows = ledger.conn.execute(
        "SELECT s.id, e.name FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.period = ? "
        "AND s.deleted_at IS NULL ORDER BY e.rowid LIMIT 6", (period,)).fetchall()
    w = ledger.writer
    for i, (sid, name) in enumerate(rows):
        project = f"{short_name(name)}智能化关键技术"
        w.update("surveys", sid, {k: v.format(n=120 + i * 35, s=8 + i, p=project) for k, v in RICH.items()})
        seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM survey_projects WHERE survey_id = ?",
                                  (sid,)).fetchone()[0]
        w.insert("survey_projects", {"survey_id": sid, "seq": seq, "name": project,
                                     "source_doc": f"晋市科发〔{period[:4]}〕{20 + i}号", "staff": 5 + i,
                                     "spending": round(60 + i * 11.5, 2), "assets": round(25 + i * 4.0, 2)})


def _evidence(ledger: Ledger, ctx: DemoContext) -> None:
    shared = _pdf(SHARED[:-4], ["时间：本月上旬", "地点：县工信局三楼会议室"])
    rows = ledger.conn.execute(
        "SELECT s.id, e.name, s.period FROM surveys s JOIN enterprises e ON e.id = s.enterprise_id "
        "WHERE s.period IN (?, ?) AND s.deleted_at IS NULL ORDER BY s.period, e.rowid", ctx.periods).fetchall()
    for i, (sid, name, period) in enumerate(rows):
        if i % 6 == 5:
            continue  # some returns still lack evidence: not yet eligible
        for k in range(1 + i % 2):
            doc = EVIDENCE[(i + k) % len(EVIDENCE)]
            _attach(ledger, sid, doc, _pdf(doc[:-4], [f"单位：{name}", f"报送期：{period}"]))
        if i % 3 == 0:
            _attach(ledger, sid, SHARED, shared)


def _decisions(ledger: Ledger, ctx: DemoContext) -> None:
    """The county's decisions on the earlier month, dated in the days after it."""
    older, latest = ctx.periods
    y, m = map(int, latest.split("-"))
    base = date(y, m, 3)
    facts = metrics.survey_facts(ledger, older)
    eligible = [eid for eid, f in sorted(facts.items()) if check_signoff(f).eligible]
    w = ledger.writer
    surveys = dict(ledger.conn.execute("SELECT enterprise_id, id FROM surveys WHERE period = ? AND deleted_at IS NULL",
                                       (older,)).fetchall())

    def decide(eid: str, decision: str, reason: str, day: int, hour: int = 9) -> None:
        w.insert("signoffs", {
            "enterprise_id": eid, "survey_id": surveys.get(eid), "period": older, "decision": decision,
            "conditions": json.dumps(conditions(check_signoff(facts.get(eid)))), "reason": reason,
            "decided_by": ledger.operator,
            "decided_at": datetime.combine(base + timedelta(days=day), time(hour, 30)).astimezone().isoformat()})

    for i, eid in enumerate(eligible[: max(1, len(eligible) * 3 // 5)]):
        if i == 1:
            decide(eid, REJECTED, "研发费用辅助账未加盖企业公章，请补充后重报", 0)
            decide(eid, CONFIRMED, "已补充盖章材料，符合销号条件", 4)
        elif i == 3:
            decide(eid, CONFIRMED, "符合销号条件，予以确认", 1)
            decide(eid, REVOKED, "复核发现研发项目尚未立项，撤销销号，待补充立项文件", 6, 15)
        else:
            decide(eid, CONFIRMED, "符合销号条件，予以确认", 1 + i % 3)


def _last_year(ledger: Ledger, ctx: DemoContext) -> None:
    """The same months of last year, spending a little lower (the growth column's base)."""
    w, rng = ledger.writer, ctx.rng
    for period in ctx.periods:
        before = metrics.same_period_last_year(period)
        for sid, eid in ledger.conn.execute(
                "SELECT id, enterprise_id FROM surveys WHERE period = ? AND deleted_at IS NULL ORDER BY rowid",
                (period,)).fetchall():
            old = w.insert("surveys", {"enterprise_id": eid, "period": before, "innovation_input": "按计划投入研发经费",
                                       "other_activities": "[3]", "filled_by": "示例填报人",
                                       "filled_on": f"{before}-28"}, audit=False)
            for table, cols in (("survey_institutions", "seq, name, approver, field, count, staff, spending, "
                                                        "equipment_value"),
                                ("survey_projects", "seq, name, source_doc, staff, spending, assets")):
                for row in ledger.conn.execute(f"SELECT {cols} FROM {table} WHERE survey_id = ?", (sid,)).fetchall():
                    values = dict(zip([c.strip() for c in cols.split(",")], row, strict=True))
                    values["spending"] = round(values["spending"] * rng.uniform(0.8, 0.95), 2)
                    w.insert(table, {"survey_id": old, **values}, audit=False)


def fill(ledger: Ledger, ctx: DemoContext) -> None:
    with ledger.write() as w:
        _titles(ledger, ctx)
        _contacts(ledger)
        _pairings(ledger, ctx)
        _enrich(ledger, ctx.periods[1])
        _evidence(ledger, ctx)
        _decisions(ledger, ctx)
        _last_year(ledger, ctx)
        w.log("bulk", "enterprises", None, None, {"demo": "pairings, evidence, sign-offs, last year's returns"})
