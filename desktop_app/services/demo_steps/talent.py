"""Demo data for the 人才 and 平台 tabs, targets and rewards.

Teams with members, 科技特派员 postings with service records, platform status
histories and figures, new platforms that earn rewards (two of them grouped
as one project), a re-certified 高新技术企业, reward amounts set and paid,
and typed actuals for targets the ledger cannot count. Dates are counted
back from the demo's today so every window has something this year and last.
"""

from datetime import date, timedelta

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import platforms, rewards, talent, targets, units
from desktop_app.services.demo import sample_id_number, sample_phone
from desktop_app.services.demo_steps import DemoContext, title_dates
from desktop_app.services.ledger import Ledger
from desktop_app.services.talent import commissioners, teams

ORDER = 20
SAMPLE = QT_TRANSLATE_NOOP("i18n", "示例数据：身份证号、电话为格式有效的示例值")

# name, gender, birth year, education, degree, title, specialty, category, method, industry, employer
PEOPLE = (
    ("韩志强", "男", 1988, "硕士研究生", "硕士", "中级", "采矿工程", "专业技术人才", "人才团队", "煤炭", "沁和能源集团有限公司"),
    ("冯丽娜", "女", 1991, "硕士研究生", "硕士", "中级", "机电一体化", "专业技术人才", "人才团队", "煤炭", "沁和能源集团有限公司"),
    ("田晓峰", "男", 1979, "大学本科", "学士", "副高级", "农业机械", "农村实用人才", "科技特派员选派", "现代农业",
     "沁水县农业农村局"),
    ("程静怡", "女", 1993, "博士研究生", "博士", "中级", "油气田开发", "专业技术人才", "全职引进", "煤层气",
     "山西蓝焰煤层气集团有限责任公司"),
)

# platform: name, type, level, host enterprise or institution, approver, document, days before today
NEW_PLATFORMS = (
    ("山西省煤层气高效开发工程技术研究中心", "工程技术研究中心", "省级", "山西蓝焰煤层气集团有限责任公司", "",
     "山西省科学技术厅", "晋科发〔{y}〕41号", 420),
    ("山西省煤层气储层改造重点实验室", "重点实验室", "省级", "山西蓝焰煤层气集团有限责任公司", "",
     "山西省科学技术厅", "晋科发〔{y}〕17号", 150),
    ("沁水经济技术开发区科技企业孵化器", "科技企业孵化器", "省级", "", "沁水经济技术开发区管委会",
     "山西省科学技术厅", "晋科发〔{y}〕26号", 120),
    ("沁水县技术转移服务中心", "技术转移机构", "省级", "", "太原理工大学沁水技术转移中心",
     "山西省科学技术厅", "晋科发〔{y}〕33号", 90),
)

FIGURES = {  # staff, investment (万元), evaluation, approval document (demo platforms of demo.toml)
    "煤与煤层气共采国家重点实验室": (86, 12500.0, "2023 年国家重点实验室评估：良好", "国科发基〔2016〕389号"),
    "国家煤层气产业化基地专家工作站": (12, 260.0, "", "晋科协发〔2018〕22号"),
    "国家煤层气产业化基地博士工作站": (9, 180.0, "", "晋人社厅函〔2019〕412号"),
    "煤层气资源与协同开发产学研联合实验室": (24, 1350.0, "2024 年度绩效评价：优秀", "晋市科发〔2021〕58号"),
    "沁水县双创产业园众创空间": (15, 620.0, "2024 年度考核：合格", "晋科函〔2020〕171号"),
    "沁水县现代农业星创天地": (11, 300.0, "2024 年度考核：良好", "晋科函〔2019〕205号"),
    "沁水县小微企业创业创新基地": (8, 450.0, "", "晋市工信发〔2020〕96号"),
    "山西鑫伟精铸企业技术中心": (18, 980.0, "2024 年度评价：合格", "晋市工信发〔2022〕63号"),
}


def _ago(ctx: DemoContext, days: int) -> str:
    return (ctx.today - timedelta(days=days)).isoformat()


