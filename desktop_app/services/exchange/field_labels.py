"""What a clerk calls a column, for the side-by-side views of 导入预览 and 冲突待处理."""

from desktop_app import i18n
from desktop_app.domain.survey import INSTITUTION_FIELDS, PROJECT_FIELDS
from desktop_app.services.exchange.share import table_label
from desktop_app.services.ledger import Ledger

LABEL_COLUMNS = ("name", "title", "indicator", "period", "file_name")

_T = i18n.QT_TRANSLATE_NOOP

FIELD_LABELS = {
    # enterprises, titles, pairings
    "name": _T("i18n", "名称"), "uscc": _T("i18n", "统一社会信用代码"), "township_id": _T("i18n", "所属乡镇"),
    "industry": _T("i18n", "行业"), "above_scale": _T("i18n", "规上"), "address": _T("i18n", "地址"),
    "legal_person": _T("i18n", "法定代表人"), "contact": _T("i18n", "联系人"), "phone": _T("i18n", "联系电话"),
    "founded_on": _T("i18n", "成立日期"), "is_sample": _T("i18n", "示例数据"), "note": _T("i18n", "备注"),
    "created_at": _T("i18n", "登记时间"), "deleted_at": _T("i18n", "删除时间"), "enterprise_id": _T("i18n", "企业"),
    "cert_no": _T("i18n", "证书编号"), "issued_on": _T("i18n", "发证日期"), "valid_until": _T("i18n", "有效期至"),
    "recertified": _T("i18n", "已复审"), "year": _T("i18n", "年度"), "helper_unit": _T("i18n", "帮扶单位"),
    "work_group": _T("i18n", "入企工作小组成员"), "expert_team": _T("i18n", "专家团队"), "mode": _T("i18n", "帮扶方式"),
    "since": _T("i18n", "结对日期"),
    # surveys and 销号
    "period": _T("i18n", "报送期"), "innovation_input": _T("i18n", "创新投入"),
    "innovation_talent": _T("i18n", "创新人才"), "innovation_project": _T("i18n", "创新项目"),
    "innovation_platform": _T("i18n", "创新平台"), "tech_rd": _T("i18n", "技术研发"),
    "tech_cooperation": _T("i18n", "技术合作"), "other_activities": _T("i18n", "其他创新活动"),
    "filled_by": _T("i18n", "填表人"), "filled_on": _T("i18n", "填表日期"), "survey_id": _T("i18n", "调查表"),
    "survey_institutions": _T("i18n", "研发机构"), "survey_projects": _T("i18n", "研发项目"),
    "decision": _T("i18n", "结论"), "conditions": _T("i18n", "条件"), "reason": _T("i18n", "理由"),
    "decided_by": _T("i18n", "决定人"), "decided_at": _T("i18n", "决定时间"),
    # progress
    "assignment_id": _T("i18n", "任务分工"), "status": _T("i18n", "状态"), "work_done": _T("i18n", "工作进展"),
    "problems": _T("i18n", "存在问题"), "next_steps": _T("i18n", "下步打算"), "submitted_on": _T("i18n", "报送日期"),
    "assignment_contacts": _T("i18n", "责任人"),
    # talent, teams, 特派员
    "gender": _T("i18n", "性别"), "birth_year": _T("i18n", "出生年份"), "id_number": _T("i18n", "身份证号"),
    "education": _T("i18n", "学历"), "degree": _T("i18n", "学位"), "prof_title": _T("i18n", "职称"),
    "specialty": _T("i18n", "专业特长"), "employer": _T("i18n", "工作单位"), "category": _T("i18n", "类别"),
    "high_level": _T("i18n", "高层次人才"), "high_level_tier": _T("i18n", "人才层次"),
    "intro_method": _T("i18n", "引进方式"), "intro_date": _T("i18n", "引进日期"),
    "support_housing": _T("i18n", "住房保障"), "support_award": _T("i18n", "奖励补贴"),
    "support_case": _T("i18n", "一事一议"), "support_case_amount": _T("i18n", "一事一议金额"),
    "leader": _T("i18n", "负责人"), "major": _T("i18n", "专业"), "position": _T("i18n", "职务"),
    "team_members": _T("i18n", "团队成员"), "served_on": _T("i18n", "服务日期"), "content": _T("i18n", "内容"),
    # platforms
    "type": _T("i18n", "类型"), "level": _T("i18n", "级别"), "host_enterprise_id": _T("i18n", "依托企业"),
    "host_name": _T("i18n", "依托单位"), "approver": _T("i18n", "批准部门"), "approval_doc": _T("i18n", "批准文号"),
    "approved_on": _T("i18n", "批准日期"), "field": _T("i18n", "领域"), "staff": _T("i18n", "人员数"),
    "investment": _T("i18n", "投入（万元）"), "evaluation": _T("i18n", "评价结果"),
    "platform_status_history": _T("i18n", "状态变化"),
    # evidence, explanations, others
    "title": _T("i18n", "标题"), "file_name": _T("i18n", "文件名"), "size": _T("i18n", "大小"),
    "sha256": _T("i18n", "文件内容"), "record_id": _T("i18n", "所属记录"), "record_table": _T("i18n", "所属类别"),
    "rule": _T("i18n", "审核规则"), "text": _T("i18n", "说明"), "amount_wan": _T("i18n", "金额（万元）"),
    "value": _T("i18n", "数值"), "code": _T("i18n", "代码"), "reports": _T("i18n", "报送内容"),
    "parent_id": _T("i18n", "上级单位"), "seq": _T("i18n", "序号"), "count": _T("i18n", "数量"),
    "target_values": _T("i18n", "分年目标"), "leading_group_members": _T("i18n", "成员"),
    "reward_rules": _T("i18n", "奖补标准"),
}

YES_NO = frozenset({"above_scale", "is_sample", "recertified", "high_level", "support_housing", "support_award",
                    "support_case"})


def field_label(name: str) -> str:
    return i18n.tr(FIELD_LABELS.get(name, name))


CHILD_COLUMNS = {"survey_institutions": {k: label for k, label, _kind in INSTITUTION_FIELDS},
                 "survey_projects": {k: label for k, label, _kind in PROJECT_FIELDS}}


def describe(d) -> str:
    """A FieldDiff's field: 联系电话, or 研发机构“中试基地”：机构研究开发费用（万元）."""
    if not d.child:
        return field_label(d.name)
    row = i18n.tr("{table}“{row}”").format(table=field_label(d.child), row=d.row_name)
    if d.whole:
        return row
    label = CHILD_COLUMNS.get(d.child, {}).get(d.column) or FIELD_LABELS.get(d.column, d.column)
    return f"{row}：{i18n.tr(label)}"


def record_label(ledger: Ledger, table: str, row: dict) -> str:
    """What the record is, for a person: 企业：沁和能源集团有限公司, 调查表：沁和能源集团有限公司 2026-11."""
    what = next((str(row[col]) for col in LABEL_COLUMNS if row.get(col)), "")
    if table != "enterprises" and (firm := row.get("enterprise_id")):
        name = ledger.conn.execute("SELECT name FROM enterprises WHERE id = ?", (firm,)).fetchone()
        what = f"{name[0]} {what}".strip() if name else what
    return f"{table_label(table)}：{what}" if what else table_label(table)
