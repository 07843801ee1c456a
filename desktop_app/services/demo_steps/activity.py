"""Two months of monthly work for the demo: progress entries and survey returns."""

import json
from datetime import date

from desktop_app.services.demo_steps import DemoContext, short_name
from desktop_app.services.ledger import Ledger

ORDER = 10

_WORK = ("召开专题推进会，梳理{task}工作清单", "对接重点企业，落实{task}相关措施",
         "完成{task}阶段性目标的摸底调查", "起草{task}实施细则并征求意见")
_PROBLEMS = ("", "", "企业申报积极性不高", "专业人才不足", "资金落实进度偏慢")
_NEXT = ("继续跟踪推进，按月报送进展", "加强与上级部门对接，争取政策支持", "组织企业参加培训，做好申报准备")


def _next_month_first(period: str) -> date:
    y, m = map(int, period.split("-"))
    return date(y + (m == 12), m % 12 + 1, 1)


def fill(ledger: Ledger, ctx: DemoContext) -> None:
    conn, periods, rng = ledger.conn, ctx.periods, ctx.rng
    with ledger.write() as w:
        assignments = conn.execute(
            "SELECT a.id, t.name FROM assignments a JOIN tasks t ON t.id = a.task_id "
            "WHERE a.deleted_at IS NULL ORDER BY a.rowid").fetchall()
        for p_i, period in enumerate(periods):
            due = _next_month_first(period)
            for a_i, (aid, task) in enumerate(assignments):
                if p_i == 1 and a_i % 9 == 4:
                    continue  # a few units have not reported the latest month
                status = ("已完成" if a_i % 7 == 0 else "滞后" if a_i % 11 == 3 else "推进中"
                          if p_i or a_i % 5 else "未启动")
                late = a_i % 6 == 2
                submitted = date.fromordinal(due.toordinal() + (rng.randint(1, 6) if late else -rng.randint(0, 3)))
                if submitted > ctx.today:
                    continue  # a late report not yet in on the day the demo is built: still missing
                w.insert("progress_entries", {
                    "assignment_id": aid, "period": period, "status": status,
                    "work_done": rng.choice(_WORK).format(task=task), "problems": rng.choice(_PROBLEMS),
                    "next_steps": rng.choice(_NEXT), "submitted_on": submitted.isoformat()}, audit=False)
        w.log("bulk", "progress_entries", None, None, {"demo_periods": list(periods)})

        above = conn.execute("SELECT id, name FROM enterprises WHERE above_scale = 1 AND deleted_at IS NULL "
                             "ORDER BY rowid").fetchall()
        for p_i, period in enumerate(periods):
            for e_i, (eid, name) in enumerate(above):
                if e_i % 8 == 7:
                    continue  # not every enterprise has returned its form
                activities = sorted(rng.sample(range(1, 15), k=rng.randint(0, 4)))
                sid = w.insert("surveys", {
                    "enterprise_id": eid, "period": period,
                    "innovation_input": f"全年研发经费预计投入{50 + e_i * 12}万元",
                    "innovation_talent": "现有研发人员" + str(5 + e_i % 9) + "人",
                    "innovation_project": "实施技术改造项目1项" if e_i % 3 else "",
                    "innovation_platform": "企业技术中心正常运行" if e_i % 4 == 0 else "",
                    "tech_rd": "开展关键工艺攻关" if e_i % 2 == 0 else "",
                    "tech_cooperation": "与太原理工大学开展产学研合作" if e_i % 5 == 0 else "",
                    "other_activities": json.dumps(activities), "filled_by": "示例填报人",
                    "filled_on": min(_next_month_first(period), ctx.today).isoformat()}, audit=False)
                if e_i % 3 != 2:
                    w.insert("survey_institutions", {
                        "survey_id": sid, "seq": 1, "name": f"{short_name(name)}研发中心",
                        "approver": "企业自建" if e_i % 2 else "晋城市科学技术局", "field": "工艺技术",
                        "count": 1, "staff": 6 + e_i % 10, "spending": round(40 + e_i * 7.5 + p_i * 3.2, 2),
                        "equipment_value": round(120 + e_i * 15.0, 2)})
                if e_i % 2 == 0:
                    w.insert("survey_projects", {
                        "survey_id": sid, "seq": 1, "name": f"{short_name(name)}关键技术研发项目",
                        "source_doc": "企业自立项目" if e_i % 4 else "晋市科字〔2025〕12号",
                        "staff": 4 + e_i % 6, "spending": round(30 + e_i * 4.25 + p_i * 2.5, 2),
                        "assets": round(15 + e_i * 2.0, 2)})
        w.log("bulk", "surveys", None, None, {"demo_periods": list(periods)})