def _people(ledger: Ledger, ctx: DemoContext) -> dict[str, str]:
    ids = {r[0]: r[1] for r in ledger.conn.execute("SELECT name, id FROM talent WHERE deleted_at IS NULL")}
    for i, (name, gender, born, edu, degree, title, spec, cat, method, ind, employer) in enumerate(PEOPLE):
        ids[name] = talent.save(ledger, {
            "name": name, "gender": gender, "birth_year": born, "id_number": sample_id_number(ctx.rng, born, gender=gender),
            "phone": sample_phone(ctx.rng), "education": edu, "degree": degree, "prof_title": title, "specialty": spec,
            "category": cat, "intro_method": method, "industry": ind, "employer": employer,
            "enterprise_id": ctx.enterprise_ids.get(employer), "intro_date": _ago(ctx, 300 - i * 40), "note": i18n.tr(SAMPLE)})
    for name, changes in (("李沁阳", {"support_housing": 1, "support_award": 5}),
                          ("孙文博", {"support_case": "科研启动经费", "support_case_amount": 30, "support_housing": 1})):
        if name in ids:
            record = talent.get(ledger, ids[name])
            talent.save(ledger, {**record, **changes}, ids[name])
    return ids


def _teams(ledger: Ledger, ctx: DemoContext, people: dict[str, str]) -> None:
    teams.save(ledger, {"name": "煤矿智能开采创新团队", "leader_id": people["孙文博"], "field": "智能综采、矿山物联网",
                        "enterprise_id": ctx.enterprise_ids.get("沁和能源集团有限公司"), "intro_method": "人才团队",
                        "intro_date": talent.get(ledger, people["孙文博"])["intro_date"]},
               [(people["韩志强"], "核心成员"), (people["冯丽娜"], "成员")])
    teams.save(ledger, {"name": "煤层气储层改造研发团队", "leader_id": people["李沁阳"], "field": "储层压裂改造",
                        "enterprise_id": ctx.enterprise_ids.get("山西蓝焰煤层气集团有限责任公司"),
                        "intro_method": "柔性引进", "intro_date": talent.get(ledger, people["李沁阳"])["intro_date"],
                        "note": "张遂安教授柔性指导"},
               [(people["张遂安"], "核心成员"), (people["程静怡"], "成员")])


def _commissioners(ledger: Ledger, ctx: DemoContext, people: dict[str, str]) -> None:
    towns = {c.name: c.id for c in units.townships(ledger)}
    first = talent.get(ledger, people["郭建平"])["intro_date"]
    pid = commissioners.save(ledger, {"talent_id": people["郭建平"], "township_id": towns.get("柿庄镇"),
                                      "start_on": first, "note": "中药材（连翘、黄芩）种植技术服务"})
    for days, text in ((200, "到柿庄镇连翘种植基地开展病虫害防治现场指导，培训农户 35 人"),
                       (95, "协助村集体制定黄芩规范化种植方案"), (20, "开展中药材采收与初加工技术培训")):
        commissioners.add_service(ledger, pid, {"served_on": _ago(ctx, days), "content": text})
    start = talent.get(ledger, people["田晓峰"])["intro_date"]
    pid = commissioners.save(ledger, {"talent_id": people["田晓峰"],
                                      "enterprise_id": ctx.enterprise_ids.get("沁水县圣康蜂产品有限公司"),
                                      "start_on": start, "note": "蜂产品加工设备改造"})
    for days, text in ((150, "诊断蜂蜜浓缩生产线能耗问题，提出改造建议"), (40, "指导完成灌装线自动化改造调试")):
        commissioners.add_service(ledger, pid, {"served_on": _ago(ctx, days), "content": text})


def _platforms(ledger: Ledger, ctx: DemoContext) -> dict[str, str]:
    ids = {}
    for name, kind, level, host, host_name, approver, doc, days in NEW_PLATFORMS:
        approved = ctx.today - timedelta(days=days)
        ids[name] = platforms.save(ledger, {
            "name": name, "type": kind, "level": level, "status": "已认定", "approved_on": approved.isoformat(),
            "host_enterprise_id": ctx.enterprise_ids.get(host), "host_name": host_name, "approver": approver,
            "approval_doc": doc.format(y=approved.year), "field": "煤层气" if "煤层气" in name else "科技服务"})
    w = ledger.writer
    for pid, name, status, approved in ledger.conn.execute(
            "SELECT id, name, status, approved_on FROM platforms WHERE deleted_at IS NULL").fetchall():
        if name in FIGURES:
            staff, invest, evaluation, doc = FIGURES[name]
            w.update("platforms", pid, {"staff": staff, "investment": invest, "evaluation": evaluation,
                                        "approval_doc": doc if status == "已认定" else ""})
        start = date.fromisoformat(approved) if approved else ctx.today - timedelta(days=200)
        steps = [("培育中", start - timedelta(days=540), "列入培育计划"), ("申报中", start - timedelta(days=150), "提交认定申请")]
        for step, when, note in steps[: 2 if status == "已认定" else (1 if status == "申报中" else 0)]:
            w.insert("platform_status_history", {"platform_id": pid, "status": step, "changed_on": when.isoformat(),
                                                 "note": note, "operator": ledger.operator})
    return ids


def _rewards(ledger: Ledger, ctx: DemoContext, new_platforms: dict[str, str], people: dict[str, str]) -> None:
    blue = ctx.enterprise_ids.get("山西蓝焰煤层气集团有限责任公司")
    last = ctx.today.year - 1
    if blue:
        with ledger.write() as w:
            issued, until = title_dates("高新技术企业", last, 8, ctx.today, month=12)
            w.insert("enterprise_titles", {"enterprise_id": blue, "title": "高新技术企业", "year": last,
                                           "cert_no": f"GR{last}14000587", "issued_on": issued,
                                           "valid_until": until, "recertified": 1})
    centre, lab = (f"platforms:{new_platforms[n]}" for n in ("山西省煤层气高效开发工程技术研究中心",
                                                               "山西省煤层气储层改造重点实验室"))
    rewards.record_payment(ledger, centre, {"amount_paid": 10, "paid_on": _ago(ctx, 330),
                                            "note": "县财政局拨付"})
    rewards.group(ledger, [centre, lab])  # the lab builds on the centre's technology: one project
    for a in rewards.awards(ledger, last):
        if a.event.event.startswith("high_tech") and a.status == "due":
            rewards.record_payment(ledger, a.event.key, {"amount_paid": a.due, "paid_on": f"{last}-12-28"})
    if "孙文博" in people:
        rewards.set_amount(ledger, f"talent:{people['孙文博']}",
                           {"approved_amount": 20, "note": "按县人才引进有关规定，经县委人才工作领导小组研究核定"})
    rule = next(r for r in rewards.rules(ledger) if r.event == "tech_transfer_deal")
    rewards.add_manual(ledger, {"rule_id": rule.id, "year": ctx.today.year,
                                "enterprise_id": ctx.enterprise_ids.get("山西鑫伟精铸有限公司"),
                                "description": "精密铸造砂型3D打印技术成果在县内转化",
                                "approved_amount": 3, "note": "经省科技成果转化平台交易，按成交额 10% 核定"})


def _typed_actuals(ledger: Ledger, ctx: DemoContext) -> None:
    last = ctx.today.year - 1
    ids = {r[0]: r[1] for r in ledger.conn.execute("SELECT seed_key, id FROM targets WHERE seed_key IS NOT NULL")}
    for key, value, note in (
            ("002-rd-intensity", 1.72, "县统计局《{y}年全县科技统计快报》"),
            ("000-tech-contract-value", 1.2, "山西省技术市场登记数据（{y}年）"),
            ("002-cbm-utilisation", 93.5, "县能源局{y}年煤层气开发利用年报"),
            ("000-smart-mining-faces", 2, "县能源局煤矿智能化建设台账"),
            ("002-5g-sites", 236, "县工信局、晋城移动沁水分公司统计"),
            ("002-farmer-training", 1080, "县农业农村局高素质农民培育台账")):
        if key in ids:
            targets.set_actual(ledger, ids[key], {"year": last, "value": value, "source_note": note.format(y=last)})


def fill(ledger: Ledger, ctx: DemoContext) -> None:
    people = _people(ledger, ctx)
    _teams(ledger, ctx, people)
    _commissioners(ledger, ctx, people)
    with ledger.write():
        new_platforms = _platforms(ledger, ctx)
    _rewards(ledger, ctx, new_platforms, people)
    _typed_actuals(ledger, ctx)
